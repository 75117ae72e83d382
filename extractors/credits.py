"""Credit amounts bound to the certifier that printed them.

A certificate often prints several credit systems at once, and the numbers
differ for the same course ("0.8 NASM CEUs | 8 AFAA CEUs | 1.6 NFPT CECs").
Each number is bound to the certifier named in its own clause before it is
used; only the NASM value, or contact hours converted, count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.labels import below, right_of
from extractors.textindex import LineRef, Located, TextIndex

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
_UNIT = re.compile(
    r"\b(?:(?P<hours>contact\s*hours?|clock\s*hours?|hours?|hrs?\.?)"
    r"|(?P<ceu>c\.?e\.?u\.?s?)\b|(?P<cec>c\.?e\.?c\.?s?)\b|(?P<credit>credits?)\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,2})?)(?![\w.]*\d)")
_CLAUSE_SPLIT = re.compile(r"\s*(?:[|;•·/]|,\s(?=\D)|\band\b|\s{3,}|\s[-–—]\s)\s*")


@dataclass(frozen=True, slots=True)
class CreditMention:
    value: float
    unit: str  # "hours" | "ceu" | "cec" | "credit"
    certifier: str | None
    located: Located


def find_credits(index: TextIndex) -> list[CreditMention]:
    mentions: list[CreditMention] = []
    for ref in index.lines:
        text = _normalise_digits(ref.line.text)
        cursor = 0
        for clause in _CLAUSE_SPLIT.split(text):
            start = text.find(clause, cursor)
            cursor = start + len(clause)
            mention = _clause_mention(index, ref.start + start, clause)
            if mention is not None:
                mentions.append(mention)
            elif _UNIT.search(clause) and not _NUMBER.search(clause):
                mentions.extend(_value_in_next_cell(index, ref, clause))
    return mentions


def _normalise_digits(text: str) -> str:
    """Common OCR slips inside numbers: O for 0, l for 1, a comma for the point."""
    text = re.sub(r"(?<=\d)[oO]|[oO](?=[.,]\d)", "0", text)
    return re.sub(r"(?<=\d),(?=\d{1,2}\b)", ".", text)


def _clause_mention(index: TextIndex, offset: int, clause: str) -> CreditMention | None:
    unit_match = _UNIT.search(clause)
    number_match = _NUMBER.search(clause)
    if unit_match is None or number_match is None:
        return None
    value = float(number_match.group(1).replace(",", "."))
    if not 0 < value <= 200:
        return None
    certifier = _CERTIFIER.search(clause)
    located = index.locate(offset, offset + len(clause))
    if located is None:
        return None
    return CreditMention(
        value=value,
        unit=str(unit_match.lastgroup),
        certifier=certifier.group(1) if certifier else None,
        located=located,
    )


def _value_in_next_cell(index: TextIndex, ref: LineRef, clause: str) -> list[CreditMention]:
    """A credit label whose number sits in the next cell or on the line below."""
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
    """The NASM value: printed as NASM, else hours converted, else another
    certifier's figure converted through contact hours."""
    hours = next((m for m in mentions if m.unit == "hours" and m.certifier is None), None)
    nasm = next((m for m in mentions if m.certifier == "NASM" and m.unit != "hours"), None)
    unbound = next(
        (m for m in mentions if m.certifier is None and m.unit in ("ceu", "credit")), None
    )
    hours_value = hours.value if hours else None
    if nasm is not None:
        return _reading(nasm.value, hours, nasm, "printed as NASM CEUs", 0.97, ceus_per_hour)
    if hours is not None:
        value = round(hours.value * ceus_per_hour, 2)
        return _reading(
            value,
            hours,
            hours,
            f"{hours.value:g} contact hours x {ceus_per_hour:g}",
            0.92,
            ceus_per_hour,
        )
    if unbound is not None and unbound.value <= 5:
        return _reading(
            unbound.value, None, unbound, "CEUs printed without a certifier", 0.8, ceus_per_hour
        )
    for mention in sorted(mentions, key=lambda m: _certifier_rank(m.certifier)):
        rate = CREDITS_PER_HOUR.get(mention.certifier or "")
        if rate and mention.unit in ("ceu", "cec", "credit"):
            derived_hours = mention.value / rate
            value = round(derived_hours * ceus_per_hour, 2)
            why = f"{mention.value:g} {mention.certifier} credits = {derived_hours:g} hours"
            return CreditReading(value, hours_value, mention, None, why, 0.75, None)
    return CreditReading(None, hours_value, None, hours, "no credits printed", 0.0, None)


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
