"""Date-dependent flags (card_expired) are judged when a record is read, never frozen.

Records are stored the way the worker stores them (``outcome_for`` then
``finish``) and read through the real API, the store and the migration; the
dates are placed around the real today, so no clock is faked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from ingest.dated_flags import as_of, today_utc
from ingest.record import CardSide, DocumentRecord, DocumentType, Fields, Flag, FlagCode
from store.db import Database, make_engine
from store.documents import add_document, finish
from store.models import Document, Trainer
from store.trainers import stored_records
from tests.service_fixtures import Api, empty_database, upgrade_to
from worker.tasks import outcome_for

TODAY = today_utc()
DAY = dt.timedelta(days=1)
ONLINE_ONLY = Flag(code=FlagCode.CARD_ONLINE_ONLY, message="online only")


def card(expiry: dt.date, processed_on: dt.date) -> DocumentRecord:
    """A card as the pipeline would have judged it on ``processed_on``."""
    record = DocumentRecord(
        source="card.pdf",
        status="ok",
        document_type=DocumentType.CPR_AED_CARD,
        card_side=CardSide.FRONT,
        fields=Fields(holder_name="Dana Lee", expiry_date=expiry),
        flags=[ONLINE_ONLY],
    )
    return as_of(record, processed_on)


def codes(record: DocumentRecord) -> list[str]:
    return [f.code for f in record.flags]


@pytest.mark.parametrize(
    ("expiry", "on", "expected"),
    [
        (TODAY - DAY, TODAY, ["card_expired", "card_online_only"]),
        (TODAY, TODAY, ["card_online_only"]),
        (TODAY + DAY, TODAY, ["card_online_only"]),
        (TODAY + DAY, TODAY + 2 * DAY, ["card_expired", "card_online_only"]),
    ],
    ids=["expired_yesterday", "expires_today", "expires_tomorrow", "judged_later"],
)
def test_card_expired_is_judged_on_the_given_date(
    expiry: dt.date, on: dt.date, expected: list[str]
) -> None:
    assert codes(as_of(card(expiry, processed_on=on - 400 * DAY), on)) == expected


def _store(api: Api, record: DocumentRecord, sha: str) -> str:
    db = Database(api.settings, run_migrations=False)
    try:
        with db.session() as session:
            document, _ = add_document(
                session, trainer_id="T-A", sha256=sha, size_bytes=1, kind="pdf",
                original_filename="card.pdf",
            )  # fmt: skip
            finish(session, document.id, outcome_for(record))
            return document.id
    finally:
        db.dispose()


def _seen_through_the_api(api: Api, document_id: str) -> dict[str, Any]:
    detail = api.get(f"/v1/documents/{document_id}").json()
    listed = api.get("/v1/documents").json()["items"]
    expired = api.get("/v1/documents?flag=card_expired").json()["items"]
    return {
        "detail": detail["flags"],
        "record": [f["code"] for f in detail["record"]["flags"]],
        "listed": next(item["flags"] for item in listed if item["id"] == document_id),
        "in_expired_filter": [item["id"] for item in expired] == [document_id],
    }


@pytest.mark.parametrize(
    ("expiry", "processed_on", "expired_now"),
    [
        (TODAY - DAY, TODAY - 30 * DAY, True),
        (TODAY + 30 * DAY, TODAY + 60 * DAY, False),
    ],
    ids=["valid_when_read_expired_since", "judged_expired_for_a_later_date_valid_today"],
)
def test_the_api_judges_card_expired_on_the_day_it_is_read(
    embedded_api: Api, expiry: dt.date, processed_on: dt.date, expired_now: bool
) -> None:
    document_id = _store(embedded_api, card(expiry, processed_on), "a" * 64)
    now = ["card_expired", "card_online_only"] if expired_now else ["card_online_only"]
    assert _seen_through_the_api(embedded_api, document_id) == {
        "detail": now,
        "record": now,
        "listed": now,
        "in_expired_filter": expired_now,
    }


@pytest.mark.parametrize(
    ("monitor_date", "expected"),
    [
        (TODAY + 9 * DAY, ["card_online_only"]),
        (TODAY + 11 * DAY, ["card_expired", "card_online_only"]),
    ],
    ids=["before_expiry", "after_expiry"],
)
def test_the_monitor_reads_records_as_of_its_run_date(
    embedded_api: Api, monitor_date: dt.date, expected: list[str]
) -> None:
    _store(embedded_api, card(TODAY + 10 * DAY, processed_on=TODAY), "b" * 64)
    db = Database(embedded_api.settings, run_migrations=False)
    with db.session() as session:
        (stored,) = stored_records(session, "T-A", monitor_date)
    db.dispose()
    assert codes(stored.record) == expected


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def test_the_migration_stores_the_expiry_and_drops_the_frozen_flag(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    frozen = card(dt.date(2026, 1, 31), processed_on=dt.date(2026, 6, 1))
    engine = make_engine(empty_database(kind, tmp_path, request))
    with engine.begin() as connection:
        upgrade_to(connection, "0004")
        connection.execute(insert(Trainer).values(id="T-OLD", created_at=_noon()))
        connection.execute(
            insert(Document).values(
                id="old", trainer_id="T-OLD", sha256="c" * 64, kind="pdf", size_bytes=1,
                status="done", attempts=1, enqueues=1, created_at=_noon(), updated_at=_noon(),
                result=frozen.to_json_dict(), flags=" card_expired card_online_only ",
            )
        )  # fmt: skip
    with engine.begin() as connection:
        upgrade_to(connection, "head")
        row = connection.execute(select(Document.card_expires_on, Document.flags)).one()
    engine.dispose()
    assert tuple(row) == (dt.date(2026, 1, 31), " card_online_only ")


def _noon() -> dt.datetime:
    return dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
