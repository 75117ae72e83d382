"""The `certverify extract` contract that other tools depend on."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.fields import load_truths
from ingest.record import FIELD_NAMES
from tests.locations import ROOT, SAMPLES_DIR


def _first(document_type: str, capture: str) -> Path:
    return next(
        t.path
        for t in load_truths()
        if t.data["document_type"] == document_type and t.capture == capture
    )


def _extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "extract", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict[str, Any]]]:
    missing = tmp_path_factory.mktemp("cli") / "missing.pdf"
    inputs = [
        str(_first("ceu_certificate", "digital")),
        str(missing),
        str(_first("cpr_aed_card", "digital")),
    ]
    result = _extract(
        *inputs,
        "--catalog",
        str(SAMPLES_DIR / "catalog.csv"),
        "--as-of",
        "2026-11-24",
        "--format",
        "jsonl",
        "--include-text",
    )
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


def test_one_line_per_input_in_order(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    _, rows = jsonl_run
    assert [Path(r["source"]).name for r in rows] == [
        _first("ceu_certificate", "digital").name,
        "missing.pdf",
        _first("cpr_aed_card", "digital").name,
    ]


def test_exit_code_says_a_file_failed(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    assert jsonl_run[0] == 1


def test_error_line_has_code_and_message(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    error = jsonl_run[1][1]
    assert (error["status"], error["error"]["code"], bool(error["error"]["message"])) == (
        "error",
        "file_not_found",
        True,
    )


REQUIRED = ("source", "status", "error", "document_type", "card_side", "fields", "match", "flags")


@pytest.mark.parametrize("position", [0, 2], ids=["certificate", "card"])
def test_ok_line_carries_every_key(
    jsonl_run: tuple[int, list[dict[str, Any]]], position: int
) -> None:
    row = jsonl_run[1][position]
    assert (
        sorted(k for k in (*REQUIRED, "text") if k not in row)
        + sorted(f for f in FIELD_NAMES if f not in row["fields"])
        == []
    )


def test_values_are_typed(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    fields = jsonl_run[1][0]["fields"]
    assert (
        isinstance(fields["ceus"], float),
        dt.date.fromisoformat(fields["completion_date"]).year > 2000,
    ) == (True, True)


def test_certificate_match_shape(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    match = jsonl_run[1][0]["match"]
    assert match is None or {"provider_id", "course_id", "score", "approved"} <= set(match)


def test_evidence_points_at_the_page(jsonl_run: tuple[int, list[dict[str, Any]]]) -> None:
    evidence = jsonl_run[1][0]["evidence"]["holder_name"]
    assert (evidence["page"], len(evidence["box"]), 0 < evidence["confidence"] <= 1) == (0, 4, True)


def test_table_format_prints_a_table() -> None:
    result = _extract(str(_first("ceu_certificate", "digital")), "--format", "table")
    assert "certverify extract" in result.stdout
