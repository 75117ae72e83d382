"""Page sessions kept on the server, one secret per deployment, security headers everywhere.

Real `certverify serve` processes (embedded: SQLite, data folder on disk),
the real login form over HTTP: logging out makes the old cookie useless, two
server processes honour each other's sessions, a mangled cookie is a trip to
the login form, and every answer carries the security headers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.settings import Settings
from tests.service_fixtures import (
    ROOT,
    TRIVIAL_PDF,
    Keys,
    free_port,
    make_keys,
    serving,
    settings_env,
    upload_and_wait,
    wait_healthy,
)

SESSION_COOKIE = "cv_session"
REQUESTS = 12
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[tuple[str, Keys]]:
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    with serving(settings, tmp_path / "api.log") as base:
        yield base, keys


def _log_in(client: httpx.Client, base: str, key: str) -> str:
    """Log in through the form; the CSRF token of the session's pages."""
    form = client.get(f"{base}/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token
    answer = client.post(f"{base}/web/login", data={"api_key": key, "csrf": token[1]})
    assert answer.status_code == 303, answer.text
    page = client.get(f"{base}/web/dashboard").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found[1]


def _dashboard_status(base: str, cookie: str | bytes) -> int:
    raw = cookie if isinstance(cookie, bytes) else cookie.encode("ascii")
    answer = httpx.get(f"{base}/web/dashboard", headers=[(b"Cookie", raw)])
    return answer.status_code


def test_logging_out_ends_the_session_on_the_server(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    with httpx.Client() as client:
        csrf = _log_in(client, base, keys.trainer_a)
        old = f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"
        before = _dashboard_status(base, old)
        client.post(f"{base}/web/logout", data={"csrf": csrf})
    assert (before, _dashboard_status(base, old)) == (200, 303)


@pytest.mark.parametrize(
    "cookie",
    [f"{SESSION_COOKIE}=é.x".encode(), f"{SESSION_COOKIE}=abc.def".encode()],
    ids=["non_ascii", "forged"],
)
def test_a_mangled_cookie_leads_to_the_login_form(embedded: tuple[str, Keys], cookie: str) -> None:
    base, _keys = embedded
    assert _dashboard_status(base, cookie) == 303


def test_a_non_ascii_login_token_is_refused_not_a_crash(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    with httpx.Client() as client:
        client.get(f"{base}/web/login")
        answer = client.post(f"{base}/web/login", data={"api_key": keys.trainer_a, "csrf": "é"})
    assert answer.status_code == 403


def test_two_server_processes_share_the_embedded_secret(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "cli.main", "serve", "--port", str(port), "--workers", "2"]
    with (tmp_path / "api.log").open("wb") as log:
        process = subprocess.Popen(
            command, env=settings_env(settings), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(base, process)
        time.sleep(1.0)  # both processes up
        with httpx.Client() as client:
            _log_in(client, base, keys.trainer_a)
            cookie = f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"
        # a new connection each time, so both processes answer some of them
        statuses = [_dashboard_status(base, cookie) for _ in range(REQUESTS)]
    finally:
        process.terminate()
        process.wait(20)
    assert statuses == [200] * REQUESTS


def _answers(base: str, keys: Keys) -> dict[str, httpx.Response]:
    with httpx.Client() as client:
        _log_in(client, base, keys.trainer_a)
        headers = keys.header("trainer_a")
        document_id = upload_and_wait(base, keys, TRIVIAL_PDF)
        return {
            "page": client.get(f"{base}/web/dashboard"),
            "login": client.get(f"{base}/web/login"),
            "preview": client.get(
                f"{base}/v1/documents/{document_id}/pages/1.png", headers=headers
            ),
            "json": client.get(f"{base}/v1/documents/{document_id}", headers=headers),
            "docs": client.get(f"{base}/docs"),
            "error": client.get(f"{base}/v1/documents/nope", headers=headers),
        }


def test_every_answer_carries_the_security_headers(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    missing = {}
    for name, answer in _answers(base, keys).items():
        policy = answer.headers.get("content-security-policy", "")
        wanted = {**HEADERS, "cache-control": "no-store"}
        lacking = [h for h, v in wanted.items() if answer.headers.get(h) != v]
        if "frame-ancestors 'none'" not in policy:
            lacking.append("frame-ancestors")
        if lacking:
            missing[name] = lacking
    assert missing == {}


def test_the_api_docs_load_nothing_from_another_host(embedded: tuple[str, Keys]) -> None:
    base, _keys = embedded
    page = httpx.get(f"{base}/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert [s for s in sources if "://" in s or s.startswith("//")] == []
