"""Pages of text laid out from rows, for reading fields without rendering.

Each row is a string, or a string with its type size relative to body text;
" || " splits a row into cells set side by side in equal columns, as a table
or a card prints them.
"""

from __future__ import annotations

from extractors.labels import LabeledValue, labeled_values
from extractors.layout import group_lines
from extractors.textindex import TextIndex
from ingest.model import (
    Box,
    DocumentText,
    FileKind,
    Line,
    PageText,
    TextSource,
    TriageResult,
    Word,
)

Row = str | tuple[str, float]
BODY = 0.018  # body text height, as a share of the page


def _words(text: str, x: float, y: float, height: float) -> list[Word]:
    words = []
    for token in text.split():
        width = 0.5 * height * len(token)
        words.append(Word(token, Box(x, y, x + width, y + height), 100.0))
        x += width + 0.3 * height
    return words


def page_document(rows: list[Row], *, width: float = 612.0, height: float = 612.0) -> DocumentText:
    """A one-page text-layer document with the rows laid out from the top."""
    words: list[Word] = []
    y = 0.05
    for row in rows:
        text, size = (row, 1.0) if isinstance(row, str) else row
        line_height = BODY * size
        cells = text.split(" || ")
        for column, cell in enumerate(cells):
            words.extend(_words(cell, 0.05 + column / len(cells), y, line_height))
        y += 1.7 * line_height
    page = PageText(0, width, height, TextSource.TEXT_LAYER, group_lines(words))
    triage = TriageResult(FileKind.PDF, "0" * 64, 0, 1, "application/pdf")
    return DocumentText(triage=triage, pages=(page,))


def page_index(rows: list[Row]) -> TextIndex:
    return TextIndex(page_document(rows))


def read_page(rows: list[Row]) -> tuple[TextIndex, list[LabeledValue]]:
    """The page's index and its labelled values."""
    index = page_index(rows)
    return index, labeled_values(index)


def stacked_document(
    rows: tuple[str, ...], *, top: float, step: float, height: float
) -> DocumentText:
    """A letter-size text-layer page with one line per row from ``top`` down,
    ``step`` apart, words left to right (all as shares of the page)."""
    lines = []
    for number, row in enumerate(rows):
        y = top + number * step
        words, x = [], 0.1
        for text in row.split():
            width = 0.012 * len(text)
            words.append(Word(text, Box(x, y, x + width, y + height), 100.0))
            x += width + 0.01
        lines.append(Line(tuple(words)))
    page = PageText(0, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(lines))
    return DocumentText(TriageResult(FileKind.PDF, "0" * 64, 1, 1, "application/pdf"), (page,))
