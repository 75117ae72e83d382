"""Dates in the forms people print them, resolved the way a reader means them."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dateorder import date_order
from extractors.dates import find_dates

D = dt.date
CASES = {
    "month-day-year": ("Completed on March 5, 2030", D(2030, 3, 5)),
    "day-month-year": ("5 March 2030", D(2030, 3, 5)),
    "us-numeric": ("03/05/2030", D(2030, 3, 5)),
    "iso": ("2030-03-05", D(2030, 3, 5)),
    "abbreviated-dot": ("Mar. 5, 2030", D(2030, 3, 5)),
    "dd-mon-yyyy": ("05-Mar-2030", D(2030, 3, 5)),
    "ordinal": ("the 3rd of June, 2030", D(2030, 6, 3)),
    "range-last-day": ("June 3-5, 2030", D(2030, 6, 5)),
    "range-two-months": ("June 30 - July 2, 2030", D(2030, 7, 2)),
    "range-day-first": ("3-5 June 2030", D(2030, 6, 5)),
    "day-first-numeric": ("31/12/2029", D(2029, 12, 31)),
    "two-digit-year": ("Date: 7/9/30", D(2030, 7, 9)),
    "dotted": ("Issued 11.04.2029", D(2029, 11, 4)),
    "month-year-numeric": ("Recommended Renewal Date 03/2031", D(2031, 3, 31)),
    "month-year-text": ("Renew by: February 2032", D(2032, 2, 29)),
    "sept": ("Sept. 14, 2030", D(2030, 9, 14)),
    "ordinal-suffix-comma": ("September 11th, 2023", D(2023, 9, 11)),
    "ordinal-word-day-of": ("Eleventh day of September, 2023 A.D.", D(2023, 9, 11)),
    "ordinal-word-compound": ("this twenty-first day of March, 2024", D(2024, 3, 21)),
    "abbreviated-sept-day-first": ("11 Sept. 2023", D(2023, 9, 11)),
    "day-month-comma-year": ("Issued 16 May, 2024", D(2024, 5, 16)),
    "day-abbr-comma-year": ("9 Mar, 2030", D(2030, 3, 9)),
    "with-time-after": ("Aug 10, 2030 at 06:06PM UTC", D(2030, 8, 10)),
    "french": ("le 8 mai 2024", D(2024, 5, 8)),
    "french-weekday": ("délivrée le mercredi 8 avril 2024 à", D(2024, 4, 8)),
    "french-first-day": ("le 1er février 2025", D(2025, 2, 1)),
    "french-no-accents": ("12 decembre 2026", D(2026, 12, 12)),
    "spanish": ("8 de mayo de 2024", D(2024, 5, 8)),
    "spanish-del": ("15 de septiembre del 2025", D(2025, 9, 15)),
    "spanish-range": ("del 3 al 5 de mayo de 2024", D(2024, 5, 5)),
    "portuguese": ("10 de março de 2026", D(2026, 3, 10)),
    "french-month-year": ("Valable jusqu'en juin 2031", D(2031, 6, 30)),
    "arabic-indic-digits": ("٢٠٢٨-١١-١٤", D(2028, 11, 14)),
    "month-glued-to-day": ("March5, 2030", D(2030, 3, 5)),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_date_forms(case: str) -> None:
    text, expected = CASES[case]
    assert [m.value for m in find_dates(text)][-1] == expected


NOT_DATES = {
    "impossible-iso": "Course 2030-13-45 costs $25 for 8 hours",
    "bikram-sambat-year": "Date: 2079/02/03",
    "english-word-before-year": "Sold out 2024 edition",
}


@pytest.mark.parametrize("case", sorted(NOT_DATES), ids=sorted(NOT_DATES))
def test_not_a_date(case: str) -> None:
    assert find_dates(NOT_DATES[case]) == []


ORDERED = {
    "day-first": ("10/07/2027", True, D(2027, 7, 10)),
    "month-first": ("10/07/2027", False, D(2027, 10, 7)),
    "impossible-month-wins": ("25/07/2027", False, D(2027, 7, 25)),
    "impossible-day-wins": ("07/25/2027", True, D(2027, 7, 25)),
}


@pytest.mark.parametrize("case", sorted(ORDERED), ids=sorted(ORDERED))
def test_document_order_applies(case: str) -> None:
    text, day_first, expected = ORDERED[case]
    assert find_dates(text, day_first=day_first)[0].value == expected


DEPENDENT = {
    "both-parts-could-be-month": ("10/07/2027", True),
    "one-reading-only": ("25/07/2027", False),
    "same-either-way": ("07/07/2027", False),
    "month-name": ("10 July 2027", False),
}


@pytest.mark.parametrize("case", sorted(DEPENDENT), ids=sorted(DEPENDENT))
def test_order_dependent(case: str) -> None:
    text, dependent = DEPENDENT[case]
    assert find_dates(text)[0].order_dependent is dependent


ORDERS = {
    "unambiguous-day-first": ("Issued 25/07/2027. Printed 03/08/2027", True),
    "unambiguous-month-first": ("Issued 07/25/2027. Printed 03/08/2027", False),
    "renewal-whole-years": ("Date Completed 10/07/2027 renewal date: 9/07/2030", True),
    "renewal-whole-years-month-first": ("Issue Date 03/05/2028 Expires 03/04/2030", False),
    "country-name": ("Training Institute, Nairobi, Kenya. Issued 03/04/2029", True),
    "phone-prefix": ("Call +61 2 4955 8084. Completed 03/04/2029", True),
    "australian-postcode": ("Newcastle NSW 2300. Completed 03/04/2029", True),
    "us-address": ("Fort Lauderdale, FL 33301. Completed 03/04/2029", False),
    "nothing-decides": ("Completed 03/04/2029", False),
    "country-web-address": ("DATE 03/04/2029 www.scuolaprimosoccorso.it", True),
    "country-mail-domain": ("Completed 03/04/2029. info@treinamentos.com.br", True),
    "dotcom-decides-nothing": ("Completed 03/04/2029. www.cprtraining.com", False),
    "written-in-italian": (
        "Si attesta che il partecipante ha frequentato con profitto il corso di "
        "formazione per addetti al primo soccorso aziendale in data 03/04/2029",
        True,
    ),
    "written-in-spanish": (
        "Se otorga la presente constancia por haber participado en el curso de "
        "primeros auxilios y reanimación celebrado el día 03/04/2029",
        True,
    ),
    "written-in-english": (
        "This is to certify that the participant has successfully completed the "
        "course in first aid and adult resuscitation held on 03/04/2029",
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(ORDERS), ids=sorted(ORDERS))
def test_date_order(case: str) -> None:
    text, day_first = ORDERS[case]
    assert date_order(text).day_first is day_first


UNDECIDED = {
    "nothing-on-the-page": ("Completed 03/04/2029", False),
    "spelling-alone": ("Nationally recognised training. Completed 03/04/2029", False),
    "country-decides": ("Issued in Ireland on 03/04/2029", True),
    "unambiguous-decides": ("Completed 03/04/2029, printed 03/28/2029", True),
}


@pytest.mark.parametrize("case", sorted(UNDECIDED), ids=sorted(UNDECIDED))
def test_order_decided_by_evidence(case: str) -> None:
    text, decided = UNDECIDED[case]
    assert date_order(text).decided is decided
