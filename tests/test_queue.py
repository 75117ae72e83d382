"""The queue for real: rq on Redis, `certverify worker` processes, faults caused for real.

Each test has its own queue name; workers are real subprocesses killed with
real signals; Redis is "down" by pointing the API at a port nothing listens on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from rq.job import Job

from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file
from store.db import Database
from store.dispatch import make_dispatcher
from store.models import Document
from store.reconcile import reconcile
from tests.service_fixtures import (
    CLOSED_PORT_REDIS_URL,
    ROOT,
    SCANNED_PDF,
    TRIVIAL_PDF,
    Api,
    WorkerStarter,
    running_api,
    settings_env,
)

WORKER_TIMEOUT_S = 120
SAMPLE_CERTIFICATE = ROOT / "samples" / "demo" / "cert-prose-classic-01-digital.pdf"
SAMPLE_CATALOG = ROOT / "samples" / "catalog.csv"


def _row(settings: Settings, document_id: str) -> Document:
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            row = session.get(Document, document_id)
            assert row is not None
            return row
    finally:
        db.dispose()


def _wait_until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def test_upload_is_processed_by_a_real_rq_worker(
    queued_api: Api, start_worker: WorkerStarter
) -> None:
    accepted = queued_api.upload(TRIVIAL_PDF).json()
    redis = Redis.from_url(queued_api.settings.redis_url or "")
    job = Job.fetch(accepted["job_id"], connection=redis)
    assert job.func_name == "worker.tasks.process_document"
    assert job.args == (accepted["id"],)
    assert job.timeout == queued_api.settings.job_timeout_s
    assert queued_api.get(f"/v1/documents/{accepted['id']}").json()["status"] == "queued"
    assert start_worker(queued_api.settings).wait(WORKER_TIMEOUT_S) == 0
    body = queued_api.wait_for(accepted["id"], timeout=10)
    assert body["status"] == "done" and body["attempts"] == 1
    assert body["record"]["pages"][0]["source"] == "text_layer"
    job.refresh()
    assert job.meta["stage"] == "done"
    assert job.get_status() == "finished"


def test_bad_input_fails_once_and_is_never_retried(
    queued_api: Api, start_worker: WorkerStarter
) -> None:
    accepted = queued_api.upload(Path("bad.pdf"), data=b"%PDF-1.5 not really").json()
    assert start_worker(queued_api.settings).wait(WORKER_TIMEOUT_S) == 0
    body = queued_api.wait_for(accepted["id"], timeout=10)
    assert body["status"] == "failed" and body["error"]["code"] == "corrupt_file"
    assert body["attempts"] == 1
    job = Job.fetch(
        accepted["job_id"], connection=Redis.from_url(queued_api.settings.redis_url or "")
    )
    assert job.get_status() == "finished", "recorded as failed by the task, not retried by rq"


def test_a_missing_tool_is_retried_with_backoff_then_failed(
    queue_settings: Settings, start_worker: WorkerStarter, tmp_path: Path
) -> None:
    """Transient failure caused for real: the worker finds neither the tesseract
    command (its PATH) nor tesseract's language data (the C API's TESSDATA_PREFIX)."""
    settings = queue_settings.model_copy(update={"job_max_attempts": 2, "retry_backoff_s": 1})
    with running_api(settings) as api:
        accepted = api.upload(SCANNED_PDF).json()
        empty_bin = tmp_path / "empty-bin"
        empty_bin.mkdir()
        env = settings_env(settings) | {"PATH": str(empty_bin), "TESSDATA_PREFIX": str(empty_bin)}
        worker = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "worker"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            body = api.wait_for(accepted["id"], timeout=60)
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
        assert body["status"] == "failed"
        assert body["error"]["code"] == "tool_missing" and body["error"]["stage"] == "reading"
        assert body["attempts"] == 2


def test_upload_while_redis_is_down_is_kept_and_reconciled(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    down = queue_settings.model_copy(update={"redis_url": CLOSED_PORT_REDIS_URL})
    with running_api(down) as api:
        response = api.upload(TRIVIAL_PDF)
        assert response.status_code == 202, response.text
        accepted = response.json()
        assert accepted["job_id"] is None and accepted["status"] == "queued"
        ready = api.client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["queue"] == "unavailable"
    kept = _row(queue_settings, accepted["id"])
    assert kept.status == "queued" and kept.job_id, "stored with the job id it was meant to get"
    env = settings_env(queue_settings) | {"CERTVERIFY_QUEUED_STALE_S": "0"}
    cli = subprocess.run(
        [sys.executable, "-m", "cli.main", "reconcile"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert cli.returncode == 0, cli.stderr
    assert accepted["id"] in cli.stdout
    assert start_worker(queue_settings).wait(WORKER_TIMEOUT_S) == 0
    row = _row(queue_settings, accepted["id"])
    assert row.status == "done" and row.attempts == 1 and row.enqueues == 2


def test_worker_killed_mid_job_is_reconciled_and_done_exactly_once(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    settings = queue_settings.model_copy(update={"lease_s": 2})
    with running_api(settings) as api:
        accepted = api.upload(SCANNED_PDF).json()
        doomed = start_worker(settings, burst=False)
        api.wait_for(accepted["id"], states=("processing",), timeout=60)
        time.sleep(0.5)  # let the isolated reader get going before the kill
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(10)
        assert _row(settings, accepted["id"]).status == "processing"
        db = Database(settings, run_migrations=False)
        dispatcher = make_dispatcher(settings)
        requeued: list[str] = []

        def reconciled() -> bool:
            report = reconcile(db, dispatcher, lease_s=settings.lease_s, queued_stale_s=3600)
            requeued.extend(report.requeued)
            return bool(report.requeued)

        _wait_until(reconciled, timeout=30, what="the lease to expire")
        assert requeued == [accepted["id"]]
        assert start_worker(settings).wait(WORKER_TIMEOUT_S) == 0
        row = _row(settings, accepted["id"])
        assert row.status == "done" and row.attempts == 2 and row.enqueues == 2
        finished_at = row.finished_at
        again = reconcile(db, dispatcher, lease_s=0, queued_stale_s=0)
        assert again.requeued == []
        assert _row(settings, accepted["id"]).finished_at == finished_at
        dispatcher.close()
        db.dispose()


@pytest.mark.parametrize("workers", [2], ids=["two-workers"])
def test_several_workers_share_the_queue(
    queued_api: Api, start_worker: WorkerStarter, workers: int
) -> None:
    ids = [
        queued_api.upload(TRIVIAL_PDF, data=TRIVIAL_PDF.read_bytes() + f"\n%{i}".encode()).json()[
            "id"
        ]
        for i in range(6)
    ]
    processes = [start_worker(queued_api.settings) for _ in range(workers)]
    assert all(p.wait(WORKER_TIMEOUT_S) == 0 for p in processes)
    rows = [_row(queued_api.settings, i) for i in ids]
    assert all(r.status == "done" and r.attempts == 1 for r in rows)


def test_a_sample_certificate_is_matched_against_the_imported_catalog(
    queued_api: Api, start_worker: WorkerStarter
) -> None:
    """The worker matches against the newest catalog import; the API serves the CLI's record."""
    imported = queued_api.client.post(
        "/v1/catalog",
        files={"file": ("catalog.csv", SAMPLE_CATALOG.read_bytes(), "text/csv")},
        headers=queued_api.keys.header("admin"),
    )
    assert imported.status_code == 201, imported.text
    accepted = queued_api.upload(SAMPLE_CERTIFICATE).json()
    assert start_worker(queued_api.settings).wait(WORKER_TIMEOUT_S) == 0
    body = queued_api.wait_for(accepted["id"], timeout=10)
    assert body["status"] == "done" and body["document_type"] == "ceu_certificate"
    record = body["record"]
    assert record["match"]["approved"] is True and record["match"]["provider_id"] == "P001"
    cli = process_file(
        SAMPLE_CERTIFICATE,
        queued_api.settings,
        catalog=load_catalog(SAMPLE_CATALOG).catalog,
        source=SAMPLE_CERTIFICATE.name,
    ).to_json_dict()
    for key in ("source", "sha256", "document_type", "fields", "match", "flags", "evidence"):
        assert record[key] == cli[key], key
    listed = queued_api.get("/v1/documents?type=ceu_certificate", "auditor").json()
    assert [item["id"] for item in listed["items"]] == [accepted["id"]]
