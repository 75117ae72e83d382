"""Text per page: the PDF text layer where it is real, OCR everywhere else.

Degrade per page, fail per document: a page whose OCR fails or times out comes
back empty with a warning, and the rest of the document is still read.

The OCR path prepares each page the way ``make bench`` showed to pay off:
flatten a photographed sheet, divide out uneven light, turn the page upright
(tesseract's orientation detection, checked by trial reads when it is unsure),
bring the letters to the height tesseract reads best, level the lines.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from extractors import ocr, overlay, preprocess, scripts
from extractors.layout import group_lines, prose_in_columns
from extractors.pdftext import LayerPage, read_text_layer
from ingest.errors import CorruptFile, ErrorCode, ToolError, ToolMissing
from ingest.images import iter_image_frames, render_pdf_page
from ingest.model import (
    DocumentText,
    FileKind,
    Line,
    PageText,
    TextSource,
    TriageResult,
)
from ingest.settings import Settings

TESSERACT_DPI = 300  # the resolution the prepared letters correspond to
# A trial read must beat the upright one by this much to turn the page: two
# letters ("ua" read as "en" sideways) or speckle must not turn a page.
TRIAL_MARGIN = 1.5
TRIAL_MIN_LEAD = 400.0  # about five words read with confidence


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page image ready for tesseract, and what was done to get there."""

    image: np.ndarray
    scale: float  # prepared pixels per source pixel
    rotation: int  # clockwise quarter turn applied
    alternatives: tuple[int, ...]  # further turns to try: orientation detection was unsure
    notes: tuple[str, ...]
    window: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)  # where the ink is
    script: str = ""  # a script tesseract saw that is not read here ("Arabic"); "" otherwise

    def content(self) -> np.ndarray:
        """The part of the page that holds ink: what tesseract is given."""
        height, width = self.image.shape[:2]
        x0, y0, x1, y1 = self.window
        return self.image[
            round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)
        ]


def ocr_page(
    image: Image.Image, index: int, settings: Settings, *, known_upright: bool = False
) -> PageText:
    """OCR one page image after preparing it; never raises for a bad page.
    ``known_upright``: a drawn PDF page already turned upright (no sheet to find,
    no orientation to detect)."""
    started = time.perf_counter()
    deadline = started + settings.ocr_page_timeout_s
    try:
        prepared = prepare_page(np.asarray(image), settings, deadline, known_upright=known_upright)
        result, prepared = read_upright(prepared, settings, deadline)
        result = _in_own_language(result, prepared, settings, deadline)
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
    lines = reading_lines(result, width / height)
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
) -> ocr.OcrResult:
    """The page read again with its language's data added, when the English read
    shows French or Spanish words (``extractors.scripts``) and the new read is
    surer of itself; the English read otherwise."""
    text = " ".join(w.text for w in result.words)
    language = scripts.second_language(text, settings.ocr_second_languages)
    if language is None or prepared.script:
        return result
    languages = f"{settings.ocr_language}+{language}"
    again = ocr.on_page(_ocr(prepared.content(), settings, deadline, languages), prepared.window)
    return again if again.mean_confidence >= result.mean_confidence else result


def reading_lines(result: ocr.OcrResult, aspect: float) -> tuple[Line, ...]:
    """Rows, as on a text-layer page (a label and its value on one row), unless
    the page sets prose in columns: then tesseract's own order, column by column.

    Measured on the sample set: tesseract's order read a card's label column
    before its value column; rows read a two-column flyer across its columns."""
    rows = group_lines(result.words, aspect=aspect) if result.words else ()
    if prose_in_columns(rows):
        return tuple(line for line in result.lines if line.words)
    return rows


