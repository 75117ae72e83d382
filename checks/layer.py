"""A text layer that disagrees with the pixels drawn at the same place.

A certificate re-made in an illustration program can keep its old text layer
(an invisible copy, or text hidden under the new artwork) while the page
shows other digits. Each text-layer word with a run of digits (a year, a
date, an id) is read again by OCR from the rendered page at its own box, and
the digits compared. Only a confident read with the same number of digits
that differs counts: a read that finds fewer or no digits (the layer of a
scan, a word under a seal) says nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image

from checks.pages import RenderedPages
from extractors.ocr import ocr_words
from extractors.pdftext import read_text_layer
from ingest.model import Word
from ingest.record import Finding, FindingCode, FindingEvidence
from ingest.settings import Settings

_DIGIT_RUN = re.compile(r"\d{4,}")
LINE_PSM = 7  # tesseract: the crop is one line of text
PAD = 0.35  # of the word's height added around its box


def layer_findings(path: Path, pages: RenderedPages, settings: Settings) -> list[Finding]:
    """The first layer word whose digits the rendered page shows otherwise.

    Pages whose text runs turned (``rotation``) are left out: their boxes are
    on the page turned upright, not on the page as rendered.
    """
    checked = 0
    for index, page in enumerate(read_text_layer(path)):
        words = [w for line in page.lines for w in line.words if _DIGIT_RUN.search(w.text)]
        words = words[: max(settings.layer_check_max_words - checked, 0)]
        if not words or page.rotation:
            continue
        clips = pages.clips(index, settings.layer_check_dpi, [_padded(w) for w in words])
        for word, clip in zip(words, clips, strict=True):
            checked += 1
            shown = _read_digits(clip, settings)
            expected = "".join(_DIGIT_RUN.findall(word.text))
            if shown is not None and len(shown) == len(expected) and shown != expected:
                return [_finding(index, word, shown)]
    return []


def _padded(word: Word) -> tuple[float, float, float, float]:
    pad = word.box.height * PAD
    return (word.box.x0 - pad, word.box.y0 - pad, word.box.x1 + pad, word.box.y1 + pad)


def _read_digits(clip: Image.Image | None, settings: Settings) -> str | None:
    """The digits OCR reads in the word's clip, or None when the read is unsure."""
    if clip is None or clip.width < 4 or clip.height < 4:
        return None  # too small to read, or off the page (drawn outside its crop box)
    result = ocr_words(
        np.asarray(clip.convert("L")),
        language=settings.ocr_language,
        timeout_s=settings.ocr_page_timeout_s,
        psm=LINE_PSM,
        dpi=settings.layer_check_dpi,
        engine=settings.ocr_engine,
    )
    read = [w for w in result.words if _DIGIT_RUN.search(w.text)]
    if not read or min(w.confidence for w in read) < settings.layer_check_min_confidence:
        return None
    return "".join(run for w in read for run in _DIGIT_RUN.findall(w.text))


def _finding(index: int, word: Word, shown: str) -> Finding:
    return Finding(
        code=FindingCode.TEXT_LAYER_DISAGREES,
        message=f"On page {index + 1} the page shows {shown} where its text layer says "
        f"{word.text}. The page may have been re-made over an older one; compare it with "
        "the issuer's own copy.",
        evidence=FindingEvidence(
            page=index,
            box=word.box.as_list(),
            shown=shown,
            other=word.text,
            detail="read by OCR from the rendered page at the text layer's box",
        ),
    )
