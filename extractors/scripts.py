"""Writing systems and languages: what tesseract is asked to read a page in.

Tesseract's orientation detection also names the page's script. A page in a
script we have no language data for (Arabic, Devanagari, Cyrillic, ...) comes
out of an English read as confident-looking Latin gibberish that would become
wrong field values; only the legible Latin on it (a name, a verification code
printed in Latin letters) is kept.

French and Spanish pages read well enough with English data to be recognised
by their small words; they are then read again with their own language data
added, which restores accents and lifts confidence (a second pass costs a
page's OCR time again, so it is paid only there: English data alone read
French pages with their accents mostly right, and adding both languages to
every page cost 30-70% more time on English ones).
"""

from __future__ import annotations

import re

from ingest.model import Line
from ingest.settings import Settings

LEGIBLE_CONFIDENCE = 80.0  # an English read of another script reaches 83 on gibberish
LEGIBLE_MIN_CHARS = 3

# Words only one of the languages uses: none is an English word or an abbreviation
# certificates use ("CE", "EST" and "es" are left out for that reason).
_LANGUAGE_WORDS = {
    "fra": frozenset(
        [
            "le",
            "les",
            "des",
            "du",
            "et",
            "pour",
            "avec",
            "une",
            "aux",
            "sur",
            "dans",
            "été",
            "cette",
            "qui",
            "délivrée",
            "attestation",
            "formation",
            "heures",
            "validé",
        ]
    ),
    "spa": frozenset(
        [
            "el",
            "los",
            "las",
            "del",
            "para",
            "con",
            "por",
            "una",
            "este",
            "esta",
            "sido",
            "horas",
            "curso",
            "certificado",
            "otorga",
            "realizado",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
LANGUAGE_MIN_WORDS = 3  # distinct words of the language before a second read
LANGUAGE_MIN_SHARE = 0.05  # of the page's words


def unread_script(script: str, confidence: float, settings: Settings) -> str:
    """The script's name when tesseract is sure the page is written in a script
    outside ``ocr_scripts``; "" otherwise (Latin pages get guesses like Cyrillic
    or Arabic at confidence 2 or less, real Arabic pages 5.5 and 13)."""
    sure = confidence >= settings.ocr_script_min_confidence
    return script if script and script not in settings.ocr_scripts and sure else ""


def legible_latin(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """The words of a page in a foreign script that read as Latin text: confident
    words of three or more letters or digits, on lines mostly made of them (a
    foreign line read as Latin yields one confident fragment among gibberish)."""
    kept: list[Line] = []
    for line in lines:
        legible = tuple(w for w in line.words if _legible(w.text, w.confidence))
        if legible and 2 * len(legible) >= len(line.words):
            kept.append(Line(words=legible))
    return tuple(kept)


def _legible(text: str, confidence: float) -> bool:
    return (
        confidence >= LEGIBLE_CONFIDENCE
        and sum(c.isascii() and c.isalnum() for c in text) >= LEGIBLE_MIN_CHARS
    )


def second_language(text: str, languages: tuple[str, ...]) -> str | None:
    """The language among ``languages`` that the text is written in, from its
    small words, when there is clearly one; None for English and mixed text."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    found = {
        language: len(set(words) & _LANGUAGE_WORDS[language])
        for language in languages
        if language in _LANGUAGE_WORDS
    }
    best = max(found, key=lambda language: found[language], default=None)
    if best is None or found[best] < LANGUAGE_MIN_WORDS:
        return None
    share = sum(w in _LANGUAGE_WORDS[best] for w in words) / len(words)
    others = [count for language, count in found.items() if language != best]
    return best if share >= LANGUAGE_MIN_SHARE and found[best] > max(others, default=0) else None
