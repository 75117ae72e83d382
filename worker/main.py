"""The rq worker process: migrations, a reconciler thread, then the rq loop.

``SimpleWorker`` runs jobs in this process (no fork per job): each document is
already read in its own child process with time and memory limits
(``pipeline.isolate``), and the database engine is then built once, not per job.
A plain ``rq worker certverify`` also works (see the README), at the cost of a
fork and a new database connection per job.
"""

from __future__ import annotations

import logging
import threading

from ingest.settings import Settings
from store.blobs import make_file_store
from store.db import Database
from store.dispatch import RqDispatcher
from store.reconcile import housekeeping

log = logging.getLogger(__name__)


def run_worker(settings: Settings, *, burst: bool = False, name: str | None = None) -> None:
    from rq import SimpleWorker

    if not settings.redis_url:
        raise SystemExit(
            "certverify worker needs a queue: set CERTVERIFY_REDIS_URL (for example "
            "redis://127.0.0.1:6379/0). Without it, the API runs jobs in-process."
        )
    db = Database(settings)
    dispatcher = RqDispatcher(settings)
    stop = threading.Event()
    if not burst:
        threading.Thread(
            target=_reconcile_loop, args=(settings, db, dispatcher, stop), daemon=True
        ).start()
    worker = SimpleWorker(
        dispatcher.queues, connection=dispatcher.redis, name=name, log_job_description=True
    )
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    finally:
        stop.set()
        db.dispose()


def _reconcile_loop(
    settings: Settings, db: Database, dispatcher: RqDispatcher, stop: threading.Event
) -> None:
    files = make_file_store(settings, db)
    while not stop.wait(settings.reconcile_interval_s):
        try:
            housekeeping(db, dispatcher, files, settings)
        except Exception:  # Redis or the database may blink; next round
            log.warning("reconciler pass failed", exc_info=True)
