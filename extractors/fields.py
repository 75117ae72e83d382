"""Fields from page text and layout: holder, course, code, ids (the provider
is read in extractors/providers.py).

Each field is read the ways a person reads it, strongest first: a label with
its value; the sentence a certificate is written in ("This certifies that ...
has successfully completed ..."); and the layout (the biggest name-shaped line,
the most prominent title-shaped line). Every value keeps where it was found.
The holder is read in extractors/holder.py, codes and ids in
extractors/codes.py; this module reads the course title.
"""

from __future__ import annotations

import itertools
import re
from statistics import median

from extractors import codes
from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.holder import holder_name, is_signer, lines_after
from extractors.labels import LabeledValue, above, below, best_labeled, label_strength
from extractors.names import clean_value, looks_like_person, names_an_org, states_a_role
from extractors.textindex import LineRef, TextIndex, locate_lines

__all__ = ["certificate_id", "course_code", "course_title", "holder_name"]

_COURSE_ANCHOR = re.compile(
    r"(?:(?:has|have)\s+)?(?:successfully\s+)?"
    r"(?:completed|attended|participated\s+in|finished|(?<=has\s)passed|(?<=have\s)passed)"
    r"(?!\s+(?:by|from|during)\b)"
    r"(?:\s+(?-i:the))?(?:\s+(?:required|following|online))?"
    r"(?:\s+(?:course|program(?:me)?|workshop|training|seminar|class|module|requirements\s+for)s?)?"
    r"(?:\s+(?:entitled|titled|named|of|on))?[ \t]*:?"
    r"|for\s+(?:successfully\s+)?completing(?:\s+the)?"
    r"(?:\s+(?:course|program(?:me)?|training(?:\s+program(?:me)?)?)(?:\s+(?:on|in|of))?)?[ \t]*:?"
    r"|completion\s+of(?:\s+the)?(?:\s+course)?|the\s+certificate\s+of"
    r"|(?:pour\s+avoir\s+)?compl[ée]t[ée]\b(?:\s+avec\s+succ[èe]s)?"
    r"(?:\s+(?:la\s+formation|le\s+cours))?"
    r"|du\s+cours(?:\s+en\s+ligne)?"
    r"|(?:ha\s+)?(?:completado|aprobado|cursado)(?:\s+con\s+[ée]xito)?"
    r"(?:\s+(?:el\s+curso|la\s+formaci[óo]n|el\s+programa))?",
    re.IGNORECASE,
)
_COURSE_STOP = re.compile(
    r"\s+(?:on|with|and\s+(?:is|has|was|earned|received|passed)|earning|awarded|for a total|"
    r"totaling|worth|approved for|offered by|presented by|provided by|conducted|held|"
    r"from|during|an online|a\s+(?:four|\d)|avec\s+(?:un|une)|sur|(?:le|el)\s+\d)\b.*$"
    r"|\s*[,(]?\s*\d+(?:[.,]\d+)?\s*(?:ceus?|cecs?|contact|hours?|heures?|horas?|credits?|"
    r"ects|weeks?).*$",
    re.IGNORECASE,
)
# A title's last word that leaves it unfinished: the title wraps onto the next line.
_DANGLING = re.compile(r"\b(?:in|of|and|&|for|to|the|a|an|de|du|des|et|en|la|le|y|el|-|:)$", re.I)
_TRAILING_FILLER = re.compile(r"(?:\s+(?:le|el|on|the|in|of|de|du|and|et|y|at))+\s*[.,:;]?$", re.I)
# "Certificate of Completion", "Course Certificate": what the paper is, not its course.
_HEADING = re.compile(
    r"^(?:(?:course|training|e-?learning)\s+)?(?:certificate|certificat|certificado|"
    r"attestation|diploma|record|statement|award)s?\b(?:\s+(?:of|de)\b.*)?$"
    r"|^(?:of\s+)?(?:completion|achievement|participation|attendance|competency|excellence|"
    r"appreciation|accomplishment)\b"
    r"|\bof\s+(?:completion|achievement|participation|attendance|appreciation|recognition)\b",
    re.IGNORECASE,
)
_CARD_COURSE = re.compile(
    r"\b(?:bls|basic life support|heartsaver|cpr|aed|first aid|acls|pals)\b", re.IGNORECASE
)
_COMPLETED_BY = re.compile(r"\bcompleted\s+by\b", re.IGNORECASE)


