"""The recertification rules of the domain page, table-driven, on records built directly."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.deadline import deadline_for
from audit.model import DeadlineState, FlagCode, Severity
from audit.readiness import assess
from ingest.record import CardSide
from ingest.record import FlagCode as RecordFlag
from ingest.settings import Settings
from tests.audit_factories import (
    AS_OF,
    CERT_EXPIRY,
    CYCLE_START,
    card,
    ceu,
    full_application,
    other,
    profile,
)

DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("days_late", "state"),
    [
        (-30, DeadlineState.ON_TIME),
        (0, DeadlineState.ON_TIME),
        (1, DeadlineState.LATE_FEE),
        (90, DeadlineState.LATE_FEE),
        (91, DeadlineState.ADDITIONAL_FEE),
        (365, DeadlineState.ADDITIONAL_FEE),
        (366, DeadlineState.LAPSED),
    ],
    ids=["early", "on-expiry-day", "1-late", "90-late", "91-late", "365-late", "366-late"],
)
def test_deadline_state_boundaries(settings: Settings, days_late: int, state: str) -> None:
    as_of = CERT_EXPIRY + dt.timedelta(days=days_late)
    assert deadline_for(profile(settings), as_of, settings).state == state


@pytest.mark.parametrize(
    ("days_late", "rfl", "fees"),
    [
        (0, False, {"recertification": 99}),
        (90, False, {"recertification": 99, "late_fee": 75}),
        (200, False, {"recertification": 99, "additional_fee": 150}),
        (0, True, {"recertification": 0}),
        (30, True, {"recertification": 0, "late_fee": 75}),
        (400, False, {}),
    ],
    ids=["on-time", "late", "additional", "rfl-on-time", "rfl-late", "lapsed-no-fees"],
)
def test_fees_by_state_and_recertify_for_life(
    settings: Settings, days_late: int, rfl: bool, fees: dict[str, int]
) -> None:
    as_of = CERT_EXPIRY + dt.timedelta(days=days_late)
    deadline = deadline_for(profile(settings, recertify_for_life=rfl), as_of, settings)
    assert {fee.kind: fee.amount_usd for fee in deadline.fees} == fees


def test_cycle_start_is_expiry_minus_cycle_years(settings: Settings) -> None:
    assert profile(settings).cycle_start == CYCLE_START


@pytest.mark.parametrize(
    ("completed", "as_of", "counted"),
    [
        (CYCLE_START - DAY, AS_OF, False),
        (CYCLE_START, AS_OF, True),
        (CERT_EXPIRY, CERT_EXPIRY, True),
        (AS_OF + DAY, AS_OF, False),
        (CERT_EXPIRY + 90 * DAY, CERT_EXPIRY + 200 * DAY, True),
        (CERT_EXPIRY + 91 * DAY, CERT_EXPIRY + 200 * DAY, False),
        (CERT_EXPIRY + 30 * DAY, CERT_EXPIRY + 60 * DAY, True),
    ],
    ids=[
        "day-before-cycle-start",
        "cycle-start-day",
        "expiry-day",
        "future-date",
        "additional-fee-ce-within-90",
        "additional-fee-ce-after-90",
        "late-fee-ce-after-expiry",
    ],
)
def test_course_counts_only_inside_the_window(
    settings: Settings, completed: dt.date, as_of: dt.date, counted: bool
) -> None:
    result = assess([ceu("course", completed=completed)], profile(settings), as_of, settings)
    assert result.entries[0].counted is counted


@pytest.mark.parametrize(
    ("record", "ceus"),
    [
        (ceu("nasm-value", ceus=0.8), 0.8),
        (ceu("hours-only", ceus=None, hours=8), 0.8),
        (ceu("both-printed", ceus=0.8, hours=8), 0.8),
        (ceu("nothing", ceus=None, hours=None), 0.0),
    ],
    ids=["nasm-ceus", "hours-only-converted", "nasm-value-wins", "no-number"],
)
def test_nasm_ceus_from_value_or_hours(settings: Settings, record: object, ceus: float) -> None:
    result = assess([record], profile(settings), AS_OF, settings)  # type: ignore[list-item]
    assert result.entries[0].entry.ceus == pytest.approx(ceus)


def test_afaa_number_is_not_mixed_in(settings: Settings) -> None:
    """8 AFAA CEUs is 0.8 NASM CEUs: the record carries 0.8, and 0.8 is what counts."""
    result = assess([ceu("afaa", ceus=0.8, hours=8)], profile(settings), AS_OF, settings)
    assert result.total_ceus == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("expiry", "as_of", "code"),
    [
        (CERT_EXPIRY, AS_OF, None),
        (CERT_EXPIRY - DAY, AS_OF, FlagCode.CPR_AED_EXPIRES_BEFORE_CERTIFICATION),
        (AS_OF - DAY, AS_OF, FlagCode.CPR_AED_EXPIRED),
        (AS_OF, AS_OF, FlagCode.CPR_AED_EXPIRES_BEFORE_CERTIFICATION),
        (None, AS_OF, FlagCode.CPR_AED_EXPIRY_UNKNOWN),
    ],
    ids=["on-cert-expiry", "day-before-cert-expiry", "expired", "expires-today", "no-date"],
)
def test_card_expiry_flags(
    settings: Settings, expiry: dt.date | None, as_of: dt.date, code: str | None
) -> None:
    result = assess([card("cpr", expiry=expiry)], profile(settings), as_of, settings)
    codes = [f.code for f in result.flags if f.code.startswith("cpr_aed")]
    assert codes == ([code] if code else [])


def test_card_expiring_before_certification_is_a_warning(settings: Settings) -> None:
    records = [*full_application()[:2], card("cpr", expiry=CERT_EXPIRY - DAY)]
    assert assess(records, profile(settings), AS_OF, settings).ready is True


@pytest.mark.parametrize(
    ("records", "codes"),
    [
        ([card("both", side=CardSide.BOTH)], []),
        (
            [
                card("f", side=CardSide.FRONT, certificate_id="EC-1"),
                card("b", side=CardSide.BACK, certificate_id="EC-1", holder=None),
            ],
            [],
        ),
        (
            [
                card("f", side=CardSide.FRONT),
                card("b", side=CardSide.BACK, holder=None, expiry=None, issued=None),
            ],
            [],
        ),
        ([card("f", side=CardSide.FRONT)], [FlagCode.CPR_AED_BACK_MISSING]),
        (
            [card("b", side=CardSide.BACK, holder=None, expiry=None, issued=None)],
            [FlagCode.CPR_AED_FRONT_MISSING, FlagCode.CPR_AED_EXPIRY_UNKNOWN],
        ),
        (
            [
                card("f", side=CardSide.FRONT, certificate_id="EC-1"),
                card("b", side=CardSide.BACK, certificate_id="EC-2", holder=None),
            ],
            [FlagCode.CPR_AED_BACK_MISSING],
        ),
        ([], [FlagCode.CPR_AED_MISSING]),
        (
            [card("online", hands_on=False, flags=(RecordFlag.CARD_ONLINE_ONLY,))],
            [FlagCode.CPR_AED_ONLINE_ONLY],
        ),
        ([card("unsure", hands_on=None)], [FlagCode.CPR_AED_HANDS_ON_UNCONFIRMED]),
        (
            [card("child", flags=(RecordFlag.CARD_NOT_ADULT_CPR_AED,))],
            [FlagCode.CPR_AED_NOT_ADULT],
        ),
    ],
    ids=[
        "one-page-both-sides",
        "paired-by-id",
        "lone-front-and-back",
        "front-only",
        "back-only",
        "different-cards",
        "no-card",
        "online-only",
        "hands-on-unknown",
        "not-adult",
    ],
)
def test_card_sides_and_kind(settings: Settings, records: list, codes: list[str]) -> None:
    result = assess(records, profile(settings), AS_OF, settings)
    assert [f.code for f in result.flags if f.code.startswith("cpr_aed")] == codes


@pytest.mark.parametrize(
    ("cpr_aed_ceus", "courses", "total"),
    [(0.0, 1.9, 1.9), (0.1, 1.9, 2.0)],
    ids=["card-counts-nothing-by-default", "card-counts-as-setting"],
)
def test_card_ceus_setting(
    settings: Settings, cpr_aed_ceus: float, courses: float, total: float
) -> None:
    settings = settings.model_copy(update={"cpr_aed_ceus": cpr_aed_ceus})
    records = [ceu("one", ceus=courses), card("cpr")]
    assert assess(records, profile(settings), AS_OF, settings).total_ceus == pytest.approx(total)


@pytest.mark.parametrize(
    ("records", "total"),
    [
        ([ceu("approved", ceus=1.0)], 1.0),
        ([ceu("nasm", provider="NASM", approved=False, ceus=1.9)], 1.9),
        ([ceu("petition", provider="Unknown Gym", approved=False, ceus=1.0)], 0.0),
        ([ceu("anon", provider=None, approved=False, ceus=1.0)], 0.0),
        ([ceu("other-name", holder="Pat Quinlan Morgan", ceus=1.0)], 0.0),
        ([ceu("approved", ceus=1.0), other("cpt-certificate")], 1.0),
    ],
    ids=[
        "approved",
        "category-a",
        "pending-petition",
        "other-unconfirmed",
        "name-mismatch",
        "primary-certification-adds-nothing",
    ],
)
def test_what_counts_toward_the_total(settings: Settings, records: list, total: float) -> None:
    assert assess(records, profile(settings), AS_OF, settings).total_ceus == pytest.approx(total)


@pytest.mark.parametrize(
    ("records", "code", "severity"),
    [
        ([ceu("one", ceus=1.0)], FlagCode.INSUFFICIENT_CEUS, Severity.BLOCKING),
        ([ceu("x", holder="Pat Quinlan Morgan")], FlagCode.NAME_MISMATCH, Severity.BLOCKING),
        ([ceu("a"), ceu("a-again")], FlagCode.DUPLICATE_COURSE, Severity.WARNING),
        ([ceu("old", completed=dt.date(2023, 1, 1))], FlagCode.COURSE_OUTSIDE_WINDOW, "warning"),
        (
            [ceu("gym", provider="Unknown Gym", approved=False)],
            FlagCode.PROVIDER_NOT_APPROVED,
            Severity.WARNING,
        ),
        ([ceu("noname", holder=None)], FlagCode.HOLDER_NAME_MISSING, Severity.WARNING),
        ([other("cpt-certificate")], FlagCode.NOT_CE_OR_CARD, Severity.WARNING),
    ],
    ids=[
        "insufficient",
        "name-mismatch",
        "duplicate",
        "outside-window",
        "petition",
        "no-name",
        "another-kind",
    ],
)
def test_flag_severity(settings: Settings, records: list, code: str, severity: str) -> None:
    flags = assess(records, profile(settings), AS_OF, settings).flags
    assert {f.severity for f in flags if f.code == code} == {severity}


def test_other_name_of_the_trainer_is_accepted(settings: Settings) -> None:
    trainer = profile(settings, other_names=("Jordan Avery Novak",))
    result = assess([ceu("maiden", holder="Jordan Novak")], trainer, AS_OF, settings)
    assert FlagCode.NAME_MISMATCH not in {f.code for f in result.flags}


def test_rollover_off_by_default_and_a_setting(settings: Settings) -> None:
    records = [ceu("big", ceus=3.0), card("cpr")]
    on = settings.model_copy(update={"ceu_rollover": True})
    excess = (
        assess(records, profile(settings), AS_OF, settings).excess_ceus,
        assess(records, profile(on), AS_OF, on).excess_ceus,
    )
    assert excess == (0.0, pytest.approx(1.0))


def test_lapsed_certification_blocks(settings: Settings) -> None:
    result = assess(full_application(), profile(settings), CERT_EXPIRY + 366 * DAY, settings)
    assert FlagCode.CERTIFICATION_LAPSED in {
        f.code for f in result.flags if f.severity == "blocking"
    }


def test_a_document_of_another_kind_is_not_called_unreadable(settings: Settings) -> None:
    flags = assess([other("cpt-certificate")], profile(settings), AS_OF, settings).flags
    assert FlagCode.UNREADABLE_DOCUMENT not in {f.code for f in flags}
