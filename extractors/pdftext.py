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
        raw_words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        images = page.images
    except Exception:
        return LayerPage(width, height, (), 0.0, 0, 0.0)
    words = [_to_word(w, width, height) for w in raw_words if w["text"].strip()]
    text = " ".join(w.text for w in words)
    return LayerPage(
        width=width,
        height=height,
        lines=group_lines(words) if words else (),
        quality=text_quality(text),
        char_count=len(text.replace(" ", "")),
        image_coverage=_image_coverage(images, width, height),
    )


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
    """Share of characters in plausible words.

    Fonts without a Unicode map come out as ``(cid:12)`` runs, private-use
    glyphs, control characters or letter soup without vowels; a person could
    not read them, so neither can the field extractor.
    """
    if not text.strip():
        return 0.0
    cleaned = _CID.sub("\x00", text)
    tokens = cleaned.split()
    good = 0
    for token in tokens:
        if _is_plausible_token(token):
            good += len(token)
    total = sum(len(t) for t in tokens)
    return good / total if total else 0.0


def _is_plausible_token(token: str) -> bool:
    if "\x00" in token or not _WORDLIKE.match(token):
        return False
    if any(unicodedata.category(c) in ("Co", "Cc", "Cn") for c in token):
        return False
    letters = [c for c in token.lower() if c.isalpha()]
    return not (len(letters) >= 4 and not any(c in "aeiouy" for c in letters))
