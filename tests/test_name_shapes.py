"""Telling a person's name from a certificate's words and an organisation's name,
in the languages certificates come in."""

from __future__ import annotations

import pytest

from extractors.names import (
    looks_like_person,
    looks_like_person_in_lower_case,
    tidy_person,
    trim_org,
)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("ATTESTATO DI PARTECIPAZIONE", False),
        ("Certificado de Conclusão", False),
        ("Learner Details", False),
        ("Giulia Ferri", True),
        ("El Departamento de", False),
        ("Hugo van der Berg", True),
    ],
    ids=[
        "italian-title",
        "portuguese-title",
        "label-words",
        "italian-name",
        "cut-short-on-a-particle",
        "particle-inside",
    ],
)
def test_certificate_words_in_any_language_are_no_name(text: str, person: bool) -> None:
    assert looks_like_person(text) is person


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("maria lopez", True),
        ("as an", False),
        ("Maria Lopez", False),
        ("nnnneeeec cece ebbe", False),
    ],
    ids=["typed-lower-case", "two-small-words", "capitalised", "dotted-rule-read-as-letters"],
)
def test_names_typed_in_lower_case(text: str, person: bool) -> None:
    assert looks_like_person_in_lower_case(text) is person


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "The Postgraduate Institute for Medicine certifies that",
            "Postgraduate Institute for Medicine",
        ),
        ("Lakeside Academy hereby certifies that", "Lakeside Academy"),
    ],
    ids=["sentence-after-name", "hereby-certifies"],
)
def test_organisation_without_its_sentence(text: str, org: str) -> None:
    assert trim_org(text) == org


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Madame ARTI Noor", "ARTI Noor"),
        ("Señora Lucía Pardo", "Lucía Pardo"),
        ("Signor Marco Valli", "Marco Valli"),
        ("Mr. Dan Oakes", "Dan Oakes"),
        ("Madeleine Roy", "Madeleine Roy"),
        ("Az MORALES PEÑA LUISA", "MORALES PEÑA LUISA"),
        ("de LA CRUZ MARIA", "de LA CRUZ MARIA"),
    ],
    ids=[
        "french",
        "spanish",
        "italian",
        "english",
        "a-name-that-starts-alike",
        "a-speck-before-capitals",
        "a-particle-before-capitals",
    ],
)
def test_courtesy_titles_and_specks_are_not_the_name(text: str, name: str) -> None:
    assert tidy_person(text) == name
