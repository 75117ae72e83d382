"""Engine, sessions and migrations, chosen by settings.

SQLite under ``data_dir`` by default (WAL, so the API reads while a worker
writes); PostgreSQL when ``database_url`` is set. Migrations are Alembic
revisions in ``store/migrations`` and are applied by every entry point on start.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from ingest.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{settings.data_dir.resolve() / 'certverify.db'}"


def make_engine(settings: Settings) -> Engine:
    url = database_url(settings)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


_MIGRATION_LOCK_ID = 0x63657274  # PostgreSQL advisory lock key ("cert")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (safe to run on every start).

    API processes and workers start together; a lock makes them migrate one at
    a time (an advisory lock on PostgreSQL, a file lock beside a SQLite file).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_ID})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Database:
    """One engine and its session factory, built once per process from settings."""

    def __init__(self, settings: Settings, *, run_migrations: bool = True) -> None:
        self.engine = make_engine(settings)
        if run_migrations:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext()
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session for a short write transaction.

        SQLite has one writer at a time and makes the others poll (up to 100 ms
        apart), which starves some of them under a burst of uploads; taking a
        lock in the process first makes them wait their turn instead.
        """
        with self._write_lock, self.session() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
