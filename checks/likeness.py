"""One page, two uploads: the same capture but for the holder's line.

A name swapped in an image editor leaves the rest of the page as it was, to
the pixel. Two checks, both needed:

- the page: a grid of its grey levels (48 x 48 cells of the upright first
  page) differs nowhere outside the holder's line. Measured on the real
  documents and the samples: a renamed copy differed in no cell by more than a
  grey level; other certificates of one template in 30 cells or more; one
  certificate scanned and digital by 3.8 grey levels on average;
- the grain: a photo or a scanner leaves noise on flat paper that no second
  capture repeats. Sampled at fixed places of the page (16 patches), the grain
  of a renamed copy is the original's (correlation 0.9 to 1, also once saved
  again as a JPEG of the photo's own quality; 0.2 to 0.5 at a lower one, which
  is missed); two captures of classmates' certificates, however well aligned,
  share none (near 0).

A page drawn by software (a PDF, a screenshot, an exported picture) has no
grain, and two classmates' pages of one template are the same outside the
name but for the id: an id one digit apart moves a cell by 2 to 8 grey
levels, within what resizing a copy does (5). Such pages are not compared
here; they are found by their ids (``checks.reuse``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ingest.record import Fingerprints

CELLS = 48  # a side of the grid: 48 x 48 grey levels of the page
CELL_DIFFERS = 10  # grey levels (0..255) by which a cell differs from the other page's
MEAN_MAX = 1.5  # mean difference over the cells compared (two captures: 3 or more)
COMPARED_MIN = 0.5  # of the grid left once the holders' lines are set aside
ASPECT_TOLERANCE = 0.02  # the two pages' shapes (height over width) agree this closely
NOISE_EDGE = 8  # grey levels: neighbours within this of each other lie on a flat area
NOISE_STEP = 4  # a flat-area pixel off its neighbours' mean by more (x4) is grain
NOISE_MIN = 0.2  # share of grainy flat-area pixels: a photo or a scan
# Measured: photos and degraded scans 0.24 to 0.80; documents drawn by software 0.00
# to 0.16 (patterned backgrounds, JPEG screenshots), clean synthetic scans under 0.05.
GRAIN_PLACES = 4  # patches across and down the page
GRAIN_SIDE = 16  # pixels a side of a patch, at the page's own resolution
GRAIN_CLIP = 7  # grain kept as -7..7 grey levels off the neighbours' mean (0: not flat)
GRAIN_SAMPLES_MIN = 200  # flat pixels both pages share, for a correlation to mean anything
GRAIN_SAME = 0.5  # correlation of the two grains: one capture (two: near 0)


@dataclass(frozen=True, slots=True)
class Likeness:
    """Two pages the same outside the holders' lines, and why that is one capture twice."""

    cells_compared: int
    cells_differing: int
    mean_difference: float
    why: str

    def detail(self) -> str:
        return (
            f"the same page outside the holder's line: {self.cells_differing} of "
            f"{self.cells_compared} cells differ by more than {CELL_DIFFERS} grey levels, "
            f"{self.mean_difference:.2f} on average; {self.why}"
        )


def page_cells(image: Image.Image) -> str:
    """The page's grey levels on a fine grid (base64, one byte a cell)."""
    small = image.convert("L").resize((CELLS, CELLS), Image.Resampling.BOX)
    return base64.b64encode(np.asarray(small, dtype=np.uint8).tobytes()).decode()


def capture_noise(image: Image.Image) -> float:
    """The share of pixels on flat areas that stand off their neighbours: grain that a
    photo or a scanner leaves and software drawing does not."""
    residual, flat = _residual(np.asarray(image.convert("L"), dtype=np.int16))
    if not flat.any():
        return 0.0
    return round(float((np.abs(residual[flat]) >= NOISE_STEP).mean()), 4)


def page_grain(image: Image.Image) -> str:
    """The grain at fixed places of the page (base64, two places a byte): each flat
    pixel's difference from its neighbours' mean, 0 where the page is not flat."""
    gray = np.asarray(image.convert("L"), dtype=np.int16)
    patches = []
    for row in range(GRAIN_PLACES):
        for column in range(GRAIN_PLACES):
            top = int((row + 0.5) / GRAIN_PLACES * gray.shape[0]) - GRAIN_SIDE // 2 - 1
            left = int((column + 0.5) / GRAIN_PLACES * gray.shape[1]) - GRAIN_SIDE // 2 - 1
            patch = gray[max(top, 0) : top + GRAIN_SIDE + 2, max(left, 0) : left + GRAIN_SIDE + 2]
            patches.append(_patch_grain(patch))
    grain = np.concatenate(patches)
    values = np.where(grain == _NOT_FLAT, 0, grain + GRAIN_CLIP + 1).astype(np.uint8)  # 1..15
    packed = (values[0::2] << 4) | values[1::2]
    return base64.b64encode(packed.astype(np.uint8).tobytes()).decode()


