"""Course codes and certificate ids.

A course code is labelled ("Course Code", "Activity ID", "Unit code"),
printed at the head of the title ("F-58 Coordinator of ...", "HLTAID014 -
Provide First Aid") or in brackets in it ("Team Basics A (TB-A)"), or is
an ACE course number. A certificate id is labelled ("Certificate ID",
"eCard Code", "N° de certificat"), is the last segment of a verification
link ("coursera.org/verify/7QX4K2PLM9RT"), or stands alone on its line. A
date, a phone number or the course's own code is never taken for an id.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.idshape import read_back
from extractors.labels import LabeledValue, best_labeled, label_strength
from extractors.textindex import Located, TextIndex
from ingest.model import Box, TextSource

_LABELED_CODE = re.compile(
    r"\b(?:course|program(?:me)?|activity|module|event|session|unit)\s*(?:#|no\.?|number|code|id)?"
    r"\s*[:#]?\s*(?P<code>(?=[A-Z0-9\-]*\d)(?=[A-Z0-9\-]*[A-Z])[A-Z0-9][A-Z0-9\-]{4,24}"
    r"|(?-i:[A-Z]{2,8}(?:-[A-Z0-9]{2,8})+))\b",
    re.IGNORECASE,
)
_LONE_CODE = re.compile(
    r"(?:(?:no\.?|#|id|ref\.?|certificate|cert\.?)\s*:?\s*)?"
    r"(?P<code>(?=[A-Z0-9\-/]*\d)(?=[A-Z0-9\-/]*[A-Z])[A-Z0-9][A-Z0-9\-/]{5,80}"
    r"|\d{2,6}-\d{3,8})",
    re.IGNORECASE,
)
# A code: letters and digits, with dashes, or dots and slashes between its groups
# ("604127.118203.550931", "RGX/PB/04/22").
_CODE_SHAPE = re.compile(
    r"\b(?=[A-Z0-9\-./_]*\d)[A-Z0-9](?:[A-Z0-9\-]|[./_](?=[A-Z0-9])){3,80}\b", re.IGNORECASE
)
# ACE course numbers: a program prefix (CEP, CP, CA, CS, CL) and five or six digits.
_ACE_COURSE = re.compile(r"(?<![A-Z0-9])(?:CEP|CP|CA|CS|CL)\s?\d{5,6}\b")
# A code at the head of a title: "F-58 Coordinator ...", "HLTAID014 - Provide First Aid".
_LEADING_CODE = re.compile(
    r"^(?P<code>(?-i:[A-Z]{1,10})-?\d{1,6}[A-Z]?(?:-\d{1,4})?)(?P<sep>\s*[-–—:|]\s+|\s+)(?=\S)"
)
# A code in brackets in a title: "(TB-A)"; plain acronyms such as "(ACLS)" are not codes.
_BRACKETED_CODE = re.compile(r"\((?P<code>(?-i:[A-Z]{1,6}(?:-[A-Z0-9]{1,6})+))\)")
# The last segment of a link: its id when it has digits ("/verify/7QX4K2PLM9RT").
_LINK = re.compile(
    r"(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/[\w.%?=&-]*)*/\??(?P<id>[\w-]{6,80})\b",
    re.IGNORECASE,
)
# The certificate naming its own id in a sentence: "The ID of this certificate is X".
_ID_SENTENCE = re.compile(
    r"\b(?:id|number|code|no\.?)\s+of\s+(?:this|the)\s+(?:certificate|card|award)\s+is\s*:?\s*"
    r"|\b(?:certificate|card)(?:'s)?\s+(?:id|number|code)\s+is\s*:?\s*",
    re.IGNORECASE,
)
# A number after a number sign, alone on its line: "#31,204,118", "No. 204518".
_NUMBERED = re.compile(r"(?:#|n[°º]\.?|no\.)\s*(?P<code>\d{1,3}(?:,\d{3}){1,4}|\d{5,})", re.I)
_PHONE = re.compile(r"^\(?\d{3}\)?[-. ]\d{3,4}(?:[-. ]\d{4})?$")


def course_code(
    index: TextIndex, labeled: list[LabeledValue], title: Found | None, *, labelled_only: bool
) -> Found | None:
    """A labelled code, else one printed in the title; with ``labelled_only``
    unset, also a code after "course" in running text or an ACE number."""
    for value in best_labeled(labeled, "course_code"):
        code = _CODE_SHAPE.search(value.value.text)
        if code:
            return found(
                code.group(0), value.value, label_strength(value), f"label '{value.label}'"
            )
    in_title = _code_in_title(title)
    if labelled_only:
        return in_title
    labeled_code = _LABELED_CODE.search(index.text)
    if labeled_code:
        start, end = labeled_code.span("code")
        return found(
            labeled_code.group("code"), index.locate(start, end), 0.85, "code after 'course'"
        )
    if in_title is not None:
        return in_title
    ace = _ACE_COURSE.search(index.text)
    if ace:
        return found(
            ace.group(0).replace(" ", ""),
            index.locate(*ace.span()),
            0.8,
            "ACE course number pattern",
        )
    return None


def _code_in_title(title: Found | None) -> Found | None:
    if title is None or title.located is None:
        return None
    words = title.located.text
    match = _LEADING_CODE.match(words) or _BRACKETED_CODE.search(words)
    if match is None or find_dates(match.group("code")):
        return None
    return found(match.group("code"), title.located, 0.75, "code printed in the course title")


def strip_leading_code(title: str) -> str:
    """A title without the unit code set apart before it ("HLTAID014 - Provide
    First Aid"); a code that reads as part of the title ("F-58 Coordinator")
    stays."""
    match = _LEADING_CODE.match(title)
    if match is None or not match.group("sep").strip():
        return title
    return title[match.end() :]


def certificate_id(
    index: TextIndex, labeled: list[LabeledValue], course_code_text: str | None
) -> Found | None:
    """The certificate's id, with what OCR misread in it read back by its shape."""
    read = _certificate_id(index, labeled, course_code_text)
    if read is None or not _read_by_ocr(index, read.located):
        return read
    repaired = read_back(str(read.value))
    if repaired is None:
        return read
    value, why = repaired
    return replace(read, value=value, reason=f"{read.reason}; {why} ('{read.value}')")


def _read_by_ocr(index: TextIndex, located: Located | None) -> bool:
    """OCR read these words: a text layer's are exact."""
    if located is None:
        return False
    source = index.sources[located.page]
    if source is TextSource.LAYER_AND_OCR:
        return any(w.confidence < 100.0 for w in located.words)
    return source is TextSource.OCR


def _certificate_id(
    index: TextIndex, labeled: list[LabeledValue], course_code_text: str | None
) -> Found | None:
    weak: list[Found] = []
    for value in best_labeled(labeled, "certificate_id"):
        code = _CODE_SHAPE.search(value.value.text)
        if code is None or code.group(0) == course_code_text or find_dates(code.group(0)):
            continue
        result = found(code.group(0), value.value, label_strength(value), f"label '{value.label}'")
        result = _completed(index, result)
        if value.strong:
            return result
        if len(code.group(0)) >= 6:
            weak.append(result)
    from_link = _id_in_sentence(index) or _id_from_link(index)
    if from_link is not None:
        return from_link
    if weak:
        return weak[0]
    claimed = {(v.value.page, v.value.box) for v in labeled if v.field != "certificate_id"}
    return _lone_code(index, course_code_text, claimed)


def _completed(index: TextIndex, cut: Found) -> Found:
    """An id cut short (at its line's end, "UC-1a2b3c4d-0000-", or its last hyphen
    lost to OCR there): the same id printed whole elsewhere on the page (its
    verification link), else the code the next line starts with."""
    text = str(cut.value)
    whole = re.search(rf"(?<![\w-]){re.escape(text)}[-_/][\w-]+", index.text)
    if whole is not None:
        located = index.locate(whole.start(), whole.end())
        return found(whole.group(0), located, cut.confidence, f"{cut.reason}, printed whole too")
    at_break = re.search(rf"(?<![\w-]){re.escape(text)}[-_/][ \t]*\n", index.text)
    rest = _CODE_SHAPE.match(index.text, at_break.end()) if at_break is not None else None
    if at_break is None or rest is None:
        return cut
    joined = index.text[at_break.start() : at_break.end()].strip() + rest.group(0)
    return found(joined, cut.located, cut.confidence, f"{cut.reason}, going on to the next line")


def _id_in_sentence(index: TextIndex) -> Found | None:
    for sentence in _ID_SENTENCE.finditer(index.text):
        code = _CODE_SHAPE.match(index.text, sentence.end())
        if code is not None and not find_dates(code.group(0)):
            located = index.locate(code.start(), code.end())
            why = f"named in the sentence '{' '.join(sentence.group(0).split())}'"
            return found(code.group(0), located, 0.85, why)
    return None


def _id_from_link(index: TextIndex) -> Found | None:
    for match in _LINK.finditer(index.text):
        segment = match.group("id")
        if not _id_shaped(segment) or _is_slug(segment):
            continue
        start, end = match.span("id")
        return found(segment, index.locate(start, end), 0.8, "last segment of a verification link")
    return None


def _is_slug(segment: str) -> bool:
    """A page name made of words ("intro-to-python-101"), not an id."""
    parts = segment.split("-")
    return len(parts) > 1 and any(len(p) >= 5 and p.isalpha() for p in parts)


def _id_shaped(text: str) -> bool:
    """Digits among letters, or a long run of digits: not a word, a page or a year."""
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    if "." in text or digits == 0:
        return False
    return (letters > 0 and len(text) >= 6) or digits >= 8


def _lone_code(
    index: TextIndex, course_code_text: str | None, claimed: set[tuple[int, Box]]
) -> Found | None:
    """A code alone on its line that no other label ("Instructor ID") claims."""
    for ref in index.lines:
        if (ref.page, ref.line.box) in claimed:
            continue
        text = ref.line.text.strip()
        numbered = _NUMBERED.fullmatch(text)
        if numbered is not None:
            start = ref.start + ref.line.text.index(numbered.group("code"))
            located = index.locate(start, start + len(numbered.group("code")))
            return found(numbered.group("code"), located, 0.65, "a number after a number sign")
        alone = _LONE_CODE.fullmatch(text)
        if alone is None or find_dates(text) or _PHONE.match(text):
            continue
        code = alone.group("code").rsplit("/", 1)[-1]  # a link broken over lines: its last part
        if code == course_code_text or not _id_shaped(code.replace("-", "")):
            continue
        start = ref.start + ref.line.text.index(code)
        located = index.locate(start, start + len(code))
        return found(code, located, 0.65, "a code on a line of its own")
    return None
