"""Fields from page text and layout: holder, provider, course, code, ids.

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
from extractors.issuers import find_issuer
from extractors.labels import LabeledValue, below
from extractors.names import (
    clean_value,
    looks_like_org,
    looks_like_person,
    tidy_person,
    trim_org,
)
from extractors.textindex import LineRef, Located, TextIndex

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
_SIGNER_TITLE = re.compile(
    r"\b(?:dean|director|manager|coordinator|president|instructor|chair|officer|registrar|"
    r"administrator|signature|signed)\b",
    re.IGNORECASE,
)
_NOT_PROVIDER_LINE = re.compile(
    r"\bcertificate\b|\btranscript\b|\bis approved\b|approved to offer|this certifies|office of"
    r"|completion|participation|attendance|achievement|\bseries\b",
    re.IGNORECASE,
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


def best_labeled(values: list[LabeledValue], field: str) -> list[LabeledValue]:
    """Values for ``field``, strong labels and same-line values first."""
    order = {"same-line": 0, "right": 1, "below": 2}
    chosen = [v for v in values if v.field == field]
    return sorted(chosen, key=lambda v: (not v.strong, v.value.page, order[v.method]))


def _label_strength(value: LabeledValue) -> float:
    base = 0.95 if value.strong else 0.8
    return base - {"same-line": 0.0, "right": 0.03, "below": 0.07}[value.method]


def holder_name(index: TextIndex, labeled: list[LabeledValue]) -> Found | None:
    for value in best_labeled(labeled, "holder_name"):
        text = _leading_name(value.value.text)
        if text:
            return found(
                tidy_person(text), value.value, _label_strength(value), f"label '{value.label}'"
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
    return beneath is not None and bool(_SIGNER_TITLE.search(beneath.line.text))


def provider_name(
    index: TextIndex, labeled: list[LabeledValue], holder: Found | None
) -> Found | None:
    """The certificate's provider: a labelled value, else the organisation at the top."""
    for value in best_labeled(labeled, "provider_name"):
        text = trim_org(value.value.text)
        letters = sum(c.isalpha() for c in text)
        if letters >= 3 and len(text.split()) <= 10 and not _SIGNER_TITLE.search(text):
            return found(text, value.value, _label_strength(value), f"label '{value.label}'")
    holder_text = str(holder.value) if holder else "\x00"
    orgs = [
        ref
        for ref in index.lines
        if ref.page == 0
        and looks_like_org(ref.line.text)
        and holder_text not in ref.line.text
        and not _SIGNER_TITLE.search(ref.line.text)
        and not _NOT_PROVIDER_LINE.search(ref.line.text)
    ]
    if not orgs:
        return _masthead(index, holder_text)
    top = min(orgs, key=lambda ref: ref.line.box.y0 - 0.5 * ref.line.box.height)
    lines = _wrapped_block(index, top)
    text = trim_org(" ".join(ref.line.text for ref in lines))
    return found(text, _locate_lines(lines), 0.7, "organisation name at the top")


def card_issuer(index: TextIndex, back_only: bool) -> Found | None:
    """The organisation that issued a card: a line naming a known CPR issuer,
    else (on a front) the brand line at the top. Training centers and
    instructors printed on the back are someone else."""
    issuers = [
        (ref, mention)
        for ref in index.lines
        if ref.page == 0
        and len(ref.line.words) <= 8
        and (mention := find_issuer(ref.line.text)) is not None
    ]
    if issuers:
        ref, mention = min(issuers, key=lambda item: item[0].line.box.y0)
        located = index.locate(ref.start + mention.start, ref.start + mention.end)
        return found(mention.name, located, 0.9, f"issuer named on the card: '{ref.line.text}'")
    if back_only:
        return None
    for ref in sorted(
        (r for r in index.lines if r.page == 0), key=lambda r: (r.line.box.y0, r.line.box.x0)
    )[:3]:
        text = clean_value(ref.line.text)
        if 1 <= len(text.split()) <= 6 and not looks_like_person(text) and not find_dates(text):
            return found(text, index.locate_line(ref), 0.55, "name at the top of the card")
    return None


