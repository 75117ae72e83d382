"""Page previews: a stored page rendered small and turned upright."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ingest.errors import NotFound
from ingest.images import iter_image_frames, render_pdf_page
from ingest.settings import Settings
from store.models import Document

PREVIEW_DPI = 100
PREVIEW_MAX_SIDE = 2000


def render_preview(path: Path, document: Document, page: int, settings: Settings) -> bytes:
    pages = (document.result or {}).get("pages") or []
    if page < 1 or page > len(pages):
        raise NotFound(f"The document has {len(pages)} page(s); there is no page {page}.")
    rotation = int(pages[page - 1].get("rotation") or 0)
    image = _page_image(path, document.kind, page - 1, settings)
    if rotation % 360:
        image = image.rotate(-rotation, expand=True)  # recorded rotation is clockwise
    image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _page_image(path: Path, kind: str, index: int, settings: Settings) -> Image.Image:
    if kind == "pdf":
        return render_pdf_page(path, index, settings, dpi=PREVIEW_DPI)
    for number, frame in enumerate(iter_image_frames(path, settings)):
        if number == index:
            return frame
    raise NotFound(f"There is no page {index + 1}.")
