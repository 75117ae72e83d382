"""One certificate uploaded by two trainers: both uploads flagged, on SQLite and PostgreSQL.

Real sample files read by the real pipeline, stored through the worker's own
persist step (``worker.tasks.persist``); a renamed copy is made the way an
image editor would (``bench.reuse.name_swapped``) and read afresh.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.views import document_out
from bench.reuse import SWAPPED_NAME, name_swapped
from ingest.record import DocumentRecord, FindingCode, FlagCode
from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file
from store.db import Database
from store.documents import DocumentFilter, add_document, delete_document, list_documents
from store.models import Document, ReuseMark, utcnow
from tests.locations import SAMPLES_DIR
from worker.tasks import outcome_for, persist

CERTIFICATE = SAMPLES_DIR / "set" / "cert-prose-classic-01-digital.pdf"
SAME_TEMPLATE = SAMPLES_DIR / "set" / "cert-prose-classic-02-digital.pdf"  # another person


def _read(path: Path) -> DocumentRecord:
    catalog = load_catalog(SAMPLES_DIR / "catalog.csv").catalog
    return process_file(path, Settings(), catalog=catalog)


@pytest.fixture(scope="module")
def original() -> DocumentRecord:
    return _read(CERTIFICATE)


@pytest.fixture(scope="module")
def renamed(original: DocumentRecord, tmp_path_factory: pytest.TempPathFactory) -> DocumentRecord:
    data = name_swapped(CERTIFICATE, original, Settings())
    assert data is not None
    path = tmp_path_factory.mktemp("renamed") / "renamed.png"
    path.write_bytes(data)
    return _read(path)


def _upload(db: Database, trainer: str, sha256: str, record: DocumentRecord) -> str:
    with db.write_session() as session:
        document, created = add_document(
            session,
            trainer_id=trainer,
            sha256=sha256,
            size_bytes=1,
            kind="pdf",
            original_filename=f"{trainer}.pdf",
        )
        assert created
        document_id = document.id
    assert persist(db, document_id, outcome_for(record), record)
    return document_id


def _stored(db: Database, document_id: str) -> tuple[DocumentRecord, Document]:
    with db.session() as session:
        row = session.get(Document, document_id)
        assert row is not None and row.result is not None
        return DocumentRecord.model_validate(row.result), row


def _names(record: DocumentRecord) -> dict[str, set[FindingCode]]:
    """Other upload -> the reuse findings naming it."""
    named: dict[str, set[FindingCode]] = {}
    for finding in record.authenticity:
        if finding.evidence.other_upload is not None:
            named.setdefault(finding.evidence.other_upload.document_id, set()).add(finding.code)
    return named


def test_the_fingerprints_key_on_the_printed_id(original: DocumentRecord) -> None:
    prints = original.fingerprints
    assert original.fields.certificate_id == "SSA-2026-0412"
    assert prints is not None and prints.certificate_id == "ssa2o26o4l2"  # look-alikes folded
    assert prints.page_hash is not None and len(prints.page_hash) == 64
    assert original.authenticity == []


def test_one_file_uploaded_by_two_trainers_flags_both(
    db: Database, original: DocumentRecord
) -> None:
    sha = "1" * 64
    first = _upload(db, "T1", sha, original)
    assert _names(_stored(db, first)[0]) == {}  # alone, nothing to say
    second = _upload(db, "T2", sha, original)
    later, later_row = _stored(db, second)
    earlier, earlier_row = _stored(db, first)
    expected = {FindingCode.REUSED_FILE, FindingCode.REUSED_CERTIFICATE_ID}
    assert _names(later) == {first: expected}
    assert _names(earlier) == {second: expected}
    for record, row in ((later, later_row), (earlier, earlier_row)):
        assert [f.code for f in record.flags].count(FlagCode.AUTHENTICITY_REVIEW) == 1
        assert row.flags is not None and " authenticity_review " in row.flags
    by_id = next(f for f in later.authenticity if f.code is FindingCode.REUSED_CERTIFICATE_ID)
    assert by_id.evidence.shown == by_id.evidence.other == "SSA-2026-0412"
    assert by_id.evidence.other_upload is not None
    assert by_id.evidence.other_upload.trainer_id == "T1"
    assert by_id.evidence.other_upload.holder_name == original.fields.holder_name
    with db.session() as session:
        flagged, total = list_documents(
            session, DocumentFilter(flag=FlagCode.AUTHENTICITY_REVIEW), limit=10, offset=0
        )
    assert total == 2 and {d.id for d in flagged} == {first, second}


def test_a_trainer_sees_the_other_upload_named_and_nothing_about_its_trainer(
    db: Database, original: DocumentRecord
) -> None:
    first = _upload(db, "T1", "2" * 64, original)
    second = _upload(db, "T2", "2" * 64, original)
    _record, row = _stored(db, second)
    mine = document_out(row, trainer_view=True).record
    auditors = document_out(row).record
    assert mine is not None and auditors is not None
    for finding in mine.authenticity:
        assert finding.evidence.other_upload is not None
        assert finding.evidence.other_upload.model_dump(exclude_none=True) == {"document_id": first}
        assert "T1" not in finding.message and "Gonzalez" not in finding.message
    upload = auditors.authenticity[0].evidence.other_upload
    assert upload is not None and upload.trainer_id == "T1" and upload.filename == "T1.pdf"


def test_a_renamed_picture_of_the_certificate_is_found_by_its_id(
    db: Database, original: DocumentRecord, renamed: DocumentRecord
) -> None:
    assert renamed.fields.holder_name == SWAPPED_NAME
    first = _upload(db, "T1", "3" * 64, original)
    second = _upload(db, "T2", "4" * 64, renamed)
    later, _ = _stored(db, second)
    earlier, _ = _stored(db, first)
    assert FindingCode.REUSED_FILE not in _names(later)[first]
    assert FindingCode.REUSED_CERTIFICATE_ID in _names(later)[first]
    assert FindingCode.REUSED_CERTIFICATE_ID in _names(earlier)[second]
    assert all("another holder name" in f.message for f in later.authenticity)
    found = next(f for f in earlier.authenticity if f.evidence.other_upload)
    assert found.evidence.other_upload is not None
    assert found.evidence.other_upload.holder_name == SWAPPED_NAME  # for the auditor


def test_two_genuine_certificates_of_one_template_are_no_reuse(
    db: Database, original: DocumentRecord
) -> None:
    other = _read(SAME_TEMPLATE)
    assert other.fingerprints is not None and original.fingerprints is not None
    assert other.fingerprints.certificate_id != original.fingerprints.certificate_id
    first = _upload(db, "T1", "5" * 64, original)
    second = _upload(db, "T2", "6" * 64, other)
    assert _names(_stored(db, first)[0]) == {} and _names(_stored(db, second)[0]) == {}


def test_one_trainer_uploading_a_certificate_twice_is_no_reuse(
    db: Database, original: DocumentRecord, renamed: DocumentRecord
) -> None:
    first = _upload(db, "T1", "7" * 64, original)
    second = _upload(db, "T1", "8" * 64, renamed)
    assert _names(_stored(db, first)[0]) == {} and _names(_stored(db, second)[0]) == {}


def test_reading_again_tells_the_finding_once_and_a_delete_takes_the_marks(
    db: Database, original: DocumentRecord
) -> None:
    first = _upload(db, "T1", "9" * 64, original)
    second = _upload(db, "T2", "9" * 64, original)
    with db.session() as session:  # the second upload read again (a rerun)
        row = session.get(Document, second)
        assert row is not None
        row.status = "queued"
    assert persist(db, second, outcome_for(original), original)
    earlier, _ = _stored(db, first)
    later, _ = _stored(db, second)
    assert len(earlier.authenticity) == len(later.authenticity) == 2
    with db.write_session() as session:
        delete_document(session, second, utcnow())
    with db.session() as session:
        left = session.scalar(select(func.count()).where(ReuseMark.document_id == second))
    assert left == 0
    assert _names(_stored(db, first)[0]) == {
        second: {FindingCode.REUSED_FILE, FindingCode.REUSED_CERTIFICATE_ID}
    }


def test_two_workers_storing_the_two_uploads_at_once_flag_both(
    db: Database, original: DocumentRecord
) -> None:
    """The marks are written and compared under one lock: neither misses the other."""
    ids = []
    for trainer in ("T1", "T2"):
        with db.write_session() as session:
            document, _ = add_document(
                session,
                trainer_id=trainer,
                sha256="c" * 64,
                size_bytes=1,
                kind="pdf",
                original_filename=None,
            )
            ids.append(document.id)
    start = threading.Barrier(2)

    def store(document_id: str) -> None:
        start.wait()
        persist(db, document_id, outcome_for(original), original)

    threads = [threading.Thread(target=store, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    first, second = ids
    assert set(_names(_stored(db, first)[0])) == {second}
    assert set(_names(_stored(db, second)[0])) == {first}
