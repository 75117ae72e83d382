"""One certificate uploaded by two trainers: both uploads flagged for the auditor.

When a document is read, its fingerprints (``checks.reuse``) are kept as rows
of ``reuse_marks`` in the transaction that records the result, and compared
with every other trainer's:

- ``file``: the same bytes;
- ``certificate_id``: the same issuer (as matched in the catalog) and the same
  printed id, folded so that OCR's look-alike glyphs do not hide it;
- ``code``: a code with the same payload, where the payload names one
  certificate (not an issuer's home page);
- ``page``: the same folded id and a near-identical first page, whatever the
  issuer was matched to (a page hash alone would join two genuine certificates
  of one template, so it is compared only between uploads with the same id);
- ``layout``: whatever was read of the id, a photo or scan the same as another
  upload's but for the holder's line, with the same capture's grain
  (``checks.likeness``): a name swapped in an image editor. The keys are the
  rows of the page's hash (``layout_bands``), so an upload meets only the pages
  that share a row with it; only the near ones are read and compared cell by
  cell.

Each match adds a finding to both records, naming the other upload (its id for
the trainer; who uploaded it, when, and the name it prints for the auditor:
``api.views`` keeps those from trainers), and the flag asking for review. The
same trainer uploading one certificate twice (a scan and the PDF) is no reuse.

Two workers finishing the two uploads at once must not both miss the other:
the marks are written and compared under one lock (an advisory transaction
lock on PostgreSQL; SQLite has one writer at a time, and the transaction
already writes the document first).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from checks.likeness import same_page
from checks.reuse import HASH_SIDE
from ingest.dated_flags import stored_flag_codes
from ingest.findings import with_findings
from ingest.record import DocumentRecord, Finding, FindingCode, FindingEvidence, OtherUpload
from store.models import Document, DocumentStatus, ReuseMark, Trainer, TrainerProfileRow

_REUSE_LOCK_ID = 0x72657573  # PostgreSQL advisory lock key ("reus")
# Near-identical first pages: at most this many of the hash's 256 bits differ.
PAGE_HASH_MAX_BITS = 40
_NAME = re.compile(r"[^0-9a-z]")

# The kinds in the order a pair's findings are listed; ``page`` adds nothing where the
# issuer and id already matched, ``layout`` nothing where the file, the id or the page did.
_KINDS = ("file", "certificate_id", "code", "page", "layout")
_CODES = {
    "file": FindingCode.REUSED_FILE,
    "certificate_id": FindingCode.REUSED_CERTIFICATE_ID,
    "code": FindingCode.REUSED_CODE,
    "page": FindingCode.REUSED_PAGE,
    "layout": FindingCode.REUSED_PAGE,
}
HASH_ROW_BITS = HASH_SIDE  # a row of the first page's difference hash (``checks.reuse``)
MIN_ROW_BITS = 3  # a row with fewer set (or unset) bits is blank paper, every page's
_SUPERSEDE_LAYOUT = {"file", "certificate_id", "page"}


@dataclass(frozen=True)
class Mark:
    kind: str
    value: str
    page_hash: str | None = None
    shown: str | None = None  # what this upload shows (the printed id, the code's payload)
    detail: str | None = None  # how a ``layout`` match was judged


def marks_of(sha256: str, record: DocumentRecord) -> list[Mark]:
    """The fingerprints of one record as rows to keep."""
    marks = [Mark("file", sha256, shown=sha256)]
    prints = record.fingerprints
    if prints is None:
        return marks
    printed = record.fields.certificate_id
    issuer = record.match.provider_id if record.match is not None else None
    if prints.certificate_id and issuer:
        value = f"{issuer}:{prints.certificate_id}"[:200]
        marks.append(Mark("certificate_id", value, shown=printed))
    for payload in prints.codes:
        digest = hashlib.sha256(payload.encode()).hexdigest()
        marks.append(Mark("code", digest, shown=payload[:300]))
    if prints.certificate_id and prints.page_hash:
        value = prints.certificate_id[:200]
        marks.append(Mark("page", value, page_hash=prints.page_hash, shown=printed))
    if prints.page_cells and prints.page_hash:
        holder = record.fields.holder_name
        marks.extend(
            Mark("layout", band, page_hash=prints.page_hash, shown=holder)
            for band in layout_bands(prints.page_hash)
        )
    return marks


def layout_bands(page_hash: str) -> list[str]:
    """The keys a first page is found again by: each row of its difference hash that
    says something (a blank row, all one way, is every page's). A copy with another
    name painted in differs in the rows of the holder's line and keeps the others, so
    it shares a key with its original, while an upload meets only the pages that share
    a row with it, never every page stored."""
    width = HASH_ROW_BITS // 4
    rows = [page_hash[i : i + width] for i in range(0, len(page_hash), width)]
    return [
        f"row {number}: {row}"
        for number, row in enumerate(rows)
        if MIN_ROW_BITS <= int(row, 16).bit_count() <= HASH_ROW_BITS - MIN_ROW_BITS
    ]


def keep_marks_and_flag_reuse(
    session: Session, document_id: str, record: DocumentRecord
) -> DocumentRecord:
    """Keep the document's marks and flag it, and every other trainer's upload it matches,
    for review; the record as stored (with its reuse findings) is returned.

    Run in the transaction that recorded the document's result.
    """
    document = session.get(Document, document_id, populate_existing=True)
    if document is None:
        return record
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _REUSE_LOCK_ID})
    session.execute(delete(ReuseMark).where(ReuseMark.document_id == document_id))
    marks = marks_of(document.sha256, record)
    session.add_all(
        ReuseMark(
            document_id=document_id,
            trainer_id=document.trainer_id,
            kind=m.kind,
            value=m.value,
            page_hash=m.page_hash,
        )
        for m in marks
    )
    session.flush()
    matched = _matches(session, document, marks)
    _add_layout_matches(session, document, record, marks, matched)
    if not matched:
        return record
    mine: list[Finding] = []
    for other, kinds in matched.items():
        other_record = DocumentRecord.model_validate(other.result)
        mine += _findings(kinds, record, other, other_record, session)
        seen = _seen_from(other, other_record, kinds)
        theirs = _findings(seen, other_record, document, record, session)
        _store(other, with_findings(other_record, theirs))
    kept = with_findings(record, mine)
    _store(document, kept)
    return kept


def _matches(
    session: Session, document: Document, marks: list[Mark]
) -> dict[Document, list[tuple[Mark, ReuseMark]]]:
    """Every other trainer's read document sharing a mark, with the marks (kind order)."""
    found: dict[Document, list[tuple[Mark, ReuseMark]]] = {}
    for mark in sorted(marks, key=lambda m: _KINDS.index(m.kind)):
        if mark.kind == "layout":
            continue  # compared apart (``_add_layout_matches``)
        rows = session.execute(
            select(ReuseMark, Document)
            .join(Document, Document.id == ReuseMark.document_id)
            .where(
                ReuseMark.kind == mark.kind,
                ReuseMark.value == mark.value,
                ReuseMark.trainer_id != document.trainer_id,
                Document.status == DocumentStatus.DONE,
                Document.result.is_not(None),
            )
            .order_by(Document.created_at, Document.id)
        ).all()
        for row, other in rows:
            if mark.kind == "page" and not _near(mark.page_hash, row.page_hash):
                continue
            pairs = found.setdefault(other, [])
            if mark.kind == "page" and any(m.kind == "certificate_id" for m, _ in pairs):
                continue
            if all(m.kind != mark.kind for m, _ in pairs):
                pairs.append((mark, row))
    return found


def _add_layout_matches(
    session: Session,
    document: Document,
    record: DocumentRecord,
    marks: list[Mark],
    found: dict[Document, list[tuple[Mark, ReuseMark]]],
) -> None:
    """Other trainers' uploads whose first page is this one's but for the holder's line,
    added to ``found`` where nothing stronger matched them already."""
    layout = [m for m in marks if m.kind == "layout"]
    if not layout or record.fingerprints is None:
        return
    mark = layout[0]
    rows = session.scalars(
        select(ReuseMark).where(
            ReuseMark.kind == "layout",
            ReuseMark.value.in_([m.value for m in layout]),
            ReuseMark.trainer_id != document.trainer_id,
        )
    ).all()
    near = {row.document_id: row for row in rows if _near(mark.page_hash, row.page_hash)}
    if not near:
        return
    others = session.scalars(
        select(Document)
        .where(
            Document.id.in_(near),
            Document.status == DocumentStatus.DONE,
            Document.result.is_not(None),
        )
        .order_by(Document.created_at, Document.id)
    ).all()
    for other in others:
        if any(m.kind in _SUPERSEDE_LAYOUT for m, _ in found.get(other, [])):
            continue
        theirs = DocumentRecord.model_validate(other.result).fingerprints
        likeness = same_page(record.fingerprints, theirs) if theirs is not None else None
        if likeness is not None:
            judged = replace(mark, detail=likeness.detail())
            found.setdefault(other, []).append((judged, near[other.id]))


def _near(a: str | None, b: str | None) -> bool:
    if not a or not b or len(a) != len(b):
        return False
    return (int(a, 16) ^ int(b, 16)).bit_count() <= PAGE_HASH_MAX_BITS


def _seen_from(
    other: Document, other_record: DocumentRecord, kinds: list[tuple[Mark, ReuseMark]]
) -> list[tuple[Mark, ReuseMark]]:
    """The same matches told from the other upload's side (its values shown)."""
    prints = marks_of(other.sha256, other_record)
    seen = []
    for mark, row in kinds:
        theirs = next((m for m in prints if m.kind == mark.kind and m.value == row.value), None)
        seen.append((replace(theirs, detail=mark.detail) if theirs else mark, row))
    return seen


def _findings(
    kinds: list[tuple[Mark, ReuseMark]],
    record: DocumentRecord,
    other: Document,
    other_record: DocumentRecord,
    session: Session,
) -> list[Finding]:
    """The findings on ``record`` naming ``other`` (one per kind of match)."""
    upload = OtherUpload(
        document_id=other.id,
        trainer_id=other.trainer_id,
        trainer_name=_trainer_name(session, other.trainer_id),
        holder_name=other_record.fields.holder_name,
        filename=other.original_filename,
        uploaded_at=other.created_at,
    )
    renamed = _names_differ(record.fields.holder_name, other_record.fields.holder_name)
    name_note = " It prints another holder name." if renamed else ""
    found = []
    for mark, _row in kinds:
        message = _message(mark.kind, record, other.id) + name_note
        found.append(
            Finding(
                code=_CODES[mark.kind],
                message=message + " One certificate belongs to one person: an auditor will "
                "check whose it is.",
                evidence=FindingEvidence(
                    shown=mark.shown,
                    other=_other_value(mark.kind, other_record, other),
                    detail=mark.detail or f"matched on {mark.kind.replace('_', ' ')}",
                    other_upload=upload,
                ),
            )
        )
    return found


def _message(kind: str, record: DocumentRecord, other_id: str) -> str:
    upload = f"another trainer's upload ({other_id})"
    printed = record.fields.certificate_id
    if kind == "file":
        return f"The same file is also {upload}."
    if kind == "certificate_id":
        return f"Certificate {printed} of the same issuer is also {upload}."
    if kind == "code":
        return f"A code on this page carries the same payload as a code on {upload}."
    if kind == "layout":
        return f"This page, but for the holder's line, is also {upload}."
    return f"A near-identical page with certificate {printed} is also {upload}."


def _other_value(kind: str, other_record: DocumentRecord, other: Document) -> str | None:
    if kind == "file":
        return other.sha256
    if kind == "code":
        return None  # the same payload: shown once
    if kind == "layout":
        return other_record.fields.holder_name
    return other_record.fields.certificate_id


def _names_differ(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return _NAME.sub("", a.casefold()) != _NAME.sub("", b.casefold())


def _trainer_name(session: Session, trainer_id: str) -> str | None:
    profile = session.get(TrainerProfileRow, trainer_id)
    if profile is not None:
        return profile.name
    trainer = session.get(Trainer, trainer_id)
    return trainer.name if trainer is not None else None


def _store(document: Document, record: DocumentRecord) -> None:
    document.result = record.to_json_dict()
    document.flags = stored_flag_codes(record)
