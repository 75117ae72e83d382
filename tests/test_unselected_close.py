"""Applications the audit draw did not select are closed by the daily monitoring job.

A complete one is accepted without audit ``accept_unselected_after_days`` after
it was sent: its entries unlock, the trainer is told once, and a new
application can be sent. An incomplete one is never accepted unseen: it opens
a case for an auditor (at once when sent; by the job for one sent before that
rule). The decision of an audited one closes it too. The real ``submit`` and
``run_monitoring`` on SQLite and, when one answers, on PostgreSQL; the dashboard
through the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select, text

from ingest.errors import Conflict
from ingest.settings import Settings
from store.cases import (
    ACCEPTED_WITHOUT_AUDIT,
    OPENED_INCOMPLETE,
    case_of_submission,
    decide,
    locked_entry_ids,
    open_submission,
    submit,
    trail,
)
from store.db import Database
from store.documents import ensure_trainer
from store.models import Notification, Submission, new_id, utcnow
from tests.recert_support import fresh_postgres, login
from tests.service_fixtures import Api, running_api, upgrade_to
from worker.monitor import run_monitoring

READY: dict[str, Any] = {"ready": True, "score": 100}
NOT_READY: dict[str, Any] = {"ready": False, "score": 40}


def _settings(tmp_path: Path, **more: Any) -> dict[str, Any]:
    return {
        "data_dir": tmp_path / "data",
        "audit_share": 0.0,  # no application is drawn
        "audit_seed": SecretStr("close-test-seed"),
        **more,
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    common = _settings(tmp_path, accept_unselected_after_days=2)
    if request.param == "sqlite":
        yield Settings(**common)
        return
    with fresh_postgres() as url:
        yield Settings(database_url=url, **common)


def _submit(settings: Settings, trainer_id: str, readiness: dict[str, Any]) -> str:
    db = Database(settings)
    try:
        with db.write_session() as session:
            ensure_trainer(session, trainer_id, trainer_id)
            submission, _case = submit(session, trainer_id, ["e1", "e2"], readiness, settings)
            return submission.id
    finally:
        db.dispose()


def _state(settings: Settings, trainer_id: str) -> tuple[set[str], str | None, list[str]]:
    """The trainer's locked entries, the newest submission's outcome, the events recorded."""
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            newest = session.scalars(
                select(Submission).where(Submission.trainer_id == trainer_id)
            ).one()
            keys = session.scalars(
                select(Notification.event_key).where(Notification.trainer_id == trainer_id)
            ).all()
            return locked_entry_ids(session, trainer_id), newest.outcome, sorted(keys)
    finally:
        db.dispose()


def test_a_complete_application_not_drawn_is_accepted_after_the_window(
    db_settings: Settings,
) -> None:
    submission_id = _submit(db_settings, "T-1", READY)
    today = utcnow().date()

    early = run_monitoring(today + dt.timedelta(days=1), db_settings)
    assert (early.accepted, _state(db_settings, "T-1")) == (0, ({"e1", "e2"}, None, []))

    due = run_monitoring(today + dt.timedelta(days=2), db_settings)
    again = run_monitoring(today + dt.timedelta(days=3), db_settings)
    event = f"application_accepted:{submission_id}"
    assert (due.accepted, due.recorded, again.accepted, again.recorded) == (1, 1, 0, 0)
    assert _state(db_settings, "T-1") == (set(), ACCEPTED_WITHOUT_AUDIT, [event])

    db = Database(db_settings, run_migrations=False)
    try:
        with db.write_session() as session:
            assert open_submission(session, "T-1") is None
            closed = session.get(Submission, submission_id)
            assert closed is not None and closed.closed_at is not None
            assert case_of_submission(session, submission_id) is None
            # the next cycle's application can be sent
            submit(session, "T-1", ["e3"], READY, db_settings)
    finally:
        db.dispose()


def test_an_incomplete_application_not_drawn_goes_to_an_auditor(db_settings: Settings) -> None:
    submission_id = _submit(db_settings, "T-2", NOT_READY)
    db = Database(db_settings, run_migrations=False)
    try:
        with db.session() as session:
            case = case_of_submission(session, submission_id)
            assert case is not None
            assert [e.action for e in trail(session, case.id)] == [OPENED_INCOMPLETE]
            assert not case.decided_at
        report = run_monitoring(utcnow().date() + dt.timedelta(days=30), db_settings)
        assert (report.accepted, report.sent_to_review) == (0, 0)
        assert _state(db_settings, "T-2")[:2] == ({"e1", "e2"}, None)
        with db.write_session() as session:
            decide(session, case.id, "denied", "not enough CEUs", "auditor:x")
        with db.write_session() as session:
            closed = session.get(Submission, submission_id)
            assert closed is not None and closed.outcome == "denied" and closed.closed_at
            assert open_submission(session, "T-2") is None
    finally:
        db.dispose()


def test_an_incomplete_application_left_open_before_the_rule_gets_a_case(
    db_settings: Settings,
) -> None:
    """A row as an older release left it: not drawn, incomplete, no case, never closed."""
    db = Database(db_settings)
    try:
        with db.write_session() as session:
            ensure_trainer(session, "T-3", "T-3")
            session.add(
                Submission(
                    id=new_id(),
                    trainer_id="T-3",
                    submitted_at=utcnow() - dt.timedelta(days=400),
                    entry_ids=["e9"],
                    readiness=NOT_READY,
                    draw={"selected": False},
                    selected=False,
                )
            )
        report = run_monitoring(utcnow().date(), db_settings)
        again = run_monitoring(utcnow().date(), db_settings)
        assert (report.accepted, report.sent_to_review, again.sent_to_review) == (0, 1, 0)
        with db.write_session() as session, pytest.raises(Conflict):
            submit(session, "T-3", ["e10"], READY, db_settings)
        assert _state(db_settings, "T-3")[:2] == ({"e9"}, None)
    finally:
        db.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_closes_the_applications_already_decided(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.service_fixtures import empty_database

    settings = empty_database(kind, tmp_path, request)
    db = Database(settings, run_migrations=False)
    decided_at = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    try:
        with db.engine.begin() as connection:
            upgrade_to(connection, "0009")
            connection.execute(
                text("INSERT INTO trainers (id, created_at) VALUES ('T', :at)"), {"at": decided_at}
            )
            for sid, status in (("s-open", "in_review"), ("s-done", "decided")):
                connection.execute(
                    text(
                        "INSERT INTO submissions (id, trainer_id, submitted_at, entry_ids, draw,"
                        " selected) VALUES (:id, 'T', :at, '[]', '{}', :sel)"
                    ),
                    {"id": sid, "at": decided_at, "sel": True},
                )
                connection.execute(
                    text(
                        "INSERT INTO audit_cases (id, submission_id, trainer_id, opened_on, due_on,"
                        " status, verdicts, decision, decided_at) VALUES (:id, :sid, 'T', :day,"
                        " :day, :status, '{}', :decision, :decided)"
                    ),
                    {
                        "id": f"c-{sid}",
                        "sid": sid,
                        "day": decided_at.date(),
                        "status": status,
                        "decision": "approved" if status == "decided" else None,
                        "decided": decided_at if status == "decided" else None,
                    },
                )
            upgrade_to(connection, "0011")
        with db.session() as session:
            rows = {s.id: (s.outcome, s.closed_at) for s in session.scalars(select(Submission))}
        assert rows == {"s-open": (None, None), "s-done": ("approved", decided_at)}
    finally:
        db.dispose()


def test_the_dashboard_says_when_and_that_it_was_accepted(tmp_path: Path) -> None:
    with running_api(Settings(**_settings(tmp_path))) as api:
        _dashboard_flow(api)


def _dashboard_flow(api: Api) -> None:
    db = Database(api.settings, run_migrations=False)
    try:
        with db.write_session() as session:
            submit(session, "T-A", ["e1"], READY, api.settings)
    finally:
        db.dispose()
    login(api, "trainer_a")
    waiting = api.client.get("/web/dashboard").text
    today = utcnow().date()
    assert "It was not selected for audit: it is accepted without one" in waiting
    assert today.strftime("%b %d, %Y") in waiting
    run_monitoring(today, api.settings)
    accepted = api.client.get("/web/dashboard").text
    assert "It was not selected for audit and was" in accepted
    assert '<strong id="decision">accepted</strong>' in accepted
