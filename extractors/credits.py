"""Credit amounts bound to the certifier that printed them.

A certificate often prints several credit systems at once, and the numbers
differ for the same course ("0.8 NASM CEUs | 8 AFAA CEUs | 1.6 NFPT CECs").
Each number is bound to the certifier named in its own clause before it is
used; only the NASM value counts, and contact hours are kept as hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.labels import below, right_of
from extractors.names import fold_accents
from extractors.textindex import LineRef, Located, TextIndex
from extractors.vocabulary import HOUR_UNITS, HOURS_LABELS

# Credits each certifier awards per contact hour (the domain page's figures;
# ACSM and NSCA as those bodies publish them).
CREDITS_PER_HOUR: dict[str, float] = {
    "NASM": 0.1,
    "ACE": 0.1,
    "AFAA": 1.0,
    "NFPT": 0.2,
    "NSCA": 0.1,
    "ACSM": 1.0,
}
_CERTIFIER = re.compile(r"\b(" + "|".join(CREDITS_PER_HOUR) + r"|ISSA|NCCPT|NETA|NCSF)\b")
_HOURS = rf"contact\s*hours?|clock\s*hours?|{HOUR_UNITS}"
_UNIT = re.compile(
    rf"\b(?:(?P<hours>{_HOURS})"
    r"|(?P<ceu>c\.?e\.?u\.?s?|continuing\s+education\s+units?)\b|(?P<cec>c\.?e\.?c\.?s?)\b"
    r"|(?P<credit>credits?)\b)"
    r"|(?<=\d)(?P<short_hours>h)\b",  # "12h", beside a label that says it is a length
    re.IGNORECASE,
)
_LENGTH_LABEL = re.compile(rf"\b(?:{HOURS_LABELS})\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,2})?)(?![\w.]*\d)")
_CLAUSE_SPLIT = re.compile(r"\s*(?:[|;•·/]|,\s(?=\D)|\band\b|\s{3,}|\s[-–—]\s)\s*")
# A course length: "1 hour 3 minutes", "1 hr and 30 mins", "2h30", "90 minutes".
_DURATIONS = (
    re.compile(
        r"(?<![\w.,])(?P<h>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:hours?|hrs?\.?|h)\s*(?:and\s*)?"
        r"(?P<m>\d{1,2})\s*(?:minutes?|mins?\.?|m)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\w.,])(?P<h>\d{1,2})h(?P<m>[0-5]\d)\b", re.IGNORECASE),
    re.compile(r"(?<![\w.,])(?P<m>\d{1,3})\s*(?:minutes?|mins?\.?)(?!\w)", re.IGNORECASE),
)
# Numbers written out before a unit: "four (4) hours" keeps its digit, "two hours" does not.
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(_WORD_NUMBERS) + r")\s+(?:\(\d+\)\s*)?(?:[^\W\d]+\s+)?$", re.IGNORECASE
)
# What a certificate allows someone to claim, or credit of another system, is
# not what was earned: "up to 7.0 credits", "a maximum of 4 AMA PRA Category 1
# Credits", "2 ECTS credits", "No. of credits recommended: 3".
_NOT_EARNED = re.compile(
    r"\bup\s+to\b|maximum|\bmax\b|not\s+to\s+exceed|may\s+claim|recommended|\bects\b|"
    r"semester|academic|college\s+credit|university\s+credit|ama\s+pra|mainpro|"
    r"category\s+[12]|per\s+(?:hour|day|week|month|session|module)|valid(?:ity)?\s+(?:for|period)"
    r"|within",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CreditMention:
    value: float
    unit: str  # "hours" | "ceu" | "cec" | "credit"
    certifier: str | None
    located: Located


def find_credits(index: TextIndex) -> list[CreditMention]:
    mentions: list[CreditMention] = []
    for position, ref in enumerate(index.lines):
        text = _normalise_digits(ref.line.text)
        duration = _duration_mention(index, ref, text)
        if duration is not None:
            mentions.append(duration)
            continue
        cursor = 0
        for clause in _CLAUSE_SPLIT.split(text):
            start = text.find(clause, cursor)
            cursor = start + len(clause)
            if _NOT_EARNED.search(_sentence_before(index, ref, start) + clause):
                continue
            mention = _clause_mention(index, ref.start + start, clause)
            if mention is not None:
                mentions.append(mention)
            elif _UNIT.search(clause):
                previous = index.lines[position - 1] if position and start == 0 else None
                mentions.extend(_value_in_next_cell(index, ref, clause, previous))
    return mentions


def _sentence_before(index: TextIndex, ref: LineRef, start: int) -> str:
    """The words before a clause in its sentence, across a wrapped line break."""
    before = index.text[max(0, ref.start + start - 60) : ref.start + start]
    return re.split(r"[.!?]\s|\n\s*\n", before)[-1]


def _normalise_digits(text: str) -> str:
    """Common OCR slips inside numbers: O for 0, l for 1, a comma for the point."""
    text = re.sub(r"(?<=\d)[oO]|[oO](?=[.,]\d)", "0", text)
    return re.sub(r"(?<=\d),(?=\d{1,2}\b)", ".", text)


def _duration_mention(index: TextIndex, ref: LineRef, text: str) -> CreditMention | None:
    """A length in minutes, or hours and minutes, as hours."""
    match = next((m for pattern in _DURATIONS if (m := pattern.search(text))), None)
    if match is None or _NOT_EARNED.search(text[: match.start()]):
        return None
    hours = float((match.groupdict().get("h") or "0").replace(",", "."))
    value = round(hours + int(match.group("m")) / 60, 3)
    located = index.locate(ref.start + match.start(), ref.start + match.end())
    if located is None or not 0 < value <= 200:
        return None
    return CreditMention(value, "hours", None, located)


def _clause_mention(index: TextIndex, offset: int, clause: str) -> CreditMention | None:
    units = list(_UNIT.finditer(clause))
    if not units:
        return None
    # "Credit: 0.2 CEUs": the named unit says what the credit is
    unit_match = next((u for u in units if u.lastgroup != "credit"), units[0])
    if unit_match.lastgroup == "short_hours" and not _LENGTH_LABEL.search(fold_accents(clause)):
        return None  # "às 14h" is a time of day
    number = _number_by(clause, unit_match)
    if number is not None:
        value = float(number.replace(",", "."))
    elif (word := _WORD_NUMBER.search(clause[: unit_match.start()])) is not None:
        value = float(_WORD_NUMBERS[word.group(1).lower()])
    else:
        return None
    if not 0 < value <= 200:
        return None
    certifier = _CERTIFIER.search(clause)
    located = index.locate(offset, offset + len(clause))
    if located is None:
        return None
    return CreditMention(
        value=value,
        unit="hours" if unit_match.lastgroup == "short_hours" else str(unit_match.lastgroup),
        certifier=certifier.group(1) if certifier else None,
        located=located,
    )


def _number_by(clause: str, unit: re.Match[str]) -> str | None:
    """The number printed before its unit ("4.0 contact hours"), else right after
    it, past one word at most ("CEUs: NASM 1.9", "Course hours completed 20")."""
    before = _NUMBER.findall(clause[: unit.start()])
    if before:
        return str(before[-1])
    after = re.match(
        r"\W*(?:[^\W\d]+\W+)?(\d{1,3}(?:[.,]\d{1,2})?)(?![\w.]*\d)", clause[unit.end() :]
    )
    return after.group(1) if after else None


def _value_in_next_cell(
    index: TextIndex, ref: LineRef, clause: str, previous: LineRef | None
) -> list[CreditMention]:
    """A credit label whose number sits in the next cell or on the line below,
    or a unit whose number ended the line before ("validated 6,5" / "total hours")."""
    for neighbour in (right_of(index, ref), below(index, ref)):
        if neighbour is None:
            continue
        number = _NUMBER.fullmatch(_normalise_digits(neighbour.line.text).strip())
        if number is None:
            continue
        mention = _clause_mention(index, neighbour.start, f"{number.group(1)} {clause}")
        located = index.locate_line(neighbour)
        if mention is not None and located is not None:
            return [CreditMention(mention.value, mention.unit, mention.certifier, located)]
    if previous is not None and previous.page == ref.page:
        wrapped = re.search(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*$", previous.line.text)
        if wrapped is not None:
            mention = _clause_mention(index, ref.start, f"{wrapped.group(1)} {clause}")
            located = index.locate(previous.start + wrapped.start(), ref.start + len(clause))
            if mention is not None and located is not None:
                return [CreditMention(mention.value, mention.unit, mention.certifier, located)]
    return []


@dataclass(frozen=True, slots=True)
class CreditReading:
    nasm_ceus: float | None
    contact_hours: float | None
    ceus_from: CreditMention | None
    hours_from: CreditMention | None
    reason: str
    strength: float
    disagreement: str | None


def read_credits(mentions: list[CreditMention], ceus_per_hour: float) -> CreditReading:
    """The NASM value as printed: printed as NASM, else CEUs printed without a
    certifier, else another certifier's figure converted through contact hours.
    Contact hours alone give no CEUs here: the record holds what the page prints,
    and the entry converts hours (``audit.ceus``)."""
    hours = next((m for m in mentions if m.unit == "hours" and m.certifier is None), None)
    nasm = next((m for m in mentions if m.certifier == "NASM" and m.unit != "hours"), None)
    unbound = next((m for m in mentions if m.certifier is None and m.unit == "ceu"), None)
    hours_value = hours.value if hours else None
    if nasm is not None:
        return _reading(nasm.value, hours, nasm, "printed as NASM CEUs", 0.97, ceus_per_hour)
    if unbound is not None and unbound.value <= 5:
        return _reading(
            unbound.value, hours, unbound, "CEUs printed without a certifier", 0.8, ceus_per_hour
        )
    for mention in sorted(mentions, key=lambda m: _certifier_rank(m.certifier)):
        rate = CREDITS_PER_HOUR.get(mention.certifier or "")
        if rate and mention.unit in ("ceu", "cec", "credit"):
            derived_hours = mention.value / rate
            value = round(derived_hours * ceus_per_hour, 2)
            why = f"{mention.value:g} {mention.certifier} credits = {derived_hours:g} hours"
            return CreditReading(value, hours_value, mention, hours, why, 0.75, None)
    reason = "contact hours printed, no CEUs" if hours else "no credits printed"
    return CreditReading(None, hours_value, None, hours, reason, 0.0, None)


def _certifier_rank(certifier: str | None) -> int:
    order = ["ACE", "NSCA", "AFAA", "ACSM", "NFPT"]
    return order.index(certifier) if certifier in order else len(order)


def _reading(
    value: float,
    hours: CreditMention | None,
    source: CreditMention,
    reason: str,
    strength: float,
    ceus_per_hour: float,
) -> CreditReading:
    disagreement = None
    if hours is not None and source is not hours:
        expected = round(hours.value * ceus_per_hour, 2)
        if abs(expected - value) > 0.051:
            disagreement = f"printed {value:g} CEUs but {hours.value:g} hours make {expected:g}"
            strength *= 0.6
    return CreditReading(
        nasm_ceus=value,
        contact_hours=hours.value if hours else None,
        ceus_from=source,
        hours_from=hours,
        reason=reason,
        strength=strength,
        disagreement=disagreement,
    )
