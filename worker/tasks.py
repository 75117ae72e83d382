"""rq tasks, kept thin: load the row, run the pipeline, persist the outcome.

``process_document`` is enqueued by name (``worker.tasks.process_document``)
with the document id. It is idempotent: a document already done or failed is
skipped, and only the first attempt to finish records its outcome.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ingest.dated_flags import card_expiry, stored_flag_codes
from ingest.errors import ErrorCode
from ingest.record import DocumentRecord
from ingest.settings import Settings
from pipeline.isolate import process_isolated
from store.db import Database
from store.documents import Outcome, back_to_queue, claim, finish, heartbeat
from store.models import DocumentStatus
from store.previews import keep_previews
from store.reuse import keep_marks_and_flag_reuse
from worker.catalogs import active_catalog
from worker.context import WorkerContext, context_for

log = logging.getLogger(__name__)

# ToolError codes: tesseract failing or slow on a busy machine may pass on retry.
TRANSIENT_CODES = {ErrorCode.OCR_FAILED, ErrorCode.OCR_TIMEOUT, ErrorCode.TOOL_MISSING}
_TRIAGE_CODES = {
    ErrorCode.FILE_NOT_FOUND,
    ErrorCode.FILE_EMPTY,
    ErrorCode.FILE_TOO_LARGE,
    ErrorCode.UNSUPPORTED_TYPE,
    ErrorCode.CORRUPT_FILE,
    ErrorCode.PDF_ENCRYPTED,
    ErrorCode.TOO_MANY_PAGES,
    ErrorCode.IMAGE_TOO_LARGE,
    ErrorCode.PAGE_TOO_LARGE,
    ErrorCode.NO_PAGES,
}
_ISOLATION_CODES = {ErrorCode.PROCESSING_TIMEOUT, ErrorCode.RESOURCE_LIMIT}


class TransientFailure(Exception):
    """Raised so rq (or the in-process runner) retries the job with backoff."""


def process_document(document_id: str, settings: Settings | None = None) -> str:
    ctx = context_for(settings)
    with ctx.db.session() as session:
        document = claim(session, document_id)
        if document is None:
            return "skipped: already finished or deleted"
        sha256, source, attempts = document.sha256, document.original_filename, document.attempts
        kind = document.kind
    _progress("processing", document_id)
    path = ctx.files.fetch(sha256)  # from the database first when files are kept there
    record: DocumentRecord | None = None
    if path is None:
        outcome = Outcome(
            status=DocumentStatus.FAILED,
            result=None,
            error_code=str(ErrorCode.FILE_NOT_FOUND),
            error_message="The stored file is missing. Upload the document again.",
            error_stage="storage",
        )
    else:
        with _heartbeat(ctx, document_id):
            record = process_isolated(
                path, ctx.settings, catalog=active_catalog(ctx), source=source or sha256
            )
        if _is_transient(record) and attempts < ctx.settings.job_max_attempts:
            with ctx.db.session() as session:
                back_to_queue(session, document_id)
            raise TransientFailure(f"{record.error.code if record.error else ''}: will retry")
        outcome = outcome_for(record)
        if outcome.status is DocumentStatus.DONE:
            _progress("drawing previews", document_id)
            pages = [page.model_dump() for page in record.pages]
            keep_previews(ctx.files, path, sha256, kind, pages, ctx.settings)
    recorded = persist(ctx.db, document_id, outcome, record)
    _progress(str(outcome.status), document_id)
    return f"{outcome.status}" if recorded else "skipped: finished by another attempt"


def persist(
    db: Database, document_id: str, outcome: Outcome, record: DocumentRecord | None
) -> bool:
    """Record the outcome once (False if another attempt did first) and, for a document
    read, keep its fingerprints and flag reuse across trainers, in one transaction."""
    with db.write_session() as session:
        recorded = finish(session, document_id, outcome)
        if recorded and outcome.status is DocumentStatus.DONE and record is not None:
            keep_marks_and_flag_reuse(session, document_id, record)
    return recorded


def outcome_for(record: DocumentRecord) -> Outcome:
    result = record.to_json_dict()
    if record.status == "ok" or record.error is None:
        return Outcome(
            status=DocumentStatus.DONE,
            result=result,
            document_type=str(record.document_type) if record.document_type else None,
            flags=stored_flag_codes(record),
            card_expires_on=card_expiry(record),
        )
    return Outcome(
        status=DocumentStatus.FAILED,
        result=result,
        error_code=record.error.code,
        error_message=record.error.message,
        error_stage=error_stage(record.error.code),
    )


def error_stage(code: str) -> str:
    if code in _TRIAGE_CODES:
        return "triage"
    if code in TRANSIENT_CODES:
        return "reading"
    if code in _ISOLATION_CODES:
        return "isolation"
    return "pipeline"


def _is_transient(record: DocumentRecord) -> bool:
    return record.error is not None and record.error.code in TRANSIENT_CODES


@contextmanager
def _heartbeat(ctx: WorkerContext, document_id: str) -> Iterator[None]:
    """Touch the row while the pipeline runs, so the reconciler knows we are alive."""
    stop = threading.Event()
    interval = max(0.5, ctx.settings.lease_s / 4)

    def beat() -> None:
        while not stop.wait(interval):
            try:
                with ctx.db.session() as session:
                    heartbeat(session, document_id)
            except Exception:  # the database may blink; the next beat tries again
                log.warning("heartbeat for %s failed", document_id, exc_info=True)

    thread = threading.Thread(target=beat, name="certverify-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def _progress(stage: str, document_id: str) -> None:
    """Progress in ``job.meta`` when running under rq (a no-op in-process). Best effort:
    Redis may be away for a moment, and a progress note never fails the reading."""
    from redis.exceptions import RedisError
    from rq import get_current_job

    job = get_current_job()
    if job is None:
        return
    job.meta.update({"stage": stage, "document_id": document_id})
    try:
        job.save_meta()
    except RedisError as e:
        log.warning("progress of %s not noted (%s): Redis did not answer", document_id, stage)
        log.debug("progress note failed", exc_info=e)
