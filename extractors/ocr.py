"""The one wrapper around tesseract: a timeout on every call, one OpenMP
thread per process, and word boxes with confidences.

Two engines behind one interface (``OcrEngine``): tesseract's C API with its
models kept loaded (``extractors.tesseract_api``), and a ``tesseract`` process
per call. ``auto`` takes the API where tesserocr is installed and the process
call elsewhere; both give the same TSV rows, parsed here once."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

from extractors import tesseract_api
from ingest.errors import OcrTimeout, ToolError, ToolMissing
from ingest.model import Box, Line, Word
from ingest.settings import OcrEngine

os.environ["OMP_THREAD_LIMIT"] = "1"  # parallelism comes from processes, not threads
TRUSTED_CONFIDENCE = 70.0


@dataclass(frozen=True, slots=True)
class OcrResult:
    lines: tuple[Line, ...]  # tesseract's lines, in its reading order (columns kept apart)
    mean_confidence: float

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)


@dataclass(frozen=True, slots=True)
class Orientation:
    rotate: int  # clockwise degrees that make the text upright
    confidence: float  # tesseract's orientation confidence; 0 when it could not tell
    script: str = ""  # the writing system tesseract saw ("Latin", "Arabic", ...)
    script_confidence: float = 0.0


def uses_api(engine: OcrEngine) -> bool:
    if engine is OcrEngine.API and not tesseract_api.available():
        raise ToolMissing(
            "The tesseract C API (tesserocr) is not installed: install it, or set "
            "CERTVERIFY_OCR_ENGINE=process."
        )
    return engine is not OcrEngine.PROCESS and tesseract_api.available()


def warm_up(language: str, engine: OcrEngine) -> None:
    """Load the models once, before a process forks its per-document children.
    Best effort: where they do not load, each document's read says why."""
    try:
        if uses_api(engine):
            tesseract_api.warm_up(language)
    except ToolError:
        return


@cache
def tesseract_version() -> str:
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        raise ToolMissing() from e


def ocr_words(
    image: np.ndarray,
    *,
    language: str,
    timeout_s: float,
    psm: int = 3,
    dpi: int | None = None,
    min_confidence: float = 0.0,
    engine: OcrEngine = OcrEngine.AUTO,
) -> OcrResult:
    """Words with boxes as fractions of the image, confidences 0..100.

    Boxes are fractions, so they hold whatever scaling was applied before OCR.
    ``dpi`` tells tesseract the resolution the text now has, instead of letting
    it guess from the pixel size (it warns and assumes 70 DPI when it cannot).
    """
    if uses_api(engine):
        data = tesseract_api.read_tsv(
            image, language=language, psm=psm, dpi=dpi, timeout_s=timeout_s
        )
    else:
        data = _process_tsv(image, language=language, psm=psm, dpi=dpi, timeout_s=timeout_s)
    return _words_from_data(data, image.shape[1], image.shape[0], min_confidence)


def _process_tsv(
    image: np.ndarray, *, language: str, psm: int, dpi: int | None, timeout_s: float
) -> dict:
    tesseract_version()
    config = f"--psm {psm} --oem 1" + (f" --dpi {dpi}" if dpi else "")
    try:
        with _as_file(image) as path:
            data = pytesseract.image_to_data(
                path,
                lang=language,
                config=config,
                timeout=max(timeout_s, 0.001),
                output_type=pytesseract.Output.DICT,
            )
    except RuntimeError as e:  # pytesseract raises RuntimeError on its timeout
        raise OcrTimeout(timeout_s) from e
    except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as e:
        raise ToolError(f"tesseract failed: {e}") from e
    return dict(data)


