"""The speed section's stage table on two small samples, one text-layer PDF and
one photographed card read by OCR: every stage is there and the times add up
to something. The figures themselves are measured by `make bench`."""

from __future__ import annotations

from typing import Any

import pytest

from bench.fields import load_truths
from bench.stages import STAGES, profile_document, stage_table
from ingest.settings import Settings
from matchers.catalog import Catalog
from tests.locations import SAMPLES_DIR

DOCUMENTS = ("card-webcpr-01-front-digital", "card-arc-adult-01-front-rotated")


@pytest.fixture
def table(settings: Settings, sample_catalog: Catalog) -> dict[str, dict[str, Any]]:
    truths = [t for t in load_truths(SAMPLES_DIR / "truth") if t.id in DOCUMENTS]
    return stage_table([profile_document(t, settings, sample_catalog) for t in truths])


def test_stage_table_lists_every_stage_for_every_capture(
    table: dict[str, dict[str, Any]],
) -> None:
    labels = sorted(s.label for s in STAGES)
    assert {capture: sorted(row["stages"]) for capture, row in table.items()} == {
        "digital": labels,
        "rotated": labels,
        "all": labels,
    }


def test_profiled_time_per_document_is_positive_for_every_capture(
    table: dict[str, dict[str, Any]],
) -> None:
    assert all(row["profiled_s_per_doc"] > 0 for row in table.values())


def test_recognition_of_the_ocr_document_is_found_in_the_profile(
    table: dict[str, dict[str, Any]],
) -> None:
    assert table["rotated"]["stages"]["recognition"] > 0
