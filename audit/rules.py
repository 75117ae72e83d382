"""The recertification rules over CEU entries and CPR/AED cards, as pure functions.

An entry counts toward ``required_ceus`` when it is the first copy of its
course, completed inside the cycle window (cycle start through the expiry
date, or through ``ce_grace_days`` after it when the application is late), in
the trainer's name, and of a counting category: Category A, an approved
provider, an accepted petition, or an "other" entry a person has confirmed.
A pending petition is listed (and its fee shown) but not counted until it is
accepted, so the total never promises credit a reviewer may refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audit.cpr import Card
from audit.model import (
    AuditFlag,
    Category,
    CeuEntry,
    CeusSource,
    Correction,
    Deadline,
    DeadlineState,
    EntryState,
    EntryVerdict,
    FlagCode,
    PetitionStatus,
    Severity,
    TrainerProfile,
)
from audit.names import NameCheck, check_holder
from ingest.record import DocumentRecord, DocumentType
from ingest.record import FlagCode as RecordFlag
from ingest.settings import Settings

COUNTED_CATEGORIES = (Category.CATEGORY_A, Category.APPROVED_PROVIDER)


def _flag(code: FlagCode, severity: Severity, message: str, *docs: str) -> AuditFlag:
    return AuditFlag(code=code, severity=severity, message=message, documents=tuple(docs))


@dataclass(frozen=True, slots=True)
class Context:
    """What every entry is judged against: the trainer, the deadline, the day, the settings."""

    profile: TrainerProfile
    deadline: Deadline
    as_of: dt.date
    settings: Settings


def window_problem(entry: CeuEntry, ctx: Context) -> str | None:
    """Why the completion date falls outside the window, or None when it is inside."""
    done, start, end = entry.completion_date, ctx.profile.cycle_start, ctx.deadline.ce_window_end
    if done is None:
        return None
    if done < start:
        return f"completed {done} before the cycle started on {start}"
    if done > ctx.as_of:
        return f"completion date {done} is after the as-of date {ctx.as_of}"
    if done > end:
        return f"completed {done}, after the last counting day {end}"
    return None


def category_problem(entry: CeuEntry) -> str | None:
    if entry.category in COUNTED_CATEGORIES:
        return None
    if entry.category is Category.PETITION:
        if entry.petition_status is PetitionStatus.ACCEPTED:
            return None
        return f"petition {entry.petition_status or PetitionStatus.PENDING}"
    if entry.state is EntryState.AUTO:
        return "other CEUs count once a reviewer confirms them"
    return None


def judge_entry(
    entry: CeuEntry, ctx: Context, name: NameCheck, first_copy: str | None = None
) -> EntryVerdict:
    """Whether one entry counts; ``first_copy`` names the upload a duplicate repeats."""
    reasons = [
        f"duplicate of {first_copy or entry.duplicate_of}" if entry.duplicate_of else None,
        "no completion date" if entry.completion_date is None else None,
        window_problem(entry, ctx),
        "no CEUs or hours were read" if entry.ceus <= 0 else None,
        category_problem(entry),
        f"holder '{name.found}' is not {ctx.profile.name}" if name.matched is False else None,
        *(f"{held_change(c)}: held until an auditor accepts it" for c in entry.held()),
    ]
    kept = tuple(r for r in reasons if r)
    return EntryVerdict(entry=entry, counted=not kept, reasons=kept)


FIELD_WORDS = {"holder_name": "holder", "petition_status": "petition status"}


def held_change(correction: Correction) -> str:
    """'the trainer changed the holder from 'X' to 'Y'' for a held correction."""
    field = FIELD_WORDS.get(correction.field, correction.field.replace("_", " "))
    read = f"'{correction.read}'" if correction.read is not None else "nothing read"
    return f"the trainer changed the {field} from {read} to '{correction.value}'"


def held_flags(entry: CeuEntry, label: str) -> list[AuditFlag]:
    """Corrections of identity that do not count until an auditor accepts them."""
    return [
        _flag(
            FlagCode.CORRECTION_HELD,
            Severity.WARNING,
            f"'{label}': {held_change(c)}; it counts once an auditor accepts the change.",
            entry.document,
        ).model_copy(update={"evidence": c.evidence})
        for c in entry.held()
    ]


def entry_flags(
    entry: CeuEntry, ctx: Context, name: NameCheck, first_copy: str | None = None
) -> list[AuditFlag]:
    """The flags one CEU entry raises; each names the entry's document.

    A duplicate raises only ``duplicate_course``: its first copy carries the rest.
    """
    doc, label = entry.document, entry.course or "course"
    if entry.duplicate_of:
        message = f"'{label}' repeats {first_copy or entry.duplicate_of}: counted once."
        return [_flag(FlagCode.DUPLICATE_COURSE, Severity.WARNING, message, doc)]
    outside = window_problem(entry, ctx)
    checks = [
        (outside, FlagCode.COURSE_OUTSIDE_WINDOW, f"'{label}' does not count: {outside}."),
        (
            entry.completion_date is None,
            FlagCode.COMPLETION_DATE_MISSING,
            f"No completion date was read on '{label}'; enter it by hand.",
        ),
        (
            entry.ceus_source is CeusSource.MISSING,
            FlagCode.CEUS_MISSING,
            f"No NASM CEUs or contact hours were read on '{label}'.",
        ),
        (
            entry.category is Category.PETITION
            and entry.petition_status is not PetitionStatus.ACCEPTED,
            FlagCode.PROVIDER_NOT_APPROVED,
            f"'{entry.provider}' is not an approved provider for '{label}': petition it "
            f"(${ctx.settings.petition_fee_usd}, nonrefundable); it counts once accepted.",
        ),
    ]
    flags = [_flag(code, Severity.WARNING, msg, doc) for bad, code, msg in checks if bad]
    extra = ceus_flags(entry, label) + held_flags(entry, label)
    return flags + extra + name_flags(name, ctx.profile, doc)


def ceus_flags(entry: CeuEntry, label: str) -> list[AuditFlag]:
    """The printed credit of an approved course disagrees with the catalog's value."""
    check = entry.ceus_check
    if check is None or check.agrees is not False or check.printed is None:
        return []
    where = ""
    if check.evidence is not None and check.evidence.page is not None:
        where = f" (page {check.evidence.page + 1})"
    hours = check.printed_as is CeusSource.CONTACT_HOURS
    shown = " (converted from its contact hours)" if hours else ""
    shows = f"the certificate shows {check.printed:g} NASM CEUs{shown}{where}"
    lists = f"the catalog lists {check.catalog:g} for this approved course"
    message = f"'{label}': {shows}, {lists}; the catalog's value counts. Check the certificate."
    flag = _flag(FlagCode.CEUS_MISMATCH, Severity.WARNING, message, entry.document)
    return [flag.model_copy(update={"evidence": check.evidence})]


