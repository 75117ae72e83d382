"""The PDF text layer through pdfplumber, with word boxes, and a judgement of
whether that layer is real text or garbage that OCR must replace."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from extractors.layout import group_lines
from ingest.errors import CorruptFile
from ingest.model import Box, Line, Word

_CID = re.compile(r"\(cid:\d+\)")
_WORDLIKE = re.compile(r"^[\w.,:;'’\"()/&%$#@+\-–—!?*]+$")


@dataclass(frozen=True, slots=True)
class LayerPage:
    width: float
    height: float
    lines: tuple[Line, ...]
    quality: float  # 0..1: share of the text that reads as real words
    char_count: int
    image_coverage: float  # share of the page area covered by images


def read_text_layer(path: Path) -> list[LayerPage]:
    """Every page's text layer; pages without one come back empty."""
    try:
        with pdfplumber.open(path) as pdf:
            return [_read_page(page) for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise CorruptFile(
            "The PDF's structure is damaged. Export or download it again and upload it."
        ) from e


def _read_page(page: pdfplumber.page.Page) -> LayerPage:
    width, height = float(page.width), float(page.height)
    try:
        raw_words = _page_words(page)
        images = page.images
    except Exception:
        return LayerPage(width, height, (), 0.0, 0, 0.0)
    words = [_to_word(w, width, height) for w in raw_words if w["text"].strip()]
    text = " ".join(w.text for w in words)
    return LayerPage(
        width=width,
        height=height,
        lines=group_lines(words, aspect=width / height if height else 1.0) if words else (),
        quality=text_quality(text),
        char_count=len(text.replace(" ", "")),
        image_coverage=_image_coverage(images, width, height),
    )


def _page_words(page: pdfplumber.page.Page) -> list[dict]:
    """Words as a reader sees them, also where letters are spaced apart.

    Letter-spaced headings ("C E R T I F I C A T E") and jittered kerning put
    gaps inside words that pdfplumber's fixed 3-point tolerance cuts. A wider
    tolerance (most of an em) mends them, and is safe on a line where the PDF
    draws its spaces (they still end words) or where the narrow reading is
    mostly single letters; elsewhere the narrow reading stands, so two words
    set close without a space are not glued together.
    """
    narrow = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not any(len(w["text"]) == 1 for w in narrow):
        return narrow
    wide = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance_ratio=0.8)
    spaced_rows = {round(c["top"] / 2) for c in page.chars if c.get("text") == " "}
    words: list[dict] = []
    for word in wide:
        parts = [
            n
            for n in narrow
            if abs(n["top"] - word["top"]) < 2 and word["x0"] - 0.1 <= n["x0"] < word["x1"]
        ]
        singles = sum(1 for n in parts if len(n["text"]) == 1)
        row_has_spaces = round(word["top"] / 2) in spaced_rows
        if len(parts) <= 1 or row_has_spaces or singles * 2 >= len(parts):
            words.append(word)
        else:
            words.extend(parts)
    return words


def _to_word(raw: dict, width: float, height: float) -> Word:
    box = Box(
        max(0.0, raw["x0"] / width),
        max(0.0, raw["top"] / height),
        min(1.0, raw["x1"] / width),
        min(1.0, raw["bottom"] / height),
    )
    return Word(text=unicodedata.normalize("NFC", raw["text"]), box=box, confidence=100.0)


def _image_coverage(images: list[dict], width: float, height: float) -> float:
    area = sum(
        max(0.0, float(i["x1"]) - float(i["x0"])) * max(0.0, float(i["bottom"]) - float(i["top"]))
        for i in images
    )
    return min(1.0, area / (width * height)) if width and height else 0.0


def text_quality(text: str) -> float:
    """Share of characters that are letters or digits of plausible words.

    Fonts without a Unicode map come out as ``(cid:12)`` runs, private-use
    glyphs, control characters, punctuation soup (``"7+%-``) or letter soup
    without vowels; a person could not read them, so neither can the field
    extractor. Ordinary prose scores about 0.95 (its punctuation is the rest).
    """
    if not text.strip():
        return 0.0
    cleaned = _CID.sub("\x00", text)
    tokens = cleaned.split()
    good = sum(sum(c.isalnum() for c in t) for t in tokens if _is_plausible_token(t))
    total = sum(len(t) for t in tokens)
    return good / total if total else 0.0


def _is_plausible_token(token: str) -> bool:
    if "\x00" in token or not _WORDLIKE.match(token):
        return False
    if any(unicodedata.category(c) in ("Co", "Cc", "Cn") for c in token):
        return False
    letters = [c for c in token.lower() if c.isalpha()]
    return not (len(letters) >= 4 and not any(c in "aeiouy" for c in letters))
