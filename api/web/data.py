"""What the pages show, gathered with the same store and audit functions the API uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.model import CeuEntry, Correction, EntryVerdict, EvidenceBox, Readiness
from audit.readiness import assess
from ingest.record import DocumentRecord
from ingest.settings import Settings
from store.entries import sync_entries
from store.models import CeuEntryRow, Document
from store.trainers import active_catalog, get_profile_row, profile_of, stored_records


@dataclass
class TrainerView:
    trainer_id: str
    profile_name: str | None
    entries: list[tuple[CeuEntryRow, CeuEntry]]
    readiness: Readiness | None
    documents: list[Document] = field(default_factory=list)
    expiry: dt.date | None = None
    records: dict[str, DocumentRecord] = field(default_factory=dict)

    def verdicts(self) -> dict[str, EntryVerdict]:
        """Whether each entry counts, and why not, by entry id."""
        if self.readiness is None:
            return {}
        return {v.entry.entry_id: v for v in self.readiness.entries}


def trainer_view(session: Session, trainer_id: str, settings: Settings) -> TrainerView:
    """Entries filled in again, documents, and the assessment when a profile exists."""
    catalog = active_catalog(session)
    pairs = sync_entries(session, trainer_id, settings, catalog)
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.trainer_id == trainer_id)
            .order_by(Document.created_at, Document.id)
        ).all()
    )
    row = get_profile_row(session, trainer_id)
    stored = {s.document_id: s.record for s in stored_records(session, trainer_id)}
    readiness = None
    if row is not None:
        today = dt.datetime.now(dt.UTC).date()
        entries = [entry for _row, entry in pairs]
        profile = profile_of(row, settings)
        readiness = assess(list(stored.values()), profile, today, settings, catalog, entries)
    name = row.name if row is not None else None
    expiry = row.certification_expiry if row is not None else None
    return TrainerView(trainer_id, name, pairs, readiness, documents, expiry, stored)


@dataclass(frozen=True)
class FeeWindow:
    state: str
    label: str
    start: dt.date | None
    end: dt.date | None


def fee_windows(expiry: dt.date, settings: Settings) -> list[FeeWindow]:
    """The submission windows around the certification's expiry, with what each costs."""
    day = dt.timedelta(days=1)
    late_end = expiry + dt.timedelta(days=settings.late_fee_days)
    lapse = expiry + dt.timedelta(days=settings.lapse_days)
    return [
        FeeWindow("on_time", f"renewal fee ${settings.recertification_fee_usd}", None, expiry),
        FeeWindow("late_fee", f"+ late fee ${settings.late_fee_usd}", expiry + day, late_end),
        FeeWindow(
            "additional_fee",
            f"+ additional fee ${settings.additional_fee_usd}",
            late_end + day,
            lapse,
        ),
        FeeWindow("lapsed", "lapsed: recertification refused", lapse + day, None),
    ]


def area_progress(readiness: Readiness | None, required: float) -> list[dict[str, Any]]:
    """CEUs counted per area, each as a share of the required total (for the bar)."""
    if readiness is None:
        return []
    totals: dict[str, float] = {}
    for verdict in readiness.entries:
        if verdict.counted:
            area = str(verdict.entry.area.area or "unassigned")
            totals[area] = totals.get(area, 0.0) + verdict.entry.ceus
    return [
        {"area": area, "ceus": round(ceus, 2), "percent": min(100.0, 100.0 * ceus / required)}
        for area, ceus in sorted(totals.items())
    ]


@dataclass
class BoxView:
    field: str
    value: str
    confidence: float
    level: str
    left: float
    top: float
    width: float
    height: float


@dataclass
class PageView:
    document_id: str
    number: int
    boxes: list[BoxView]


def confidence_level(confidence: float, settings: Settings) -> str:
    if confidence >= settings.web_confidence_high:
        return "high"
    return "medium" if confidence >= settings.web_confidence_low else "low"


