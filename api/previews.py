"""Page previews for the auditor's pages, rendered outside the API process.

The file is untrusted: it is opened in a contained child process
(``ingest.contained``) with ``preview_timeout_s`` and ``preview_memory_mb``,
so a hostile PDF costs one preview (answered 422) and never the API process.
"""

from __future__ import annotations

from pathlib import Path

from ingest.contained import run_contained
from ingest.errors import NotFound, ProcessingTimeout, ResourceLimit
from ingest.previews import render_page_png
from ingest.settings import Settings
from store.models import Document


def render_preview(path: Path, document: Document, page: int, settings: Settings) -> bytes:
    pages = (document.result or {}).get("pages") or []
    if page < 1 or page > len(pages):
        raise NotFound(f"The document has {len(pages)} page(s); there is no page {page}.")
    rotation = int(pages[page - 1].get("rotation") or 0)  # recorded clockwise
    try:
        return run_contained(
            render_page_png,
            path,
            document.kind,
            page - 1,
            rotation,
            settings,
            timeout_s=settings.preview_timeout_s,
            memory_mb=settings.preview_memory_mb,
        )
    except (ProcessingTimeout, ResourceLimit) as e:
        raise type(e)(f"Page {page} could not be drawn for a preview: {e.message}") from e
