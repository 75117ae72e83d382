"""Putting documents back on the queue when their job was lost.

A job is lost when Redis was down at upload time, when a worker was killed
mid-job, or when Redis lost its data. The row and the file were committed
before any enqueue, so the database is the truth: a document still queued
with no live job, or processing with a heartbeat older than the lease, is
enqueued again. Processing is idempotent (``store.documents.finish`` is
conditional), so a document still ends done or failed exactly once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import update

from ingest.settings import Settings
from store.db import Database
from store.dispatch import Dispatcher, QueueUnavailable
from store.documents import among_first_pending, next_job, stale_documents
from store.files import FileStore
from store.models import Document, DocumentStatus, utcnow

log = logging.getLogger(__name__)


@dataclass
class ReconcileReport:
    checked: int = 0
    requeued: list[str] = field(default_factory=list)
    still_alive: int = 0
    queue_unavailable: bool = False


def enqueue_document(
    db: Database, dispatcher: Dispatcher, document_id: str, first_pending: int
) -> str | None:
    """Enqueue a committed document; None (and a warning) if the queue is down."""
    with db.session() as session:
        job_id = next_job(session, document_id)
        first = job_id is not None and among_first_pending(session, document_id, first_pending)
    if job_id is None:
        return None
    return hand_over(dispatcher, document_id, job_id, first=first)


def hand_over(
    dispatcher: Dispatcher, document_id: str, job_id: str, *, first: bool = True
) -> str | None:
    """Put the job on the queue once its id is committed; None if the queue is down.

    The job id is recorded first, so a failed hand-over leaves a queued row whose
    job does not exist: exactly what the reconciler looks for.
    """
    try:
        dispatcher.enqueue(document_id, job_id, first=first)
    except QueueUnavailable as e:
        log.warning("queue unavailable, %s left for the reconciler: %s", document_id, e)
        return None
    return job_id


def reconcile(
    db: Database,
    dispatcher: Dispatcher,
    *,
    lease_s: float,
    queued_stale_s: float,
    first_pending: int = 1,
) -> ReconcileReport:
    report = ReconcileReport()
    with db.session() as session:
        stale = [
            (d.id, d.status, d.job_id)
            for d in stale_documents(session, lease_s=lease_s, queued_stale_s=queued_stale_s)
        ]
    for document_id, status, job_id in stale:
        report.checked += 1
        try:
            if status == DocumentStatus.QUEUED and dispatcher.job_alive(job_id):
                report.still_alive += 1
                continue
        except QueueUnavailable:
            report.queue_unavailable = True
            break
        _reset_to_queued(db, document_id)
        if enqueue_document(db, dispatcher, document_id, first_pending) is None:
            report.queue_unavailable = True
            break
        report.requeued.append(document_id)
    if report.requeued:
        log.info("reconciler re-enqueued %d document(s)", len(report.requeued))
    return report


def housekeeping(
    db: Database, dispatcher: Dispatcher, files: FileStore, settings: Settings
) -> None:
    """One periodic pass: lost jobs back on the queue, then unreferenced bytes removed."""
    reconcile(
        db,
        dispatcher,
        lease_s=settings.lease_s,
        queued_stale_s=settings.queued_stale_s,
        first_pending=settings.fair_first_pending,
    )
    removed = files.sweep(db, settings.blob_grace_s)
    if removed:
        log.info("sweep removed %d stored file(s) no document refers to", removed)


def _reset_to_queued(db: Database, document_id: str) -> None:
    with db.session() as session:
        session.execute(
            update(Document)
            .where(Document.id == document_id, Document.status == DocumentStatus.PROCESSING)
            .values(status=DocumentStatus.QUEUED, updated_at=utcnow())
        )
