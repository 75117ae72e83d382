"""A document without a result is SQL NULL, never the JSON value null, on both databases.

The JSON value null passed the ``result IS NOT NULL`` filter of the trainer's
records, and the trainer's CEU entries and dashboard then answered 500 (a
document whose bytes were lost to a racing delete had its result cleared that
way). The real store on SQLite and, when one answers, PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from ingest.settings import Settings
from store.db import Database
from store.documents import add_document, ensure_trainer
from store.models import Document
from store.trainers import stored_records
from tests.recert_support import fresh_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = Database(Settings(data_dir=tmp_path / "data"))
        yield database
        database.dispose()
        return
    with fresh_postgres() as url:
        database = Database(Settings(data_dir=tmp_path / "data", database_url=url))
        yield database
        database.dispose()


def test_a_cleared_result_is_sql_null_and_not_a_record(db: Database) -> None:
    with db.write_session() as session:
        ensure_trainer(session, "T-N", "Nel")
        row, _ = add_document(
            session, trainer_id="T-N", sha256="ab" * 32, size_bytes=1, kind="pdf",
            original_filename="gone.pdf",
        )  # fmt: skip
        row.result = {"source": "gone.pdf"}
        document_id = row.id
    with db.write_session() as session:
        cleared = session.get(Document, document_id)
        assert cleared is not None
        cleared.result = None  # as a failed read clears it
    with db.session() as session:
        is_null = session.execute(
            text("SELECT result IS NULL FROM documents WHERE id = :id"), {"id": document_id}
        ).scalar_one()
        assert (bool(is_null), stored_records(session, "T-N")) == (True, [])
