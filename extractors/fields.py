"""Fields from page text and layout: holder, course, code, ids (the provider
is read in extractors/providers.py).

Each field is read the ways a person reads it, strongest first: a label with
its value; the sentence a certificate is written in ("This certifies that ...
has successfully completed ..."); and the layout (the biggest name-shaped line,
the organisation's name at the top). Every value keeps where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.labels import LabeledValue, below, best_labeled, label_strength
from extractors.names import SIGNER_TITLE, clean_value, looks_like_person, tidy_person
from extractors.textindex import LineRef, TextIndex, locate_lines

_HOLDER_ANCHOR = re.compile(
    r"(?:certif(?:y|ies)|confirms?|verif(?:y|ies)) that|(?:presented|awarded|issued|granted) to"
    r"|this (?:card|certificate) (?:is )?(?:issued|awarded|presented) to|recognizes",
    re.IGNORECASE,
)
_HOLDER_STOP = re.compile(
    r"\b(?:has|have|who|for|successfully|completed|is hereby|on|in recognition)\b", re.I
)
_COURSE_ANCHOR = re.compile(
    r"(?:(?:has|have)\s+)?(?:successfully\s+)?(?:completed|attended|participated in|finished)"
    r"(?:\s+the)?(?:\s+(?:course|program(?:me)?|workshop|training|seminar|class|requirements for))?"
    r"(?:\s+(?:entitled|titled|named|of))?\s*:?"
    r"|for (?:successfully )?completing(?: the)?|completion of(?: the)?(?: course)?",
    re.IGNORECASE,
)
_COURSE_STOP = re.compile(
    r"\s+(?:on|with|and (?:is|has|was)|earning|awarded|for a total|totaling|worth|"
    r"approved for|offered by|presented by|provided by|conducted by)\b.*$"
    r"|\s*[,(]?\s*\d+(?:\.\d+)?\s*(?:ceus?|cecs?|contact|hours?).*$",
    re.IGNORECASE,
)
_CREDENTIALS = re.compile(
    r"^(?:dr|prof)\.?\s|,\s*(?:ms|ma|mba|phd|md|cscs|rn|edd|dpt)\b", re.IGNORECASE
)
_LABELED_CODE = re.compile(
    r"\b(?:course|program(?:me)?|activity|module|event|session)\s*(?:#|no\.?|number|code|id)?"
    r"\s*[:#]?\s*(?P<code>(?=[A-Z0-9\-]*\d)(?=[A-Z0-9\-]*[A-Z])[A-Z0-9][A-Z0-9\-]{4,24}"
    r"|(?-i:[A-Z]{2,8}(?:-[A-Z0-9]{2,8})+))\b",
    re.IGNORECASE,
)
_LONE_CODE = re.compile(
    r"(?:(?:no\.?|#|id|ref\.?|certificate|cert\.?)\s*:?\s*)?"
    r"(?P<code>(?=[A-Z0-9\-/]*\d)(?=[A-Z0-9\-/]*[A-Z])[A-Z0-9][A-Z0-9\-/]{5,24}"
    r"|\d{2,6}-\d{3,8})",
    re.IGNORECASE,
)
_CODE_SHAPE = re.compile(r"\b(?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,24}\b", re.IGNORECASE)
_ACE_COURSE = re.compile(r"\b(?:CEP|CA)\s?\d{5,6}\b")
_CARD_COURSE = re.compile(
    r"\b(?:bls|basic life support|heartsaver|cpr|aed|first aid|acls|pals)\b", re.IGNORECASE
)


def holder_name(index: TextIndex, labeled: list[LabeledValue]) -> Found | None:
    for value in best_labeled(labeled, "holder_name"):
        text = _leading_name(value.value.text)
        if text:
            return found(
                tidy_person(text), value.value, label_strength(value), f"label '{value.label}'"
            )
    prose = _holder_from_prose(index)
    if prose is not None:
        return prose
    return _biggest_name_line(index)


def _leading_name(text: str) -> str | None:
    text = _HOLDER_STOP.split(clean_value(text))[0]
    words = text.split()
    for size in range(min(5, len(words)), 1, -1):
        candidate = " ".join(words[:size])
        if looks_like_person(candidate):
            return candidate
    return None


def _holder_from_prose(index: TextIndex) -> Found | None:
    for match in _HOLDER_ANCHOR.finditer(index.text):
        line = index.line_at(match.start())
        if line is None:
            continue
        rest = index.text[match.end() : line.end]
        name = _leading_name(rest)
        if name:
            start = index.text.index(name, match.end())
            return found(
                tidy_person(name),
                index.locate(start, start + len(name)),
                0.9,
                f"after '{match.group(0)}'",
            )
        for ref in _lines_after(index, line, 3):
            name = _leading_name(ref.line.text)
            if name:
                return found(
                    tidy_person(name),
                    index.locate(ref.start, ref.start + len(name)),
                    0.88,
                    f"line after '{match.group(0)}'",
                )
    return None


def _lines_after(index: TextIndex, line: LineRef, count: int) -> Iterator[LineRef]:
    position = index.lines.index(line)
    for ref in index.lines[position + 1 : position + 1 + count]:
        if ref.page == line.page:
            yield ref


def _biggest_name_line(index: TextIndex) -> Found | None:
    candidates = [
        ref
        for ref in index.lines
        if ref.page == 0 and looks_like_person(ref.line.text) and not _is_signer(index, ref)
    ]
    if not candidates:
        return None
    tallest = max(candidates, key=_name_prominence)
    return found(
        tidy_person(tallest.line.text), index.locate_line(tallest), 0.6, "largest name-shaped line"
    )


def _name_prominence(ref: LineRef) -> float:
    """Tallest first; four or more capitalised words are more often a title."""
    return ref.line.box.height * (1.0 if len(ref.line.words) <= 3 else 0.75)


def _is_signer(index: TextIndex, ref: LineRef) -> bool:
    """A name with a title or credentials under or beside it signed the document."""
    if _CREDENTIALS.search(ref.line.text):
        return True
    beneath = below(index, ref)
    return beneath is not None and bool(SIGNER_TITLE.search(beneath.line.text))


def course_title(index: TextIndex, labeled: list[LabeledValue], is_card: bool) -> Found | None:
    for value in best_labeled(labeled, "course_title"):
        text = _trim_course(value.value.text)
        if _is_title(text):
            return found(text, value.value, label_strength(value), f"label '{value.label}'")
    if is_card:
        return _card_course(index)
    return _course_from_prose(index)


def _skip_and(text: str, position: int) -> int:
    conjunction = re.compile(r"\s*(?:and|&)?\s*", re.IGNORECASE).match(text, position)
    return conjunction.end() if conjunction else position


def _is_title(text: str) -> bool:
    """Words with capitals, not a code or a bare number."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", text) if len(w) > 1]
    return (
        len(words) >= 1 and sum(len(w) for w in words) >= 4 and any(w[0].isupper() for w in words)
    )


