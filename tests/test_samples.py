"""The committed sample set: every truth is well formed and every file opens."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTHS = sorted((SAMPLES / "truth").glob("*.json"))
DEMO_FILES = sorted(p for p in (SAMPLES / "demo").iterdir() if p.is_file())

DOCUMENT_TYPES = {"ceu_certificate", "cpr_aed_card", "other", "unknown"}
CARD_SIDES = {None, "front", "back", "both"}
CAPTURES = ("digital", "scan_clean", "scan_degraded", "photo", "rotated")
FLAGS = {
    "card_expired",
    "provider_not_approved",
    "card_online_only",
    "card_not_adult_cpr_aed",
    "ceus_mismatch",
}
FIELDS: dict[str, type | tuple[type, ...]] = {
    "holder_name": str,
    "provider_name": str,
    "course_title": str,
    "course_code": str,
    "ceus": (int, float),
    "contact_hours": (int, float),
    "completion_date": str,
    "expiry_date": str,
    "certificate_id": str,
}
REQUIRED: dict[str, type] = {
    "id": str,
    "file": str,
    "document_type": str,
    "capture": str,
    "design": str,
    "fields": dict,
    "expected_flags": list,
    "text": list,
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


ALL = {path.stem: _load(path) for path in TRUTHS}


def test_the_set_is_not_empty() -> None:
    assert len(ALL) >= 90


@pytest.mark.parametrize("truth", ALL.values(), ids=list(ALL))
def test_truth_is_well_formed(truth: dict[str, Any]) -> None:
    for key, kind in REQUIRED.items():
        assert isinstance(truth[key], kind), key
    assert truth["document_type"] in DOCUMENT_TYPES
    assert truth["card_side"] in CARD_SIDES
    assert truth["capture"] in CAPTURES
    assert truth["hands_on_skills"] in (None, True, False)
    assert set(truth["expected_flags"]) <= FLAGS
    assert set(truth["fields"]) == set(FIELDS)
    for name, value in truth["fields"].items():
        assert value is None or isinstance(value, FIELDS[name]), name
    for name in ("completion_date", "expiry_date"):
        value = truth["fields"][name]
        if value is not None:
            assert dt.date.fromisoformat(value).isoformat() == value
    assert all(isinstance(line, str) and line for line in truth["text"])
    catalog = truth["catalog"]
    assert catalog is None or set(catalog) == {"provider_id", "course_id"}


@pytest.mark.parametrize("truth", ALL.values(), ids=list(ALL))
def test_truth_is_consistent(truth: dict[str, Any]) -> None:
    fields, flags, kind = truth["fields"], set(truth["expected_flags"]), truth["document_type"]
    if kind == "ceu_certificate":
        assert fields["ceus"] is not None or fields["contact_hours"] is not None
        assert truth["card_side"] is None and truth["hands_on_skills"] is None
        assert fields["expiry_date"] is None
        assert ("provider_not_approved" in flags) == (truth["catalog"] is None)
    elif kind == "cpr_aed_card":
        assert truth["card_side"] is not None and truth["catalog"] is None
        assert fields["ceus"] is None
        if truth["card_side"] in ("front", "both"):
            assert fields["expiry_date"] is not None
            assert isinstance(truth["hands_on_skills"], bool)
        if "card_expired" in flags:
            assert fields["expiry_date"] < truth.get("flags_as_of", "2026-11-24")
    else:
        assert all(value is None for value in fields.values())
        assert not flags and truth["catalog"] is None


@pytest.mark.parametrize("truth", ALL.values(), ids=list(ALL))
def test_file_exists_and_opens(truth: dict[str, Any]) -> None:
    path = SAMPLES / truth["file"]
    assert path.is_file()
    assert path.stem == truth["id"]
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == truth.get("pages", len(pdf.pages))
    else:
        if path.suffix == ".heic":
            pillow_heif = pytest.importorskip("pillow_heif")
            pillow_heif.register_heif_opener()
        with Image.open(path) as image:
            image.verify()


@pytest.mark.parametrize("capture", CAPTURES)
def test_each_capture_has_certificates_and_cards(capture: str) -> None:
    kinds = Counter(t["document_type"] for t in ALL.values() if t["capture"] == capture)
    assert sum(kinds.values()) >= 8
    assert kinds["ceu_certificate"] > 0 and kinds["cpr_aed_card"] > 0


def test_every_sample_file_has_a_truth() -> None:
    """Files in set/ and in the trainers' folders under applications/, each with its truth."""
    referenced = {t["file"] for t in ALL.values()}
    files = [*(SAMPLES / "set").iterdir(), *(SAMPLES / "applications").rglob("*")]
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in files if p.is_file()}
    assert on_disk == referenced


@pytest.mark.parametrize("path", DEMO_FILES, ids=[p.name for p in DEMO_FILES])
def test_demo_file_is_a_copy_of_a_truthed_file(path: Path) -> None:
    truth = ALL[path.stem]
    assert (SAMPLES / truth["file"]).read_bytes() == path.read_bytes()


def test_the_tricky_captures_are_present() -> None:
    """Sideways EXIF photos, HEIC, /Rotate pages and multi-page PDFs stay in the set."""
    files = [SAMPLES / t["file"] for t in ALL.values()]
    turned_by_exif = 0
    for path in (p for p in files if p.suffix == ".jpg"):
        with Image.open(path) as image:
            turned_by_exif += image.getexif().get(0x0112, 1) != 1
    rotated_pages = multi_page = 0
    for path in (p for p in files if p.suffix == ".pdf"):
        with pikepdf.open(path) as pdf:
            rotated_pages += any(int(page.obj.get("/Rotate", 0)) % 360 for page in pdf.pages)
            multi_page += len(pdf.pages) > 1
    assert turned_by_exif >= 3
    assert any(p.suffix == ".heic" for p in files)
    assert rotated_pages >= 2 and multi_page >= 2
