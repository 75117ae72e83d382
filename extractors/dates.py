"""Dates in every common written form, found in running text.

Each mention keeps its character span so the caller can point at the words it
came from. Month/year dates ("03/2027", "March 2027") carry ``month_only`` and
resolve to the last day of that month, which is how card renewal dates are
meant. A range ("June 3-5, 2026", "03/01/2026 - 03/05/2026") resolves to its
last day, the day the course was completed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    )
}
MONTHS["sept"] = 9

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SEP = r"\s*[-/.]\s*"
_DASH = r"\s*(?:-|–|—|to|through|thru)\s*"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2026-03-05, 2026/3/5
    ("ymd", re.compile(rf"\b{_YEAR}{_SEP}(?P<m>[01]?\d){_SEP}(?P<d>[0-3]?\d)\b")),
    # June 3-5, 2026 / June 3 - June 5, 2026
    (
        "range_mdy",
        re.compile(
            rf"\b{_MONTH}\s*(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?{_DASH}"
            rf"(?:(?P<mon2>[a-z]{{3,9}})\.?\s*)?{_DAY},?\s*{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    # 3-5 June 2026
    (
        "range_dmy",
        re.compile(
            rf"\b(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?{_DASH}{_DAY}\s+{_MONTH},?\s*{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    # March 5, 2026 / Mar. 5 2026
    ("mdy_text", re.compile(rf"\b{_MONTH}\s*{_DAY}[,.:;]?\s*{_YEAR}\b", re.IGNORECASE)),
    # the 23rd day of January, 2026
    (
        "day_of",
        re.compile(rf"\b{_DAY}\s+day\s+of\s+{_MONTH},?\s*(?:in the year\s+)?{_YEAR}\b", re.I),
    ),
    # 5 March 2026 / 05-Mar-2026 / 5th of March, 2026
    (
        "dmy_text",
        re.compile(rf"\b{_DAY}(?:\s+of)?[\s\-/.]*{_MONTH}[\s\-/.,]*{_YEAR}\b", re.IGNORECASE),
    ),
    # 03/05/2026, 3-5-2026, 03.05.26 (month first, as in the US)
    (
        "numeric",
        re.compile(rf"\b(?P<a>[0-3]?\d){_SEP}(?P<b>[0-3]?\d){_SEP}(?P<y>(?:19|20)?\d\d)\b"),
    ),
    # March 2027 / Mar 2027
    ("month_year_text", re.compile(rf"\b{_MONTH}[\s,]+{_YEAR}\b", re.IGNORECASE)),
    # 03/2027, 3-2027
    ("month_year", re.compile(rf"\b(?P<m>[01]?\d)\s*[/\-.]\s*{_YEAR}\b")),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    value: dt.date
    start: int
    end: int
    text: str
    month_only: bool = False
    is_range: bool = False


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, longest interpretation first where they overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            mention = _build(kind, match)
            if mention is not None:
                found.append(mention)
                taken.append(span)
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text`` (month-only dates resolve to the month's last day)."""
    mentions = find_dates(text)
    return mentions[0].value if mentions else None


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _build(kind: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    try:
        value, month_only = _value(kind, groups)
    except (ValueError, KeyError, TypeError):
        return None
    if value is None or not 1990 <= value.year <= 2100:
        return None
    return DateMention(
        value=value,
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        month_only=month_only,
        is_range=kind.startswith("range"),
    )


def _value(kind: str, g: dict[str, str | None]) -> tuple[dt.date | None, bool]:
    if kind == "ymd":
        return dt.date(int(g["year"] or 0), int(g["m"] or 0), int(g["d"] or 0)), False
    if kind == "numeric":
        return _numeric(g["a"] or "", g["b"] or "", g["y"] or ""), False
    if kind == "month_year":
        return end_of_month(int(g["year"] or 0), int(g["m"] or 0)), True
    month = MONTHS[(g.get("mon2") or g["mon"] or "").lower().rstrip(".")]
    if kind == "month_year_text":
        return end_of_month(int(g["year"] or 0), month), True
    return dt.date(int(g["year"] or 0), month, int(g["day"] or 0)), False


def _numeric(first: str, second: str, year_text: str) -> dt.date | None:
    """Month first (US), unless the first number cannot be a month."""
    year = int(year_text)
    if year < 100:
        year += 2000
    a, b = int(first), int(second)
    if a > 12 >= b:
        return dt.date(year, b, a)
    return dt.date(year, a, b)
