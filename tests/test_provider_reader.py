"""Reading who issued a document without the catalog, from real-world wording."""

from __future__ import annotations

import pytest

from extractors.labels import labeled_values
from extractors.providers import card_issuer, provider_name
from extractors.textindex import TextIndex
from tests.text_pages import stacked_document


def index_of(*lines: str) -> TextIndex:
    """A text-layer page with the lines stacked from the top, one word box per word."""
    step = 0.9 / max(1, len(lines))
    return TextIndex(stacked_document(lines, top=0.04, step=step, height=0.02))


CARDS = [
    (
        (
            "BLS Provider",
            "Dana Lee",
            "in accordance with the curriculum of the American Heart Association",
        ),
        "American Heart Association",
    ),
    (
        (
            "Training Center Name",
            "Nairobi Red Cross Training Institute",
            "Dana Lee",
            "in accordance with the curriculum of the American Heart Association",
        ),
        "American Heart Association",
    ),
    (
        ("THE JAMAICA RED CROSS SOCIETY", "Dana Lee", "First Aid, CPR & AED"),
        "THE JAMAICA RED CROSS SOCIETY",
    ),
    (
        ("Dana Lee", "Is certified in", "Basic Life Support", "go to myrc.redcross.ca to validate"),
        "Canadian Red Cross",
    ),
    (("Dana Lee", "Is certified in", "Basic Life Support"), None),
    (("Lakeview CPR Online", "Dana Lee", "Adult CPR and AED"), "Lakeview CPR Online"),
    (
        (
            "METRO TRAUMA RESPONSE",
            "This certifies that",
            "consistent with the most current AHA ECC guidelines for:",
            "Adult CPR",
        ),
        None,
    ),
    (("Phone: (02) 4955 0000", "Statement of Attainment", "Dana Lee"), None),
    (
        ("American Safety & Health Institute", "Adult CPR and AED", "Participant: Dana Lee"),
        "American Safety & Health Institute",
    ),
]


@pytest.mark.parametrize(
    ("lines", "issuer"),
    CARDS,
    ids=[
        "curriculum-sentence",
        "training-center-named-after-another-issuer",
        "national-red-cross-society-as-printed",
        "issuer-web-address",
        "certified-in-is-not-a-name",
        "issuer-name-with-a-subject-word",
        "standards-phrase-is-not-the-issuer",
        "phone-line-is-not-a-name",
        "issuer-name-ending-in-institute",
    ],
)
def test_card_issuer(lines: tuple[str, ...], issuer: str | None) -> None:
    read = card_issuer(index_of(*lines), back_only=False)
    assert (read.value if read else None) == issuer


CERTIFICATES = [
    (
        (
            "This activity for 4.0 contact hours is provided by the Lakeside",
            "Institute for Medicine. This activity was planned by and for the team.",
        ),
        "Lakeside Institute for Medicine",
    ),
    (
        ("DANA LEE", "has met all the requirements of the Northern Council on Exercise Science"),
        "Northern Council on Exercise Science",
    ),
    (("Certifying Entity", "CE Name: Harbor County EMS Agency"), "Harbor County EMS Agency"),
    (("St. Aidan College", "CERTIFICATE OF COMPLETION", "is presented to"), "St. Aidan College"),
    (
        (
            "COURSE CERTIFICATE",
            "Dana Lee",
            "has successfully completed",
            "an online non-credit course offered through Coursera",
        ),
        "Coursera",
    ),
    (
        (
            "Team Essentials (TQ-B) e-Learning Course",
            "Issued on 3 Mar 2025 by",
            "Lakeside CLRI at Baycroft",
        ),
        "Lakeside CLRI at Baycroft",
    ),
    (
        (
            "CERTIFICATE OF PARTICIPATION",
            "Dana Lee",
            "half day CPR training organized by Riverside Teaching Hospital",
        ),
        "Riverside Teaching Hospital",
    ),
    (
        ("Brightline Food Safety Institute", "A BRIGHTCO COMPANY", "Certificate of Training"),
        "Brightline Food Safety Institute",
    ),
    (
        ("Ge 4 Lakeside Institute of Technology", "Certificate of Training"),
        "Lakeside Institute of Technology",
    ),
    (
        (
            "Harbor Point College",
            "Certificate of Completion",
            "Provider: Dana Whitfield, MS",
            "Lead Instructor",
        ),
        "Harbor Point College",
    ),
]


@pytest.mark.parametrize(
    ("lines", "provider"),
    CERTIFICATES,
    ids=[
        "label-value-wrapped-onto-next-line",
        "requirements-of-name-with-on",
        "label-before-the-name",
        "abbreviation-with-a-full-stop",
        "offered-through",
        "issued-on-date-by",
        "organized-by",
        "tagline-is-not-the-name",
        "logo-marks-before-the-name",
        "a signer by the provider label is no provider",
    ],
)
def test_certificate_provider(lines: tuple[str, ...], provider: str) -> None:
    index = index_of(*lines)
    read = provider_name(index, labeled_values(index), None)
    assert read is not None and read.value == provider
