"""Printed text a PDF's text layer leaves out, read by OCR and laid over the layer.

Template certificates and many eCards print their wording as artwork (an image,
or letters drawn as outlines) and put only the variable fields (name, date,
number) in the text layer. Such a page is also OCR'd, and the OCR words that
fall where the layer is silent join the layer's words; where both read the
same spot the layer wins, since it holds the exact characters.

Whether a page needs it is decided cheaply: first from the page's drawings
(no image or letter-sized outline outside the layer's words: no render at all),
then from a small grey render, by the share of letter ink outside those words.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from extractors import ocr, preprocess
from extractors.layout import group_lines
from extractors.pdftext import LayerPage, reading_order
from ingest.images import render_pdf_page
from ingest.model import Box, Line, Word
from ingest.settings import Settings

CHECK_DPI = 72  # letters of 6 pt and up are still letter-shaped blobs
BOX_PAD_PX = 2  # a layer word's box grown by this before the ink check


def may_hide_text(layer: LayerPage, settings: Settings) -> bool:
    """Whether the page may print text outside the layer's words: images over part
    of the page, many letter-sized outlines, or a layer too short to be a whole
    certificate's text (its wording drawn in a way neither measure counts)."""
    return (
        layer.silent_image_share >= settings.pdf_silent_image_share
        or layer.silent_shapes >= settings.pdf_silent_shapes
        or layer.char_count < settings.pdf_silent_check_below_chars
    )


def silent_share(path: Path, index: int, layer: LayerPage, settings: Settings) -> float:
    """Share of the page's letter ink outside the layer's words, on a small render
    turned as the layer reads."""
    image = render_pdf_page(path, index, settings, dpi=CHECK_DPI)
    gray = preprocess.rotate_quarter(preprocess.to_gray(np.asarray(image)), layer.rotation)
    height, width = gray.shape[:2]
    boxes = [
        (
            round(w.box.x0 * width) - BOX_PAD_PX,
            round(w.box.y0 * height) - BOX_PAD_PX,
            round(w.box.x1 * width) + BOX_PAD_PX,
            round(w.box.y1 * height) + BOX_PAD_PX,
        )
        for line in layer.lines
        for w in line.words
    ]
    return preprocess.silent_ink_share(gray, boxes)


def merge_words(
    layer: LayerPage, ocr_lines: tuple[Line, ...], settings: Settings
) -> tuple[Line, ...]:
    """The layer's words and the OCR words where the layer is silent, in lines.

    An OCR word is dropped when it overlaps a layer word (the layer holds the
    exact text), when tesseract is unsure of it, or when it has no letter or
    digit and is not read with confidence (the specks OCR reads in artwork). A
    layer word with a glyph the font could not map ("So\ufffeware" for a
    ligature) gives way to the OCR word read at its place."""
    layer_words = [
        w
        for line in layer.lines
        for w in line.words
        if not _unmapped(w.text) or not _read_there(w, ocr_lines, settings)
    ]
    added = [
        w
        for line in ocr_lines
        for w in line.words
        if w.confidence >= settings.ocr_merge_min_confidence
        and (any(c.isalnum() for c in w.text) or w.confidence >= ocr.TRUSTED_CONFIDENCE)
        and not any(_overlaps(w.box, other.box) for other in layer_words)
    ]
    aspect = layer.width / layer.height if layer.height else 1.0
    return reading_order(group_lines([*layer_words, *added], aspect=aspect))


_UNMAPPED = frozenset("\ufffd\ufffe\uffff")


def _unmapped(text: str) -> bool:
    return any(c in _UNMAPPED or 0xE000 <= ord(c) <= 0xF8FF for c in text)


def _read_there(word: Word, ocr_lines: tuple[Line, ...], settings: Settings) -> bool:
    return any(
        _overlaps(other.box, word.box) and other.confidence >= settings.ocr_merge_min_confidence
        for line in ocr_lines
        for other in line.words
    )


def _overlaps(box: Box, other: Box) -> bool:
    """Whether a third of ``box`` lies under ``other``, or its centre does."""
    width = min(box.x1, other.x1) - max(box.x0, other.x0)
    height = min(box.y1, other.y1) - max(box.y0, other.y0)
    if width <= 0 or height <= 0:
        return False
    centre_inside = other.x0 <= (box.x0 + box.x1) / 2 <= other.x1 and other.y0 <= box.cy <= other.y1
    return centre_inside or width * height >= box.width * box.height / 3
