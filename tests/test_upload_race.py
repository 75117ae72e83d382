"""Identical uploads racing across processes make one document (PostgreSQL decides).

Real PostgreSQL and Redis throughout: two `certverify serve` processes on one
database receive the same file at the same moment; two sessions insert the
same (trainer, content) pair while the first transaction is still open; the
migration folds duplicates an older schema allowed, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select

from ingest.settings import Settings
from store.db import Database, make_engine
from store.documents import add_document
from store.models import Document, Trainer
from tests.service_fixtures import (
    TRIVIAL_PDF,
    empty_database,
    free_port,
    make_keys,
    serve,
    upgrade_to,
    wait_healthy,
    with_secrets,
)

RACERS = 16


@pytest.fixture
def two_api_processes(
    tmp_path: Path, queue_settings: Settings, postgres_url: str
) -> Iterator[tuple[list[str], Settings]]:
    """Two API processes on one PostgreSQL database; jobs wait in a private rq queue."""
    settings = with_secrets(queue_settings.model_copy(update={"database_url": postgres_url}))
    make_keys(settings)  # migrates first, so the two processes start on the same schema
    ports = [free_port(), free_port()]
    processes = [serve(settings, p, tmp_path / f"api-{p}.log") for p in ports]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for base, process in zip(bases, processes, strict=True):
            wait_healthy(base, process)
        yield bases, settings
    finally:
        for process in processes:
            process.terminate()
            process.wait(20)


def _upload(base: str, key: str, start: threading.Barrier) -> dict[str, Any]:
    start.wait()
    answer = httpx.post(
        f"{base}/v1/documents",
        files={"file": ("c.pdf", TRIVIAL_PDF.read_bytes(), "application/pdf")},
        headers={"Authorization": f"Bearer {key}"},
        timeout=60,
    )
    assert answer.status_code == 202, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_identical_uploads_to_two_processes_make_one_document(
    two_api_processes: tuple[list[str], Settings],
) -> None:
    bases, settings = two_api_processes
    key = _trainer_key(settings)
    start = threading.Barrier(RACERS)
    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(
            pool.map(lambda i: _upload(bases[i % 2], key, start), range(RACERS)),
        )
    summary = (
        len({a["id"] for a in answers}),
        sum(not a["duplicate"] for a in answers),
        _count_documents(settings),
    )
    assert summary == (1, 1, 1), answers


def _trainer_key(settings: Settings) -> str:
    from store.keys import create_key
    from store.models import Role

    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            return create_key(session, name="racer", role=Role.TRAINER, trainer_id="T-RACE")[1]
    finally:
        db.dispose()


def _count_documents(settings: Settings) -> int:
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            query = select(func.count()).where(Document.trainer_id == "T-RACE")
            return session.scalar(query) or 0
    finally:
        db.dispose()


def _add(db: Database, name: str) -> tuple[str, bool]:
    with db.session() as session:
        document, created = add_document(
            session,
            trainer_id="T-HELD",
            sha256="d" * 64,
            size_bytes=1,
            kind="pdf",
            original_filename=name,
        )
        return document.id, created


def test_the_request_that_loses_the_race_gets_the_existing_document(
    tmp_path: Path, postgres_url: str
) -> None:
    """The second insert waits for the first transaction and then answers its document."""
    settings = Settings(data_dir=tmp_path, database_url=postgres_url)
    first_db, second_db = Database(settings), Database(settings, run_migrations=False)
    inserted, release = threading.Event(), threading.Event()
    outcome: dict[str, tuple[str, bool]] = {}

    def first() -> None:
        with first_db.session() as session:
            document, created = add_document(
                session, trainer_id="T-HELD", sha256="d" * 64, size_bytes=1, kind="pdf",
                original_filename="first.pdf",
            )  # fmt: skip
            outcome["first"] = (document.id, created)
            inserted.set()
            release.wait(30)  # the transaction stays open until the second one is waiting

    def second() -> None:
        outcome["second"] = _add(second_db, "second.pdf")

    holder = threading.Thread(target=first)
    holder.start()
    assert inserted.wait(30)
    loser = threading.Thread(target=second)
    loser.start()
    loser.join(1.0)
    waited_for_the_first = loser.is_alive()
    release.set()
    holder.join(30)
    loser.join(30)
    first_db.dispose()
    second_db.dispose()
    winner_id = outcome["first"][0]
    assert (waited_for_the_first, outcome["first"], outcome["second"]) == (
        True,
        (winner_id, True),
        (winner_id, False),
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def test_the_migration_keeps_the_newest_of_earlier_duplicates(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    engine = make_engine(empty_database(kind, tmp_path, request))
    with engine.begin() as connection:
        upgrade_to(connection, "0003")
        connection.execute(insert(Trainer).values(id="T-OLD", name=None, created_at=_at(0)))
        for number in range(3):
            connection.execute(insert(Document).values(**_old_row(number)))
    with engine.begin() as connection:
        upgrade_to(connection, "head")
        kept = connection.execute(select(Document.id)).scalars().all()
    engine.dispose()
    assert kept == ["old-2"]


def _at(minute: int) -> Any:
    import datetime as dt

    return dt.datetime(2026, 11, 1, 12, minute, tzinfo=dt.UTC)


def _old_row(number: int) -> dict[str, Any]:
    return {
        "id": f"old-{number}",
        "trainer_id": "T-OLD",
        "sha256": "e" * 64,
        "kind": "pdf",
        "size_bytes": 1,
        "status": "done",
        "attempts": 1,
        "enqueues": 1,
        "created_at": _at(number),
        "updated_at": _at(number),
    }
