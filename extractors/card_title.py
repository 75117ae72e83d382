"""The course printed on a CPR/AED card or its certificate.

A card prints its course as its largest course line ("BLS", "First Aid &
CPR/AED level C"), often completed by a word set under it ("Provider"), by
the program's name set above it ("HeartCode Complete"), or by the last words
of the sentence leading into it ("Is Certified in Standard"). A course line
with its qualifier ("BLS" over "Provider") names the course more exactly than
a banner spelling out the discipline ("BASIC LIFE SUPPORT").
"""

from __future__ import annotations

import re

from extractors import codes
from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.issuers import ANY_ISSUER
from extractors.kind_words import apart, folded
from extractors.labels import above, below
from extractors.names import clean_value, looks_like_person, names_an_org
from extractors.textindex import LineRef, TextIndex, locate_lines
from extractors.title_shape import is_title
from extractors.vocabulary import CARD_COURSES, COURSE_NOUNS

# kind_words.CARD_COURSE without "heartcode": here a program's name set over the
# course line ("HeartCode Complete" over "BLS Provider"), to be put in front of it.
_CARD_COURSE = re.compile(rf"\b(?:{CARD_COURSES})\b", re.IGNORECASE)


def names_card_course(text: str) -> bool:
    """The text names a card's course, in any of the languages cards are printed in."""
    return bool(_CARD_COURSE.search(folded(text)))


# The end of the sentence leading into the course: "Is Certified in Standard".
_LEAD_IN = re.compile(
    r"\b(?:certified|qualified|trained|competent)\s+(?:in|as(?:\s+an?)?)\s+"
    r"(?P<head>(?-i:[A-Z])[\w/&-]*(?:\s+(?-i:[A-Z])[\w/&-]*){0,2})\s*$",
    re.IGNORECASE,
)


_COURSE_LEAD = re.compile(
    rf"^\W*(?:{COURSE_NOUNS})\s+(?:de|del|di|in|on|en|of|d')\s*", re.IGNORECASE
)

_COURSE_PHRASES = ("basic life support", "heartsaver", "first aid")
# A letter-spaced heading read in pieces ("BASIC LI FE SUPPO RT"): the phrase with
# any spaces between its letters.
_SPACED_COURSE = re.compile(
    "|".join(r"\s*".join(re.escape(c) for c in p.replace(" ", "")) for p in _COURSE_PHRASES),
    re.IGNORECASE,
)


def card_course(index: TextIndex) -> Found | None:
    candidates = [
        ref
        for ref in index.lines
        if names_card_course(ref.line.text) and 1 <= len(ref.line.words) <= 8
    ]
    if not candidates:
        return _spaced_course(index)
    completed = {id(ref): _qualifier(index, ref) for ref in candidates}
    best = max(
        candidates,
        key=lambda ref: (completed[id(ref)] is not None, ref.line.box.height, -ref.line.box.y0),
    )
    beneath = completed[id(best)]
    taken = [best] if beneath is None else [best, beneath]
    program = _program_above(index, best)
    if program is not None:
        taken.insert(0, program)
    text = codes.strip_leading_code(clean_value(" ".join(apart(r.line.text) for r in taken)))
    lead_in = _lead_in(index, best)
    if lead_in is not None:
        text = f"{lead_in} {text}"
    return found(_plain(text), locate_lines(taken), 0.75, "largest course line on the card")


def _plain(text: str) -> str:
    """Without trademark signs ("HeartCode®") and without the word saying a course
    follows ("Curso de Primeros Auxilios": the course is "Primeros Auxilios")."""
    return clean_value(_COURSE_LEAD.sub("", re.sub(r"[®™©]", "", text)))


def _qualifier(index: TextIndex, title: LineRef) -> LineRef | None:
    """A short word set large right under a card's course line completes it
    ("BLS" over "Provider")."""
    beneath = below(index, title)
    if beneath is None:
        return None
    a, b = title.line.box, beneath.line.box
    text = clean_value(beneath.line.text)
    fits = (
        len(text.split()) <= 2
        and b.height >= 0.6 * a.height
        and b.y0 - a.y1 < 0.8 * a.height
        and is_title(text)
        and not find_dates(text)
        and not names_card_course(text)
        and not looks_like_person(text)  # the holder's name set under the course
    )
    return beneath if fits else None


def _program_above(index: TextIndex, title: LineRef) -> LineRef | None:
    """The program's name set at least as large right above the course line,
    on the same left edge ("HeartCode Complete" over "BLS Provider"); not an
    issuer, an organisation or a banner naming the discipline again."""
    over = above(index, title)
    if over is None:
        return None
    a, b = title.line.box, over.line.box
    text = clean_value(over.line.text)
    fits = (
        len(text.split()) <= 3
        and b.height >= 0.9 * a.height
        and a.y0 - b.y1 < 0.8 * a.height
        and abs(a.x0 - b.x0) < 0.5 * a.height
        and is_title(text)
        and not find_dates(text)
        and not names_card_course(text)
        and not ANY_ISSUER.search(text)
        and not names_an_org(text)
    )
    return over if fits else None


def _lead_in(index: TextIndex, title: LineRef) -> str | None:
    """The words after "certified in" ending the line above the course line:
    the title's first words ("Standard" of "Standard First Aid")."""
    over = above(index, title)
    if over is None or over.line.box.y1 < title.line.box.y0 - 1.5 * title.line.box.height:
        return None
    match = _LEAD_IN.search(clean_value(over.line.text))
    if match is None or names_card_course(match.group("head")):
        return None
    return match.group("head")


def _spaced_course(index: TextIndex) -> Found | None:
    """A course heading whose letters OCR split apart, with its words put back."""
    for ref in index.lines:
        match = _SPACED_COURSE.search(ref.line.text)
        if match is None or len(ref.line.words) > 8:
            continue
        joined = re.sub(r"\s+", "", match.group(0)).casefold()
        phrase = next(p for p in _COURSE_PHRASES if p.replace(" ", "") == joined)
        shown = phrase.upper() if match.group(0).isupper() else phrase.title()
        located = index.locate(ref.start + match.start(), ref.start + match.end())
        return found(shown, located, 0.6, f"letter-spaced course heading '{match.group(0)}'")
    return None
