"""Flags that depend on the date they are judged on, evaluated when a record is read.

A card read today is not expired; the same card next year is. The pipeline
judges on its ``as_of`` date; the service stores the facts (the card's
expiry) and re-evaluates these flags whenever a record is served or the
daily monitor looks at it, so nothing date-dependent is frozen at processing
time. Today is the UTC date, as everywhere in the service.
"""

from __future__ import annotations

import datetime as dt

from ingest.record import DocumentRecord, DocumentType, Flag, FlagCode

DATED_FLAGS = frozenset({FlagCode.CARD_EXPIRED})


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def card_expiry(record: DocumentRecord) -> dt.date | None:
    """The expiry date the card-expired flag is judged on (cards read successfully only)."""
    if record.status != "ok" or record.document_type is not DocumentType.CPR_AED_CARD:
        return None
    return record.fields.expiry_date


def card_expired_flag(expiry: dt.date | None, as_of: dt.date) -> Flag | None:
    if expiry is None or expiry >= as_of:
        return None
    return Flag(
        code=FlagCode.CARD_EXPIRED,
        message=f"The card expired on {expiry.isoformat()}. Renew CPR/AED and upload the new card.",
    )


def as_of(record: DocumentRecord, on: dt.date | None = None) -> DocumentRecord:
    """The record with its date-dependent flags judged on ``on`` (default: today, UTC).

    Other flags keep their order; a dated flag keeps its place when it stays,
    and a new one goes where the pipeline puts it (after the reading flags,
    before the other card flags).
    """
    fresh = card_expired_flag(card_expiry(record), on or today_utc())
    kept = [f for f in record.flags if f.code not in DATED_FLAGS]
    if fresh is not None:
        kept.insert(_place(record.flags, kept), fresh)
    if kept == record.flags:
        return record
    return record.model_copy(update={"flags": kept})


def _place(before: list[Flag], kept: list[Flag]) -> int:
    for index, flag in enumerate(before):
        if flag.code in DATED_FLAGS:
            return index
    card_codes = {FlagCode.CARD_ONLINE_ONLY, FlagCode.CARD_NOT_ADULT_CPR_AED}
    for index, flag in enumerate(kept):
        if flag.code in card_codes:
            return index
    return len(kept)


def stored_flag_codes(record: DocumentRecord) -> str | None:
    """The date-independent flag codes as stored for filtering: ' a b ' (spaces around each)."""
    codes = [f.code for f in record.flags if f.code not in DATED_FLAGS]
    return f" {' '.join(codes)} " if codes else None
