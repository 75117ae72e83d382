"""Dates in the forms people print them, resolved the way a reader means them."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates import find_dates

D = dt.date
CASES = {
    "month-day-year": ("Completed on March 5, 2026", D(2026, 3, 5)),
    "day-month-year": ("5 March 2026", D(2026, 3, 5)),
    "us-numeric": ("03/05/2026", D(2026, 3, 5)),
    "iso": ("2026-03-05", D(2026, 3, 5)),
    "abbreviated-dot": ("Mar. 5, 2026", D(2026, 3, 5)),
    "dd-mon-yyyy": ("05-Mar-2026", D(2026, 3, 5)),
    "ordinal": ("the 3rd of June, 2026", D(2026, 6, 3)),
    "range-last-day": ("June 3-5, 2026", D(2026, 6, 5)),
    "range-two-months": ("June 30 - July 2, 2026", D(2026, 7, 2)),
    "range-day-first": ("3-5 June 2026", D(2026, 6, 5)),
    "day-first-numeric": ("31/12/2025", D(2025, 12, 31)),
    "two-digit-year": ("Date: 7/9/26", D(2026, 7, 9)),
    "dotted": ("Issued 11.04.2025", D(2025, 11, 4)),
    "month-year-numeric": ("Recommended Renewal Date 03/2027", D(2027, 3, 31)),
    "month-year-text": ("Renew by: February 2028", D(2028, 2, 29)),
    "sept": ("Sept. 14, 2026", D(2026, 9, 14)),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_date_forms(case: str) -> None:
    text, expected = CASES[case]
    assert [m.value for m in find_dates(text)][-1] == expected


def test_not_a_date() -> None:
    assert find_dates("Course 2026-13-45 costs $25 for 8 hours") == []
