"""The pipeline reads a real text-layer PDF end to end."""

from __future__ import annotations

from pathlib import Path

from ingest.settings import Settings
from pipeline.run import process_file


def test_text_layer_pdf_is_read_without_ocr(hostile_dir: Path, settings: Settings) -> None:
    record = process_file(hostile_dir / "missing_docinfo.pdf", settings)
    assert record.pages[0].source == "text_layer"
    assert record.text == "This file has no /DocumentInfo block"
