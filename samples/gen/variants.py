"""Turn a drawn document into one capture variant: bytes, file extension, pages shown."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from samples.gen.capture import (
    images_to_pdf,
    on_scanner_bed,
    rasterize,
    rotate_pdf_pages,
    scan_clean,
    scan_degraded,
    turn,
)
from samples.gen.draw import Rendered
from samples.gen.photo import heic_bytes, jpeg_bytes, photograph


@dataclass(frozen=True)
class Output:
    data: bytes
    ext: str
    pages: int  # how many of the document's pages the file shows


def _pages(
    r: Rendered, dpi: float, small: bool, rng: np.random.Generator, first_only: bool = False
) -> list[Image.Image]:
    images = rasterize(r.pdf, dpi, first_only)
    if small:
        images = [on_scanner_bed(img, dpi, rng) for img in images]
    return images


def _scan_clean(r: Rendered, small: bool, rng: np.random.Generator) -> Output:
    color = bool(rng.random() < 0.5)
    images = [scan_clean(img, rng, color) for img in _pages(r, 300, small, rng)]
    return Output(images_to_pdf(images, 300, 75), "pdf", len(images))


def _scan_degraded(r: Rendered, small: bool, option: str, rng: np.random.Generator) -> Output:
    dpi = float(rng.choice([150, 175, 200]))
    images = [scan_degraded(img, rng) for img in _pages(r, dpi, small, rng)]
    if option == "pdf":
        return Output(images_to_pdf(images, dpi, 60), "pdf", len(images))
    out = io.BytesIO()
    if option == "png":
        # 32 grey levels, as many scanner drivers save "grayscale" PNGs
        levels = images[0].point(lambda v: v // 8 * 8)
        levels.save(out, "PNG", dpi=(dpi, dpi), optimize=True)
    else:
        # a bilevel fax-style TIFF: threshold the faded page, Group 4 compression
        bilevel = images[0].point(lambda v: 255 if v > 165 else 0).convert("1")
        bilevel.save(out, "TIFF", dpi=(dpi, dpi), compression="group4")
    return Output(out.getvalue(), option, 1)


def _photo(r: Rendered, small: bool, option: str, rng: np.random.Generator) -> Output:
    long_side = int(rng.integers(2300, 2800))
    fill = float(rng.uniform(0.5, 0.68) if small else rng.uniform(0.72, 0.86))
    doc_long_in = max(r.width, r.height) / 72
    dpi = fill * long_side / doc_long_in * 1.05
    page = rasterize(r.pdf, dpi, first_only=True)[0]
    img = photograph(page, rng, long_side, fill)
    if option == "heic":
        return Output(heic_bytes(img, 50), "heic", 1)
    orientation = int(option[4:]) if option.startswith("exif") else 1
    model = "Pixel 7" if rng.random() < 0.5 else "iPhone 13"
    return Output(jpeg_bytes(img, int(rng.integers(76, 86)), orientation, model), "jpg", 1)


def _rotated(r: Rendered, small: bool, option: str, rng: np.random.Generator) -> Output:
    kind, degrees = option[:3], int(option[3:])
    if kind == "pdf":
        return Output(rotate_pdf_pages(r.pdf, degrees), "pdf", len(r.pages))
    dpi = 300 if kind == "img" or small else 200
    images = [turn(scan_clean(img, rng, True), degrees) for img in rasterize(r.pdf, dpi)]
    if kind == "img":
        return Output(images_to_pdf(images, dpi, 80), "pdf", len(images))
    out = io.BytesIO()
    images[0].save(out, "JPEG", quality=82, dpi=(dpi, dpi))
    return Output(out.getvalue(), "jpg", 1)


def make(r: Rendered, capture: str, small: bool, rng: np.random.Generator) -> Output:
    variant, _, option = capture.partition(":")
    if variant == "digital":
        return Output(r.pdf, "pdf", len(r.pages))
    if variant == "scan_clean":
        return _scan_clean(r, small, rng)
    if variant == "scan_degraded":
        return _scan_degraded(r, small, option, rng)
    if variant == "photo":
        return _photo(r, small, option, rng)
    if variant == "rotated":
        return _rotated(r, small, option, rng)
    raise ValueError(f"unknown capture {capture!r}")
