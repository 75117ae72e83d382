"""A full disk answers 507 and makes /readyz fail, on a real (small) filesystem.

The data folder lives on an 8 MB tmpfs mounted for the test (root is needed to
mount; without it the test is skipped, saying so). Filling it for real makes
an upload fail as it is written (ENOSPC): 507 ``storage_full``, nothing left
in staging. Below ``min_free_disk_mb`` an upload is refused before anything
is written and /readyz answers 503 naming the disk.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.settings import Settings
from tests.service_fixtures import SCANNED_PDF, running_api

TMPFS_MB = 8


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> None:
    """Write until the filesystem refuses: the disk is full for real."""
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass


def test_an_upload_onto_a_full_disk_answers_507(small_disk: Path) -> None:
    settings = Settings(data_dir=small_disk / "data", min_free_disk_mb=0)
    with running_api(settings) as api:
        _fill(small_disk)
        answer = api.upload(SCANNED_PDF)
        staging = small_disk / "data" / "staging"
        leftovers = list(staging.iterdir()) if staging.exists() else []
    assert (answer.status_code, answer.json()["error"]["code"], leftovers) == (
        507,
        "storage_full",
        [],
    )


def test_below_the_free_space_floor_uploads_wait_and_readyz_says_why(small_disk: Path) -> None:
    settings = Settings(data_dir=small_disk / "data", min_free_disk_mb=TMPFS_MB * 2)
    with running_api(settings) as api:
        upload = api.upload(SCANNED_PDF)
        ready = api.client.get("/readyz")
    assert (upload.status_code, ready.status_code, ready.json()["checks"]["disk"][:4]) == (
        507,
        503,
        "low:",
    )
