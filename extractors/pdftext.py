"""The PDF text layer, with word boxes, and a judgement of whether that layer
is real text or garbage that OCR must replace.

The layer is read through pdfium's text page (pypdfium2), not pdfminer: on a
certificate with a drawn seal pdfminer spent 0.41 s parsing the vector art,
pdfium 0.03 s; pdfium also joins letter-spaced headings ("C E R T I F I C A T E")
and text set along a circle into words. Boxes are given on the page as its text
reads upright: a page stored sideways (``/Rotate``, or text drawn turned) comes
back turned, with ``rotation`` saying by how much.

Filled-in form fields (an eCard's name, dates and code) live in annotations,
not in the page's text: the page is flattened in memory first so that they are
read with the rest. Spaces that pdfium infers inside words of a widely tracked
font ("Cert ifi cate", "C o m p l e t e d") are taken out again by their gaps.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.layout import group_lines
from ingest.errors import CorruptFile
from ingest.model import Box, Line, Word
from ingest.pdfium_guard import PDFIUM_LOCK

# An inferred space stays when its gap is at least this many letter gaps, or this
# many ems. Measured: word gaps are three or more letter gaps in ordinary fonts,
# condensed or not; in a widely tracked font a false space is at most 1.6 letter
# gaps and a word gap 2.5 or more.
SPACE_MIN_LETTER_GAPS = 1.8
SPACE_MAX_EM = 0.6
WORD_MAX_GAP_EM = 1.0  # letters further apart than this are two words, space or not
# Vector shapes the size of letters (4 to 72 pt high, at most a long word wide).
SHAPE_MIN_PT = 4.0
SHAPE_MAX_PT = 72.0
SHAPE_MAX_ASPECT = 12.0
_TEXT_ANNOTATIONS = frozenset(
    {pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT, pdfium_c.FPDF_ANNOT_STAMP}
)
_RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Unicode bidirectional classes
_WORDLIKE = re.compile(r"^[\w.,:;'’\"()/&%$#@+\-–—!?*|]+$")


@dataclass(frozen=True, slots=True)
class LayerPage:
    width: float  # of the upright page, in points
    height: float
    lines: tuple[Line, ...]
    quality: float  # 0..1: share of the text that reads as real words
    char_count: int
    image_coverage: float  # share of the page area covered by images
    rotation: int = 0  # clockwise quarter turn from the page as displayed to upright
    # Drawings that may hold printed text the layer does not: the share of the page
    # under images, and the number of letter-sized vector shapes, outside the layer's words.
    silent_image_share: float = 0.0
    silent_shapes: int = 0


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    box: tuple[float, float, float, float]  # left, bottom, right, top in PDF space
    quarter: int  # text direction in quarter turns counter-clockwise from left-to-right
    size: float = 0.0  # font size in points
    generated: bool = False  # a space or line break pdfium inferred from the layout


def read_text_layer(path: Path) -> list[LayerPage]:
    """Every page's text layer; pages without one come back empty."""
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            raise CorruptFile(
                "The PDF's structure is damaged. Export or download it again and upload it."
            ) from e
        try:
            return [_read_page(pdf, index) for index in range(len(pdf))]
        finally:
            pdf.close()


