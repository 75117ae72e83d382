"""Document rows: create, claim, finish and find, with conditional updates.

A document moves queued -> processing -> done | failed. ``claim`` and
``finish`` are single conditional UPDATEs so two workers handed the same
document (a re-enqueue after a lost worker) cannot both finish it: the first
``finish`` wins and the other becomes a no-op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from store.models import Document, DocumentStatus, Trainer, new_id, utcnow

FINISHED = (DocumentStatus.DONE, DocumentStatus.FAILED)


def ensure_trainer(session: Session, trainer_id: str, name: str | None = None) -> Trainer:
    trainer = session.get(Trainer, trainer_id)
    if trainer is None:
        trainer = Trainer(id=trainer_id, name=name)
        session.add(trainer)
        session.flush()
    return trainer


def find_duplicate(session: Session, trainer_id: str, sha256: str) -> Document | None:
    """The trainer's newest document with these exact bytes, if any."""
    query = (
        select(Document)
        .where(Document.trainer_id == trainer_id, Document.sha256 == sha256)
        .order_by(Document.created_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def create_document(
    session: Session,
    *,
    trainer_id: str,
    sha256: str,
    size_bytes: int,
    kind: str,
    original_filename: str | None,
) -> Document:
    ensure_trainer(session, trainer_id)
    document_id = new_id()
    now = utcnow()
    document = Document(
        id=document_id,
        job_id=job_id_for(document_id, 1),
        enqueues=1,
        enqueued_at=now,
        created_at=now,
        updated_at=now,
        trainer_id=trainer_id,
        sha256=sha256,
        size_bytes=size_bytes,
        kind=kind,
        original_filename=(original_filename or "")[:255] or None,
        status=DocumentStatus.QUEUED,
        attempts=0,
    )
    session.add(document)
    session.flush()
    return document


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
    flags: str | None = None  # " code1 code2 ": spaces around each, for LIKE filters
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
    if filters.flag:
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


def delete_document(session: Session, document: Document) -> bool:
    """Remove the row; True when no other document still references its file."""
    sha256 = document.sha256
    session.delete(document)
    session.flush()
    others = session.scalar(select(func.count()).where(Document.sha256 == sha256)) or 0
    return others == 0
