"""The monitoring job: card events recorded once, delivered by webhook and email, scheduled.

Trainer A's CPR/AED card (front and back) and an invoice are real sample files
read by the real worker task. Webhooks go to a real HTTP server on 127.0.0.1,
email to a real SMTP server on 127.0.0.1, the daily schedule to rq on Redis.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from redis import Redis
from rq import Queue

from audit.events import find_card_events
from audit.webhook import verify_signature
from ingest.settings import Settings
from store.db import Database
from store.trainers import get_profile_row, profile_of, stored_records
from tests.recert_support import (
    CARD_SIDES,
    NOT_A_CERTIFICATE,
    fresh_postgres,
    messages,
    put_profile,
    smtp_server,
    store_samples,
    webhook_server,
)
from tests.service_fixtures import ROOT, WorkerStarter, running_api, settings_env
from worker.monitor import next_run, run_monitoring, schedule_next, start_timer

AS_OF = dt.date(2026, 11, 24)
CERT_EXPIRY = "2027-12-31"  # after the sample card's expiry (2027-04-30)
SECRET = "test-webhook-secret"


def _stored(settings: Settings) -> None:
    with running_api(settings) as api:
        store_samples(api, (*CARD_SIDES, NOT_A_CERTIFICATE))
        put_profile(api, "T-A", CERT_EXPIRY, name="Daniel P. Kowalski")


@pytest.fixture(params=["sqlite", "postgresql"])
def stored(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings of a database holding trainer A's read card and invoice, and a profile."""
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "data", webhook_backoff_s=0.01)
        _stored(settings)
        yield settings
        return
    with fresh_postgres() as url:
        settings = Settings(data_dir=tmp_path / "data", database_url=url, webhook_backoff_s=0.01)
        _stored(settings)
        yield settings


def _with(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update=changes)


def _expected_keys(settings: Settings) -> list[str]:
    """The event keys the rules find on the same stored records and profile."""
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            records = [s.record for s in stored_records(session, "T-A")]
            row = get_profile_row(session, "T-A")
            assert row is not None
            profile = profile_of(row, settings)
    finally:
        db.dispose()
    return sorted(e.key for e in find_card_events(records, profile, AS_OF, settings))


def _notifications(settings: Settings) -> list[dict[str, Any]]:
    with running_api(settings) as api:
        body = api.get("/v1/notifications?limit=200", "auditor").json()
    items: list[dict[str, Any]] = body["items"]
    return items


def test_events_found_on_the_stored_samples(stored: Settings) -> None:
    run_monitoring(AS_OF, stored)
    kinds = sorted(n["kind"] for n in _notifications(stored))
    assert kinds == ["card_expires_before_certification", "not_ce_or_card_upload"]


def test_running_twice_records_each_event_once(stored: Settings) -> None:
    first = run_monitoring(AS_OF, stored)
    second = run_monitoring(AS_OF, stored)
    keys = sorted(n["event_key"] for n in _notifications(stored))
    assert (keys, first.recorded, second.recorded) == (_expected_keys(stored), len(keys), 0)


