"""Flags per document: what does not add up, each with a message for the user."""

from __future__ import annotations

import datetime as dt

from extractors.classify import Classification
from extractors.credits import CreditReading
from extractors.found import Found
from ingest.dated_flags import card_expired_flag
from ingest.model import DocumentText, TextSource
from ingest.record import DocumentType, Fields, Flag, FlagCode, Match
from ingest.settings import Settings
from matchers.catalog import Catalog

KEY_FIELDS = {
    DocumentType.CEU_CERTIFICATE: ("holder_name", "course_title", "completion_date", "ceus"),
    DocumentType.CPR_AED_CARD: ("holder_name", "completion_date", "expiry_date"),
}


def document_flags(
    *,
    kind: Classification,
    fields: Fields,
    found_fields: dict[str, Found],
    credits: CreditReading | None,
    match: Match | None,
    hands_on: bool | None,
    adult_cpr_aed: bool,
    document: DocumentText,
    catalog: Catalog | None,
    as_of: dt.date,
    settings: Settings,
) -> list[Flag]:
    flags = _reading_flags(kind, found_fields, document, settings)
    if kind.document_type is DocumentType.CPR_AED_CARD:
        flags += _card_flags(fields, kind, hands_on, adult_cpr_aed, as_of)
    elif kind.document_type is DocumentType.CEU_CERTIFICATE:
        flags += _certificate_flags(fields, credits, match, catalog)
    return flags


def _reading_flags(
    kind: Classification, found_fields: dict[str, Found], document: DocumentText, settings: Settings
) -> list[Flag]:
    flags: list[Flag] = []
    failed = [p.index + 1 for p in document.pages if p.source is TextSource.NONE and p.warnings]
    if failed:
        pages = ", ".join(str(n) for n in failed)
        flags.append(
            Flag(code=FlagCode.PAGE_DEGRADED, message=f"Page(s) {pages} could not be read.")
        )
    characters = len(document.text.replace(" ", "").replace("\n", ""))
    if characters < settings.unreadable_min_chars:
        flags.append(
            Flag(
                code=FlagCode.UNREADABLE,
                message="Almost no text could be read. Upload a sharper photo or scan, "
                "flat and in good light.",
            )
        )
        return flags
    wanted = KEY_FIELDS.get(kind.document_type, ())
    side = kind.card_side
    if (
        kind.document_type is DocumentType.CPR_AED_CARD
        and side is not None
        and side.value == "back"
    ):
        wanted = ()
    missing = [name for name in wanted if name not in found_fields]
    if len(missing) >= 2:
        flags.append(
            Flag(
                code=FlagCode.UNREADABLE,
                message=f"Could not find {', '.join(m.replace('_', ' ') for m in missing)}. "
                "Upload a clearer copy, or enter these by hand.",
            )
        )
    return flags


def _card_flags(
    fields: Fields, kind: Classification, hands_on: bool | None, adult: bool, as_of: dt.date
) -> list[Flag]:
    flags: list[Flag] = []
    expired = card_expired_flag(fields.expiry_date, as_of)  # judged again whenever read
    if expired is not None:
        flags.append(expired)
    if hands_on is False:
        flags.append(
            Flag(
                code=FlagCode.CARD_ONLINE_ONLY,
                message="The card is for an online-only course; NASM needs a course "
                "with a hands-on skills session.",
            )
        )
    if not adult and kind.card_side is not None and kind.card_side.value != "back":
        flags.append(
            Flag(
                code=FlagCode.CARD_NOT_ADULT_CPR_AED,
                message="The card does not show adult CPR and AED. Upload an adult CPR/AED card.",
            )
        )
    return flags


def _certificate_flags(
    fields: Fields, credits: CreditReading | None, match: Match | None, catalog: Catalog | None
) -> list[Flag]:
    flags: list[Flag] = []
    if (
        catalog is not None
        and fields.provider_name is None
        and (match is None or not match.approved)
    ):
        flags.append(
            Flag(
                code=FlagCode.PROVIDER_UNREADABLE,
                message="The provider's name could not be read, so the catalog could not be "
                "checked. Enter the provider by hand or upload a clearer copy.",
            )
        )
    elif catalog is not None and (match is None or not match.approved):
        why = match.reason if match is not None else "no provider name matched the catalog"
        flags.append(
            Flag(
                code=FlagCode.PROVIDER_NOT_APPROVED,
                message=f"Not found on the approved-provider catalog ({why}). "
                "The course can be petitioned ($25 per course).",
            )
        )
    mismatch = credits.disagreement if credits else None
    catalog_ceus = _catalog_ceus(catalog, match)
    if (
        mismatch is None
        and catalog_ceus is not None
        and fields.ceus is not None
        and abs(catalog_ceus - fields.ceus) > 0.051
    ):
        mismatch = f"certificate shows {fields.ceus:g} CEUs, the catalog lists {catalog_ceus:g}"
    if mismatch:
        flags.append(Flag(code=FlagCode.CEUS_MISMATCH, message=f"CEUs do not add up: {mismatch}."))
    return flags


def _catalog_ceus(catalog: Catalog | None, match: Match | None) -> float | None:
    if catalog is None or match is None or not match.approved or not match.provider_id:
        return None
    provider = catalog.provider(match.provider_id)
    course = provider.course(match.course_id) if provider and match.course_id else None
    return course.ceus if course else None
