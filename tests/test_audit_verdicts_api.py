"""Audit verdicts end to end through the API, on real sample files read by the real worker.

The catalog's CEUs for an approved course, cross-checked against the print;
a trainer's corrections shown to the auditor, identity corrections held until
an auditor accepts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from ingest.settings import Settings
from tests.recert_support import import_catalog, put_profile, store_samples
from tests.service_fixtures import Api, running_api

EXPIRY = "2027-01-31"
AS_OF = "2026-11-24"
# Printed 0.8 NASM CEUs; the catalog lists 0.8 for C1001.
AGREES = "cert-prose-classic-01-digital.pdf"
# Printed 0.8 CEUs; the catalog lists 1.0 for C6001.
DIFFERS = "cert-minimal-01-digital.pdf"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("verdicts") / "data",
        audit_share=1.0,
        audit_seed=SecretStr("test-seed-" + "v" * 32),
    )
    with running_api(settings) as running:
        import_catalog(running)
        store_samples(running, (AGREES, DIFFERS))
        put_profile(running, "T-A", EXPIRY)
        yield running


def _entry(api: Api, source: str) -> dict[str, Any]:
    entries = api.get("/v1/trainers/T-A/ceu-entries", "auditor").json()
    found: dict[str, Any] = next(e for e in entries if e["source"] == source)
    return found


def _assessment(api: Api) -> dict[str, Any]:
    answer = api.get(f"/v1/trainers/T-A/recertification?as_of={AS_OF}", "auditor")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_catalog_value_counts_and_the_print_agrees(api: Api) -> None:
    entry = _entry(api, AGREES)
    check = entry["ceus_check"]
    assert (entry["ceus"], entry["ceus_source"], check["printed"], check["agrees"]) == (
        0.8,
        "catalog",
        0.8,
        True,
    )


def test_catalog_value_counts_where_the_print_differs(api: Api) -> None:
    entry = _entry(api, DIFFERS)
    check = entry["ceus_check"]
    assert (entry["ceus"], check["catalog"], check["printed"], check["agrees"]) == (
        1.0,
        1.0,
        0.8,
        False,
    )


def test_disagreement_is_flagged_with_both_values_and_the_box(api: Api) -> None:
    document = _entry(api, DIFFERS)["document"]
    flag = next(f for f in _assessment(api)["flags"] if f["code"] == "ceus_mismatch")
    evidence = flag["evidence"]
    assert (
        flag["documents"],
        "shows 0.8 NASM CEUs (page 1)" in flag["message"],
        "the catalog lists 1 for this approved course" in flag["message"],
        evidence["page"],
        len(evidence["box"]),
    ) == ([document], True, True, 0, 4)


def test_no_disagreement_flag_where_the_print_agrees(api: Api) -> None:
    document = _entry(api, AGREES)["document"]
    codes = [f["code"] for f in _assessment(api)["flags"] if document in f["documents"]]
    assert "ceus_mismatch" not in codes