def test_concurrent_runs_record_each_event_once(stored: Settings) -> None:
    threads = [threading.Thread(target=run_monitoring, args=(AS_OF, stored)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    keys = sorted(n["event_key"] for n in _notifications(stored))
    assert keys == _expected_keys(stored)


def test_without_a_channel_notifications_stay_pending(stored: Settings) -> None:
    run_monitoring(AS_OF, stored)
    assert {n["status"] for n in _notifications(stored)} == {"pending"}


def test_webhook_delivers_each_notification_once_signed(stored: Settings) -> None:
    with webhook_server(200) as (url, received):
        settings = _with(stored, webhook_url=url, webhook_secret=SecretStr(SECRET))
        run_monitoring(AS_OF, settings)
        run_monitoring(AS_OF, settings)
    now = time.time()
    signed = [verify_signature(SECRET, h, body, now=now) for h, body in received.requests]
    states = sorted((n["status"], n["attempts"]) for n in _notifications(stored))
    assert (signed, states) == ([True, True], [("delivered", 1), ("delivered", 1)])


def test_failing_webhook_is_recorded_failed_with_attempts(stored: Settings) -> None:
    with webhook_server(500) as (url, _received):
        settings = _with(
            stored, webhook_url=url, webhook_secret=SecretStr(SECRET), webhook_max_attempts=2
        )
        report = run_monitoring(AS_OF, settings)
    states = {(n["status"], n["attempts"], n["last_error"]) for n in _notifications(stored)}
    assert (report.failed, states) == (2, {("failed", 2, "webhook: HTTP 500")})


def test_failed_notification_is_delivered_by_a_later_run(stored: Settings) -> None:
    with webhook_server(503) as (url, _received):
        run_monitoring(AS_OF, _with(stored, webhook_url=url, webhook_secret=SecretStr(SECRET)))
    with webhook_server(204) as (url, received):
        run_monitoring(AS_OF, _with(stored, webhook_url=url, webhook_secret=SecretStr(SECRET)))
    states = {(n["status"], n["attempts"]) for n in _notifications(stored)}
    expected_attempts = stored.webhook_max_attempts + 1
    assert (len(received.requests), states) == (2, {("delivered", expected_attempts)})


def test_failed_notifications_stop_after_the_attempt_budget(stored: Settings) -> None:
    with webhook_server(500) as (url, received):
        settings = _with(
            stored,
            webhook_url=url,
            webhook_secret=SecretStr(SECRET),
            webhook_max_attempts=2,
            notification_max_attempts=2,
        )
        run_monitoring(AS_OF, settings)
        run_monitoring(AS_OF, settings)
    assert len(received.requests) == 4  # two notifications, two attempts each, then no more


def test_email_goes_to_a_real_smtp_server(stored: Settings) -> None:
    with smtp_server() as (port, received):
        settings = _with(stored, smtp_host="127.0.0.1", smtp_port=port, smtp_to="ops@example.org")
        run_monitoring(AS_OF, settings)
        run_monitoring(AS_OF, settings)
        subjects = sorted(str(m["Subject"]) for m in messages(received))
    assert subjects == [
        "certverify: card_expires_before_certification (trainer T-A)",
        "certverify: not_ce_or_card_upload (trainer T-A)",
    ]


def test_unreachable_smtp_server_is_recorded_failed(stored: Settings) -> None:
    settings = _with(stored, smtp_host="127.0.0.1", smtp_port=1, smtp_to="ops@example.org")
    run_monitoring(AS_OF, settings)
    assert {(n["status"], n["attempts"]) for n in _notifications(stored)} == {("failed", 1)}


def test_embedded_timer_runs_the_job(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", monitor_first_delay_s=0.05)
    _stored(settings)
    stop = threading.Event()
    thread = start_timer(settings, stop)
    deadline = time.monotonic() + 60
    while not _notifications(settings) and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    thread.join(10)
    assert len(_notifications(settings)) == 2


def test_monitor_command_runs_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    _stored(settings)
    command = [sys.executable, "-m", "cli.main", "monitor", "--as-of", AS_OF.isoformat()]
    done = subprocess.run(
        command, env=settings_env(settings), cwd=ROOT, capture_output=True, timeout=120
    )
    report = json.loads(done.stdout)
    assert (done.returncode, report["recorded"], report["trainers"]) == (0, 2, 2)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param("2026-11-24T05:00:00+00:00", "2026-11-24T06:00:00+00:00", id="before-hour"),
        pytest.param("2026-11-24T06:00:00+00:00", "2026-11-25T06:00:00+00:00", id="at-hour"),
        pytest.param("2026-11-24T23:30:00+00:00", "2026-11-25T06:00:00+00:00", id="late"),
    ],
)
def test_next_daily_run(now: str, expected: str) -> None:
    at = next_run(Settings(), dt.datetime.fromisoformat(now))
    assert at == dt.datetime.fromisoformat(expected)


def test_daily_run_is_scheduled_once_per_date(queue_settings: Settings) -> None:
    now = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
    ids = {schedule_next(queue_settings, now) for _ in range(3)}
    queue = Queue(
        queue_settings.queue_name, connection=Redis.from_url(queue_settings.redis_url or "")
    )
    scheduled = queue.scheduled_job_registry.get_job_ids()
    job_id = f"{queue_settings.queue_name}-monitor-20300102"
    assert (ids, scheduled) == ({job_id}, [job_id])


def test_rq_worker_runs_the_due_job_and_schedules_the_next(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    """A run due now (scheduled as if yesterday) is run by a real worker's rq scheduler."""
    _stored(_with(queue_settings, redis_url=None))  # documents read in-process, same database
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    schedule_next(queue_settings, yesterday)
    assert start_worker(queue_settings).wait(120) == 0
    queue = Queue(
        queue_settings.queue_name, connection=Redis.from_url(queue_settings.redis_url or "")
    )
    tomorrow = next_run(queue_settings, dt.datetime.now(dt.UTC))
    expected_next = f"{queue_settings.queue_name}-monitor-{tomorrow:%Y%m%d}"
    got = (len(_notifications(queue_settings)), queue.scheduled_job_registry.get_job_ids())
    assert got == (2, [expected_next])


def test_concurrent_runs_deliver_each_notification_once(stored: Settings) -> None:
    with webhook_server(200) as (url, received):
        settings = _with(stored, webhook_url=url, webhook_secret=SecretStr(SECRET))
        run_monitoring(AS_OF, stored)  # recorded, not yet delivered (no channel)
        threads = [
            threading.Thread(target=run_monitoring, args=(AS_OF, settings)) for _ in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert len(received.requests) == 2
