"""Hours and CEUs as certificates print them, and the numbers that are neither."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors.credits import find_credits, read_credits
from extractors.textindex import TextIndex

Build = Callable[..., TextIndex]

HOURS = {
    "table-cell": (("General Training | 2 hours",), 2.0),
    "written-out-with-digit": (("Who has successfully completed four (4) hours for",), 4.0),
    "written-out-only": (("has completed two contact hours of training",), 2.0),
    "label-then-value": (("Course hours completed 20 hours",), 20.0),
    "contact-hours-decimal": (("This activity for 4.0 ANCC nursing contact hours",), 4.0),
    "french-decimal-comma-wrapped": (("a validé 6,5", "total heures du cours en ligne"), 6.5),
    "spanish": (("completó 8 horas de capacitación",), 8.0),
    "hours-and-minutes": (("Aug 10, 2029 at 06:06PM UTC • 1 hour 3 minutes",), 1.05),
    "hours-and-minutes-with-and": (("Length: 1 hr and 30 mins",), 1.5),
    "minutes-only": (("Duration: 90 minutes",), 1.5),
    "compact": (("Durée : 2h30",), 2.5),
    "value-below-label": (("Contact Hours:", "6"), 6.0),
    "claimable-maximum": (("You may claim a maximum of 7.0 hours",), None),
    "up-to": (("certified for up to 7.0 Mainpro+ hours",), None),
    "not-a-length": (("Valid for 24 hours after printing",), None),
}


@pytest.mark.parametrize("case", sorted(HOURS), ids=sorted(HOURS))
def test_contact_hours(case: str, index_of: Build) -> None:
    lines, expected = HOURS[case]
    assert read_credits(find_credits(index_of(*lines)), 0.1).contact_hours == expected


CEUS = {
    "nasm-bound": (("CEUs: NASM 1.9, AFAA 19, ACE 3.0-CEP220140",), 1.9),
    "plain-ceus": (("0.8 CEUs",), 0.8),
    "credit-label-named-unit": (("Credit: 0.2 CEUs",), 0.2),
    "hours-are-not-ceus": (("4.0 contact hours",), None),
    "afaa-converted": (("8 AFAA CEUs",), 0.8),
    "university-credits": (("the 2 ECTS credits online course",), None),
    "credits-recommended": (("No. of credits recommended: 3 or 4",), None),
    "claimable-credits-wrapped": (("for up to 7.0 Mainpro+", "credits."), None),
    "cme-maximum": (("a maximum of 4 AMA PRA Category 1 Credits",), None),
    "plain-credit": (("learners will receive 4.0 IPCE credit",), None),
}


@pytest.mark.parametrize("case", sorted(CEUS), ids=sorted(CEUS))
def test_nasm_ceus(case: str, index_of: Build) -> None:
    lines, expected = CEUS[case]
    assert read_credits(find_credits(index_of(*lines)), 0.1).nasm_ceus == expected
