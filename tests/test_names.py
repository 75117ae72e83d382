"""Holder name vs the trainer's name: tolerated differences match, other people do not."""

from __future__ import annotations

import pytest

from matchers.names import match_person_name, parse_person_name

SAME_PERSON = [
    ("Dana Lee", "Dana Lee"),
    ("Dana Lee", "Lee, Dana"),
    ("Dana Lee", "LEE DANA"),
    ("Dana Lee", "Ms. Dana Lee, NASM-CPT"),
    ("Dana Marie Lee", "Dana Lee"),
    ("Dana M. Lee", "Dana Marie Lee"),
    ("Dana Lee", "D. Lee"),
    ("José Núñez", "Jose Nunez"),
    ("Ana García-López", "Ana Garcia"),
    ("Ana Garcia Lopez", "Ana Lopez"),
    ("Ana Garcia-Lopez", "Ana Garcia Lopez"),
    ("Robert Smith Jr.", "Robert Smith"),
    ("William Hart III", "Bill Hart"),
    ("Robert Smith", "Bob Smith"),
    ("Elizabeth Jones", "Liz Jones"),
    ("Katherine Olsen", "Kate Olsen"),
    ("Samuel Ortiz", "Sam Ortiz"),
    ("Michael O'Brien", "Michael OBrien"),
    ("Dana Lee", "Dana Lec"),  # OCR: e read as c
    ("Katherine Olsen", "Katherlne 0lsen"),  # OCR: i -> l, O -> 0
    ("Katherine Olsen", "Katherne Olsen"),  # one letter dropped from a long name
]

DIFFERENT_PERSON = [
    ("Dana Lee", "Dana Leung"),
    ("Maria Garcia", "Mario Garcia"),
    ("Dana Lee", "Dan Lee"),
    ("Dana M. Lee", "Dana K. Lee"),
    ("Maria Smith", "Maria Jones"),
    ("Dana Lee", "Chris Lee"),
    ("Christina Lopez", "Christian Lopez"),
    ("Brendan Hale", "Brennan Hale"),
    ("John Carter", "Joan Carter"),
    ("Dana Lee", "Dana"),  # the surname cannot be checked
]


@pytest.mark.parametrize(
    ("expected", "found"), SAME_PERSON, ids=[f"{e} ~ {f}" for e, f in SAME_PERSON]
)
def test_same_person_matches(expected: str, found: str) -> None:
    assert match_person_name(expected, found).matched


@pytest.mark.parametrize(
    ("expected", "found"), DIFFERENT_PERSON, ids=[f"{e} != {f}" for e, f in DIFFERENT_PERSON]
)
def test_different_person_does_not_match(expected: str, found: str) -> None:
    assert not match_person_name(expected, found).matched


def test_known_other_name_matches() -> None:
    result = match_person_name("Maria Jones", "Maria Smith", known_other_names=["Maria Smith"])
    assert (result.matched, "known other name 'Maria Smith'" in result.reason) == (True, True)


def test_reason_says_what_differed() -> None:
    reason = match_person_name("Robert Smith", "Bob Smith").reason
    assert reason == "'Bob Smith' vs 'Robert Smith': given name nickname, surname same (score 95.0)"


def test_cutoff_is_the_callers_setting() -> None:
    assert not match_person_name("Dana Lee", "D. Lee", cutoff=95.0).matched


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Lee, Dana M.", ("dana", "m", "lee")),
        ("Dr. Dana Lee, Jr.", ("dana", "lee")),
        ("Ana García-López", ("ana", "garcia", "lopez")),
    ],
    ids=["surname-first", "title-and-suffix", "hyphenated"],
)
def test_parse_person_name(text: str, words: tuple[str, ...]) -> None:
    parsed = parse_person_name(text)
    assert parsed is not None and (parsed.given, *parsed.rest) == words


def test_empty_holder_does_not_match() -> None:
    assert match_person_name("Dana Lee", " , ").score == 0.0
