"""Issuers printed only as a logo, read from the name their own web address spells;
and the labels of a host, found with the public suffix list."""

from __future__ import annotations

import pytest

from extractors import fields
from extractors.providers import provider_name
from ingest.webaddress import host_labels, hosts_in, registrable_name
from tests.text_pages import Row, read_page

LEGIBLE = 50.0

PAGES: list[tuple[str, list[Row], str | None]] = [
    (
        "a logo's words read apart, its verify link spelling them",
        [
            ("HARBOR", 1.2),
            ("LEARNWORKS", 1.2),
            ("Certificate Of Excellence", 2.0),
            "is awarded to",
            ("Priya Raman", 1.6),
            "for successfully completing the course",
            ("Introduction to Rust", 1.4),
            "HARBOR LEARNWORKS",
            "certificate.harborlearnworks.com/verify/9f3e2d1c0b",
        ],
        "HARBOR LEARNWORKS",
    ),
    (
        "a founder's title in French, the web address after it",
        [
            "Attestation délivrée le lundi 3 mars 2025 à",
            ("Léa Martin", 1.6),
            "Pour avoir complété avec succès la formation",
            ("Analyse de données", 1.4),
            "Vérifier mon attestation sur http://www.savoirlibre.fr/verifier",
            "Claire Dupont, Fondatrice de Savoirlibre",
        ],
        "Savoirlibre",
    ),
    (
        "an organisation whose initials the e-mail address gives",
        [
            ("CERTIFICATE", 2.0),
            "Presented to",
            ("Tomas Lindqvist", 1.6),
            "for completing",
            ("Workplace Ergonomics", 1.4),
            "Nordic Ergonomics Society, 12 Harbour Road",
            "Questions: office@nes.se",
        ],
        "Nordic Ergonomics Society",
    ),
    (
        "a credential platform's link names no issuer",
        [
            ("CERTIFICATE", 2.0),
            "Presented to",
            ("Tomas Lindqvist", 1.6),
            "for completing",
            ("Workplace Ergonomics", 1.4),
            "Verify at https://www.credly.com/badges/abc",
            "Credly",
        ],
        None,
    ),
    (
        "the holder's own e-mail address is not the issuer's",
        [
            ("CERTIFICATE", 2.0),
            "Presented to",
            ("Tomas Lindqvist", 1.6),
            "tomas@lindqvist.se",
            "for completing",
            ("Workplace Ergonomics", 1.4),
        ],
        None,
    ),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in PAGES], ids=[c[0] for c in PAGES])
def test_issuer_from_its_address(rows: list[Row], expected: str | None) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled, legible_at=LEGIBLE)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    issuer = provider_name(index, labeled, holder, title)
    assert (str(issuer.value) if issuer else None) == expected


HOSTS = [
    ("ecards.heart.org", (["ecards", "heart"], "ecardsheartorg")),
    ("www.example.co.uk", (["example"], "examplecouk")),
    ("portal.health.gov.np", (["portal", "health"], "portalhealthgovnp")),
    ("learn.strongpoint.academy", (["learn", "strongpoint"], "learnstrongpointacademy")),
    ("ude.my", ([], "udemy")),
    ("notes.txt_final", ([], "")),
]


@pytest.mark.parametrize(("host", "expected"), HOSTS, ids=[h for h, _ in HOSTS])
def test_host_labels(host: str, expected: tuple[list[str], str]) -> None:
    assert host_labels(host) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("verify at certificate.example.com/abc", [("certificate.example.com", True)]),
        ("write to help@example.org", [("example.org", True)]),
        ("see www.example.training", [("www.example.training", True)]),
        ("the course.The end", []),
    ],
    ids=["a verify link", "an e-mail address", "a newer top-level domain", "glued words"],
)
def test_hosts_in_text(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(h.host, h.address_shaped) for h in hosts_in(text)] == expected


def test_registrable_name_skips_the_subdomain() -> None:
    assert registrable_name("certificate.harborlearnworks.com") == "harborlearnworks"
