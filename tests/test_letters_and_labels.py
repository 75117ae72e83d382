"""Holder, course and issuer read together from wording real documents use and
the reader had not met: completion letters, labels read with their values,
issuers named before "Awarded to", and the same in other languages.
"""

from __future__ import annotations

import pytest

from extractors import fields, when
from extractors.providers import provider_name
from tests.text_pages import Row, read_page

LEGIBLE = 50.0

PAGES: list[tuple[str, list[Row], tuple[str | None, str | None, str | None]]] = [
    (
        "a completion letter: greeting, sentence and the closing's organisation",
        [
            "March 5, 2025",
            "Dana Whitfield",
            "12 Harbour Road",
            "Dear Dana,",
            "Congratulations on your successful completion of the Kettlebell Foundations course.",
            "Sincerely,",
            "Coastal Strength Lab",
        ],
        ("Dana Whitfield", "Kettlebell Foundations course", "Coastal Strength Lab"),
    ),
    (
        "a short letter greeting its reader by a given name only",
        [
            "Dear Dana,",
            "Congratulations on successfully completing the Mobility Basics course on March 4.",
            "Kind regards,",
            "Harbour Movement Institute",
        ],
        (None, "Mobility Basics course", "Harbour Movement Institute"),
    ),
    (
        "the label read with the course",
        [
            ("CERTIFICATE OF COMPLETION", 2.0),
            "This certifies that",
            ("Dana Whitfield", 1.6),
            "has successfully completed",
            "Certificate: Basic Life Support-BLS",
            "Date: 03/04/2025",
        ],
        ("Dana Whitfield", "Basic Life Support-BLS", None),
    ),
    (
        "French 'a suivi la formation'",
        [
            ("ATTESTATION DE FORMATION", 2.0),
            "Nous certifions que",
            ("Marie Dubois", 1.6),
            "a suivi la formation",
            ("Préparation Physique Générale", 1.4),
            "Fait à Lyon, le 14 mars 2025",
            "Institut Sport Santé",
        ],
        ("Marie Dubois", "Préparation Physique Générale", "Institut Sport Santé"),
    ),
    (
        "a German issuer named in one compound word",
        [
            ("TEILNAHMEBESCHEINIGUNG", 2.0),
            "Hiermit wird bestätigt, dass",
            ("Anna Schmidt", 1.6),
            "am Kurs",
            ("Funktionelles Training", 1.4),
            "teilgenommen hat.",
            "Berlin, 14.03.2025",
            "Sportakademie Berlin",
        ],
        ("Anna Schmidt", "Funktionelles Training", "Sportakademie Berlin"),
    ),
    (
        "a line naming the instructors is not the caption of the title above it",
        [
            "CERTIFICATE OF COMPLETION",
            ("Functional Movement for Older Adults", 2.0),
            "Instructors Lee Wong, Sam Park",
            ("Dana Whitfield", 1.6),
            "Date March 14, 2025",
            "Length 6.5 total hours",
        ],
        ("Dana Whitfield", "Functional Movement for Older Adults", None),
    ),
    (
        "a badge: 'Issued by' over 'Issued to'",
        [
            ("Kettlebell Instructor Level 1", 1.8),
            "Issued by Harbour Strength Institute",
            "Issued to Dana Whitfield",
            "Issue date: 14 Mar 2025",
        ],
        ("Dana Whitfield", "Kettlebell Instructor Level 1", "Harbour Strength Institute"),
    ),
    (
        "the web address set under the issuer's name is not part of it",
        [
            ("Certificate of Attendance", 2.0),
            "This is to certify that",
            ("Dana Whitfield", 1.6),
            "attended",
            ("Exercise Referral Level 3", 1.5),
            "Harbour Training Ltd",
            "www.harbourtraining.org",
        ],
        ("Dana Whitfield", "Exercise Referral Level 3", "Harbour Training Ltd"),
    ),
    (
        "the issuer's name above 'Awarded to'",
        [("Coastal Strength Lab", 1.4), "Awarded to", ("Dana Whitfield", 1.8), "4 March 2025"],
        ("Dana Whitfield", None, "Coastal Strength Lab"),
    ),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in PAGES], ids=[c[0] for c in PAGES])
def test_holder_course_and_issuer(
    rows: list[Row], expected: tuple[str | None, str | None, str | None]
) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled, legible_at=LEGIBLE)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    issuer = provider_name(index, labeled, holder, title)
    read = tuple(str(f.value) if f else None for f in (holder, title, issuer))
    assert read == expected


DATED: list[tuple[str, list[Row], tuple[str | None, str | None]]] = [
    (
        "an Italian birth date is not the completion",
        [
            "Si attesta che",
            ("Marta Rossi", 1.6),
            "nata a Roma il 02/11/1990",
            "ha partecipato al corso Primo Soccorso",
            "svoltosi il 14/03/2025",
        ],
        ("2025-03-14", "Primo Soccorso"),
    ),
    (
        "a Spanish title stops before 'el día'",
        [
            "Se certifica que",
            ("Marta Ruiz", 1.6),
            "ha completado el curso RCP Básica",
            "el día 14 de marzo de 2025",
        ],
        ("2025-03-14", "RCP Básica"),
    ),
    (
        "'Completed' before a date labels the date: an app's buttons are no course",
        [
            "9:41 5G 87%",
            "< Back My Certificates",
            ("Strength Basics", 1.6),
            "Dana Whitfield",
            "Completed Mar 14, 2025",
            "Share Download",
        ],
        ("2025-03-14", "Strength Basics"),
    ),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in DATED], ids=[c[0] for c in DATED])
def test_completion_date_and_course(
    rows: list[Row], expected: tuple[str | None, str | None]
) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled, legible_at=LEGIBLE)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    date = when.completion_date(index, labeled)
    read = tuple(str(f.value) if f else None for f in (date, title))
    assert read == expected
