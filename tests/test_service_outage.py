"""The database briefly unreachable, for real, without touching the shared server.

The service talks to a private PostgreSQL database through a small TCP relay
started here; closing the relay (and cutting its open connections) makes the
database unreachable exactly as a network outage would: connection refused.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rq import Worker
from rq.job import Job

from bench.hosts import Relay
from ingest.settings import Settings
from store.db import Database
from store.dispatch import RqDispatcher
from store.documents import add_document
from store.files import FileStore
from store.models import Document
from store.reconcile import hand_over
from tests.service_fixtures import TRIVIAL_PDF, WorkerStarter, running_api

POSTGRES = ("127.0.0.1", 5432)


@pytest.fixture
def relay(postgres_url: str) -> Iterator[Relay]:
    relay = Relay(POSTGRES)
    relay.start()
    yield relay
    relay.stop()


def _through(relay: Relay, postgres_url: str) -> str:
    head, _, database = postgres_url.rpartition("/")
    user = head.split("//", 1)[1].split("@", 1)[0]
    return f"postgresql://{user}@127.0.0.1:{relay.port}/{database}"


def _wait(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def test_api_answers_503_while_the_database_is_down(
    relay: Relay, postgres_url: str, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=_through(relay, postgres_url))
    with running_api(settings) as api:
        assert api.client.get("/readyz").status_code == 200
        relay.stop()
        upload = api.upload(TRIVIAL_PDF)
        assert upload.status_code == 503, upload.text
        assert upload.json()["error"]["code"] == "service_unavailable"
        ready = api.client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["database"] != "ok"
        staging = tmp_path / "data" / "staging"
        assert not staging.exists() or list(staging.iterdir()) == []
        relay.start()
        again = api.upload(TRIVIAL_PDF)
        assert again.status_code == 202, again.text


def test_worker_retries_a_job_while_the_database_is_down(
    relay: Relay, postgres_url: str, queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    settings = queue_settings.model_copy(
        update={"database_url": _through(relay, postgres_url), "retry_backoff_s": 1}
    )
    db = Database(settings)
    sha256 = FileStore(settings.data_dir).put_bytes(TRIVIAL_PDF.read_bytes())
    with db.session() as session:
        row, _ = add_document(
            session,
            trainer_id="T-A",
            sha256=sha256,
            size_bytes=1,
            kind="pdf",
            original_filename="c.pdf",
        )
        document_id, job_id = row.id, row.job_id
    assert job_id
    start_worker(settings, burst=False)
    dispatcher = RqDispatcher(settings)
    _wait(lambda: Worker.all(queue=dispatcher.queue), 60, "the worker to listen")
    relay.stop()
    assert hand_over(dispatcher, document_id, job_id) == job_id
    job = Job.fetch(job_id, connection=dispatcher.redis)
    _wait(lambda: job.get_status(refresh=True) == "scheduled", 60, "the first attempt to fail")
    job.refresh()
    assert job.retries_left == 1, "one retry used, one left"
    relay.start()
    _wait(lambda: job.get_status(refresh=True) == "finished", 60, "the retry to succeed")
    with db.session() as session:
        stored = session.get(Document, document_id)
        assert stored is not None
        assert stored.status == "done" and stored.attempts == 1
    db.dispose()
    dispatcher.close()
