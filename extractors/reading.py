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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from extractors import ocr, preprocess
from extractors.pdftext import LayerPage, read_text_layer
from ingest.errors import CorruptFile, ErrorCode, ToolError, ToolMissing
from ingest.images import iter_image_frames, render_pdf_page
from ingest.model import DocumentText, FileKind, PageText, TextSource, TriageResult
from ingest.settings import Settings

TESSERACT_DPI = 300  # the resolution the prepared letters correspond to
# A trial read must beat the upright one by this much to turn the page: two
# letters ("ua" read as "en" sideways) must not turn a page.
TRIAL_MARGIN = 1.5
TRIAL_MIN_LEAD = 200.0


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
                rotation=layer.rotation,
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
    notes: tuple[str, ...]


def ocr_page(image: Image.Image, index: int, settings: Settings) -> PageText:
    """OCR one page image after preparing it; never raises for a bad page."""
    started = time.perf_counter()
    deadline = started + settings.ocr_page_timeout_s
    try:
        prepared = prepare_page(np.asarray(image), settings, deadline)
        result = ocr.ocr_words(
            prepared.image,
            language=settings.ocr_language,
            timeout_s=_remaining(deadline, settings),
            dpi=TESSERACT_DPI,
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
    height, width = prepared.image.shape[:2]
    return PageText(
        index=index,
        width=width / prepared.scale,
        height=height / prepared.scale,
        source=TextSource.OCR,
        lines=tuple(line for line in result.lines if line.words),
        rotation=prepared.rotation,
        warnings=prepared.notes,
        seconds=time.perf_counter() - started,
    )


def prepare_page(pixels: np.ndarray, settings: Settings, deadline: float) -> Prepared:
    """Flatten, even out the light, turn upright, scale the letters, deskew."""
    notes: list[str] = []
    gray = preprocess.to_gray(pixels)
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
    rotation = choose_rotation(gray, settings, deadline)
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
    return Prepared(preprocess.rotate_small(scaled, angle), scale, rotation, tuple(notes))


def choose_rotation(gray: np.ndarray, settings: Settings, deadline: float) -> int:
    """Clockwise quarter turn that makes the page upright.

    Tesseract's orientation detection runs on a small copy; it is trusted above
    ``osd_min_confidence``. Below it (little text, large or small letters: it
    turned a 2400 DPI recipe card upside down at confidence 2.6), a crop of the
    page is read in each candidate orientation and the best read wins.
    """
    glyph = preprocess.glyph_height(gray)
    small = preprocess.resize(gray, min(1.0, settings.osd_glyph_px / glyph) if glyph else 1.0)
    found = ocr.detect_orientation(small, timeout_s=_remaining(deadline, settings))
    if found.confidence >= settings.osd_min_confidence:
        return found.rotate
    if found.confidence > 0:
        candidates = [found.rotate, (found.rotate + 180) % 360]
    else:
        candidates = [0, 90, 180, 270]
    scale = preprocess.text_scale(glyph, target_px=settings.ocr_glyph_px, tolerance=0.0)
    crop = preprocess.text_crop(preprocess.resize(gray, scale), settings.orientation_trial_px)
    scores = {}
    for rotation in candidates:
        trial = ocr.ocr_words(
            preprocess.rotate_quarter(crop, rotation),
            language=settings.ocr_language,
            timeout_s=_remaining(deadline, settings),
            dpi=TESSERACT_DPI,
        )
        scores[rotation] = ocr.reading_score(trial)
    prior = 0 if 0 in candidates else candidates[0]
    best = max(candidates, key=lambda rotation: scores[rotation])
    clearly_better = scores[best] > TRIAL_MARGIN * scores[prior] + TRIAL_MIN_LEAD
    return best if clearly_better else prior


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
