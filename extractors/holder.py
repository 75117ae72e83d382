"""The holder's name, read the ways a person finds it on a certificate.

Strongest first: a label with its value ("Participant: Jane Doe"); the
certificate's own sentence ("This certifies that Jane Doe has completed",
"Course completed by JANE DOE", "Ce document atteste que ..."); the
name-shaped line standing just above the sentence that goes on with "has
successfully completed"; and last the largest name-shaped line that is not a
signer's (a signer has a role under, beside or after their name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from statistics import median

from extractors import vocabulary as vocab
from extractors.found import Found, found
from extractors.labels import LabeledValue, above, below, best_labeled, label_strength, right_of
from extractors.names import (
    ROLE_WORDS,
    SALUTATION,
    SIGNER_TITLE,
    clean_value,
    has_credentials,
    has_role,
    looks_like_person,
    looks_like_person_in_lower_case,
    read_back_capitals,
    states_a_role,
    tidy_person,
)
from extractors.textindex import LineRef, Located, TextIndex, lines_after, locate_lines

_HOLDER_ANCHOR = re.compile(
    r"(?:certif(?:y|ies)|attests?)(?:\s+that)?\s*[:,]?(?=\s)|(?:confirms?|verif(?:y|ies))\s+that\b"
    r"|(?:presented|awarded|issued|granted|conferred(?:\s+up)?on|given)\s+to\b"
    r"|conferred\s+upon|(?:course\s+)?completed\s+by|recognizes|be\s+it\s+known\s+that"
    r"|(?:atteste|certifie|certifions)\s+que|d[ée]cern[ée]e?\s+[àa]"
    r"|(?:certifica|hace\s+constar)\s+que|otorgad[oa]\s+a"
    r"|(?:otorga|expide|entrega|conf[ie]re)\s+(?:el\s+|la\s+)?(?:present[ea]\s+)?"
    r"(?:constancia|certificado|diploma|reconocimiento)\s+a\b"
    rf"|{vocab.PRESENTING}",
    re.IGNORECASE,
)
# Where the name stops in a sentence that goes on ("... Jane Doe has completed").
_HOLDER_STOP = re.compile(
    r"\b(?:has|have|who|for|successfully|completed|is hereby|on|in recognition|at|"
    r"a\s+(?:valid|compl|suivi|particip|r[ée]ussi)\w*|ha\s+\w+|pour|por|para|attended"
    r"|per\s+aver\w*|concluiu|participou|frequentou|completou|telah|hat|heeft|atas|nato|nata"
    r"|nascid[oa]|geboren)\b"
    r"|\s[-–—|•]\s",
    re.IGNORECASE,
)
# A line that goes on from a name printed alone above it.
_SENTENCE_AFTER_NAME = re.compile(
    r"^(?:who\s+)?(?:has|have|having|a|ha)\s+"
    r"(?:(?:successfully|satisfactorily|avec\s+succ[èe]s|con\s+[ée]xito)\s+)?"
    r"(?:completed|attended|participated|finished|passed|fulfilled|earned|met|achieved|"
    r"valid[ée]|compl[ée]t[ée]|suivi|particip[ée]|r[ée]ussi|completado|participado|aprobado|"
    r"realizado|cursado)\b"
    r"|^(?:is|est|es)\s+(?:hereby\s+)?(?:certified|certifi[ée]e?|certificad[oa])\b"
    r"|^(?:attended|completed|participated|pour\s+avoir|por\s+haber)\b"
    rf"|^(?:{vocab.COMPLETION_VERBS})",
    re.IGNORECASE,
)
SIZE_ONLY = "largest name-shaped line"
"""The reason of a holder read from its size alone, with nothing on the page saying so."""
_NAME_WINDOW_LINES = 10  # how far below its presenting phrase a name may be printed
_SURER_BY = 20.0  # OCR confidence points that make one name line beat the one above it


def holder_name(
    index: TextIndex,
    labeled: list[LabeledValue],
    not_in: Located | None = None,
    *,
    legible_at: float = 0.0,
) -> Found | None:
    """A strong label first; a bare "Name" only after the certificate's sentence,
    since on a card it often heads someone else's column. A name guessed from its
    size alone is never a line of ``not_in`` (the course title, once read), and is
    read with a median OCR confidence of ``legible_at`` or more (a photo's border
    or a seal read as letters is set large too)."""
    values = best_labeled(labeled, "holder_name")
    return (
        _from_labels([v for v in values if v.strong])
        or _holder_from_prose(index)
        or _name_above_sentence(index)
        or _from_labels([v for v in values if not v.strong])
        or _addressed_name(index)
        or _biggest_name_line(index, not_in, legible_at)
    )


def _addressed_name(index: TextIndex) -> Found | None:
    """The full name of the person a letter greets, in the greeting itself ("Dear
    Jane Roe,") or printed on its own line when it greets by a given name:
    completion letters greet their holder."""
    for ref in index.lines:
        greeting = SALUTATION.match(ref.line.text)
        if greeting is None:
            continue
        greeted = clean_value(ref.line.text[greeting.start("given") :]).rstrip(",:!")
        if looks_like_person(greeted):
            start = ref.start + greeting.start("given")
            located = index.locate(start, start + len(greeted))
            return found(tidy_person(greeted), located, 0.8, "the name the letter greets")
        given = greeting.group("given").casefold()
        for candidate in index.lines:
            text = clean_value(candidate.line.text)
            words = [w.casefold() for w in text.split()]
            if candidate is not ref and given in words and looks_like_person(text):
                return found(
                    tidy_person(text),
                    index.locate_line(candidate),
                    0.8,
                    f"the name the letter greets: '{greeting.group(0).strip()}'",
                )
    return None


def _from_labels(values: list[LabeledValue]) -> Found | None:
    for value in values:
        text = leading_name(value.value.text)
        if text:
            return found(
                tidy_person(text), value.value, label_strength(value), f"label '{value.label}'"
            )
    return None


def leading_name(text: str) -> str | None:
    """The person's name at the start of ``text``, up to where the sentence goes on;
    stray marks between its words ("Greta : Halvorsen :") are not part of it."""
    text = _HOLDER_STOP.split(clean_value(read_back_capitals(text)))[0]
    words = [word for word in clean_value(text).split() if re.search(r"\w", word)]
    while words and not re.search(r"[^\W\d_]", words[0]):
        words.pop(0)  # a speck or a stray digit before the name ("4» DIANA ...")
    for size in range(min(5, len(words)), 1, -1):
        candidate = " ".join(words[:size])
        person = looks_like_person(candidate) or looks_like_person_in_lower_case(candidate)
        if person and not has_role(" ".join(words[: size + 1])):
            return candidate
    return None


def _holder_from_prose(index: TextIndex) -> Found | None:
    for match in _HOLDER_ANCHOR.finditer(index.text):
        line = index.line_at(match.end())
        if line is None:
            continue
        rest = index.text[match.end() : line.end]
        name = leading_name(rest)
        anchor = " ".join(match.group(0).split())
        if name:
            start = index.text.index(name.split()[0], match.end())
            end = index.text.index(name.split()[-1], start) + len(name.split()[-1])
            return found(tidy_person(name), index.locate(start, end), 0.9, f"after '{anchor}'")
        below_anchor = _name_lines_after(index, line, anchor)
        if below_anchor is not None:
            return below_anchor
    return None


def _name_lines_after(index: TextIndex, line: LineRef, anchor: str) -> Found | None:
    """The name on the lines after the presenting phrase: within three lines, or
    anywhere before the sentence that goes on from it ("has successfully passed"),
    past a photo's specks; a name wrapped onto a second line just above that
    sentence is joined ("Abd El-Kareem" / "Mansour Abd Elaziz")."""
    refs = list(lines_after(index, line, _NAME_WINDOW_LINES))
    end = next((i for i, r in enumerate(refs) if _SENTENCE_AFTER_NAME.search(r.line.text)), None)
    window = refs[:end] if end is not None else refs[:3]
    named = [
        (position, ref, name)
        for position, ref in enumerate(window)
        if (name := leading_name(ref.line.text)) and not is_signer(index, ref)
    ]
    if named:
        # The first name-shaped line, unless another was read far more surely (a
        # photo's garble taken for a name over the name itself).
        position, ref, name = named[0]
        surest = max(named, key=lambda item: item[1].line.mean_confidence)
        if surest[1].line.mean_confidence - ref.line.mean_confidence >= _SURER_BY:
            position, ref, name = surest
        lines = [ref]
        if end is not None and position == len(window) - 2:
            wrapped = clean_value(window[-1].line.text)
            if looks_like_person(wrapped) and looks_like_person(f"{name} {wrapped}"):
                name, lines = f"{name} {wrapped}", [ref, window[-1]]
        located = locate_lines(lines) if len(lines) > 1 else index.locate_line(ref)
        return found(tidy_person(name), located, 0.88, f"line after '{anchor}'")
    return None


def _name_above_sentence(index: TextIndex) -> Found | None:
    """A name printed on its own line, with the sentence going on below it."""
    for position, ref in enumerate(index.lines):
        if not _SENTENCE_AFTER_NAME.search(ref.line.text):
            continue
        over = above(index, ref)
        previous = list(reversed(index.lines[max(0, position - 3) : position]))
        for candidate in [over, *previous] if over is not None else previous:
            text = clean_value(read_back_capitals(candidate.line.text))
            if (
                candidate.page == ref.page
                and looks_like_person(text)
                and not is_signer(index, candidate)
            ):
                return found(
                    tidy_person(text),
                    index.locate_line(candidate),
                    0.85,
                    "name line above the completion sentence",
                )
    return None


def _biggest_name_line(index: TextIndex, not_in: Located | None, legible_at: float) -> Found | None:
    candidates = [
        (ref.line.text, [ref])
        for ref in index.lines
        if ref.page == 0
        and median(w.confidence for w in ref.line.words) >= legible_at
        and looks_like_person(ref.line.text)
        and _pronounceable(ref.line.text)
        and not is_signer(index, ref)
        and not (not_in is not None and not_in.page == 0 and ref.line.box.overlaps(not_in.box))
    ] + [
        (f"{top.line.text} {under.line.text}", [top, under])
        for top, under in _stacked_words(index)
        if looks_like_person(f"{top.line.text} {under.line.text}")
        and _pronounceable(f"{top.line.text} {under.line.text}")
    ]
    if not candidates:
        return None
    text, refs = max(candidates, key=lambda c: _name_prominence(c[1][0]))
    return found(tidy_person(text), locate_lines(refs), 0.6, SIZE_ONLY)


def _stacked_words(index: TextIndex) -> Iterator[tuple[LineRef, LineRef]]:
    """A name set one word a line in large type, surname over given name ("ROSSI"
    over "GIULIA" on a card): two one-word lines of one height, one under the
    other, left edges aligned."""
    for top, under in zip(index.lines, index.lines[1:], strict=False):
        if top.page != 0 or under.page != 0 or len(top.line.words) + len(under.line.words) != 2:
            continue
        a, b = top.line.box, under.line.box
        same_size = abs(a.height - b.height) <= 0.25 * max(a.height, b.height)
        close = 0 <= b.y0 - a.y1 <= 1.5 * a.height
        aligned = abs(a.x0 - b.x0) <= a.height
        if same_size and close and aligned:
            yield top, under


def _pronounceable(text: str) -> bool:
    """Every word of a name has a vowel, or is an initial: OCR specks ("WD") have none."""
    words = [w.strip(",") for w in text.split() if not w.strip(",").endswith(".")]
    return all(re.search(r"[aeiouyà-ÿ]", w, re.IGNORECASE) or len(w) == 1 for w in words if w)


def _name_prominence(ref: LineRef) -> float:
    """Tallest first; four or more capitalised words are more often a title."""
    return ref.line.box.height * (1.0 if len(ref.line.words) <= 3 else 0.75)


def is_signer(index: TextIndex, ref: LineRef) -> bool:
    """A name with credentials, or a role under, beside or after it, signed the document."""
    text = ref.line.text
    if has_credentials(text) or has_role(text):
        return True
    for neighbour in (below(index, ref), right_of(index, ref)):
        if neighbour is not None and _role_for(ref, neighbour):
            return True
    return False


def _title_goes_on(line: LineRef, neighbour: LineRef) -> bool:
    """One word in capitals as large as the capitals over it goes on with them
    ("CERTIFIED PERSONAL" over "TRAINER"): a title's last word, not a signer's role."""
    text, word = line.line.text, neighbour.line.text
    same_size = neighbour.line.box.height >= 0.9 * line.line.box.height
    return len(neighbour.line.words) == 1 and same_size and text.isupper() and word.isupper()


_ROLE_FIRST = re.compile(rf"^\W*(?:{ROLE_WORDS})\b[:\s-]*", re.IGNORECASE)


def _role_with_its_names(text: str) -> bool:
    """A role followed by the people who hold it ("Instructors Lee Wong, Sam Park",
    "Trainer: Ana Ruiz"): a labelled list, not the caption of the line above."""
    match = _ROLE_FIRST.match(text)
    if match is None:
        return False
    first = re.split(r"[,;&]|\band\b", text[match.end() :])[0]
    return looks_like_person(first)


def _role_for(name: LineRef, neighbour: LineRef) -> bool:
    """A short line stating a role, or a smaller one ending in a role word
    ("Medical Director"); a title as large as the name ("Group Fitness
    Instructor" under the holder) is not a signer's role."""
    if len(neighbour.line.words) > 12 or _title_goes_on(name, neighbour):
        return False
    if _role_with_its_names(neighbour.line.text):
        return False
    if states_a_role(neighbour.line.text):
        return True
    smaller = neighbour.line.box.height < 0.9 * name.line.box.height
    return smaller and bool(SIGNER_TITLE.search(neighbour.line.text))
