"""Confirming, correcting and reviewing auto-filled CEU entries, as pure functions.

A correction returns a new entry (state ``corrected``) and the history item
that records who changed which field, when, from what to what; the entry also
carries its history, and per field the ``Correction`` showing what was read and
what it became, so a reviewer sees every change beside the document. A
trainer's correction of identity (``IDENTITY_FIELDS``: who holds the
certificate, which provider issued it), or of what decides whether an
unapproved course counts (its category, its petition's status), is held
until an auditor accepts it; a rejected one puts the value read back.
"""

from __future__ import annotations

import datetime as dt
import math

from audit.model import (
    AreaGuess,
    Category,
    CeArea,
    CeuEntry,
    CeusSource,
    Correction,
    EntryState,
    EntryValue,
    HistoryItem,
    PetitionStatus,
    ReviewState,
)
from ingest.errors import InvalidRequest
from ingest.settings import Settings

IDENTITY_FIELDS = ("holder_name", "provider")
HELD_FIELDS = (*IDENTITY_FIELDS, "category", "petition_status")
TEXT_FIELDS = ("provider", "course", "course_code", "holder_name", "certificate_id")
CORRECTABLE_FIELDS = (
    *TEXT_FIELDS,
    "ceus",
    "completion_date",
    "area",
    "category",
    "petition_status",
)
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
MAX_ENTRY_CEUS: float = Settings.model_fields["max_entry_ceus"].default


def _as_date(value: EntryValue) -> dt.date:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if not EARLIEST <= day <= LATEST:
        raise ValueError(day)
    return day


def _as_ceus(value: EntryValue, max_ceus: float) -> float:
    """A finite number of CEUs from 0 to ``max_ceus`` (never nan, inf or 1e308)."""
    if isinstance(value, dt.date) or value is None:
        raise ValueError(value)
    ceus = float(value)
    if not math.isfinite(ceus) or not 0 <= ceus <= max_ceus:
        raise InvalidRequest(
            f"CEUs must be a number from 0 to {max_ceus:g} (one course); '{value}' is not."
        )
    return ceus


def _parse(field: str, value: EntryValue, max_ceus: float) -> object:
    """The typed value for a correctable field; a bad value is an ``InvalidRequest``."""
    try:
        if field == "ceus":
            return _as_ceus(value, max_ceus)
        if field == "completion_date":
            return _as_date(value)
        if field == "area":
            return AreaGuess(area=CeArea(str(value)), confidence=1.0, words=("corrected",))
        if field == "category":
            return Category(str(value))
        if field == "petition_status":
            return PetitionStatus(str(value))
        if field in TEXT_FIELDS:
            return None if value is None else str(value)
    except (TypeError, ValueError, OverflowError) as e:
        raise InvalidRequest(f"'{value}' is not a valid value for {field}.") from e
    raise InvalidRequest(f"The field '{field}' of a CEU entry cannot be corrected.")


def current(entry: CeuEntry, field: str) -> EntryValue:
    """The field's value as history and corrections show it (enums and areas as text)."""
    value = getattr(entry, field)
    if isinstance(value, AreaGuess):
        return None if value.area is None else str(value.area)
    if isinstance(value, Category | PetitionStatus):
        return str(value)
    return value


def _read_value(entry: CeuEntry, field: str) -> EntryValue:
    """What the document read for ``field``: before any earlier correction of it."""
    earlier = next((c for c in entry.corrections if c.field == field), None)
    return earlier.read if earlier is not None else current(entry, field)


def correct_entry(
    entry: CeuEntry,
    field: str,
    new: EntryValue,
    *,
    who: str,
    when: dt.datetime,
    by_trainer: bool = False,
    max_ceus: float = MAX_ENTRY_CEUS,
) -> tuple[CeuEntry, HistoryItem]:
    """The entry with ``field`` set to ``new``, and the history item of the change."""
    parsed = _parse(field, new, max_ceus)
    update: dict[str, object] = {field: parsed, "state": EntryState.CORRECTED}
    if field == "ceus":
        update["ceus_source"] = CeusSource.MANUAL
    old = current(entry, field)
    changed = entry.model_copy(update=update)
    value = current(changed, field)
    item = HistoryItem(who=who, when=when, field=field, old=old, new=value)
    correction = Correction(
        field=field,
        read=_read_value(entry, field),
        value=value,
        who=who,
        when=when,
        by_trainer=by_trainer,
        review=ReviewState.HELD if by_trainer and field in HELD_FIELDS else None,
        evidence=entry.evidence.get(field),
    )
    others = tuple(c for c in entry.corrections if c.field != field)
    kept = {"history": (*entry.history, item), "corrections": (*others, correction)}
    return changed.model_copy(update=kept), item


def review_correction(
    entry: CeuEntry,
    field: str,
    decision: ReviewState,
    *,
    who: str,
    when: dt.datetime,
    reason: str = "",
) -> tuple[CeuEntry, HistoryItem]:
    """An auditor accepts or rejects a held correction; a rejected one restores the read value."""
    held = next((c for c in entry.held() if c.field == field), None)
    if held is None:
        raise InvalidRequest(f"No correction of {field} waits for a review on this entry.")
    if decision is ReviewState.HELD:
        raise InvalidRequest("A review is accepted or rejected.")
    if decision is ReviewState.REJECTED and not reason.strip():
        raise InvalidRequest("Give a reason for rejecting the correction.")
    reviewed = held.model_copy(
        update={
            "review": decision,
            "reviewed_by": who,
            "reviewed_at": when,
            "review_reason": reason.strip() or None,
        }
    )
    corrections = tuple(reviewed if c.field == field else c for c in entry.corrections)
    update: dict[str, object] = {"corrections": corrections}
    if decision is ReviewState.REJECTED:
        update[field] = held.read
    item = HistoryItem(
        who=who, when=when, field=f"review:{field}", old=held.value, new=str(decision)
    )
    update["history"] = (*entry.history, item)
    return entry.model_copy(update=update), item


def confirm_entry(entry: CeuEntry, *, who: str, when: dt.datetime) -> tuple[CeuEntry, HistoryItem]:
    """A person checked the auto-filled entry against its certificate and agrees."""
    item = HistoryItem(who=who, when=when, field="state", old=str(entry.state), new="confirmed")
    update = {"state": EntryState.CONFIRMED, "history": (*entry.history, item)}
    return entry.model_copy(update=update), item
