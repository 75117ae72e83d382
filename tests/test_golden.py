"""Every sample through the real pipeline (real tesseract, real files) against
its truth: the fields read wrong must be exactly the ones recorded as known
misses in samples/known_misses.json, so a regression fails here and so does an
improvement that was not recorded (update with `python -m bench.fields --update`)."""

from __future__ import annotations

import json

import pytest

from bench.fields import KNOWN_MISSES, Truth, load_truths, run_pipeline, wrong_fields
from ingest.record import DocumentRecord
from tests.locations import SAMPLES_DIR

TRUTHS = load_truths()
IDS = [t.id for t in TRUTHS]


@pytest.fixture(scope="session")
def sample_records() -> dict[str, DocumentRecord]:
    results = run_pipeline(TRUTHS, SAMPLES_DIR / "catalog.csv", workers=2)
    return {key: record for key, (record, _) in results.items()}


@pytest.fixture(scope="session")
def known_misses() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(KNOWN_MISSES.read_text())
    return data


@pytest.mark.parametrize("truth", TRUTHS, ids=IDS)
def test_sample_fields_match_truth(
    truth: Truth,
    sample_records: dict[str, DocumentRecord],
    known_misses: dict[str, list[str]],
) -> None:
    assert wrong_fields(sample_records[truth.id], truth) == sorted(known_misses.get(truth.id, []))


def test_known_misses_name_existing_samples(known_misses: dict[str, list[str]]) -> None:
    assert sorted(set(known_misses) - set(IDS)) == []
