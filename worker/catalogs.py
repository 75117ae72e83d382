"""The approved-provider catalog the worker matches against: the newest import."""

from __future__ import annotations

import logging
import threading
from typing import Any

from store.catalogs import latest_import
from worker.context import WorkerContext

log = logging.getLogger(__name__)

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def active_catalog(ctx: WorkerContext) -> Any | None:
    """The parsed newest catalog import, cached by its id; None when none was imported."""
    with ctx.db.session() as session:
        latest = latest_import(session)
        if latest is None:
            return None
        import_id, content = latest.id, latest.content
    with _lock:
        if import_id not in _cache:
            _cache.clear()
            _cache[import_id] = _parse(content)
        return _cache[import_id]


def _parse(content: str) -> Any | None:
    from matchers.catalog import parse_catalog

    return parse_catalog(content).catalog
