"""``certverify audit``: the JSON contract and the table (extraction replaced by records), then
end to end on sample files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import cli.audit_cmd
from audit.model import TrainerProfile
from audit.readiness import assess
from cli.main import app
from ingest.record import CardSide, DocumentRecord, Fields, Flag, Match
from ingest.settings import Settings
from pipeline.run import process_file
from tests.audit_factories import AS_OF, CERT_EXPIRY, TRAINER, card, ceu

RECORDS = {
    "kettlebell.pdf": ceu("kettlebell", ceus=0.8),
    "barbell.pdf": ceu("barbell", course="Advanced Barbell Coaching", ceus=1.2),
    "card-front.jpg": card("card-front", side=CardSide.FRONT, certificate_id="EC-1"),
    "card-back.jpg": card("card-back", side=CardSide.BACK, certificate_id="EC-1", holder=None),
}


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of placeholder files whose 'extraction' returns the records above."""
    for name in RECORDS:
        (tmp_path / name).write_bytes(b"placeholder")

    def fake_extract(path: Path, settings: Settings, **kwargs: Any) -> DocumentRecord:
        return RECORDS[path.name].model_copy(update={"source": kwargs["source"]})

    monkeypatch.setattr(cli.audit_cmd, "process_isolated", fake_extract)
    return tmp_path


def run_audit(folder: Path, *files: str, extra: tuple[str, ...] = ()) -> Any:
    args = [str(folder / f) for f in files] or [str(folder)]
    return CliRunner().invoke(
        app,
        [
            "audit",
            *args,
            "--trainer-name",
            TRAINER,
            "--cert-expiry",
            CERT_EXPIRY.isoformat(),
            "--as-of",
            AS_OF.isoformat(),
            *extra,
        ],
        env={"COLUMNS": "200"},
    )


@pytest.mark.parametrize(
    ("files", "summary"),
    [
        ((), (True, 100, 2.0, True)),
        (("kettlebell.pdf", "card-front.jpg", "card-back.jpg"), (False, 76, 0.8, True)),
        (("kettlebell.pdf", "barbell.pdf", "card-front.jpg"), (False, 90, 2.0, False)),
    ],
    ids=["complete-folder", "short-of-ceus", "card-back-missing"],
)
def test_json_summary(uploads: Path, files: tuple[str, ...], summary: tuple) -> None:
    data = json.loads(run_audit(uploads, *files, extra=("--format", "json")).stdout)
    assert (data["ready"], data["score"], data["total_ceus"], data["cpr_aed"]["valid"]) == summary


def test_json_contract_keys(uploads: Path) -> None:
    data = json.loads(run_audit(uploads, extra=("--format", "json")).stdout)
    shape = (
        set(data) >= {"ready", "score", "total_ceus", "cpr_aed", "entries", "flags", "deadline"},
        set(data["cpr_aed"]) >= {"valid", "front", "back", "expiry_date"},
        set(data["deadline"]) >= {"state", "fees"},
        set(data["checklist"][0]) >= {"key", "passed", "why", "documents"},
    )
    assert shape == (True, True, True, True)


def test_flags_name_documents_by_path(uploads: Path) -> None:
    result = run_audit(uploads, "kettlebell.pdf", "card-front.jpg", extra=("--format", "json"))
    flags = {f["code"]: f["documents"] for f in json.loads(result.stdout)["flags"]}
    assert flags["cpr_aed_back_missing"] == [str(uploads / "card-front.jpg")]


@pytest.mark.parametrize(
    ("files", "exit_code"),
    [((), 0), (("kettlebell.pdf",), 1)],
    ids=["ready-exits-0", "not-ready-exits-1"],
)
def test_exit_code(uploads: Path, files: tuple[str, ...], exit_code: int) -> None:
    assert run_audit(uploads, *files, extra=("--format", "json")).exit_code == exit_code


@pytest.mark.parametrize(
    "text",
    ["READY", "score 100/100", "Checklist", "CEU entries", "Advanced Barbell Coaching"],
    ids=["verdict", "score", "checklist", "entries", "course"],
)
def test_table_output(uploads: Path, text: str) -> None:
    assert text in run_audit(uploads).stdout


