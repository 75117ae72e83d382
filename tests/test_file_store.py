"""Uploaded files in the database: the API and a worker with separate data folders.

Real PostgreSQL and Redis: the API keeps its files under one folder, the
worker (a `certverify worker` process) under another, as on two machines that
share only the database and the queue. With ``file_store = "database"`` the
worker reads the upload; with the local store it cannot (the control case).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.settings import Settings
from store.blobs import DatabaseFileStore
from store.db import Database
from tests.service_fixtures import TRIVIAL_PDF, WorkerStarter, running_api


@pytest.fixture
def shared(queue_settings: Settings, postgres_url: str) -> Settings:
    """A queue and PostgreSQL shared by the API and the worker; the API's own data folder."""
    return queue_settings.model_copy(update={"database_url": postgres_url})


@pytest.mark.parametrize(
    ("file_store", "expected"),
    [("database", ("done", None)), ("local", ("failed", "file_not_found"))],
    ids=["files_in_the_database", "local_files_control"],
)
def test_a_worker_without_the_api_disk_reads_the_upload(
    shared: Settings,
    tmp_path: Path,
    start_worker: WorkerStarter,
    file_store: str,
    expected: tuple[str, str | None],
) -> None:
    api_side = shared.model_copy(update={"file_store": file_store, "data_dir": tmp_path / "api"})
    worker_side = api_side.model_copy(update={"data_dir": tmp_path / "worker"})
    with running_api(api_side) as api:
        data = TRIVIAL_PDF.read_bytes() + f"\n% {file_store}\n".encode()
        document_id = api.upload(TRIVIAL_PDF, data=data).json()["id"]
        start_worker(worker_side, burst=True).wait(180)
        body = api.wait_for(document_id, timeout=60)
    error = body["error"]["code"] if body["error"] else None
    assert (body["status"], error) == expected


@pytest.fixture
def blob_store(tmp_path: Path, postgres_url: str) -> Iterator[DatabaseFileStore]:
    db = Database(Settings(data_dir=tmp_path, database_url=postgres_url))
    yield DatabaseFileStore(tmp_path / "cache", db)
    db.dispose()


def test_a_lost_cache_is_fetched_again_and_a_deleted_file_is_gone(
    blob_store: DatabaseFileStore,
) -> None:
    sha256 = blob_store.put_bytes(b"%PDF-1.4 stored once")
    blob_store.path_for(sha256).unlink()  # another machine, or a cache wiped
    fetched = blob_store.fetch(sha256)
    refetched = fetched.read_bytes() if fetched else None
    blob_store.delete(sha256)
    assert (refetched, blob_store.fetch(sha256)) == (b"%PDF-1.4 stored once", None)
