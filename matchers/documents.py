"""One certificate against the catalog: provider, then course, then approval year.

The result is an ``ingest.record.Match`` that always says why: which text
matched which catalog name or alias with what score, which course, and
whether the course was approved for the completion year. ``score`` is the
weaker of the provider and course scores, the honest confidence of the pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.record import Match
from ingest.settings import Settings
from matchers.catalog import Catalog
from matchers.courses import CourseCandidate, find_course
from matchers.mentions import PlacedLine
from matchers.normalize import name_tokens
from matchers.providers import ProviderCandidate, find_providers

# Providers within this many points of the best are also tried: the one whose
# course matches wins (two providers can share an acronym or a generic alias).
CONTENDER_MARGIN = 5.0
# A damaged provider name needs this many whole words right, and its course title
# this many words, before the course is taken to corroborate it.
MIN_SHARED_WORDS = 2
MIN_CORROBORATING_WORDS = 3


@dataclass(frozen=True)
class DocumentMatch:
    """The match, and the provider candidate it was made with (None: no provider matched)."""

    match: Match
    provider: ProviderCandidate | None


def match_document(
    catalog: Catalog,
    *,
    provider_text: str | None,
    course_text: str | None,
    course_code: str | None,
    full_text: str,
    completion_year: int | None,
    settings: Settings,
    lines: list[PlacedLine] | None = None,
) -> Match | None:
    """The best catalog match for one document; None if there is nothing to compare."""
    found = match_with_provider(
        catalog,
        provider_text=provider_text,
        course_text=course_text,
        course_code=course_code,
        full_text=full_text,
        completion_year=completion_year,
        settings=settings,
        lines=lines,
    )
    return found.match if found else None


def match_with_provider(
    catalog: Catalog,
    *,
    provider_text: str | None,
    course_text: str | None,
    course_code: str | None,
    full_text: str,
    completion_year: int | None,
    settings: Settings,
    lines: list[PlacedLine] | None = None,
) -> DocumentMatch | None:
    """``match_document`` with the provider candidate that won (its printed words, line)."""
    if not (provider_text or "").strip() and not full_text.strip():
        return None
    cutoff = settings.provider_match_cutoff
    candidates = find_providers(catalog, provider_text, full_text, cutoff, lines)
    if not candidates:
        reason = "no approved provider's name or alias resembles the provider field or the text"
        return DocumentMatch(
            Match(provider_id=None, course_id=None, score=0.0, approved=False, reason=reason),
            None,
        )
    best = candidates[0]
    if best.score < cutoff:
        damaged = _damaged_but_corroborated(candidates, course_text, settings)
        return damaged or DocumentMatch(_no_provider(best, settings), None)
    contenders = [c for c in candidates if c.score >= max(cutoff, best.score - CONTENDER_MARGIN)]
    matches = [
        (_with_course(c, course_text, course_code, full_text, completion_year, settings), c)
        for c in contenders
    ]
    match, provider = max(
        matches, key=lambda pair: (pair[0].approved, pair[0].course_id is not None, pair[0].score)
    )
    return DocumentMatch(match, provider)


def _damaged_but_corroborated(
    candidates: list[ProviderCandidate], course_text: str | None, settings: Settings
) -> DocumentMatch | None:
    """A provider field too damaged to match, named as the likely provider, not approved.

    Two independent pieces of evidence must agree: the field shares at least two
    whole words with the catalog name ("Rlverside Health Trainlng Gruop" and
    "Riverside Health Training Group") and the printed course title is one of that
    provider's courses, nearly exactly, long enough to be distinctive. The match
    stays unapproved: a reviewer confirms the provider.
    """
    if not course_text:
        return None
    for candidate in candidates:
        if candidate.in_document or candidate.score < settings.provider_damaged_floor:
            continue
        if _whole_words_shared(candidate.text, candidate.matched_form) < MIN_SHARED_WORDS:
            continue
        course = find_course(
            candidate.provider, course_text=course_text, course_code=None, full_text="", cutoff=0
        )
        if course is None or course.score < settings.course_corroboration_cutoff:
            continue
        if len(name_tokens(course.course.title)) < MIN_CORROBORATING_WORDS:
            continue
        reason = (
            f"{candidate.describe()}, below the cutoff {settings.provider_match_cutoff:g}: "
            f"the name looks misread; {course.describe()} agrees; "
            "not approved until a reviewer confirms the provider"
        )
        match = Match(
            provider_id=candidate.provider.provider_id,
            course_id=course.course.course_id,
            score=min(candidate.score, course.score),
            approved=False,
            provider_score=candidate.score,
            course_score=course.score,
            reason=reason,
        )
        return DocumentMatch(match, None)
    return None


def _whole_words_shared(printed: str, name: str) -> int:
    """Words of four letters or more that the printed name spells exactly as the catalog."""
    spelled = set(name_tokens(name))
    return sum(1 for word in set(name_tokens(printed)) if len(word) >= 4 and word in spelled)


def _no_provider(best: ProviderCandidate, settings: Settings) -> Match:
    reason = (
        f"no approved provider matched: closest is {best.describe()}, below the cutoff "
        f"{settings.provider_match_cutoff:g}"
    )
    return Match(
        provider_id=None,
        course_id=None,
        score=best.score,
        approved=False,
        provider_score=best.score,
        reason=reason,
    )


def _with_course(
    provider: ProviderCandidate,
    course_text: str | None,
    course_code: str | None,
    full_text: str,
    completion_year: int | None,
    settings: Settings,
) -> Match:
    course = find_course(
        provider.provider,
        course_text=course_text,
        course_code=course_code,
        full_text=full_text,
        cutoff=settings.course_match_cutoff,
    )
    if course is None or course.score < settings.course_match_cutoff:
        return Match(
            provider_id=provider.provider.provider_id,
            course_id=None,
            score=provider.score,
            approved=False,
            provider_score=provider.score,
            course_score=course.score if course else None,
            reason=f"{provider.describe()}; {_no_course(provider, course, settings)}",
        )
    approved, year_reason = _year_verdict(course, completion_year)
    return Match(
        provider_id=provider.provider.provider_id,
        course_id=course.course.course_id,
        score=min(provider.score, course.score),
        approved=approved,
        provider_score=provider.score,
        course_score=course.score,
        reason=f"{provider.describe()}; {course.describe()}; {year_reason}",
    )


def _no_course(
    provider: ProviderCandidate, course: CourseCandidate | None, settings: Settings
) -> str:
    """Why the provider is not approved for this document: the catalog approves
    courses, and this one is none of the provider's listed ones."""
    listed = ", ".join(c.course_id for c in provider.provider.courses)
    verdict = f"not approved for this course (the catalog lists only {listed})"
    if course is None:
        return (
            f"no approved course of this provider resembles the course title or the text: {verdict}"
        )
    return (
        f"no approved course of this provider matched: closest is {course.describe()}, "
        f"below the cutoff {settings.course_match_cutoff:g}: {verdict}"
    )


def _year_verdict(course: CourseCandidate, completion_year: int | None) -> tuple[bool, str]:
    years = course.course.years_text()
    if course.course.approved_for(completion_year):
        when = f"completed {completion_year}" if completion_year else "completion year unknown"
        return True, f"approved for {years} ({when})"
    if completion_year is None:
        return False, f"approved for {years} only, and the completion year is unknown"
    return False, f"not approved for {completion_year} (approved for {years})"
