"""Handing a document to a worker: rq on Redis, or background threads in-process.

Jobs name their task by import path (``worker.tasks.process_document``), so
the API never imports the pipeline. With ``redis_url`` set, jobs go to rq with
an explicit timeout and retries with backoff; the task raises only for
transient failures (bad input is recorded as failed and never retried).
Without it, the same task runs in a thread pool inside the process, which is
what the embedded default (no servers) uses.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from ingest.settings import Settings

TASK = "worker.tasks.process_document"
_LIVE_RQ_STATES = {"queued", "started", "scheduled", "deferred"}

log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """The queue could not take the job; the reconciler will enqueue it later."""


class Dispatcher(Protocol):
    def enqueue(self, document_id: str, job_id: str) -> str: ...

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

    def enqueue(self, document_id: str, job_id: str) -> str:
        from redis.exceptions import RedisError
        from rq import Retry

        retries = max(0, self.settings.job_max_attempts - 1)
        intervals = retry_intervals(self.settings)
        try:
            job = self.queue.enqueue(
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
            return int(self.queue.count)
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
        self.pool = ThreadPoolExecutor(
            max_workers=max(1, settings.inprocess_workers), thread_name_prefix="certverify-job"
        )
        self.jobs: dict[str, Future[Any]] = {}
        self.lock = threading.Lock()
        self.closing = threading.Event()

    def enqueue(self, document_id: str, job_id: str) -> str:
        future = self.pool.submit(self._run, document_id)
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
        self.pool.shutdown(wait=False, cancel_futures=True)


def resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def make_dispatcher(settings: Settings) -> Dispatcher:
    if settings.redis_url:
        return RqDispatcher(settings)
    return InProcessDispatcher(settings)


def purge_queue(connection: Any, name: str) -> None:
    """Delete a scratch queue, its registries and every job that went through it.

    For test runs and benchmarks, which each use a queue of their own.
    """
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
