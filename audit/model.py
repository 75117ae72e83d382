"""Typed, immutable data of the recertification rules: profile, entries, flags, results.

Pydantic frozen models, like the document record, so the same classes validate,
serialise for ``certverify audit --format json`` and document the API.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.settings import Settings


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class TrainerProfile(_Frozen):
    name: str
    other_names: tuple[str, ...] = ()
    certification_number: str | None = None
    certification_expiry: dt.date
    cycle_start: dt.date
    recertify_for_life: bool = False

    @classmethod
    def for_cycle(
        cls,
        *,
        name: str,
        certification_expiry: dt.date,
        settings: Settings,
        other_names: tuple[str, ...] = (),
        certification_number: str | None = None,
        recertify_for_life: bool = False,
    ) -> TrainerProfile:
        """A profile whose cycle started ``cycle_years`` before the expiry date."""
        return cls(
            name=name,
            other_names=other_names,
            certification_number=certification_number,
            certification_expiry=certification_expiry,
            cycle_start=years_before(certification_expiry, settings.cycle_years),
            recertify_for_life=recertify_for_life,
        )


class CeArea(StrEnum):
    ASSESSMENT = "assessment"
    EXERCISE_TECHNIQUE = "exercise_technique"
    PROGRAM_DESIGN = "program_design"
    NUTRITION = "nutrition"
    CLIENT_RELATIONS = "client_relations_and_administration"
    PROFESSIONAL_PRACTICE = "professional_practice_and_responsibility"


class Category(StrEnum):
    CATEGORY_A = "category_a"
    APPROVED_PROVIDER = "approved_provider"
    PETITION = "petition"
    OTHER = "other"


class PetitionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EntryState(StrEnum):
    AUTO = "auto"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"


class CeusSource(StrEnum):
    CATALOG = "catalog"  # the approved course's value in the catalog
    NASM_CEUS = "nasm_ceus"
    CONTACT_HOURS = "contact_hours"
    MISSING = "missing"
    MANUAL = "manual"


class AreaGuess(_Frozen):
    """The CE area a course develops, how sure the guess is, and the words that decided it."""

    area: CeArea | None
    confidence: float
    words: tuple[str, ...] = ()


EntryValue = str | float | dt.date | None


class EvidenceBox(_Frozen):
    """Where on the document a value was read: ``page`` from 0, ``box`` as page fractions."""

    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    source_text: str | None = None


class CeusCheck(_Frozen):
    """The printed credit of an approved course beside the catalog's value.

    ``printed`` is the NASM value the document shows (printed as NASM CEUs, or
    its printed contact hours converted, as ``printed_as`` says), None when
    nothing was read; ``agrees`` is None when there is nothing to compare.
    """

    catalog: float
    printed: float | None = None
    printed_as: CeusSource | None = None
    agrees: bool | None = None
    evidence: EvidenceBox | None = None


class ReviewState(StrEnum):
    HELD = "held"  # waits for an auditor: it does not count yet
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # the value read stands again


class Correction(_Frozen):
    """A field a person changed: what was read, what it became, and its review.

    A trainer's correction of who holds the certificate or which provider
    issued it is ``held`` until an auditor accepts it; other corrections need
    no review (``review`` None).
    """

    field: str
    read: EntryValue
    value: EntryValue
    who: str
    when: dt.datetime
    by_trainer: bool = False
    review: ReviewState | None = None
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None
    review_reason: str | None = None
    evidence: EvidenceBox | None = None


class HistoryItem(_Frozen):
    who: str
    when: dt.datetime
    field: str
    old: EntryValue
    new: EntryValue


class CeuEntry(_Frozen):
    entry_id: str
    source: str
    document: str  # the evidence: the upload's sha256, or its source when unknown
    provider: str | None = None
    provider_id: str | None = None
    course: str | None = None
    course_id: str | None = None
    course_code: str | None = None
    ceus: float = 0.0
    ceus_source: CeusSource = CeusSource.MISSING
    ceus_reason: str = ""
    ceus_check: CeusCheck | None = None
    completion_date: dt.date | None = None
    holder_name: str | None = None
    certificate_id: str | None = None
    area: AreaGuess = AreaGuess(area=None, confidence=0.0)
    category: Category = Category.OTHER
    petition_status: PetitionStatus | None = None
    petition_fee_usd: int = 0
    state: EntryState = EntryState.AUTO
    duplicate_of: str | None = None
    history: tuple[HistoryItem, ...] = ()
    corrections: tuple[Correction, ...] = ()  # the latest correction of each field
    evidence: dict[str, EvidenceBox] = {}  # entry field -> where the document shows it

    def held(self) -> tuple[Correction, ...]:
        """Corrections waiting for an auditor's review."""
        return tuple(c for c in self.corrections if c.review is ReviewState.HELD)


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


