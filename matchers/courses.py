"""Which of a provider's approved courses a certificate is for.

A printed course code equal to the catalog's course id settles it; otherwise
the extracted title is compared with each approved title (the same word
alignment as provider names, so "Kettlebell Foundations" alone does not pass
for "Kettlebell Foundations for Personal Trainers" at the default cutoff),
and when the title field is missing or weak the document text is searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from matchers.catalog import Course, Provider
from matchers.normalize import compact_code, word_forms
from matchers.phrases import document_phrases, field_phrases, word_windows
from matchers.scoring import best_alignment, plausible_pairs


@dataclass(frozen=True)
class CourseCandidate:
    course: Course
    score: float  # 0-100
    how: str  # why this course: which code or text matched

    def describe(self) -> str:
        return f"course {self.course.course_id} {self.how} (score {self.score:.1f})"


def find_course(
    provider: Provider,
    *,
    course_text: str | None,
    course_code: str | None,
    full_text: str,
    cutoff: float,
) -> CourseCandidate | None:
    """The provider's best course candidate (possibly below ``cutoff``), or None if it has none."""
    by_code = _by_code(provider, course_code, full_text)
    if by_code is not None:
        return by_code
    best = (
        _best_title(provider, field_phrases(course_text), in_document=False)
        if course_text
        else None
    )
    from_document = _best_title(provider, _document_pieces(provider, full_text), in_document=True)
    if from_document is None or best is None:
        return best or from_document
    if best.score < cutoff:
        return from_document if from_document.score > best.score else best
    return from_document if _more_specific(from_document, best) else best


def _document_pieces(provider: Provider, full_text: str) -> list[str]:
    """Lines, segments and runs; plus word windows sized like the titles (table rows),
    also across two consecutive lines, since titles wrap ("BLS" / "Provider").

    Windows are safe here, unlike for providers: the provider is already fixed
    and only its few approved titles are compared.
    """
    sizes = {len(word_forms(c.title)[0]) + d for c in provider.courses for d in (-1, 0, 1)}
    lines = [line for line in full_text.splitlines() if line.strip()]
    pairs = "\n".join(f"{a} {b}" for a, b in pairwise(lines))
    windows = word_windows(f"{full_text}\n{pairs}", {s for s in sizes if s >= 2})
    return document_phrases(full_text) + windows


def _by_code(provider: Provider, course_code: str | None, full_text: str) -> CourseCandidate | None:
    code = compact_code(course_code or "")
    for course in provider.courses:
        if code and code == compact_code(course.course_id):
            return CourseCandidate(course, 100.0, f"by its code {course_code!r}")
    for course in provider.courses:
        pattern = r"(?<![0-9A-Za-z])" + re.escape(course.course_id) + r"(?![0-9A-Za-z])"
        if re.search(pattern, full_text, re.IGNORECASE):
            return CourseCandidate(course, 100.0, f"by its code {course.course_id!r} in the text")
    return None


def _more_specific(document: CourseCandidate, field: CourseCandidate) -> bool:
    """A longer approved title printed in the document, containing the field's title
    and scoring as well ("HeartCode Complete BLS Provider" beside "BLS Provider")."""
    longer, shorter = word_forms(document.course.title)[0], word_forms(field.course.title)[0]
    contains = len(longer) > len(shorter) and set(shorter) <= set(longer)
    return contains and document.score >= field.score


def _better(score: float, course: Course, best: CourseCandidate) -> bool:
    """A higher score wins; on a tie the longer title, the more specific course
    ("HeartCode Complete BLS Provider" over "BLS Provider")."""
    if score != best.score:
        return score > best.score
    return len(word_forms(course.title)[0]) > len(word_forms(best.course.title)[0])


def _best_title(
    provider: Provider, phrases: list[str], *, in_document: bool
) -> CourseCandidate | None:
    best: CourseCandidate | None = None
    where = " in the document text" if in_document else ""
    texts = [(p, word_forms(p)) for p in phrases if word_forms(p)[0]]
    titles = [word_forms(course.title) for course in provider.courses]
    worth = plausible_pairs([s for _p, s in texts], titles)
    for i, (phrase, spellings) in enumerate(texts):
        for j, course in enumerate(provider.courses):
            if (i, j) not in worth:
                continue
            score = best_alignment(spellings, titles[j])
            if best is None or _better(score, course, best):
                how = f"title {phrase.strip()!r}{where} matched {course.title!r}"
                best = CourseCandidate(course, score, how)
    return best