def name_flags(name: NameCheck, profile: TrainerProfile, *docs: str) -> list[AuditFlag]:
    if name.matched is False:
        return [
            _flag(
                FlagCode.NAME_MISMATCH,
                Severity.BLOCKING,
                f"The document is in the name '{name.found}', not {profile.name} ({name.reason}).",
                *docs,
            )
        ]
    if name.matched is None:
        return [
            _flag(
                FlagCode.HOLDER_NAME_MISSING,
                Severity.WARNING,
                "No holder name was read; check the name on the document.",
                *docs,
            )
        ]
    return []


def judge_entries(
    entries: Sequence[CeuEntry], ctx: Context
) -> tuple[tuple[EntryVerdict, ...], list[AuditFlag]]:
    """Every entry's verdict, and the flags they raise, in upload order."""
    verdicts: list[EntryVerdict] = []
    flags: list[AuditFlag] = []
    sources = {entry.entry_id: entry.source for entry in entries}
    for entry in entries:
        name = check_holder(ctx.profile, entry.holder_name, ctx.settings)
        first = sources.get(entry.duplicate_of or "")
        verdicts.append(judge_entry(entry, ctx, name, first))
        flags.extend(entry_flags(entry, ctx, name, first))
    return tuple(verdicts), flags


def counted_ceus(verdicts: Iterable[EntryVerdict]) -> float:
    return round(sum(v.entry.ceus for v in verdicts if v.counted), 3)


def total_flags(total: float, settings: Settings, docs: Sequence[str]) -> list[AuditFlag]:
    if total + 1e-9 >= settings.required_ceus:
        return []
    return [
        _flag(
            FlagCode.INSUFFICIENT_CEUS,
            Severity.BLOCKING,
            f"{total:.2f} of {settings.required_ceus:.2f} CEUs count; "
            f"{settings.required_ceus - total:.2f} more needed.",
            *docs,
        )
    ]


CARD_MESSAGES: dict[FlagCode, tuple[Severity, str]] = {
    FlagCode.CPR_AED_FRONT_MISSING: (
        Severity.BLOCKING,
        "Only the back of the CPR/AED card was uploaded; upload the front.",
    ),
    FlagCode.CPR_AED_BACK_MISSING: (
        Severity.BLOCKING,
        "The back of the CPR/AED card is missing; upload it.",
    ),
    FlagCode.CPR_AED_EXPIRY_UNKNOWN: (
        Severity.BLOCKING,
        "No expiry or renewal date was read on the CPR/AED card.",
    ),
    FlagCode.CPR_AED_EXPIRED: (Severity.BLOCKING, "The CPR/AED card expired on {expiry}."),
    FlagCode.CPR_AED_ONLINE_ONLY: (
        Severity.BLOCKING,
        "The CPR/AED course was online only; a hands-on skills component is required.",
    ),
    FlagCode.CPR_AED_HANDS_ON_UNCONFIRMED: (
        Severity.WARNING,
        "The card does not show a hands-on skills component; check it.",
    ),
    FlagCode.CPR_AED_NOT_ADULT: (Severity.BLOCKING, "The card is not an adult CPR and AED card."),
    FlagCode.CPR_AED_EXPIRES_BEFORE_CERTIFICATION: (
        Severity.WARNING,
        "The CPR/AED card expires on {expiry}, before the certification ({certification}); "
        "renew it in time.",
    ),
}


