"""How much of a document was read legibly, and in which script.

The kind of a document is told from its wording; when OCR of a script it was
not given (Arabic, Devanagari, ...) produces letters at low confidence, or the
page is in a script whose wording the cues do not know, the wording says
nothing and the kind is left unknown rather than guessed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from ingest.model import DocumentText, Word


@dataclass(frozen=True, slots=True)
class Legibility:
    letters: int  # letters in words of two letters or more
    confident_share: float  # share of those letters in words read at confidence
    latin_share: float  # share of those letters in the Latin script
    main_script: str  # the script most letters are written in ("LATIN", "ARABIC", ...)
    legible_lines: int = 0  # lines whose words were read at confidence: a screenshot's
    # ten clear lines count even where the rest of the page is a blur


def _script(letter: str) -> str:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" is Arabic)."""
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def legibility(document: DocumentText, confident_at: float) -> Legibility:
    """Letters read, and the shares of them read at ``confident_at`` (0-100) or in Latin."""
    lines = [line for page in document.pages for line in page.lines]
    words = [w for line in lines for w in line.words]
    found = legibility_of_words(words, confident_at)
    clear = sum(1 for line in lines if _legible_line(line.words, confident_at))
    return replace(found, legible_lines=clear)


def _legible_line(words: tuple[Word, ...], confident_at: float) -> bool:
    """Three or more words of two letters or more, all read at ``confident_at``."""
    lettered = [w for w in words if sum(c.isalpha() for c in w.text) >= 2]
    return len(lettered) >= 3 and all(w.confidence >= confident_at for w in lettered)


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
