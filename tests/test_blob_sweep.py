"""Stored bytes no document refers to are swept after a grace period, on disk and in PostgreSQL.

Bytes are left unreferenced when an upload fails after storing them (the
database refused the row, the process died); the sweep the reconciler runs
removes them once older than ``blob_grace_s``, and keeps anything a document
refers to or that is younger (an upload may be about to commit its row).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from ingest.settings import Settings
from store.blobs import make_file_store
from store.db import Database
from store.documents import add_document
from store.files import FileStore
from store.models import StoredFile, utcnow

GRACE_S = 60


@pytest.fixture(params=["local", "database"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[FileStore, Database]]:
    if request.param == "local":
        settings = Settings(data_dir=tmp_path / "data")
    else:
        url = request.getfixturevalue("postgres_url")
        settings = Settings(data_dir=tmp_path / "data", database_url=url, file_store="database")
    db = Database(settings)
    yield make_file_store(settings, db), db
    db.dispose()


def _age(files: FileStore, db: Database, sha256: str) -> None:
    """Make stored bytes look two grace periods old, on disk and in the database."""
    then = time.time() - 2 * GRACE_S
    os.utime(files.path_for(sha256), (then, then))
    with db.session() as session:
        old = utcnow() - dt.timedelta(seconds=2 * GRACE_S)
        session.execute(
            update(StoredFile).where(StoredFile.sha256 == sha256).values(created_at=old)
        )


def test_the_sweep_removes_only_old_unreferenced_bytes(store: tuple[FileStore, Database]) -> None:
    files, db = store
    orphan = files.put_bytes(b"%PDF-1.4 left by a failed upload")
    kept = files.put_bytes(b"%PDF-1.4 a document refers to these")
    young = files.put_bytes(b"%PDF-1.4 an upload about to commit its row")
    with db.session() as session:
        add_document(
            session, trainer_id="T-S", sha256=kept, size_bytes=1, kind="pdf", original_filename=None
        )
    for sha256 in (orphan, kept):
        _age(files, db, sha256)
    files.sweep(db, GRACE_S)
    present = {name: files.fetch(sha) is not None for name, sha in
               (("orphan", orphan), ("kept", kept), ("young", young))}  # fmt: skip
    assert present == {"orphan": False, "kept": True, "young": True}
