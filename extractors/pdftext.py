"""The PDF text layer, with word boxes, and a judgement of whether that layer
is real text or garbage that OCR must replace.

The layer is read through pdfium's text page (pypdfium2), not pdfminer: on a
certificate with a drawn seal pdfminer spent 0.41 s parsing the vector art,
pdfium 0.03 s; pdfium also joins letter-spaced headings ("C E R T I F I C A T E")
and text set along a circle into words. Boxes are given on the page as its text
reads upright: a page stored sideways (``/Rotate``, or text drawn turned) comes
back turned, with ``rotation`` saying by how much.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.layout import group_lines
from ingest.errors import CorruptFile
from ingest.model import Box, Line, Word
from ingest.pdfium_guard import PDFIUM_LOCK

_WORDLIKE = re.compile(r"^[\w.,:;'’\"()/&%$#@+\-–—!?*|]+$")


@dataclass(frozen=True, slots=True)
class LayerPage:
    width: float  # of the upright page, in points
    height: float
    lines: tuple[Line, ...]
    quality: float  # 0..1: share of the text that reads as real words
    char_count: int
    image_coverage: float  # share of the page area covered by images
    rotation: int = 0  # clockwise quarter turn from the page as displayed to upright


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    box: tuple[float, float, float, float]  # left, bottom, right, top in PDF space
    quarter: int  # text direction in quarter turns counter-clockwise from left-to-right


def read_text_layer(path: Path) -> list[LayerPage]:
    """Every page's text layer; pages without one come back empty."""
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            raise CorruptFile(
                "The PDF's structure is damaged. Export or download it again and upload it."
            ) from e
        try:
            return [_read_page(pdf[index]) for index in range(len(pdf))]
        finally:
            pdf.close()


def _read_page(page: pdfium.PdfPage) -> LayerPage:
    left, bottom, right, top = page.get_cropbox()  # what is shown and rendered
    width, height = right - left, top - bottom
    coverage = _image_coverage(page, width * height)
    try:
        chars = _chars(page.get_textpage(), left, bottom)
    except pdfium.PdfiumError:
        return LayerPage(width, height, (), 0.0, 0, coverage)
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return LayerPage(width, height, (), 0.0, 0, coverage)
    quarter = Counter(c.quarter for c in visible).most_common(1)[0][0]
    upright_w, upright_h = (height, width) if quarter % 2 else (width, height)
    words = [_upright_word(text, box, quarter, width, height) for text, box in _words(chars)]
    text = " ".join(w.text for w in words)
    return LayerPage(
        width=upright_w,
        height=upright_h,
        lines=group_lines(words, aspect=upright_w / upright_h if upright_h else 1.0),
        quality=text_quality(text),
        char_count=len(text.replace(" ", "")),
        image_coverage=coverage,
        rotation=(90 * quarter - page.get_rotation()) % 360,
    )


def _chars(textpage: pdfium.PdfTextPage, left: float, bottom: float) -> list[_Char]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    chars = []
    for index, char in enumerate(text[:count]):
        x0, y0, x1, y1 = textpage.get_charbox(index)
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)  # clockwise, radians
        quarter = (4 - round(angle / (math.pi / 2))) % 4 if angle >= 0 else 0
        chars.append(_Char(char, (x0 - left, y0 - bottom, x1 - left, y1 - bottom), quarter))
    return chars


def _words(chars: list[_Char]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Runs of characters between spaces and line breaks (pdfium adds both
    where the drawing implies them)."""
    words: list[tuple[str, tuple[float, float, float, float]]] = []
    current: list[_Char] = []
    for char in [*chars, _Char(" ", (0, 0, 0, 0), 0)]:
        if not char.text.isspace():
            current.append(char)
            continue
        if current:
            text = unicodedata.normalize("NFC", "".join(c.text for c in current))
            words.append((text, _union(current)))
        current = []
    return words


def _union(chars: list[_Char]) -> tuple[float, float, float, float]:
    return (
        min(c.box[0] for c in chars),
        min(c.box[1] for c in chars),
        max(c.box[2] for c in chars),
        max(c.box[3] for c in chars),
    )


def _upright_word(
    text: str, box: tuple[float, float, float, float], quarter: int, width: float, height: float
) -> Word:
    """A word with its box as fractions of the page turned so its text reads
    left to right (origin top left); ``quarter`` is the text's direction."""
    x0, y0, x1, y1 = box  # PDF space: origin bottom left
    if quarter == 1:  # text runs up the page: turn it a quarter clockwise
        left, top, right, bottom, span_x, span_y = y0, x0, y1, x1, height, width
    elif quarter == 2:  # upside down
        left, top, right, bottom, span_x, span_y = width - x1, y0, width - x0, y1, width, height
    elif quarter == 3:  # text runs down the page
        left, top, right, bottom = height - y1, width - x1, height - y0, width - x0
        span_x, span_y = height, width
    else:
        left, top, right, bottom, span_x, span_y = x0, height - y1, x1, height - y0, width, height
    fractions = (left / span_x, top / span_y, right / span_x, bottom / span_y)
    return Word(text=text, box=Box(*(_clamp(f) for f in fractions)), confidence=100.0)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _image_coverage(page: pdfium.PdfPage, area: float) -> float:
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return min(1.0, covered / area) if area else 0.0


def text_quality(text: str) -> float:
    """Share of characters that are letters or digits of plausible words.

    Fonts without a Unicode map come out as control characters, private-use
    glyphs, punctuation soup (``"7+%-``) or letter soup without vowels; a
    person could not read them, so neither can the field extractor. Ordinary
    prose scores about 0.95 (its punctuation is the rest).
    """
    tokens = text.split()
    good = sum(sum(c.isalnum() for c in t) for t in tokens if _is_plausible_token(t))
    total = sum(len(t) for t in tokens)
    return good / total if total else 0.0


def _is_plausible_token(token: str) -> bool:
    if not _WORDLIKE.match(token):
        return False
    if any(unicodedata.category(c) in ("Co", "Cc", "Cn") for c in token):
        return False
    letters = [c for c in token.lower() if c.isalpha()]
    return not (len(letters) >= 4 and not any(c in "aeiouy" for c in letters))
