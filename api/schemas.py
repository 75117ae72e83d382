"""Request and response models of the HTTP API (they are its OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from ingest.record import DocumentRecord

DOCUMENT_TYPES = (
    "ceu_certificate | cpr_aed_card | other (a primary certification, a licence, thanks, an "
    "invoice: neither CE nor CPR/AED) | unknown (too little read or too few cues to tell); "
    "null until read"
)


class ErrorDetail(BaseModel):
    code: str = Field(examples=["unsupported_type"])
    message: str = Field(examples=["This file is plain text. Upload the certificate as a PDF."])


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give (503 for every route)."""
    descriptions = {
        401: "Missing or unknown API key (unauthorized).",
        403: "The key's role may not do this (forbidden).",
        404: "No such document, or not yours (not_found).",
        409: "The document is not in a state that allows this (conflict).",
        413: "The upload is larger than the limit (file_too_large).",
        415: "The bytes are not a PDF or supported image (unsupported_type).",
        422: "The request is not valid (invalid_request, catalog_invalid).",
        429: "The trainer's quota is used up; Retry-After says when to try again (rate_limited).",
        503: "The database does not answer (service_unavailable).",
        507: "No room left to store anything; nothing was stored (storage_full).",
    }
    return {s: {"model": ErrorBody, "description": descriptions[s]} for s in (*statuses, 503, 507)}


class UploadAccepted(BaseModel):
    id: str
    status: str
    status_url: str
    job_id: str | None = Field(
        description="None when the queue was unavailable; the document is stored and will "
        "be enqueued by the reconciler."
    )
    sha256: str
    duplicate: bool = Field(description="True when the same bytes were already uploaded.")


class DocumentError(BaseModel):
    code: str
    message: str
    stage: str | None


class DocumentOut(BaseModel):
    id: str
    trainer_id: str
    status: str = Field(description="queued | processing | done | failed")
    kind: str
    size_bytes: int
    sha256: str
    original_filename: str | None
    document_type: str | None = Field(description=DOCUMENT_TYPES)
    flags: list[str]
    attempts: int
    job_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: DocumentError | None
    record: DocumentRecord | None = Field(
        description="What was read: the same record `certverify extract --format json` prints."
    )


class DocumentSummary(BaseModel):
    id: str
    trainer_id: str
    status: str
    document_type: str | None = Field(description=DOCUMENT_TYPES)
    flags: list[str]
    original_filename: str | None
    created_at: dt.datetime
    error_code: str | None


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class RejectedRow(BaseModel):
    line: int
    reason: str


class CatalogImportOut(BaseModel):
    id: str
    rows_accepted: int
    rows_rejected: int
    rejected: list[RejectedRow]


class ProviderHit(BaseModel):
    provider_id: str
    name: str
    score: float


class Health(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
