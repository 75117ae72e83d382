"""A trainer's CEU entries as kept: filled in from stored records, confirmed or corrected.

``sync_entries`` fills the entries in again from the trainer's stored records
(``audit.entries.entries_from_records``) and reconciles them with the rows
kept, by entry id (derived from the upload's hash, so the same upload read
again gets the same id):

- an ``auto`` entry takes the new reading;
- a ``corrected`` entry takes the new reading, then the fields a person
  corrected are set again to the corrected values: corrections survive
  re-processing, and fields nobody touched follow the better reading;
- a ``confirmed`` entry stays confirmed while the reading is unchanged; when
  re-processing changes what was confirmed, it goes back to ``auto`` so a
  person looks again (its history is kept);
- an entry whose upload is gone (deleted, or no longer read as a certificate)
  is removed; its change log stays in ``ceu_entry_changes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.corrections import (
    CORRECTABLE_FIELDS,
    confirm_entry,
    correct_entry,
    current,
    review_correction,
)
from audit.entries import document_id as evidence_id
from audit.entries import entries_from_records
from audit.model import (
    CeuEntry,
    CeusSource,
    Correction,
    EntryState,
    EntryValue,
    HistoryItem,
    ReviewState,
)
from ingest.errors import Conflict, InvalidRequest, NotFound
from ingest.settings import Settings
from matchers.catalog import Catalog
from store.cases import locked_entry_ids
from store.models import CeuEntryChange, CeuEntryRow, Trainer, utcnow
from store.trainers import stored_records

# Fields that describe the person's work on an entry, not the reading.
_BOOKKEEPING = {"state", "history", "duplicate_of", "corrections"}
# How a reading is explained (reasons, boxes): new explanations of the same values do
# not send a confirmed entry back to be looked at again.
_EXPLANATIONS = {"ceus_reason", "ceus_check", "evidence"}


def _reading(entry: CeuEntry) -> dict[str, object]:
    return entry.model_dump(mode="json", exclude=_BOOKKEEPING | _EXPLANATIONS)


def _corrected_fields(kept: CeuEntry) -> list[str]:
    """Fields a person corrected and that still hold (a rejected correction does not)."""
    rejected = {c.field for c in kept.corrections if c.review is ReviewState.REJECTED}
    changed = (item.field for item in kept.history if item.field in CORRECTABLE_FIELDS)
    return [field for field in dict.fromkeys(changed) if field not in rejected]


def _reread(corrections: tuple[Correction, ...], fresh: CeuEntry) -> tuple[Correction, ...]:
    """Corrections showing what the fresh reading read, and where."""
    return tuple(
        c.model_copy(
            update={"read": current(fresh, c.field), "evidence": fresh.evidence.get(c.field)}
        )
        for c in corrections
    )


def merge_kept(fresh: CeuEntry, kept: CeuEntry) -> CeuEntry:
    """The fresh reading of an entry with what a person did to the kept one applied again."""
    if kept.state is EntryState.AUTO and not kept.history:
        return fresh
    corrections = _reread(kept.corrections, fresh)
    update: dict[str, object] = {"history": kept.history, "corrections": corrections}
    fields = _corrected_fields(kept)
    for field in fields:
        update[field] = getattr(kept, field)
    if "ceus" in fields:
        update["ceus_source"] = CeusSource.MANUAL
    merged = fresh.model_copy(update=update)
    if kept.state is EntryState.CORRECTED:
        return merged.model_copy(update={"state": EntryState.CORRECTED})
    unchanged = _reading(merged) == _reading(kept)
    return merged.model_copy(update={"state": kept.state if unchanged else EntryState.AUTO})


def _lock_trainer(session: Session, trainer_id: str) -> None:
    """One writer of a trainer's entries at a time (PostgreSQL row lock; SQLite has one writer).

    Without it, a read that fills entries in could write back a reading it took
    just before a correction committed, and lose the correction.
    """
    session.get(Trainer, trainer_id, with_for_update=True)


def _rows(session: Session, trainer_id: str) -> dict[str, CeuEntryRow]:
    rows = session.scalars(select(CeuEntryRow).where(CeuEntryRow.trainer_id == trainer_id))
    return {row.entry_id: row for row in rows}


def sync_entries(
    session: Session, trainer_id: str, settings: Settings, catalog: Catalog | None
) -> list[tuple[CeuEntryRow, CeuEntry]]:
    """The trainer's entries, filled in from the stored records and kept rows reconciled."""
    _lock_trainer(session, trainer_id)
    stored = stored_records(session, trainer_id)
    documents = {evidence_id(s.record): s.document_id for s in stored}
    fresh_entries = entries_from_records([s.record for s in stored], settings, catalog)
    kept = _rows(session, trainer_id)
    now = utcnow()
    result: list[tuple[CeuEntryRow, CeuEntry]] = []
    for fresh in fresh_entries:
        row = kept.pop(fresh.entry_id, None)
        entry = fresh if row is None else merge_kept(fresh, CeuEntry.model_validate(row.entry))
        data = entry.model_dump(mode="json")
        if row is None:
            row = CeuEntryRow(trainer_id=trainer_id, entry_id=entry.entry_id, created_at=now)
            session.add(row)
        if row.entry != data or row.state != entry.state:
            row.entry, row.state, row.updated_at = data, str(entry.state), now
        row.document_id = documents.get(entry.document)
        result.append((row, entry))
    for gone in kept.values():
        session.delete(gone)
    session.flush()
    return result


