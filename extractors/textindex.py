"""A document's lines as one searchable string that remembers where each
character came from, so any regex match can be traced back to its words,
page, box and OCR confidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from extractors.layout import split_cells, trim_ocr_noise
from ingest.model import Box, DocumentText, Line, TextSource, Word


@dataclass(frozen=True, slots=True)
class LineRef:
    page: int
    line: Line
    start: int  # offset of the line's first character in the index text
    word_starts: tuple[int, ...]

    @property
    def end(self) -> int:
        return self.start + len(self.line.text)


@dataclass(frozen=True, slots=True)
class Located:
    """A piece of text with where it was found."""

    text: str
    page: int
    box: Box
    confidence: float  # 0..1, the weakest word's OCR confidence
    words: tuple[Word, ...]


class TextIndex:
    """Lines of every page joined by newlines (pages by a form feed)."""

    def __init__(self, document: DocumentText) -> None:
        parts: list[str] = []
        refs: list[LineRef] = []
        offset = 0
        # Each page's width over its height: boxes are fractions of both, so a
        # distance across a page is its height share divided by this.
        self.aspects = tuple(p.width / p.height if p.height else 1.0 for p in document.pages)
        self.sources = tuple(p.source for p in document.pages)  # how each page was read
        for page in document.pages:
            if parts:
                parts.append("\f\n")
                offset += 2
            aspect = page.width / page.height if page.height else 1.0
            lines = page.lines
            if page.source is TextSource.OCR:
                cells = (cell for line in lines for cell in split_cells(line, aspect))
                lines = tuple(t for cell in cells if (t := trim_ocr_noise(cell)) is not None)
            else:  # a bracket or a rule drawn as text says nothing, and parts a wrapped title
                lines = tuple(line for line in lines if any(c.isalnum() for c in line.text))
            for line in lines:
                starts: list[int] = []
                cursor = offset
                for word in line.words:
                    starts.append(cursor)
                    cursor += len(word.text) + 1
                refs.append(LineRef(page.index, line, offset, tuple(starts)))
                parts.append(line.text + "\n")
                offset += len(line.text) + 1
        self.text = "".join(parts)
        self.lines = tuple(refs)

    @cached_property
    def first_page_end(self) -> int:
        cut = self.text.find("\f")
        return len(self.text) if cut < 0 else cut

    def line_at(self, offset: int) -> LineRef | None:
        for ref in self.lines:
            if ref.start <= offset <= ref.end:
                return ref
        return None

    def locate(self, start: int, end: int) -> Located | None:
        """The words covering ``text[start:end]`` (on the page where it starts)."""
        words: list[Word] = []
        page: int | None = None
        for ref in self.lines:
            if ref.end < start or ref.start >= end:
                continue
            if page is None:
                page = ref.page
            if ref.page != page:
                break
            for word, word_start in zip(ref.line.words, ref.word_starts, strict=True):
                if word_start < end and start < word_start + len(word.text):
                    words.append(word)
        if not words or page is None:
            return None
        box = words[0].box
        for word in words[1:]:
            box = box.union(word.box)
        return Located(
            text=" ".join(self.text[start:end].split()),
            page=page,
            box=box,
            confidence=min(w.confidence for w in words) / 100.0,
            words=tuple(words),
        )

    def locate_line(self, ref: LineRef) -> Located | None:
        return self.locate(ref.start, ref.end)


def locate_lines(lines: list[LineRef]) -> Located:
    """The words of several whole lines, as one located piece of text."""
    words = [w for ref in lines for w in ref.line.words]
    box = lines[0].line.box
    for ref in lines[1:]:
        box = box.union(ref.line.box)
    return Located(
        text=" ".join(w.text for w in words),
        page=lines[0].page,
        box=box,
        confidence=min(w.confidence for w in words) / 100,
        words=tuple(words),
    )


def lines_after(index: TextIndex, line: LineRef, count: int) -> Iterator[LineRef]:
    """The ``count`` lines read after ``line``, on its page."""
    position = index.lines.index(line)
    for ref in index.lines[position + 1 : position + 1 + count]:
        if ref.page == line.page:
            yield ref
