"""Text per page: the PDF text layer where it is real, OCR everywhere else.

Degrade per page, fail per document: a page whose OCR fails or times out comes
back empty with a warning, and the rest of the document is still read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from extractors import ocr, preprocess
from extractors.layout import group_lines
from extractors.pdftext import LayerPage, read_text_layer
from ingest.errors import CorruptFile, ToolError, ToolMissing
from ingest.images import iter_image_frames, render_pdf_page
from ingest.model import DocumentText, FileKind, PageText, TextSource, TriageResult
from ingest.settings import Settings


def read_document(path: Path, triage: TriageResult, settings: Settings) -> DocumentText:
    if triage.kind is FileKind.PDF:
        pages = tuple(_read_pdf_pages(path, triage, settings))
    else:
        pages = tuple(
            ocr_page(frame, index, settings)
            for index, frame in enumerate(iter_image_frames(path, settings))
        )
    return DocumentText(triage=triage, pages=pages)


def _read_pdf_pages(path: Path, triage: TriageResult, settings: Settings) -> Iterator[PageText]:
    try:
        layers: list[LayerPage | None] = list(read_text_layer(path))
    except CorruptFile:
        layers = [None] * triage.page_count
    for index in range(triage.page_count):
        layer = layers[index] if index < len(layers) else None
        if layer is not None and layer_is_readable(layer, settings):
            yield PageText(
                index=index,
                width=layer.width,
                height=layer.height,
                source=TextSource.TEXT_LAYER,
                lines=layer.lines,
            )
            continue
        yield _ocr_pdf_page(path, index, layer, settings)


def layer_is_readable(layer: LayerPage, settings: Settings) -> bool:
    """Enough real text, and not a scan with a few stray text objects on top."""
    if layer.char_count < settings.pdf_text_min_chars:
        return False
    if layer.quality < settings.pdf_text_min_quality:
        return False
    return not (layer.image_coverage > 0.8 and layer.char_count < 4 * settings.pdf_text_min_chars)


def _ocr_pdf_page(path: Path, index: int, layer: LayerPage | None, settings: Settings) -> PageText:
    why = "no text layer" if layer is None or layer.char_count == 0 else "unreadable text layer"
    try:
        image = render_pdf_page(path, index, settings)
    except CorruptFile as e:
        return _failed_page(index, layer, f"page could not be drawn: {e.message}")
    page = ocr_page(image, index, settings)
    return PageText(
        index=page.index,
        width=page.width,
        height=page.height,
        source=page.source,
        lines=page.lines,
        rotation=page.rotation,
        warnings=(f"OCR used: {why}", *page.warnings),
        seconds=page.seconds,
    )


def ocr_page(image: Image.Image, index: int, settings: Settings) -> PageText:
    """OCR one page image after preparing it; never raises for a bad page."""
    started = time.perf_counter()
    gray = preprocess.to_gray(image)
    try:
        rotation, _ = ocr.detect_orientation(gray, timeout_s=settings.ocr_page_timeout_s / 4)
        upright = preprocess.rotate_quarter(gray, rotation)
        prepared = preprocess.prepare_for_ocr(upright)
        result = ocr.ocr_words(
            prepared,
            language=settings.ocr_language,
            timeout_s=settings.ocr_page_timeout_s,
            min_confidence=settings.ocr_min_confidence,
        )
    except ToolMissing:
        raise
    except ToolError as e:
        return PageText(
            index=index,
            width=float(image.width),
            height=float(image.height),
            source=TextSource.NONE,
            warnings=(f"{e.code}: {e.message}",),
            seconds=time.perf_counter() - started,
        )
    height, width = upright.shape[:2]
    return PageText(
        index=index,
        width=float(width),
        height=float(height),
        source=TextSource.OCR,
        lines=group_lines(result.words),
        rotation=rotation,
        seconds=time.perf_counter() - started,
    )


def _failed_page(index: int, layer: LayerPage | None, warning: str) -> PageText:
    return PageText(
        index=index,
        width=layer.width if layer else 0.0,
        height=layer.height if layer else 0.0,
        source=TextSource.NONE,
        warnings=(warning,),
    )
