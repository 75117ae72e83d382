"""The catalog as a dictionary: OCR-misread provider names and course titles respelled.

Only for the provider and course the document was matched to, and only when
the printed words are the catalog's words but for look-alike glyphs
(``matchers.lookalike``): the value becomes the catalog's spelling, the
reason keeps what was printed and the match score, and the confidence is
the match score's.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.found import Found
from ingest.record import Match
from matchers.catalog import Catalog
from matchers.lookalike import misread_of


def catalog_spellings(
    found_fields: dict[str, Found], catalog: Catalog, match: Match
) -> dict[str, Found]:
    """``found_fields`` with a misread provider name or course title respelled."""
    provider = catalog.provider(match.provider_id) if match.provider_id else None
    if provider is None:
        return found_fields
    corrected = dict(found_fields)
    name = found_fields.get("provider_name")
    if name is not None and match.provider_score is not None:
        forms = (provider.name, *provider.aliases)
        spelling = next((form for form in forms if misread_of(str(name.value), form)), None)
        if spelling is not None:
            corrected["provider_name"] = _respelled(name, spelling, match.provider_score)
    title = found_fields.get("course_title")
    course = provider.course(match.course_id) if match.course_id else None
    score = match.course_score
    if title and course and score is not None and misread_of(str(title.value), course.title):
        corrected["course_title"] = _respelled(title, course.title, score)
    return corrected


def _respelled(field: Found, spelling: str, score: float) -> Found:
    reason = (
        f"{field.reason}; printed {field.value!r}, read as the catalog's {spelling!r} "
        f"(look-alike glyphs, match score {score:.1f})"
    )
    confidence = round(min(field.confidence, score / 100), 3)
    return replace(field, value=spelling, confidence=confidence, reason=reason)
