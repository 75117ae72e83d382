"""The catalog as a dictionary: a matched name misread with look-alike glyphs takes
the catalog's spelling; any other difference keeps what was printed."""

from __future__ import annotations

import pytest

from extractors.found import Found
from ingest.record import Match
from matchers.catalog import Catalog, parse_catalog
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
