"""Whether a printed name differs from a catalog spelling only by OCR look-alike glyphs.

OCR confuses glyphs that look alike: a capital I and a small l ("Elements of
Al" for "Elements of AI"), the digit 0 and the letter O, "rn" and "m", "cl"
and "d", q and g. When a document is matched to a catalog entry and its
printed words are the catalog's words but for such glyphs, the catalog's
spelling is what the document says. Any other difference (a missing or extra
word, a different letter that does not look alike) is not a misreading, and
the printed text stands.
"""

from __future__ import annotations

import re

from matchers.normalize import strip_diacritics

# Glyphs (after case folding) that OCR reads for one another, folded on both sides.
_LOOKALIKES = (
    ("rn", "m"),
    ("cl", "d"),
    ("vv", "w"),
    ("0", "o"),
    ("1", "l"),
    ("i", "l"),
    ("|", "l"),
    ("5", "s"),
    ("q", "g"),
    ("c", "e"),
)
_WORD = re.compile(r"(?:[^\W_]|\|)+")


def _words(text: str) -> list[str]:
    """Case-folded words; a vertical bar inside a word is a glyph (a misread l)."""
    words = (word.strip("|") for word in _WORD.findall(strip_diacritics(text).casefold()))
    return [word for word in words if word]


def _folded(word: str) -> str:
    for seen, meant in _LOOKALIKES:
        word = word.replace(seen, meant)
    return word


def misread_of(printed: str, spelled: str) -> bool:
    """``printed`` is ``spelled`` read with look-alike glyphs, and not merely recased.

    Word for word: the same number of words, each the same once look-alike
    glyphs are folded, and at least one differing in its letters (a title in
    capitals or with other punctuation is not a misreading).
    """
    seen, meant = _words(printed), _words(spelled)
    if not seen or len(seen) != len(meant):
        return False
    if any(_folded(a) != _folded(b) for a, b in zip(seen, meant, strict=True)):
        return False
    return seen != meant


def lookalike_key(text: str) -> str:
    """``text`` as one key that OCR's look-alike glyphs, case and separators do not change
    (an id read as "AB-1O23" and "ab1023" give one key)."""
    return "".join(_folded(word) for word in _words(text))
