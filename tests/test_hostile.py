"""Every odd or hostile real file gets an answer in bounded time and memory:
a processed document or a specific error code, never a crash or a hang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from ingest.settings import Settings
from pipeline.isolate import process_isolated
from pipeline.run import out_of_memory
from tests.locations import HOSTILE_DIR, ROOT

EXPECTED_ERRORS = {
    "invalid.pdf": "corrupt_file",
    "hugemono.pdf": "image_too_large",
    "SOURCES.md": "unsupported_type",
    "linn.txt": "unsupported_type",
}
HOSTILE_FILES = sorted(p.name for p in HOSTILE_DIR.iterdir())


@pytest.mark.parametrize("name", HOSTILE_FILES, ids=HOSTILE_FILES)
def test_hostile_file_gets_an_answer(name: str, settings: Settings) -> None:
    record = process_isolated(HOSTILE_DIR / name, settings)
    outcome = record.error.code if record.error else record.status
    assert outcome == EXPECTED_ERRORS.get(name, "ok")


def test_timeout_stops_a_document_and_says_so(settings: Settings) -> None:
    quick = settings.model_copy(update={"document_timeout_s": 0.3})
    record = process_isolated(HOSTILE_DIR / "linn.png", quick)
    assert record.error is not None and record.error.code == "processing_timeout"


def test_memory_cap_stops_a_document_and_says_so(settings: Settings) -> None:
    """A real allocation failure: the child may use 300 MB, the page needs more."""
    tight = settings.model_copy(update={"max_memory_mb": 300})
    record = process_isolated(HOSTILE_DIR / "enormous.pdf", tight)
    assert record.error is not None and record.error.code == "resource_limit"


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    inputs = [HOSTILE_DIR / "invalid.pdf", bad, HOSTILE_DIR / "overlay.pdf", tmp_path / "gone.pdf"]
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "extract", "--format", "jsonl", *map(str, inputs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    outcomes = [(row["error"] or {}).get("code", row["status"]) for row in lines]
    assert (result.returncode, outcomes) == (
        1,
        ["corrupt_file", "file_empty", "ok", "file_not_found"],
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("OpenCV(4.10.0) error: (-4:Insufficient memory) Failed to allocate 9 bytes", True),
        ("OpenCV(4.10.0) error: (-215:Assertion failed) !ssize.empty()", False),
    ],
    ids=["allocation-failed", "another-opencv-error"],
)
def test_a_librarys_own_out_of_memory_error_is_the_memory_cap(message: str, expected: bool) -> None:
    """Which call meets the cap first depends on what the parent holds, so OpenCV's
    own error for it is made here from its message (an allocation failure cannot be
    made to land in OpenCV to order)."""
    assert out_of_memory(cv2.error(message)) is expected
