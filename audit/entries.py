"""CEU entries filled in automatically from processed certificates.

One entry per CEU certificate record. NASM CEUs come from the catalog for an
approved course, else from the printed NASM CEUs, else from the printed contact
hours converted with ``ceus_per_contact_hour`` (``audit.ceus``). The same
course uploaded twice is counted once: later copies keep their entry, marked
``duplicate_of`` the first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from audit.areas import infer_area
from audit.ceus import entry_ceus, evidence_box, matched, printed_credit
from audit.model import (
    Category,
    CeuEntry,
    EvidenceBox,
    PetitionStatus,
)
from ingest.record import DocumentRecord, DocumentType
from ingest.record import FlagCode as RecordFlag
from ingest.settings import Settings
from matchers.catalog import Catalog


def normalise(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def is_ceu_certificate(record: DocumentRecord) -> bool:
    return record.status == "ok" and record.document_type == DocumentType.CEU_CERTIFICATE


def is_category_a(provider: str | None, settings: Settings) -> bool:
    """NASM's own courses: the provider name contains NASM or its full name as words."""
    name = f" {normalise(provider)} "
    return any(f" {normalise(nasm)} " in name for nasm in settings.category_a_providers)


def catalog_names(record: DocumentRecord, catalog: Catalog | None) -> tuple[str | None, str | None]:
    """The catalog's provider name and course title for what the record matched."""
    provider, course = matched(record, catalog)
    return (provider.name if provider else None), (course.title if course else None)


# Entry fields and the record fields they are read from.
READ_FROM = {
    "holder_name": "holder_name",
    "provider": "provider_name",
    "course": "course_title",
    "course_code": "course_code",
    "completion_date": "completion_date",
    "certificate_id": "certificate_id",
}


def evidence_boxes(record: DocumentRecord, settings: Settings) -> dict[str, EvidenceBox]:
    """Where the document shows each entry field that was read (CEUs: the printed credit)."""
    boxes = {
        name: box
        for name, field in READ_FROM.items()
        if (box := evidence_box(record.evidence.get(field))) is not None
    }
    printed = printed_credit(record, settings)
    if printed is not None and printed.evidence is not None:
        boxes["ceus"] = printed.evidence
    return boxes


def provider_unknown(record: DocumentRecord) -> bool:
    """The reader could not tell the provider, or whether the catalog approves the course."""
    unknown = (
        RecordFlag.PROVIDER_UNREADABLE,
        RecordFlag.COURSE_UNREADABLE,
        RecordFlag.APPROVAL_UNCHECKED,
    )
    return any(flag.code in unknown for flag in record.flags)


def categorise(record: DocumentRecord, settings: Settings, provider: str | None) -> Category:
    """Category A, approved, a petition (a provider read and not approved), else other.

    An entry whose provider or course could not be read is "other" (a person
    confirms it), never a petition that would call the provider unapproved.
    """
    if is_category_a(provider, settings) or is_category_a(record.fields.provider_name, settings):
        return Category.CATEGORY_A
    if record.match is not None and record.match.approved:
        return Category.APPROVED_PROVIDER
    if provider and not provider_unknown(record):
        return Category.PETITION
    return Category.OTHER


def document_id(record: DocumentRecord) -> str:
    return record.sha256 or record.source


def entry_id(record: DocumentRecord) -> str:
    """A short id: the upload's hash prefix (or its source's hash when it has none)."""
    return (record.sha256 or hashlib.sha256(record.source.encode()).hexdigest())[:16]


def entry_from_record(
    record: DocumentRecord, settings: Settings, catalog: Catalog | None = None
) -> CeuEntry:
    """A CEU entry in state ``auto`` from one certificate record.

    When the record matched the catalog, the entry shows the catalog's provider
    name and course title (what was read stays in the record's evidence), and
    for an approved course the catalog's CEUs (``audit.ceus``).
    """
    fields = record.fields
    ceus = entry_ceus(record, settings, catalog)
    catalog_provider, catalog_course = catalog_names(record, catalog)
    provider = catalog_provider or fields.provider_name
    course = catalog_course or fields.course_title
    category = categorise(record, settings, provider)
    petition = category is Category.PETITION
    match = record.match
    return CeuEntry(
        entry_id=entry_id(record),
        source=record.source,
        document=document_id(record),
        provider=provider,
        provider_id=match.provider_id if match else None,
        course=course,
        course_id=match.course_id if match else None,
        course_code=fields.course_code,
        ceus=ceus.value,
        ceus_source=ceus.source,
        ceus_reason=ceus.reason,
        ceus_check=ceus.check,
        completion_date=fields.completion_date,
        holder_name=fields.holder_name,
        certificate_id=fields.certificate_id,
        area=infer_area(course, [fields.course_title, provider]),
        category=category,
        petition_status=PetitionStatus.PENDING if petition else None,
        petition_fee_usd=settings.petition_fee_usd if petition else 0,
        evidence=evidence_boxes(record, settings),
    )


def same_course_keys(entry: CeuEntry) -> set[str]:
    """Keys under which two entries are the same course (any shared key is enough)."""
    keys = {f"doc:{entry.document}"}
    if entry.certificate_id:
        keys.add(f"id:{normalise(entry.certificate_id)}")
    provider = entry.provider_id or normalise(entry.provider)
    course = entry.course_id or normalise(entry.course)
    if provider and course:
        keys.add(f"course:{provider}|{course}")
    if entry.course and entry.completion_date:
        keys.add(f"title-date:{normalise(entry.course)}|{entry.completion_date.isoformat()}")
    return keys


def mark_duplicates(entries: Iterable[CeuEntry]) -> tuple[CeuEntry, ...]:
    """Later copies of a course already seen get ``duplicate_of`` the first copy's id."""
    seen: dict[str, str] = {}
    marked: list[CeuEntry] = []
    for entry in entries:
        keys = same_course_keys(entry)
        first = next((seen[key] for key in sorted(keys) if key in seen), None)
        if first is not None:
            marked.append(entry.model_copy(update={"duplicate_of": first}))
            continue
        for key in keys:
            seen[key] = entry.entry_id
        marked.append(entry)
    return tuple(marked)


def unique_ids(entries: Sequence[CeuEntry]) -> tuple[CeuEntry, ...]:
    """Entry ids made unique when two uploads share a hash prefix or a source."""
    counts: dict[str, int] = {}
    result = []
    for entry in entries:
        n = counts.get(entry.entry_id, 0)
        counts[entry.entry_id] = n + 1
        result.append(
            entry if n == 0 else entry.model_copy(update={"entry_id": f"{entry.entry_id}-{n}"})
        )
    return tuple(result)


def entries_from_records(
    records: Iterable[DocumentRecord], settings: Settings, catalog: Catalog | None = None
) -> tuple[CeuEntry, ...]:
    """All CEU entries of an application, in upload order, duplicates marked."""
    entries = [entry_from_record(r, settings, catalog) for r in records if is_ceu_certificate(r)]
    return mark_duplicates(unique_ids(entries))
