"""CPR/AED cards: front and back sides put together, then judged as evidence.

A card counts when it is an adult CPR and AED card from a course with a
hands-on skills component, both sides are uploaded, and it has not expired on
the as-of date. Sides arrive as separate files or on one page (``both``).
They are paired by the card's certificate ID (eCard code, certificate number);
failing that by holder and dates; failing that, a lone front and a lone back
are taken to be the same card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audit.entries import normalise
from ingest.record import CardSide, DocumentRecord, DocumentType
from ingest.record import FlagCode as RecordFlag


@dataclass(frozen=True, slots=True)
class Card:
    """One physical card: the records showing its front and its back."""

    fronts: tuple[DocumentRecord, ...] = ()
    backs: tuple[DocumentRecord, ...] = ()

    @property
    def records(self) -> tuple[DocumentRecord, ...]:
        seen: dict[str, DocumentRecord] = {}
        for record in (*self.fronts, *self.backs):
            seen.setdefault(record.sha256 or record.source, record)
        return tuple(seen.values())

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(r.sha256 or r.source for r in self.records)

    @property
    def has_front(self) -> bool:
        return bool(self.fronts)

    @property
    def has_back(self) -> bool:
        return bool(self.backs)

    @property
    def expiry_date(self) -> dt.date | None:
        dates = [r.fields.expiry_date for r in self.records if r.fields.expiry_date]
        return max(dates) if dates else None

    @property
    def certificate_id(self) -> str | None:
        return next(
            (r.fields.certificate_id for r in self.records if r.fields.certificate_id), None
        )

    @property
    def holder_name(self) -> str | None:
        return next((r.fields.holder_name for r in self.records if r.fields.holder_name), None)

    @property
    def online_only(self) -> bool:
        return any(
            r.hands_on_skills is False or _has_flag(r, RecordFlag.CARD_ONLINE_ONLY)
            for r in self.records
        )

    @property
    def hands_on(self) -> bool | None:
        if self.online_only:
            return False
        return True if any(r.hands_on_skills for r in self.records) else None

    @property
    def adult_cpr_aed(self) -> bool:
        return not any(_has_flag(r, RecordFlag.CARD_NOT_ADULT_CPR_AED) for r in self.records)

    def expired(self, as_of: dt.date) -> bool:
        return self.expiry_date is not None and self.expiry_date < as_of

    def valid(self, as_of: dt.date) -> bool:
        return (
            self.has_front
            and self.has_back
            and self.expiry_date is not None
            and not self.expired(as_of)
            and not self.online_only
            and self.adult_cpr_aed
        )


def _has_flag(record: DocumentRecord, code: str) -> bool:
    return any(flag.code == code for flag in record.flags)


def is_card(record: DocumentRecord) -> bool:
    return record.status == "ok" and record.document_type == DocumentType.CPR_AED_CARD


def _card_key(record: DocumentRecord) -> str | None:
    fields = record.fields
    if fields.certificate_id:
        return f"id:{normalise(fields.certificate_id)}"
    if fields.holder_name and (fields.completion_date or fields.expiry_date):
        return (
            f"holder:{normalise(fields.holder_name)}|{fields.completion_date}|{fields.expiry_date}"
        )
    return None


def _sides(record: DocumentRecord) -> tuple[bool, bool]:
    """(front, back) shown by a record; an unknown side is taken as a front."""
    side = record.card_side
    return side in (CardSide.FRONT, CardSide.BOTH, None), side in (CardSide.BACK, CardSide.BOTH)


def pair_cards(records: Iterable[DocumentRecord]) -> tuple[Card, ...]:
    """Group card records into cards, in the order their first record was uploaded."""
    groups: dict[str, list[DocumentRecord]] = {}
    for index, record in enumerate(filter(is_card, records)):
        groups.setdefault(_card_key(record) or f"upload:{index}", []).append(record)
    cards = [_card(group) for group in groups.values()]
    return tuple(_merge_sides(cards))


def _card(records: Sequence[DocumentRecord]) -> Card:
    fronts = tuple(r for r in records if _sides(r)[0])
    backs = tuple(r for r in records if _sides(r)[1])
    return Card(fronts=fronts, backs=backs)


def _agree(a: str | None, b: str | None) -> bool:
    return not a or not b or normalise(a) == normalise(b)


def _compatible(front: Card, back: Card) -> bool:
    """Nothing printed on both contradicts: same ID, holder and expiry where both show one."""
    return (
        _agree(front.certificate_id, back.certificate_id)
        and _agree(front.holder_name, back.holder_name)
        and _agree(str(front.expiry_date or ""), str(back.expiry_date or ""))
    )


def _read_in_full(card: Card) -> tuple[bool, bool]:
    return card.expiry_date is not None, card.holder_name is not None


def _merge_sides(cards: list[Card]) -> list[Card]:
    """A card seen only from the front takes the first compatible card seen only from the back.

    The best read fronts choose first (expiry and holder read), so a back joins
    the legible front of its card rather than a blurred photo of it uploaded earlier.
    """
    merged = list(cards)
    fronts = [c for c in cards if c.has_front and not c.has_back]
    for front in sorted(fronts, key=_read_in_full, reverse=True):
        back = next(
            (c for c in merged if c.has_back and not c.has_front and _compatible(front, c)), None
        )
        if back is None:
            continue
        merged[merged.index(front)] = Card(fronts=front.fronts, backs=back.backs)
        merged.remove(back)
    return merged
