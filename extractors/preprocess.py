"""Image preparation before OCR, with opencv (headless); ``extractors.upright`` measures
which way the text runs with the same tools.

Each step is a plain function from image to image (or to a measurement).
``extractors.reading`` chains the ones that ``make bench`` showed to lower the
character error rate: flatten a photographed sheet, even out the light, bring
the text to the height tesseract reads best, turn the page upright, deskew.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

cv2.setNumThreads(1)  # one thread per process, like tesseract: parallelism comes from processes

WORK_SIDE = 1000  # long side of the downscaled copies used for measurements
MIN_GLYPHS = 30  # fewer letter-sized blobs than this give no reliable text size
DARK_PAGE_MEDIAN = 100  # grey level: a page this dark in the median is light-on-dark
MIN_INK_FOR_SKEW = 2000  # ink pixels in the work copy: a few words cannot show a skew


def to_gray(image: Image.Image | np.ndarray) -> np.ndarray:
    array = np.asarray(image)
    if array.ndim == 3:
        return np.asarray(cv2.cvtColor(array, cv2.COLOR_RGB2GRAY))
    return array


def rotate_quarter(gray: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns.get(clockwise_degrees % 360)
    return gray if code is None else np.asarray(cv2.rotate(gray, code))


def resize(gray: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 1e-3:
        return gray
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return np.asarray(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation))


def work_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    factor = min(1.0, WORK_SIDE / max(gray.shape[:2]))
    return resize(gray, factor), factor


def dark_on_light(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, by Otsu's threshold."""
    return np.asarray(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1])


# Photographed sheets ---------------------------------------------------------


