"""Completion and expiry dates, and what a card says about its course.

A certificate prints several dates: completion, printing, the provider's
approval period, an accreditation's expiry. Every date is scored by the words
around it, as a reader weighs them; the completion date is the best-supported
one on the first page. Cards add renewal and expiry, resolved to a day.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from extractors import vocabulary as vocab
from extractors.dateorder import DateOrder, date_order
from extractors.dates import DateMention, add_months, add_years, find_dates
from extractors.found import Found, found
from extractors.labels import LabeledValue, find_label_hits
from extractors.textindex import LineRef, Located, TextIndex
from ingest.model import Box

_COMPLETION_NEAR = re.compile(
    r"(?:complet|issue|awarded|held|attended|conducted|granted|given|course date|training date|"
    r"date|dated|\bon\b|délivr|delivr|obtenu|obtention|\ble\b|fecha|otorgad|expedid|emitid"
    # finished, held, passed in the other languages ("finalizado el", "svoltosi il")
    r"|finaliz|conclu[ií]d|terminad|realizad|celebrad|svolt|tenut|abgeschlossen|absolviert"
    r"|afgerond|voltooid|selesai|dilaksanakan|pada tanggal)",
    re.IGNORECASE,
)
_NOT_COMPLETION = re.compile(
    r"(?:print|generat|download|approv|accredit|valid|expir|renew|through|until|"
    r"\bthru\b|revised|rev\.|version|effective|registered|member since|copyright|©|"
    rf"vence|vencimiento|caduc|échéance|{vocab.VALID_UNTIL}|{vocab.BIRTH})",
    re.IGNORECASE,
)
_EXPIRY_NEAR = re.compile(
    r"(?:renew|expir|valid (?:through|thru|until|till)|good through|exp\.?\b|valable jusqu|"
    rf"v[aá]lid[oa] hasta|vence|vencimiento|caduc|{vocab.VALID_UNTIL})",
    re.IGNORECASE,
)
# Something else's expiry printed on a certificate: the provider's approval, a
# licence, the verification link or record.
_OTHERS_EXPIRY = re.compile(
    r"accredit|approv|provider|sponsor|licen[cs]e|membership|offer|discount|link|password|verif",
    re.IGNORECASE,
)
# A date followed by "to <date>" starts a period; the course ended on the second one.
_RANGE_JOIN = re.compile(
    r"\s*(?:-|–|—|to|till|until|through|thru|au|al|hasta|à|até|bis|tot|sampai)\s*|\s+a\s+", re.I
)
_EDGE_LINES = 2  # lines at the top and foot of a page where browsers print headers
_UNDER_LABEL_LINES = 4.0  # how far under its label, in label heights, a date may sit
_COUNT = (
    r"(?P<n>\d{1,2}|one|two|three|four|five|un|une|deux|trois|uno|dos|tres|due|tre|dois|tr[eê]s"
    r"|zwei|drei|twee|drie|dua|tiga)"
)
_VALIDITY = re.compile(
    r"(?:valid(?:ity)?(?:\s*period)?|recommended\s*renewal(?:\s*period)?|renew(?:al)?\s*every|"
    r"v[aá]lid[oa]|valable|validez|validité|vigencia|validade|validit[àa]|g[uü]ltigkeit"
    r"|geldigheid|(?:masa\s+)?berlaku)"
    rf"\s*(?:for|of|por|pour|durant|during|de|di|von|van|selama)?\s*:?\s*{_COUNT}\s*"
    r"(?:\(\d{1,2}\)\s*)?(?P<unit>years?|yrs?|months?|ans?|années?|años?|anos?|anni|jahre?"
    r"|jaar|tahun|mois|meses?|mesi|monate?|maanden|bulan)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1, "un": 1, "une": 1, "uno": 1,
    "two": 2, "deux": 2, "dos": 2, "due": 2, "dois": 2, "zwei": 2, "twee": 2, "dua": 2,
    "three": 3, "trois": 3, "tres": 3, "tre": 3, "três": 3, "drei": 3, "drie": 3, "tiga": 3,
    "four": 4, "five": 5,
}  # fmt: skip
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


def _context_before(
    index: TextIndex, mention: DateMention, width: int = 45, *, wrapped: bool = False
) -> str:
    """Up to ``width`` characters before a date on its line; with ``wrapped``, a date
    near the start of its line takes the end of the line before too, where a sentence
    wraps ("(this certificate is valid" / "until 14/09/2029)")."""
    line = index.line_at(mention.start)
    start = max(line.start if line else 0, mention.start - width)
    before = index.text[start : mention.start]
    near_start = line is not None and mention.start - line.start < width // 3
    if wrapped and line is not None and near_start and line.start > 0:
        previous = index.line_at(line.start - 1)
        if previous is not None and previous.page == line.page:
            tail = index.text[previous.start : previous.end][-(width - len(before)) :]
            if re.search(r"\b[a-z]+\W{0,2}$", tail):  # a sentence running on, not a label
                before = f"{tail} {before}"
    return " ".join(before.split())


def _dated(
    mention: DateMention, located: Located | None, strength: float, why: str, order: DateOrder
) -> Found:
    """A date's evidence, with what decided its day/month order where that mattered."""
    result = found(mention.value, located, strength, why)
    if mention.repaired is not None:
        result = result.weakened(0.8, f"'{mention.repaired}' has look-alike digits, read back")
    if not mention.order_dependent:
        return result
    if order.decided:
        return Found(result.value, result.confidence, located, f"{why}; {order.reason}")
    return result.weakened(0.75, order.reason)


