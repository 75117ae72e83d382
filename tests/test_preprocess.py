"""Image preparation on real pages: photographed sheets, skew, letter size, dark pages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bench import captures
from extractors import preprocess, upright
from extractors.reading import ocr_page
from ingest.images import render_pdf_page
from ingest.model import TextSource
from ingest.settings import Settings


@pytest.fixture(scope="module")
def linn_page(hostile_dir: Path) -> Image.Image:
    return Image.open(hostile_dir / "linn.png").convert("RGB")


@pytest.fixture(scope="module")
def small_page(hostile_dir: Path) -> Image.Image:
    """cardinal.pdf's first page at 150 DPI: quick to OCR, still readable."""
    return render_pdf_page(hostile_dir / "cardinal.pdf", 0, Settings(), dpi=150)


def find_quad(image: Image.Image, settings: Settings) -> np.ndarray | None:
    return preprocess.find_page_quad(
        np.asarray(image),
        min_area=settings.photo_min_page_share,
        max_area=settings.photo_max_page_share,
        min_contrast=settings.photo_min_contrast,
    )


def test_phone_photo_is_flattened_and_read(small_page: Image.Image, settings: Settings) -> None:
    photo = captures.phone_photo(small_page)
    page = ocr_page(photo, 0, settings)
    assert (page.source, "LinnSequencer" in page.text) == (TextSource.OCR, True)


def test_phone_photo_sheet_is_found(small_page: Image.Image, settings: Settings) -> None:
    assert find_quad(captures.phone_photo(small_page), settings) is not None


def test_flatbed_scan_is_not_cropped(linn_page: Image.Image, settings: Settings) -> None:
    assert find_quad(linn_page, settings) is None


@pytest.mark.parametrize("degrees", [-4.0, -1.5, 2.5], ids=["-4deg", "-1.5deg", "2.5deg"])
def test_skew_is_measured(linn_page: Image.Image, degrees: float) -> None:
    turned = linn_page.convert("L").rotate(degrees, expand=True, fillcolor=255)
    assert preprocess.skew_angle(np.asarray(turned)) == pytest.approx(-degrees, abs=0.3)


def test_small_print_is_scaled_up_to_the_target_height(
    linn_page: Image.Image, settings: Settings
) -> None:
    small = np.asarray(captures.small_print(linn_page, 0.4))
    scale = preprocess.text_scale(
        preprocess.glyph_height(small),
        target_px=settings.ocr_glyph_px,
        tolerance=settings.ocr_glyph_tolerance,
    )
    assert scale == pytest.approx(1 / 0.4, rel=0.25)


def test_light_text_on_a_dark_page_is_recognised(linn_page: Image.Image) -> None:
    dark = preprocess.invert(preprocess.to_gray(linn_page))
    assert preprocess.is_dark_page(dark)


@pytest.mark.parametrize(
    ("turn", "across"),
    [(0, True), (90, False), (180, True), (270, False)],
    ids=["0deg", "90deg", "180deg", "270deg"],
)
def test_lines_are_seen_to_run_across_or_down_the_page(
    linn_page: Image.Image, turn: int, across: bool
) -> None:
    gray = preprocess.rotate_quarter(preprocess.to_gray(linn_page), turn)
    assert (upright.line_direction(gray, preprocess.glyph_height(gray)) > 1) is across


@pytest.mark.parametrize(
    ("turn", "upright_share"), [(0, True), (180, False)], ids=["upright", "upside-down"]
)
def test_letters_standing_on_their_lines_show_the_page_is_upright(
    linn_page: Image.Image, turn: int, upright_share: bool
) -> None:
    gray = preprocess.normalize_illumination(preprocess.to_gray(linn_page))
    gray = preprocess.rotate_quarter(gray, turn)
    share = upright.ascender_share(gray, preprocess.glyph_height(gray) or 20.0)
    assert share is not None and (share > 0.5) is upright_share


def test_a_page_of_few_lines_does_not_tell_which_way_up_it_is() -> None:
    page = np.full((300, 800), 255, np.uint8)
    page[100:120, 50:700] = 0  # one bar: no lines of letters
    assert upright.ascender_share(page, 20.0) is None


@pytest.mark.parametrize(
    "shape", [(1, 1), (1, 2), (3, 3), (4, 4), (257, 131)], ids=["1", "2", "9", "16", "odd-page"]
)
def test_median_from_the_histogram_is_numpys(shape: tuple[int, int]) -> None:
    pixels = np.random.default_rng(7).integers(0, 256, shape, dtype=np.uint8)
    assert preprocess._median(pixels) == float(np.percentile(pixels, 50))
