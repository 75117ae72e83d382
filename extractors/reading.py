"""Text per page: the PDF text layer where it is real, OCR everywhere else.

Degrade per page, fail per document: a page whose OCR fails or times out comes
back empty with a warning, and the rest of the document is still read.

The OCR path prepares each page the way ``make bench`` showed to pay off
(``extractors.pageprep``): flatten a photographed sheet, divide out uneven
light, bring the letters to the height tesseract reads best, level the lines;
and reads it the right way up (``extractors.orientation``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from extractors import ocr, overlay, preprocess, scripts
from extractors.layout import group_lines, prose_in_columns
from extractors.missed import read_missed_lines
from extractors.orientation import read_image, read_oriented
from extractors.pageprep import Prepared, level_page
from extractors.pdftext import LayerPage, read_text_layer
from extractors.reread import reread_unsure_lines
from extractors.vertical import read_vertical_lines
from ingest.errors import CorruptFile, ToolError, ToolMissing
from ingest.images import DecodedFrames, render_pdf_page
from ingest.model import (
    DocumentText,
    FileKind,
    Line,
    PageText,
    TextSource,
    TriageResult,
)
from ingest.settings import Settings


def read_document(
    path: Path, triage: TriageResult, settings: Settings, frames: DecodedFrames | None = None
) -> DocumentText:
    """Every page's text. ``frames``: where an image file's frames are decoded (and
    kept for the stages after this one)."""
    if triage.kind is FileKind.PDF:
        pages = tuple(_read_pdf_pages(path, triage, settings))
    else:
        each = (frames or DecodedFrames(path, settings, keep=0)).each()
        pages = tuple(ocr_page(frame, index, settings) for index, frame in enumerate(each))
    return DocumentText(triage=triage, pages=pages)


def _read_pdf_pages(path: Path, triage: TriageResult, settings: Settings) -> Iterator[PageText]:
    started = time.perf_counter()
    try:
        layers: list[LayerPage | None] = list(read_text_layer(path))
    except CorruptFile:
        layers = [None] * triage.page_count
    layer_seconds = (time.perf_counter() - started) / max(1, len(layers))
    for index in range(triage.page_count):
        layer = layers[index] if index < len(layers) else None
        if layer is None or not layer_is_readable(layer, settings):
            yield _ocr_pdf_page(path, index, layer, settings)
            continue
        page = PageText(
            index=index,
            width=layer.width,
            height=layer.height,
            source=TextSource.TEXT_LAYER,
            lines=layer.lines,
            rotation=layer.rotation,
            seconds=layer_seconds,
        )
        yield _with_silent_text(path, layer, page, settings)


def layer_is_readable(layer: LayerPage, settings: Settings) -> bool:
    """Enough real text to keep: a layer of a few stray words on a scan, or of
    glyphs without a Unicode map, is replaced by OCR."""
    return (
        layer.char_count >= settings.pdf_text_min_chars
        and layer.quality >= settings.pdf_text_min_quality
    )


def _with_silent_text(path: Path, layer: LayerPage, page: PageText, settings: Settings) -> PageText:
    """The layer's page, with the OCR words of what it leaves unsaid when the
    page prints a good part of its text as artwork (``extractors.overlay``)."""
    started = time.perf_counter()
    if not overlay.may_hide_text(layer, settings):
        return page
    try:
        share = overlay.silent_share(path, page.index, layer, settings)
        if share < settings.pdf_silent_ink_share:
            return replace(page, seconds=page.seconds + time.perf_counter() - started)
        image = render_for_ocr(path, page.index, settings)
    except CorruptFile:
        return page
    upright = preprocess.rotate_quarter(np.asarray(image), layer.rotation)
    read = ocr_page(Image.fromarray(upright), page.index, settings, known_upright=True)
    if read.source is not TextSource.OCR:
        return replace(page, warnings=(*page.warnings, *read.warnings))
    return replace(
        page,
        source=TextSource.LAYER_AND_OCR,
        lines=overlay.merge_words(layer, read.lines, settings),
        warnings=(
            f"OCR added: {share:.0%} of the printed text is outside the text layer",
            *read.warnings,
        ),
        seconds=page.seconds + time.perf_counter() - started,
    )


def _ocr_pdf_page(path: Path, index: int, layer: LayerPage | None, settings: Settings) -> PageText:
    why = "no text layer" if layer is None or layer.char_count == 0 else "unreadable text layer"
    try:
        image = render_for_ocr(path, index, settings)
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


def render_for_ocr(path: Path, index: int, settings: Settings) -> Image.Image:
    """The page at ``render_dpi``, drawn again at a higher resolution when its
    letters come out too small (a card scanned at 600+ DPI on a small page):
    the PDF holds more detail than any interpolation would invent."""
    image = render_pdf_page(path, index, settings)
    glyph = preprocess.glyph_height(preprocess.to_gray(image))
    scale = preprocess.text_scale(
        glyph, target_px=settings.ocr_glyph_px, tolerance=settings.ocr_glyph_tolerance
    )
    if scale <= 1.0:
        return image
    room = (settings.ocr_max_pixels / (image.width * image.height)) ** 0.5
    dpi = min(settings.max_render_dpi, round(settings.render_dpi * min(scale, room)))
    return render_pdf_page(path, index, settings, dpi=dpi) if dpi > settings.render_dpi else image


def ocr_page(
    image: Image.Image, index: int, settings: Settings, *, known_upright: bool = False
) -> PageText:
    """OCR one page image after preparing it; never raises for a bad page.
    ``known_upright``: a drawn PDF page already turned upright (no sheet to find,
    no orientation to detect)."""
    started = time.perf_counter()
    deadline = started + settings.ocr_page_timeout_s
    try:
        vertical: tuple[Line, ...] = ()
        leveled = level_page(np.asarray(image), settings, known_upright=known_upright)
        result, prepared = read_oriented(leveled, settings, deadline, known_upright=known_upright)
        result, language = _in_own_language(result, prepared, settings, deadline)
        if not prepared.script:
            result = reread_unsure_lines(result, prepared.image, settings, deadline, language)
            glyph = preprocess.glyph_height(prepared.image)
            result = read_missed_lines(result, prepared.image, glyph, settings, deadline, language)
            vertical = read_vertical_lines(
                result, prepared.image, glyph, settings, deadline, language
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
    height, width = prepared.image.shape[:2]
    lines = reading_lines(result, width / height) + vertical
    notes = prepared.notes
    if prepared.script:
        lines = scripts.legible_latin(lines)
        notes = (*notes, f"text in {prepared.script} script not read: only legible Latin kept")
    return PageText(
        index=index,
        width=width / prepared.scale,
        height=height / prepared.scale,
        source=TextSource.OCR,
        lines=lines,
        rotation=prepared.rotation,
        warnings=notes,
        seconds=time.perf_counter() - started,
    )


def _in_own_language(
    result: ocr.OcrResult, prepared: Prepared, settings: Settings, deadline: float
) -> tuple[ocr.OcrResult, str]:
    """The page read again with its language's data added, when the English read
    shows French or Spanish words (``extractors.scripts``) and the new read is
    surer of itself; the English read otherwise."""
    text = " ".join(w.text for w in result.words)
    language = scripts.second_language(text, settings.ocr_second_languages)
    if language is None or prepared.script:
        return result, settings.ocr_language
    languages = f"{settings.ocr_language}+{language}"
    again = ocr.on_page(
        read_image(prepared.content(), settings, deadline, languages), prepared.window
    )
    if again.mean_confidence >= result.mean_confidence:
        return again, languages
    return result, settings.ocr_language


def reading_lines(result: ocr.OcrResult, aspect: float) -> tuple[Line, ...]:
    """Rows, as on a text-layer page (a label and its value on one row), unless
    the page sets prose in columns: then tesseract's own order, column by column.

    Measured on the sample set: tesseract's order read a card's label column
    before its value column; rows read a two-column flyer across its columns."""
    rows = group_lines(result.words, aspect=aspect) if result.words else ()
    if prose_in_columns(rows):
        return tuple(line for line in result.lines if line.words)
    return rows


def _failed_page(index: int, layer: LayerPage | None, warning: str) -> PageText:
    return PageText(
        index=index,
        width=layer.width if layer else 0.0,
        height=layer.height if layer else 0.0,
        source=TextSource.NONE,
        warnings=(warning,),
    )
