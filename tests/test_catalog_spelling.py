"""The catalog as a dictionary: a matched name misread with look-alike glyphs takes
the catalog's spelling; any other difference keeps what was printed."""

from __future__ import annotations

import pytest

from extractors.found import Found
from ingest.record import Match
from ingest.settings import Settings
from matchers.catalog import Catalog, parse_catalog
from matchers.documents import match_with_provider
from matchers.lookalike import misread_of
from pipeline.spelling import catalog_spellings

CATALOG = """provider_id,provider_name,aliases,course_id,course_title,ceus
uni,University of Elmwood,Elmwood Learning Lab,U-1,Elements of AI,
uni,University of Elmwood,Elmwood Learning Lab,U-2,Modern Movement Level 1,0.5
"""


@pytest.mark.parametrize(
    ("printed", "spelled"),
    [
        ("Elements of Al", "Elements of AI"),
        ("ELEMENTS OF Al", "Elements of AI"),
        ("Modem Movement Level 1", "Modern Movement Level 1"),
        ("Modern Movement Level l", "Modern Movement Level 1"),
        ("University 0f Elmwood", "University of Elmwood"),
        ("E|ements of AI", "Elements of AI"),
        ("Infection Contro1 and Prevention", "Infection Control and Prevention"),
        ("Sports Nutrition Coaehing", "Sports Nutrition Coaching"),
    ],
    ids=[
        "capital-i-read-as-small-l",
        "capitals-with-one-glyph-misread",
        "m-read-as-rn",
        "digit-one-read-as-l",
        "letter-o-read-as-zero",
        "bar-read-for-l",
        "l-read-as-digit-one",
        "c-read-as-e",
    ],
)
def test_lookalike_glyphs_are_a_misreading(printed: str, spelled: str) -> None:
    assert misread_of(printed, spelled)


@pytest.mark.parametrize(
    ("printed", "spelled"),
    [
        ("ELEMENTS OF AI", "Elements of AI"),
        ("Elements of AI.", "Elements of AI"),
        ("Elements of AI Advanced", "Elements of AI"),
        ("Modern Movement Level 2", "Modern Movement Level 1"),
        ("Modern Motion Level 1", "Modern Movement Level 1"),
        ("Home Health Consulting Group", "Home Health Consulting Agency"),
        ("", "Elements of AI"),
    ],
    ids=[
        "only-recased",
        "only-punctuation",
        "extra-word",
        "another-level",
        "another-word",
        "another-organisation-word",
        "nothing-printed",
    ],
)
def test_other_differences_are_not_a_misreading(printed: str, spelled: str) -> None:
    assert not misread_of(printed, spelled)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(CATALOG).catalog


def _field(value: str) -> Found:
    return Found(value, 0.9, None, "line after the completion sentence")


def _match(course_id: str | None, score: float = 96.0) -> Match:
    return Match(
        provider_id="uni",
        course_id=course_id,
        score=score,
        approved=course_id is not None,
        provider_score=100.0,
        course_score=score if course_id else None,
    )


@pytest.mark.parametrize(
    ("field", "printed", "course_id", "value"),
    [
        ("course_title", "Elements of Al", "U-1", "Elements of AI"),
        ("course_title", "Modern Movement Level l", "U-2", "Modern Movement Level 1"),
        ("course_title", "Elements of Al", None, "Elements of Al"),
        ("course_title", "Elements of AI Workshop", "U-1", "Elements of AI Workshop"),
        ("provider_name", "University 0f Elmwood", None, "University of Elmwood"),
        ("provider_name", "Elmwood Leaming Lab", None, "Elmwood Learning Lab"),
        ("provider_name", "UNIVERSITY OF ELMWOOD", None, "UNIVERSITY OF ELMWOOD"),
    ],
    ids=[
        "title-of-the-matched-course",
        "level-digit",
        "no-course-matched-keeps-print",
        "longer-title-keeps-print",
        "provider-name",
        "provider-alias",
        "provider-in-capitals-keeps-print",
    ],
)
def test_the_matched_entry_respells_a_misread_value(
    catalog: Catalog, field: str, printed: str, course_id: str | None, value: str
) -> None:
    fields = catalog_spellings({field: _field(printed)}, catalog, _match(course_id))
    assert fields[field].value == value


def test_a_respelled_value_keeps_the_print_and_the_score_in_its_evidence(
    catalog: Catalog,
) -> None:
    fields = catalog_spellings({"course_title": _field("Elements of Al")}, catalog, _match("U-1"))
    assert "printed 'Elements of Al'" in fields["course_title"].reason and "96.0" in (
        fields["course_title"].reason
    )


def test_a_respelled_value_is_as_sure_as_the_match(catalog: Catalog) -> None:
    fields = catalog_spellings(
        {"course_title": _field("Elements of Al")}, catalog, _match("U-1", score=86.0)
    )
    assert fields["course_title"].confidence == pytest.approx(0.86)


COURSE = "Bloodborne Pathogens Standard Precautions"
DAMAGED_CATALOG = """provider_id,provider_name,aliases,course_id,course_title,ceus
agency,"Riverside Health Consulting Agency, Inc.",,RH-1,Bloodborne Pathogens Standard Precautions,
agency,"Riverside Health Consulting Agency, Inc.",,RH-2,CPR,
"""


def _damaged_match(provider_text: str, course_text: str | None) -> Match | None:
    found = match_with_provider(
        parse_catalog(DAMAGED_CATALOG).catalog,
        provider_text=provider_text,
        course_text=course_text,
        course_code=None,
        full_text="",
        completion_year=2024,
        settings=Settings(),
    )
    return found.match if found else None


@pytest.mark.parametrize(
    ("provider_text", "course_text", "provider_id"),
    [
        (
            "Rlverslde Health Consulting Lgcnoy, Ino",
            COURSE,
            "agency",
        ),
        ("Rlverslde Health Consulting Lgcnoy, Ino", "CPR", None),
        ("Rlverslde Health Consulting Lgcnoy, Ino", "Fire Safety and Evacuation Drills", None),
        ("Lakeside Wellness Consulting Group", COURSE, None),
        ("Riverside Health Consulting Group", None, None),
    ],
    ids=[
        "two-whole-words-and-the-course-agree",
        "short-course-title-does-not-corroborate",
        "another-course-does-not-corroborate",
        "one-whole-word-is-not-enough",
        "no-course-to-corroborate",
    ],
)
def test_a_damaged_provider_name_needs_its_course_to_agree(
    provider_text: str, course_text: str | None, provider_id: str | None
) -> None:
    match = _damaged_match(provider_text, course_text)
    assert (match.provider_id if match else None) == provider_id


def test_a_damaged_provider_name_is_never_approved() -> None:
    match = _damaged_match("Rlverslde Health Consulting Lgcnoy, Ino", COURSE)
    assert match is not None and not match.approved
