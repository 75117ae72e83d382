"""Submissions, the audit draw and cases in the store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from audit.selection import recheck
from ingest.errors import Conflict, InvalidRequest
from ingest.settings import Settings
from store.cases import decide, locked_entry_ids, open_cases, set_verdict, submit, trail
from store.db import Database
from store.documents import ensure_trainer
from store.models import CaseStatus
from tests.recert_support import fresh_postgres

SEED = "store-test-seed"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    common = {"audit_share": 1.0, "audit_seed": SecretStr(SEED), "audit_due_days": 30}
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data", **common)  # type: ignore[arg-type]
        return
    with fresh_postgres() as url:
        yield Settings(data_dir=tmp_path / "data", database_url=url, **common)  # type: ignore[arg-type]


def test_a_case_from_submission_to_decision(db_settings: Settings) -> None:
    db = Database(db_settings)
    opened = dt.date(2026, 11, 1)
    try:
        with db.write_session() as session:
            ensure_trainer(session, "T-1", "Ana")
            submission, case = submit(session, "T-1", ["e1", "e2"], None, db_settings, opened)
            assert case is not None and case.due_on == dt.date(2026, 12, 1)
            assert recheck(SEED, submission.draw) and submission.draw["selected"]
            assert locked_entry_ids(session, "T-1") == {"e1", "e2"}
            with pytest.raises(Conflict):
                submit(session, "T-1", ["e1"], None, db_settings, opened)
            case_id = case.id
        with db.write_session() as session:
            with pytest.raises(InvalidRequest):
                set_verdict(session, case_id, "e1", "rejected", " ", "auditor:x")
            set_verdict(session, case_id, "e1", "rejected", "not approved", "auditor:x")
            set_verdict(session, case_id, "e1", "accepted", "", "auditor:x")
        with db.write_session() as session:
            assert [c.id for c in open_cases(session)] == [case_id]
            case = decide(session, case_id, "approved", "fine", "auditor:x")
            assert case.status == CaseStatus.DECIDED
        with db.session() as session:
            events = trail(session, case_id)
            actions = [e.action for e in events]
            assert actions == ["opened", "status", "entry_rejected", "entry_accepted", "decided"]
            assert events[3].before == {"verdict": "rejected", "reason": "not approved"}
            assert open_cases(session) == [] and locked_entry_ids(session, "T-1") == set()
            with pytest.raises(Conflict):
                set_verdict(session, case_id, "e2", "accepted", "", "auditor:x")
    finally:
        db.dispose()


def test_an_unselected_submission_is_logged_without_a_case(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", audit_share=0.0, audit_seed=SecretStr(SEED))
    db = Database(settings)
    try:
        with db.write_session() as session:
            ensure_trainer(session, "T-2", "Bo")
            submission, case = submit(session, "T-2", ["e"], {"ready": True}, settings)
            assert case is None and not submission.selected
            assert submission.draw["threshold"] == 0.0 and recheck(SEED, submission.draw)
    finally:
        db.dispose()
