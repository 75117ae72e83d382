"""Completion and expiry dates, and what a card says about its course.

A certificate prints several dates: completion, printing, the provider's
approval period, an accreditation's expiry. Every date is scored by the words
around it, as a reader weighs them; the completion date is the best-supported
one on the first page. Cards add renewal and expiry, resolved to a day.
"""

from __future__ import annotations

import datetime as dt
import re

from extractors.dates import DateMention, add_years, find_dates
from extractors.found import Found, found
from extractors.labels import LabeledValue
from extractors.textindex import TextIndex

_COMPLETION_NEAR = re.compile(
    r"(?:complet|issue|awarded|held|attended|conducted|granted|given|course date|training date|"
    r"date|dated|\bon\b)",
    re.IGNORECASE,
)
_NOT_COMPLETION = re.compile(
    r"(?:print|generat|download|approv|accredit|birth|\bdob\b|valid|expir|renew|through|until|"
    r"\bthru\b|revised|rev\.|version|effective|registered|member since|copyright|©)",
    re.IGNORECASE,
)
_EXPIRY_NEAR = re.compile(
    r"(?:renew|expir|valid (?:through|thru|until|till)|good through|exp\.?\b)", re.IGNORECASE
)
_VALID_FOR = re.compile(
    r"valid\s*(?:for)?\s*:?\s*(?P<n>\d|one|two|three)\s*(?:\(\d\)\s*)?years?", re.IGNORECASE
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3}
_ONLINE_ONLY = re.compile(
    r"online[- ]only|online course|no (?:hands-on )?skills|without (?:a |any )?(?:hands-on )?"
    r"skills|web-?based only|does not include (?:a )?(?:hands-on|skills)"
    r"|cognitive (?:portion )?only|virtual only|part 1 only",
    re.IGNORECASE,
)
_HANDS_ON = re.compile(
    r"hands-on|skills? (?:session|test|testing|check|evaluation|verification|practice|assessment)"
    r"|in-person|instructor-led|classroom|blended",
    re.IGNORECASE,
)


def _context_before(index: TextIndex, mention: DateMention, width: int = 45) -> str:
    line = index.line_at(mention.start)
    start = max(line.start if line else 0, mention.start - width)
    return index.text[start : mention.start]


def _labeled_spans(labeled: list[LabeledValue], field: str) -> list[tuple[int, str, bool]]:
    return [(v.value.page, v.value.text, v.strong) for v in labeled if v.field == field]


def completion_date(index: TextIndex, labeled: list[LabeledValue]) -> Found | None:
    for value in sorted(
        (v for v in labeled if v.field == "completion_date"),
        key=lambda v: (not v.strong, v.value.page),
    ):
        mentions = find_dates(value.value.text)
        if mentions:
            last = mentions[-1]
            if last.month_only:  # "Issue Date 02/2025": the month is all we know
                day = last.value.replace(day=1)
                return found(day, value.value, 0.7, f"label '{value.label}', month only")
            strength = 0.95 if value.strong else 0.85
            return found(last.value, value.value, strength, f"label '{value.label}'")
    scored = []
    for mention in find_dates(index.text):
        before = _context_before(index, mention)
        score = 1.0
        if _COMPLETION_NEAR.search(before):
            score += 1.0
        if _NOT_COMPLETION.search(before):
            score -= 3.0
        if mention.month_only:
            score -= 2.0
        if mention.start > index.first_page_end:
            score -= 1.5
        scored.append((score, -mention.start, mention))
    if not scored:
        return None
    score, _, best = max(scored, key=lambda item: (item[0], item[1]))
    if score <= 0:
        return None
    strength = 0.85 if score >= 2 else 0.7
    why = "date in the completion sentence" if score >= 2 else "the only plain date"
    return found(best.value, index.locate(best.start, best.end), strength, why)


def expiry_date(
    index: TextIndex, labeled: list[LabeledValue], issued: Found | None
) -> Found | None:
    for value in sorted(
        (v for v in labeled if v.field == "expiry_date"), key=lambda v: (not v.strong, v.value.page)
    ):
        mentions = find_dates(value.value.text)
        if mentions:
            reason = f"label '{value.label}'" + (
                " (end of that month)" if mentions[0].month_only else ""
            )
            return found(mentions[0].value, value.value, 0.95 if value.strong else 0.85, reason)
    for mention in find_dates(index.text):
        if _EXPIRY_NEAR.search(_context_before(index, mention, 30)):
            return found(
                mention.value,
                index.locate(mention.start, mention.end),
                0.8,
                "date after an expiry word",
            )
    valid_for = _VALID_FOR.search(index.text)
    if valid_for and issued is not None and isinstance(issued.value, dt.date):
        years_text = valid_for.group("n").lower()
        years = _NUMBER_WORDS.get(years_text) or int(years_text)
        return found(
            add_years(issued.value, years),
            index.locate(*valid_for.span()),
            0.85,
            f"'{valid_for.group(0)}' from the issue date",
        )
    return None


def cross_check_expiry(expiry: Found, issued: Found | None, usual_years: int) -> Found:
    """Cards run about ``usual_years``; a very different span loses confidence."""
    if (
        issued is None
        or not isinstance(issued.value, dt.date)
        or not isinstance(expiry.value, dt.date)
    ):
        return expiry
    if expiry.value <= issued.value:
        return expiry.weakened(0.5, "expires before it was issued")
    span_days = (expiry.value - issued.value).days
    if abs(span_days - 365.25 * usual_years) > 62:
        return expiry.weakened(
            0.8, f"{span_days} days after issue, not the usual {usual_years} years"
        )
    return expiry


def hands_on_skills(text: str) -> bool | None:
    """False for an online-only course; True where a skills session is stated."""
    if _ONLINE_ONLY.search(text):
        return False
    if _HANDS_ON.search(text):
        return True
    return None


def covers_adult_cpr_aed(text: str) -> bool:
    has_cpr = bool(re.search(r"\bcpr\b|\bbls\b|basic life support|cardiopulmonary", text, re.I))
    has_aed = bool(re.search(r"\baed\b|\bbls\b|basic life support|defibrillat", text, re.I))
    pediatric_only = bool(
        re.search(r"pediatric|paediatric|infant|child", text, re.I)
    ) and not re.search(r"\badult\b|\bbls\b|basic life support", text, re.I)
    return has_cpr and has_aed and not pediatric_only