def _trim_course(text: str) -> str:
    return clean_value(_COURSE_STOP.sub("", clean_value(text)))


def _course_from_prose(index: TextIndex) -> Found | None:
    for match in _COURSE_ANCHOR.finditer(index.text):
        line = index.line_at(match.start())
        if line is None:
            continue
        after = match.end()
        while chained := _COURSE_ANCHOR.match(index.text, _skip_and(index.text, after)):
            if chained.end() <= after:
                break
            after = chained.end()
        rest = _trim_course(index.text[after : line.end])
        if _is_title(rest):
            start = index.text.index(rest, after)
            return found(
                rest,
                index.locate(start, start + len(rest)),
                0.85,
                f"after '{match.group(0).strip()}'",
            )
        following = list(_lines_after(index, line, 2))
        if following:
            title = _join_wrapped(following)
            if title is not None:
                return title
    return None


def _join_wrapped(lines: list[LineRef]) -> Found | None:
    """A title on the next line, and its continuation when it wraps."""
    text = _trim_course(lines[0].line.text)
    if not _is_title(text):
        return None
    taken = lines[:1]
    if len(lines) > 1 and _continues(lines[0], lines[1]):
        text = f"{text} {_trim_course(lines[1].line.text)}"
        taken = lines[:2]
    return found(text, locate_lines(taken), 0.82, "line after the completion sentence")


def _continues(first: LineRef, second: LineRef) -> bool:
    a, b = first.line.box, second.line.box
    same_size = abs(a.height - b.height) < 0.2 * a.height
    close = b.y0 - a.y1 < 0.8 * a.height
    return same_size and close and not _COURSE_STOP.search(" " + second.line.text)


def _card_course(index: TextIndex) -> Found | None:
    candidates = [
        ref
        for ref in index.lines
        if _CARD_COURSE.search(ref.line.text) and 1 <= len(ref.line.words) <= 8
    ]
    if not candidates:
        return None
    biggest = max(candidates, key=lambda ref: (ref.line.box.height, -ref.line.box.y0))
    return found(
        clean_value(biggest.line.text),
        index.locate_line(biggest),
        0.75,
        "largest course line on the card",
    )


def course_code(index: TextIndex, labeled: list[LabeledValue]) -> Found | None:
    for value in best_labeled(labeled, "course_code"):
        code = _CODE_SHAPE.search(value.value.text)
        if code:
            return found(
                code.group(0), value.value, label_strength(value), f"label '{value.label}'"
            )
    labeled_code = _LABELED_CODE.search(index.text)
    if labeled_code:
        start, end = labeled_code.span("code")
        return found(
            labeled_code.group("code"), index.locate(start, end), 0.85, "code after 'course'"
        )
    ace = _ACE_COURSE.search(index.text)
    if ace:
        return found(
            ace.group(0).replace(" ", ""),
            index.locate(*ace.span()),
            0.8,
            "ACE course number pattern",
        )
    return None


def certificate_id(
    index: TextIndex, labeled: list[LabeledValue], course_code_text: str | None
) -> Found | None:
    for value in best_labeled(labeled, "certificate_id"):
        code = _CODE_SHAPE.search(value.value.text)
        if code and (value.strong or len(code.group(0)) >= 6):
            return found(
                code.group(0), value.value, label_strength(value), f"label '{value.label}'"
            )
    for ref in index.lines:
        alone = _LONE_CODE.fullmatch(ref.line.text.strip())
        if alone is None or alone.group("code") == course_code_text or find_dates(ref.line.text):
            continue
        start = ref.start + ref.line.text.index(alone.group("code"))
        located = index.locate(start, start + len(alone.group("code")))
        return found(alone.group("code"), located, 0.65, "a code on a line of its own")
    return None
