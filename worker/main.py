"""The rq worker process: migrations, a reconciler thread, then the rq loop.

``SimpleWorker`` runs jobs in this process (no fork per job): each document is
already read in its own child process with time and memory limits
(``pipeline.isolate``), and the database engine is then built once, not per job.
A plain ``rq worker certverify`` also works (see the README), at the cost of a
fork and a new database connection per job.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time

from ingest.settings import Settings
from store.blobs import make_file_store
from store.db import Database
from store.dispatch import RqDispatcher
from store.reconcile import housekeeping

log = logging.getLogger(__name__)


def run_worker(settings: Settings, *, burst: bool = False, name: str | None = None) -> None:
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
    try:
        _serve_queues(dispatcher, settings, burst=burst, name=name)
    finally:
        stop.set()
        db.dispose()


def _serve_queues(
    dispatcher: RqDispatcher, settings: Settings, *, burst: bool, name: str | None
) -> None:
    """Run rq workers until asked to stop, starting a new one after a Redis outage.

    rq's loop gives up ("unhandled exception, quitting") when Redis is gone as
    a job ends: the result cannot be written. The job's outcome is already in
    the database, so this waits for Redis to answer again and serves on; only
    a stop request (SIGTERM, SIGINT) or the end of a burst ends the process.
    """
    from redis.exceptions import RedisError
    from rq import SimpleWorker

    for round_number in itertools.count():
        worker = SimpleWorker(
            dispatcher.queues,
            connection=dispatcher.redis,
            name=name if round_number == 0 or name is None else f"{name}-{round_number}",
            log_job_description=True,
        )
        try:
            worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
        except RedisError:  # raised by rq's own teardown when Redis is gone
            log.warning("worker %s stopped by a Redis error", worker.name, exc_info=True)
        if burst or worker._shutdown_requested_date is not None:
            return
        log.warning("worker %s lost Redis; serving again once it answers", worker.name)
        _wait_for_redis(dispatcher, settings.redis_wait_max_s)


def _wait_for_redis(dispatcher: RqDispatcher, max_wait_s: float) -> None:
    delay = 0.5
    while not dispatcher.ping():
        time.sleep(delay)
        delay = min(delay * 2, max_wait_s)


def _reconcile_loop(
    settings: Settings, db: Database, dispatcher: RqDispatcher, stop: threading.Event
) -> None:
    files = make_file_store(settings, db)
    while not stop.wait(settings.reconcile_interval_s):
        try:
            housekeeping(db, dispatcher, files, settings)
        except Exception:  # Redis or the database may blink; next round
            log.warning("reconciler pass failed", exc_info=True)
