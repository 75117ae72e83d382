"""Uploaded files on local disk, named by content hash.

``data_dir/files/<sha256[:2]>/<sha256>``: never the user's file name, never
inside a served folder. Uploads are streamed to a temporary file in the same
filesystem, hashed on the way, fsynced and renamed into place, so a reader
never sees half a file and the same bytes are stored once.

Several documents (of different trainers) may refer to one file, so a file is
removed only once no row refers to it, and that is decided against committed
rows while no upload of the same bytes is under way: an upload holds its
shard's lock shared from putting the bytes in place until its row is
committed (``referencing``); a removal holds it exclusively while it checks
the rows and unlinks (``release``). Files left by an upload that failed before
its row was stored are removed by ``sweep`` once older than a grace period.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ingest.errors import EmptyFile, FileTooLarge
from store.db import Database
from store.documents import is_referenced

_DIGEST = re.compile("[0-9a-f]{64}")


@dataclass(frozen=True)
class StagedFile:
    """Bytes written to a temporary file, with their hash, size and first bytes."""

    path: Path
    sha256: str
    size: int
    head: bytes


class StagingWriter:
    """Writes chunks to a temporary file, hashing and counting them on the way."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        fd, name = tempfile.mkstemp(dir=folder, prefix="upload-")
        self.path = Path(name)
        self.handle = os.fdopen(fd, "wb")
        self.max_bytes = max_bytes
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise FileTooLarge(
                f"The file is larger than the {self.max_bytes / 1e6:.0f} MB limit. Scan at "
                "300 DPI or export a smaller PDF."
            )
        if len(self.head) < 2048:
            self.head += chunk[: 2048 - len(self.head)]
        self.digest.update(chunk)
        self.handle.write(chunk)

    def finish(self) -> StagedFile:
        """Flush and fsync; refuse an empty upload."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        if self.size == 0:
            self.abort()
            raise EmptyFile()
        return StagedFile(self.path, self.digest.hexdigest(), self.size, self.head)

    def abort(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.path.unlink(missing_ok=True)


class FileStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "files"
        self.staging = data_dir / "staging"
        self.locks = data_dir / "locks"
        self.previews = data_dir / "previews"

    def path_for(self, sha256: str) -> Path:
        if not _DIGEST.fullmatch(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def open_staging(self, max_bytes: int) -> StagingWriter:
        """A temporary file in the store's filesystem to stream an upload into."""
        self.staging.mkdir(parents=True, exist_ok=True)
        return StagingWriter(self.staging, max_bytes)

    def commit(self, staged: StagedFile) -> Path:
        """Move a staged file to its content address (a no-op if already stored)."""
        target = self.path_for(staged.sha256)
        if target.exists():
            staged.path.unlink(missing_ok=True)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged.path, target)
        _fsync_dir(target.parent)
        return target

    def discard(self, staged: StagedFile) -> None:
        staged.path.unlink(missing_ok=True)

    def put_bytes(self, data: bytes) -> str:
        """Store bytes held in memory (tests, imports); returns their hash."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha256)
        if not target.exists():
            self._write_atomically(target, data)
        return sha256

    def fetch(self, sha256: str) -> Path | None:
        """A local path holding the stored bytes, or None when they are not stored."""
        path = self.path_for(sha256)
        return path if path.exists() else None

    def delete(self, sha256: str) -> None:
        """Unlink the bytes unconditionally (tests; the service uses ``release``)."""
        self.path_for(sha256).unlink(missing_ok=True)

    def free_mb(self) -> float:
        """Free space on the disk that holds the data folder, in MB."""
        self.root.parent.mkdir(parents=True, exist_ok=True)
        return shutil.disk_usage(self.root.parent).free / 1e6

    def preview_path(self, sha256: str, page: int, rotation: int) -> Path:
        """Where a drawn page preview of these bytes is kept (PNG, or JPEG for a photograph,
        whatever the name says; never served as a folder)."""
        self.path_for(sha256)  # refuses a malformed hash before it names a file
        return self.previews / sha256[:2] / sha256 / f"page-{page}-turned-{rotation % 360}.png"

    def keep_preview(self, sha256: str, page: int, rotation: int, png: bytes) -> None:
        """Keep a drawn preview while the bytes are stored (``release`` removes it with them)."""
        with self._shard_lock(sha256, fcntl.LOCK_SH):
            if self.fetch(sha256) is not None:  # not removed since it was drawn
                self._write_atomically(self.preview_path(sha256, page, rotation), png)

    @contextmanager
    def referencing(self, staged: StagedFile) -> Iterator[None]:
        """Put the staged bytes in place and hold them while the caller commits its row.

        Open the database transaction inside this block and call ``bind`` in it.
        """
        with self._shard_lock(staged.sha256, fcntl.LOCK_SH):
            self.commit(staged)
            yield

    def bind(self, session: Session, sha256: str) -> None:
        """Tie the bytes to the caller's transaction (files on disk need nothing more)."""

    def release(self, db: Database, sha256: str) -> bool:
        """Remove the bytes if no committed row refers to them; True when removed."""
        with self._shard_lock(sha256, fcntl.LOCK_EX):
            with db.session() as session:
                if is_referenced(session, sha256):
                    return False
            self.path_for(sha256).unlink(missing_ok=True)
            shutil.rmtree(self.previews / sha256[:2] / sha256, ignore_errors=True)
            return True

    def sweep(self, db: Database, grace_s: float) -> int:
        """Remove files no row refers to and staging leftovers, older than ``grace_s``."""
        cutoff = time.time() - grace_s
        removed = 0
        for path in _older_than(self.staging, cutoff):
            path.unlink(missing_ok=True)
        for path in _older_than(self.root, cutoff):
            if _DIGEST.fullmatch(path.name):
                removed += self.release(db, path.name)
        return removed

    @contextmanager
    def _shard_lock(self, sha256: str, mode: int) -> Iterator[None]:
        """An advisory lock per hash prefix, shared by the processes of this machine."""
        self.path_for(sha256)  # refuses a malformed hash before it names a file
        self.locks.mkdir(parents=True, exist_ok=True)
        with open(self.locks / f"{sha256[:2]}.lock", "a+b") as handle:
            fcntl.flock(handle, mode)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_atomically(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.staging.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.staging, prefix="put-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
        _fsync_dir(target.parent)


def _older_than(folder: Path, cutoff: float) -> Iterator[Path]:
    """Regular files under ``folder`` last modified before ``cutoff`` (vanishing ones skipped)."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                yield path
        except FileNotFoundError:
            continue


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
