"""Writing systems and languages: what tesseract is asked to read a page in.

Tesseract's orientation detection also names the page's script. A page in a
script we have no language data for (Arabic, Devanagari, Cyrillic, ...) comes
out of an English read as confident-looking Latin gibberish that would become
wrong field values; only the legible Latin on it (a name, a verification code
printed in Latin letters) is kept.

Pages in other Latin-script languages (French, Spanish, Italian, Portuguese,
German, Dutch, Indonesian) read well enough with English data for a language
identifier (py3langid) to tell their language; they are then read again with
their own language data added, which restores accents and lifts confidence (a second pass costs a
page's OCR time again, so it is paid only there: English data alone read
French pages with their accents mostly right, and adding both languages to
every page cost 30-70% more time on English ones).
"""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ingest.model import Line
from ingest.settings import Settings

LEGIBLE_CONFIDENCE = 80.0  # an English read of another script reaches 83 on gibberish
LEGIBLE_MIN_CHARS = 3

# Tesseract's language data by the ISO 639-1 code the language identifier gives.
TESSERACT_LANGUAGE = {
    "fr": "fra",
    "es": "spa",
    "it": "ita",
    "pt": "por",
    "de": "deu",
    "nl": "nld",
    "id": "ind",
    "en": "eng",
}
# The languages pages are read in besides English; where each is spoken, dates
# are written day first (extractors.dateorder).
DAY_FIRST_LANGUAGES = ("fra", "spa", "ita", "por", "deu", "nld", "ind")
_WORD = re.compile(r"[^\W\d_]+")
LANGUAGE_MIN_WORDS = 8  # words on the page before its language is judged
LANGUAGE_MIN_PROBABILITY = 0.9  # the identifier's probability before a second read


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
    """The language among ``languages`` (tesseract's codes) that the text is
    written in, by py3langid over the page's words, when it is clearly one of
    them; None for English, mixed or too little text."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if len(words) < LANGUAGE_MIN_WORDS:
        return None
    code, probability = _identifier(tuple(sorted(languages))).classify(" ".join(words))
    language = TESSERACT_LANGUAGE.get(code)
    sure = probability >= LANGUAGE_MIN_PROBABILITY
    return language if sure and language in languages else None


@cache
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """py3langid's model (loaded once a process: about a second) narrowed to English
    and the languages a page may be read in."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    codes = [code for code, language in TESSERACT_LANGUAGE.items() if language in languages]
    identifier.set_languages([*codes, "en"])
    return identifier


def warm_up(languages: tuple[str, ...]) -> None:
    """Load the identifier before a process forks its per-document children."""
    _identifier(tuple(sorted(languages)))