def course_title(index: TextIndex, labeled: list[LabeledValue], is_card: bool) -> Found | None:
    for value in best_labeled(labeled, "course_title"):
        text = _trim_course(value.value.text)
        if _is_title(text):
            return found(text, value.value, label_strength(value), f"label '{value.label}'")
    if is_card:
        return _card_course(index)
    return _course_from_prose(index) or _title_above_completed_by(index) or _prominent_title(index)


def course_code(index: TextIndex, labeled: list[LabeledValue]) -> Found | None:
    title = course_title(index, labeled, is_card=False)
    return codes.course_code(index, labeled, title)


def certificate_id(
    index: TextIndex, labeled: list[LabeledValue], course_code_text: str | None
) -> Found | None:
    return codes.certificate_id(index, labeled, course_code_text)


def _is_title(text: str) -> bool:
    """Words with capitals, starting with one; not a code, a number or a heading."""
    words = [w for w in re.findall(r"(?<!\w)[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*(?!\w)", text) if len(w) > 1]
    first = re.search(r"[^\W\d_]", text)
    return (
        len(words) >= 1
        and sum(len(w) for w in words) >= 4
        and first is not None
        and first.group(0).isupper()
        and not _HEADING.search(text)
    )


def _trim_course(text: str) -> str:
    text = _COURSE_STOP.sub("", clean_value(text))
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    return clean_value(_TRAILING_FILLER.sub("", clean_value(text)))


def _skip_and(text: str, position: int) -> int:
    conjunction = re.compile(r"\s*(?:and|&)?\s*", re.IGNORECASE).match(text, position)
    return conjunction.end() if conjunction else position


def _course_from_prose(index: TextIndex) -> Found | None:
    for match in _COURSE_ANCHOR.finditer(index.text):
        after = match.end()
        while chained := _COURSE_ANCHOR.match(index.text, _skip_and(index.text, after)):
            if chained.end() <= after:
                break
            after = chained.end()
        line = index.line_at(after)
        if line is None:
            continue
        anchor = " ".join(match.group(0).split())
        title = _title_on_sentence_line(index, line, after, anchor)
        if title is None:
            title = _title_below(index, line)
        if title is not None:
            return title
    return None


def _title_on_sentence_line(
    index: TextIndex, line: LineRef, after: int, anchor: str
) -> Found | None:
    """The title after the sentence's verb, and its continuation on the next
    line when the sentence wraps in the middle of it."""
    raw = index.text[after : line.end]
    rest = _trim_course(raw)
    if not rest:
        return None
    taken = [line]
    cut = _ends_sentence(clean_value(raw))
    nxt = next(lines_after(index, line, 1), None)
    if nxt is not None and not cut and _continues(line, nxt):
        joined = _trim_course(f"{clean_value(raw)} {nxt.line.text}")
        if len(joined) > len(rest) and (_DANGLING.search(clean_value(raw)) or len(rest) < 12):
            rest, taken = joined, [line, nxt]
    if not _is_title(rest):
        return None
    rest = codes.strip_leading_code(rest)
    start = index.text.find(rest.split()[0], after)
    located = index.locate(start, taken[-1].end) if start >= 0 else None
    return found(rest, located or locate_lines(taken), 0.85, f"after '{anchor}'")


def _title_below(index: TextIndex, line: LineRef) -> Found | None:
    """The first title-shaped line of the three under the sentence (OCR may
    put a speck or a seal's letters between them)."""
    following = [ref for ref in lines_after(index, line, 3) if not _someone_else(index, ref)]
    for start in range(len(following)):
        title = _join_wrapped(following[start:])
        if title is not None:
            return title
    return None


def _someone_else(index: TextIndex, ref: LineRef) -> bool:
    """A signer's name, a role or an organisation's name: not the course."""
    text = clean_value(ref.line.text)
    over = above(index, ref)
    role_goes_on = (
        over is not None
        and states_a_role(over.line.text)
        and bool(_DANGLING.search(clean_value(over.line.text)))
    )
    return role_goes_on or is_signer(index, ref) or states_a_role(text) or names_an_org(text)


def _join_wrapped(lines: list[LineRef]) -> Found | None:
    """A title on the next line, and its continuation when it wraps."""
    raw = clean_value(lines[0].line.text)
    text = _trim_course(raw)
    if not _is_title(text) or _reads_as_prose(text):
        return None
    taken = lines[:1]
    for previous, line in itertools.pairwise(lines):
        if _ends_sentence(raw) or not _continues(previous, line):
            break
        following = clean_value(line.line.text)
        if not _may_follow(raw, following):
            break
        if following.casefold().startswith(text.casefold()):
            raw, taken = following, [line]  # the title printed again, in full
        else:
            raw, taken = f"{raw} {following}", [*taken, line]
        longer = _trim_course(raw)
        if len(longer) <= len(text) and len(taken) > 1:
            taken.pop()
            break
        text = longer
    text = codes.strip_leading_code(text)
    return found(text, locate_lines(taken), 0.82, "line after the completion sentence")


