"""Which pages are read again in their own language, and what is kept of a page
in a script that is not read."""

from __future__ import annotations

import pytest

from extractors.scripts import legible_latin, second_language, unread_script
from ingest.model import Box, Line, Word
from ingest.settings import Settings

LANGUAGES = Settings().ocr_second_languages


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Certificat de fin de formation Ce document atteste que Marie Dubois a validé "
            "4,5 total heures du cours en ligne le 3 juin 2024",
            "fra",
        ),
        (
            "Attestation délivrée le lundi 14 mars 2025 à Pour avoir suivi avec succès "
            "la formation",
            "fra",
        ),
        (
            "Se otorga el presente certificado a Ana López por haber realizado el curso "
            "de primeros auxilios con una duración de 8 horas",
            "spa",
        ),
        (
            "This certifies that Dana Lee has completed 0.2 CE credits on 5/17/2028 at "
            "10:00 EST for the course Nutrition and Exercise",
            None,
        ),
        ("Canadian Red Cross Croix-Rouge canadienne Basic Life Support Issued in: ON", None),
        (
            "Si attesta che Giulia Ferri ha partecipato al corso di formazione sulla "
            "sicurezza nei luoghi di lavoro della durata di 8 ore",
            "ita",
        ),
        (
            "Certificamos que Ana Souza concluiu o curso de Primeiros Socorros com carga "
            "horária de 20 horas",
            "por",
        ),
        (
            "Hiermit wird bescheinigt, dass Jonas Weber an der Fortbildung Funktionelles "
            "Training mit Erfolg teilgenommen hat",
            "deu",
        ),
        (
            "Sertifikat ini diberikan kepada Budi Santoso atas keberhasilan menyelesaikan "
            "pelatihan keselamatan kerja selama 32 jam",
            "ind",
        ),
    ],
    ids=[
        "french-udemy-sentence",
        "french-attestation",
        "spanish-certificate",
        "english",
        "bilingual-seal",
        "italian-attestato",
        "portuguese-certificado",
        "german-bescheinigung",
        "indonesian-sertifikat",
    ],
)
def test_page_language_is_identified(text: str, language: str | None) -> None:
    assert second_language(text, LANGUAGES) == language


@pytest.mark.parametrize(
    ("script", "confidence", "unread"),
    [
        ("Arabic", 13.2, "Arabic"),
        ("Arabic", 5.56, "Arabic"),
        ("Cyrillic", 2.0, ""),
        ("Latin", 9.0, ""),
    ],
    ids=["arabic-scan", "arabic-print", "latin-page-guessed-cyrillic", "latin"],
)
def test_a_script_not_read_is_named_only_when_tesseract_is_sure(
    script: str, confidence: float, unread: str
) -> None:
    assert unread_script(script, confidence, Settings()) == unread


def line(*words: tuple[str, float]) -> Line:
    return Line(words=tuple(Word(text, Box(0, 0, 0.1, 0.1), conf) for text, conf in words))


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        ((line(("Layla", 92), ("Haddad", 91), ("Nour", 92)),), ["Layla Haddad Nour"]),
        (
            (line(("9f1c2ab47d0e4b6c8a5e3d21f0b7c964", 90), ("Ee", 40)),),
            ["9f1c2ab47d0e4b6c8a5e3d21f0b7c964"],
        ),
        ((line(("orsl", 40), ("QWV", 80), ("@fuoll", 30), ("pilo", 45)),), []),
        ((line(("gi", 87), ("go", 91)),), []),
    ],
    ids=[
        "latin-name",
        "verification-code",
        "one-confident-fragment-in-gibberish",
        "two-letter-fragments",
    ],
)
def test_only_legible_latin_is_kept_of_a_foreign_script(
    lines: tuple[Line, ...], kept: list[str]
) -> None:
    assert [kept_line.text for kept_line in legible_latin(lines)] == kept