def card_problems(card: Card, profile: TrainerProfile, as_of: dt.date) -> list[FlagCode]:
    """The codes a card fails, in the order of ``CARD_MESSAGES``.

    A card valid on ``as_of`` but expiring before the certification does is a
    warning: the trainer can renew it before recertifying.
    """
    expiry, expired = card.expiry_date, card.expired(as_of)
    failed = {
        FlagCode.CPR_AED_FRONT_MISSING: not card.has_front,
        FlagCode.CPR_AED_BACK_MISSING: not card.has_back,
        FlagCode.CPR_AED_EXPIRY_UNKNOWN: expiry is None,
        FlagCode.CPR_AED_EXPIRED: expired,
        FlagCode.CPR_AED_ONLINE_ONLY: card.online_only,
        FlagCode.CPR_AED_HANDS_ON_UNCONFIRMED: not card.online_only and card.hands_on is None,
        FlagCode.CPR_AED_NOT_ADULT: not card.adult_cpr_aed,
        FlagCode.CPR_AED_EXPIRES_BEFORE_CERTIFICATION: expiry is not None
        and not expired
        and expiry < profile.certification_expiry,
    }
    return [code for code in CARD_MESSAGES if failed[code]]


def card_flags(
    card: Card | None, profile: TrainerProfile, as_of: dt.date, settings: Settings
) -> list[AuditFlag]:
    """What keeps the best CPR/AED card from being valid evidence, and what to watch."""
    if card is None:
        message = (
            "No CPR/AED card was uploaded: upload the front and back of a current "
            "adult CPR and AED card from a course with hands-on skills."
        )
        return [_flag(FlagCode.CPR_AED_MISSING, Severity.BLOCKING, message)]
    flags = []
    for code in card_problems(card, profile, as_of):
        severity, template = CARD_MESSAGES[code]
        message = template.format(
            expiry=card.expiry_date, certification=profile.certification_expiry
        )
        flags.append(_flag(code, severity, message, *card.documents))
    name = check_holder(profile, card.holder_name, settings)
    return flags + name_flags(name, profile, *card.documents)


def unreadable_flags(records: Iterable[DocumentRecord]) -> list[AuditFlag]:
    """Uploads that could not be read or recognised; they count for nothing."""
    flags = []
    for record in records:
        doc = record.sha256 or record.source
        if record.status != "ok":
            why = record.error.message if record.error else "it could not be read"
        elif record.document_type in (None, DocumentType.UNKNOWN):
            why = f"what it is could not be told{_kind_reason(record)}"
        elif any(f.code == RecordFlag.UNREADABLE for f in record.flags):
            why = "too little of it could be read"
        else:
            continue
        flags.append(
            _flag(FlagCode.UNREADABLE_DOCUMENT, Severity.WARNING, f"{record.source}: {why}.", doc)
        )
    return flags


def other_kind_flags(records: Iterable[DocumentRecord]) -> list[AuditFlag]:
    """Uploads recognised as another kind of document (a primary certification, a
    licence, thanks, an invoice): read, but evidence of neither CE nor CPR/AED."""
    flags = []
    for record in records:
        if record.status != "ok" or record.document_type is not DocumentType.OTHER:
            continue
        message = (
            f"{record.source}: it is neither a CE certificate nor a CPR/AED card"
            f"{_kind_reason(record)}; it counts toward nothing."
        )
        doc = record.sha256 or record.source
        flags.append(_flag(FlagCode.NOT_CE_OR_CARD, Severity.WARNING, message, doc))
    return flags


def _kind_reason(record: DocumentRecord) -> str:
    """Why the reader gave the document its kind, in brackets, when it said."""
    evidence = record.evidence.get("document_type")
    return f" ({evidence.reason})" if evidence and evidence.reason else ""


def lapsed_flags(deadline: Deadline, settings: Settings) -> list[AuditFlag]:
    if deadline.state is not DeadlineState.LAPSED:
        return []
    return [
        _flag(
            FlagCode.CERTIFICATION_LAPSED,
            Severity.BLOCKING,
            f"The certification expired {deadline.days_after_expiry} days ago, more than "
            f"{settings.lapse_days}: it has lapsed and cannot be recertified.",
        )
    ]