def completion_date(
    index: TextIndex, labeled: list[LabeledValue], order: DateOrder | None = None
) -> Found | None:
    """The labelled completion or issue date, else the best-supported date."""
    order = order or date_order(index.text)
    for value in sorted(
        (v for v in labeled if v.field == "completion_date"),
        key=lambda v: (not v.strong, v.value.page),
    ):
        mentions = find_dates(value.value.text, day_first=order.day_first)
        if mentions:
            last = mentions[-1]
            if last.month_only:  # "Issue Date 02/2025": the month is all we know
                day = last.value.replace(day=1)
                return found(day, value.value, 0.7, f"label '{value.label}', month only")
            strength = 0.95 if value.strong else 0.85
            return _dated(last, value.value, strength, f"label '{value.label}'", order)
    under = _date_under_label(index, labeled, "completion_date", order)
    if under is not None:
        return under
    return _scored_completion(index, _expiry_boxes(labeled), order)


def _scored_completion(
    index: TextIndex, expiry_values: list[Located], order: DateOrder
) -> Found | None:
    mentions = find_dates(index.text, day_first=order.day_first)
    scored = []
    for position, mention in enumerate(mentions):
        located = index.locate(mention.start, mention.end)
        if located is not None and any(_same_place(located, v) for v in expiry_values):
            continue  # the value of an expiry label
        score = _completion_score(index, mention)
        following = mentions[position + 1] if position + 1 < len(mentions) else None
        if following is not None and _starts_period(index, mention, following):
            score -= 2.0  # "from 03-09-2024 to 28-02-2025": the course ended on the second
        previous = mentions[position - 1] if position > 0 else None
        if (
            previous is not None
            and not mention.month_only
            and _starts_period(index, previous, mention)
        ):
            score += 1.0  # ... and that second date is when it was completed
        if _running_header(index, mention):
            score -= 3.0  # a browser's print date at the top of every page
        scored.append((score, -mention.start, mention, located))
    if not scored:
        return None
    score, _, best, located = max(scored, key=lambda item: (item[0], item[1]))
    if score <= 0:
        return None
    strength = 0.85 if score >= 2 else 0.7
    why = "date in the completion sentence" if score >= 2 else "the only plain date"
    return _dated(best, located, strength, why, order)


def _completion_score(index: TextIndex, mention: DateMention) -> float:
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
    return score


def _starts_period(index: TextIndex, mention: DateMention, following: DateMention) -> bool:
    """Two dates joined by "to" or a dash, or stacked with nothing between them,
    less than a year apart: a course's first and last day. A template certificate
    prints "from" and "to" in its artwork and types only the two dates, so its
    text carries them one after the other and nothing else."""
    between = index.text[mention.end : following.start]
    joined = _RANGE_JOIN.fullmatch(between) is not None
    stacked = not between.strip() and 0 < (following.value - mention.value).days < 366
    return (joined or stacked) and _validity_years(mention, following) is None


def _validity_years(start: DateMention, end: DateMention) -> int | None:
    """Two dates the same day of the year one to five years apart: a validity period
    ("03/15/2025 - 03/15/2026"), issued on the first, expiring on the second."""
    years = end.value.year - start.value.year
    if 1 <= years <= 5 and (end.value.month, end.value.day) == (start.value.month, start.value.day):
        return years
    return None


def _validity_range(index: TextIndex, order: DateOrder) -> Found | None:
    """The end of a printed validity period: two dates joined by a dash or "to", whole
    years apart."""
    mentions = find_dates(index.text, day_first=order.day_first)
    for mention, following in itertools.pairwise(mentions):
        between = index.text[mention.end : following.start]
        years = _validity_years(mention, following)
        if years is not None and _RANGE_JOIN.fullmatch(between) is not None:
            located = index.locate(following.start, following.end)
            why = f"end of the validity period '{mention.text}{between}{following.text}'"
            return _dated(following, located, 0.8, why, order)
    return None


def _running_header(index: TextIndex, mention: DateMention) -> bool:
    """The same date on the first or last lines of two or more pages."""
    pages = set()
    for page, refs in itertools.groupby(index.lines, key=lambda ref: ref.page):
        lines = list(refs)
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        if any(mention.text in ref.line.text for ref in edges):
            pages.add(page)
    return len(pages) >= 2


