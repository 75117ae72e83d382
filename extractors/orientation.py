"""Reading a prepared page the right way up.

Most pages arrive upright, and their first read, as they stand, shows it
(``reads_upright``); a page whose letters hang below their lines is read turned
a half turn first, and shows it the same way. Only the others pay for
tesseract's orientation detection, a second read turned the way it says, and
where it is unsure, trial reads of the densest text crop turned each other way.
Detection also names the script: a page in a script not read here keeps only
its legible Latin words.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from extractors import ocr, preprocess, scripts, upright
from extractors.pageprep import Leveled, Prepared, half_turn, upright_page
from ingest.errors import OcrTimeout
from ingest.settings import Settings

TESSERACT_DPI = 300  # the resolution the prepared letters correspond to
# A trial read must beat the upright one by this much to turn the page: two
# letters ("ua" read as "en" sideways) or speckle must not turn a page.
TRIAL_MARGIN = 1.5
TRIAL_MIN_LEAD = 400.0  # about five words read with confidence


def read_oriented(
    leveled: Leveled, settings: Settings, deadline: float, *, known_upright: bool
) -> tuple[ocr.OcrResult, Prepared]:
    """The page's words and the prepared image they were read on, turned upright.

    A page whose lines run down it (``upright.line_direction``) goes to
    orientation detection before it is read: a read of it as it stands would be
    slow and wasted. A page whose letters hang below their lines
    (``upright.ascender_share``) is read turned a half turn first, other pages
    as they stand; detection follows only where that read does not plainly
    read upright."""
    if not known_upright and leveled.line_direction < settings.sideways_below:
        return _read_turned(leveled, settings, deadline)
    as_it_stands = upright_page(leveled, 0, settings)
    prepared = as_it_stands
    if not known_upright and _looks_upside_down(leveled, as_it_stands, settings):
        prepared = half_turn(as_it_stands)
    read = ocr.on_page(read_image(prepared.content(), settings, deadline), prepared.window)
    if known_upright or reads_upright(read, prepared, settings):
        if read.mean_confidence >= settings.script_check_below:
            return read, prepared
        found = detect_orientation(leveled, settings, deadline)
        return read, replace(prepared, script=_unread_script(found, settings))
    reads = {prepared.rotation: read}
    return _read_turned(leveled, settings, deadline, as_it_stands=as_it_stands, reads=reads)


def _looks_upside_down(leveled: Leveled, prepared: Prepared, settings: Settings) -> bool:
    if leveled.glyph is None:
        return False
    share = upright.ascender_share(prepared.content(), leveled.glyph * prepared.scale)
    return share is not None and share < settings.upside_down_below


def _read_turned(
    leveled: Leveled,
    settings: Settings,
    deadline: float,
    *,
    as_it_stands: Prepared | None = None,
    reads: dict[int, ocr.OcrResult] | None = None,
) -> tuple[ocr.OcrResult, Prepared]:
    """A page that does not plainly read upright: turned the way orientation
    detection says, with trial reads where it is unsure. ``as_it_stands``: the
    page already prepared unturned, reused where detection leaves it so or turns
    it a half turn; ``reads``: what it read turned so (by rotation), already."""
    found = detect_orientation(leveled, settings, deadline)
    rotation, alternatives = orientation_choice(found, settings)
    if as_it_stands is not None and rotation in (0, 180):
        prepared = as_it_stands if rotation == 0 else half_turn(as_it_stands)
    else:
        prepared = upright_page(leveled, rotation, settings)
    read = (reads or {}).get(prepared.rotation)
    prepared = replace(prepared, alternatives=alternatives, script=_unread_script(found, settings))
    return read_upright(prepared, settings, deadline, first_read=read)


def reads_upright(read: ocr.OcrResult, prepared: Prepared, settings: Settings) -> bool:
    """Whether the page, read as it stands, plainly reads upright: confident level
    words worth ``upright_min_score`` (``ocr.level_reading``) that hold
    ``upright_min_share`` of the letters read.

    Measured on the samples, captures made from them and the real photos, read
    as they stand: pages a quarter or half turn off scored 0-317 with at most
    12% of their letters in such words; upright pages 876 and more (two with
    next to no text aside), mostly with half their letters or more. Words must
    lie level: tesseract reads a page a quarter turn off one way as vertical
    lines, confidently, with tall word boxes."""
    height, width = prepared.content().shape[:2]
    score, share = ocr.level_reading(read, width, height)
    return score >= settings.upright_min_score and share >= settings.upright_min_share


def _unread_script(found: ocr.Orientation, settings: Settings) -> str:
    return scripts.unread_script(found.script, found.script_confidence, settings)


def detect_orientation(leveled: Leveled, settings: Settings, deadline: float) -> ocr.Orientation:
    """Tesseract's orientation and script detection, on a copy whose letters are
    ``osd_glyph_px`` high (detection is no surer on larger letters, and slower)."""
    glyph = leveled.glyph
    small = preprocess.resize(
        leveled.gray, min(1.0, settings.osd_glyph_px / glyph) if glyph else 1.0
    )
    return ocr.detect_orientation(
        small, timeout_s=time_left(deadline, settings), engine=settings.ocr_engine
    )


def orientation_choice(found: ocr.Orientation, settings: Settings) -> tuple[int, tuple[int, ...]]:
    """Clockwise quarter turn that makes the page upright, and the further turns
    still to try when detection was unsure.

    Detection is trusted above ``osd_min_confidence``. Below it (little text: it
    turned a 2400 DPI recipe card upside down at confidence 2.6, a speckled card
    sideways at 0.06) the page is read as most pages are, upright, and
    ``read_upright`` checks upside down and the way detection leaned.
    """
    if found.confidence >= settings.osd_min_confidence:
        return found.rotate, ()
    if found.confidence <= 0:
        return 0, (90, 180, 270)
    return 0, tuple(sorted({found.rotate, 180} - {0}))


def read_upright(
    prepared: Prepared,
    settings: Settings,
    deadline: float,
    *,
    first_read: ocr.OcrResult | None = None,
) -> tuple[ocr.OcrResult, Prepared]:
    """OCR the prepared page (unless ``first_read`` already did). When its
    orientation is in doubt, read its densest crop turned each other way too,
    and read the page again turned the way that reads clearly better (an
    upside-down page reads as a few unsure fragments)."""
    result = first_read or ocr.on_page(
        read_image(prepared.content(), settings, deadline), prepared.window
    )
    if not prepared.alternatives:
        return result, prepared
    crop, window = preprocess.text_crop(prepared.content(), settings.orientation_trial_px)
    window = ocr.inside(window, prepared.window)
    base = ocr.reading_score(ocr.within(result, window))
    best, best_score = 0, base
    for turn in prepared.alternatives:
        score = ocr.reading_score(
            read_image(preprocess.rotate_quarter(crop, turn), settings, deadline)
        )
        if score > TRIAL_MARGIN * base + TRIAL_MIN_LEAD and score > best_score:
            best, best_score = turn, score
    if best == 0:
        return result, prepared
    turned = preprocess.rotate_quarter(prepared.image, best)
    rotation = (prepared.rotation + best) % 360
    notes = (*prepared.notes, f"turned {rotation} degrees after trial reads")
    return read_image(turned, settings, deadline), replace(
        prepared, image=turned, rotation=rotation, notes=notes, window=(0.0, 0.0, 1.0, 1.0)
    )


def read_image(
    image: np.ndarray, settings: Settings, deadline: float, language: str | None = None
) -> ocr.OcrResult:
    return ocr.ocr_words(
        image,
        language=language or settings.ocr_language,
        timeout_s=time_left(deadline, settings),
        dpi=TESSERACT_DPI,
        min_confidence=settings.ocr_min_confidence,
        engine=settings.ocr_engine,
    )


def time_left(deadline: float, settings: Settings) -> float:
    left = deadline - time.perf_counter()
    if left <= 0:
        raise OcrTimeout(settings.ocr_page_timeout_s)
    return left
