"""The catalog searched in the whole document: how real certificates and cards name
their issuer, and the places where a catalog name is printed without being the issuer."""

from __future__ import annotations

import pytest

from ingest.settings import Settings
from matchers.catalog import Catalog, parse_catalog
from matchers.documents import match_with_provider
from matchers.mentions import PlacedLine

CATALOG = """provider_id,provider_name,aliases,course_id,course_title,ceus
heart,American Heart Association,AHA,H-BLS,BLS Provider,
heart,American Heart Association,AHA,H-HC,HeartCode Complete BLS Provider,
redcross-us,American Red Cross,ARC,RC-BLS,Basic Life Support,
redcross-ca,Canadian Red Cross,Croix-Rouge canadienne,RCC-BLS,Basic Life Support (HCP),
mooc,Coursera,Coursera Inc.,M-1,Psychological First Aid,
video,Udemy,"Udemy, Inc.",V-1,Kettlebell Basics,0.4
summit,Summit Strength Academy,Summit Strength,S-1,Kettlebell Foundations,0.8
certifier,National Academy of Sports Medicine,NASM,N-1,Certified Nutrition Coach,1.9
council,American Council on Exercise,ACE,A-1,Certified Personal Trainer,
hospital,Riverside Teaching Hospital Nursing Education Unit,Riverside Teaching Hospital|RTH,R-1,CPR,
platform,KTPX,KTPX Online Certification,K-1,Systems Design,
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(CATALOG).catalog


def provider_in(catalog: Catalog, text: str, lines: list[PlacedLine] | None = None) -> str | None:
    found = match_with_provider(
        catalog,
        provider_text=None,
        course_text=None,
        course_code=None,
        full_text=text,
        completion_year=None,
        settings=Settings(),
        lines=lines,
    )
    return found.match.provider_id if found else None


NAMED = [
    (
        "has successfully completed the cognitive and skills evaluations\n"
        "in accordance with the curriculum of the American Heart Association\n",
        "heart",
    ),
    (
        "an online non-credit course authorized by Elm University and offered through Coursera",
        "mooc",
    ),
    ("Verify at coursera.org/verify/AB12CD34EF", "mooc"),
    ("Questions? Write to Questions@heart.org", "heart"),
    ("Url du certificat : ude.my/UC-1234abcd", "video"),
    ("NATIONAL ACADEMY OF SPORTS MEDICINE\nhas conferred upon", "certifier"),
    ("has met all the requirements of the American Council on Exercise to develop", "council"),
    (
        "session organized by Riverside Teaching Hospital Nursing\nEducation Unit held on 12 May",
        "hospital",
    ),
    ("Director, Summit Strength Academy", "summit"),
]


@pytest.mark.parametrize(
    ("text", "provider_id"),
    NAMED,
    ids=[
        "curriculum-sentence",
        "co-branded-offered-through",
        "verify-url",
        "email-domain-distinctive-word",
        "domain-hack",
        "masthead-capitals",
        "requirements-of-sentence",
        "name-wrapped-onto-next-line",
        "signer-affiliation",
    ],
)
def test_provider_named_in_the_document(catalog: Catalog, text: str, provider_id: str) -> None:
    assert provider_in(catalog, text) == provider_id


NOT_THE_ISSUER = [
    "Summit Strength Collective\nCertificate of Completion",
    "Summit Strength\nCollective\nCertificate of Completion",
    "Course completed by Dana Lee",
    "CEUs: NASM 1.9, AFAA 1.9, ACE 3.0",
    "This course is approved for 0.8 NASM CEUs",
    "held at Riverside Teaching Hospital (RTH), Northside",
    "in collaboration with Riverside Teaching Hospital",
    "has successfully completed 10 weeks Kettlebell Internship\nSupported By Summit Strength",
    "Systems Design Virtual Internship\nPowered by KTPX Online Certification",
    "delivered with the support of the American Red Cross",
    "consistent with the most current American Heart Association guidelines",
    "To validate a certificate, go to myrc.redcross.ca and click on Validate",
    "Training Center Name\nKenya Red Cross Training Institute",
    "HOD, Department of Anesthesiology, RTH",
    "American Council of Exercise Professionals\nCertificate of Completion",
    "Kettlebell Coaching is approved for 0.8 CEUs by the National Academy of Sports Medicine",
    "Accredited by the American Council on Exercise",
    "Coursera Fitness Club\nCertificate of Completion",
    "Udemy Fitness Partners\nCertificate of Completion",
    "Summit Strength Coaching Academy\nCertificate of Completion",
]


@pytest.mark.parametrize(
    "text",
    NOT_THE_ISSUER,
    ids=[
        "near-miss-organisation-word",
        "near-miss-wrapped",
        "word-close-to-a-one-word-name",
        "certifiers-of-credits",
        "credit-approval-sentence",
        "venue",
        "partner",
        "programme-supporter",
        "platform-powering-a-programme",
        "with-the-support-of",
        "standards-followed",
        "host-fitting-two-societies",
        "training-center-named-after-issuer",
        "acronym-in-a-signers-affiliation",
        "near-miss-longer-name",
        "approver-in-the-credit-sentence",
        "accrediting-body",
        "one-word-name-running-into-another-organisation",
        "short-name-running-into-a-body-of-people",
        "alias-running-into-another-organisation",
    ],
)
def test_named_but_not_the_issuer(catalog: Catalog, text: str) -> None:
    assert provider_in(catalog, text) is None


PLACED = {
    "acronym-in-the-logo-line": (
        [
            PlacedLine("Sw KTPX Online ; Certification", 0, 0.05, 0.08),
            PlacedLine("This certificate is awarded to", 0, 0.3, 0.33),
            PlacedLine("Coordinator, KTPX", 0, 0.8, 0.82),
        ],
        "platform",
    ),
    "lower-case-wordmark-at-the-head": (
        [
            PlacedLine("udemy", 0, 0.02, 0.05),
            PlacedLine("CERTIFICADO DE CONCLUSÃO", 0, 0.2, 0.25),
            PlacedLine("Kettlebell Basics", 0, 0.3, 0.35),
        ],
        "video",
    ),
    "acronym-in-a-signers-affiliation-alone": (
        [
            PlacedLine("This certificate is awarded to", 0, 0.3, 0.33),
            PlacedLine("Coordinator, KTPX", 0, 0.8, 0.82),
        ],
        None,
    ),
}


@pytest.mark.parametrize(("lines", "provider_id"), PLACED.values(), ids=PLACED.keys())
def test_provider_named_where_it_sits(
    catalog: Catalog, lines: list[PlacedLine], provider_id: str | None
) -> None:
    assert provider_in(catalog, "\n".join(line.text for line in lines), lines) == provider_id


def test_the_reason_says_where_the_provider_is_named(catalog: Catalog) -> None:
    found = match_with_provider(
        catalog,
        provider_text=None,
        course_text=None,
        course_code=None,
        full_text="offered through Coursera\nVerify at coursera.org/verify/X1",
        completion_year=None,
        settings=Settings(),
    )
    assert found is not None and "issuer's phrase; named on 2 lines" in found.match.reason


@pytest.mark.parametrize(
    ("text", "title_field", "course_id"),
    [
        ("BASIC LIFE SUPPORT\nBLS\nProvider\nAmerican Heart Association", None, "H-BLS"),
        ("HeartCode Complete\nBLS Provider\nAmerican Heart Association", "BLS Provider", "H-HC"),
    ],
    ids=["title-wrapped-onto-next-line", "longer-approved-title-wins"],
)
def test_course_read_across_lines(
    catalog: Catalog, text: str, title_field: str | None, course_id: str
) -> None:
    found = match_with_provider(
        catalog,
        provider_text=None,
        course_text=title_field,
        course_code=None,
        full_text=text,
        completion_year=None,
        settings=Settings(),
    )
    assert found is not None and found.match.course_id == course_id


def test_a_name_spaced_letter_by_letter_over_two_lines(catalog: Catalog) -> None:
    assert provider_in(catalog, "C o u r s e r a\nCourse completed by Dana Lee") == "mooc"
