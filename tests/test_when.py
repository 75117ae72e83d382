"""Completion and expiry dates as certificates and cards label them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from extractors import when
from extractors.labels import labeled_values
from extractors.textindex import TextIndex

D = dt.date
Build = Callable[..., TextIndex]

COMPLETION = {
    "label-colon": (("Date Completed: 4/11/2027",), D(2027, 4, 11)),
    "completed-on-ordinal": (("Completed on September 11th, 2022",), D(2022, 9, 11)),
    "issued-on-day-first": (("Issued on 17 Jun 2028 by Lakeside Care Institute",), D(2028, 6, 17)),
    "label-above": (("Issue Date", "9/16/2026"), D(2026, 9, 16)),
    "french-sentence": (("Attestation délivrée le mercredi 8 avril 2023 à",), D(2023, 4, 8)),
    "spanish-label": (("Fecha: 9 de mayo de 2023",), D(2023, 5, 9)),
    "date-after-name-with-time": (
        ("Course completed by Jane Roe", "Aug 10, 2029 at 06:06PM UTC • 1 hour 3 minutes"),
        D(2029, 8, 10),
    ),
    "period-ends-the-course": (("conducted from 18-10-2026 to 31-01-2027",), D(2027, 1, 31)),
    "period-stacked-dates": (("18-10-2026", "31-01-2027"), D(2027, 1, 31)),
    "day-first-by-renewal": (
        ("Date Completed", "10/07/2026", "Industry recommended renewal date:", "9/07/2029"),
        D(2026, 7, 10),
    ),
    "not-the-generated-date": (
        ("Completion Date 14-May-2028", "Generated on 17-May-2028."),
        D(2028, 5, 14),
    ),
    "not-the-expiry-value": (
        ("Expiration Date", "05/14/2029", "Issued 05/14/2027"),
        D(2027, 5, 14),
    ),
}


@pytest.mark.parametrize("case", sorted(COMPLETION), ids=sorted(COMPLETION))
def test_completion_date(case: str, index_of: Build) -> None:
    lines, expected = COMPLETION[case]
    index = index_of(*lines)
    found = when.completion_date(index, labeled_values(index))
    assert found is not None and found.value == expected


def test_assumed_order_says_so(index_of: Build) -> None:
    index = index_of("Date Completed: 04/11/2027")
    found = when.completion_date(index, labeled_values(index))
    assert found is not None and "month first assumed" in found.reason


def test_assumed_order_lowers_confidence(index_of: Build) -> None:
    ambiguous = index_of("Date Completed: 04/11/2027")
    plain = index_of("Date Completed: 04/13/2027")
    low = when.completion_date(ambiguous, labeled_values(ambiguous))
    high = when.completion_date(plain, labeled_values(plain))
    assert low is not None and high is not None and low.confidence < high.confidence


def test_running_print_date_is_not_completion(index_of: Build) -> None:
    page = ("28/03/2022 DLI Certificate", "Certificate of competency", "2022 Year issued")
    index = index_of(*page, "\f", "28/03/2022 DLI Certificate", "1/2")
    assert when.completion_date(index, labeled_values(index)) is None


CARD_EXPIRY = {
    "renew-by-month": (("Issue Date 9/16/2026", "Renew By 09/2028"), D(2028, 9, 30)),
    "renew-by-month-name": (("Issue Date 28 Jan 2029", "Renew By Jan 2031"), D(2031, 1, 31)),
    "validity-period": (("Date Completed: 4/11/2027", "Validity Period: 2 Years"), D(2029, 4, 11)),
    "valid-for-words": (("Date Completed: 4/11/2027", "Valid for two (2) years"), D(2029, 4, 11)),
    "valid-for-months": (("Date Completed: 4/11/2027", "Valid for 12 months"), D(2028, 4, 11)),
    "recommended-renewal-period": (
        ("Issue Date: 2027-06-24", "Recommended renewal: 3 years"),
        D(2030, 6, 24),
    ),
    "expires-on": (("Awarded on 15 November 2028", "Expires On 15 November 2030"), D(2030, 11, 15)),
    "iso-above-issue": (("Expiry Date: 2028-11-14", "Issue Date: 2027-11-14"), D(2028, 11, 14)),
    "printed-date-over-period": (
        (
            "Date Completed",
            "10/07/2026",
            "Industry recommended renewal date:",
            "Student ID: 83985",
            "9/07/2029",
            "Industry recommended renewal CPR 12 months",
        ),
        D(2029, 7, 9),
    ),
    "spanish-valid-until": (
        ("Fecha: 9 de mayo de 2023", "Válido hasta 9 de mayo de 2025"),
        D(2025, 5, 9),
    ),
}


@pytest.mark.parametrize("case", sorted(CARD_EXPIRY), ids=sorted(CARD_EXPIRY))
def test_card_expiry(case: str, index_of: Build) -> None:
    lines, expected = CARD_EXPIRY[case]
    index = index_of(*lines)
    labeled = labeled_values(index)
    found = when.expiry_date(index, labeled, when.completion_date(index, labeled))
    assert found is not None and found.value == expected


CERTIFICATE_EXPIRY = {
    "labelled": (("Completion Date 14-May-2028", "Expiration Date 14-May-2029"), D(2029, 5, 14)),
    "valid-through": (
        ("Certified Personal Trainer", "VALID THROUGH October 31, 2030"),
        D(2030, 10, 31),
    ),
    "period-by-its-date": (("Jul 29, 2025", "Issue Date (valid for 3 years)"), D(2028, 7, 29)),
    "provider-approval-is-not": (
        ("Completed March 5, 2029", "Provider accreditation expires 12/31/2030"),
        None,
    ),
    "verification-period-is-not": (
        ("Date of Completion: 07/08/2029", "This certificate expires 07/08/2031 for verification."),
        None,
    ),
    "verification-link-is-not": (
        ("Completed: Aug. 20, 2029", "Verification link valid through August 20, 2032"),
        None,
    ),
    "a seal's provider line over its expiry is not": (
        ("Completed: Aug. 20, 2029", "Approved Provider", "expires 09/30/2031"),
        None,
    ),
    "the holder's own expiry under the course is": (
        ("Completed: Aug. 20, 2029", "Course in Sports Nutrition", "expires 08/20/2031"),
        D(2031, 8, 20),
    ),
    "purpose-in-a-letter-is-not": (
        (
            "May 21, 2027",
            "Dear Sir,",
            "The course was completed in full.",
            "Regards,",
            "The letter is valid for one (1) year to take the test.",
        ),
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(CERTIFICATE_EXPIRY), ids=sorted(CERTIFICATE_EXPIRY))
def test_certificate_expiry(case: str, index_of: Build) -> None:
    lines, expected = CERTIFICATE_EXPIRY[case]
    index = index_of(*lines)
    labeled = labeled_values(index)
    issued = when.completion_date(index, labeled)
    found = when.expiry_date(index, labeled, issued, is_card=False)
    assert (found.value if found else None) == expected
