"""The one wrapper around tesseract: a timeout on every call, one OpenMP
thread per process, and word boxes with confidences."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytesseract

from ingest.errors import ErrorCode, ToolError, ToolMissing
from ingest.model import Box, Word

os.environ["OMP_THREAD_LIMIT"] = "1"  # parallelism comes from processes, not threads


@dataclass(frozen=True, slots=True)
class OcrResult:
    words: tuple[Word, ...]
    mean_confidence: float


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
    psm: int = 3,
    timeout_s: float,
    min_confidence: float = 0.0,
) -> OcrResult:
    """Words with boxes as fractions of the image, confidences 0..100.

    Boxes are fractions, so they hold whatever scaling was applied before OCR.
    """
    tesseract_version()
    height, width = image.shape[:2]
    try:
        data = pytesseract.image_to_data(
            image,
            lang=language,
            config=f"--psm {psm} --oem 1",
            timeout=timeout_s,
            output_type=pytesseract.Output.DICT,
        )
    except RuntimeError as e:  # pytesseract raises RuntimeError on its timeout
        raise ToolError(
            f"Text recognition took longer than {timeout_s:.0f} s on this page.",
            code=ErrorCode.OCR_TIMEOUT,
        ) from e
    except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as e:
        raise ToolError(f"tesseract failed: {e}") from e
    words: list[Word] = []
    confidences: list[float] = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
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
        words.append(Word(text=text, box=box, confidence=conf))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrResult(words=tuple(words), mean_confidence=mean)


def detect_orientation(image: np.ndarray, *, timeout_s: float) -> tuple[int, float]:
    """Clockwise rotation (0/90/180/270) that makes the text upright, with confidence."""
    tesseract_version()
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0", timeout=timeout_s, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError):
        return 0, 0.0  # too little text to tell: read it as it is
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))
