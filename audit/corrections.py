"""Confirming and correcting auto-filled CEU entries, as pure functions.

A correction returns a new entry (state ``corrected``) and the history item
that records who changed which field, when, from what to what; the entry also
carries its history so a reviewer sees every change beside the document.
"""

from __future__ import annotations

import datetime as dt

from audit.model import (
    AreaGuess,
    Category,
    CeArea,
    CeuEntry,
    CeusSource,
    EntryState,
    EntryValue,
    HistoryItem,
    PetitionStatus,
)
from ingest.errors import InvalidRequest

# One course's NASM CEUs: the largest courses give 2.0 (a whole cycle's requirement); ten
# times that leaves room for any real entry and refuses 1e308, inf and nan.
MAX_CEUS_PER_ENTRY = 20.0


def _as_date(value: EntryValue) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _parse(field: str, value: EntryValue) -> object:
    """The typed value for a correctable field; a bad value is an ``InvalidRequest``."""
    try:
        if field == "ceus":
            ceus = float(value)  # type: ignore[arg-type]
            if not 0 <= ceus <= MAX_CEUS_PER_ENTRY:  # also refuses nan
                raise ValueError(field)
            return ceus
        if field == "completion_date":
            return _as_date(value)
        if field == "area":
            return AreaGuess(area=CeArea(str(value)), confidence=1.0, words=("corrected",))
        if field == "category":
            return Category(str(value))
        if field == "petition_status":
            return PetitionStatus(str(value))
        if field in {"provider", "course", "course_code", "holder_name", "certificate_id"}:
            return None if value is None else str(value)
    except (TypeError, ValueError) as e:
        hint = f" (0 to {MAX_CEUS_PER_ENTRY:g})" if field == "ceus" else ""
        raise InvalidRequest(f"'{value}' is not a valid value for {field}{hint}.") from e
    raise InvalidRequest(f"The field '{field}' of a CEU entry cannot be corrected.")


def _current(entry: CeuEntry, field: str) -> EntryValue:
    value = getattr(entry, field)
    if isinstance(value, AreaGuess):
        return None if value.area is None else str(value.area)
    if isinstance(value, Category | PetitionStatus):
        return str(value)
    return value


def correct_entry(
    entry: CeuEntry, field: str, new: EntryValue, *, who: str, when: dt.datetime
) -> tuple[CeuEntry, HistoryItem]:
    """The entry with ``field`` set to ``new``, and the history item of the change."""
    parsed = _parse(field, new)
    update: dict[str, object] = {field: parsed, "state": EntryState.CORRECTED}
    if field == "ceus":
        update["ceus_source"] = CeusSource.MANUAL
    old = _current(entry, field)
    changed = entry.model_copy(update=update)
    item = HistoryItem(who=who, when=when, field=field, old=old, new=_current(changed, field))
    return changed.model_copy(update={"history": (*entry.history, item)}), item


def confirm_entry(entry: CeuEntry, *, who: str, when: dt.datetime) -> tuple[CeuEntry, HistoryItem]:
    """A person checked the auto-filled entry against its certificate and agrees."""
    item = HistoryItem(who=who, when=when, field="state", old=str(entry.state), new="confirmed")
    update = {"state": EntryState.CONFIRMED, "history": (*entry.history, item)}
    return entry.model_copy(update=update), item