_NOT_FLAT = -128


def _patch_grain(patch: np.ndarray) -> np.ndarray:
    size = GRAIN_SIDE * GRAIN_SIDE
    if patch.shape != (GRAIN_SIDE + 2, GRAIN_SIDE + 2):
        return np.full(size, _NOT_FLAT, dtype=np.int16)
    residual, flat = _residual(patch)
    grain = np.clip(np.round(residual / 4), -GRAIN_CLIP, GRAIN_CLIP).astype(np.int16)
    return np.where(flat, grain, _NOT_FLAT).ravel()


def _residual(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each inner pixel off its four neighbours (x4), and whether it lies on a flat area."""
    if gray.shape[0] < 3 or gray.shape[1] < 3:
        empty = np.zeros((0, 0), dtype=np.int16)
        return empty, empty.astype(bool)
    centre = gray[1:-1, 1:-1]
    up, down, left, right = gray[:-2, 1:-1], gray[2:, 1:-1], gray[1:-1, :-2], gray[1:-1, 2:]
    highest = np.maximum(np.maximum(up, down), np.maximum(left, right))
    lowest = np.minimum(np.minimum(up, down), np.minimum(left, right))
    flat = (highest - lowest) <= NOISE_EDGE
    return 4 * centre - up - down - left - right, flat


def same_page(mine: Fingerprints, theirs: Fingerprints) -> Likeness | None:
    """The likeness of two uploads' first pages, None when they are not one page twice
    (or cannot be compared)."""
    if not mine.page_cells or not theirs.page_cells or not _same_shape(mine, theirs):
        return None
    a, b = _grid(mine.page_cells), _grid(theirs.page_cells)
    if a is None or b is None:
        return None
    kept = _outside(mine.holder_line) & _outside(theirs.holder_line)
    if kept.mean() < COMPARED_MIN:
        return None
    difference = np.abs(a - b)[kept]
    differing, mean = int((difference > CELL_DIFFERS).sum()), float(difference.mean())
    if differing or mean > MEAN_MAX:
        return None
    why = _why(mine, theirs)
    if why is None:
        return None
    return Likeness(int(kept.sum()), differing, round(mean, 2), why)


def _why(mine: Fingerprints, theirs: Fingerprints) -> str | None:
    """Why the two are one capture: a grain both carry, the same at the same places."""
    noise = min(mine.capture_noise or 0.0, theirs.capture_noise or 0.0)
    if noise < NOISE_MIN or not mine.page_grain or not theirs.page_grain:
        return None
    correlation = grain_correlation(mine.page_grain, theirs.page_grain)
    if correlation is None or correlation < GRAIN_SAME:
        return None
    return (
        f"both carry one capture's grain ({noise:.2f} of flat pixels), the same at the "
        f"same places (correlation {correlation:.2f}): one photo or scan"
    )


def grain_correlation(a: str, b: str) -> float | None:
    """How alike two pages' grains are where both are flat; None when too little is."""
    first, second = _unpacked(a), _unpacked(b)
    if first is None or second is None or first.size != second.size:
        return None
    both = (first != 0) & (second != 0)
    if both.sum() < GRAIN_SAMPLES_MIN:
        return None
    x = first[both].astype(float) - GRAIN_CLIP - 1
    y = second[both].astype(float) - GRAIN_CLIP - 1
    energy = float(np.sqrt((x * x).sum() * (y * y).sum()))
    return round(float((x * y).sum()) / energy, 3) if energy else None


def _unpacked(grain: str) -> np.ndarray | None:
    try:
        packed = np.frombuffer(base64.b64decode(grain), dtype=np.uint8)
    except ValueError:
        return None
    return np.stack([packed >> 4, packed & 15], axis=1).ravel()


def _same_shape(mine: Fingerprints, theirs: Fingerprints) -> bool:
    if not mine.page_aspect or not theirs.page_aspect:
        return False
    return abs(mine.page_aspect - theirs.page_aspect) <= ASPECT_TOLERANCE * theirs.page_aspect


def _grid(cells: str) -> np.ndarray | None:
    try:
        raw = np.frombuffer(base64.b64decode(cells), dtype=np.uint8)
    except ValueError:
        return None
    return raw.reshape(CELLS, CELLS).astype(np.int16) if raw.size == CELLS * CELLS else None


def _outside(line: list[float] | None) -> np.ndarray:
    """The cells off the holder's line (its top and bottom as fractions of the page),
    the whole width: a longer name runs past the printed one's box."""
    kept = np.ones((CELLS, CELLS), dtype=bool)
    if line is not None and len(line) == 2:
        top = max(int(np.floor(line[0] * CELLS)) - 1, 0)
        bottom = min(int(np.ceil(line[1] * CELLS)) + 1, CELLS)
        kept[top:bottom, :] = False
    return kept
