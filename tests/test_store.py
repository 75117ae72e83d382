"""The store on SQLite and on PostgreSQL: migrations, document life cycle, keys, files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlalchemy import inspect, update

from ingest.errors import Conflict, EmptyFile, FileTooLarge, InvalidRequest
from ingest.settings import Settings
from store.db import Database
from store.documents import (
    DocumentFilter,
    Outcome,
    add_document,
    claim,
    delete_document,
    find_duplicate,
    finish,
    is_referenced,
    list_documents,
    stale_documents,
)
from store.files import FileStore
from store.keys import authenticate, create_key, revoke_key
from store.models import Document, DocumentStatus, Role, utcnow
from store.trainers import stored_records


def _new(db: Database, trainer: str = "T1", sha: str = "a" * 64, **extra: str) -> str:
    with db.session() as session:
        document, created = add_document(
            session,
            trainer_id=trainer,
            sha256=sha,
            size_bytes=10,
            kind="pdf",
            original_filename=extra.get("name", "c.pdf"),
        )
        assert created
        return document.id


def test_migrations_create_every_table_and_are_idempotent(db: Database) -> None:
    Database(_settings_of(db)).dispose()  # a second start applies nothing new
    tables = set(inspect(db.engine).get_table_names())
    assert {"documents", "trainers", "api_keys", "catalog_imports", "alembic_version"} <= tables


def _settings_of(db: Database) -> Settings:
    url = db.engine.url.render_as_string(hide_password=False)
    if url.startswith("sqlite"):
        return Settings(data_dir=Path(url.removeprefix("sqlite:///")).parent)
    return Settings(database_url=url)


def test_a_document_is_finished_exactly_once(db: Database) -> None:
    document_id = _new(db)
    with db.session() as session:
        first = claim(session, document_id)
        assert first is not None and first.attempts == 1
    with db.session() as session:  # a second worker handed the same document
        second = claim(session, document_id)
        assert second is not None and second.attempts == 2
    done = Outcome(status=DocumentStatus.DONE, result={"status": "ok"}, flags=" card_expired ")
    with db.session() as session:
        assert finish(session, document_id, done) is True
    with db.session() as session:
        assert finish(session, document_id, done) is False
        assert claim(session, document_id) is None
        row = session.get(Document, document_id)
        assert row is not None and row.status == DocumentStatus.DONE
        assert row.finished_at is not None and row.finished_at.tzinfo is not None


def test_duplicates_are_found_per_trainer(db: Database) -> None:
    first = _new(db, "T1", "b" * 64)
    _new(db, "T2", "b" * 64)
    with db.session() as session:
        found = find_duplicate(session, "T1", "b" * 64)
        assert found is not None and found.id == first
        assert find_duplicate(session, "T3", "b" * 64) is None


def test_listing_filters_and_pages(db: Database) -> None:
    ids = [_new(db, "T1", f"{i:064x}") for i in range(5)]
    _new(db, "T2", "c" * 64)
    with db.session() as session:
        session.execute(
            update(Document)
            .where(Document.id == ids[0])
            .values(
                status="done",
                flags=" card_online_only ",
                card_expires_on=dt.date(2020, 1, 31),
                document_type="cpr_aed_card",
            )
        )
    with db.session() as session:
        rows, total = list_documents(session, DocumentFilter(trainer_id="T1"), limit=2, offset=0)
        assert total == 5 and len(rows) == 2
        rows, total = list_documents(session, DocumentFilter(trainer_id="T1"), limit=2, offset=4)
        assert total == 5 and len(rows) == 1
        for flag in ("card_expired", "card_online_only"):
            rows, total = list_documents(session, DocumentFilter(flag=flag), limit=9, offset=0)
            assert [r.id for r in rows] == [ids[0]], flag
        before = DocumentFilter(flag="card_expired", as_of=dt.date(2020, 1, 31))
        assert list_documents(session, before, limit=9, offset=0) == ([], 0)
        rows, _ = list_documents(
            session, DocumentFilter(document_type="cpr_aed_card"), limit=9, offset=0
        )
        assert [r.id for r in rows] == [ids[0]]
        _, total = list_documents(session, DocumentFilter(status="queued"), limit=9, offset=0)
        assert total == 5


def test_stale_documents_are_the_ones_past_their_lease(db: Database) -> None:
    fresh, old_queued, lost = _new(db, sha="1" * 64), _new(db, sha="2" * 64), _new(db, sha="3" * 64)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with db.session() as session:
        session.execute(
            update(Document).where(Document.id == old_queued).values(updated_at=long_ago)
        )
        session.execute(
            update(Document)
            .where(Document.id == lost)
            .values(status="processing", heartbeat_at=long_ago, updated_at=long_ago)
        )
    with db.session() as session:
        stale = {d.id for d in stale_documents(session, lease_s=60, queued_stale_s=60)}
    assert stale == {old_queued, lost}
    assert fresh not in stale


def test_bytes_stay_referenced_until_the_last_document_goes(db: Database) -> None:
    first, second = _new(db, "T1", "d" * 64), _new(db, "T2", "d" * 64)
    referenced = []
    for document_id in (first, second):
        with db.session() as session:
            delete_document(session, document_id, utcnow())
        with db.session() as session:
            referenced.append(is_referenced(session, "d" * 64))
    assert referenced == [True, False]


def test_a_delete_keeps_a_document_uploaded_again_after_it_was_asked(db: Database) -> None:
    document_id = _new(db, "T1", "e" * 64)
    asked = utcnow()
    with db.session() as session:  # the same bytes again, answered with this document
        add_document(
            session, trainer_id="T1", sha256="e" * 64, size_bytes=10, kind="pdf",
            original_filename="again.pdf",
        )  # fmt: skip
    with db.session() as session, pytest.raises(Conflict):
        delete_document(session, document_id, asked)


def test_a_failure_without_a_record_is_not_a_stored_record(db: Database) -> None:
    document_id = _new(db, "T-NULL", "f" * 64)
    missing = Outcome(status=DocumentStatus.FAILED, result=None, error_code="file_not_found")
    with db.session() as session:
        finish(session, document_id, missing)
    with db.session() as session:
        assert stored_records(session, "T-NULL") == []


def test_keys_are_stored_hashed_and_can_be_revoked(db: Database) -> None:
    with db.session() as session:
        row, clear = create_key(session, name="desk", role=Role.AUDITOR)
        assert clear not in (row.key_hash, row.prefix)
        key_id = row.id
    with db.session() as session:
        who = authenticate(session, clear)
        assert who is not None and who.role is Role.AUDITOR and who.trainer_id is None
        assert authenticate(session, clear + "x") is None
        assert revoke_key(session, key_id) is True
    with db.session() as session:
        assert authenticate(session, clear) is None


@pytest.mark.parametrize(
    ("role", "trainer"),
    [(Role.TRAINER, None), (Role.AUDITOR, "T1")],
    ids=["trainer-without-trainer", "auditor-with-trainer"],
)
def test_key_roles_and_trainers_must_agree(db: Database, role: Role, trainer: str | None) -> None:
    with db.session() as session, pytest.raises(InvalidRequest):
        create_key(session, name="x", role=role, trainer_id=trainer)


def test_file_store_names_files_by_hash_and_writes_atomically(tmp_path: Path) -> None:
    files = FileStore(tmp_path)
    writer = files.open_staging(max_bytes=100)
    writer.write(b"%PDF-1.4 hello")
    staged = writer.finish()
    target = files.commit(staged)
    assert target == tmp_path / "files" / staged.sha256[:2] / staged.sha256
    assert target.read_bytes() == b"%PDF-1.4 hello"
    assert not staged.path.exists()
    assert files.put_bytes(b"%PDF-1.4 hello") == staged.sha256
    assert os.listdir(tmp_path / "staging") == []


def test_file_store_refuses_too_large_and_empty(tmp_path: Path) -> None:
    files = FileStore(tmp_path)
    writer = files.open_staging(max_bytes=4)
    with pytest.raises(FileTooLarge):
        writer.write(b"12345")
    writer.abort()
    with pytest.raises(EmptyFile):
        files.open_staging(max_bytes=4).finish()
    assert os.listdir(tmp_path / "staging") == []
    with pytest.raises(ValueError):
        files.path_for("../../etc/passwd")
