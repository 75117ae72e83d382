"""The tesseract wrapper on real images: words with boxes, orientation, timeouts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractors import ocr, preprocess
from ingest.errors import ErrorCode, ToolError


@pytest.fixture(scope="module")
def linn_top(hostile_dir: Path) -> np.ndarray:
    """The title block of linn.png: two lines of large type, quick to read."""
    gray = preprocess.to_gray(Image.open(hostile_dir / "linn.png").convert("RGB"))
    return gray[100:450, 300:2250]


def test_words_come_with_their_boxes(linn_top: np.ndarray) -> None:
    result = ocr.ocr_words(linn_top, language="eng", timeout_s=60, dpi=300)
    word = next(w for w in result.words if w.text == "LinnSequencer")
    assert 0.0 <= word.box.x0 < word.box.x1 <= 1.0


def test_lines_keep_tesseracts_reading_order(linn_top: np.ndarray) -> None:
    result = ocr.ocr_words(linn_top, language="eng", timeout_s=60, dpi=300)
    assert [line.text for line in result.lines][:2] == [
        "The LinnSequencer",
        "32 Track MIDI Sequence Recorder",
    ]


def test_upside_down_text_reads_worse_than_upright(linn_top: np.ndarray) -> None:
    upright = ocr.ocr_words(linn_top, language="eng", timeout_s=60)
    flipped = ocr.ocr_words(preprocess.rotate_quarter(linn_top, 180), language="eng", timeout_s=60)
    assert ocr.reading_score(upright) > 2 * ocr.reading_score(flipped)


def test_timeout_is_reported_as_such(hostile_dir: Path) -> None:
    page = preprocess.to_gray(Image.open(hostile_dir / "linn.png").convert("RGB"))
    with pytest.raises(ToolError) as raised:
        ocr.ocr_words(page, language="eng", timeout_s=0.05)
    assert raised.value.code == ErrorCode.OCR_TIMEOUT
