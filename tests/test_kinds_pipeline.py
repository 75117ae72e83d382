"""Documents of another kind through the pipeline: fields are read for a credential or a
letter of thanks, not for a paper that proves nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.model import DocumentText
from ingest.record import DocumentType, Fields
from ingest.settings import Settings
from pipeline.understand import understand
from tests.text_pages import stacked_document


def _document(*rows: str) -> DocumentText:
    """A letter-size text-layer page with one line per row, words left to right."""
    return stacked_document(rows, top=0.1, step=0.06, height=0.03)


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