def test_bad_date_is_a_usage_error(uploads: Path) -> None:
    result = CliRunner().invoke(
        app, ["audit", str(uploads), "--trainer-name", TRAINER, "--cert-expiry", "30/06/2026"]
    )
    assert result.exit_code == 2


# End to end: the real pipeline on sample files, checked against the rules applied to their truth.

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_EXPIRY = dt.date(2026, 12, 31)
SAMPLE_AS_OF = dt.date(2026, 11, 24)
# One trainer's uploads: two captures of one certificate (the second is a duplicate), or the
# two sides of one card (paired into one card).
APPLICATIONS = {
    "approved-digital-and-rotated": ("cert-badge-01-digital", "cert-badge-01-rotated"),
    "afaa-and-nasm-credits-digital-and-scan": (
        "cert-multi-credit-01-digital",
        "cert-multi-credit-01-scan_clean",
    ),
    "unapproved-digital-and-photo": (
        "cert-prose-classic-02-digital",
        "cert-prose-classic-02-photo",
    ),
    "aha-card-front-and-back": ("card-aha-bls-01-front-digital", "card-aha-bls-01-back-digital"),
    "red-cross-card-front-and-back": (
        "card-arc-adult-01-front-digital",
        "card-arc-adult-01-back-digital",
    ),
}


def load_truth(sample_id: str) -> dict[str, Any]:
    return json.loads((SAMPLES / "truth" / f"{sample_id}.json").read_text())


def truth_record(truth: dict[str, Any]) -> DocumentRecord:
    """What a perfect reader would conclude about a sample file."""
    path = SAMPLES / truth["file"]
    catalog = truth["catalog"] or {}
    return DocumentRecord(
        source=str(path),
        status="ok",
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        document_type=truth["document_type"],
        card_side=truth["card_side"],
        fields=Fields.model_validate(truth["fields"]),
        hands_on_skills=truth["hands_on_skills"],
        match=Match(
            provider_id=catalog.get("provider_id"),
            course_id=catalog.get("course_id"),
            score=100.0,
            approved=bool(catalog),
        ),
        flags=[Flag(code=code, message=code) for code in truth["expected_flags"]],
    )


@pytest.fixture(scope="module")
def extraction_ready() -> None:
    """Skip unless the samples exist and the pipeline fills fields in from them."""
    first = SAMPLES / "truth" / "cert-table-01-digital.json"
    if not first.exists():
        pytest.skip("samples/set and samples/truth are not generated (make samples)")
    record = process_file(SAMPLES / load_truth("cert-table-01-digital")["file"], Settings())
    if record.fields.ceus is None and record.fields.holder_name is None:
        pytest.skip("field extraction does not fill fields in yet: the audit has nothing to read")


def summary(data: dict[str, Any]) -> tuple[float, bool, list[str]]:
    return data["total_ceus"], data["cpr_aed"]["valid"], sorted(f["code"] for f in data["flags"])


@pytest.mark.slow
@pytest.mark.parametrize("ids", list(APPLICATIONS.values()), ids=list(APPLICATIONS))
def test_audit_of_sample_files_matches_their_truth(
    extraction_ready: None, ids: tuple[str, ...]
) -> None:
    truths = [load_truth(sample_id) for sample_id in ids]
    holder = next(t["fields"]["holder_name"] for t in truths if t["fields"]["holder_name"])
    settings = Settings()
    profile = TrainerProfile.for_cycle(
        name=holder, certification_expiry=SAMPLE_EXPIRY, settings=settings
    )
    expected = assess([truth_record(t) for t in truths], profile, SAMPLE_AS_OF, settings)
    result = CliRunner().invoke(
        app,
        [
            "audit",
            *(str(SAMPLES / t["file"]) for t in truths),
            "--trainer-name",
            holder,
            "--cert-expiry",
            SAMPLE_EXPIRY.isoformat(),
            "--as-of",
            SAMPLE_AS_OF.isoformat(),
            "--catalog",
            str(SAMPLES / "catalog.csv"),
            "--format",
            "json",
        ],
    )
    assert summary(json.loads(result.stdout)) == summary(expected.to_json_dict())
