"""Document rows: create, claim, finish and find, with conditional updates.

A trainer has one document per file content (unique trainer_id + sha256, see
``add_document``); ``rerun`` queues a finished one again.

A document moves queued -> processing -> done | failed. ``claim`` and
``finish`` are single conditional UPDATEs so two workers handed the same
document (a re-enqueue after a lost worker) cannot both finish it: the first
``finish`` wins and the other becomes a no-op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ingest.dated_flags import today_utc
from ingest.errors import Conflict, NotFound
from ingest.record import FlagCode
from store.models import Base, Document, DocumentStatus, Trainer, new_id, utcnow

FINISHED = (DocumentStatus.DONE, DocumentStatus.FAILED)


def ensure_trainer(session: Session, trainer_id: str, name: str | None = None) -> Trainer:
    """The trainer's row, inserted when missing (two requests racing insert it once)."""
    insert_unless_present(session, Trainer, {"id": trainer_id, "name": name}, ["id"])
    trainer = session.get(Trainer, trainer_id)
    assert trainer is not None
    return trainer


def insert_unless_present(
    session: Session, model: type[Base], values: dict[str, Any], unique: list[str]
) -> bool:
    """``INSERT ... ON CONFLICT DO NOTHING`` on SQLite or PostgreSQL; True when inserted.

    The database's unique index decides, so concurrent requests in different
    processes (or hosts) cannot both insert: the later one waits for the first
    transaction to end, then inserts nothing.
    """
    dialect = session.get_bind().dialect.name
    make_insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = Base.metadata.tables[model.__tablename__]
    statement = (
        make_insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=unique)
        .returning(*(table.c[name] for name in unique))
    )
    return session.execute(statement).first() is not None


def find_duplicate(session: Session, trainer_id: str, sha256: str) -> Document | None:
    """The trainer's document with these exact bytes, if any (there is at most one)."""
    query = select(Document).where(Document.trainer_id == trainer_id, Document.sha256 == sha256)
    return session.scalars(query).first()


def add_document(
    session: Session,
    *,
    trainer_id: str,
    sha256: str,
    size_bytes: int,
    kind: str,
    original_filename: str | None,
) -> tuple[Document, bool]:
    """The trainer's one document for these bytes: a new queued row (True) or the existing one.

    The unique constraint on (trainer_id, sha256) makes the same file from the
    same trainer one document whichever API process receives it; the request
    that loses the race gets the winner's document.
    """
    ensure_trainer(session, trainer_id)
    document_id = new_id()
    now = utcnow()
    values = {
        "id": document_id,
        "job_id": job_id_for(document_id, 1),
        "enqueues": 1,
        "enqueued_at": now,
        "created_at": now,
        "updated_at": now,
        "trainer_id": trainer_id,
        "sha256": sha256,
        "size_bytes": size_bytes,
        "kind": kind,
        "original_filename": (original_filename or "")[:255] or None,
        "status": DocumentStatus.QUEUED,
        "attempts": 0,
    }
    for _ in range(_ADD_ATTEMPTS):
        if insert_unless_present(session, Document, values, ["trainer_id", "sha256"]):
            document = find_duplicate(session, trainer_id, sha256)
            assert document is not None, "a row inserted in this transaction is visible to it"
            return document, True
        existing = _record_reupload(session, trainer_id, sha256)
        if existing is not None:
            return existing, False
    raise Conflict("The same file is being uploaded and deleted at once. Upload it again.")


_ADD_ATTEMPTS = 5  # each retry follows a delete that committed in between


def _record_reupload(session: Session, trainer_id: str, sha256: str) -> Document | None:
    """Record the upload on the trainer's existing row; None if it was just deleted.

    The update takes the row's lock, so a delete running at the same time either
    removed the row first (and this upload makes a new one) or finds the
    upload's time after its own arrival and keeps the row (``delete_document``).
    """
    counted = session.execute(
        update(Document)
        .where(Document.trainer_id == trainer_id, Document.sha256 == sha256)
        .values(reuploaded_at=utcnow())
        .returning(Document.id)
    ).first()
    if counted is None:
        return None
    return session.get(Document, counted.id, populate_existing=True)


def among_first_pending(session: Session, document_id: str, first: int) -> bool:
    """Whether the document is one of its trainer's ``first`` oldest waiting to be read.

    Those go to the workers' first lane (``store.dispatch``); the rest of a batch waits
    behind every other trainer's first documents.
    """
    document = session.get(Document, document_id)
    if document is None:
        return False
    ahead = session.scalar(
        select(func.count()).where(
            Document.trainer_id == document.trainer_id,
            Document.status.not_in(FINISHED),
            Document.id != document.id,
            Document.enqueued_at <= document.enqueued_at,
        )
    )
    return (ahead or 0) < first


def rerun(session: Session, document: Document) -> str | None:
    """Queue a finished document again under a new job id; None if it is not finished.

    A queued or processing document will be read anyway; of two reruns at once
    only one changes the row (the update is conditional on what was read).
    """
    if document.status not in FINISHED:
        return None
    job_id = job_id_for(document.id, document.enqueues + 1)
    now = utcnow()
    result = session.execute(
        update(Document)
        .where(
            Document.id == document.id,
            Document.status == document.status,
            Document.enqueues == document.enqueues,
        )
        .values(
            status=DocumentStatus.QUEUED,
            attempts=0,
            enqueues=document.enqueues + 1,
            job_id=job_id,
            enqueued_at=now,
            updated_at=now,
        )
    )
    return job_id if getattr(result, "rowcount", 0) == 1 else None