def _read_page(pdf: pdfium.PdfDocument, index: int) -> LayerPage:
    page = _flattened(pdf, index)
    left, bottom, right, top = page.get_cropbox()  # what is shown and rendered
    width, height = right - left, top - bottom
    coverage = _image_coverage(page, width * height)
    try:
        chars = _chars(page.get_textpage(), left, bottom)
    except pdfium.PdfiumError:
        return LayerPage(width, height, (), 0.0, 0, coverage, silent_image_share=coverage)
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return LayerPage(width, height, (), 0.0, 0, coverage, silent_image_share=coverage)
    quarter = _direction(chars)
    upright_w, upright_h = (height, width) if quarter % 2 else (width, height)
    spans = _words(_without_inferred_spaces(chars))
    words = [_upright_word(text, box, quarter, width, height) for text, box in spans]
    text = " ".join(w.text for w in words)
    image_share, shapes = _silent_drawings(page, [box for _, box in spans], (left, bottom))
    return LayerPage(
        width=upright_w,
        height=upright_h,
        lines=reading_order(group_lines(words, aspect=upright_w / upright_h if upright_h else 1)),
        quality=text_quality(text),
        char_count=len(text.replace(" ", "")),
        image_coverage=coverage,
        rotation=(90 * quarter - page.get_rotation()) % 360,
        silent_image_share=image_share / (width * height) if width * height else 0.0,
        silent_shapes=shapes,
    )


def _flattened(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """The page with its annotations' appearance (filled-in form fields) drawn into
    its content, in memory only; pdfium asks for the page to be loaded again."""
    page = pdf[index]
    if not _has_drawn_text_annotations(page):
        return page
    if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()
    return pdf[index]


def _has_drawn_text_annotations(page: pdfium.PdfPage) -> bool:
    """Whether the page has form fields, free text or stamps: annotations that
    draw text (links and the like draw none, and flattening costs a reload)."""
    for position in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page, position)
        kind = pdfium_c.FPDFAnnot_GetSubtype(annotation)
        pdfium_c.FPDFPage_CloseAnnot(annotation)
        if kind in _TEXT_ANNOTATIONS:
            return True
    return False


def _direction(chars: list[_Char]) -> int:
    """The way the text runs, in quarter turns counter-clockwise, from where each
    letter sits after the one before it; pdfium's per-letter angle only where no
    line has two letters. Mirrored text matrices give angles that do not say where
    the next letter goes (a certificate turned sideways read backwards)."""
    steps: Counter[int] = Counter()
    for before, after in itertools.pairwise(chars):
        if not (_left_to_right(before.text) and _left_to_right(after.text)):
            continue
        dx = (after.box[0] + after.box[2] - before.box[0] - before.box[2]) / 2
        dy = (after.box[1] + after.box[3] - before.box[1] - before.box[3]) / 2
        size = max(before.size, 1.0)
        if 0.05 * size < math.hypot(dx, dy) < 2 * size:
            steps[_quarter_of(dx, dy)] += 1
    if steps:
        return steps.most_common(1)[0][0]
    return Counter(c.quarter for c in chars if not c.text.isspace()).most_common(1)[0][0]


def _left_to_right(char: str) -> bool:
    """A visible character of a script written left to right (Arabic and Hebrew
    letters run the other way; their order says nothing of the page's turn)."""
    return not char.isspace() and unicodedata.bidirectional(char) not in _RIGHT_TO_LEFT


