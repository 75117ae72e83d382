"""Document records and a trainer profile built directly, for the recertification rule tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from audit.model import TrainerProfile
from ingest.record import (
    CardSide,
    DocumentRecord,
    DocumentType,
    Evidence,
    Fields,
    Flag,
    Match,
)
from ingest.settings import Settings

TRAINER = "Jordan Avery Ellis"
CERT_EXPIRY = dt.date(2026, 6, 30)
CYCLE_START = dt.date(2024, 6, 30)
AS_OF = dt.date(2026, 5, 1)


def profile(settings: Settings, **changes: Any) -> TrainerProfile:
    values: dict[str, Any] = {"name": TRAINER, "certification_expiry": CERT_EXPIRY}
    values.update(changes)
    return TrainerProfile.for_cycle(settings=settings, **values)


def sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def ceu(
    label: str,
    *,
    provider: str | None = "Summit Strength Academy",
    course: str | None = "Kettlebell Foundations for Personal Trainers",
    ceus: float | None = 1.0,
    hours: float | None = None,
    completed: dt.date | None = dt.date(2025, 3, 1),
    holder: str | None = TRAINER,
    certificate_id: str | None = None,
    approved: bool = True,
    provider_id: str | None = None,
    course_id: str | None = None,
    sha256: str | None = None,
) -> DocumentRecord:
    """A CEU certificate record; ``label`` names the upload and seeds its hash."""
    match = Match(
        provider_id=provider_id if provider_id else ("P001" if approved else None),
        course_id=course_id,
        score=95.0 if approved else 40.0,
        approved=approved,
    )
    return DocumentRecord(
        source=f"{label}.pdf",
        status="ok",
        sha256=sha256 or sha(label),
        document_type=DocumentType.CEU_CERTIFICATE,
        fields=Fields(
            holder_name=holder,
            provider_name=provider,
            course_title=course,
            ceus=ceus,
            contact_hours=hours,
            completion_date=completed,
            certificate_id=certificate_id,
        ),
        match=match,
    )


def card(
    label: str,
    *,
    side: CardSide | None = CardSide.BOTH,
    expiry: dt.date | None = dt.date(2027, 4, 30),
    issued: dt.date | None = dt.date(2025, 4, 2),
    holder: str | None = TRAINER,
    certificate_id: str | None = None,
    hands_on: bool | None = True,
    flags: tuple[str, ...] = (),
) -> DocumentRecord:
    """A CPR/AED card record (both sides on one page unless ``side`` says otherwise)."""
    return DocumentRecord(
        source=f"{label}.jpg",
        status="ok",
        sha256=sha(label),
        document_type=DocumentType.CPR_AED_CARD,
        card_side=side,
        fields=Fields(
            holder_name=holder,
            course_title="Heartsaver CPR AED",
            completion_date=issued,
            expiry_date=expiry,
            certificate_id=certificate_id,
        ),
        hands_on_skills=hands_on,
        flags=[Flag(code=code, message=code) for code in flags],
    )


def unreadable(label: str) -> DocumentRecord:
    return DocumentRecord(
        source=f"{label}.jpg", status="ok", sha256=sha(label), document_type=DocumentType.UNKNOWN
    )


def other(label: str) -> DocumentRecord:
    """A document of another kind: a primary certification, read but evidence of nothing."""
    why = "a credential, not a course: has met all the requirements, certified personal trainer"
    return DocumentRecord(
        source=f"{label}.pdf",
        status="ok",
        sha256=sha(label),
        document_type=DocumentType.OTHER,
        fields=Fields(holder_name=TRAINER, course_title="Certified Personal Trainer"),
        evidence={"document_type": Evidence(value="other", confidence=0.6, reason=why)},
    )


def full_application() -> list[DocumentRecord]:
    """A complete, ready application: 2.0 approved CEUs and a valid two-sided card."""
    return [
        ceu("kettlebell", ceus=0.8),
        ceu("barbell", course="Advanced Barbell Coaching", ceus=1.2),
        card("cpr"),
    ]