def page_views(document_id: str, record: DocumentRecord, settings: Settings) -> list[PageView]:
    """Each page of a read document with its fields' evidence boxes (page fractions, in %).

    Evidence pages are 0-based indexes; page numbers shown and previewed are 1-based.
    """
    pages = [PageView(document_id, n, []) for n in range(1, len(record.pages) + 1)]
    for name, evidence in record.evidence.items():
        if evidence.box is None or evidence.page is None or not 0 <= evidence.page < len(pages):
            continue
        x0, y0, x1, y1 = evidence.box
        pages[evidence.page].boxes.append(
            BoxView(
                field=name,
                value=str(evidence.value),
                confidence=evidence.confidence,
                level=confidence_level(evidence.confidence, settings),
                left=100 * x0,
                top=100 * y0,
                width=100 * (x1 - x0),
                height=100 * (y1 - y0),
            )
        )
    return pages


NOT_EVIDENCE = {
    "other": (
        "This looks like neither a CE certificate nor a CPR/AED card (an invoice, a schedule, "
        "a thank-you letter). Delete it, or replace it with the certificate itself."
    ),
    "unknown": (
        "Too little could be read to tell what this is. Replace it with the original PDF or a "
        "sharper scan (flat, in good light, the whole page in view)."
    ),
}


@dataclass(frozen=True)
class DocumentView:
    """One upload as its owner sees it: what it was recognised as, or what went wrong."""

    id: str
    filename: str
    status: str
    document_type: str | None
    card_side: str | None
    pages: int
    problem: str | None
    uploaded: dt.datetime
    locked: bool


def document_views(
    documents: list[Document], records: dict[str, DocumentRecord], locked: set[str]
) -> list[DocumentView]:
    """The documents with the reason each cannot be used, in words, when it cannot."""
    views = []
    for document in documents:
        record = records.get(document.id)
        problem = document.error_message if document.status == "failed" else None
        if problem is None and document.document_type in NOT_EVIDENCE:
            problem = NOT_EVIDENCE[document.document_type]
        views.append(
            DocumentView(
                id=document.id,
                filename=document.original_filename or "upload",
                status=document.status,
                document_type=document.document_type,
                card_side=str(record.card_side) if record and record.card_side else None,
                pages=len(record.pages) if record else 0,
                problem=problem,
                uploaded=document.created_at,
                locked=document.id in locked,
            )
        )
    return views


def locked_documents(view: TrainerView, locked_entries: set[str]) -> set[str]:
    """The documents whose entries are part of an application not decided yet."""
    return {
        row.document_id
        for row, entry in view.entries
        if entry.entry_id in locked_entries and row.document_id
    }


@dataclass
class CropView:
    """The evidence box of a field cut out of its page preview (percentages for CSS)."""

    src: str
    page: int
    aspect: float  # width / height of the cut-out
    width: float  # the page image's width, as a share of the cut-out's (in %)
    left: float
    top: float


def crop_view(
    document_id: str | None, record: DocumentRecord | None, box: EvidenceBox | None
) -> CropView | None:
    """The page preview around ``box`` (with a margin), to show beside a corrected value."""
    if document_id is None or record is None or box is None or box.box is None:
        return None
    if box.page is None or not 0 <= box.page < len(record.pages):
        return None
    page = record.pages[box.page]
    margin = 0.02
    x0, y0 = max(0.0, box.box[0] - margin), max(0.0, box.box[1] - margin)
    x1, y1 = min(1.0, box.box[2] + margin), min(1.0, box.box[3] + margin)
    if x1 <= x0 or y1 <= y0 or page.width <= 0 or page.height <= 0:
        return None
    return CropView(
        src=f"/web/documents/{document_id}/pages/{box.page + 1}.png",
        page=box.page + 1,
        aspect=((x1 - x0) * page.width) / ((y1 - y0) * page.height),
        width=100 / (x1 - x0),
        left=-100 * x0 / (x1 - x0),
        top=-100 * y0 / (y1 - y0),
    )


def corrections_shown(view: TrainerView) -> dict[str, list[tuple[Correction, CropView | None]]]:
    """Per entry, its corrections each with the evidence box cut out of its page."""
    return {
        entry.entry_id: [
            (c, crop_view(row.document_id, view.records.get(row.document_id or ""), c.evidence))
            for c in entry.corrections
        ]
        for row, entry in view.entries
    }
