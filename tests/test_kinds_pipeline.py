"""Documents of another kind through the pipeline: fields are read for a credential or a
letter of thanks, not for a paper that proves nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.model import Box, DocumentText, FileKind, Line, PageText, TextSource, TriageResult, Word
from ingest.record import DocumentType, Fields
from ingest.settings import Settings
from pipeline.understand import understand


def _document(*rows: str) -> DocumentText:
    """A letter-size text-layer page with one line per row, words left to right."""
    lines = []
    for number, row in enumerate(rows):
        top = 0.1 + number * 0.06
        words, left = [], 0.1
        for text in row.split():
            width = 0.012 * len(text)
            words.append(Word(text, Box(left, top, left + width, top + 0.03), 100.0))
            left += width + 0.01
        lines.append(Line(tuple(words)))
    page = PageText(0, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(lines))
    return DocumentText(TriageResult(FileKind.PDF, "0" * 64, 1, 1, "application/pdf"), (page,))


KINDS = {
    "primary certification": (
        (
            "National Exercise Council",
            "This certificate attests that",
            "Dana Lee",
            "has met all the requirements of the National Exercise Council",
            "CERTIFIED PERSONAL TRAINER",
            "Valid through June 30, 2027",
        ),
        True,
    ),
    "invoice": (
        (
            "INVOICE",
            "Bill to: Dana Lee",
            "Kettlebell workshop registration 1 $189.00",
            "Subtotal $189.00",
            "Total $189.00",
        ),
        False,
    ),
}


@pytest.mark.parametrize(("rows", "fields_read"), KINDS.values(), ids=KINDS.keys())
def test_other_documents_keep_fields_unless_they_prove_nothing(
    rows: tuple[str, ...], fields_read: bool
) -> None:
    record = understand(_document(*rows), Settings(), catalog=None, as_of=dt.date(2026, 5, 1))
    assert (record.document_type, record.fields != Fields()) == (DocumentType.OTHER, fields_read)
