"""A worker killed by SIGKILL leaves no process behind, idle or reading a document.

Real `certverify worker` processes on the real Redis, each in a process group
of its own: the worker alone is sent SIGKILL (as the OOM killer or `kill -9`
would), then nothing of its group may still run. rq's scheduler used to be a
child process forked by the worker, which lived on alone; it is now a thread,
and the scheduler still moves a job whose time has come.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from redis import Redis
from rq import Queue
from rq.job import Job, JobStatus

from ingest.settings import Settings
from store.db import Database
from tests.service_fixtures import SCANNED_PDF, WorkerStarter, queue_document

GONE_WITHIN_S = 5.0


def _group(pgid: int) -> list[tuple[int, str]]:
    """The live processes of a process group (zombies left out): pid and command."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            found.append((int(entry.name), command.strip()))
    return found


def _scheduler_locked(settings: Settings) -> bool:
    redis = Redis.from_url(settings.redis_url or "")
    return bool(redis.exists(f"rq:scheduler-lock:{settings.queue_name}"))


def _wait(predicate: Callable[[], object], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return bool(predicate())


def _kill_and_look(worker: subprocess.Popen[bytes]) -> list[tuple[int, str]]:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(10)
    _wait(lambda: not _group(worker.pid), GONE_WITHIN_S)
    return _group(worker.pid)


def test_an_idle_worker_killed_leaves_no_scheduler_behind(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    Database(queue_settings).dispose()  # migrated, as `certverify migrate` would
    worker = start_worker(queue_settings, burst=False)
    assert _wait(lambda: _scheduler_locked(queue_settings), 60), "no scheduler ran"

    # the scheduler moves a job whose time has come to its queue, and the worker runs it
    redis = Redis.from_url(queue_settings.redis_url or "")
    queue = Queue(queue_settings.queue_name, connection=redis)
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    job = queue.enqueue_at(at, "os.getpid", job_id=f"{queue_settings.queue_name}-due")
    assert _wait(lambda: Job.fetch(job.id, connection=redis).get_status() == JobStatus.FINISHED, 30)
    assert Job.fetch(job.id, connection=redis).return_value() == worker.pid

    assert _kill_and_look(worker) == []


def test_a_busy_worker_killed_leaves_no_reader_behind(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    settings = queue_settings.model_copy(update={"document_timeout_s": 600.0})
    db = Database(settings)
    try:
        worker = start_worker(settings, burst=False)
        queue_document(settings, db, SCANNED_PDF, "T-A")
        # reading: the worker has forked the contained reader of the document
        assert _wait(lambda: len(_group(worker.pid)) > 1, 120), _group(worker.pid)
        assert _kill_and_look(worker) == []
    finally:
        db.dispose()
