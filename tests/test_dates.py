"""Dates in the forms people print them, resolved the way a reader means them."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dateorder import date_order
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
    "ordinal-suffix-comma": ("September 11th, 2019", D(2019, 9, 11)),
    "ordinal-word-day-of": ("Eleventh day of September, 2019 A.D.", D(2019, 9, 11)),
    "ordinal-word-compound": ("this twenty-first day of March, 2020", D(2020, 3, 21)),
    "abbreviated-sept-day-first": ("11 Sept. 2019", D(2019, 9, 11)),
    "day-month-comma-year": ("Issued 16 May, 2020", D(2020, 5, 16)),
    "day-abbr-comma-year": ("9 Mar, 2026", D(2026, 3, 9)),
    "with-time-after": ("Aug 10, 2026 at 06:06PM UTC", D(2026, 8, 10)),
    "french": ("le 8 mai 2020", D(2020, 5, 8)),
    "french-weekday": ("délivrée le mercredi 8 avril 2020 à", D(2020, 4, 8)),
    "french-first-day": ("le 1er février 2021", D(2021, 2, 1)),
    "french-no-accents": ("12 decembre 2022", D(2022, 12, 12)),
    "spanish": ("8 de mayo de 2020", D(2020, 5, 8)),
    "spanish-del": ("15 de septiembre del 2021", D(2021, 9, 15)),
    "spanish-range": ("del 3 al 5 de mayo de 2020", D(2020, 5, 5)),
    "portuguese": ("10 de março de 2022", D(2022, 3, 10)),
    "french-month-year": ("Valable jusqu'en juin 2027", D(2027, 6, 30)),
    "arabic-indic-digits": ("٢٠٢٤-١١-١٤", D(2024, 11, 14)),
    "month-glued-to-day": ("March5, 2026", D(2026, 3, 5)),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_date_forms(case: str) -> None:
    text, expected = CASES[case]
    assert [m.value for m in find_dates(text)][-1] == expected


NOT_DATES = {
    "impossible-iso": "Course 2026-13-45 costs $25 for 8 hours",
    "bikram-sambat-year": "Date: 2079/02/03",
    "english-word-before-year": "Sold out 2020 edition",
}


@pytest.mark.parametrize("case", sorted(NOT_DATES), ids=sorted(NOT_DATES))
def test_not_a_date(case: str) -> None:
    assert find_dates(NOT_DATES[case]) == []


ORDERED = {
    "day-first": ("10/07/2023", True, D(2023, 7, 10)),
    "month-first": ("10/07/2023", False, D(2023, 10, 7)),
    "impossible-month-wins": ("25/07/2023", False, D(2023, 7, 25)),
    "impossible-day-wins": ("07/25/2023", True, D(2023, 7, 25)),
}


@pytest.mark.parametrize("case", sorted(ORDERED), ids=sorted(ORDERED))
def test_document_order_applies(case: str) -> None:
    text, day_first, expected = ORDERED[case]
    assert find_dates(text, day_first=day_first)[0].value == expected


DEPENDENT = {
    "both-parts-could-be-month": ("10/07/2023", True),
    "one-reading-only": ("25/07/2023", False),
    "same-either-way": ("07/07/2023", False),
    "month-name": ("10 July 2023", False),
}


@pytest.mark.parametrize("case", sorted(DEPENDENT), ids=sorted(DEPENDENT))
def test_order_dependent(case: str) -> None:
    text, dependent = DEPENDENT[case]
    assert find_dates(text)[0].order_dependent is dependent


ORDERS = {
    "unambiguous-day-first": ("Issued 25/07/2023. Printed 03/08/2023", True),
    "unambiguous-month-first": ("Issued 07/25/2023. Printed 03/08/2023", False),
    "renewal-whole-years": ("Date Completed 10/07/2023 renewal date: 9/07/2026", True),
    "renewal-whole-years-month-first": ("Issue Date 03/05/2024 Expires 03/04/2026", False),
    "country-name": ("Training Institute, Nairobi, Kenya. Issued 03/04/2025", True),
    "phone-prefix": ("Call +61 2 4955 8084. Completed 03/04/2025", True),
    "australian-postcode": ("Newcastle NSW 2300. Completed 03/04/2025", True),
    "us-address": ("Fort Lauderdale, FL 33301. Completed 03/04/2025", False),
    "nothing-decides": ("Completed 03/04/2025", False),
    "country-web-address": ("DATE 03/04/2025 www.scuolaprimosoccorso.it", True),
    "country-mail-domain": ("Completed 03/04/2025. info@treinamentos.com.br", True),
    "dotcom-decides-nothing": ("Completed 03/04/2025. www.cprtraining.com", False),
    "written-in-italian": (
        "Si attesta che il partecipante ha frequentato con profitto il corso di "
        "formazione per addetti al primo soccorso aziendale in data 03/04/2025",
        True,
    ),
    "written-in-spanish": (
        "Se otorga la presente constancia por haber participado en el curso de "
        "primeros auxilios y reanimación celebrado el día 03/04/2025",
        True,
    ),
    "written-in-english": (
        "This is to certify that the participant has successfully completed the "
        "course in first aid and adult resuscitation held on 03/04/2025",
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(ORDERS), ids=sorted(ORDERS))
def test_date_order(case: str) -> None:
    text, day_first = ORDERS[case]
    assert date_order(text).day_first is day_first


UNDECIDED = {
    "nothing-on-the-page": ("Completed 03/04/2025", False),
    "spelling-alone": ("Nationally recognised training. Completed 03/04/2025", False),
    "country-decides": ("Issued in Ireland on 03/04/2025", True),
    "unambiguous-decides": ("Completed 03/04/2025, printed 03/28/2025", True),
}


@pytest.mark.parametrize("case", sorted(UNDECIDED), ids=sorted(UNDECIDED))
def test_order_decided_by_evidence(case: str) -> None:
    text, decided = UNDECIDED[case]
    assert date_order(text).decided is decided
