"""A page image made ready for tesseract: flattened, evened out, upright, scaled, level.

``level_page`` does what does not depend on the page's orientation (find a
photographed sheet, turn a dark page over, divide out uneven light) and
measures the letter height once; ``upright_page`` turns it by a quarter turn,
brings the letters to the height tesseract reads best and deskews. Reading
(``extractors.orientation``) may ask for more than one turn of the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from extractors import preprocess, upright
from ingest.settings import Settings


@dataclass(frozen=True, slots=True)
class Leveled:
    """A page flattened, evened out and dark on light, not yet turned upright."""

    gray: np.ndarray
    glyph: float | None  # median letter height in pixels, measured once
    line_direction: float  # above 1: lines run across the page (upright.line_direction)
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page image ready for tesseract, and what was done to get there."""

    image: np.ndarray
    scale: float  # prepared pixels per source pixel
    rotation: int  # clockwise quarter turn applied
    alternatives: tuple[int, ...]  # further turns to try: orientation detection was unsure
    notes: tuple[str, ...]
    window: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)  # where the ink is
    script: str = ""  # a script tesseract saw that is not read here ("Arabic"); "" otherwise

    def content(self) -> np.ndarray:
        """The part of the page that holds ink: what tesseract is given."""
        height, width = self.image.shape[:2]
        x0, y0, x1, y1 = self.window
        return self.image[
            round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)
        ]


def level_page(pixels: np.ndarray, settings: Settings, *, known_upright: bool) -> Leveled:
    """Flatten a photographed sheet, turn a dark page over, even out the light."""
    notes: list[str] = []
    gray = preprocess.to_gray(pixels)
    quad = None
    if not known_upright:
        quad = preprocess.find_page_quad(
            pixels,
            min_area=settings.photo_min_page_share,
            max_area=settings.photo_max_page_share,
            min_contrast=settings.photo_min_contrast,
        )
    if quad is not None:
        gray = preprocess.flatten_quad(gray, quad)
        notes.append("photo: sheet found and flattened")
    if preprocess.is_dark_page(gray):
        gray = preprocess.invert(gray)
        notes.append("light text on a dark page: inverted")
    gray = preprocess.normalize_illumination(gray)
    glyph = preprocess.glyph_height(gray)
    return Leveled(gray, glyph, upright.line_direction(gray, glyph), tuple(notes))


def upright_page(leveled: Leveled, rotation: int, settings: Settings) -> Prepared:
    """Turn the page, bring its letters to the height tesseract reads best, deskew.
    A half turn leaves the letter height as measured; a quarter turn measures again."""
    upright = preprocess.rotate_quarter(leveled.gray, rotation)
    glyph = leveled.glyph if rotation % 180 == 0 else preprocess.glyph_height(upright)
    scale = preprocess.text_scale(
        glyph, target_px=settings.ocr_glyph_px, tolerance=settings.ocr_glyph_tolerance
    )
    scale = min(scale, (settings.ocr_max_pixels / upright.size) ** 0.5)
    scaled = preprocess.resize(upright, scale)
    notes = list(leveled.notes)
    if preprocess.noise_level(scaled) >= settings.despeckle_min_noise:
        scaled = preprocess.despeckle(scaled)
        notes.append("speckle removed")
    angle = preprocess.skew_angle(scaled)
    if abs(angle) >= 0.2:
        notes.append(f"deskewed by {angle:.1f} degrees")
    image = preprocess.rotate_small(scaled, angle)
    window = preprocess.content_window(image)
    return Prepared(image, scale, rotation, (), tuple(notes), window)


def half_turn(prepared: Prepared) -> Prepared:
    """The prepared page turned upside down: the same as preparing it turned, as
    scaling, despeckling and deskewing about the centre do not care, for the
    price of one rotation."""
    x0, y0, x1, y1 = prepared.window
    return replace(
        prepared,
        image=preprocess.rotate_quarter(prepared.image, 180),
        rotation=(prepared.rotation + 180) % 360,
        window=(1.0 - x1, 1.0 - y1, 1.0 - x0, 1.0 - y0),
    )