def _masthead(index: TextIndex, holder_text: str) -> Found | None:
    """With no organisation word anywhere, the name set at the head of the page
    ("Summit Strength") is the provider's, as a reader would take it."""
    head = sorted((r for r in index.lines if r.page == 0), key=lambda r: r.line.box.y0)[:4]
    for ref in head:
        text = trim_org(ref.line.text)
        words = text.split()
        capitalised = all(
            w[0].isupper() or w.lower() in {"of", "and", "&", "the", "for"} for w in words
        )
        if (
            2 <= len(words) <= 6
            and capitalised
            and holder_text not in text
            and not _NOT_PROVIDER_LINE.search(text)
            and not find_dates(text)
            and not re.search(r"\d", text)
        ):
            return found(text, index.locate_line(ref), 0.5, "name at the head of the page")
    return None


def _wrapped_block(index: TextIndex, ref: LineRef) -> list[LineRef]:
    """The line with the lines it wraps into: same size, same column, touching."""
    page_lines = [other for other in index.lines if other.page == ref.page]
    block = [ref]
    grown = True
    while grown and len(block) < 4:
        grown = False
        for other in page_lines:
            if other in block:
                continue
            if _touching(block[-1], other) and other.line.box.y0 > block[-1].line.box.y0:
                block.append(other)
                grown = True
            elif _touching(block[0], other) and other.line.box.y0 < block[0].line.box.y0:
                block.insert(0, other)
                grown = True
    return block


def _touching(a: LineRef, b: LineRef) -> bool:
    box_a, box_b = a.line.box, b.line.box
    same_size = abs(box_a.height - box_b.height) < 0.35 * box_a.height
    gap = max(box_b.y0 - box_a.y1, box_a.y0 - box_b.y1)
    centred = abs((box_a.x0 + box_a.x1) - (box_b.x0 + box_b.x1)) / 2 < 2 * box_a.height
    same_column = abs(box_a.x0 - box_b.x0) < 2 * box_a.height or centred
    text = b.line.text
    short = len(b.line.words) <= 4 and not re.search(r"\d|\bprovider\b", text, re.IGNORECASE)
    short = short and not _NOT_PROVIDER_LINE.search(text)
    return same_size and 0 <= gap < 0.9 * box_a.height and same_column and short


def _locate_lines(lines: list[LineRef]) -> Located:
    words = [w for ref in lines for w in ref.line.words]
    box = lines[0].line.box
    for ref in lines[1:]:
        box = box.union(ref.line.box)
    return Located(
        text=" ".join(w.text for w in words),
        page=lines[0].page,
        box=box,
        confidence=min(w.confidence for w in words) / 100,
        words=tuple(words),
    )


def course_title(index: TextIndex, labeled: list[LabeledValue], is_card: bool) -> Found | None:
    for value in best_labeled(labeled, "course_title"):
        text = _trim_course(value.value.text)
        if _is_title(text):
            return found(text, value.value, _label_strength(value), f"label '{value.label}'")
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
    first = lines[0]
    text = _trim_course(first.line.text)
    if not _is_title(text):
        return None
    end = first.start + len(first.line.text)
    if len(lines) > 1 and _continues(first, lines[1]):
        more = _trim_course(lines[1].line.text)
        text = f"{text} {more}"
        end = lines[1].start + len(lines[1].line.text)
    return found(text, _locate_span(first, end, lines), 0.82, "line after the completion sentence")


def _continues(first: LineRef, second: LineRef) -> bool:
    a, b = first.line.box, second.line.box
    same_size = abs(a.height - b.height) < 0.2 * a.height
    close = b.y0 - a.y1 < 0.8 * a.height
    return same_size and close and not _COURSE_STOP.search(" " + second.line.text)


def _locate_span(first: LineRef, end: int, lines: list[LineRef]) -> Located | None:
    from_first = first.line
    box = from_first.box
    words = list(from_first.words)
    for ref in lines[1:]:
        if ref.start < end:
            box = box.union(ref.line.box)
            words.extend(ref.line.words)
    return Located(
        text=" ".join(w.text for w in words),
        page=first.page,
        box=box,
        confidence=min(w.confidence for w in words) / 100,
        words=tuple(words),
    )


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
                code.group(0), value.value, _label_strength(value), f"label '{value.label}'"
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
                code.group(0), value.value, _label_strength(value), f"label '{value.label}'"
            )
    for ref in index.lines:
        alone = _LONE_CODE.fullmatch(ref.line.text.strip())
        if alone is None or alone.group("code") == course_code_text or find_dates(ref.line.text):
            continue
        start = ref.start + ref.line.text.index(alone.group("code"))
        located = index.locate(start, start + len(alone.group("code")))
        return found(alone.group("code"), located, 0.65, "a code on a line of its own")
    return None
