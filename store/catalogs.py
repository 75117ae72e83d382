"""Catalog imports: the CSV text as uploaded, with its row report."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import CatalogImport


def record_import(
    session: Session,
    *,
    content: str,
    filename: str | None,
    accepted: int,
    rejected: int,
    report: dict[str, Any],
    imported_by: str | None,
) -> CatalogImport:
    row = CatalogImport(
        filename=(filename or "")[:255] or None,
        sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
        content=content,
        rows_accepted=accepted,
        rows_rejected=rejected,
        report=report,
        imported_by=imported_by,
    )
    session.add(row)
    session.flush()
    return row


def latest_import(session: Session) -> CatalogImport | None:
    return session.scalars(
        select(CatalogImport)
        .where(CatalogImport.rows_accepted > 0)
        .order_by(CatalogImport.created_at.desc())
        .limit(1)
    ).first()
