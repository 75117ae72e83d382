"""Trainer profiles and what the rules read per trainer: stored records and the catalog.

The profile holds what a trainer states about their certification; the cycle
start is never stored, it is derived from the expiry (``cycle_years`` earlier)
whenever the rules need it, so a change of setting applies everywhere at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.model import TrainerProfile
from ingest.dated_flags import as_of
from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import Catalog, parse_catalog
from store.catalogs import latest_import
from store.documents import ensure_trainer
from store.models import Document, Trainer, TrainerProfileRow, utcnow

_catalogs: dict[str, Catalog] = {}
_catalog_lock = threading.Lock()


@dataclass(frozen=True)
class ProfileInput:
    name: str
    certification_expiry: dt.date
    other_names: tuple[str, ...] = ()
    certification_number: str | None = None
    recertify_for_life: bool = False


def get_profile_row(session: Session, trainer_id: str) -> TrainerProfileRow | None:
    return session.get(TrainerProfileRow, trainer_id)


def put_profile(session: Session, trainer_id: str, given: ProfileInput) -> TrainerProfileRow:
    """Create or replace the trainer's profile (the trainer row is created when missing)."""
    trainer = ensure_trainer(session, trainer_id, given.name)
    trainer.name = given.name
    row = session.get(TrainerProfileRow, trainer_id)
    if row is None:
        row = TrainerProfileRow(trainer_id=trainer_id)
        session.add(row)
    row.name = given.name
    row.other_names = list(given.other_names)
    row.certification_number = given.certification_number
    row.certification_expiry = given.certification_expiry
    row.recertify_for_life = given.recertify_for_life
    row.updated_at = utcnow()
    session.flush()
    return row


def profile_of(row: TrainerProfileRow, settings: Settings) -> TrainerProfile:
    """The rules' profile, its cycle start derived from the expiry."""
    return TrainerProfile.for_cycle(
        name=row.name,
        certification_expiry=row.certification_expiry,
        settings=settings,
        other_names=tuple(row.other_names or ()),
        certification_number=row.certification_number,
        recertify_for_life=row.recertify_for_life,
    )


def trainer_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Trainer.id).order_by(Trainer.id)).all())


@dataclass(frozen=True)
class StoredRecord:
    document_id: str
    record: DocumentRecord


def stored_records(
    session: Session, trainer_id: str, on: dt.date | None = None
) -> list[StoredRecord]:
    """The trainer's read documents (done or failed with a record), in upload order.

    Date-dependent flags are judged on ``on`` (default today, UTC), not as stored.
    """
    rows = session.execute(
        select(Document.id, Document.result)
        .where(Document.trainer_id == trainer_id, Document.result.is_not(None))
        .order_by(Document.created_at, Document.id)
    ).all()
    return [
        StoredRecord(row.id, as_of(DocumentRecord.model_validate(row.result), on)) for row in rows
    ]


def active_catalog(session: Session) -> Catalog | None:
    """The newest catalog import, parsed once per import id; None when none was imported."""
    latest = latest_import(session)
    if latest is None:
        return None
    with _catalog_lock:
        if latest.id not in _catalogs:
            _catalogs.clear()
            _catalogs[latest.id] = parse_catalog(latest.content).catalog
        return _catalogs[latest.id]
