"""Lines read unsurely, read again on their own at the size tesseract reads best.

A page is scaled once, for its median letter; on a photo or a screenshot a
holder's name set three times larger, or fine print set smaller, is then read
at a size tesseract does not read well, and a curved or noisy stretch of paper
lowers one line's confidence without touching the rest. Each unsure line is
cut out with a margin, brought to ``ocr_reread_line_px`` of height, and read as
a single line; the new reading replaces the old one only when tesseract is
surer of it by ``ocr_reread_gain`` points, so a re-read never makes a page
worse. Only the least sure ``ocr_reread_max_lines`` lines of a page are tried,
which bounds the time it costs.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from extractors import ocr, preprocess
from extractors.orientation import time_left
from ingest.errors import ToolError
from ingest.model import Box, Line, Word
from ingest.settings import Settings

SINGLE_LINE = 7  # tesseract's page segmentation mode for one line of text
MARGIN = 0.35  # of the line's height, around its box


def reread_unsure_lines(
    result: ocr.OcrResult,
    image: np.ndarray,
    settings: Settings,
    deadline: float,
    language: str,
) -> ocr.OcrResult:
    """``result`` (boxes as fractions of ``image``) with its unsure lines read again."""
    unsure = sorted(
        (i for i, line in enumerate(result.lines) if _unsure(line, settings)),
        key=lambda i: result.lines[i].mean_confidence,
    )[: settings.ocr_reread_max_lines]
    if not unsure:
        return result
    lines = list(result.lines)
    for i in unsure:
        again = _read_line(lines[i], image, settings, deadline, language)
        if (
            again is not None
            and again.mean_confidence >= lines[i].mean_confidence + settings.ocr_reread_gain
        ):
            lines[i] = again
    return replace(result, lines=tuple(lines))


def _unsure(line: Line, settings: Settings) -> bool:
    letters = sum(c.isalnum() for w in line.words for c in w.text)
    return letters >= 3 and line.mean_confidence < settings.ocr_reread_below


def _read_line(
    line: Line, image: np.ndarray, settings: Settings, deadline: float, language: str
) -> Line | None:
    """The line cut out of ``image`` and read alone; None when nothing was read."""
    height = image.shape[0]
    box = line.box
    pad = MARGIN * box.height
    window = (
        max(0.0, box.x0 - pad * 2),
        max(0.0, box.y0 - pad),
        min(1.0, box.x1 + pad * 2),
        min(1.0, box.y1 + pad),
    )
    read = read_cut_out(image, window, box.height * height, settings, deadline, language)
    words = tuple(w for w in read or () if w.text.strip() and _within(w.box, box))
    if not words or len(words) > len(line.words) + 1:
        return None  # the margin took in a neighbour's words, or the line was split anew
    return Line(words=words)


def read_cut_out(
    image: np.ndarray,
    window: tuple[float, ...],
    line_px: float,
    settings: Settings,
    deadline: float,
    language: str,
) -> tuple[Word, ...] | None:
    """One line of print cut out of ``image`` (``window``: fractions of it), brought
    to ``ocr_reread_line_px`` of height and read as a single line; its words placed
    on the page, or None when the cut-out is empty or tesseract failed."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = window
    crop = image[round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)]
    if crop.size == 0 or line_px < 4:
        return None
    scaled = preprocess.resize(crop, min(4.0, max(0.5, settings.ocr_reread_line_px / line_px)))
    try:
        read = ocr.ocr_words(
            scaled,
            language=language,
            timeout_s=time_left(deadline, settings),
            psm=SINGLE_LINE,
            engine=settings.ocr_engine,
        )
    except ToolError:
        return None
    return tuple(replace(w, box=_on_page(w.box, (x0, y0, x1, y1))) for w in read.words)


def _within(box: Box, line: Box) -> bool:
    """A word read in the cut-out belongs to the line when its centre lies in the
    line's box: the margin around it may show a neighbouring column's words."""
    centre = (box.x0 + box.x1) / 2
    return line.x0 <= centre <= line.x1 and line.y0 <= box.cy <= line.y1


def _on_page(box: Box, window: tuple[float, float, float, float]) -> Box:
    return Box(*ocr.inside((box.x0, box.y0, box.x1, box.y1), window))
