"""Handing a document to a worker: rq on Redis, or background threads in-process.

Jobs name their task by import path (``worker.tasks.process_document``), so
the API never imports the pipeline. With ``redis_url`` set, jobs go to rq with
an explicit timeout and retries with backoff; the task raises only for
transient failures (bad input is recorded as failed and never retried).
Without it, the same task runs in a thread pool inside the process, which is
what the embedded default (no servers) uses.

Fair use: each document goes to one of two lanes. A trainer's first
``fair_first_pending`` documents waiting to be read go to the first lane, the
rest of a batch to the second; workers always take the first lane first
(rq serves a worker's queues in order). So one trainer's batch of hundreds
never holds another trainer's single upload behind it.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from ingest.settings import Settings

TASK = "worker.tasks.process_document"
_LIVE_RQ_STATES = {"queued", "started", "scheduled", "deferred"}

log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """The queue could not take the job; the reconciler will enqueue it later."""


class Dispatcher(Protocol):
    def enqueue(self, document_id: str, job_id: str, *, first: bool = True) -> str: ...

    def job_alive(self, job_id: str | None) -> bool: ...

    def depth(self) -> int | None: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...


def retry_intervals(settings: Settings) -> list[int]:
    """Backoff before each retry: the base, then six times longer each time."""
    retries = max(0, settings.job_max_attempts - 1)
    return [max(1, round(settings.retry_backoff_s * 6**i)) for i in range(retries)]


class RqDispatcher:
    def __init__(self, settings: Settings) -> None:
        from redis import Redis
        from rq import Queue

        assert settings.redis_url
        self.settings = settings
        self.redis = Redis.from_url(
            settings.redis_url, socket_timeout=5, socket_connect_timeout=2, health_check_interval=30
        )
        self.queue = Queue(settings.queue_name, connection=self.redis)
        self.bulk_queue = Queue(bulk_queue_name(settings.queue_name), connection=self.redis)

    @property
    def queues(self) -> list[Any]:
        """The lanes in the order a worker serves them."""
        return [self.queue, self.bulk_queue]

    def enqueue(self, document_id: str, job_id: str, *, first: bool = True) -> str:
        from redis.exceptions import RedisError
        from rq import Retry

        retries = max(0, self.settings.job_max_attempts - 1)
        intervals = retry_intervals(self.settings)
        try:
            job = (self.queue if first else self.bulk_queue).enqueue(
                TASK,
                document_id,
                job_id=job_id,
                job_timeout=self.settings.job_timeout_s,
                retry=Retry(max=retries, interval=intervals) if retries else None,
                result_ttl=24 * 3600,
                failure_ttl=7 * 24 * 3600,
                description=f"process document {document_id}",
            )
        except RedisError as e:
            raise QueueUnavailable(str(e)) from e
        return str(job.id)

    def job_alive(self, job_id: str | None) -> bool:
        from redis.exceptions import RedisError
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        if not job_id:
            return False
        try:
            status = Job.fetch(job_id, connection=self.redis).get_status()
            return str(getattr(status, "value", status)) in _LIVE_RQ_STATES
        except NoSuchJobError:
            return False
        except RedisError as e:
            raise QueueUnavailable(str(e)) from e

    def depth(self) -> int | None:
        from redis.exceptions import RedisError

        try:
            return sum(int(queue.count) for queue in self.queues)
        except RedisError:
            return None

    def ping(self) -> bool:
        from redis.exceptions import RedisError

        try:
            return bool(self.redis.ping())
        except RedisError:
            return False

    def close(self) -> None:
        self.redis.close()


class InProcessDispatcher:
    """Runs the task in background threads; retries transient failures with backoff."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = TwoLanePool(max(1, settings.inprocess_workers), "certverify-job")
        self.jobs: dict[str, Future[Any]] = {}
        self.lock = threading.Lock()
        self.closing = threading.Event()

    def enqueue(self, document_id: str, job_id: str, *, first: bool = True) -> str:
        future = self.pool.submit(self._run, document_id, first=first)
        with self.lock:
            self.jobs = {k: f for k, f in self.jobs.items() if not f.done()}
            self.jobs[job_id] = future
        return job_id

    def _run(self, document_id: str) -> Any:
        task = resolve(TASK)
        for attempt in range(self.settings.job_max_attempts):
            try:
                return task(document_id, settings=self.settings)
            except Exception:
                log.warning(
                    "job for %s failed (attempt %d)", document_id, attempt + 1, exc_info=True
                )
                if attempt + 1 >= self.settings.job_max_attempts:
                    raise
                if self.closing.wait(retry_intervals(self.settings)[attempt]):
                    return None  # shutting down: the reconciler picks it up at the next start
        return None

    def job_alive(self, job_id: str | None) -> bool:
        with self.lock:
            future = self.jobs.get(job_id or "")
        return future is not None and not future.done()

    def depth(self) -> int | None:
        with self.lock:
            return sum(1 for f in self.jobs.values() if not f.done())

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        self.closing.set()
        self.pool.shutdown()


_Work = tuple["Future[Any]", Callable[..., Any], tuple[Any, ...]]


class TwoLanePool:
    """Worker threads that take the first lane before the second (first in, first out in each)."""

    def __init__(self, workers: int, name: str) -> None:
        self.lanes: tuple[deque[_Work], deque[_Work]] = (deque(), deque())
        self.ready = threading.Condition()
        self.stopped = False
        for number in range(workers):
            threading.Thread(target=self._serve, name=f"{name}-{number}", daemon=True).start()

    def submit(self, fn: Callable[..., Any], *args: Any, first: bool) -> Future[Any]:
        future: Future[Any] = Future()
        with self.ready:
            self.lanes[0 if first else 1].append((future, fn, args))
            self.ready.notify()
        return future

    def _serve(self) -> None:
        while True:
            with self.ready:
                while not self.stopped and not any(self.lanes):
                    self.ready.wait()
                if self.stopped:
                    return
                future, fn, args = (self.lanes[0] or self.lanes[1]).popleft()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as e:  # handed to whoever waits on the future
                future.set_exception(e)

    def shutdown(self) -> None:
        """Stop taking work; what waits is cancelled (the reconciler finds it at the next start)."""
        with self.ready:
            self.stopped = True
            for lane in self.lanes:
                for future, _fn, _args in lane:
                    future.cancel()
                lane.clear()
            self.ready.notify_all()


def resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def bulk_queue_name(queue_name: str) -> str:
    """The second lane's rq queue: the rest of a trainer's batch."""
    return f"{queue_name}-bulk"


def make_dispatcher(settings: Settings) -> Dispatcher:
    if settings.redis_url:
        return RqDispatcher(settings)
    return InProcessDispatcher(settings)


def purge_queue(connection: Any, name: str) -> None:
    """Delete a scratch queue, its registries and every job that went through it.

    For test runs and benchmarks, which each use a queue of their own.
    """
    for lane in (name, bulk_queue_name(name)):
        _purge_one(connection, lane)


def _purge_one(connection: Any, name: str) -> None:
    from rq import Queue

    queue = Queue(name, connection=connection)
    registries = (
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.started_job_registry,
        queue.scheduled_job_registry,
        queue.deferred_job_registry,
        queue.canceled_job_registry,
    )
    job_ids = set(queue.get_job_ids())
    for registry in registries:
        job_ids.update(registry.get_job_ids(cleanup=False))
    for job_id in job_ids:
        connection.delete(f"rq:job:{job_id}", f"rq:results:{job_id}")
    queue.delete(delete_jobs=True)
    for key in connection.scan_iter(match=f"rq:*{name}*", count=500):
        connection.delete(key)
