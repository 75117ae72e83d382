"""What people type into the pages' forms, read the way they meant it.

A date is accepted as people write it ("11/20/2025", "Nov 20, 2025",
"2025-11-20"; month first when the order is ambiguous, as on US certificates),
CEUs with a decimal comma ("0,8"). A value that cannot be read raises
``FormError`` naming the field, so the page shows the message beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

from ingest.errors import InvalidRequest

DATE_SETTINGS = {
    "DATE_ORDER": "MDY",
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
DATE_HINT = "Type the date as it is printed, for example 11/20/2025 or Nov 20, 2025."
CEUS_HINT = "Type a number such as 0.8 or 0,8 (CEUs, not hours)."
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")


class FormError(InvalidRequest):
    """A value typed into a form that cannot be used; ``field`` is where to show it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Typed:
    """What the person typed in one form, kept to show it again beside an error."""

    form: str
    field: str
    value: str
    message: str


def read_date(text: str, field: str = "completion_date") -> dt.date:
    """A calendar date from what a person typed; relative words ("yesterday") are refused."""
    cleaned = text.strip()
    if not re.search(r"\d{4}", cleaned):
        raise FormError(field, f"'{cleaned}' is not a full date with its year. {DATE_HINT}")
    found = dateparser.parse(cleaned, languages=["en"], settings=DATE_SETTINGS)
    if found is None:
        raise FormError(field, f"'{cleaned}' is not a date we can read. {DATE_HINT}")
    return found.date()


def read_ceus(text: str, field: str = "ceus") -> float:
    """CEUs as a number, with a decimal point or a decimal comma."""
    match = _NUMBER.match(text)
    if match is None:
        raise FormError(field, f"'{text.strip()}' is not a number of CEUs. {CEUS_HINT}")
    return float(match.group(1).replace(",", "."))


def correction_value(field: str, text: str) -> str | float | None:
    """The value a trainer typed for ``field``, in the form the store keeps."""
    if field == "completion_date":
        return read_date(text, field).isoformat()
    if field == "ceus":
        return read_ceus(text, field)
    return text.strip() or None
