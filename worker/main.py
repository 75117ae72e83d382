"""The rq worker process: migrations, a reconciler thread, a scheduler thread, the rq loop.

``SimpleWorker`` runs jobs in this process (no fork per job): each document is
already read in its own child process with time and memory limits
(``pipeline.isolate``), and the database engine is then built once, not per job.
A plain ``rq worker certverify`` also works (see the README), at the cost of a
fork and a new database connection per job.

rq's scheduler (which moves jobs whose time has come, such as the daily
monitoring run, from the scheduled registry to their queue) runs in a thread
of this process, not in the child process rq forks for it: a worker killed
by SIGKILL (or the OOM killer) cannot stop that child, which then lived on
alone, holding the scheduler lock and its Redis connection, running code a
deployment may have replaced since. A thread dies with its process; the lock
it held lapses after rq's lease (about a minute) and another worker's
scheduler takes it over.
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
    scheduling = threading.Thread(
        target=_schedule_loop,
        args=(dispatcher, settings.redis_wait_max_s, stop),
        name="rq-scheduler",
        daemon=True,
    )
    if not burst:
        threading.Thread(
            target=_reconcile_loop, args=(settings, db, dispatcher, stop), daemon=True
        ).start()
        scheduling.start()
    try:
        _serve_queues(dispatcher, settings, burst=burst, name=name)
    finally:
        stop.set()
        if scheduling.is_alive():
            scheduling.join(timeout=10)  # gives its lock back
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
            # A burst moves the jobs due now itself, in this process (rq forks only otherwise);
            # a long-running worker has the scheduler thread (_schedule_loop).
            worker.work(burst=burst, with_scheduler=burst, logging_level="INFO")
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


def _schedule_loop(dispatcher: RqDispatcher, max_wait_s: float, stop: threading.Event) -> None:
    """rq's scheduler, run in this thread: the same lock, heartbeat and moves as its
    forked process (``rq.scheduler.RQScheduler.work``), nothing left behind by a SIGKILL.

    Of all the workers on the queues, the one holding the lock moves the due jobs every
    ``interval`` seconds; the others try for it every ten minutes (rq's fallback period),
    as rq's own workers do. Redis may blink: the next round tries again, waiting longer
    each time up to ``max_wait_s`` (``redis_wait_max_s``).
    """
    from redis.exceptions import RedisError
    from rq.scheduler import RQScheduler

    scheduler = RQScheduler(dispatcher.queues, connection=dispatcher.redis)
    born = False
    delay: float = scheduler.interval
    while not stop.is_set():
        try:
            if not born:
                scheduler.register_birth()
                born = True
            if scheduler.should_reacquire_locks:
                scheduler.acquire_locks()
            if scheduler.acquired_locks:
                scheduler.heartbeat()
                scheduler.enqueue_scheduled_jobs()
        except RedisError:
            log.warning("scheduler round failed: Redis did not answer", exc_info=True)
            delay = min(delay * 2, max_wait_s)
        else:
            delay = scheduler.interval
        stop.wait(delay)
    try:
        scheduler.release_locks()
        scheduler.register_death()
    except RedisError:
        log.warning("scheduler lock not released (it lapses by itself)", exc_info=True)
