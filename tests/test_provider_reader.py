"""Reading who issued a document without the catalog, from real-world wording."""

from __future__ import annotations

import pytest

from extractors import fields
from extractors.labels import labeled_values
from extractors.providers import card_issuer, provider_name
from extractors.textindex import TextIndex
from ingest.model import Box, DocumentText, FileKind, Line, PageText, TextSource, TriageResult, Word
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
    (
        (
            "CPR & AED Certification",
            "Dana Lee",
            "Issued: March 14, 2025",
            "Coastal Safety Training LLC",
            "Instructor: Lee Wong",
        ),
        "Coastal Safety Training LLC",
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
        "an-organisation-under-the-dates",
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
    (
        ("Learning For Everyone", "Secretaría de Educación Técnica", "Constancia", "Marta Ruiz"),
        "Secretaría de Educación Técnica",
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
        "an organisation word written with its accent",
    ],
)
def test_certificate_provider(lines: tuple[str, ...], provider: str) -> None:
    index = index_of(*lines)
    read = provider_name(index, labeled_values(index), None)
    assert read is not None and read.value == provider


def _placed(*rows: tuple[str, float, float]) -> TextIndex:
    """Lines as (text, right edge, top): each set flush right at its edge, as a logo's
    lettering and a slogan beside it are."""
    lines = []
    for text, right, top in rows:
        widths = [0.012 * len(token) for token in text.split()]
        x = right - sum(widths) - 0.01 * (len(widths) - 1)
        words = []
        for token, width in zip(text.split(), widths, strict=True):
            words.append(Word(token, Box(x, top, x + width, top + 0.02), 100.0))
            x += width + 0.01
        lines.append(Line(tuple(words)))
    page = PageText(0, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(lines))
    triage = TriageResult(FileKind.JPEG, "0" * 64, 1, 1, "image/jpeg")
    return TextIndex(DocumentText(triage, (page,)))


def test_logo_name_set_flush_right_past_a_slogan() -> None:
    """A university's name in two lines flush right, a slogan read between them."""
    index = _placed(
        ("UNIVERSIDAD", 0.42, 0.10),
        ("CAMBIA EL MUNDO QUE VES", 0.93, 0.115),
        ("AUTONOMA DEL VALLE ALTO", 0.42, 0.125),
        ("OTORGA EL PRESENTE", 0.6, 0.25),
        ("MARTA RUIZ GIL", 0.6, 0.40),
    )
    read = provider_name(index, labeled_values(index), None)
    assert read is not None and read.value == "UNIVERSIDAD AUTONOMA DEL VALLE ALTO"


def test_the_course_set_at_the_head_is_not_the_provider() -> None:
    """A banner repeating the course the sentence names, logos the only issuer."""
    index = index_of(
        "MOBILITY COACH CERTIFICATION",
        "DANA WHITFIELD",
        "HAS SUCCESSFULLY COMPLETED MOBILITY COACH CERTIFICATION.",
        "Date: 3 March, 2025",
    )
    holder = fields.holder_name(index, [])
    title = fields.course_title(index, [], False, legible_at=0.0, holder=holder)
    assert provider_name(index, [], holder, title) is None


NOT_PROVIDERS = [
    (
        "a form's caption under a blank",
        ("Statement of Results", "Dana Whitfield", "Date ____", "School Official Name"),
    ),
    (
        "an address at the head of the page",
        ("The Lantern, Tower 2, 4th Floor, Harbour Road", "Statement of Results", "Dana Whitfield"),
    ),
]


@pytest.mark.parametrize("lines", [c[1] for c in NOT_PROVIDERS], ids=[c[0] for c in NOT_PROVIDERS])
def test_not_a_provider(lines: tuple[str, ...]) -> None:
    index = index_of(*lines)
    holder = fields.holder_name(index, [])
    assert provider_name(index, labeled_values(index), holder) is None
