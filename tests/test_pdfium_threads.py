"""PDFium is not thread-safe: page previews served by several API threads at
once, and text layers read beside them, must not crash the process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from extractors.pdftext import read_text_layer
from ingest.images import render_pdf_page
from ingest.settings import Settings
from tests.locations import SAMPLES_DIR

PDFS = sorted((SAMPLES_DIR / "set").glob("*-digital.pdf"))[:6]


def _work(path: Path, settings: Settings) -> int:
    image = render_pdf_page(path, 0, settings, dpi=72)
    return image.width + len(read_text_layer(path))


def test_concurrent_renders_and_text_layers(settings: Settings) -> None:
    jobs = [path for path in PDFS for _ in range(5)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda path: _work(path, settings), jobs))
    assert len([s for s in sizes if s > 0]) == len(jobs)
