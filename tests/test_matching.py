"""Provider and course matching against the sample catalog, with the default cutoffs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.record import Match
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog, parse_catalog
from matchers.documents import match_document
from matchers.providers import search_providers

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
UNAPPROVED = [
    line.strip()
    for line in (SAMPLES / "unapproved_providers.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def match(
    catalog: Catalog,
    provider_text: str | None,
    *,
    course_text: str | None = None,
    course_code: str | None = None,
    full_text: str = "",
    year: int | None = 2026,
) -> Match | None:
    return match_document(
        catalog,
        provider_text=provider_text,
        course_text=course_text,
        course_code=course_code,
        full_text=full_text,
        completion_year=year,
        settings=Settings(),
    )


def provider_of(catalog: Catalog, provider_text: str, full_text: str = "") -> str | None:
    found = match(catalog, provider_text, full_text=full_text)
    return found.provider_id if found else None


@pytest.mark.parametrize("name", UNAPPROVED, ids=UNAPPROVED)
def test_unapproved_near_miss_matches_no_provider(sample_catalog: Catalog, name: str) -> None:
    assert provider_of(sample_catalog, name) is None


@pytest.mark.parametrize(
    "name",
    [f"The {n}, LLC" for n in UNAPPROVED[:6]] + [n.upper() for n in UNAPPROVED[6:]],
    ids=lambda n: n,
)
def test_reworded_near_miss_matches_no_provider(sample_catalog: Catalog, name: str) -> None:
    assert provider_of(sample_catalog, name) is None


@pytest.mark.parametrize(
    ("text", "provider_id"),
    [
        ("Summit Strength Academy", "P001"),
        ("SSA", "P001"),
        ("Summit Strength", "P001"),
        ("CKI", "P002"),
        ("Precision Movement Laboratory", "P003"),
        ("Blue Ridge Sport Institute", "P009"),
        ("Meridian Council", "P008"),
        ("Ironwood FE", "P007"),
        ("IFE", "P007"),  # acronym derived from the name
        ("SBCHS", "P012"),
    ],
    ids=lambda v: str(v),
)
def test_names_aliases_and_acronyms_match(
    sample_catalog: Catalog, text: str, provider_id: str
) -> None:
    assert provider_of(sample_catalog, text) == provider_id


@pytest.mark.parametrize(
    ("text", "provider_id"),
    [
        ("The Summit Strength Academy, LLC", "P001"),
        ("St. Brendan College", "P012"),
        ("Saint Brendan Coll. of Health Sciences", "P012"),
        ("Coastal Kinetics Inst.", "P002"),
        ("Precision Movement Lab, Inc.", "P003"),
        ("Provided by: Harborview Wellness Academy | Provider #4411", "P006"),
        ("KEYSTONE COACHING COLLECTIVE", "P010"),
        ("Apex Performance Educ.", "P005"),
    ],
    ids=lambda v: str(v),
)
def test_abbreviations_and_rewording_match(
    sample_catalog: Catalog, text: str, provider_id: str
) -> None:
    assert provider_of(sample_catalog, text) == provider_id


@pytest.mark.parametrize(
    ("text", "provider_id"),
    [
        ("Surnmit Strength Acaderny", "P001"),
        ("Summ it Strength Academy", "P001"),
        ("Coasta1 Kinetics lnstitute", "P002"),
        ("N0rthern Lights Nutritlon Institute", "P004"),
        ("Evcrgrcen Pilates Academy", "P011"),
        ("Iro nwo od Fitness Education", "P007"),
        ("Harborview  Wellnes Academy", "P006"),
    ],
    ids=lambda v: str(v),
)
def test_ocr_noise_still_matches(sample_catalog: Catalog, text: str, provider_id: str) -> None:
    assert provider_of(sample_catalog, text) == provider_id


CERTIFICATE = """CERTIFICATE OF COMPLETION
This certifies that Dana Lee has successfully completed
Kettlebell Foundations for Personal Trainers
offered by Summit Strength Academy on March 3, 2026.
0.8 NASM CEUs (8 contact hours)
"""


def test_provider_missing_from_field_is_found_in_document_text(sample_catalog: Catalog) -> None:
    assert provider_of(sample_catalog, "", full_text=CERTIFICATE) == "P001"


def test_weak_provider_field_falls_back_to_document_text(sample_catalog: Catalog) -> None:
    assert provider_of(sample_catalog, "Dana Lee", full_text=CERTIFICATE) == "P001"


def test_near_miss_in_document_text_matches_no_provider(sample_catalog: Catalog) -> None:
    text = CERTIFICATE.replace("Summit Strength Academy", "Summit Strength Collective")
    assert provider_of(sample_catalog, "", full_text=text) is None


@pytest.mark.parametrize(
    ("text", "provider_id"),
    [
        ("Precision Movement\nLab\nCertificate of Completion", "P003"),
        ("Summit Strength\nCollective\nCertificate of Completion", None),
        ("CKI\nCERTIFICATE OF ATTENDANCE", "P002"),
        ("CKl\nCERTIFICATE OF ATTENDANCE", "P002"),
        ("Results of the EPA survey", None),
    ],
    ids=[
        "name-wrapped",
        "near-miss-wrapped",
        "acronym-line",
        "acronym-line-ocr",
        "acronym-in-prose",
    ],
)
def test_provider_layout_in_document_text(
    sample_catalog: Catalog, text: str, provider_id: str | None
) -> None:
    assert provider_of(sample_catalog, "", full_text=text) == provider_id


INTERLEAVED = "Awarded to\n{name}\nLukas Muller\n{end}\nACE Education Provider\nCourse"


@pytest.mark.parametrize(
    ("name", "end", "provider_id"),
    [("Precision Movement", "Lab", "P003"), ("Summit Strength", "Collective", None)],
    ids=["field-completes-the-name", "field-contradicts-an-alias"],
)
def test_two_column_layout_with_the_name_end_as_field(
    sample_catalog: Catalog, name: str, end: str, provider_id: str | None
) -> None:
    text = INTERLEAVED.format(name=name, end=end)
    assert provider_of(sample_catalog, end, full_text=text) == provider_id


@pytest.mark.parametrize(
    ("row", "course_id"),
    [
        ("Sports Nutrition Coaching - Level 1 NLN-SN1 3/28/2026 19 1.9", "C4001"),
        ("2026-06-14 Nutrition for Weight Management NLN-77 0.7 CEUs", "C4002"),
        ("Sports Nutrition Coaching\nLevel 1\nNLN-SN1\n3/28/2026", "C4001"),
        ("Sports Nutrition Coaching - Level 2 NLN-SN2 3/28/2026 19 1.9", None),
        ("Sports Nutrition Coaching\nLevel 2\nNLN-SN2\n3/28/2026", None),
        ("Advanced Nutrition for Weight Management NLN-78 1.2 CEUs", None),
    ],
    ids=[
        "table-row",
        "transcript-row",
        "table-cells",
        "other-level",
        "other-level-cells",
        "advanced-version",
    ],
)
def test_course_title_inside_a_table_row(
    sample_catalog: Catalog, row: str, course_id: str | None
) -> None:
    text = f"Northern Lights Nutrition Institute\nCourse Code Completed Hours CEUs\n{row}"
    found = match(sample_catalog, None, full_text=text)
    assert found is not None and found.course_id == course_id


def test_certificate_text_alone_gives_an_approved_match(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, None, full_text=CERTIFICATE)
    assert found is not None and (found.course_id, found.approved) == ("C1001", True)


def test_reason_names_provider_alias_score_course_and_year(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, "SSA", course_text="Advanced Barbell Coaching")
    assert found is not None and found.reason == (
        "provider 'SSA' matched alias 'SSA' of P001 (score 100.0); course C1002 title "
        "'Advanced Barbell Coaching' matched 'Advanced Barbell Coaching' (score 100.0); "
        "approved for 2026 (completed 2026)"
    )


@pytest.mark.parametrize(
    ("course_text", "course_code", "course_id"),
    [
        ("Kettlebell Foundations for Personal Trainers", None, "C1001"),
        ("Course Title: ADVANCED BARBELL COACHING", None, "C1002"),
        ("Kettlebe11 Foundatlons for Personal Trainers", None, "C1001"),
        (None, "c-1002", "C1002"),
        ("Unreadable", "C1001", "C1001"),
        ("Kettlebell Foundations for Personal Trainers Level 2", None, None),
        ("Advanced Kettlebell Foundations for Personal Trainers", None, None),
        ("Mat Pilates Fundamentals", None, None),  # another provider's course
    ],
    ids=[
        "title",
        "reworded",
        "ocr-noise",
        "code",
        "code-beats-title",
        "level-2",
        "advanced",
        "other-provider",
    ],
)
def test_course_within_provider(
    sample_catalog: Catalog, course_text: str | None, course_code: str | None, course_id: str | None
) -> None:
    found = match(
        sample_catalog, "Summit Strength Academy", course_text=course_text, course_code=course_code
    )
    assert found is not None and found.course_id == course_id


def test_course_not_approved_for_completion_year(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, "SSA", course_text="Corrective Exercise Essentials", year=2026)
    assert found is not None and (found.approved, "not approved for 2026" in found.reason) == (
        False,
        True,
    )


def test_course_approved_for_its_year(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, "SSA", course_text="Corrective Exercise Essentials", year=2025)
    assert found is not None and found.approved


def test_unknown_completion_year_is_not_approved_for_a_yearly_course(
    sample_catalog: Catalog,
) -> None:
    found = match(sample_catalog, "SSA", course_text="Corrective Exercise Essentials", year=None)
    assert found is not None and not found.approved


def test_course_without_approval_year_fits_any_year() -> None:
    catalog = parse_catalog(
        "provider_id,provider_name,aliases,course_id,course_title,ceus,approval_year\n"
        "P1,Granite Fitness School,,C1,Kettlebell Basics,0.5,\n"
    ).catalog
    found = match(catalog, "Granite Fitness School", course_text="Kettlebell Basics", year=2031)
    assert found is not None and found.approved


def test_provider_without_course_is_matched_but_not_approved(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, "Summit Strength Academy", course_text="Yoga for Everyone")
    assert found is not None and (found.provider_id, found.course_id, found.approved) == (
        "P001",
        None,
        False,
    )


def test_a_course_the_catalog_does_not_list_says_why_it_is_not_approved(
    sample_catalog: Catalog,
) -> None:
    found = match(sample_catalog, "Summit Strength Academy", course_text="Yoga for Everyone")
    assert found is not None and "not approved for this course" in found.reason


def test_no_match_reports_the_closest_provider_and_its_score(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, "Ironwood Fitness Club")
    assert found is not None and found.reason.startswith("no approved provider matched: closest is")


def test_text_without_any_provider_name_is_an_unmatched_result(sample_catalog: Catalog) -> None:
    found = match(sample_catalog, None, full_text="Quiz passed\nInstructor signature")
    assert found is not None and (found.provider_id, found.approved) == (None, False)


def test_nothing_to_compare_gives_none(sample_catalog: Catalog) -> None:
    assert match(sample_catalog, None, full_text="") is None


@pytest.mark.parametrize(
    ("query", "first"),
    [("summit", "P001"), ("SSA", "P001"), ("coastal kinetics", "P002"), ("St Brendan", "P012")],
    ids=lambda v: str(v),
)
def test_search_lists_the_provider_first(sample_catalog: Catalog, query: str, first: str) -> None:
    assert search_providers(sample_catalog, query, limit=5)[0][0].provider_id == first


def test_search_respects_the_limit(sample_catalog: Catalog) -> None:
    assert len(search_providers(sample_catalog, "academy", limit=2)) == 2


TRUTH = sorted((SAMPLES / "truth").glob("cert-*.json"))


def truth_match(path: Path, *, use_fields: bool) -> tuple[Match | None, dict[str, str] | None]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    fields = truth["fields"]
    completed = fields.get("completion_date")
    found = match_document(
        load_catalog(SAMPLES / "catalog.csv").catalog,
        provider_text=fields.get("provider_name") if use_fields else None,
        course_text=fields.get("course_title") if use_fields else None,
        course_code=fields.get("course_code") if use_fields else None,
        full_text="\n".join(truth.get("text", [])),
        completion_year=int(completed[:4]) if completed else None,
        settings=Settings(),
    )
    return found, truth.get("catalog")


def as_entry(found: Match | None) -> dict[str, str | None] | None:
    if found is None or found.provider_id is None:
        return None
    return {"provider_id": found.provider_id, "course_id": found.course_id}


@pytest.mark.parametrize("path", TRUTH, ids=[p.stem for p in TRUTH])
def test_sample_certificate_fields_match_their_catalog_entry(path: Path) -> None:
    found, expected = truth_match(path, use_fields=True)
    assert as_entry(found) == expected


@pytest.mark.parametrize("path", TRUTH, ids=[p.stem for p in TRUTH])
def test_sample_certificate_text_alone_matches_its_catalog_entry(path: Path) -> None:
    found, expected = truth_match(path, use_fields=False)
    assert as_entry(found) == expected
