"""Uploaded files kept in the database, for API and workers on different machines.

With ``file_store = "database"`` the bytes live in ``stored_files`` (bytea on
PostgreSQL, one row per content hash), the one server every API process and
worker already reaches; ``data_dir/files`` is then only a local cache that a
worker fills on first use and may lose at any time. The embedded default
keeps the files on local disk (``store.files.FileStore``).

Uploads are capped at ``max_upload_bytes`` (25 MB), well within what a row
holds; the bytes are written once per content, whoever uploads them.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from ingest.settings import Settings
from store.db import Database
from store.documents import insert_unless_present
from store.files import FileStore, StagedFile
from store.models import StoredFile, utcnow


class DatabaseFileStore(FileStore):
    """The same interface as the local store; the database holds the truth."""

    def __init__(self, data_dir: Path, db: Database) -> None:
        super().__init__(data_dir)
        self.db = db

    def commit(self, staged: StagedFile) -> Path:
        """Store the staged bytes in the database (once per content), keep a local copy."""
        self._insert(staged.sha256, staged.path.read_bytes())
        return super().commit(staged)

    def put_bytes(self, data: bytes) -> str:
        sha256 = super().put_bytes(data)
        self._insert(sha256, data)
        return sha256

    def _insert(self, sha256: str, data: bytes) -> None:
        values = {"sha256": sha256, "size_bytes": len(data), "content": data}
        values["created_at"] = utcnow()
        with self.db.session() as session:
            insert_unless_present(session, StoredFile, values, ["sha256"])

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


def make_file_store(settings: Settings, db: Database) -> FileStore:
    """The store the settings choose: local disk (default) or the database."""
    if settings.file_store == "database":
        return DatabaseFileStore(settings.data_dir, db)
    return FileStore(settings.data_dir)
