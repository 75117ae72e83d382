"""What a worker process builds once: settings, database and file store.

An rq worker imports ``worker.tasks`` and calls the task with the document id
only, so the task entry point builds ``Settings()`` from the environment once
per process; the in-process runner passes its own settings instead. The
schema is migrated by the entry points (``certverify serve|worker|migrate``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ingest.settings import Settings
from store.blobs import make_file_store
from store.db import Database
from store.files import FileStore


@dataclass(frozen=True)
class WorkerContext:
    settings: Settings
    db: Database
    files: FileStore


_contexts: dict[str, WorkerContext] = {}
_lock = threading.Lock()


def context_for(settings: Settings | None) -> WorkerContext:
    settings = settings or Settings()
    key = settings.model_dump_json()
    with _lock:
        found = _contexts.get(key)
        if found is None:
            db = Database(settings, run_migrations=False)
            found = WorkerContext(settings=settings, db=db, files=make_file_store(settings, db))
            _contexts[key] = found
    return found
