"""Uploaded files kept in the database, for API and workers on different machines.

With ``file_store = "database"`` the bytes live in ``stored_files`` (bytea on
PostgreSQL, one row per content hash), the one server every API process and
worker already reaches; ``data_dir/files`` is then only a local cache that a
worker fills on first use and may lose at any time. The embedded default
keeps the files on local disk (``store.files.FileStore``).

Uploads are capped at ``max_upload_bytes`` (25 MB), well within what a row
holds; the bytes are written once per content, whoever uploads them.

The bytes' row is written in the upload's own transaction and held there with
a shared row lock (``bind``); a removal locks it for update before it checks
for documents (``release``). So on any number of hosts either the removal
runs first (and the upload writes the bytes again), or it waits for the
upload's commit and then sees the document that refers to them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from ingest.settings import Settings
from store.db import Database
from store.documents import insert_unless_present, is_referenced
from store.files import FileStore
from store.models import Document, StoredFile, utcnow


class DatabaseFileStore(FileStore):
    """The same interface as the local store; the database holds the truth."""

    def __init__(self, data_dir: Path, db: Database) -> None:
        super().__init__(data_dir)
        self.db = db

    def bind(self, session: Session, sha256: str) -> None:
        """Store the bytes in the upload's transaction (once per content) and hold their row."""
        row = select(StoredFile.sha256).where(StoredFile.sha256 == sha256)
        held = row.with_for_update(read=True)
        for _ in range(_BIND_ATTEMPTS):
            _insert(session, sha256, self.path_for(sha256).read_bytes())
            if session.scalar(held) is not None:
                return
        raise RuntimeError(f"stored file {sha256} removed {_BIND_ATTEMPTS} times while bound")

    def put_bytes(self, data: bytes) -> str:
        sha256 = super().put_bytes(data)
        with self.db.session() as session:
            _insert(session, sha256, data)
        return sha256

    def fetch(self, sha256: str) -> Path | None:
        """The local copy, fetched from the database first when this machine has none."""
        cached = super().fetch(sha256)
        if cached is not None:
            return cached
        with self.db.session() as session:
            content = session.scalar(select(StoredFile.content).where(StoredFile.sha256 == sha256))
        if content is None:
            return None
        target = self.path_for(sha256)
        self._write_atomically(target, content)
        return target

    def delete(self, sha256: str) -> None:
        with self.db.session() as session:
            session.execute(delete(StoredFile).where(StoredFile.sha256 == sha256))
        super().delete(sha256)

    def release(self, db: Database, sha256: str) -> bool:
        """Remove the bytes' row (and the local copy) if no committed document refers to them."""
        with self.db.write_session() as session:
            locked = select(StoredFile.sha256).where(StoredFile.sha256 == sha256)
            session.scalar(locked.with_for_update())
            if is_referenced(session, sha256):
                return False
            session.execute(delete(StoredFile).where(StoredFile.sha256 == sha256))
        return super().release(db, sha256)

    def sweep(self, db: Database, grace_s: float) -> int:
        """Also the rows no document refers to (an upload that failed after storing them)."""
        cutoff = utcnow() - dt.timedelta(seconds=grace_s)
        unreferenced = select(StoredFile.sha256).where(
            StoredFile.created_at < cutoff,
            ~exists().where(Document.sha256 == StoredFile.sha256),
        )
        with self.db.session() as session:
            candidates = list(session.scalars(unreferenced.limit(_SWEEP_BATCH)))
        removed = sum(self.release(db, sha256) for sha256 in candidates)
        return removed + super().sweep(db, grace_s)


_BIND_ATTEMPTS = 3
_SWEEP_BATCH = 1000


def _insert(session: Session, sha256: str, data: bytes) -> None:
    values = {"sha256": sha256, "size_bytes": len(data), "content": data, "created_at": utcnow()}
    insert_unless_present(session, StoredFile, values, ["sha256"])


def make_file_store(settings: Settings, db: Database) -> FileStore:
    """The store the settings choose: local disk (default) or the database."""
    if settings.file_store == "database":
        return DatabaseFileStore(settings.data_dir, db)
    return FileStore(settings.data_dir)
