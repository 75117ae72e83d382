"""Reminders of open audit cases: the pure thresholds, then the monitoring job on a real database.

The cases are opened by ``store.cases.submit`` (every submission selected) on
SQLite and, when one answers, on PostgreSQL; the job is the real
``run_monitoring`` and a reminder is delivered to a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from audit.events import EventKind
from audit.reminders import DECIDED, OpenCase, case_event, find_case_events, reminder_threshold
from audit.webhook import verify_signature
from ingest.settings import Settings
from store.cases import decide, submit
from store.db import Database
from store.documents import ensure_trainer
from store.models import CaseStatus, Notification
from tests.recert_support import fresh_postgres, webhook_server
from worker.monitor import run_monitoring

AS_OF = dt.date(2026, 11, 24)
SECRET = "test-webhook-secret"
SETTINGS = Settings()  # audit_reminder_days = (7, 1)


def _case(left: int, status: str = CaseStatus.AWAITING_DOCUMENTS) -> OpenCase:
    return OpenCase("C-1", "T-1", AS_OF + dt.timedelta(days=left), status)


@pytest.mark.parametrize(
    ("left", "thresholds", "expected"),
    [
        (8, (7, 1), None),
        (7, (7, 1), 7),
        (5, (7, 1), 7),
        (2, (7, 1), 7),
        (1, (7, 1), 1),
        (0, (7, 1), 1),
        (-1, (7, 1), None),
        (3, (1, 7, 3), 3),
        (7, (), None),
    ],
    ids=[
        "8-days-none",
        "7-days-week",
        "5-days-week",
        "2-days-week",
        "1-day-last",
        "due-today-last",
        "past-due-none",
        "unsorted-thresholds",
        "no-thresholds",
    ],
)
def test_reminder_threshold(left: int, thresholds: tuple[int, ...], expected: int | None) -> None:
    assert reminder_threshold(left, thresholds) == expected


@pytest.mark.parametrize(
    ("left", "status", "key", "kind"),
    [
        (10, CaseStatus.AWAITING_DOCUMENTS, None, None),
        (7, CaseStatus.AWAITING_DOCUMENTS, "audit_reminder:C-1:7", EventKind.AUDIT_CASE_REMINDER),
        (7, CaseStatus.IN_REVIEW, "audit_reminder:C-1:7", EventKind.AUDIT_CASE_REMINDER),
        (1, CaseStatus.AWAITING_DOCUMENTS, "audit_reminder:C-1:1", EventKind.AUDIT_CASE_REMINDER),
        (-1, CaseStatus.AWAITING_DOCUMENTS, "audit_overdue:C-1", EventKind.AUDIT_CASE_OVERDUE),
        (-30, CaseStatus.IN_REVIEW, "audit_overdue:C-1", EventKind.AUDIT_CASE_OVERDUE),
        (1, CaseStatus.DECIDED, None, None),
        (-1, CaseStatus.DECIDED, None, None),
    ],
    ids=[
        "far-none",
        "week-awaiting",
        "week-in-review",
        "day-before",
        "overdue-by-one",
        "overdue-long",
        "decided-near-none",
        "decided-past-none",
    ],
)
def test_case_event(left: int, status: str, key: str | None, kind: EventKind | None) -> None:
    event = case_event(_case(left, status), AS_OF, SETTINGS)
    assert (event.key if event else None, event.kind if event else None) == (key, kind)


def test_the_message_says_what_to_do_and_by_when() -> None:
    event = case_event(_case(7), AS_OF, SETTINGS)
    assert event is not None and event.date == dt.date(2026, 12, 1)
    assert event.message == (
        "Your audit case is due in 7 days (2026-12-01): "
        "upload the remaining documents by 2026-12-01."
    )


def test_thresholds_are_a_setting() -> None:
    settings = Settings(audit_reminder_days=(14,))
    assert case_event(_case(10), AS_OF, settings) is not None
    assert case_event(_case(1), AS_OF, settings) is not None  # still within 14
    assert case_event(_case(15), AS_OF, settings) is None


def test_events_are_grouped_by_trainer() -> None:
    cases = [
        OpenCase("C-1", "T-1", AS_OF + dt.timedelta(days=7), CaseStatus.AWAITING_DOCUMENTS),
        OpenCase("C-2", "T-1", AS_OF - dt.timedelta(days=2), CaseStatus.IN_REVIEW),
        OpenCase("C-3", "T-2", AS_OF + dt.timedelta(days=20), CaseStatus.AWAITING_DOCUMENTS),
    ]
    found = find_case_events(cases, AS_OF, SETTINGS)
    keys = {t: [e.key for e in events] for t, events in found.items()}
    assert keys == {"T-1": ["audit_reminder:C-1:7", "audit_overdue:C-2"]}


def test_decided_matches_the_stored_status() -> None:
    assert DECIDED == CaseStatus.DECIDED


@pytest.fixture(params=["sqlite", "postgresql"])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    common: dict[str, Any] = {
        "audit_share": 1.0,
        "audit_seed": SecretStr("reminder-test-seed"),
        "audit_due_days": 30,
        "webhook_backoff_s": 0.01,
    }
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data", **common)
        return
    with fresh_postgres() as url:
        yield Settings(data_dir=tmp_path / "data", database_url=url, **common)


def _open_case(settings: Settings, trainer_id: str, left: int, decided: bool = False) -> str:
    """A case of a new trainer due ``left`` days after AS_OF; its id."""
    opened = AS_OF + dt.timedelta(days=left - settings.audit_due_days)
    db = Database(settings)
    try:
        with db.write_session() as session:
            ensure_trainer(session, trainer_id, trainer_id)
            _submission, case = submit(session, trainer_id, ["e1"], None, settings, opened)
            assert case is not None and case.due_on == AS_OF + dt.timedelta(days=left)
            if decided:
                decide(session, case.id, "approved", "fine", "auditor:x")
            return case.id
    finally:
        db.dispose()


def _keys(settings: Settings) -> list[tuple[str, str, str]]:
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            rows = session.scalars(select(Notification)).all()
            return sorted((r.trainer_id, r.event_key, r.status) for r in rows)
    finally:
        db.dispose()


def test_a_case_due_in_a_week_is_reminded_once(db_settings: Settings) -> None:
    case_id = _open_case(db_settings, "T-1", 7)
    first = run_monitoring(AS_OF, db_settings)
    second = run_monitoring(AS_OF, db_settings)
    expected = [("T-1", f"audit_reminder:{case_id}:7", "pending")]
    assert (_keys(db_settings), first.recorded, second.recorded) == (expected, 1, 0)


def test_reminders_overdue_and_decided_cases(db_settings: Settings) -> None:
    soon = _open_case(db_settings, "T-1", 1)
    late = _open_case(db_settings, "T-2", -1)
    _open_case(db_settings, "T-3", 1, decided=True)
    _open_case(db_settings, "T-4", 20)
    run_monitoring(AS_OF, db_settings)
    assert _keys(db_settings) == sorted(
        [
            ("T-1", f"audit_reminder:{soon}:1", "pending"),
            ("T-2", f"audit_overdue:{late}", "pending"),
        ]
    )


def test_the_week_then_the_day_reminder_over_the_days(db_settings: Settings) -> None:
    case_id = _open_case(db_settings, "T-1", 7)
    for day in range(9):  # from a week before to a day after the due date
        run_monitoring(AS_OF + dt.timedelta(days=day), db_settings)
    keys = [k for _t, k, _s in _keys(db_settings)]
    expected = [f"audit_overdue:{case_id}", f"audit_reminder:{case_id}:1"]
    assert keys == sorted([*expected, f"audit_reminder:{case_id}:7"])


def test_a_reminder_is_delivered_to_the_webhook_signed(db_settings: Settings) -> None:
    case_id = _open_case(db_settings, "T-1", 7)
    with webhook_server(200) as (url, received):
        settings = db_settings.model_copy(
            update={"webhook_url": url, "webhook_secret": SecretStr(SECRET)}
        )
        run_monitoring(AS_OF, settings)
        run_monitoring(AS_OF, settings)
    assert len(received.requests) == 1
    headers, body = received.requests[0]
    payload = json.loads(body)
    assert verify_signature(SECRET, headers, body, now=time.time())
    assert (payload["key"], payload["kind"], payload["trainer_id"]) == (
        f"audit_reminder:{case_id}:7",
        "audit_case_reminder",
        "T-1",
    )
    assert "upload the remaining documents by 2026-12-01" in payload["message"]
    assert _keys(db_settings) == [("T-1", f"audit_reminder:{case_id}:7", "delivered")]
