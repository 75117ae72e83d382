"""Which CPR/AED card is judged, and the reason each other card was not."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.card_choice import choose_card
from ingest.record import CardSide, DocumentRecord
from ingest.settings import Settings
from tests.audit_factories import AS_OF, TRAINER, card, profile

ECARD = card("ecard")  # the trainer's, both sides, read in full, valid
UNREAD_PHOTO = card(
    "photo", side=CardSide.FRONT, holder=None, expiry=None, issued=None, flags=("unreadable",)
)


@pytest.mark.parametrize(
    ("records", "judged", "others"),
    [
        pytest.param(
            [UNREAD_PHOTO, ECARD],
            "ecard.jpg",
            [("photo.jpg", "could not be read well enough (no holder name or expiry date found)")],
            id="well-read-ecard-over-unreadable-photo",
        ),
        pytest.param(
            [card("someone", holder="Priya Raghunathan", expiry=dt.date(2028, 1, 1)), ECARD],
            "ecard.jpg",
            [("someone.jpg", "in another person's name (Priya Raghunathan)")],
            id="another-persons-card-named",
        ),
        pytest.param(
            [card("old", expiry=dt.date(2026, 9, 1), certificate_id="A1"), ECARD],
            "ecard.jpg",
            [("old.jpg", "older: expires 2026-09-01, the judged card 2027-04-30")],
            id="older-card",
        ),
        pytest.param(
            [ECARD, card("front-only", side=CardSide.FRONT, certificate_id="F1")],
            "ecard.jpg",
            [("front-only.jpg", "back missing")],
            id="back-missing",
        ),
    ],
)
def test_the_judged_card_and_why_not_the_others(
    settings: Settings,
    records: list[DocumentRecord],
    judged: str,
    others: list[tuple[str, str]],
) -> None:
    choice = choose_card(records, profile(settings), AS_OF, settings)
    assert choice.card is not None
    got = (
        [r.source for r in choice.card.records],
        [(", ".join(o.sources), o.reason) for o in choice.others],
    )
    assert got == ([judged], others)


def test_the_panel_says_why_the_card_is_judged(settings: Settings) -> None:
    choice = choose_card([UNREAD_PHOTO, ECARD], profile(settings), AS_OF, settings)
    assert choice.why == (
        f"the card in the trainer's name ({TRAINER}), front and back, valid, expires 2027-04-30"
    )


def test_only_another_persons_card_is_judged_and_not_valid(settings: Settings) -> None:
    records = [card("someone", holder="Priya Raghunathan")]
    choice = choose_card(records, profile(settings), AS_OF, settings)
    assert (choice.own, choice.why.startswith("the card in another person's name")) == (
        False,
        True,
    )
