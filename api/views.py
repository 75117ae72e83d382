"""Rows to response models."""

from __future__ import annotations

import datetime as dt

from api.schemas import DocumentError, DocumentOut, DocumentSummary
from ingest.dated_flags import as_of, card_expired_flag, today_utc
from ingest.record import DocumentRecord, OtherUpload
from store.models import Document


def flag_list(document: Document, on: dt.date | None = None) -> list[str]:
    """The stored flag codes and the date-dependent ones judged on ``on`` (default today)."""
    codes = (document.flags or "").split()
    expired = card_expired_flag(document.card_expires_on, on or today_utc())
    return [expired.code, *codes] if expired else codes


def for_trainer(record: DocumentRecord) -> DocumentRecord:
    """The record as its trainer sees it: a reuse finding names the other upload by its id
    only; who uploaded it, when, and the name it prints are for the auditor."""
    if not any(f.evidence.other_upload for f in record.authenticity):
        return record
    findings = [
        f.model_copy(
            update={
                "evidence": f.evidence.model_copy(
                    update={"other_upload": OtherUpload(document_id=upload.document_id)}
                )
            }
        )
        if (upload := f.evidence.other_upload) is not None
        else f
        for f in record.authenticity
    ]
    return record.model_copy(update={"authenticity": findings})


def document_out(document: Document, *, trainer_view: bool = False) -> DocumentOut:
    """The document as served; ``trainer_view`` for a trainer reading their own."""
    error = None
    if document.error_code:
        error = DocumentError(
            code=document.error_code,
            message=document.error_message or "",
            stage=document.error_stage,
        )
    record = as_of(DocumentRecord.model_validate(document.result)) if document.result else None
    if record is not None and trainer_view:
        record = for_trainer(record)
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