def reading_order(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Lines written right to left (mostly Arabic or Hebrew letters) with their
    words in reading order: grouping sorts every line's words left to right."""
    return tuple(
        Line(words=line.words[::-1]) if _right_to_left(line.text) else line for line in lines
    )


def _right_to_left(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    backwards = sum(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in letters)
    return bool(letters) and backwards > len(letters) / 2


def _quarter_of(dx: float, dy: float) -> int:
    if abs(dx) >= abs(dy):
        return 0 if dx > 0 else 2
    return 1 if dy > 0 else 3


def _chars(textpage: pdfium.PdfTextPage, left: float, bottom: float) -> list[_Char]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    chars = []
    for index, char in enumerate(text[:count]):
        x0, y0, x1, y1 = textpage.get_charbox(index)
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)  # clockwise, radians
        quarter = (4 - round(angle / (math.pi / 2))) % 4 if angle >= 0 else 0
        chars.append(
            _Char(
                char,
                (x0 - left, y0 - bottom, x1 - left, y1 - bottom),
                quarter,
                size=_font_size(textpage, index),
                generated=pdfium_c.FPDFText_IsGenerated(textpage, index) == 1,
            )
        )
    return chars


def _font_size(textpage: pdfium.PdfTextPage, index: int) -> float:
    """The letter's size on the page in points: the font size times the scale of
    its text matrix (many producers set a 1 pt font and scale it up). A negative
    size mirrors the letters (some producers flip the y axis); it is as large."""
    matrix = pdfium_c.FS_MATRIX()
    scale = 1.0
    if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
    return abs(float(pdfium_c.FPDFText_GetFontSize(textpage, index))) * scale


def _words(chars: list[_Char]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Runs of characters between spaces and line breaks (pdfium adds both
    where the drawing implies them), also cut where the next letter stands apart:
    flattened form fields follow each other in the content without a space."""
    words: list[tuple[str, tuple[float, float, float, float]]] = []
    current: list[_Char] = []
    for char in [*chars, _Char(" ", (0, 0, 0, 0), 0)]:
        if current and (char.text.isspace() or _apart(current[-1], char)):
            text = unicodedata.normalize("NFC", "".join(c.text for c in current))
            words.append((text, _union(current)))
            current = []
        if not char.text.isspace():
            current.append(char)
    return words


def _apart(before: _Char, after: _Char) -> bool:
    """Whether two letters are too far apart, in any direction, to be one word."""
    dx = max(0.0, after.box[0] - before.box[2], before.box[0] - after.box[2])
    dy = max(0.0, after.box[1] - before.box[3], before.box[1] - after.box[3])
    return max(dx, dy) > WORD_MAX_GAP_EM * max(before.size, after.size, 1.0)


def _without_inferred_spaces(chars: list[_Char]) -> list[_Char]:
    """The characters less the spaces pdfium inferred inside words.

    pdfium puts a space wherever letters stand further apart than it expects;
    in a widely tracked font that is between letters of one word ("Cert ifi cate",
    "C o m p l e t e d"). On each line an inferred space is kept where its gap is
    clearly wider than the gaps between the line's letters: words are set apart
    by at least twice the letter gap in every font measured, condensed or wide.
    """
    kept: list[_Char] = []
    for line in _text_lines(chars):
        letter_gap = _letter_gap(line)
        for position, char in enumerate(line):
            if char.generated and char.text == " " and 0 < position < len(line) - 1:
                before, after = line[position - 1], line[position + 1]
                size = max(before.size, after.size, 1.0)
                gap = (after.box[0] - before.box[2]) / size
                if 0 <= gap < min(SPACE_MIN_LETTER_GAPS * letter_gap, SPACE_MAX_EM):
                    continue
            kept.append(char)
    return kept


def _text_lines(chars: list[_Char]) -> list[list[_Char]]:
    lines: list[list[_Char]] = [[]]
    for char in chars:
        lines[-1].append(char)
        if char.text == "\n":
            lines.append([])
    return [line for line in lines if line]


def _letter_gap(line: list[_Char]) -> float:
    """The line's usual gap between adjacent letters, in ems. When pdfium put a
    space after nearly every letter (each drawn on its own), the narrower gaps
    at those spaces are the letter gaps: their lower quartile."""
    adjacent, spaced = [], []
    for before, after in itertools.pairwise(line):
        if not before.text.isspace() and not after.text.isspace():
            adjacent.append((after.box[0] - before.box[2]) / max(before.size, 1.0))
    for before, space, after in zip(line, line[1:], line[2:], strict=False):
        if space.text == " " and not before.text.isspace() and not after.text.isspace():
            spaced.append((after.box[0] - before.box[2]) / max(before.size, after.size, 1.0))
    if len(spaced) >= 3 and len(spaced) > 2 * len(adjacent):
        return max(sorted(spaced)[len(spaced) // 4], 0.0)
    if len(adjacent) >= 3:
        return max(median(adjacent), 0.0)  # letters that touch or overlap: keep every space
    return 0.0


def _silent_drawings(
    page: pdfium.PdfPage,
    word_boxes: list[tuple[float, float, float, float]],
    origin: tuple[float, float],
) -> tuple[float, int]:
    """Area of images, and count of letter-sized vector shapes, that lie outside the
    layer's words: where printed text the layer does not hold can only be (a
    template's artwork, a heading drawn as outlines). Cheap: no pixel is drawn."""
    image_area, shapes = 0.0, 0
    for item in page.get_objects(
        filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3
    ):
        left, bottom, right, top = item.get_bounds()
        box = (left - origin[0], bottom - origin[1], right - origin[0], top - origin[1])
        width, height = box[2] - box[0], box[3] - box[1]
        if item.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if not _mostly_covered(box, word_boxes):
                image_area += max(0.0, width) * max(0.0, height)
        elif SHAPE_MIN_PT <= height <= SHAPE_MAX_PT and 0 < width <= SHAPE_MAX_ASPECT * height:
            shapes += not _mostly_covered(box, word_boxes)
    return image_area, shapes


def _mostly_covered(
    box: tuple[float, float, float, float], word_boxes: list[tuple[float, float, float, float]]
) -> bool:
    area = (box[2] - box[0]) * (box[3] - box[1])
    if area <= 0:
        return True
    covered = sum(
        max(0.0, min(box[2], w[2]) - max(box[0], w[0]))
        * max(0.0, min(box[3], w[3]) - max(box[1], w[1]))
        for w in word_boxes
    )
    return covered >= 0.8 * area


def _union(chars: list[_Char]) -> tuple[float, float, float, float]:
    return (
        min(c.box[0] for c in chars),
        min(c.box[1] for c in chars),
        max(c.box[2] for c in chars),
        max(c.box[3] for c in chars),
    )


def _upright_word(
    text: str, box: tuple[float, float, float, float], quarter: int, width: float, height: float
) -> Word:
    """A word with its box as fractions of the page turned so its text reads
    left to right (origin top left); ``quarter`` is the text's direction."""
    x0, y0, x1, y1 = box  # PDF space: origin bottom left
    if quarter == 1:  # text runs up the page: turn it a quarter clockwise
        left, top, right, bottom, span_x, span_y = y0, x0, y1, x1, height, width
    elif quarter == 2:  # upside down
        left, top, right, bottom, span_x, span_y = width - x1, y0, width - x0, y1, width, height
    elif quarter == 3:  # text runs down the page
        left, top, right, bottom = height - y1, width - x1, height - y0, width - x0
        span_x, span_y = height, width
    else:
        left, top, right, bottom, span_x, span_y = x0, height - y1, x1, height - y0, width, height
    fractions = (left / span_x, top / span_y, right / span_x, bottom / span_y)
    return Word(text=text, box=Box(*(_clamp(f) for f in fractions)), confidence=100.0)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _image_coverage(page: pdfium.PdfPage, area: float) -> float:
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return min(1.0, covered / area) if area else 0.0


def text_quality(text: str) -> float:
    """Share of characters that are letters or digits of plausible words.

    Fonts without a Unicode map come out as control characters, private-use
    glyphs, punctuation soup (``"7+%-``) or letter soup without vowels; a
    person could not read them, so neither can the field extractor. Ordinary
    prose scores about 0.95 (its punctuation is the rest).
    """
    tokens = text.split()
    good = sum(sum(c.isalnum() for c in t) for t in tokens if _is_plausible_token(t))
    total = sum(len(t) for t in tokens)
    return good / total if total else 0.0


def _is_plausible_token(token: str) -> bool:
    if not _WORDLIKE.match(token):
        return False
    if any(unicodedata.category(c) in ("Co", "Cc", "Cn") for c in token):
        return False
    letters = [c for c in token.lower() if c.isalpha() and c.isascii()]
    return not (len(letters) >= 4 and not any(c in "aeiouy" for c in letters))
