"""Page previews drawn once, when the document is read, and kept beside its stored file.

The worker draws every page's preview right after reading the document, so the
pages never wait for one; the API draws one only when it is missing (a document
read before previews were kept, or a drawing that failed). Drawing happens in a
contained child process (``ingest.contained``) with ``preview_timeout_s`` and
``preview_memory_mb``: the file is untrusted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ingest.contained import run_contained
from ingest.errors import CertverifyError, ProcessingTimeout, ResourceLimit
from ingest.previews import render_page_preview
from ingest.settings import Settings
from store.files import FileStore

log = logging.getLogger(__name__)


def draw_preview(path: Path, kind: str, page: int, rotation: int, settings: Settings) -> bytes:
    """Page ``page`` (from 1) of the file as PNG (JPEG for a photograph), turned ``rotation``
    degrees clockwise."""
    try:
        return run_contained(
            render_page_preview,
            path,
            kind,
            page - 1,
            rotation,
            settings,
            timeout_s=settings.preview_timeout_s,
            memory_mb=settings.preview_memory_mb,
        )
    except (ProcessingTimeout, ResourceLimit) as e:
        raise type(e)(f"Page {page} could not be drawn for a preview: {e.message}") from e


def keep_previews(
    files: FileStore,
    path: Path,
    sha256: str,
    kind: str,
    pages: list[dict[str, Any]],
    settings: Settings,
) -> int:
    """Draw and keep the preview of every page not kept yet; the number drawn. A page
    that cannot be drawn is logged and left to be drawn on request (which says why)."""
    drawn = 0
    for number, page in enumerate(pages, start=1):
        rotation = int(page.get("rotation") or 0)
        if files.preview_path(sha256, number, rotation).exists():
            continue
        try:
            png = draw_preview(path, kind, number, rotation, settings)
        except CertverifyError as e:
            log.warning("preview of page %d of %s not drawn: %s", number, sha256[:12], e.message)
            continue
        files.keep_preview(sha256, number, rotation, png)
        drawn += 1
    return drawn
