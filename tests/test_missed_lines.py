"""Print the page read passed over, found in the ink and read alone (real tesseract
on a drawn page): a line no word covers is added, a line already read is not read
twice, print in a pale colour is found, a picture's texture adds nothing."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr, preprocess
from extractors.missed import ink_bands, ink_of, read_missed_lines
from extractors.names import is_texture
from extractors.vertical import read_vertical_lines
from ingest.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADING = "Certificate of Completion"
DATED = "Course date: 14/03/2024"
EDGE = "Issued 14 March 2024 verify.example.org/c/7731"
PALE = (205, 120, 120)  # a light red, as card dates are printed


@pytest.fixture(scope="module")
def card() -> np.ndarray:
    image = Image.new("RGB", (1200, 420), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 50), HEADING, font=ImageFont.truetype(FONT, 40), fill="black")
    draw.text((60, 250), DATED, font=ImageFont.truetype(FONT, 34), fill=PALE)
    return preprocess.normalize_illumination(preprocess.to_gray(image))


def _heading_only(pixels: np.ndarray) -> ocr.OcrResult:
    """The page's reading without its dated line: a layout analysis that passed it
    over, put in place since a real one cannot be made to order."""
    read = ocr.ocr_words(pixels, language="eng", timeout_s=30)
    return replace(read, lines=tuple(line for line in read.lines if line.box.y0 < 0.4))


def _texts(result: ocr.OcrResult) -> list[str]:
    return [line.text for line in result.lines]


def test_a_line_passed_over_is_read(card: np.ndarray) -> None:
    again = read_missed_lines(
        _heading_only(card), card, preprocess.glyph_height(card), Settings(), _later(), "eng"
    )
    assert _texts(again) == [HEADING, DATED]


def test_a_line_already_read_is_not_read_twice(card: np.ndarray) -> None:
    read = ocr.ocr_words(card, language="eng", timeout_s=30)
    again = read_missed_lines(
        read, card, preprocess.glyph_height(card), Settings(), _later(), "eng"
    )
    assert len(again.lines) == len(read.lines)


def test_print_in_a_pale_colour_is_a_band(card: np.ndarray) -> None:
    bands = ink_bands(ink_of(card), preprocess.glyph_height(card) or 0.0)
    assert sum(0.55 < b.y0 / card.shape[0] < 0.7 for b in bands) == 1


def test_no_band_is_read_when_disabled(card: np.ndarray) -> None:
    settings = Settings(ocr_missed_max_lines=0)
    again = read_missed_lines(
        _heading_only(card), card, preprocess.glyph_height(card), settings, _later(), "eng"
    )
    assert _texts(again) == [HEADING]


@pytest.mark.parametrize(
    ("text", "texture"),
    [
        ("wannnneeeeec", True),
        ("eeeeeeec cece", True),
        ("Annabelle", False),
        ("20000076", False),
        ("Mississippi", False),
    ],
    ids=["dotted-rule", "pattern", "name", "digits-repeat", "three-in-a-row-at-most"],
)
def test_texture_is_not_a_word(text: str, texture: bool) -> None:
    assert is_texture(text) is texture


def _later() -> float:
    return time.perf_counter() + 60


@pytest.mark.parametrize("turn", [90, 270], ids=["running-up", "running-down"])
def test_print_along_the_edge_is_read_turned(turn: int) -> None:
    strip = Image.new("L", (900, 60), 255)
    ImageDraw.Draw(strip).text((10, 8), EDGE, font=ImageFont.truetype(FONT, 34), fill=0)
    page = Image.new("L", (700, 1000), 255)
    draw = ImageDraw.Draw(page)
    draw.text((60, 80), HEADING, font=ImageFont.truetype(FONT, 34), fill=0)
    page.paste(strip.rotate(turn, expand=True), (600, 50))
    pixels = np.asarray(page)
    read = ocr.ocr_words(pixels, language="eng", timeout_s=30)
    # the reading without the edge's words: a layout analysis that passed them over
    read = replace(read, lines=tuple(line for line in read.lines if line.box.x0 < 0.8))
    glyph = preprocess.glyph_height(pixels)
    lines = read_vertical_lines(read, pixels, glyph, Settings(), _later(), "eng")
    assert [line.text for line in lines] == [EDGE]
