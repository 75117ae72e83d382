"""Real certificates and cards that people published (read in place from the
shared corpus) all go through the real pipeline and get an answer.

This is a guard against crashes and errors on documents nobody here designed,
not a measure of accuracy: `make bench` (section real_documents) measures the
fields against the corpus's truth and lists every miss.
"""

from __future__ import annotations

import pytest

from bench.real_documents import load_real_truths, run_documents
from ingest.record import DocumentRecord
from tests.locations import REAL_DOCUMENTS

pytestmark = pytest.mark.skipif(
    not (REAL_DOCUMENTS / "ground_truth.jsonl").is_file(),
    reason="the shared real-documents corpus is not beside the project",
)
TRUTHS = (
    load_real_truths(REAL_DOCUMENTS) if (REAL_DOCUMENTS / "ground_truth.jsonl").is_file() else []
)
NAMES = [t.name for t in TRUTHS]


@pytest.fixture(scope="session")
def real_records() -> dict[str, DocumentRecord]:
    results = run_documents(TRUTHS, REAL_DOCUMENTS, workers=2)
    return {name: record for name, (record, _) in results.items()}


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_real_document_is_read_without_error(
    name: str, real_records: dict[str, DocumentRecord]
) -> None:
    record = real_records[name]
    assert (record.status, record.error) == ("ok", None)
