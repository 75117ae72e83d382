"""Typed, immutable results shared by every stage of the pipeline.

Boxes are fractions of the page (0..1, origin top-left) so they can be drawn
over a rendered page image at any size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FileKind(StrEnum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    WEBP = "webp"
    HEIC = "heic"

    @property
    def is_image(self) -> bool:
        return self is not FileKind.PDF


class TextSource(StrEnum):
    TEXT_LAYER = "text_layer"
    LAYER_AND_OCR = "text_layer_and_ocr"  # the layer, and OCR where it is silent
    OCR = "ocr"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area."""
        across = self.x0 < other.x1 and other.x0 < self.x1
        return across and self.y0 < other.y1 and other.y0 < self.y1

    def as_list(self) -> list[float]:
        return [round(self.x0, 4), round(self.y0, 4), round(self.x1, 4), round(self.y1, 4)]


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box
    confidence: float  # 0..100; 100 for a text layer


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for word in self.words[1:]:
            box = box.union(word.box)
        return box

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)

    @property
    def mean_confidence(self) -> float:
        """How surely the line as a whole was read (a text layer's words are 100)."""
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else 0.0


@dataclass(frozen=True, slots=True)
class PageText:
    """What was read from one page, and how."""

    index: int
    width: float
    height: float
    source: TextSource
    lines: tuple[Line, ...] = ()
    rotation: int = 0
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)


@dataclass(frozen=True, slots=True)
class TriageResult:
    """What the bytes are, checked against the limits before decoding."""

    kind: FileKind
    sha256: str
    size_bytes: int
    page_count: int
    mime_type: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    triage: TriageResult
    pages: tuple[PageText, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)
