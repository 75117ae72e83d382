"""The CEUs an entry carries: catalog (approved course) > printed NASM CEUs > hours converted."""

from __future__ import annotations

from typing import Any

import pytest

from audit.entries import entry_from_record
from audit.model import CeusSource
from ingest.record import DocumentRecord, Evidence
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from tests.audit_factories import ceu
from tests.locations import SAMPLES_DIR

HOURS_BOX = [0.1, 0.6, 0.4, 0.65]
CEUS_BOX = [0.5, 0.6, 0.7, 0.65]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(SAMPLES_DIR / "catalog.csv").catalog


def _boxed(record: DocumentRecord, ceus_box: list[float], hours_box: list[float]) -> DocumentRecord:
    """The record with evidence boxes for its credit fields, as the reader gives them."""
    evidence = dict(record.evidence)
    if record.fields.ceus is not None:
        evidence["ceus"] = Evidence(value=record.fields.ceus, confidence=0.9, page=0, box=ceus_box)
    if record.fields.contact_hours is not None:
        hours = record.fields.contact_hours
        evidence["contact_hours"] = Evidence(value=hours, confidence=0.9, page=0, box=hours_box)
    return record.model_copy(update={"evidence": evidence})


# C1001 (Summit Strength Academy, Kettlebell Foundations) is approved for 2026 with 0.8 CEUs.
KETTLEBELL: dict[str, Any] = {"provider_id": "P001", "course_id": "C1001"}
CASES = [
    pytest.param(
        ceu("agrees", ceus=0.8, **KETTLEBELL), (0.8, "catalog", True), id="catalog-agrees"
    ),
    pytest.param(
        ceu("differs", ceus=1.2, **KETTLEBELL), (0.8, "catalog", False), id="catalog-differs"
    ),
    pytest.param(
        ceu("unprinted", ceus=None, **KETTLEBELL), (0.8, "catalog", None), id="catalog-none-read"
    ),
    pytest.param(
        ceu("hours-differ", ceus=None, hours=12, **KETTLEBELL),
        (0.8, "catalog", False),
        id="catalog-hours-differ",
    ),
    pytest.param(
        ceu("not-approved", ceus=1.2, approved=False, **KETTLEBELL),
        (1.2, "nasm_ceus", None),
        id="not-approved-printed",
    ),
    pytest.param(ceu("no-course", ceus=1.2), (1.2, "nasm_ceus", None), id="no-course-printed"),
    pytest.param(
        ceu("hours", ceus=None, hours=15), (1.5, "contact_hours", None), id="hours-converted"
    ),
    pytest.param(ceu("none", ceus=None), (0.0, "missing", None), id="nothing-read"),
]


@pytest.mark.parametrize(("record", "expected"), CASES)
def test_entry_ceus_in_order(
    settings: Settings,
    catalog: Catalog,
    record: DocumentRecord,
    expected: tuple[float, str, bool | None],
) -> None:
    entry = entry_from_record(_boxed(record, CEUS_BOX, HOURS_BOX), settings, catalog)
    agrees = entry.ceus_check.agrees if entry.ceus_check else None
    assert (entry.ceus, str(entry.ceus_source), agrees) == expected


@pytest.mark.parametrize(
    ("ceus_box", "source"),
    [
        pytest.param(HOURS_BOX, CeusSource.CONTACT_HOURS, id="read-from-the-hours"),
        pytest.param(CEUS_BOX, CeusSource.NASM_CEUS, id="printed-apart"),
    ],
)
def test_ceus_the_reader_converted_count_as_hours(
    settings: Settings, ceus_box: list[float], source: CeusSource
) -> None:
    """A reader that still converts hours gives the entry the same value and the hours' reason."""
    record = _boxed(ceu("converted", ceus=1.5, hours=15), ceus_box, HOURS_BOX)
    assert entry_from_record(record, settings).ceus_source is source


def test_converted_hours_say_so(settings: Settings) -> None:
    entry = entry_from_record(_boxed(ceu("h", ceus=None, hours=8), CEUS_BOX, HOURS_BOX), settings)
    assert entry.ceus_reason == (
        "8 printed contact hours x 0.1 CEU per hour (converted for the entry)"
    )


def test_disagreement_keeps_both_values_and_the_box(settings: Settings, catalog: Catalog) -> None:
    record = _boxed(ceu("differs", ceus=1.2, **KETTLEBELL), CEUS_BOX, HOURS_BOX)
    check = entry_from_record(record, settings, catalog).ceus_check
    assert check is not None and check.evidence is not None
    assert (check.catalog, check.printed, check.evidence.page, check.evidence.box) == (
        0.8,
        1.2,
        0,
        tuple(CEUS_BOX),
    )
