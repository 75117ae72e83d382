"""Flags per document: what does not add up, each with a message for the user.

Each flag means what its name says, so an auditor can trust it:

- ``unreadable``: almost no text was read, or fewer than half of the fields
  that kind of document always shows; a document whose fields were mostly read
  but lacks some gets ``fields_missing`` naming them instead;
- ``provider_not_approved``: a provider was read legibly and either no approved
  provider is that name, or its course was read and is not one of that
  provider's approved courses. Where the provider was not read (absent, read
  below ``provider_legible_at``, or only an accreditor's mark such as "ACE
  Education Provider") the flag is ``provider_unreadable``; where the provider
  is approved but the course could not be read (no code, and no title but
  the line of another field, "Certificate No. ..."), ``course_unreadable``; where
  the course is approved for some years and the completion date could not be
  read, ``approval_unchecked``. Papers
  of other kinds are never judged against the catalog.
"""

from __future__ import annotations

import datetime as dt
import re

from extractors.classify import Classification
from extractors.credits import CREDITS_PER_HOUR, CreditReading
from extractors.found import Found
from ingest.dated_flags import card_expired_flag
from ingest.model import DocumentText, TextSource
from ingest.record import CardSide, DocumentType, Fields, Flag, FlagCode, Match
from ingest.settings import Settings
from matchers.catalog import Catalog

# Fields every document of a kind shows; "credit" is printed CEUs or contact hours.
KEY_FIELDS = {
    DocumentType.CEU_CERTIFICATE: ("holder_name", "course_title", "completion_date", "credit"),
    DocumentType.CPR_AED_CARD: ("holder_name", "completion_date", "expiry_date"),
}
FIELD_WORDS = {"credit": "CEUs or contact hours"}
# "ACE Education Provider", "NASM Approved Provider": who approved the issuer, not its name.
_ACCREDITOR_MARK = re.compile(
    r"^\W*(?:" + "|".join(CREDITS_PER_HOUR) + r")\b.*\bprovider\W*$", re.IGNORECASE
)


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
        disagreement = credits.disagreement if credits else None
        flags += _provider_flags(found_fields, match, catalog, settings)
        flags += _ceus_flags(fields, disagreement, match, catalog, settings)
    return flags


def _missing_fields(kind: Classification, found_fields: dict[str, Found]) -> tuple[int, list[str]]:
    """How many key fields the kind shows, and which of them were not found."""
    wanted = KEY_FIELDS.get(kind.document_type, ())
    if kind.document_type is DocumentType.CPR_AED_CARD and kind.card_side is CardSide.BACK:
        wanted = ()
    read = set(found_fields)
    if read & {"ceus", "contact_hours"}:
        read.add("credit")
    return len(wanted), [name for name in wanted if name not in read]


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
        message = (
            "Almost no text could be read. Upload a sharper photo or scan, flat and in good light."
        )
        return [*flags, Flag(code=FlagCode.UNREADABLE, message=message)]
    wanted, missing = _missing_fields(kind, found_fields)
    if len(missing) < 2:
        return flags
    names = ", ".join(FIELD_WORDS.get(m, m.replace("_", " ")) for m in missing)
    if 2 * (wanted - len(missing)) < wanted:
        message = f"Most of it could not be read: no {names}. Upload a clearer copy."
        return [*flags, Flag(code=FlagCode.UNREADABLE, message=message)]
    message = f"Could not find {names}. Enter these by hand, or upload a clearer copy."
    return [*flags, Flag(code=FlagCode.FIELDS_MISSING, message=message)]


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


def provider_read(found_fields: dict[str, Found], settings: Settings) -> bool:
    """A provider name was read legibly, and it names an issuer, not an accreditor's mark."""
    provider = found_fields.get("provider_name")
    if provider is None or provider.confidence < settings.provider_legible_at:
        return False
    return not _ACCREDITOR_MARK.match(str(provider.value))


def course_read(found_fields: dict[str, Found]) -> bool:
    """A course code, or a title that is not the line of another field ("Certificate No. X")."""
    if "course_code" in found_fields:
        return True
    title, other = found_fields.get("course_title"), found_fields.get("certificate_id")
    if title is None:
        return False
    return other is None or str(other.value).lower() not in str(title.value).lower()


def _provider_flags(
    found_fields: dict[str, Found], match: Match | None, catalog: Catalog | None, settings: Settings
) -> list[Flag]:
    """Whether the catalog approves the course, said only where what it needs was read."""
    if catalog is None or (match is not None and match.approved):
        return []
    provider_known = match is not None and match.provider_id is not None
    if not provider_known and not provider_read(found_fields, settings):
        message = (
            "The provider's name could not be read, so the catalog could not be checked. "
            "Enter the provider by hand or upload a clearer copy."
        )
        return [Flag(code=FlagCode.PROVIDER_UNREADABLE, message=message)]
    if provider_known and not course_read(found_fields):
        message = (
            "The provider is on the approved-provider catalog, but the course could not be "
            "read, so its approval could not be checked. Enter the course title by hand."
        )
        return [Flag(code=FlagCode.COURSE_UNREADABLE, message=message)]
    if match is not None and match.course_id is not None and "completion_date" not in found_fields:
        message = (
            "The course is on the approved-provider catalog for some years only, and the "
            "completion date could not be read, so its approval could not be checked. "
            "Enter the completion date by hand."
        )
        return [Flag(code=FlagCode.APPROVAL_UNCHECKED, message=message)]
    why = match.reason if match is not None else "no provider name matched the catalog"
    message = (
        f"Not found on the approved-provider catalog ({why}). "
        f"The course can be petitioned (${settings.petition_fee_usd} per course)."
    )
    return [Flag(code=FlagCode.PROVIDER_NOT_APPROVED, message=message)]


def _ceus_flags(
    fields: Fields,
    mismatch: str | None,
    match: Match | None,
    catalog: Catalog | None,
    settings: Settings,
) -> list[Flag]:
    """The printed credit against the catalog's: printed CEUs, else the printed contact
    hours at NASM's rate."""
    catalog_ceus = _catalog_ceus(catalog, match)
    shown, as_printed = fields.ceus, f"{fields.ceus:g} CEUs" if fields.ceus is not None else ""
    if shown is None and fields.contact_hours is not None:
        shown = round(fields.contact_hours * settings.ceus_per_contact_hour, 2)
        as_printed = f"{fields.contact_hours:g} contact hours ({shown:g} CEUs)"
    if (
        mismatch is None
        and catalog_ceus is not None
        and shown is not None
        and abs(catalog_ceus - shown) > settings.ceus_agree_within
    ):
        mismatch = f"certificate shows {as_printed}, the catalog lists {catalog_ceus:g}"
    if mismatch:
        return [Flag(code=FlagCode.CEUS_MISMATCH, message=f"CEUs do not add up: {mismatch}.")]
    return []


def _catalog_ceus(catalog: Catalog | None, match: Match | None) -> float | None:
    if catalog is None or match is None or not match.approved or not match.provider_id:
        return None
    provider = catalog.provider(match.provider_id)
    course = provider.course(match.course_id) if provider and match.course_id else None
    return course.ceus if course else None
