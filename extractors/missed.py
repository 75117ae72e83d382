"""Lines of print the page read did not see, found in the ink and read alone.

Tesseract's page layout analysis decides where the text is before it reads a
letter, and on a card or a photo with a picture, a logo or coloured print it
can pass over a whole line a person reads at a glance (the dates printed in
colour beside a card's photo): no word of it comes back, so no re-read of unsure
lines can bring it back. The ink says where such lines are: letters joined
along a row make a band as high as a letter and several times as wide, with the
share of ink that print has (a photograph or a filled bar has far more). A band
no word read covers is cut out with a margin, brought to the height tesseract
reads best and read as one line; only words read surely enough are kept
(``ocr_missed_min_confidence``), so a picture's texture adds nothing.
At most ``ocr_missed_max_lines`` bands a page are read, the largest first,
which bounds the time it costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from extractors import ocr
from extractors.names import is_texture
from extractors.reread import read_cut_out
from ingest.model import Box, Line, Word
from ingest.settings import Settings

MARGIN = 0.3  # of the band's height, around it
MIN_LETTERS = 3  # letters or digits a kept reading holds
# Print covers 8-55% of its band; a photograph, a filled bar or a logo more, a rule less.
INK_SHARE = (0.08, 0.55)
BAND_HEIGHT = (0.6, 4.0)  # of the page's median letter height
MIN_BAND_ASPECT = 2.5  # a band as wide as two or three letters is no line
PALE_INK = 205  # grey level under which an evened-out page's pixel is ink
COVERED = 0.25  # a band whose area words already read cover this much was seen
REPLACED_UNDER = 0.6  # of an unsure old word's width, under the new reading


@dataclass(frozen=True, slots=True)
class Band:
    """A row of joined ink, in pixels of the prepared page."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return (self.x1 - self.x0) * self.height

    def transposed(self) -> Band:
        return Band(self.y0, self.x0, self.y1, self.x1)


def read_missed_lines(
    result: ocr.OcrResult,
    image: np.ndarray,
    glyph: float | None,
    settings: Settings,
    deadline: float,
    language: str,
) -> ocr.OcrResult:
    """``result`` (boxes as fractions of ``image``) with the print it missed read and added."""
    if glyph is None or settings.ocr_missed_max_lines <= 0:
        return result
    binary = ink_of(image)
    sure = settings.ocr_missed_min_confidence
    seen = [w for w in result.words if w.confidence >= sure]
    bands = [b for b in ink_bands(binary, glyph) if covered(b, seen, image.shape) < COVERED]
    bands = sorted(bands, key=lambda b: b.area, reverse=True)[: settings.ocr_missed_max_lines]
    lines = list(result.lines)
    for band in sorted(bands, key=lambda b: (b.y0, b.x0)):
        line = _read_band(band, image, settings, deadline, language)
        olds = [w for old in lines for w in old.words]
        line, replaced = _what_it_adds(line, olds, sure) if line else (None, set())
        if line is not None:
            kept = [
                Line(words=tuple(w for w in old.words if w.box not in replaced)) for old in lines
            ]
            lines = _in_reading_order(kept, line)
    return replace(result, lines=tuple(old for old in lines if old.words))


def _what_it_adds(line: Line, olds: list[Word], sure: float) -> tuple[Line | None, set[Box]]:
    """The band's new words, and the boxes of the old words they replace.

    A new word stands where every word read there before was unsure and is mostly
    under the new reading (the fragments a picture-minded layout analysis made of
    the same print); elsewhere the earlier reading stands and the new word goes."""
    words: list[Word] = []
    replaced: set[Box] = set()
    for word in line.words:
        under = [o for o in olds if o.box.overlaps(word.box)]
        if all(o.confidence < sure and _share_under(o, line) >= REPLACED_UNDER for o in under):
            words.append(word)
            replaced.update(o.box for o in under)
    if sum(_letters(w) for w in words) < MIN_LETTERS:
        return None, set()
    return Line(words=tuple(words)), replaced


def _share_under(old: Word, line: Line) -> float:
    """How much of the old word's width the new line's words cover."""
    width = old.box.x1 - old.box.x0
    if width <= 0:
        return 1.0
    covered = sum(
        max(0.0, min(old.box.x1, w.box.x1) - max(old.box.x0, w.box.x0)) for w in line.words
    )
    return min(1.0, covered / width)


