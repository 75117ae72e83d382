"""The tesseract wrapper on real images, through both engines: words with boxes,
orientation, timeouts, and the same words from the C API as from the process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractors import ocr, preprocess, tesseract_api
from ingest.errors import ErrorCode, ToolError, ToolMissing
from ingest.settings import OcrEngine

ENGINES = pytest.mark.parametrize(
    "engine", [OcrEngine.API, OcrEngine.PROCESS], ids=["c-api", "process"]
)


@pytest.fixture(scope="module")
def linn_top(hostile_dir: Path) -> np.ndarray:
    """The title block of linn.png: two lines of large type, quick to read."""
    gray = preprocess.to_gray(Image.open(hostile_dir / "linn.png").convert("RGB"))
    return gray[100:450, 300:2250]


@pytest.fixture(scope="module")
def linn_gray(hostile_dir: Path) -> np.ndarray:
    return preprocess.to_gray(Image.open(hostile_dir / "linn.png").convert("RGB"))


@ENGINES
def test_words_come_with_their_boxes(linn_top: np.ndarray, engine: OcrEngine) -> None:
    result = ocr.ocr_words(linn_top, language="eng", timeout_s=60, dpi=300, engine=engine)
    word = next(w for w in result.words if w.text == "LinnSequencer")
    assert 0.0 <= word.box.x0 < word.box.x1 <= 1.0


@ENGINES
def test_lines_keep_tesseracts_reading_order(linn_top: np.ndarray, engine: OcrEngine) -> None:
    result = ocr.ocr_words(linn_top, language="eng", timeout_s=60, dpi=300, engine=engine)
    assert [line.text for line in result.lines][:2] == [
        "The LinnSequencer",
        "32 Track MIDI Sequence Recorder",
    ]


@ENGINES
def test_upside_down_text_reads_worse_than_upright(linn_top: np.ndarray, engine: OcrEngine) -> None:
    upright = ocr.ocr_words(linn_top, language="eng", timeout_s=60, engine=engine)
    flipped = ocr.ocr_words(
        preprocess.rotate_quarter(linn_top, 180), language="eng", timeout_s=60, engine=engine
    )
    assert ocr.reading_score(upright) > 2 * ocr.reading_score(flipped)


@ENGINES
def test_timeout_is_reported_as_such(linn_gray: np.ndarray, engine: OcrEngine) -> None:
    with pytest.raises(ToolError) as raised:
        ocr.ocr_words(linn_gray, language="eng", timeout_s=0.05, engine=engine)
    assert raised.value.code == ErrorCode.OCR_TIMEOUT


def test_both_engines_read_the_same_words_and_boxes(linn_gray: np.ndarray) -> None:
    """One tesseract release behind both: the C API must not change what is read."""
    api, process = (
        ocr.ocr_words(linn_gray, language="eng", timeout_s=60, dpi=300, engine=engine)
        for engine in (OcrEngine.API, OcrEngine.PROCESS)
    )
    assert api == process


@pytest.mark.parametrize("turn", [0, 90, 180, 270], ids=["0deg", "90deg", "180deg", "270deg"])
def test_both_engines_detect_the_same_orientation(linn_gray: np.ndarray, turn: int) -> None:
    small = preprocess.resize(preprocess.rotate_quarter(linn_gray, turn), 0.5)
    found = {
        engine: ocr.detect_orientation(small, timeout_s=60, engine=engine)
        for engine in (OcrEngine.API, OcrEngine.PROCESS)
    }
    assert found[OcrEngine.API] == found[OcrEngine.PROCESS]


@pytest.mark.parametrize("turn", [90, 180, 270], ids=["90deg", "180deg", "270deg"])
def test_orientation_says_how_to_turn_the_page_back(linn_gray: np.ndarray, turn: int) -> None:
    small = preprocess.resize(preprocess.rotate_quarter(linn_gray, turn), 0.5)
    found = ocr.detect_orientation(small, timeout_s=60, engine=OcrEngine.API)
    assert (found.rotate + turn) % 360 == 0


def test_page_without_letters_has_no_orientation() -> None:
    blank = np.full((400, 300), 255, np.uint8)
    assert ocr.detect_orientation(blank, timeout_s=60, engine=OcrEngine.API).confidence == 0.0


def test_missing_language_data_names_the_package(linn_top: np.ndarray) -> None:
    with pytest.raises(ToolMissing) as raised:
        ocr.ocr_words(linn_top, language="zzz", timeout_s=60, engine=OcrEngine.API)
    assert "tesseract-ocr-zzz" in raised.value.message


@pytest.fixture
def without_c_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake: tesserocr is installed on every machine make sets up, so its
    absence cannot be caused for real; the module lookup is made to find nothing."""
    monkeypatch.setattr(tesseract_api, "_module", lambda: None)


@pytest.mark.usefixtures("without_c_api")
def test_asking_for_the_c_api_where_it_is_not_installed_says_what_to_do(
    linn_top: np.ndarray,
) -> None:
    with pytest.raises(ToolMissing) as raised:
        ocr.ocr_words(linn_top, language="eng", timeout_s=60, engine=OcrEngine.API)
    assert "CERTVERIFY_OCR_ENGINE=process" in raised.value.message


@pytest.mark.usefixtures("without_c_api")
def test_auto_falls_back_to_the_process_where_the_c_api_is_missing(linn_top: np.ndarray) -> None:
    result = ocr.ocr_words(linn_top, language="eng", timeout_s=60, engine=OcrEngine.AUTO)
    assert "LinnSequencer" in [w.text for w in result.words]