class FlagCode(StrEnum):
    INSUFFICIENT_CEUS = "insufficient_ceus"
    CPR_AED_MISSING = "cpr_aed_missing"
    CPR_AED_FRONT_MISSING = "cpr_aed_front_missing"
    CPR_AED_BACK_MISSING = "cpr_aed_back_missing"
    CPR_AED_EXPIRED = "cpr_aed_expired"
    CPR_AED_EXPIRY_UNKNOWN = "cpr_aed_expiry_unknown"
    CPR_AED_ONLINE_ONLY = "cpr_aed_online_only"
    CPR_AED_HANDS_ON_UNCONFIRMED = "cpr_aed_hands_on_unconfirmed"
    CPR_AED_NOT_ADULT = "cpr_aed_not_adult_cpr_aed"
    CPR_AED_EXPIRES_BEFORE_CERTIFICATION = "cpr_aed_expires_before_certification"
    NAME_MISMATCH = "name_mismatch"
    HOLDER_NAME_MISSING = "holder_name_missing"
    DUPLICATE_COURSE = "duplicate_course"
    CORRECTION_HELD = "correction_held"
    CEUS_MISMATCH = "ceus_mismatch"
    COURSE_OUTSIDE_WINDOW = "course_outside_window"
    COMPLETION_DATE_MISSING = "completion_date_missing"
    CEUS_MISSING = "ceus_missing"
    PROVIDER_NOT_APPROVED = "provider_not_approved"
    PETITION_PENDING = "petition_pending"
    UNREADABLE_DOCUMENT = "unreadable_document"
    NOT_CE_OR_CARD = "not_ce_or_card"
    CERTIFICATION_LAPSED = "certification_lapsed"


class AuditFlag(_Frozen):
    code: FlagCode
    severity: Severity
    message: str
    documents: tuple[str, ...] = ()
    evidence: EvidenceBox | None = None  # where on the (first) document the flag points


class EntryVerdict(_Frozen):
    """Whether an entry counts toward the total, and why not when it does not."""

    entry: CeuEntry
    counted: bool
    reasons: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        data = self.entry.model_dump(mode="json")
        data["counted"] = self.counted
        data["not_counted_reasons"] = list(self.reasons)
        return data


class CardNote(_Frozen):
    """A CPR/AED card that was not judged, and why."""

    documents: tuple[str, ...]
    sources: tuple[str, ...]
    reason: str


class CprAedStatus(_Frozen):
    valid: bool
    front: bool
    back: bool
    expiry_date: dt.date | None = None
    hands_on: bool | None = None
    documents: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # the judged card's uploads, by file name
    judged: str = ""  # which card is judged, and why it
    others: tuple[CardNote, ...] = ()  # every other card and why it was not judged


class DeadlineState(StrEnum):
    ON_TIME = "on_time"
    LATE_FEE = "late_fee"
    ADDITIONAL_FEE = "additional_fee"
    LAPSED = "lapsed"


class Fee(_Frozen):
    kind: str
    amount_usd: int
    reason: str


class Deadline(_Frozen):
    state: DeadlineState
    days_after_expiry: int
    ce_window_end: dt.date  # the last completion date that still counts
    fees: tuple[Fee, ...] = ()

    @property
    def total_fees_usd(self) -> int:
        return sum(fee.amount_usd for fee in self.fees)


class CheckItem(_Frozen):
    key: str
    label: str
    passed: bool
    points: float
    max_points: float
    why: str
    documents: tuple[str, ...] = ()


class Readiness(_Frozen):
    as_of: dt.date
    ready: bool
    score: int
    total_ceus: float
    required_ceus: float
    excess_ceus: float
    cpr_aed: CprAedStatus
    entries: tuple[EntryVerdict, ...]
    flags: tuple[AuditFlag, ...]
    deadline: Deadline
    checklist: tuple[CheckItem, ...]

    def to_json_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude={"entries"})
        data["entries"] = [verdict.to_json_dict() for verdict in self.entries]
        data["deadline"]["total_fees_usd"] = self.deadline.total_fees_usd
        return data
