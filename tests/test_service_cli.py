"""The service commands as an operator runs them: keys, migrate, reconcile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ingest.settings import Settings
from tests.service_fixtures import ROOT, running_api, settings_env


def certverify(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        env=settings_env(settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_key_is_printed_once_and_stored_only_hashed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    made = certverify(
        settings, "keys", "create", "--role", "trainer", "--trainer", "T-9", "--name", "Dana"
    )
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert key.startswith("cvk_") and len(key.splitlines()) == 1
    for stored in (tmp_path / "data").glob("certverify.db*"):  # the WAL file too
        assert key.encode() not in stored.read_bytes()
    listed = certverify(settings, "keys", "list")
    assert listed.returncode == 0 and "T-9" in listed.stdout and key not in listed.stdout
    with running_api(settings) as api:
        answer = api.client.get("/v1/documents", headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 200


def test_a_trainer_key_needs_its_trainer(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    refused = certverify(settings, "keys", "create", "--role", "trainer", "--name", "x")
    assert refused.returncode == 2 and "--trainer" in refused.stderr
    assert refused.stdout == ""


def test_a_person_is_added_to_sign_in_by_email(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    args = ("--email", "Dana.Lee@example.org", "--name", "Dana Lee", "--role", "trainer")
    added = certverify(settings, "people", "add", *args, "--trainer", "T-9")
    again = certverify(settings, "people", "add", *args, "--trainer", "T-9")
    assert (
        added.returncode,
        "dana.lee@example.org (trainer)" in added.stdout,
        again.returncode,
    ) == (
        0,
        True,
        2,
    )


def test_migrate_and_reconcile_without_a_queue(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    migrated = certverify(settings, "migrate")
    assert migrated.returncode == 0 and "up to date" in migrated.stdout
    alone = certverify(settings, "reconcile")
    assert alone.returncode == 2 and "REDIS_URL" in alone.stderr
