"""A stored page rendered small and turned upright, as PNG bytes.

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


def render_page_png(path: Path, kind: str, index: int, rotation: int, settings: Settings) -> bytes:
    """Page ``index`` (0-based) of the file, turned by ``rotation`` degrees clockwise."""
    image = _page_image(path, kind, index, settings)
    if rotation % 360:
        image = image.rotate(-rotation, expand=True)
    image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _page_image(path: Path, kind: str, index: int, settings: Settings) -> Image.Image:
    if kind == "pdf":
        return render_pdf_page(path, index, settings, dpi=PREVIEW_DPI)
    for number, frame in enumerate(iter_image_frames(path, settings, PREVIEW_MAX_SIDE)):
        if number == index:
            return frame
    raise NotFound(f"There is no page {index + 1}.")