def _in_reading_order(lines: list[Line], new: Line) -> list[Line]:
    """``lines`` (tesseract's order, column by column) with ``new`` before the first
    line of its column that lies below it."""
    box = new.box
    for i, line in enumerate(lines):
        there = line.box if line.words else None
        if there is not None and there.cy > box.cy and there.x0 < box.x1 and box.x0 < there.x1:
            return [*lines[:i], new, *lines[i:]]
    return [*lines, new]


def ink_of(image: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0. The page's light is evened out (paper near white), so print
    in a light colour (a date in red or pale blue) is ink at ``PALE_INK``, where a
    threshold chosen for the page's black print (Otsu's) breaks it into specks."""
    smooth = cv2.medianBlur(image, 3)
    otsu, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if otsu >= PALE_INK:
        return np.asarray(binary)
    return np.asarray(cv2.threshold(smooth, PALE_INK, 255, cv2.THRESH_BINARY_INV)[1])


def ink_bands(
    binary: np.ndarray, glyph: float, *, min_aspect: float = MIN_BAND_ASPECT, join: int = 1
) -> list[Band]:
    """Rows of letters: ink (255 on 0) joined across the gaps between letters and
    words, kept where the band is letter-high, at least ``min_aspect`` times as long,
    and as inked as print; bands of a row less than ``join`` letters apart made one.
    (Given the page transposed, the same finds columns of turned print.)"""
    reach = max(3, round(glyph))
    joined = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    low, high = BAND_HEIGHT[0] * glyph, BAND_HEIGHT[1] * glyph
    bands = []
    for x, y, w, h, _ in stats[1:count]:
        if not low <= h <= high or w < min_aspect * h:
            continue
        share = float(np.count_nonzero(binary[y : y + h, x : x + w])) / (w * h)
        if INK_SHARE[0] <= share <= INK_SHARE[1]:
            bands.append(Band(int(x), int(y), int(x + w), int(y + h)))
    return _joined_along_rows(bands, join * reach)


def _joined_along_rows(bands: list[Band], reach: int) -> list[Band]:
    """Bands of one row that nearly touch made one: a pale stretch of a line (a
    date in colour) can part from the rest of it by a pixel."""
    joined: list[Band] = []
    for band in sorted(bands, key=lambda b: b.x0):
        for i, other in enumerate(joined):
            shared = min(band.y1, other.y1) - max(band.y0, other.y0)
            if band.x0 - other.x1 <= reach and shared >= 0.6 * min(band.height, other.height):
                joined[i] = Band(
                    other.x0, min(band.y0, other.y0), max(band.x1, other.x1), max(band.y1, other.y1)
                )
                break
        else:
            joined.append(band)
    return joined


def covered(band: Band, words: list[Word], shape: tuple[int, ...]) -> float:
    """The share of the band's area under words already read surely."""
    height, width = shape[:2]
    mask = np.zeros((band.height, band.x1 - band.x0), dtype=bool)
    for word in words:
        x0 = max(band.x0, round(word.box.x0 * width)) - band.x0
        x1 = min(band.x1, round(word.box.x1 * width)) - band.x0
        y0 = max(band.y0, round(word.box.y0 * height)) - band.y0
        y1 = min(band.y1, round(word.box.y1 * height)) - band.y0
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    return float(mask.mean()) if mask.size else 1.0


def _read_band(
    band: Band, image: np.ndarray, settings: Settings, deadline: float, language: str
) -> Line | None:
    """The band cut out with a margin and read as one line; its sure words, or None."""
    height, width = image.shape[:2]
    pad = round(MARGIN * band.height)
    x0, y0 = max(0, band.x0 - 2 * pad), max(0, band.y0 - pad)
    x1, y1 = min(width, band.x1 + 2 * pad), min(height, band.y1 + pad)
    window = (x0 / width, y0 / height, x1 / width, y1 / height)
    read = read_cut_out(image, window, band.height, settings, deadline, language) or ()
    words = tuple(w for w in read if w.confidence >= settings.ocr_missed_min_confidence)
    words = tuple(w for w in words if not is_texture(w.text))
    if sum(_letters(w) for w in words) < MIN_LETTERS:
        return None
    return Line(words=words)


def _letters(word: Word) -> int:
    return sum(c.isalnum() for c in word.text)
