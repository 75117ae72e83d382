"""Dates in every common written form, found in running text.

Each mention keeps its character span so the caller can point at the words it
came from. Month/year dates ("03/2027", "March 2027") carry ``month_only`` and
resolve to the last day of that month, which is how card renewal dates are
meant. A range ("June 3-5, 2026", "03/01/2026 - 03/05/2026") resolves to its
last day, the day the course was completed.

Month names are read in the languages certificates come in, from dateparser's
locale data, with and without accents (OCR drops them), and days as numerals or ordinal words
("the Fourteenth day of March, 2021"). Whether "11/06/2024" is the 11th of
June or the 6th of November is not decided here: the caller passes the
document's order (see ``extractors.dateorder``), and every mention that the
order decided is marked ``order_dependent``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateparser.languages import default_loader

from extractors.names import fold_accents

# Month names and their abbreviations as dateparser's locale data writes them, with
# and without accents (OCR drops them): the languages certificates come in.
MONTH_LANGUAGES = ("en", "fr", "es", "it", "pt", "de", "nl", "id")
# Other Latin-script languages certificates come in, by their longer forms only: their
# three-letter forms are words or numerals elsewhere ("pro", "led", "iii").
MORE_MONTH_LANGUAGES = ("sq", "ro", "pl", "cs", "sk", "sl", "hr", "tr", "sv", "da", "fi", "ca")
_MONTH_KEYS = tuple(calendar.month_name[number].lower() for number in range(1, 13))


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for codes, shortest in ((MONTH_LANGUAGES, 3), (MORE_MONTH_LANGUAGES, 4)):
        for code in codes:
            info = default_loader.get_locale(code).info
            for number, key in enumerate(_MONTH_KEYS, start=1):
                for name in info.get(key, ()):
                    for form in (name.lower(), fold_accents(name.lower())):
                        if form.isalpha() and len(form) >= shortest:
                            names.setdefault(form, number)
    return names


MONTHS = _month_names()
# Alone before a year ("March 2027"), a month is a full name or an English
# abbreviation: other languages' three-letter forms are English words ("out 2020").
_ALONE_MONTHS = [
    name
    for name, number in MONTHS.items()
    if len(name) > 3 or name == calendar.month_abbr[number].lower()
]

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
ORDINAL_DAYS: dict[str, int] = (
    {word: n for n, word in enumerate(_UNITS, start=1)}
    | {word: n for n, word in enumerate(_TEENS, start=10)}
    | {"twentieth": 20, "thirtieth": 30, "thirty first": 31}
    | {f"twenty {word}": 20 + n for n, word in enumerate(_UNITS, start=1)}
)

# Later years are not Gregorian dates of a course or card: Bikram Sambat (Nepal)
# dates run in the 2080s.
_YEARS = range(1990, 2070)

# Arabic-Indic and Persian digits read as ASCII (one character each, so spans hold).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])\.?"
_MONTH_ALONE = (
    r"(?P<mon>" + "|".join(sorted(_ALONE_MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SEP = r"\s*[-/.]\s*"
_DASH = r"\s*(?:-|–|—|to|through|thru|au|al)\s*"
_ORDINAL = (
    r"(?P<word>"
    + "|".join(w.replace(" ", r"[\s-]") for w in sorted(ORDINAL_DAYS, key=len, reverse=True))
    + r")"
)
_OF = r"(?:\s+(?:of|de))?"  # "5th of March", "8 de mayo"
_YEAR_OF = r"(?:\s+del?)?"  # "mayo de 2020", "mayo del 2020"

# A two-digit year cut short by a stray mark ("07/20/20° >") is not a year.
NUMERIC = re.compile(
    rf"\b(?P<a>[0-3]?\d){_SEP}(?P<b>[0-3]?\d){_SEP}(?P<y>(?:19|20)?\d\d)\b(?![°º])"
)

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
            rf"\b(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?{_DASH}{_DAY}{_OF}\s+{_MONTH}"
            rf"{_YEAR_OF},?\s*{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    # March 5, 2026 / Mar. 5 2026
    ("mdy_text", re.compile(rf"\b{_MONTH}\s*{_DAY}[,.:;]?\s*{_YEAR}\b", re.IGNORECASE)),
    # the 23rd day of January, 2026 / Fourteenth day of March, 2021 A.D. / a script
    # font's superscript "th" and capital D as OCR reads them: 15" Bay of September, 2000
    (
        "day_of",
        re.compile(
            rf"\b(?:{_DAY}|{_ORDINAL})[\"'’!]{{0,2}}\s+[db]ay\s+of\s+{_MONTH},?\s*"
            rf"(?:in the year\s+)?{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    # 5 March 2026 / 05-Mar-2026 / 5th of March, 2026 / 9 de mayo de 2021 / 1er mai 2020
    (
        "dmy_text",
        re.compile(rf"\b{_DAY}{_OF}[\s\-/.]*{_MONTH}{_YEAR_OF}[\s\-/.,]*{_YEAR}\b", re.IGNORECASE),
    ),
    # 03/05/2026, 3-5-2026, 03.05.26: the order is the document's
    ("numeric", NUMERIC),
    # 94/18/2025 (04/18/2025): a numeric date whose month or day cannot be, repaired below
    (
        "numeric_misread",
        re.compile(r"\b(?P<a>\d\d)(?P<sep>[/.-])(?P<b>\d\d)(?P=sep)(?P<y>(?:19|20)\d\d)\b"),
    ),
    # March 2027 / Mar 2027 / mayo de 2020
    ("month_year_text", re.compile(rf"\b{_MONTH_ALONE}{_YEAR_OF}[\s,]+{_YEAR}\b", re.IGNORECASE)),
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
    order_dependent: bool = False  # numeric, both parts could be the month
    repaired: str | None = None  # what OCR printed, where look-alike digits were read back


# A leading digit that no month or day starts with, and the digits OCR mistakes it for
# (the rounded 0 read as 9, 8 or 6; the 1 read as 7 or 4; the 3 read as 8).
_LOOKALIKE_LEADING: dict[str, str] = {"9": "0", "8": "03", "6": "0", "7": "1", "4": "1", "5": "3"}


def find_dates(text: str, *, day_first: bool = False) -> list[DateMention]:
    """Every date in ``text``, longest interpretation first where they overlap.

    ``day_first`` is the document's order for all-numeric dates whose first
    two parts could each be the month ("11/06/2024").
    """
    text = text.translate(_DIGITS)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            mention = _build(kind, match, day_first)
            if mention is not None:
                found.append(mention)
                taken.append(span)
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """The first date in ``text`` (month-only dates resolve to the month's last day)."""
    mentions = find_dates(text, day_first=day_first)
    return mentions[0].value if mentions else None


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def numeric_readings(first: str, second: str, year_text: str) -> dict[bool, dt.date | None]:
    """Both readings of an all-numeric date, keyed by ``day_first``; None where impossible."""
    year = int(year_text)
    if year < 100:
        year += 2000
    a, b = int(first), int(second)
    readings: dict[bool, dt.date | None] = {}
    for day_first, (month, day) in ((False, (a, b)), (True, (b, a))):
        try:
            readings[day_first] = dt.date(year, month, day)
        except ValueError:
            readings[day_first] = None
    return readings


def _build(kind: str, match: re.Match[str], day_first: bool) -> DateMention | None:
    groups = match.groupdict()
    try:
        value, month_only, order_dependent = _value(kind, groups, day_first)
    except (ValueError, KeyError, TypeError):
        return None
    if value is None or value.year not in _YEARS:
        return None
    return DateMention(
        value=value,
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        month_only=month_only,
        is_range=kind.startswith("range"),
        order_dependent=order_dependent,
        repaired=match.group(0) if kind == "numeric_misread" else None,
    )


def _misread_numeric(first: str, second: str, year: str, day_first: bool) -> dt.date | None:
    """The one date a numeric date with an impossible month or day can have been, its
    leading digits read back from their look-alikes ("94/18/2025" is 04/18/2025); None
    when the printed date is possible (read as printed) or several repairs fit."""
    if any(numeric_readings(first, second, year).values()):
        return None
    candidates = set()
    for a in {first[0], *_LOOKALIKE_LEADING.get(first[0], "")}:
        for b in {second[0], *_LOOKALIKE_LEADING.get(second[0], "")}:
            readings = numeric_readings(a + first[1], b + second[1], year)
            candidates.add(readings[day_first] or readings[not day_first])
    candidates.discard(None)
    return candidates.pop() if len(candidates) == 1 else None


def _value(
    kind: str, g: dict[str, str | None], day_first: bool
) -> tuple[dt.date | None, bool, bool]:
    if kind == "ymd":
        return dt.date(int(g["year"] or 0), int(g["m"] or 0), int(g["d"] or 0)), False, False
    if kind == "numeric":
        readings = numeric_readings(g["a"] or "", g["b"] or "", g["y"] or "")
        both = readings[False] is not None and readings[True] is not None
        chosen = readings[day_first] or readings[not day_first]
        return chosen, False, both and readings[False] != readings[True]
    if kind == "numeric_misread":
        return _misread_numeric(g["a"] or "", g["b"] or "", g["y"] or "", day_first), False, False
    if kind == "month_year":
        return end_of_month(int(g["year"] or 0), int(g["m"] or 0)), True, False
    month = MONTHS[(g.get("mon2") or g["mon"] or "").lower().rstrip(".")]
    if kind == "month_year_text":
        return end_of_month(int(g["year"] or 0), month), True, False
    if g.get("word"):
        day = ORDINAL_DAYS[re.sub(r"[\s-]+", " ", (g["word"] or "").lower())]
    else:
        day = int(g["day"] or 0)
    return dt.date(int(g["year"] or 0), month, day), False, False
