"""CEU entries filled in from certificate records: category, area, duplicates, corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.areas import infer_area
from audit.corrections import confirm_entry, correct_entry
from audit.entries import entries_from_records, entry_from_record
from audit.model import Category, CeArea, CeusSource, EntryState, PetitionStatus
from ingest.errors import InvalidRequest
from ingest.record import DocumentRecord, Flag
from ingest.settings import Settings
from matchers.catalog import load_catalog
from store.entries import merge_kept
from tests.audit_factories import card, ceu, sha, unreadable
from tests.locations import SAMPLES_DIR

WHEN = dt.datetime(2026, 5, 2, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("record", "category"),
    [
        (ceu("nasm", provider="NASM", approved=False), Category.CATEGORY_A),
        (
            ceu("nasm-long", provider="National Academy of Sports Medicine", approved=False),
            Category.CATEGORY_A,
        ),
        (
            ceu("nasm-both", provider="National Academy of Sports Medicine (NASM)", approved=False),
            Category.CATEGORY_A,
        ),
        (ceu("approved"), Category.APPROVED_PROVIDER),
        (ceu("gym", provider="Summit Strength Collective", approved=False), Category.PETITION),
        (ceu("anon", provider=None, approved=False), Category.OTHER),
    ],
    ids=[
        "nasm-short",
        "nasm-full-name",
        "nasm-both-names",
        "approved",
        "not-approved",
        "no-provider",
    ],
)
def test_category(settings: Settings, record: DocumentRecord, category: Category) -> None:
    assert entry_from_record(record, settings).category == category


@pytest.mark.parametrize(
    ("approved", "fee", "status"),
    [(False, 25, PetitionStatus.PENDING), (True, 0, None)],
    ids=["petition-fee", "approved-no-fee"],
)
def test_petition_fee_and_status(
    settings: Settings, approved: bool, fee: int, status: PetitionStatus | None
) -> None:
    entry = entry_from_record(ceu("c", approved=approved), settings)
    assert (entry.petition_fee_usd, entry.petition_status) == (fee, status)


@pytest.mark.parametrize(
    ("record", "ceus", "source"),
    [
        (ceu("ceus", ceus=1.2), 1.2, CeusSource.NASM_CEUS),
        (ceu("hours", ceus=None, hours=15), 1.5, CeusSource.CONTACT_HOURS),
        (ceu("none", ceus=None, hours=None), 0.0, CeusSource.MISSING),
    ],
    ids=["ceus", "hours", "missing"],
)
def test_ceus_and_their_source(
    settings: Settings, record: DocumentRecord, ceus: float, source: CeusSource
) -> None:
    entry = entry_from_record(record, settings)
    assert (entry.ceus, entry.ceus_source) == (pytest.approx(ceus), source)


@pytest.mark.parametrize(
    ("title", "area"),
    [
        ("Functional Assessment and Movement Screening", CeArea.ASSESSMENT),
        ("Kettlebell Foundations for Personal Trainers", CeArea.EXERCISE_TECHNIQUE),
        ("Program Design for Older Adults", CeArea.PROGRAM_DESIGN),
        ("Sports Nutrition Coaching Level 1", CeArea.NUTRITION),
        ("Client Communication and Retention", CeArea.CLIENT_RELATIONS),
        ("Professional Ethics and Scope of Practice", CeArea.PROFESSIONAL_PRACTICE),
        ("Business Skills for Personal Trainers", CeArea.CLIENT_RELATIONS),
        ("Nutrition for Weight Management", CeArea.NUTRITION),
        ("Zzz", None),
    ],
    ids=[
        "assessment",
        "technique",
        "program-design",
        "nutrition",
        "client-relations",
        "professional",
        "business",
        "weight-management",
        "no-clue",
    ],
)
def test_area_from_title(title: str, area: CeArea | None) -> None:
    assert infer_area(title).area == area


def test_area_keeps_the_deciding_words() -> None:
    assert infer_area("Behavior Change Coaching").words == ("behavior change",)


@pytest.mark.parametrize(
    ("title", "low", "high"),
    [
        ("Sports Nutrition and Dietary Supplements", 0.9, 1.0),
        ("Mobility Programming Certificate", 0.0, 0.7),
        ("Zzz", 0.0, 0.0),
    ],
    ids=["clear", "mixed", "none"],
)
def test_area_confidence(title: str, low: float, high: float) -> None:
    assert low <= infer_area(title).confidence <= high


def test_catalog_text_breaks_a_tie() -> None:
    guess = infer_area("Level 2 Certificate", ["Northern Lights Nutrition Institute"])
    assert guess.area == CeArea.NUTRITION


@pytest.mark.parametrize(
    ("records", "duplicates"),
    [
        ([ceu("a"), ceu("b", course="Advanced Barbell Coaching")], [None, None]),
        ([ceu("a"), ceu("a-photo")], [None, "a"]),
        ([ceu("a"), ceu("same-bytes", sha256=sha("a"))], [None, "a"]),
        (
            [
                ceu("a", certificate_id="X-1", course="One"),
                ceu("b", certificate_id="x 1", course="Two"),
            ],
            [None, "a"],
        ),
        (
            [
                ceu("a", provider="Summit", approved=False),
                ceu("b", provider="Other Name", approved=False),
            ],
            [None, "a"],
        ),
        (
            [ceu("a", completed=dt.date(2025, 1, 1)), ceu("b", completed=dt.date(2025, 2, 1))],
            [None, "a"],
        ),
    ],
    ids=[
        "different-courses",
        "provider-and-course",
        "same-file",
        "same-certificate-id",
        "title-and-date",
        "same-course-retaken",
    ],
)
def test_duplicates(
    settings: Settings, records: list[DocumentRecord], duplicates: list[str | None]
) -> None:
    entries = entries_from_records(records, settings)
    first_ids = {sha(label)[:16]: label for label in ("a", "b")}
    assert [first_ids.get(e.duplicate_of or "") for e in entries] == duplicates


@pytest.mark.parametrize(
    ("record", "names"),
    [
        (
            ceu(
                "misread",
                provider="Dean, Continuing Education",
                course=None,
                course_id="C2002",
                provider_id="P002",
            ),
            ("Coastal Kinetics Institute", "Program Design for Older Adults"),
        ),
        (
            ceu("provider-only", provider="CKI", course="Older adults", provider_id="P002"),
            ("Coastal Kinetics Institute", "Older adults"),
        ),
        (
            ceu("unmatched", provider="Unknown Gym", course="Yoga", approved=False),
            ("Unknown Gym", "Yoga"),
        ),
    ],
    ids=["provider-and-course", "provider-only", "not-matched"],
)
def test_matched_entries_use_catalog_names(
    settings: Settings, record: DocumentRecord, names: tuple[str, str]
) -> None:
    catalog = load_catalog(SAMPLES_DIR / "catalog.csv").catalog
    entry = entry_from_record(record, settings, catalog)
    assert (entry.provider, entry.course) == names


def test_catalog_title_decides_the_area(settings: Settings) -> None:
    catalog = load_catalog(SAMPLES_DIR / "catalog.csv").catalog
    record = ceu("misread", course="Certificate", provider_id="P002", course_id="C2002")
    assert entry_from_record(record, settings, catalog).area.area == CeArea.PROGRAM_DESIGN


def test_only_ceu_certificates_become_entries(settings: Settings) -> None:
    records = [ceu("a"), card("cpr"), unreadable("blurry")]
    assert [e.source for e in entries_from_records(records, settings)] == ["a.pdf"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("ceus", "0.5", 0.5),
        ("completion_date", "2025-04-01", dt.date(2025, 4, 1)),
        ("provider", "Coastal Kinetics Institute", "Coastal Kinetics Institute"),
        ("category", "petition", Category.PETITION),
        ("petition_status", "accepted", PetitionStatus.ACCEPTED),
    ],
    ids=["ceus", "date", "provider", "category", "petition-status"],
)
def test_correction_sets_the_field(
    settings: Settings, field: str, value: str, expected: object
) -> None:
    entry = entry_from_record(ceu("a"), settings)
    corrected, _ = correct_entry(entry, field, value, who="auditor@example.org", when=WHEN)
    assert getattr(corrected, field) == expected


def test_correction_records_history_and_leaves_the_original(settings: Settings) -> None:
    entry = entry_from_record(ceu("a", ceus=1.0), settings)
    corrected, item = correct_entry(entry, "ceus", 0.5, who="auditor@example.org", when=WHEN)
    assert (
        entry.ceus,
        corrected.state,
        corrected.ceus_source,
        corrected.history,
        (item.who, item.field, item.old, item.new),
    ) == (
        1.0,
        EntryState.CORRECTED,
        CeusSource.MANUAL,
        (item,),
        ("auditor@example.org", "ceus", 1.0, 0.5),
    )


def test_area_correction_is_certain(settings: Settings) -> None:
    entry = entry_from_record(ceu("a"), settings)
    corrected, _ = correct_entry(entry, "area", "nutrition", who="t", when=WHEN)
    assert (corrected.area.area, corrected.area.confidence) == (CeArea.NUTRITION, 1.0)


@pytest.mark.parametrize(
    ("field", "value"),
    [("ceus", "-1"), ("ceus", "lots"), ("completion_date", "yesterday"), ("sha256", "x")],
    ids=["negative-ceus", "not-a-number", "bad-date", "not-correctable"],
)
def test_bad_correction_is_refused(settings: Settings, field: str, value: str) -> None:
    entry = entry_from_record(ceu("a"), settings)
    with pytest.raises(InvalidRequest):
        correct_entry(entry, field, value, who="t", when=WHEN)


def test_confirm(settings: Settings) -> None:
    confirmed, item = confirm_entry(entry_from_record(ceu("a"), settings), who="t", when=WHEN)
    assert (confirmed.state, item.old, item.new) == (EntryState.CONFIRMED, "auto", "confirmed")


@pytest.mark.parametrize(
    ("flag", "category"),
    [
        ("provider_unreadable", Category.OTHER),
        ("course_unreadable", Category.OTHER),
        ("approval_unchecked", Category.OTHER),
        ("page_degraded", Category.PETITION),
    ],
    ids=["provider-unread", "course-unread", "approval-year-unknown", "provider-read"],
)
def test_an_unknown_provider_is_never_a_petition(
    settings: Settings, flag: str, category: Category
) -> None:
    """Only a provider read and not approved is petitioned (and flagged not approved)."""
    record = ceu("garbled", provider="Miler Vip", approved=False)
    flagged = record.model_copy(update={"flags": [Flag(code=flag, message=flag)]})
    assert entry_from_record(flagged, settings).category == category


@pytest.mark.parametrize(
    ("update", "state"),
    [
        ({"ceus_reason": "the catalog lists 1 NASM CEUs for approved course C1001"}, "confirmed"),
        ({"ceus": 0.8}, "auto"),
    ],
    ids=["new-explanation-stays-confirmed", "new-value-looked-at-again"],
)
def test_confirmed_entry_follows_only_changed_values(
    settings: Settings, update: dict[str, object], state: str
) -> None:
    confirmed, _ = confirm_entry(entry_from_record(ceu("a"), settings), who="t", when=WHEN)
    fresh = entry_from_record(ceu("a"), settings).model_copy(update=update)
    assert str(merge_kept(fresh, confirmed).state) == state


@pytest.mark.parametrize(
    ("field", "value", "by_trainer", "review"),
    [
        ("holder_name", "Jordan Ellis", True, "held"),
        ("provider", "Coastal Kinetics Institute", True, "held"),
        ("petition_status", "accepted", True, "held"),
        ("category", "approved_provider", True, "held"),
        ("completion_date", "2025-04-01", True, None),
        ("holder_name", "Jordan Ellis", False, None),
    ],
    ids=["holder", "provider", "petition-status", "category", "date-needs-no-review", "admin"],
)
def test_which_corrections_wait_for_an_auditor(
    settings: Settings, field: str, value: str, by_trainer: bool, review: str | None
) -> None:
    entry = entry_from_record(ceu("a"), settings)
    corrected, _ = correct_entry(entry, field, value, who="t", when=WHEN, by_trainer=by_trainer)
    assert corrected.corrections[-1].review == review
