"""From page text to a document record: classify, extract fields, match, flag."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ingest.model import DocumentText
from ingest.record import DocumentRecord, DocumentType
from ingest.settings import Settings

Catalog = Any


def understand(
    document: DocumentText,
    settings: Settings,
    *,
    catalog: Catalog | None,
    as_of: dt.date,
) -> DocumentRecord:
    return DocumentRecord(
        source="",
        status="ok",
        sha256=document.triage.sha256,
        document_type=DocumentType.UNKNOWN,
    )
