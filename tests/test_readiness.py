"""Audit readiness: score ranges, the checklist, `ready`, and card events."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.corrections import correct_entry
from audit.entries import entries_from_records, entry_from_record
from audit.events import EventKind, find_card_events
from audit.model import FlagCode
from audit.readiness import assess
from ingest.record import CardSide, DocumentRecord
from ingest.settings import Settings
from tests.audit_factories import (
    AS_OF,
    CERT_EXPIRY,
    card,
    ceu,
    full_application,
    other,
    profile,
    unreadable,
)

FULL = full_application()
COURSES, CARD = FULL[:2], FULL[2]
WHEN = dt.datetime(2026, 5, 2, 9, 0, tzinfo=dt.UTC)
REQUIRED_CODES = {
    "insufficient_ceus",
    "cpr_aed_missing",
    "cpr_aed_back_missing",
    "cpr_aed_expired",
    "cpr_aed_online_only",
    "cpr_aed_expires_before_certification",
    "name_mismatch",
    "duplicate_course",
    "course_outside_window",
    "provider_not_approved",
    "unreadable_document",
}


@pytest.mark.parametrize(
    ("records", "low", "high"),
    [
        (FULL, 100, 100),
        ([*FULL, ceu("kettlebell-photo", ceus=0.8)], 90, 99),
        ([*COURSES, card("front", side=CardSide.FRONT)], 85, 94),
        ([COURSES[0], CARD], 70, 89),
        ([CARD], 45, 65),
        (COURSES, 65, 80),
        ([], 25, 40),
        ([unreadable("blurry")], 20, 35),
    ],
    ids=[
        "complete",
        "complete-with-duplicate",
        "card-back-missing",
        "short-of-ceus",
        "card-only",
        "courses-only",
        "nothing",
        "only-unreadable",
    ],
)
def test_score_range(
    settings: Settings, records: list[DocumentRecord], low: int, high: int
) -> None:
    assert low <= assess(records, profile(settings), AS_OF, settings).score <= high


@pytest.mark.parametrize(
    ("records", "ready"),
    [
        (FULL, True),
        ([*FULL, ceu("kettlebell-photo", ceus=0.8)], True),
        ([*FULL, unreadable("blurry")], True),
        ([*FULL, ceu("extra", provider="Unknown Gym", approved=False, course="Yoga")], True),
        ([*COURSES, card("front", side=CardSide.FRONT)], False),
        ([COURSES[0], CARD], False),
        ([*FULL, ceu("someone-else", course="Other", holder="Pat Quinlan Morgan")], False),
    ],
    ids=[
        "complete",
        "duplicate-is-a-warning",
        "unreadable-is-a-warning",
        "petition-is-a-warning",
        "back-missing-blocks",
        "short-blocks",
        "name-mismatch-blocks",
    ],
)
def test_ready_only_when_nothing_blocks(
    settings: Settings, records: list[DocumentRecord], ready: bool
) -> None:
    assert assess(records, profile(settings), AS_OF, settings).ready is ready


def test_high_score_with_a_block_is_not_ready(settings: Settings) -> None:
    records = [*COURSES, card("front", side=CardSide.FRONT)]
    result = assess(records, profile(settings), AS_OF, settings)
    assert (result.score >= 85, result.ready) == (True, False)


def test_checklist_item_names_its_documents(settings: Settings) -> None:
    records = [*COURSES, card("front", side=CardSide.FRONT)]
    items = {i.key: i for i in assess(records, profile(settings), AS_OF, settings).checklist}
    assert (items["cpr_aed_sides"].passed, items["cpr_aed_sides"].documents) == (
        False,
        (records[2].sha256,),
    )


def test_ceu_item_earns_points_in_proportion(settings: Settings) -> None:
    result = assess([COURSES[0], CARD], profile(settings), AS_OF, settings)
    item = next(i for i in result.checklist if i.key == "ceus")
    assert (item.passed, item.points) == (False, pytest.approx(40 * 0.8 / 2.0))


def test_every_required_flag_code_exists() -> None:
    assert {str(code) for code in FlagCode} >= REQUIRED_CODES


def test_json_shape(settings: Settings) -> None:
    data = assess(FULL, profile(settings), AS_OF, settings).to_json_dict()
    assert {
        "ready",
        "score",
        "total_ceus",
        "cpr_aed",
        "entries",
        "flags",
        "deadline",
        "checklist",
    } <= set(data) and {"valid", "front", "back", "expiry_date"} <= set(data["cpr_aed"])


@pytest.mark.parametrize(
    ("records", "as_of", "kinds"),
    [
        ([CARD], AS_OF, []),
        ([card("old", expiry=AS_OF - dt.timedelta(days=1))], AS_OF, [EventKind.CARD_EXPIRED]),
        (
            [card("short", expiry=CERT_EXPIRY - dt.timedelta(days=1))],
            AS_OF,
            [EventKind.CARD_EXPIRES_BEFORE_CERTIFICATION],
        ),
        ([CARD], dt.date(2027, 3, 31), [EventKind.CARD_EXPIRING_SOON]),
        (
            [card("old", expiry=AS_OF - dt.timedelta(days=1)), card("renewed")],
            AS_OF,
            [],
        ),
        ([unreadable("blurry")], AS_OF, [EventKind.UNREADABLE_UPLOAD]),
        ([other("cpt-certificate")], AS_OF, [EventKind.NOT_CE_OR_CARD_UPLOAD]),
    ],
    ids=[
        "fine",
        "expired",
        "before-certification",
        "expiring-soon",
        "renewed",
        "unreadable",
        "another-kind",
    ],
)
def test_card_events(
    settings: Settings, records: list[DocumentRecord], as_of: dt.date, kinds: list[EventKind]
) -> None:
    events = find_card_events(records, profile(settings), as_of, settings)
    assert [e.kind for e in events] == kinds


def test_event_key_is_stable_across_runs(settings: Settings) -> None:
    records = [card("old", expiry=AS_OF - dt.timedelta(days=1), certificate_id="EC-9")]
    keys = [
        [e.key for e in find_card_events(records, profile(settings), day, settings)]
        for day in (AS_OF, AS_OF + dt.timedelta(days=7))
    ]
    assert keys[0] == keys[1] == ["card_expired:EC-9:2026-04-30"]


@pytest.mark.parametrize(
    ("cards", "valid", "expiry"),
    [
        ([card("own")], True, dt.date(2027, 4, 30)),
        ([card("other", holder="Pat Quinlan Morgan")], False, dt.date(2027, 4, 30)),
        (
            [
                card("other", holder="Pat Quinlan Morgan", expiry=dt.date(2028, 1, 31)),
                card("own", certificate_id="EC-2"),
            ],
            True,
            dt.date(2027, 4, 30),
        ),
    ],
    ids=["own-card", "someone-elses-card", "own-card-preferred"],
)
def test_card_must_be_in_the_trainers_name(
    settings: Settings, cards: list[DocumentRecord], valid: bool, expiry: dt.date
) -> None:
    status = assess([*COURSES, *cards], profile(settings), AS_OF, settings).cpr_aed
    assert (status.valid, status.expiry_date) == (valid, expiry)


@pytest.mark.parametrize(
    ("field", "value", "total"),
    [
        ("petition_status", "accepted", 1.0),
        ("petition_status", "rejected", 0.0),
        ("ceus", 0.4, 0.0),
        ("category", "approved_provider", 1.0),
    ],
    ids=["petition-accepted", "petition-rejected", "ceus-corrected-on-petition", "recategorised"],
)
def test_corrected_entries_are_scored(
    settings: Settings, field: str, value: str | float, total: float
) -> None:
    record = ceu("gym", provider="Unknown Gym", approved=False, ceus=1.0)
    entry = entry_from_record(record, settings)
    corrected, _ = correct_entry(entry, field, value, who="auditor", when=WHEN)
    result = assess([record], profile(settings), AS_OF, settings, entries=[corrected])
    assert result.total_ceus == pytest.approx(total)


def test_a_correction_can_undo_a_duplicate(settings: Settings) -> None:
    records = [ceu("a", ceus=1.0), ceu("a-again", ceus=1.0)]
    first, copy = entries_from_records(records, settings)
    fixed, _ = correct_entry(copy, "course", "Advanced Barbell Coaching", who="t", when=WHEN)
    result = assess(records, profile(settings), AS_OF, settings, entries=[first, fixed])
    assert result.total_ceus == pytest.approx(2.0)
