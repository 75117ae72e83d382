"""Grouping words into reading lines by geometry.

The same grouping serves text-layer words and OCR words, so later stages see
one shape whatever the source. A line is split where the horizontal gap is
wide (a new column or a label/value table cell), as a reader would.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from statistics import median

from ingest.model import Line, Word

GAP_SPLIT_HEIGHTS = 2.5
_EDGE_JUNK = "‘’'\"`~_=+|—–-•·«»“”,;"


def group_lines(words: Iterable[Word], aspect: float = 1.0) -> tuple[Line, ...]:
    """Words into lines, top to bottom and left to right.

    ``aspect`` is the page's width / height: boxes are fractions of each side,
    so horizontal gaps are scaled by it before they are compared to heights.
    """
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box.cy, w.box.x0)):
        row = _matching_row(rows, word)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    lines: list[Line] = []
    for row in rows:
        lines.extend(_split_on_gaps(sorted(row, key=lambda w: w.box.x0), aspect))
    return tuple(sorted(lines, key=lambda line: (round(line.box.y0, 3), line.box.x0)))


def _matching_row(rows: list[list[Word]], word: Word) -> list[Word] | None:
    for row in reversed(rows[-4:]):
        row_top = median(w.box.y0 for w in row)
        row_bottom = median(w.box.y1 for w in row)
        overlap = min(row_bottom, word.box.y1) - max(row_top, word.box.y0)
        smaller = min(row_bottom - row_top, word.box.height)
        if smaller > 0 and overlap / smaller > 0.5:
            return row
    return None


def _split_on_gaps(row: list[Word], aspect: float) -> list[Line]:
    """Cut a row where a reader sees two cells: a wide gap, or a jump in size
    with a gap (a sidebar beside a large name)."""
    row_height = median(w.box.height for w in row)
    pieces: list[list[Word]] = [[row[0]]]
    for previous, word in itertools.pairwise(row):
        gap = (word.box.x0 - previous.box.x1) * aspect
        small, large = sorted((previous.box.height, word.box.height))
        small = max(small, 0.7 * row_height)  # a dash or a dot has a tiny ink box
        size_jump = large > 1.6 * small and gap > 0.6 * small and _wordy(previous) and _wordy(word)
        if gap > GAP_SPLIT_HEIGHTS * small or size_jump:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return [Line(words=tuple(piece)) for piece in pieces]


def split_cells(line: Line, aspect: float) -> tuple[Line, ...]:
    """Cut an OCR line where a reader sees separate cells.

    Tesseract joins a table row or a label and a far-off value into one line;
    a gap of several letter heights (the line's median, since OCR boxes hug
    the ink) is a column boundary.
    """
    if len(line.words) < 2:
        return (line,)
    height = median(w.box.height for w in line.words)
    pieces: list[list[Word]] = [[line.words[0]]]
    for previous, word in itertools.pairwise(line.words):
        if (word.box.x0 - previous.box.x1) * aspect > GAP_SPLIT_HEIGHTS * height:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return tuple(Line(words=tuple(piece)) for piece in pieces)


def _wordy(word: Word) -> bool:
    """Two letters or digits at least: a dash's ink box says nothing of font size."""
    return sum(c.isalnum() for c in word.text) >= 2


def prose_in_columns(lines: Sequence[Line], min_words: int = 5, min_rows: int = 3) -> bool:
    """Whether a page sets prose in columns: several rows where two lines of
    ``min_words`` or more sit side by side. Read row by row, such a page would
    interleave its columns; a label/value layout has short cells and reads
    best row by row."""
    rows = 0
    for left, right in itertools.pairwise(lines):
        overlap = min(left.box.y1, right.box.y1) - max(left.box.y0, right.box.y0)
        side_by_side = overlap > 0.5 * min(left.box.height, right.box.height)
        long_lines = len(left.words) >= min_words and len(right.words) >= min_words
        rows += side_by_side and long_lines
    return rows >= min_rows


def trim_ocr_noise(line: Line) -> Line | None:
    """Drop the specks OCR reads at a line's ends ("‘", "—", "_", "=") and the
    stray marks glued to its first and last word; None when nothing is left."""
    words = list(line.words)
    while words and not any(c.isalnum() for c in words[0].text):
        words.pop(0)
    while words and not any(c.isalnum() for c in words[-1].text):
        words.pop()
    if not words:
        return None
    first, last = words[0], words[-1]
    words[0] = replace(first, text=first.text.lstrip(_EDGE_JUNK) or first.text)
    words[-1] = replace(words[-1], text=words[-1].text.rstrip(_EDGE_JUNK) or last.text)
    return Line(words=tuple(words))
