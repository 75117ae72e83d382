"""Print set up or down the page's edge, read turned.

Certificates print an issue date, a verification address or a serial number
along a ribbon or a margin, running up or down the page. Tesseract reads a page
the way its body text runs, so such a line comes back as nothing or as specks.
In the ink it is a band as wide as a letter is high and many letters long;
each such band no word read surely covers is cut out, turned a quarter turn
each way, read as one line, and the surer reading is kept when its words are
read at ``ocr_missed_min_confidence`` or more. The words are placed along the
band, in the order they are read, and the line is kept apart from the page's
rows (a tall box would join every row beside it).
"""

from __future__ import annotations

import numpy as np

from extractors import ocr, preprocess
from extractors.missed import COVERED, Band, covered, ink_bands, ink_of
from extractors.names import is_texture
from extractors.orientation import time_left
from extractors.reread import SINGLE_LINE
from ingest.errors import ToolError
from ingest.model import Box, Line, Word
from ingest.settings import Settings

MIN_LENGTH = 6.0  # a band's length, in its own widths: a word or two at least
MARGIN = 0.3  # of the band's width, around it
MIN_LETTERS = 4


def read_vertical_lines(
    result: ocr.OcrResult,
    image: np.ndarray,
    glyph: float | None,
    settings: Settings,
    deadline: float,
    language: str,
) -> tuple[Line, ...]:
    """Lines of print running up or down ``image``, boxes as fractions of it."""
    if glyph is None or settings.ocr_vertical_max_lines <= 0:
        return ()
    seen = [w for w in result.words if w.confidence >= settings.ocr_missed_min_confidence]
    bands = [
        b for b in vertical_bands(ink_of(image), glyph) if covered(b, seen, image.shape) < COVERED
    ]
    bands = sorted(bands, key=lambda b: b.area, reverse=True)[: settings.ocr_vertical_max_lines]
    lines = (_read_turned(band, image, settings, deadline, language) for band in bands)
    return tuple(line for line in lines if line is not None)


def vertical_bands(binary: np.ndarray, glyph: float) -> list[Band]:
    """Columns of letters: the rows of letters of the page transposed, a word or two
    long at least, joined across the wider space between words."""
    rows = ink_bands(np.ascontiguousarray(binary.T), glyph, min_aspect=MIN_LENGTH, join=2)
    return [band.transposed() for band in rows]


def _read_turned(
    band: Band, image: np.ndarray, settings: Settings, deadline: float, language: str
) -> Line | None:
    """The band read turned each way; the surer reading's sure words, placed along it."""
    height, width = image.shape[:2]
    pad = round(MARGIN * (band.x1 - band.x0))
    x0, y0 = max(0, band.x0 - pad), max(0, band.y0 - 2 * pad)
    x1, y1 = min(width, band.x1 + pad), min(height, band.y1 + 2 * pad)
    crop = image[y0:y1, x0:x1]
    scale = min(4.0, max(0.5, settings.ocr_reread_line_px / max(1, band.x1 - band.x0)))
    best: tuple[float, list[tuple[Word, float, float]]] = (0.0, [])
    for turn in (-1, 1):  # clockwise: text running up the page; counter-clockwise: down
        turned = np.ascontiguousarray(np.rot90(crop, k=turn))
        try:
            read = ocr.ocr_words(
                preprocess.resize(turned, scale),
                language=language,
                timeout_s=time_left(deadline, settings),
                psm=SINGLE_LINE,
                engine=settings.ocr_engine,
            )
        except ToolError:
            continue
        if read.mean_confidence > best[0]:
            spans = [
                (w, 1 - w.box.x1, 1 - w.box.x0) if turn == -1 else (w, w.box.x0, w.box.x1)
                for w in read.words
            ]
            best = (read.mean_confidence, spans)
    window = (x0 / width, y0 / height, x1 / width, y1 / height)
    words = tuple(
        Word(w.text, Box(*ocr.inside((0.0, top, 1.0, bottom), window)), w.confidence)
        for w, top, bottom in best[1]
        if w.confidence >= settings.ocr_missed_min_confidence and not is_texture(w.text)
    )
    if sum(c.isalnum() for w in words for c in w.text) < MIN_LETTERS:
        return None
    return Line(words=words)
