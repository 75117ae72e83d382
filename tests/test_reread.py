"""Unsure lines read again alone: a better reading replaces an unsure one, a sure
line is left as it was (real tesseract on a drawn page)."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr
from extractors.reread import reread_unsure_lines
from ingest.model import Line
from ingest.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NAME = "Jonathan Appleseed Westbrook"


@pytest.fixture(scope="module")
def page() -> tuple[np.ndarray, ocr.OcrResult]:
    image = Image.new("L", (1200, 500), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "This certifies that", font=ImageFont.truetype(FONT, 30), fill=0)
    draw.text((60, 160), NAME, font=ImageFont.truetype(FONT, 44), fill=0)
    pixels = np.asarray(image)
    return pixels, ocr.ocr_words(pixels, language="eng", timeout_s=30)


def _with_name_line(result: ocr.OcrResult, text: str, confidence: float) -> ocr.OcrResult:
    """The page's reading with its name line read as ``text`` at ``confidence``: a
    misreading put in place, since a real one cannot be made to order."""
    lines = tuple(
        Line(
            words=tuple(
                replace(w, text=text if i == 0 else w.text, confidence=confidence)
                for i, w in enumerate(line.words)
            )
        )
        if "Appleseed" in line.text
        else line
        for line in result.lines
    )
    return replace(result, lines=lines)


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(20.0, NAME), (96.0, NAME.replace("Jonathan", "Jcnathan"))],
    ids=["unsure-line-read-again", "sure-line-kept"],
)
def test_unsure_lines_are_read_again(
    page: tuple[np.ndarray, ocr.OcrResult], confidence: float, expected: str
) -> None:
    pixels, result = page
    misread = _with_name_line(result, "Jcnathan", confidence)
    again = reread_unsure_lines(misread, pixels, Settings(), time.perf_counter() + 60, "eng")
    assert next(line.text for line in again.lines if line.box.y0 > 0.25) == expected