def change_entry(
    session: Session,
    trainer_id: str,
    entry_id: str,
    *,
    who: str,
    corrections: Mapping[str, EntryValue],
    confirm: bool,
    settings: Settings,
    by_trainer: bool = False,
    when: dt.datetime | None = None,
) -> tuple[CeuEntryRow, CeuEntry]:
    """Apply corrections (field by field, each logged), then the confirmation if asked.

    A bad field or value raises ``InvalidRequest`` before anything is stored; an entry
    used by a submitted application (not decided yet) is locked: ``Conflict``. A
    trainer's correction of identity is held for an auditor (``audit.corrections``).
    """
    _lock_trainer(session, trainer_id)
    if entry_id in locked_entry_ids(session, trainer_id):
        raise Conflict("The entry is part of a submitted application and is locked.")
    row = _entry_row(session, trainer_id, entry_id)
    when = when or utcnow()
    entry = CeuEntry.model_validate(row.entry)
    items: list[HistoryItem] = []
    for field, value in corrections.items():
        entry, item = correct_entry(
            entry,
            field,
            value,
            who=who,
            when=when,
            by_trainer=by_trainer,
            max_ceus=settings.max_entry_ceus,
        )
        items.append(item)
    if confirm:
        entry, item = confirm_entry(entry, who=who, when=when)
        items.append(item)
    return _store(session, row, entry, items, when)


def review_entry(
    session: Session,
    trainer_id: str,
    entry_id: str,
    field: str,
    decision: str,
    *,
    who: str,
    reason: str = "",
) -> tuple[CeuEntryRow, CeuEntry]:
    """An auditor accepts or rejects a trainer's held correction (also on a locked entry)."""
    if decision not in (ReviewState.ACCEPTED, ReviewState.REJECTED):
        raise InvalidRequest("A review is accepted or rejected.")
    _lock_trainer(session, trainer_id)
    row = _entry_row(session, trainer_id, entry_id)
    when = utcnow()
    entry = CeuEntry.model_validate(row.entry)
    review = ReviewState(decision)
    entry, item = review_correction(entry, field, review, who=who, when=when, reason=reason)
    return _store(session, row, entry, [item], when)


def _entry_row(session: Session, trainer_id: str, entry_id: str) -> CeuEntryRow:
    row = session.scalars(
        select(CeuEntryRow).where(
            CeuEntryRow.trainer_id == trainer_id, CeuEntryRow.entry_id == entry_id
        )
    ).first()
    if row is None:
        raise NotFound(f"No CEU entry {entry_id}.")
    return row


def _store(
    session: Session, row: CeuEntryRow, entry: CeuEntry, items: list[HistoryItem], when: dt.datetime
) -> tuple[CeuEntryRow, CeuEntry]:
    for item in items:
        session.add(_change_row(row.trainer_id, row.entry_id, item))
    row.entry, row.state, row.updated_at = entry.model_dump(mode="json"), str(entry.state), when
    session.flush()
    return row, entry


def _change_row(trainer_id: str, entry_id: str, item: HistoryItem) -> CeuEntryChange:
    data = item.model_dump(mode="json")
    return CeuEntryChange(
        trainer_id=trainer_id,
        entry_id=entry_id,
        who=item.who[:200],
        at=item.when,
        field=item.field,
        old=data["old"],
        new=data["new"],
    )
