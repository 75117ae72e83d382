"""Page previews for the pages: kept since the worker read the document, or drawn now.

The file is untrusted: it is opened in a contained child process
(``ingest.contained``) with ``preview_timeout_s`` and ``preview_memory_mb``,
so a hostile PDF costs one preview (answered 422) and never the API process.
At most ``preview_concurrency`` previews are drawn at once per process; a
request beyond that is answered 429 with ``Retry-After`` at once, so waiting
previews never hold the server's threads (or its health checks). A drawn
preview is kept beside the stored file (``FileStore.preview_path``) and
served from there afterwards; it goes when the file goes. A preview is PNG,
or JPEG for a photograph (``media_type`` tells them apart by their bytes).
The worker draws every page's preview when it reads the document
(``store.previews``), so a preview is drawn here only for documents read
before that, or when that drawing failed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ingest.errors import NotFound, TooManyRequests
from ingest.settings import Settings
from store.files import FileStore
from store.models import Document
from store.previews import draw_preview

RETRY_AFTER_S = 2
JPEG_MAGIC = b"\xff\xd8\xff"


def media_type(image: bytes) -> str:
    """A preview is PNG, or JPEG for a photograph (``ingest.previews.encode_preview``)."""
    return "image/jpeg" if image.startswith(JPEG_MAGIC) else "image/png"


class Previews:
    def __init__(self, settings: Settings, files: FileStore) -> None:
        self.settings = settings
        self.files = files
        self.drawing = threading.BoundedSemaphore(max(1, settings.preview_concurrency))

    def image(self, path: Path, document: Document, page: int) -> bytes:
        """The page's preview (PNG or JPEG): kept from an earlier draw, or drawn now (if a
        slot is free)."""
        pages = (document.result or {}).get("pages") or []
        if page < 1 or page > len(pages):
            raise NotFound(f"The document has {len(pages)} page(s); there is no page {page}.")
        rotation = int(pages[page - 1].get("rotation") or 0)  # recorded clockwise
        kept = self.files.preview_path(document.sha256, page, rotation)
        if kept.exists():
            return kept.read_bytes()
        if not self.drawing.acquire(blocking=False):
            raise TooManyRequests(
                f"Previews are being drawn; try again in {RETRY_AFTER_S} seconds.",
                retry_after_s=RETRY_AFTER_S,
            )
        try:
            drawn = self._draw(path, document.kind, page, rotation)
        finally:
            self.drawing.release()
        self.files.keep_preview(document.sha256, page, rotation, drawn)
        return drawn

    def _draw(self, path: Path, kind: str, page: int, rotation: int) -> bytes:
        return draw_preview(path, kind, page, rotation, self.settings)
