"""A deployment with servers refuses to start without its shared secrets.

The embedded default (SQLite, jobs in-process) needs none; a Redis queue or a
PostgreSQL database means several API processes serving the same people, so
the session secret and the audit seed must be set, each error naming the
setting. Nothing here connects to a server: the check runs before any does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from api.app import create_app
from ingest.errors import ConfigurationError, ErrorCode
from ingest.settings import Settings
from tests.service_fixtures import ROOT, TEST_SECRETS, settings_env

SERVERS = {
    "redis": {"redis_url": "redis://127.0.0.1:6379/0"},
    "postgres": {"database_url": "postgresql://certverify@127.0.0.1:5432/certverify"},
    "both": {
        "redis_url": "redis://127.0.0.1:6379/0",
        "database_url": "postgresql://certverify@127.0.0.1:5432/certverify",
    },
}
MISSING = {
    "no_secrets": ({}, "CERTVERIFY_WEB_SESSION_SECRET is not set"),
    "no_session_secret": (
        {"audit_seed": TEST_SECRETS["audit_seed"]},
        "CERTVERIFY_WEB_SESSION_SECRET is not set",
    ),
    "no_audit_seed": (
        {"web_session_secret": TEST_SECRETS["web_session_secret"]},
        "CERTVERIFY_AUDIT_SEED is not set",
    ),
    "short_audit_seed": (
        {"web_session_secret": TEST_SECRETS["web_session_secret"], "audit_seed": SecretStr("x")},
        "CERTVERIFY_AUDIT_SEED is shorter than 32 characters",
    ),
}


@pytest.mark.parametrize("servers", SERVERS.values(), ids=SERVERS.keys())
@pytest.mark.parametrize(("given", "message"), MISSING.values(), ids=MISSING.keys())
def test_servers_without_a_secret_refuse_to_start(
    tmp_path: Path, servers: dict[str, str], given: dict[str, SecretStr], message: str
) -> None:
    settings = Settings(data_dir=tmp_path, **servers, **given)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=message) as refused:
        create_app(settings)
    assert refused.value.code is ErrorCode.CONFIGURATION_INVALID


@pytest.mark.parametrize(
    "settings",
    [
        Settings(data_dir=Path("unused")),
        Settings(data_dir=Path("unused"), **SERVERS["both"], **TEST_SECRETS),  # type: ignore[arg-type]
    ],
    ids=["embedded_default_needs_nothing", "servers_with_both_secrets"],
)
def test_these_configurations_start(settings: Settings) -> None:
    assert create_app(settings).title == "certverify"


def test_serve_names_the_missing_setting_and_exits(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, redis_url="redis://127.0.0.1:1/0")
    env = settings_env(settings)
    env.pop("CERTVERIFY_WEB_SESSION_SECRET", None)
    served = subprocess.run(
        [sys.executable, "-m", "cli.main", "serve", "--port", "1"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (served.returncode, "CERTVERIFY_WEB_SESSION_SECRET is not set" in served.stderr) == (
        2,
        True,
    ), served.stderr