_CONNECTOR_START = re.compile(r"^(?:of|and|in|on|to|de|du|des|et|en|y|la|le|el|del|&)\b", re.I)


def _may_follow(raw: str, following: str) -> bool:
    """A title's next line starts with a capital or a connecting word, or the
    line before left it unfinished; lower case otherwise goes on with a sentence."""
    first = following[:1]
    return (
        not first.islower()
        or bool(_CONNECTOR_START.match(following))
        or bool(_DANGLING.search(raw))
    )


def _reads_as_prose(text: str) -> bool:
    """Mostly lower-case words, connecting words aside: a sentence, not a title."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if not _CONNECTOR_START.match(w)]
    lower = [w for w in words if w[0].islower()]
    return len(words) >= 4 and len(lower) > 0.7 * len(words)


def _ends_sentence(raw: str) -> bool:
    """The title has ended: a stop word, a date or a full stop came after it."""
    return bool(_COURSE_STOP.search(raw) or find_dates(raw)) or raw.endswith(".")


def _continues(first: LineRef, second: LineRef) -> bool:
    a, b = first.line.box, second.line.box
    same_size = abs(a.height - b.height) < 0.3 * a.height
    next_row = b.y0 >= a.y1 - 0.3 * a.height and b.y0 - a.y1 < 1.0 * a.height
    same_row_after = abs(b.y0 - a.y0) < 0.5 * a.height and 0 <= b.x0 - a.x1 < 0.1
    return first.page == second.page and same_size and (next_row or same_row_after)


def _title_above_completed_by(index: TextIndex) -> Found | None:
    """A title standing above "Course completed by JANE DOE"."""
    for position, ref in enumerate(index.lines):
        if position == 0 or not _COMPLETED_BY.search(ref.line.text):
            continue
        title_line = index.lines[position - 1]
        text = _trim_course(title_line.line.text)
        if title_line.page == ref.page and _is_title(text):
            return found(text, index.locate_line(title_line), 0.8, "title above 'completed by'")
    return None


def _prominent_title(index: TextIndex) -> Found | None:
    """The largest title-shaped line of the first page that stands out from the
    body text: not a heading, a name, an organisation, a date or a sentence."""
    first_page = [ref for ref in index.lines if ref.page == 0]
    if not first_page:
        return None
    body = median(ref.line.box.height for ref in first_page)
    holder = holder_name(index, [])
    holder_text = str(holder.value) if holder is not None else ""
    candidates = [
        ref
        for ref in first_page
        if ref.line.box.height >= body and _could_be_title(index, ref, holder_text)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda ref: ref.line.box.height)
    wrapped = _join_wrapped([best, *lines_after(index, best, 2)])
    if wrapped is None:
        return None
    return found(wrapped.value, wrapped.located, 0.5, "most prominent title-shaped line")


def _could_be_title(index: TextIndex, ref: LineRef, holder_text: str) -> bool:
    text = clean_value(ref.line.text)
    return (
        _is_title(text)
        and 2 <= len(text.split()) <= 14
        and not text.endswith(".")
        and (holder_text not in text if holder_text else not looks_like_person(text))
        and not find_dates(text)
        and not re.search(r"https?:|www\.|@|\.com\b", text, re.IGNORECASE)
        and not _someone_else(index, ref)
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
    taken = [biggest]
    beneath = below(index, biggest)
    if beneath is not None and _qualifies(biggest, beneath):
        taken.append(beneath)  # "BLS" over "Provider": one title in two lines
    text = codes.strip_leading_code(clean_value(" ".join(r.line.text for r in taken)))
    return found(text, locate_lines(taken), 0.75, "largest course line on the card")


def _qualifies(title: LineRef, beneath: LineRef) -> bool:
    """A short word set large right under a card's course line completes it."""
    a, b = title.line.box, beneath.line.box
    text = clean_value(beneath.line.text)
    return (
        len(text.split()) <= 2
        and b.height >= 0.6 * a.height
        and b.y0 - a.y1 < 0.8 * a.height
        and _is_title(text)
        and not find_dates(text)
        and not _CARD_COURSE.search(text)
    )