@contextmanager
def _as_file(image: np.ndarray) -> Iterator[str]:
    """The image as an uncompressed PGM file: pytesseract would PNG-encode it,
    which costs 0.13 s on a 300 DPI page for nothing."""
    with tempfile.TemporaryDirectory(prefix="certverify-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        Image.fromarray(image).save(path)
        yield str(path)


def _words_from_data(data: dict, width: int, height: int, min_confidence: float) -> OcrResult:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    confidences: list[float] = []
    for i, raw in enumerate(data["text"]):
        text = raw.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        confidences.append(conf)
        if conf < min_confidence:
            continue
        left, top = data["left"][i], data["top"][i]
        box = Box(
            left / width,
            top / height,
            (left + data["width"][i]) / width,
            (top + data["height"][i]) / height,
        )
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Word(text=text, box=box, confidence=conf))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrResult(
        lines=tuple(Line(words=tuple(words)) for words in lines.values()), mean_confidence=mean
    )


def detect_orientation(
    image: np.ndarray, *, timeout_s: float, engine: OcrEngine = OcrEngine.AUTO
) -> Orientation:
    """Tesseract's orientation and script detection; confidence 0 when it cannot tell
    (too few characters) or runs out of time."""
    if uses_api(engine):
        found = tesseract_api.detect_orientation(image)
        if found is None:
            return Orientation(0, 0.0)
        return Orientation(found.rotate, found.confidence, found.script, found.script_confidence)
    tesseract_version()
    try:
        with _as_file(image) as path:
            osd = pytesseract.image_to_osd(
                path,
                config="--psm 0",
                timeout=max(timeout_s, 0.001),
                output_type=pytesseract.Output.DICT,
            )
    except (pytesseract.TesseractError, RuntimeError):
        return Orientation(0, 0.0)
    return Orientation(
        int(osd.get("rotate", 0)) % 360,
        float(osd.get("orientation_conf", 0.0)),
        str(osd.get("script", "")),
        float(osd.get("script_conf", 0.0)),
    )


def reading_score(result: OcrResult) -> float:
    """How much confidently read text a trial produced: the sum of confidences of
    words of three or more letters or digits read at ``TRUSTED_CONFIDENCE`` or
    above. A page read sideways or upside down gives fragments and noise that
    tesseract is unsure of; counting those let a noisy card turn sideways."""
    return sum(w.confidence for w in result.words if _counts(w))


def level_reading(result: OcrResult, width: int, height: int) -> tuple[float, float]:
    """``reading_score`` of the words that lie level on an image of this size
    (wider than tall: tesseract reads some sideways pages as vertical lines), and
    the share of all letters and digits read that are in those words."""
    level = tuple(
        w
        for w in result.words
        if _counts(w) and (w.box.x1 - w.box.x0) * width > (w.box.y1 - w.box.y0) * height
    )
    letters = sum(_alnum(w.text) for w in result.words)
    share = sum(_alnum(w.text) for w in level) / letters if letters else 0.0
    return sum(w.confidence for w in level), share


def _counts(word: Word) -> bool:
    """A word a reading score counts: read with confidence, three letters or more."""
    return word.confidence >= TRUSTED_CONFIDENCE and _alnum(word.text) >= 3


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in text)


def inside(
    inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """``inner`` (fractions of ``outer``) as fractions of the whole page."""
    x0, y0, x1, y1 = outer
    w, h = x1 - x0, y1 - y0
    return (x0 + inner[0] * w, y0 + inner[1] * h, x0 + inner[2] * w, y0 + inner[3] * h)


def on_page(result: OcrResult, window: tuple[float, float, float, float]) -> OcrResult:
    """Boxes read on the content window, given as fractions of the whole page."""
    if window == (0.0, 0.0, 1.0, 1.0):
        return result
    lines = tuple(
        Line(
            words=tuple(
                replace(w, box=Box(*inside((w.box.x0, w.box.y0, w.box.x1, w.box.y1), window)))
                for w in line.words
            )
        )
        for line in result.lines
    )
    return OcrResult(lines=lines, mean_confidence=result.mean_confidence)


def within(result: OcrResult, window: tuple[float, float, float, float]) -> OcrResult:
    x0, y0, x1, y1 = window
    lines = tuple(
        Line(words=inside)
        for line in result.lines
        if (
            inside := tuple(
                w
                for w in line.words
                if x0 <= (w.box.x0 + w.box.x1) / 2 <= x1 and y0 <= w.box.cy <= y1
            )
        )
    )
    return OcrResult(lines=lines, mean_confidence=result.mean_confidence)
