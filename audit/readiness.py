"""Audit readiness of one recertification application: a checklist, a score, flags.

The score (0-100) is the sum of checklist items weighted by
``Settings.readiness_weights``; each item says whether it passed, why, and
which documents show it. The CEU item earns its weight in proportion to the
CEUs counted, so progress toward 2.0 shows in the score; every other item is
all or nothing. ``ready`` is true only when no flag is blocking: a high score
with a blocking flag (say, the card's back is missing) is still not ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from audit.card_choice import CardChoice, choose_card
from audit.cpr import Card
from audit.deadline import deadline_for
from audit.entries import entries_from_records, mark_duplicates
from audit.model import (
    AuditFlag,
    Category,
    CeuEntry,
    CheckItem,
    CprAedStatus,
    DeadlineState,
    EntryVerdict,
    FlagCode,
    PetitionStatus,
    Readiness,
    Severity,
    TrainerProfile,
)
from audit.rules import (
    Context,
    card_flags,
    counted_ceus,
    judge_entries,
    lapsed_flags,
    other_kind_flags,
    total_flags,
    unreadable_flags,
)
from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import Catalog

# Checklist items other than CEUs: (key, label, the flag codes that fail it, text when passed).
FLAG_ITEMS: tuple[tuple[str, str, tuple[FlagCode, ...], str], ...] = (
    (
        "cpr_aed_sides",
        "CPR/AED card: front and back uploaded",
        (
            FlagCode.CPR_AED_MISSING,
            FlagCode.CPR_AED_FRONT_MISSING,
            FlagCode.CPR_AED_BACK_MISSING,
        ),
        "Front and back of the card are uploaded.",
    ),
    (
        "cpr_aed_valid",
        "CPR/AED card: adult CPR and AED, hands-on, not expired",
        (
            FlagCode.CPR_AED_MISSING,
            FlagCode.CPR_AED_EXPIRED,
            FlagCode.CPR_AED_EXPIRY_UNKNOWN,
            FlagCode.CPR_AED_ONLINE_ONLY,
            FlagCode.CPR_AED_NOT_ADULT,
        ),
        "The card is current, adult CPR and AED, with hands-on skills.",
    ),
    (
        "names",
        "Documents are in the trainer's name",
        (FlagCode.NAME_MISMATCH,),
        "Every name read matches the trainer.",
    ),
    (
        "corrections",
        "Trainer's changes of holder or provider accepted",
        (FlagCode.CORRECTION_HELD,),
        "No change of holder or provider waits for an auditor.",
    ),
    (
        "window",
        "Courses completed inside the cycle",
        (FlagCode.COURSE_OUTSIDE_WINDOW, FlagCode.COMPLETION_DATE_MISSING),
        "Every course was completed inside the cycle window.",
    ),
    (
        "duplicates",
        "Each course uploaded once",
        (FlagCode.DUPLICATE_COURSE,),
        "No course was uploaded twice.",
    ),
    (
        "providers",
        "Providers approved (or NASM)",
        (FlagCode.PROVIDER_NOT_APPROVED,),
        "Every course is NASM's own or from an approved provider.",
    ),
    (
        "readable",
        "Every upload could be read",
        (FlagCode.UNREADABLE_DOCUMENT,),
        "Every upload was read and recognised.",
    ),
    (
        "deadline",
        "Inside the recertification deadline",
        (FlagCode.CERTIFICATION_LAPSED,),
        "The application is inside the deadline (fees may apply).",
    ),
)


def _documents(flags: Sequence[AuditFlag]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(doc for flag in flags for doc in flag.documents))


def flag_item(
    key: str,
    label: str,
    codes: tuple[FlagCode, ...],
    passed_why: str,
    flags: Sequence[AuditFlag],
    weight: float,
    evidence: tuple[str, ...] = (),
) -> CheckItem:
    failing = [flag for flag in flags if flag.code in codes]
    return CheckItem(
        key=key,
        label=label,
        passed=not failing,
        points=0.0 if failing else float(weight),
        max_points=float(weight),
        why=" ".join(flag.message for flag in failing) or passed_why,
        documents=_documents(failing) or evidence,
    )


def ceu_item(total: float, verdicts: Sequence[EntryVerdict], settings: Settings) -> CheckItem:
    weight = float(settings.readiness_weights.get("ceus", 0))
    share = min(1.0, total / settings.required_ceus) if settings.required_ceus > 0 else 1.0
    return CheckItem(
        key="ceus",
        label=f"{settings.required_ceus:.1f} CEUs from counting courses",
        passed=share >= 1.0,
        points=round(weight * share, 2),
        max_points=weight,
        why=f"{total:.2f} of {settings.required_ceus:.2f} CEUs count.",
        documents=tuple(v.entry.document for v in verdicts if v.counted),
    )


def checklist(
    total: float,
    verdicts: Sequence[EntryVerdict],
    flags: Sequence[AuditFlag],
    card: Card | None,
    settings: Settings,
) -> tuple[CheckItem, ...]:
    weights = settings.readiness_weights
    card_docs = card.documents if card else ()
    items = [ceu_item(total, verdicts, settings)]
    for key, label, codes, passed_why in FLAG_ITEMS:
        evidence = card_docs if key.startswith("cpr_aed") else ()
        items.append(flag_item(key, label, codes, passed_why, flags, weights.get(key, 0), evidence))
    return tuple(items)


def score_of(items: Sequence[CheckItem]) -> int:
    total = sum(item.max_points for item in items)
    if total <= 0:
        return 0
    return round(100 * sum(item.points for item in items) / total)


def cpr_status(choice: CardChoice, as_of: dt.date) -> CprAedStatus:
    """The judged card's state; a card in someone else's name is never valid evidence."""
    card = choice.card
    if card is None:
        return CprAedStatus(valid=False, front=False, back=False, judged=choice.why)
    return CprAedStatus(
        valid=choice.own and card.valid(as_of),
        front=card.has_front,
        back=card.has_back,
        expiry_date=card.expiry_date,
        hands_on=card.hands_on,
        documents=card.documents,
        sources=tuple(r.source for r in card.records),
        judged=choice.why,
        others=choice.others,
    )


def petitions_due(verdicts: Sequence[EntryVerdict]) -> int:
    """Petitions whose fee is due: one per distinct course, rejected ones already paid."""
    return sum(
        1
        for v in verdicts
        if v.entry.category is Category.PETITION
        and not v.entry.duplicate_of
        and v.entry.petition_status is not PetitionStatus.REJECTED
    )


def assess(
    records: Sequence[DocumentRecord],
    profile: TrainerProfile,
    as_of: dt.date,
    settings: Settings,
    catalog: Catalog | None = None,
    entries: Sequence[CeuEntry] | None = None,
) -> Readiness:
    """Everything the rules conclude about one application on ``as_of``.

    ``catalog`` (optional) names matched providers and courses as the catalog does.
    ``entries``, when given, are the application's CEU entries as kept (confirmed or
    corrected by a person) and replace the ones filled in from ``records``; their
    duplicates are worked out again, since a correction can make or undo one.
    """
    if entries is None:
        entries = entries_from_records(records, settings, catalog)
    else:
        entries = mark_duplicates(e.model_copy(update={"duplicate_of": None}) for e in entries)
    preliminary = deadline_for(profile, as_of, settings)
    verdicts, flags = judge_entries(entries, Context(profile, preliminary, as_of, settings))
    deadline = deadline_for(profile, as_of, settings, petitions=petitions_due(verdicts))
    choice = choose_card(records, profile, as_of, settings)
    card = choice.card
    status = cpr_status(choice, as_of)
    total = counted_ceus(verdicts) + (settings.cpr_aed_ceus if status.valid else 0.0)
    total = round(total, 3)
    counted_docs = [v.entry.document for v in verdicts if v.counted]
    flags = [
        *total_flags(total, settings, counted_docs),
        *card_flags(card, profile, as_of, settings),
        *flags,
        *unreadable_flags(records),
        *other_kind_flags(records),
        *lapsed_flags(deadline, settings),
    ]
    items = checklist(total, verdicts, flags, card, settings)
    excess = max(0.0, total - settings.required_ceus) if settings.ceu_rollover else 0.0
    return Readiness(
        as_of=as_of,
        ready=not any(f.severity is Severity.BLOCKING for f in flags)
        and deadline.state is not DeadlineState.LAPSED,
        score=score_of(items),
        total_ceus=total,
        required_ceus=settings.required_ceus,
        excess_ceus=round(excess, 3),
        cpr_aed=status,
        entries=verdicts,
        flags=tuple(flags),
        deadline=deadline,
        checklist=items,
    )
