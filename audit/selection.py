"""Audit selection and audit-case dates: pure functions, no storage.

A submission is selected for audit by a reproducible draw: the number is
``HMAC-SHA256(seed, submission id)`` read as a fraction in [0, 1); it is
selected when the number is below the configured share. Anyone holding the
seed can recompute the draw from the logged input and check the outcome.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import asdict, dataclass
from typing import Any

_FRACTION_BYTES = 8


@dataclass(frozen=True)
class Draw:
    seed_id: str
    input: str
    number: float
    threshold: float
    selected: bool

    def to_json_dict(self) -> dict[str, Any]:
        return asdict(self)


def draw_number(seed: str, value: str) -> float:
    """A number in [0, 1) fixed by the seed and the value (HMAC-SHA256, first 8 bytes)."""
    digest = hmac.new(seed.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:_FRACTION_BYTES], "big") / float(1 << (8 * _FRACTION_BYTES))


def draw_for_audit(seed: str, seed_id: str, submission_id: str, share: float) -> Draw:
    """The draw for one submission: selected when its number is below ``share``."""
    number = draw_number(seed, submission_id)
    return Draw(
        seed_id=seed_id,
        input=submission_id,
        number=number,
        threshold=share,
        selected=number < share,
    )


def recheck(seed: str, logged: dict[str, Any]) -> bool:
    """True when a logged draw is what the seed gives for its input and threshold."""
    again = draw_for_audit(seed, logged["seed_id"], logged["input"], logged["threshold"])
    return again.number == logged["number"] and again.selected == logged["selected"]


def due_date(opened: dt.date, days: int) -> dt.date:
    return opened + dt.timedelta(days=days)


def days_left(due: dt.date, today: dt.date) -> int:
    return (due - today).days


def is_overdue(due: dt.date, today: dt.date, decided: bool) -> bool:
    return not decided and today > due
