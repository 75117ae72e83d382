"""The NASM CEUs a certificate's entry carries, and where they come from.

For a course the document matched on the approved catalog (``match.course_id``
with a catalog ``ceus``), the catalog is the authority: the entry carries its
value and the printed credit is the cross-check; a disagreement is kept on the
entry (``CeusCheck``) with both values and the box where the print was read.
Otherwise the printed NASM CEUs count, else the printed contact hours
converted with ``ceus_per_contact_hour`` (NASM's rule: 0.1 CEU per contact
hour). The conversion is the entry's: the record's ``ceus`` should hold only
a printed NASM figure; a value the reader itself derived from the hours (read
from the same words as ``contact_hours``) is treated as the hours it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.model import CeusCheck, CeusSource, EvidenceBox
from ingest.record import DocumentRecord, Evidence
from ingest.settings import Settings
from matchers.catalog import Catalog, Course, Provider


@dataclass(frozen=True, slots=True)
class EntryCeus:
    value: float
    source: CeusSource
    reason: str
    check: CeusCheck | None = None


@dataclass(frozen=True, slots=True)
class Printed:
    """The NASM value a document shows, as printed or converted from its hours."""

    value: float
    source: CeusSource
    reason: str
    evidence: EvidenceBox | None


def evidence_box(evidence: Evidence | None) -> EvidenceBox | None:
    if evidence is None:
        return None
    box = None
    if evidence.box is not None and len(evidence.box) == 4:
        x0, y0, x1, y1 = evidence.box
        box = (x0, y0, x1, y1)
    return EvidenceBox(page=evidence.page, box=box, source_text=evidence.source_text)


def _derived_from_hours(record: DocumentRecord) -> bool:
    """The record's CEUs were read from the same words as its contact hours (a conversion)."""
    ceus, hours = record.evidence.get("ceus"), record.evidence.get("contact_hours")
    if ceus is None or hours is None or ceus.box is None:
        return False
    return (ceus.page, ceus.box) == (hours.page, hours.box)


def printed_credit(record: DocumentRecord, settings: Settings) -> Printed | None:
    """Printed NASM CEUs, else printed contact hours converted; None when neither was read."""
    fields = record.fields
    if fields.ceus is not None and not _derived_from_hours(record):
        box = evidence_box(record.evidence.get("ceus"))
        return Printed(round(fields.ceus, 3), CeusSource.NASM_CEUS, "printed NASM CEUs", box)
    if fields.contact_hours is not None:
        rate = settings.ceus_per_contact_hour
        value = round(fields.contact_hours * rate, 3)
        why = (
            f"{fields.contact_hours:g} printed contact hours x {rate:g} CEU per hour "
            "(converted for the entry)"
        )
        box = evidence_box(record.evidence.get("contact_hours"))
        return Printed(value, CeusSource.CONTACT_HOURS, why, box)
    return None


def matched(
    record: DocumentRecord, catalog: Catalog | None
) -> tuple[Provider | None, Course | None]:
    """The catalog provider and course the record matched (None, None when it matched none)."""
    match = record.match
    if catalog is None or match is None or match.provider_id is None:
        return None, None
    provider = catalog.provider(match.provider_id)
    if provider is None:
        return None, None
    return provider, provider.course(match.course_id) if match.course_id else None


def catalog_ceus(record: DocumentRecord, catalog: Catalog | None) -> tuple[str, float] | None:
    """(course id, CEUs) of the approved catalog course the record matched, when it lists CEUs."""
    _provider, course = matched(record, catalog)
    if course is None or course.ceus is None or record.match is None or not record.match.approved:
        return None
    return course.course_id, course.ceus


def entry_ceus(record: DocumentRecord, settings: Settings, catalog: Catalog | None) -> EntryCeus:
    """Catalog (approved course) > printed NASM CEUs > printed contact hours converted."""
    printed = printed_credit(record, settings)
    listed = catalog_ceus(record, catalog)
    if listed is not None:
        return _from_catalog(*listed, printed, settings)
    if printed is not None:
        return EntryCeus(printed.value, printed.source, printed.reason)
    return EntryCeus(0.0, CeusSource.MISSING, "no NASM CEUs or contact hours were read")


def _from_catalog(
    course_id: str, listed: float, printed: Printed | None, settings: Settings
) -> EntryCeus:
    head = f"the catalog lists {listed:g} NASM CEUs for approved course {course_id}"
    if printed is None:
        check = CeusCheck(catalog=listed)
        return EntryCeus(listed, CeusSource.CATALOG, f"{head}; no printed credit was read", check)
    agrees = abs(printed.value - listed) <= settings.ceus_agree_within
    verdict = "agrees" if agrees else "differs; the catalog's value counts"
    check = CeusCheck(
        catalog=listed,
        printed=printed.value,
        printed_as=printed.source,
        agrees=agrees,
        evidence=printed.evidence,
    )
    reason = f"{head}; the document shows {printed.value:g} ({printed.reason}): {verdict}"
    return EntryCeus(listed, CeusSource.CATALOG, reason, check)
