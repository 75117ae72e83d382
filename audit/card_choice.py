"""Which CPR/AED card is judged, why, and why each other card was not.

Every card uploaded is ranked: a valid card in the trainer's name first, then
a card whose holder is the trainer (read and matched) before one whose holder
was not read, before one in another person's name; then the better read card
(holder and expiry read, not flagged unreadable) before a photo nothing could
be read from; then the one with more sides; then the latest expiry. The panel
names the judged card and gives each other card its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from audit.cpr import Card, pair_cards
from audit.model import CardNote, TrainerProfile
from audit.names import NameCheck, check_holder
from ingest.record import DocumentRecord
from ingest.record import FlagCode as RecordFlag
from ingest.settings import Settings

_NAME_RANK = {True: 2, None: 1, False: 0}


@dataclass(frozen=True, slots=True)
class Candidate:
    card: Card
    name: NameCheck

    @property
    def own(self) -> bool:
        return self.name.matched is not False

    @property
    def well_read(self) -> int:
        """How much of the card was read: holder and expiry, and no record flagged unreadable."""
        unreadable = all(
            any(f.code == RecordFlag.UNREADABLE for f in r.flags) for r in self.card.records
        )
        return (
            (self.card.holder_name is not None)
            + (self.card.expiry_date is not None)
            + (0 if unreadable else 1)
        )

    def rank(self, as_of: dt.date) -> tuple[bool, int, int, int, dt.date]:
        return (
            self.own and self.card.valid(as_of),
            _NAME_RANK[self.name.matched],
            self.well_read,
            self.card.has_front + self.card.has_back,
            self.card.expiry_date or dt.date.min,
        )


@dataclass(frozen=True, slots=True)
class CardChoice:
    card: Card | None
    own: bool
    why: str
    others: tuple[CardNote, ...]


def choose_card(
    records: Sequence[DocumentRecord], profile: TrainerProfile, as_of: dt.date, settings: Settings
) -> CardChoice:
    """The card judged (the best in the trainer's name, any card when none is) and the others."""
    candidates = [
        Candidate(c, check_holder(profile, c.holder_name, settings)) for c in pair_cards(records)
    ]
    if not candidates:
        return CardChoice(None, False, "no CPR/AED card was uploaded", ())
    best = max(candidates, key=lambda c: c.rank(as_of))
    others = tuple(
        CardNote(
            documents=c.card.documents,
            sources=tuple(r.source for r in c.card.records),
            reason=_not_judged(c, best, as_of),
        )
        for c in candidates
        if c is not best
    )
    return CardChoice(best.card, best.own, _judged(best, as_of), others)


def _judged(chosen: Candidate, as_of: dt.date) -> str:
    card = chosen.card
    if chosen.name.matched is True:
        holder = f"in the trainer's name ({card.holder_name})"
    elif chosen.name.matched is None:
        holder = "with no holder name read"
    else:
        holder = f"in another person's name ({card.holder_name}): no card in the trainer's name"
    sides = "front and back" if card.has_front and card.has_back else "one side"
    state = "valid" if card.valid(as_of) else "not valid"
    expiry = f", expires {card.expiry_date}" if card.expiry_date else ", no expiry read"
    return f"the card {holder}, {sides}, {state}{expiry}"


def _not_judged(other: Candidate, chosen: Candidate, as_of: dt.date) -> str:
    """The first reason, in the order a reviewer would give it, why ``other`` was not judged."""
    card, best = other.card, chosen.card
    if other.name.matched is False:
        return f"in another person's name ({card.holder_name})"
    unread = [
        what
        for what, value in (("holder name", card.holder_name), ("expiry date", card.expiry_date))
        if value is None
    ]
    if other.well_read < chosen.well_read and unread:
        return f"could not be read well enough (no {' or '.join(unread)} found)"
    if card.expiry_date and best.expiry_date and card.expiry_date < best.expiry_date:
        return f"older: expires {card.expiry_date}, the judged card {best.expiry_date}"
    if card.expired(as_of):
        return f"expired on {card.expiry_date}"
    if not card.has_back:
        return "back missing"
    if not card.has_front:
        return "front missing"
    return "the same card uploaded again, or one with less read from it"
