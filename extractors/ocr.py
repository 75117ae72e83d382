"""The one wrapper around tesseract: a timeout on every call, one OpenMP
thread per process, and word boxes with confidences."""

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

from ingest.errors import ErrorCode, ToolError, ToolMissing
from ingest.model import Box, Line, Word

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
) -> OcrResult:
    """Words with boxes as fractions of the image, confidences 0..100.

    Boxes are fractions, so they hold whatever scaling was applied before OCR.
    ``dpi`` tells tesseract the resolution the text now has, instead of letting
    it guess from the pixel size (it warns and assumes 70 DPI when it cannot).
    """
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
        raise ToolError(
            f"Text recognition took longer than {timeout_s:g} s on this page.",
            code=ErrorCode.OCR_TIMEOUT,
        ) from e
    except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as e:
        raise ToolError(f"tesseract failed: {e}") from e
    return _words_from_data(data, image.shape[1], image.shape[0], min_confidence)


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


def detect_orientation(image: np.ndarray, *, timeout_s: float) -> Orientation:
    """Tesseract's orientation and script detection; confidence 0 when it cannot tell
    (too few characters) or runs out of time."""
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
    return sum(
        w.confidence
        for w in result.words
        if w.confidence >= TRUSTED_CONFIDENCE and sum(c.isalnum() for c in w.text) >= 3
    )


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
