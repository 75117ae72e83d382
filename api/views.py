"""Rows to response models."""

from __future__ import annotations

from api.schemas import DocumentError, DocumentOut, DocumentSummary
from ingest.record import DocumentRecord
from store.models import Document


def flag_list(document: Document) -> list[str]:
    return (document.flags or "").split()


def document_out(document: Document) -> DocumentOut:
    error = None
    if document.error_code:
        error = DocumentError(
            code=document.error_code,
            message=document.error_message or "",
            stage=document.error_stage,
        )
    record = DocumentRecord.model_validate(document.result) if document.result else None
    return DocumentOut(
        id=document.id,
        trainer_id=document.trainer_id,
        status=document.status,
        kind=document.kind,
        size_bytes=document.size_bytes,
        sha256=document.sha256,
        original_filename=document.original_filename,
        document_type=document.document_type,
        flags=flag_list(document),
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
