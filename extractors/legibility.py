"""How much of a document was read legibly, and in which script.

The kind of a document is told from its wording; when OCR of a script it was
not given (Arabic, Devanagari, ...) produces letters at low confidence, or the
page is in a script whose wording the cues do not know, the wording says
nothing and the kind is left unknown rather than guessed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from ingest.model import DocumentText, Word


@dataclass(frozen=True, slots=True)
class Legibility:
    letters: int  # letters in words of two letters or more
    confident_share: float  # share of those letters in words read at confidence
    latin_share: float  # share of those letters in the Latin script
    main_script: str  # the script most letters are written in ("LATIN", "ARABIC", ...)


def _script(letter: str) -> str:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" is Arabic)."""
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def legibility(document: DocumentText, confident_at: float) -> Legibility:
    """Letters read, and the shares of them read at ``confident_at`` (0-100) or in Latin."""
    words = [w for page in document.pages for line in page.lines for w in line.words]
    return legibility_of_words(words, confident_at)


def legibility_of_words(words: list[Word], confident_at: float) -> Legibility:
    letters = 0
    confident = 0
    scripts: Counter[str] = Counter()
    for word in words:
        alpha = [c for c in word.text if c.isalpha()]
        if len(alpha) < 2:
            continue
        letters += len(alpha)
        if word.confidence >= confident_at:
            confident += len(alpha)
        scripts.update(_script(c) for c in alpha)
    if not letters:
        return Legibility(0, 0.0, 0.0, "UNKNOWN")
    return Legibility(
        letters=letters,
        confident_share=confident / letters,
        latin_share=scripts["LATIN"] / letters,
        main_script=scripts.most_common(1)[0][0],
    )
