"""A stored page rendered small and turned upright, as PNG bytes, or JPEG for a photograph.

A page with text drawn on it (a digital PDF) stays PNG: sharp, and small. A
photograph or a scan is kept as JPEG when that is under half the PNG: as PNG
the case page's nine previews weighed 7.9 MB (a 2000 x 1500 phone photo
2.8 MB), over 2 s on a 30 Mbit/s line; as JPEG 1.4 MB (bench/pages.py). The
source of a photograph was JPEG already. The bytes say which
(``api.previews.media_type``).

Run through ``ingest.contained`` (its own process, time and memory caps):
a preview opens the uploaded file again, and the file may be hostile.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ingest.errors import NotFound
from ingest.images import iter_image_frames, render_pdf_page
from ingest.settings import Settings

PREVIEW_DPI = 100
PREVIEW_MAX_SIDE = 2000
JPEG_QUALITY = 85
JPEG_SHARE = 0.5  # JPEG only when under this share of the PNG: photographs, never drawn text


def render_page_preview(
    path: Path, kind: str, index: int, rotation: int, settings: Settings
) -> bytes:
    """Page ``index`` (0-based) of the file, turned by ``rotation`` degrees clockwise."""
    image = _page_image(path, kind, index, settings)
    if rotation % 360:
        image = image.rotate(-rotation, expand=True)
    image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
    return encode_preview(image)


def encode_preview(image: Image.Image) -> bytes:
    """PNG, or JPEG when that is under ``JPEG_SHARE`` of the PNG."""
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=False)
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, format="JPEG", quality=JPEG_QUALITY)
    if jpeg.tell() < JPEG_SHARE * png.tell():
        return jpeg.getvalue()
    return png.getvalue()


def _page_image(path: Path, kind: str, index: int, settings: Settings) -> Image.Image:
    if kind == "pdf":
        return render_pdf_page(path, index, settings, dpi=PREVIEW_DPI)
    for number, frame in enumerate(iter_image_frames(path, settings, PREVIEW_MAX_SIDE)):
        if number == index:
            return frame
    raise NotFound(f"There is no page {index + 1}.")
