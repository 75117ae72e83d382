"""Reading a page the right way up, and spending orientation detection only where
it is needed: real pages, real tesseract."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from bench import captures
from extractors import ocr, orientation, pageprep, upright
from ingest.images import render_pdf_page
from ingest.settings import Settings


@pytest.fixture(scope="module")
def page(hostile_dir: Path) -> np.ndarray:
    """cardinal.pdf's first page at 150 DPI: a real scan, quick to read."""
    image = render_pdf_page(hostile_dir / "cardinal.pdf", 0, Settings(), dpi=150)
    return np.asarray(image.convert("RGB"))


def leveled(pixels: np.ndarray, turn: int = 0) -> pageprep.Leveled:
    turned = np.ascontiguousarray(np.rot90(pixels, -turn // 90))  # clockwise
    return pageprep.level_page(turned, Settings(), known_upright=False)


def first_read(level: pageprep.Leveled) -> tuple[ocr.OcrResult, pageprep.Prepared]:
    prepared = pageprep.upright_page(level, 0, Settings())
    deadline = time.perf_counter() + 60
    read = orientation.read_image(prepared.content(), Settings(), deadline)
    return read, prepared


@pytest.mark.parametrize(
    ("turn", "upright"), [(0, True), (180, False)], ids=["upright", "upside-down"]
)
def test_a_page_read_as_it_stands_is_known_to_be_upright_or_not(
    page: np.ndarray, turn: int, upright: bool
) -> None:
    read, prepared = first_read(leveled(page, turn))
    assert orientation.reads_upright(read, prepared, Settings()) is upright


@pytest.mark.parametrize("turn", [0, 90, 180, 270], ids=["0deg", "90deg", "180deg", "270deg"])
def test_the_page_comes_out_upright_from_any_turn(page: np.ndarray, turn: int) -> None:
    deadline = time.perf_counter() + 60
    _, prepared = orientation.read_oriented(
        leveled(page, turn), Settings(), deadline, known_upright=False
    )
    assert prepared.rotation == (360 - turn) % 360


@pytest.fixture
def tesseract_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The calls made to tesseract, in order; each still goes to the real one."""
    calls: list[str] = []
    real_read, real_detect = ocr.ocr_words, ocr.detect_orientation

    def read(*args: Any, **kwargs: Any) -> ocr.OcrResult:
        calls.append("read")
        return real_read(*args, **kwargs)

    def detect(*args: Any, **kwargs: Any) -> ocr.Orientation:
        calls.append("detect")
        return real_detect(*args, **kwargs)

    monkeypatch.setattr(ocr, "ocr_words", read)
    monkeypatch.setattr(ocr, "detect_orientation", detect)
    return calls


@pytest.mark.parametrize(
    ("turn", "calls"),
    [(0, ["read"]), (90, ["detect", "read"]), (180, ["read"])],
    ids=["upright-one-read", "on-its-side-detected-first", "upside-down-one-read-turned"],
)
def test_orientation_is_detected_only_where_the_page_does_not_read_upright(
    page: np.ndarray, tesseract_calls: list[str], turn: int, calls: list[str]
) -> None:
    deadline = time.perf_counter() + 60
    orientation.read_oriented(leveled(page, turn), Settings(), deadline, known_upright=False)
    assert tesseract_calls[:2] == calls


def test_half_turn_of_a_prepared_page_is_the_page_prepared_turned(page: np.ndarray) -> None:
    level = leveled(page)
    turned = pageprep.half_turn(pageprep.upright_page(level, 0, Settings()))
    prepared = pageprep.upright_page(level, 180, Settings())
    assert turned.image.shape == prepared.image.shape


def test_a_photographed_page_reads_upright_without_detection(page: np.ndarray) -> None:
    photo = np.asarray(captures.phone_photo(Image.fromarray(page)))
    read, prepared = first_read(leveled(photo))
    assert orientation.reads_upright(read, prepared, Settings())


def test_line_direction_is_kept_with_the_leveled_page(page: np.ndarray) -> None:
    level = leveled(page, 90)
    assert level.line_direction == upright.line_direction(level.gray, level.glyph)
