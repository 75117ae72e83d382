"""The kind decided after reading: pages whose wording misses the cue phrases keep
their fields and are judged from them; a card's back keeps no front fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from extractors.classify import classify
from extractors.legibility import Legibility, legibility
from ingest.model import Box, DocumentText, FileKind, Line, PageText, TextSource, TriageResult, Word
from ingest.record import CardSide, DocumentRecord, DocumentType
from ingest.settings import Settings
from pipeline.understand import understand
from tests.text_pages import stacked_document


def _understood(*rows: str) -> DocumentRecord:
    document: DocumentText = stacked_document(rows, top=0.1, step=0.06, height=0.03)
    return understand(document, Settings(), catalog=None, as_of=dt.date(2029, 5, 1))


# Made-up documents written the ways real ones are, none with a certificate's cue phrase.
NO_CUE_PHRASE = {
    "awarded to, no 'certificate'": (
        (
            "Northfield Movement Institute",
            "Awarded to",
            "Priya Raman",
            "Mobility for Older Adults",
            "June 3, 2029",
        ),
        DocumentType.CEU_CERTIFICATE,
    ),
    "congratulations letter": (
        (
            "Harbor Valley College",
            "Dear Marcus Oyelaran,",
            "Congratulations on finishing Kettlebell Coaching Fundamentals.",
            "Date: 14 March 2029",
            "Harbor Valley College",
        ),
        DocumentType.CEU_CERTIFICATE,
    ),
    "first aid page in plain words": (
        (
            "Lakeside Rescue Academy",
            "Name: Tomasz Wielgus",
            "Course: Adult CPR AED and First Aid",
            "Date: 02/11/2029",
        ),
        DocumentType.CPR_AED_CARD,
    ),
    "card naming its course by initialism, surname over given name": (
        (
            "Esecutore BLSD",
            "ATTESTATO N: 20240000031877",
            "ROSSI",
            "GIULIA",
            "DATA CORSO: 14/03/2027",
        ),
        DocumentType.CPR_AED_CARD,
    ),
    "the initialism run into the word before it": (
        ("OperatoreBLSD", "ROSSI", "GIULIA", "DATA CORSO: 14/03/2027"),
        DocumentType.CPR_AED_CARD,
    ),
}


@pytest.mark.parametrize(("rows", "kind"), NO_CUE_PHRASE.values(), ids=NO_CUE_PHRASE.keys())
def test_kind_from_the_fields_read(rows: tuple[str, ...], kind: DocumentType) -> None:
    assert _understood(*rows).document_type is kind


@pytest.mark.parametrize(
    "rows", [rows for rows, _ in NO_CUE_PHRASE.values()], ids=NO_CUE_PHRASE.keys()
)
def test_fields_read_whatever_the_wording(rows: tuple[str, ...]) -> None:
    assert _understood(*rows).fields.holder_name is not None


def test_nothing_found_stays_unknown() -> None:
    record = _understood("Lorem ipsum dolor sit amet", "consectetur adipiscing elit")
    assert record.document_type is DocumentType.UNKNOWN


def test_kind_reason_says_it_came_from_the_fields() -> None:
    rows = NO_CUE_PHRASE["awarded to, no 'certificate'"][0]
    assert "from its fields" in str(_understood(*rows).evidence["document_type"].reason)


CARD_BACK = (
    "Training Center: Riverside Safety Training",
    "Instructor: Helen Okafor",
    "Instructor ID: 04417",
    "Holder's signature",
    "To verify this eCard, scan the QR code",
    "CPR AED eCard",
)


def test_card_back_keeps_no_holder() -> None:
    record = _understood(*CARD_BACK)
    assert (record.card_side, record.fields.holder_name) == (CardSide.BACK, None)


# Made-up certificates as they are written in other Latin-script languages.
OTHER_LANGUAGES = {
    "italian attestato": (
        (
            "ATTESTATO DI PARTECIPAZIONE",
            "Si attesta che",
            "Giulia Ferri",
            "ha partecipato al corso",
            "Allenamento funzionale per over 65",
            "della durata di 8 ore",
            "Milano, 12 marzo 2029",
        ),
        "Allenamento funzionale per over 65",
    ),
    "portuguese certificado": (
        (
            "CERTIFICADO DE CONCLUSÃO",
            "Certificamos que Ana Souza concluiu o curso",
            "Nutrição Esportiva Aplicada",
            "com carga horária de 20 horas, em 5 de abril de 2029",
        ),
        "Nutrição Esportiva Aplicada",
    ),
    "indonesian sertifikat": (
        (
            "SERTIFIKAT PELATIHAN",
            "Diberikan kepada",
            "Budi Santoso",
            "telah mengikuti pelatihan",
            "Dasar-Dasar Kebugaran Jasmani",
            "Jakarta, 20 Januari 2029",
        ),
        "Dasar-Dasar Kebugaran Jasmani",
    ),
}


@pytest.mark.parametrize(("rows", "title"), OTHER_LANGUAGES.values(), ids=OTHER_LANGUAGES.keys())
def test_course_read_in_other_languages(rows: tuple[str, ...], title: str) -> None:
    assert _understood(*rows).fields.course_title == title


@pytest.mark.parametrize(
    "rows", [r for r, _ in OTHER_LANGUAGES.values()], ids=OTHER_LANGUAGES.keys()
)
def test_certificates_in_other_languages_are_certificates(rows: tuple[str, ...]) -> None:
    assert _understood(*rows).document_type is DocumentType.CEU_CERTIFICATE


CREDENTIALS = {
    "certification exam passed": (
        "Northfield Strength Association",
        "This is to certify that",
        "Priya Raman",
        "has successfully passed the Northfield Strength Association exam",
        "CERTIFIED STRENGTH COACH",
        "Issue Date 03-01-2029",
    ),
    "diploma": (
        "DIPLOMA IN SPORTS MASSAGE",
        "This is to certify that",
        "Marcus Oyelaran",
        "has passed the final examination of the Harbor Valley Board",
        "Dated 12.04.2029",
    ),
}


@pytest.mark.parametrize("rows", CREDENTIALS.values(), ids=CREDENTIALS.keys())
def test_a_credential_conferred_by_exam_is_no_course(rows: tuple[str, ...]) -> None:
    assert _understood(*rows).document_type is DocumentType.OTHER


def _screenshot(clear_lines: int) -> Legibility:
    """A page of blurred words (confidence 30) with ``clear_lines`` lines read at 95."""
    blurred = [Word("blurred", Box(0.1, 0.1, 0.2, 0.12), 30.0)] * 120
    lines = [Line(words=tuple(blurred[:6]))] * 20 + [
        Line(
            words=tuple(
                Word(w, Box(0.1, 0.5, 0.2, 0.52), 95.0) for w in ["Dana", "Lee", "completed"]
            )
        )
    ] * clear_lines
    page = PageText(0, 600.0, 800.0, TextSource.OCR, tuple(lines))
    triage = TriageResult(FileKind.PNG, "0" * 64, 0, 1, "image/png")
    return legibility(DocumentText(triage=triage, pages=(page,)), 80.0)


@pytest.mark.parametrize(("clear", "judged"), [(2, False), (8, True)], ids=["blur", "clear-lines"])
def test_legibility_is_judged_by_line(clear: int, judged: bool) -> None:
    verdict = classify("x", Settings(), legibility=_screenshot(clear))
    assert ("kind not judged" not in verdict.reason) is judged


def test_full_page_cpr_certificate_is_the_whole_card() -> None:
    record = _understood(
        "CERTIFICATE OF ACHIEVEMENT",
        "Rosa Delgado",
        "ADULT CPR/AED + FIRST AID",
        "Brightline Rescue hereby issues this qualification",
        "07/20/2028 - 07/20/2030",
    )
    assert record.card_side is CardSide.BOTH


def test_a_name_set_one_word_a_line_is_one_name() -> None:
    rows = NO_CUE_PHRASE["card naming its course by initialism, surname over given name"][0]
    assert _understood(*rows).fields.holder_name == "ROSSI GIULIA"


def test_a_cards_printed_course_length_is_kept() -> None:
    rows = (*NO_CUE_PHRASE["first aid page in plain words"][0], "Course length: 4 hours")
    assert _understood(*rows).fields.contact_hours == 4.0


def test_a_wallet_cards_face_showing_its_holder_is_its_front() -> None:
    rows = NO_CUE_PHRASE["card naming its course by initialism, surname over given name"][0]
    document = stacked_document(rows, top=0.1, step=0.12, height=0.06)
    card = replace(document, pages=(replace(document.pages[0], width=340.0, height=214.0),))
    record = understand(card, Settings(), catalog=None, as_of=dt.date(2029, 5, 1))
    assert (record.document_type, record.card_side) == (DocumentType.CPR_AED_CARD, CardSide.FRONT)