def _date_under_label(
    index: TextIndex, labeled: list[LabeledValue], field: str, order: DateOrder
) -> Found | None:
    """A strong label whose date sits a few lines under it, past other text:
    "Industry recommended renewal date:" / "Student ID: 83985" / "9/07/2026"."""
    taken = [v.value for v in labeled if v.field in ("completion_date", "expiry_date")]
    dated = [
        (mention, located)
        for mention in find_dates(index.text, day_first=order.day_first)
        if (located := index.locate(mention.start, mention.end)) is not None
        and not any(_same_place(located, value) for value in taken)
    ]
    candidates = [
        (gap, mention, located, hit.label)
        for hit in find_label_hits(index)
        if hit.field == field
        and hit.strong
        and not (field == "expiry_date" and _OTHERS_EXPIRY.search(hit.line.line.text))
        for mention, located in dated
        if (gap := _gap_under(hit.line, located)) is not None
    ]
    if not candidates:
        return None
    _, mention, located, label = min(candidates, key=lambda c: c[0])
    return _dated(mention, located, 0.8, f"label '{label}', date further down", order)


def _gap_under(label_line: LineRef, located: Located) -> float | None:
    """How far ``located`` sits under the label's line, in its column; None if not there."""
    box = label_line.line.box
    gap = located.box.y0 - box.y1
    in_column = located.box.x0 < box.x1 and box.x0 < located.box.x1
    near = -0.2 * box.height <= gap <= _UNDER_LABEL_LINES * box.height
    return gap if located.page == label_line.page and in_column and near else None


def _expiry_boxes(labeled: list[LabeledValue]) -> list[Located]:
    return [v.value for v in labeled if v.field == "expiry_date"]


def _same_place(a: Located, b: Located) -> bool:
    return a.page == b.page and a.box.overlaps(b.box)


def expiry_date(
    index: TextIndex,
    labeled: list[LabeledValue],
    issued: Found | None,
    order: DateOrder | None = None,
    *,
    is_card: bool = True,
) -> Found | None:
    """A printed expiry or renewal date, else the issue date plus a printed validity.

    On a certificate the expiry must be the holder's: a provider's approval or
    accreditation expiry in the footer is someone else's.
    """
    order = order or date_order(index.text)
    for value in sorted(
        (v for v in labeled if v.field == "expiry_date"), key=lambda v: (not v.strong, v.value.page)
    ):
        mentions = find_dates(value.value.text, day_first=order.day_first)
        if mentions and not (not is_card and _others_expiry(index, value.value)):
            reason = f"label '{value.label}'" + (
                " (end of that month)" if mentions[0].month_only else ""
            )
            strength = 0.95 if value.strong else 0.85
            return _dated(mentions[0], value.value, strength, reason, order)
    under = _date_under_label(index, labeled, "expiry_date", order)
    if under is not None:
        return under
    for mention in find_dates(index.text, day_first=order.day_first):
        before = _context_before(index, mention, 30, wrapped=True)
        located = index.locate(mention.start, mention.end)
        theirs = located is not None and _others_expiry(index, located)
        if _EXPIRY_NEAR.search(before) and (is_card or not theirs):
            return _dated(mention, located, 0.8, "date after an expiry word", order)
    return _validity_range(index, order) or _validity_expiry(index, issued, is_card)


def _others_expiry(index: TextIndex, value: Located) -> bool:
    """The line that holds the value, or a line set just over it or just before it on
    its row (a seal's or a footer's broken lines: "Provider" beside or over
    "expires ..."), speaks of an approval, a licence, a verification."""
    box = value.box
    aspect = index.aspects[value.page] if value.page < len(index.aspects) else 1.0
    reach = Box(box.x0 - 12 * box.height / aspect, box.y0 - 2.5 * box.height, box.x1, box.y1)
    return any(
        _OTHERS_EXPIRY.search(ref.line.text)
        for ref in index.lines
        if ref.page == value.page and ref.line.box.overlaps(reach)
    )


def _validity_expiry(index: TextIndex, issued: Found | None, is_card: bool) -> Found | None:
    """ "Validity Period: 2 Years", "(valid for 3 years)": the same day that much later.

    On a certificate the period must sit by a date (its line or the next), so a
    letter's "valid for one year to take the test" is not read as an expiry.
    """
    if issued is None or not isinstance(issued.value, dt.date):
        return None
    for match in _VALIDITY.finditer(index.text):
        if not is_card and not _near_a_date(index, match.start()):
            continue
        count_text = match.group("n").lower()
        count = _NUMBER_WORDS.get(count_text) or int(count_text)
        in_months = match.group("unit").lower().startswith(("mo", "me", "maand", "bulan"))
        if not 0 < count <= (60 if in_months else 5):
            continue
        value = add_months(issued.value, count) if in_months else add_years(issued.value, count)
        located = index.locate(*match.span())
        return found(value, located, 0.85, f"'{match.group(0)}' from the issue date")
    return None


def _near_a_date(index: TextIndex, offset: int) -> bool:
    line = index.line_at(offset)
    if line is None:
        return False
    position = index.lines.index(line)
    nearby = index.lines[max(0, position - 1) : position + 2]
    return any(find_dates(ref.line.text) for ref in nearby)


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