def next_job(session: Session, document_id: str) -> str | None:
    """Record a new job id for the document (before it is handed to the queue)."""
    document = session.get(Document, document_id)
    if document is None:
        return None
    document.enqueues += 1
    document.job_id = job_id_for(document_id, document.enqueues)
    document.enqueued_at = document.updated_at = utcnow()
    return document.job_id


def job_id_for(document_id: str, enqueue_number: int) -> str:
    """The document id, suffixed per hand-over so a re-enqueue never reuses a dead job."""
    return f"{document_id}-{enqueue_number}"


def claim(session: Session, document_id: str) -> Document | None:
    """Mark the document processing for this attempt; None if it is already finished."""
    now = utcnow()
    result = session.execute(
        update(Document)
        .where(Document.id == document_id, Document.status.not_in(FINISHED))
        .values(
            status=DocumentStatus.PROCESSING,
            attempts=Document.attempts + 1,
            started_at=now,
            heartbeat_at=now,
            updated_at=now,
        )
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.get(Document, document_id, populate_existing=True)


def heartbeat(session: Session, document_id: str) -> None:
    now = utcnow()
    session.execute(
        update(Document)
        .where(Document.id == document_id, Document.status == DocumentStatus.PROCESSING)
        .values(heartbeat_at=now, updated_at=now)
    )


def back_to_queue(session: Session, document_id: str) -> None:
    """A transient failure: the job will run again (rq retry or the reconciler)."""
    session.execute(
        update(Document)
        .where(Document.id == document_id, Document.status == DocumentStatus.PROCESSING)
        .values(status=DocumentStatus.QUEUED, updated_at=utcnow())
    )


@dataclass(frozen=True)
class Outcome:
    status: DocumentStatus
    result: dict[str, Any] | None
    document_type: str | None = None
    flags: str | None = None  # " code1 code2 ": date-independent ones, for LIKE filters
    card_expires_on: dt.date | None = None  # card_expired is judged from it when read
    error_code: str | None = None
    error_message: str | None = None
    error_stage: str | None = None


def finish(session: Session, document_id: str, outcome: Outcome) -> bool:
    """Record the outcome once; False if another attempt finished it first."""
    now = utcnow()
    result = session.execute(
        update(Document)
        .where(Document.id == document_id, Document.status.not_in(FINISHED))
        .values(
            status=outcome.status,
            result=outcome.result,
            document_type=outcome.document_type,
            flags=outcome.flags,
            card_expires_on=outcome.card_expires_on,
            error_code=outcome.error_code,
            error_message=outcome.error_message,
            error_stage=outcome.error_stage,
            finished_at=now,
            updated_at=now,
        )
    )
    return getattr(result, "rowcount", 0) == 1


@dataclass(frozen=True)
class DocumentFilter:
    trainer_id: str | None = None
    document_type: str | None = None
    status: str | None = None
    flag: str | None = None
    as_of: dt.date | None = None  # date-dependent flags are judged on it (default: today)


def list_documents(
    session: Session, filters: DocumentFilter, *, limit: int, offset: int
) -> tuple[list[Document], int]:
    query = select(Document)
    if filters.trainer_id:
        query = query.where(Document.trainer_id == filters.trainer_id)
    if filters.document_type:
        query = query.where(Document.document_type == filters.document_type)
    if filters.status:
        query = query.where(Document.status == filters.status)
    if filters.flag == FlagCode.CARD_EXPIRED:
        query = query.where(Document.card_expires_on < (filters.as_of or today_utc()))
    elif filters.flag:
        query = query.where(Document.flags.like(f"% {filters.flag} %"))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Document.created_at.desc(), Document.id).limit(limit).offset(offset)
    ).all()
    return list(rows), total


def stale_documents(
    session: Session, *, lease_s: float, queued_stale_s: float, limit: int = 500
) -> list[Document]:
    """Documents a lost job may have left behind: queued or processing for too long."""
    now = utcnow()
    lease_cut = now - dt.timedelta(seconds=lease_s)
    queued_cut = now - dt.timedelta(seconds=queued_stale_s)
    query = (
        select(Document)
        .where(
            or_(
                (Document.status == DocumentStatus.QUEUED) & (Document.updated_at < queued_cut),
                (Document.status == DocumentStatus.PROCESSING)
                & (Document.heartbeat_at < lease_cut),
            )
        )
        .order_by(Document.updated_at)
        .limit(limit)
    )
    return list(session.scalars(query).all())


def delete_document(session: Session, document_id: str, requested_at: dt.datetime) -> None:
    """Remove the row, unless the same bytes were uploaded again since ``requested_at`` (Conflict).

    An upload answered "duplicate" while the delete was under way names this
    row, so the row stays. The file is removed separately, once no row refers to
    it (``FileStore.release``): deciding that needs the deletion committed.
    """
    uploaded_after = Document.reuploaded_at.is_not(None) & (Document.reuploaded_at >= requested_at)
    deleted = session.execute(delete(Document).where(Document.id == document_id, ~uploaded_after))
    if getattr(deleted, "rowcount", 0) == 1:
        return
    if session.get(Document, document_id, populate_existing=True) is None:
        raise NotFound(f"No document {document_id}.")
    raise Conflict(
        "The same file was uploaded again while it was being deleted, so the document is "
        "kept. Delete it again if you meant to."
    )


def is_referenced(session: Session, sha256: str) -> bool:
    """Whether any document refers to these bytes (committed rows, as of this statement)."""
    query = select(Document.id).where(Document.sha256 == sha256).limit(1)
    return session.scalar(query) is not None
