"""Written date forms seen on certificates and cards."""

from __future__ import annotations

import datetime as dt


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def fmt_date(day: dt.date, style: str) -> str:
    """Format ``day`` in one of the named styles."""
    month = day.strftime("%B")
    abbr = day.strftime("%b")
    forms = {
        "long": f"{month} {day.day}, {day.year}",
        "dmy": f"{day.day} {month} {day.year}",
        "us": day.strftime("%m/%d/%Y"),
        "us_short": f"{day.month}/{day.day}/{day.year}",
        "iso": day.isoformat(),
        "abbr": f"{abbr}{'' if month == abbr else '.'} {day.day}, {day.year}",
        "dmon": day.strftime("%d-%b-%Y"),
        "ordinal": f"the {_ordinal(day.day)} day of {month}, {day.year}",
        "month_year": day.strftime("%m/%Y"),
    }
    return forms[style]


def fmt_range(start: dt.date, end: dt.date) -> str:
    """A workshop range, e.g. "June 3-5, 2026" or "May 30 - June 1, 2026"."""
    if start.month == end.month:
        return f"{start.strftime('%B')} {start.day}-{end.day}, {end.year}"
    return f"{start.strftime('%B')} {start.day} - {end.strftime('%B')} {end.day}, {end.year}"


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def fmt_num(value: float) -> str:
    """0.8 -> "0.8", 8.0 -> "8", 1.25 -> "1.25"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt_ceu(value: float) -> str:
    """CEUs keep one decimal at least: 2.0 -> "2.0", 0.25 -> "0.25"."""
    return f"{value:.1f}" if round(value * 10) == value * 10 else fmt_num(value)
