"""A worker busy with a job rides out a Redis outage, for real, without touching the shared server.

The worker reaches Redis through a small TCP relay started here; closing the
relay (and cutting its open connections) for 9 seconds while the worker reads
a scanned PDF is what a Redis restart looks like from the worker. The job's
outcome is in the database; afterwards the same worker process serves the
next job.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from bench.hosts import Relay
from ingest.settings import Settings
from store.db import Database
from store.models import Document
from tests.service_fixtures import SCANNED_PDF, TRIVIAL_PDF, WorkerStarter, queue_document

OUTAGE_S = 9.0


@pytest.fixture
def relayed(queue_settings: Settings) -> Iterator[tuple[Relay, Settings]]:
    assert queue_settings.redis_url
    address, _, database = queue_settings.redis_url.removeprefix("redis://").partition("/")
    host, _, port = address.partition(":")
    relay = Relay((host, int(port or 6379)))
    relay.start()
    url = f"redis://127.0.0.1:{relay.port}/{database or '0'}"
    yield relay, queue_settings.model_copy(update={"redis_url": url})
    relay.stop()


def _status_when(db: Database, document_id: str, wanted: set[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        with db.session() as session:
            row = session.get(Document, document_id)
            status = row.status if row else "missing"
        if status in wanted or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


def test_a_busy_worker_serves_on_after_redis_comes_back(
    relayed: tuple[Relay, Settings], start_worker: WorkerStarter
) -> None:
    relay, settings = relayed
    db = Database(settings)
    worker = start_worker(settings, burst=False)
    first = queue_document(settings, db, SCANNED_PDF, "T-A")
    busy = _status_when(db, first, {"processing", "done", "failed"}, 120)
    relay.stop()
    time.sleep(OUTAGE_S)
    relay.start()
    first_outcome = _status_when(db, first, {"done", "failed"}, 120)
    second = queue_document(settings, db, TRIVIAL_PDF, "T-B")
    second_outcome = _status_when(db, second, {"done", "failed"}, 120)
    alive = worker.poll() is None
    db.dispose()
    assert (busy, first_outcome, second_outcome, alive) == ("processing", "done", "done", True)