def find_page_quad(
    image: np.ndarray, *, min_area: float, max_area: float, min_contrast: float
) -> np.ndarray | None:
    """Corners (4x2, clockwise from top left, full-size pixels) of a sheet or card
    photographed on a darker background, or None when there is no clear one.

    The background is learnt from the frame's outer ring; the sheet is what
    differs from it in colour, so a card's coloured band stays part of the card
    (a brightness threshold cut it off). A scan, whose ring is white paper, and a
    region touching the frame's edge are left alone.
    """
    rgb = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    small, factor = work_copy(rgb)
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (9, 9), 0), cv2.COLOR_RGB2LAB).astype(np.float32)
    ring = _outer_ring(lab)
    background = np.median(ring, axis=0)
    spread = float(np.median(np.linalg.norm(ring - background, axis=1)))
    distance = np.linalg.norm(lab - background, axis=2)
    sheet = (distance > max(min_contrast, 4 * spread)).astype(np.uint8) * 255
    sheet = cv2.morphologyEx(sheet, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(sheet, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    share = cv2.contourArea(quad) / float(small.shape[0] * small.shape[1])
    if len(quad) != 4 or not min_area <= share <= max_area or _touches_edge(quad, small.shape):
        return None
    inside = np.zeros(small.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, quad, 255)
    contrast = abs(float(np.median(lab[inside > 0, 0])) - float(background[0]))
    if contrast < min_contrast:
        return None  # white paper all round (a scan): nothing to flatten
    return _order_corners(quad.astype(np.float32) / factor)


def _outer_ring(lab: np.ndarray) -> np.ndarray:
    band = max(2, min(lab.shape[:2]) // 25)
    return np.concatenate(
        [
            lab[:band].reshape(-1, 3),
            lab[-band:].reshape(-1, 3),
            lab[:, :band].reshape(-1, 3),
            lab[:, -band:].reshape(-1, 3),
        ]
    )


def _touches_edge(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    height, width = shape[:2]
    margin = 0.01 * max(height, width)
    xs, ys = quad[:, 0], quad[:, 1]
    return bool(
        (xs < margin).any()
        or (ys < margin).any()
        or (xs > width - 1 - margin).any()
        or (ys > height - 1 - margin).any()
    )


def _order_corners(points: np.ndarray) -> np.ndarray:
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def flatten_quad(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Warp the sheet inside ``quad`` to a flat rectangle at the photo's resolution."""
    top_left, top_right, bottom_right, bottom_left = quad
    width = int(
        max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    )
    height = int(
        max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    )
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32
    )
    matrix = cv2.getPerspectiveTransform(quad, target)
    warped = cv2.warpPerspective(
        gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255,)
    )
    return np.asarray(warped)


# Light, noise, contrast -------------------------------------------------------


def normalize_illumination(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness (a wide median, which ink does not
    survive): faint grey scans become black on white and shadows go. On the
    degraded scans of the sample set this read better (order-free CER 28 %)
    than a morphological closing (33 %), a global stretch (47 %) or nothing
    (55 %); on flattened photos with glare, 0.04-0.31 where the unlit sheet
    read 0.50-0.79 (and misled the letter-size estimate into upscaling)."""
    small, _ = work_copy(gray)
    background = cv2.medianBlur(small, 51)
    height, width = gray.shape[:2]
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    normalized = cv2.divide(gray, np.maximum(background, 1), scale=255)
    # On a dark band (a header printed in white), dividing would clip the light
    # letters away with the band; there the inverse is divided instead, which
    # turns them into dark letters on white like the rest of the page.
    band = background < DARK_PAGE_MEDIAN
    if band.any():
        inverse = cv2.divide(255 - gray, np.maximum(255 - background, 1), scale=255)
        normalized = np.where(band, inverse, normalized)
    return np.asarray(normalized, dtype=np.uint8)


def is_dark_page(gray: np.ndarray) -> bool:
    """Light text on a dark sheet (a dark-themed certificate): most pixels dark."""
    small, _ = work_copy(gray)
    return float(np.median(small)) < DARK_PAGE_MEDIAN


def invert(gray: np.ndarray) -> np.ndarray:
    """Tesseract 4+ reads dark text on light paper; turn a dark page over."""
    return np.asarray(cv2.bitwise_not(gray))


def noise_level(gray: np.ndarray) -> float:
    """Standard deviation of the speckle on the paper: what a 3x3 median removes,
    measured on the lighter half of the pixels (0 on a clean render)."""
    smooth = cv2.medianBlur(gray, 3)
    paper = smooth > _median(smooth)
    if paper.sum() < 100:
        return 0.0
    residual = gray.astype(np.float32) - smooth.astype(np.float32)
    return float(residual[paper].std())


def _median(gray: np.ndarray) -> float:
    """``np.percentile(gray, 50)`` of a uint8 image from its histogram: the same
    value (the two middle values averaged), twenty times faster on a page."""
    counts = np.cumsum(np.bincount(gray.ravel(), minlength=256))
    total = int(counts[-1])
    low = int(np.searchsorted(counts, (total - 1) // 2, side="right"))
    high = int(np.searchsorted(counts, total // 2, side="right"))
    return (low + high) / 2


def despeckle(gray: np.ndarray) -> np.ndarray:
    return np.asarray(cv2.medianBlur(gray, 3))


# Size of the text ------------------------------------------------------------


def glyph_height(gray: np.ndarray) -> float | None:
    """Median height in pixels of the letter-sized ink blobs, or None without text.

    Measured after a 3x3 median, so a degraded scan's speckle (blobs of 5-6 px
    that outnumbered its letters) does not pass for small print."""
    binary = dark_on_light(cv2.medianBlur(gray, 3))
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    heights, widths, areas = stats[1:, 3], stats[1:, 2], stats[1:, 4]
    height, width = gray.shape[:2]
    fill = areas / np.maximum(heights * widths, 1)
    square = (heights < 1.5 * widths) & (widths < 1.5 * heights)
    dots = (fill > 0.9) | ((fill > 0.7) & square)  # dotted rules, bullets, specks, bars
    letters = (
        (heights >= 5) & (heights < height * 0.06) & (widths >= 2) & (widths < width * 0.1)
    ) & ((areas >= 10) & ~dots)
    if letters.sum() < MIN_GLYPHS:
        return None  # a word or two, or only rules and dots: no reliable size
    return float(np.median(heights[letters]))


def text_scale(glyph_px: float | None, *, target_px: float, tolerance: float) -> float:
    """Factor that brings the median glyph to ``target_px`` (1.0 when already close)."""
    if glyph_px is None:
        return 1.0
    factor = min(4.0, max(0.35, target_px / glyph_px))
    return 1.0 if abs(factor - 1.0) <= tolerance else factor


# Skew ------------------------------------------------------------------------


def skew_angle(gray: np.ndarray, *, max_degrees: float = 10.0) -> float:
    """Small rotation in degrees (counter-clockwise positive) that levels the text
    lines: the angle whose row profile of ink is sharpest."""
    small, _ = work_copy(gray)
    ink = dark_on_light(small) // 255  # 0/1 in uint8: turned four times faster than floats
    if int(ink.sum()) < MIN_INK_FOR_SKEW:
        return 0.0
    best = _best_angle(ink, np.arange(-max_degrees, max_degrees + 0.01, 0.5))
    return _best_angle(ink, np.arange(best - 0.5, best + 0.51, 0.1))


def _best_angle(ink: np.ndarray, angles: np.ndarray) -> float:
    height, width = ink.shape
    centre = (width / 2, height / 2)
    scores = []
    for angle in angles:
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
        profile = cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
        scores.append(float(np.square(np.diff(profile.astype(np.float64))).sum()))
    return round(float(angles[int(np.argmax(scores))]), 2)


def rotate_small(gray: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate by a small angle, growing the canvas so no corner is cut off."""
    if abs(degrees) < 0.2:
        return gray
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos), int(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    turned = cv2.warpAffine(gray, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderValue=(255,))
    return np.asarray(turned)


def text_crop(
    gray: np.ndarray, max_side: int
) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The densest window of text, at most ``max_side`` square, and where it is
    (fractions x0, y0, x1, y1): enough for a quick trial read."""
    height, width = gray.shape[:2]
    if max(height, width) <= max_side:
        return gray, (0.0, 0.0, 1.0, 1.0)
    ink = dark_on_light(cv2.medianBlur(gray, 3))  # letters, not speckle
    top = _densest_start(ink.sum(axis=1).astype(np.float64), min(max_side, height))
    left = _densest_start(ink.sum(axis=0).astype(np.float64), min(max_side, width))
    bottom, right = min(height, top + max_side), min(width, left + max_side)
    window = (left / width, top / height, right / width, bottom / height)
    return gray[top:bottom, left:right], window


def content_window(gray: np.ndarray, margin: float = 0.02) -> tuple[float, float, float, float]:
    """Fractions (x0, y0, x1, y1) of the page that hold ink, with a margin: a card
    scanned on a letter page is a small island in speckled paper, which
    tesseract's layout analysis can dismiss whole (it read nothing on one such
    page, and the card alone perfectly)."""
    small, _ = work_copy(gray)
    ink = dark_on_light(cv2.medianBlur(small, 3))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    points = cv2.findNonZero(ink)
    if points is None:
        return (0.0, 0.0, 1.0, 1.0)
    left, top, width, height = cv2.boundingRect(points)
    rows, cols = small.shape[:2]
    return (
        max(0.0, left / cols - margin),
        max(0.0, top / rows - margin),
        min(1.0, (left + width) / cols + margin),
        min(1.0, (top + height) / rows + margin),
    )


def _densest_start(profile: np.ndarray, window: int) -> int:
    sums = np.convolve(profile, np.ones(window), mode="valid")
    return int(np.argmax(sums))


# Printed text a PDF's text layer does not hold --------------------------------

EDGE_CONTRAST = 48  # grey levels between a letter's stroke and its background


def silent_ink_share(gray: np.ndarray, word_boxes: list[tuple[int, int, int, int]]) -> float:
    """Share of the page's letter ink that lies outside ``word_boxes`` (pixels:
    left, top, right, bottom): how much printed text the layer leaves unsaid.

    Letters are found by their edges (dark on light and light on dark alike),
    kept when letter-sized and beside another letter of like height, so a
    signature, a seal's specks or a ruled box do not count as text.
    """
    gradient = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, np.ones((2, 2), np.uint8))
    edges = (gradient > EDGE_CONTRAST).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(edges, connectivity=8)
    letters = _letters_in_rows(stats[1:])
    if not letters:
        return 0.0
    inside = np.zeros(gray.shape[:2], np.uint8)
    for left, top, right, bottom in word_boxes:
        inside[max(0, top) : bottom + 1, max(0, left) : right + 1] = 1
    silent = sum(area for x, y, w, h, area in letters if not inside[y + h // 2, x + w // 2])
    return silent / sum(area for *_, area in letters)


def _letters_in_rows(stats: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Letter-sized blobs (4 to 60 px high at 72 DPI) with a neighbour of like
    height less than a letter height away on the same row."""
    blobs = [
        (int(x), int(y), int(w), int(h), int(a))
        for x, y, w, h, a in stats
        if 4 <= h <= 60 and 2 <= w <= 8 * h and a >= 0.08 * w * h
    ]
    blobs.sort()
    kept: list[tuple[int, int, int, int, int]] = []
    for i, (x, y, w, h, _) in enumerate(blobs):
        for other in blobs[i + 1 :]:
            if other[0] > x + w + h:
                break
            same_row = abs((other[1] + other[3] / 2) - (y + h / 2)) < 0.5 * max(h, other[3])
            if same_row and 0.5 < other[3] / h < 2:
                kept.extend((blobs[i], other))
                break
    return list(dict.fromkeys(kept))
