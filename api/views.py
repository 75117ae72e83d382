"""Rows to response models."""

from __future__ import annotations

import datetime as dt

from api.schemas import DocumentError, DocumentOut, DocumentSummary
from ingest.dated_flags import as_of, card_expired_flag, today_utc
from ingest.record import DocumentRecord
from store.models import Document


def flag_list(document: Document, on: dt.date | None = None) -> list[str]:
    """The stored flag codes and the date-dependent ones judged on ``on`` (default today)."""
    codes = (document.flags or "").split()
    expired = card_expired_flag(document.card_expires_on, on or today_utc())
    return [expired.code, *codes] if expired else codes


def document_out(document: Document) -> DocumentOut:
    error = None
    if document.error_code:
        error = DocumentError(
            code=document.error_code,
            message=document.error_message or "",
            stage=document.error_stage,
        )
    record = as_of(DocumentRecord.model_validate(document.result)) if document.result else None
    return DocumentOut(
        id=document.id,
        trainer_id=document.trainer_id,
        status=document.status,
        kind=document.kind,
        size_bytes=document.size_bytes,
        sha256=document.sha256,
        original_filename=document.original_filename,
        document_type=document.document_type,
        flags=[f.code for f in record.flags] if record else flag_list(document),
        attempts=document.attempts,
        job_id=document.job_id,
        created_at=document.created_at,
        updated_at=document.updated_at,
        started_at=document.started_at,
        finished_at=document.finished_at,
        error=error,
        record=record,
    )


def summary(document: Document) -> DocumentSummary:
    return DocumentSummary(
        id=document.id,
        trainer_id=document.trainer_id,
        status=document.status,
        document_type=document.document_type,
        flags=flag_list(document),
        original_filename=document.original_filename,
        created_at=document.created_at,
        error_code=document.error_code,
    )
