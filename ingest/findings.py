"""Findings added to a record, and the one flag that asks for their review.

The pipeline adds what the file shows (``checks``); the store adds reuse across
trainers when the document is kept (``store.reuse``), to a record read earlier
as well. Both go through ``with_findings`` so a record has one review flag
naming every kind of finding it carries.
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.record import DocumentRecord, Finding, Flag, FlagCode


def with_findings(record: DocumentRecord, findings: Iterable[Finding]) -> DocumentRecord:
    """The record with ``findings`` added (one already there is not added twice), and one
    flag asking for review when it carries any."""
    new: list[Finding] = []
    for finding in findings:
        if finding not in new:
            new.append(finding)
    kept = [f for f in record.authenticity if not any(_replaces(n, f) for n in new)] + new
    if not kept or kept == record.authenticity:
        return record
    kinds = ", ".join(dict.fromkeys(f.code.value.replace("_", " ") for f in kept))
    reused = [f.evidence.other_upload is not None for f in kept]  # names another upload
    what = "reused" if all(reused) else "altered or reused" if any(reused) else "altered"
    flag = Flag(
        code=FlagCode.AUTHENTICITY_REVIEW,
        message=f"This document may have been {what} ({kinds}). An auditor will compare it "
        "with the issuer's records; nothing is rejected on this alone.",
    )
    flags = [f for f in record.flags if f.code != FlagCode.AUTHENTICITY_REVIEW]
    return record.model_copy(update={"authenticity": kept, "flags": [*flags, flag]})


def _replaces(new: Finding, old: Finding) -> bool:
    """The same finding, or a reuse finding about the same upload told afresh."""
    if new == old:
        return True
    ours, theirs = new.evidence.other_upload, old.evidence.other_upload
    return (
        new.code == old.code
        and ours is not None
        and theirs is not None
        and ours.document_id == theirs.document_id
    )