def prepare_page(
    pixels: np.ndarray, settings: Settings, deadline: float, *, known_upright: bool = False
) -> Prepared:
    """Flatten, even out the light, turn upright, scale the letters, deskew."""
    notes: list[str] = []
    gray = preprocess.to_gray(pixels)
    quad = None
    if not known_upright:
        quad = preprocess.find_page_quad(
            pixels,
            min_area=settings.photo_min_page_share,
            max_area=settings.photo_max_page_share,
            min_contrast=settings.photo_min_contrast,
        )
    if quad is not None:
        gray = preprocess.flatten_quad(gray, quad)
        notes.append("photo: sheet found and flattened")
    if preprocess.is_dark_page(gray):
        gray = preprocess.invert(gray)
        notes.append("light text on a dark page: inverted")
    gray = preprocess.normalize_illumination(gray)
    rotation, alternatives, found = detect_rotation(gray, settings, deadline)
    if known_upright:
        rotation, alternatives = 0, ()
    script = scripts.unread_script(found.script, found.script_confidence, settings)
    upright = preprocess.rotate_quarter(gray, rotation)
    scale = preprocess.text_scale(
        preprocess.glyph_height(upright),
        target_px=settings.ocr_glyph_px,
        tolerance=settings.ocr_glyph_tolerance,
    )
    scale = min(scale, (settings.ocr_max_pixels / upright.size) ** 0.5)
    scaled = preprocess.resize(upright, scale)
    if preprocess.noise_level(scaled) >= settings.despeckle_min_noise:
        scaled = preprocess.despeckle(scaled)
        notes.append("speckle removed")
    angle = preprocess.skew_angle(scaled)
    if abs(angle) >= 0.2:
        notes.append(f"deskewed by {angle:.1f} degrees")
    image = preprocess.rotate_small(scaled, angle)
    window = preprocess.content_window(image)
    return Prepared(image, scale, rotation, alternatives, tuple(notes), window, script)


def detect_rotation(
    gray: np.ndarray, settings: Settings, deadline: float
) -> tuple[int, tuple[int, ...], ocr.Orientation]:
    """Clockwise quarter turn that makes the page upright, the further turns
    still to try when tesseract's orientation detection was unsure, and what
    detection found (its script too).

    Detection runs on a small copy and is trusted above ``osd_min_confidence``.
    Below it (little text: it turned a 2400 DPI recipe card upside down at
    confidence 2.6, a speckled card sideways at 0.06) the page is read as most
    pages are, upright, and ``read_upright`` checks upside down and the way
    detection leaned.
    """
    glyph = preprocess.glyph_height(gray)
    small = preprocess.resize(gray, min(1.0, settings.osd_glyph_px / glyph) if glyph else 1.0)
    found = ocr.detect_orientation(small, timeout_s=_remaining(deadline, settings))
    if found.confidence >= settings.osd_min_confidence:
        return found.rotate, (), found
    if found.confidence <= 0:
        return 0, (90, 180, 270), found
    return 0, tuple(sorted({found.rotate, 180} - {0})), found


def read_upright(
    prepared: Prepared, settings: Settings, deadline: float
) -> tuple[ocr.OcrResult, Prepared]:
    """OCR the prepared page. When its orientation is in doubt, read its densest
    crop turned each other way too, and read the page again turned the way that
    reads clearly better (an upside-down page reads as a few unsure fragments)."""
    result = ocr.on_page(_ocr(prepared.content(), settings, deadline), prepared.window)
    if not prepared.alternatives:
        return result, prepared
    crop, window = preprocess.text_crop(prepared.content(), settings.orientation_trial_px)
    window = ocr.inside(window, prepared.window)
    base = ocr.reading_score(ocr.within(result, window))
    best, best_score = 0, base
    for turn in prepared.alternatives:
        score = ocr.reading_score(_ocr(preprocess.rotate_quarter(crop, turn), settings, deadline))
        if score > TRIAL_MARGIN * base + TRIAL_MIN_LEAD and score > best_score:
            best, best_score = turn, score
    if best == 0:
        return result, prepared
    turned = preprocess.rotate_quarter(prepared.image, best)
    rotation = (prepared.rotation + best) % 360
    notes = (*prepared.notes, f"turned {rotation} degrees after trial reads")
    return _ocr(turned, settings, deadline), replace(
        prepared, image=turned, rotation=rotation, notes=notes, window=(0.0, 0.0, 1.0, 1.0)
    )


def _ocr(
    image: np.ndarray, settings: Settings, deadline: float, language: str | None = None
) -> ocr.OcrResult:
    return ocr.ocr_words(
        image,
        language=language or settings.ocr_language,
        timeout_s=_remaining(deadline, settings),
        dpi=TESSERACT_DPI,
        min_confidence=settings.ocr_min_confidence,
    )


def _remaining(deadline: float, settings: Settings) -> float:
    left = deadline - time.perf_counter()
    if left <= 0:
        raise ToolError(
            f"Text recognition took longer than {settings.ocr_page_timeout_s:g} s on this page.",
            code=ErrorCode.OCR_TIMEOUT,
        )
    return left


def _failed_page(index: int, layer: LayerPage | None, warning: str) -> PageText:
    return PageText(
        index=index,
        width=layer.width if layer else 0.0,
        height=layer.height if layer else 0.0,
        source=TextSource.NONE,
        warnings=(warning,),
    )
