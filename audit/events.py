"""Events the monitoring job notifies a trainer about, each with a stable key.

The scheduled job (in the service) calls :func:`find_card_events` for each
trainer and sends every event whose key it has not sent before: the key is
built from what the event is about (kind, document, date), never from when it
was found, so running the job again finds the same keys and sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from audit.cpr import Card, is_card, pair_cards
from audit.model import TrainerProfile
from audit.rules import other_kind_flags, unreadable_flags
from ingest.record import DocumentRecord
from ingest.settings import Settings


class EventKind(StrEnum):
    CARD_EXPIRED = "card_expired"
    CARD_EXPIRES_BEFORE_CERTIFICATION = "card_expires_before_certification"
    CARD_EXPIRING_SOON = "card_expiring_soon"
    UNREADABLE_UPLOAD = "unreadable_upload"
    NOT_CE_OR_CARD_UPLOAD = "not_ce_or_card_upload"
    AUDIT_CASE_REMINDER = "audit_case_reminder"  # found by audit.reminders
    AUDIT_CASE_OVERDUE = "audit_case_overdue"
    APPLICATION_ACCEPTED = "application_accepted"  # not drawn for audit, accepted without one


class Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    kind: EventKind
    message: str
    documents: tuple[str, ...]
    date: dt.date | None = None


def _card_id(card: Card) -> str:
    """What identifies a card across runs: its printed ID, else its first upload."""
    return card.certificate_id or card.documents[0]


def card_event(
    card: Card, profile: TrainerProfile, as_of: dt.date, settings: Settings
) -> Event | None:
    """The most urgent thing to say about one card, if anything."""
    expiry = card.expiry_date
    if expiry is None:
        return None
    if expiry < as_of:
        kind, message = EventKind.CARD_EXPIRED, f"Your CPR/AED card expired on {expiry}."
    elif expiry < profile.certification_expiry:
        kind = EventKind.CARD_EXPIRES_BEFORE_CERTIFICATION
        message = (
            f"Your CPR/AED card expires on {expiry}, before your certification "
            f"({profile.certification_expiry}). Renew it before recertifying."
        )
    elif (expiry - as_of).days <= settings.card_expiry_notice_days:
        kind = EventKind.CARD_EXPIRING_SOON
        message = f"Your CPR/AED card expires on {expiry}, in {(expiry - as_of).days} days."
    else:
        return None
    key = f"{kind}:{_card_id(card)}:{expiry.isoformat()}"
    return Event(key=key, kind=kind, message=message, documents=card.documents, date=expiry)


def find_card_events(
    records: Sequence[DocumentRecord],
    profile: TrainerProfile,
    as_of: dt.date,
    settings: Settings,
) -> list[Event]:
    """Expired or soon-expiring CPR/AED cards, and uploads that are unreadable or of
    another kind (neither a CE certificate nor a card), of one trainer.

    Cards superseded by a newer card (one expiring later) are left alone: a
    trainer who renewed is not told their old card expired.
    """
    cards = pair_cards(r for r in records if is_card(r))
    latest = max((c.expiry_date for c in cards if c.expiry_date), default=None)
    events = [
        event
        for card in cards
        if card.expiry_date == latest
        and (event := card_event(card, profile, as_of, settings)) is not None
    ]
    for kind, flags in (
        (EventKind.UNREADABLE_UPLOAD, unreadable_flags(records)),
        (EventKind.NOT_CE_OR_CARD_UPLOAD, other_kind_flags(records)),
    ):
        events += [
            Event(
                key=f"{kind}:{flag.documents[0]}",
                kind=kind,
                message=flag.message,
                documents=flag.documents,
            )
            for flag in flags
        ]
    return events
