"""Text drawn over a white box: the classic way to change a PDF's name, id or date.

The page's objects are walked in drawing order (pdfium). A small filled white
rectangle drawn after text it covers hides that text; one laid over a scanned
image where the image has ink hides what the picture showed (a white table cell
over a blank background image, as browsers print, hides nothing). A
panel the size of a text block, or a page-size background, is design: only
patches up to a line's height and half the page's width count. Measured on
the real corpus and the samples: no untouched PDF has one. Text inside form
XObjects (browser prints, PDFsharp, Illustrator exports) is followed; ink is
judged on top-level images only: an image inside an Illustrator export's form
is clipped by paths this check does not follow, and counting it flagged a
genuine certificate.

A small opaque picture drawn the same way (a patch's size, at the top level,
not see-through where it lies) over text or over a scan's ink hides it just as
well: other digits pasted as a picture, a code pasted over the printed one
(so a picture may be as tall as a code). Logos and signatures with
transparent backgrounds hide nothing and do not count. Measured: none of the
132 untouched PDFs has one. A picture pasted over a code drawn as vectors (one
dark path of hundreds of segments, wholly under it) hides it too; a frame or a
rule has a handful of segments.

Sizes are judged on the page as shown and in its own space: a page turned by
/Rotate with its text drawn across its own space (so that it reads upright)
has a line's patch tall and narrow in that space. A scan placed on the page a
quarter turned is rendered as drawn, so its ink is found under a patch too.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.model import Box
from ingest.pdfium_guard import PDFIUM_LOCK
from ingest.record import Finding, FindingCode, FindingEvidence

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FORM_DEPTH = 4  # forms inside forms are followed this deep
WHITE_MIN = 245  # each of r, g, b, and the alpha, 0..255
PATCH_MAX_HEIGHT = 0.08  # of the page's height
PATCH_MAX_WIDTH = 0.6  # of the page's width
COVERED_SHARE = 0.5  # of the smaller box inside the other: the text is under the patch
INK_LEVEL = 160  # grey level (0..255) below which a pixel is ink
OPAQUE = 128  # alpha above which a pixel is seen
INK_MIN_SHARE = 0.01  # of a picture's pixels under the patch: it hides something
# A pasted picture may be as tall as a code (an inch or two square) or a stamp.
PICTURE_MAX_HEIGHT = 0.2  # of the page's height
OUTLINED_GLYPHS = 3  # glyph-sized ink shapes under a patch: outlined text is hidden
OPAQUE_SHARE = 0.98  # of a pasted picture's pixels: it hides what lies under it
DRAWING_SEGMENTS = 100  # a path this intricate is a code or words, not a frame or a rule
DRAWING_SHARE = 0.25  # of a pasted picture's area the drawing under it takes at least


@dataclass(frozen=True, slots=True)
class Drawn:
    kind: int  # pdfium_c.FPDF_PAGEOBJ_*
    box: Box  # fractions of the page, origin top-left
    text: str = ""
    white_fill: bool = False
    nested: bool = False  # inside a form XObject
    dark_fill: bool = False  # a path filled with ink (an outlined glyph, a rule)
    segments: int = 0  # a path's segments: a code or outlined words have hundreds


def white_box_findings(path: Path) -> list[Finding]:
    """The first white patch over text or ink; a page pdfium cannot walk finds nothing."""
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            return []
        try:
            for index in range(len(pdf)):
                found = _page_finding(pdf, index)
                if found is not None:
                    return [found]
        except pdfium.PdfiumError:
            return []
        finally:
            pdf.close()
    return []


def _page_finding(pdf: pdfium.PdfDocument, index: int) -> Finding | None:
    page = pdf[index]
    textpage = page.get_textpage()
    objects = list(page.get_objects(max_depth=FORM_DEPTH))
    turn = page.get_rotation() % 360
    try:
        drawn = _walk(objects, textpage, _unturned(page.get_size(), turn))
        for at, patch in enumerate(drawn):
            pasted = patch.kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and not patch.nested
            shown = _as_shown(patch.box, turn)
            if not (_patch_sized(shown, picture=pasted) or _patch_sized(patch.box, picture=pasted)):
                continue  # a line high as the page is shown, or as its text runs
            picture = pasted and _opaque(objects[at])
            if patch.white_fill or picture:
                found = _patch_finding(drawn, objects, at, index, picture=picture)
                if found is not None:
                    box = _as_shown(drawn[at].box, turn).as_list()
                    return found.model_copy(
                        update={"evidence": found.evidence.model_copy(update={"box": box})}
                    )
        return None
    finally:
        for obj in objects:
            obj.close()
        textpage.close()
        page.close()


def _patch_finding(
    drawn: list[Drawn],
    objects: list[pdfium.PdfObject],
    at: int,
    index: int,
    *,
    picture: bool = False,
) -> Finding | None:
    patch = drawn[at].box
    hidden = [o.text for o in drawn[:at] if _under(o, patch)]
    if not hidden and _outlined_text_under(drawn[:at], patch):
        hidden = ["text drawn as outlines"]
    what = "hides text printed under it"
    if not hidden and picture and _drawing_under(drawn[:at], patch):
        hidden, what = ["a drawing of many strokes"], "hides a drawing (a code, outlined words)"
    on_top = [o.text for o in drawn[at + 1 :] if _under(o, patch)]
    ink = any(
        o.kind == pdfium_c.FPDF_PAGEOBJ_IMAGE
        and not o.nested
        and _covered(patch, o.box) >= 0.99
        and _ink_share(objects[i], o.box, patch) >= INK_MIN_SHARE
        for i, o in enumerate(drawn[:at])
    )
    if not hidden and not ink:
        return None
    shown = " ".join(on_top)[:200] or None
    what = what if hidden else "hides part of the scanned picture"
    return Finding(
        code=FindingCode.PICTURE_OVER_TEXT if picture else FindingCode.WHITE_BOX_OVER_TEXT,
        message=f"On page {index + 1} {'a picture pasted' if picture else 'a white box'} {what}"
        + (f" and '{shown}' is typed over it" if shown else "")
        + ". Compare the document with the issuer's own copy.",
        evidence=FindingEvidence(
            page=index,
            box=patch.as_list(),
            shown=shown,
            other=" ".join(hidden)[:200] or None,
            detail=what,
        ),
    )


def _drawing_under(earlier: list[Drawn], patch: Box) -> bool:
    """An intricate drawing in ink (one path of many segments: a code drawn as vectors,
    a line of words as outlines) wholly under a pasted picture of about its size: a
    code pasted over the printed one."""
    return any(
        o.dark_fill
        and o.segments >= DRAWING_SEGMENTS
        and _covered(o.box, patch) >= 0.9
        and o.box.width * o.box.height >= DRAWING_SHARE * patch.width * patch.height
        for o in earlier
    )


def _outlined_text_under(earlier: list[Drawn], patch: Box) -> bool:
    """Several glyph-sized ink shapes inside the patch: text drawn as outlines (fonts
    converted to curves), hidden as surely as text is."""
    glyphs = [
        o
        for o in earlier
        if o.dark_fill
        and 0 < o.box.height <= patch.height * 1.5
        and 0 < o.box.width <= patch.height * 2
        and _covered(o.box, patch) >= 0.9
    ]
    return len(glyphs) >= OUTLINED_GLYPHS


def _under(drawn: Drawn, patch: Box) -> bool:
    """Text overlapping the patch over most of the smaller of the two boxes.

    A text object may be a whole line of which the patch hides one word.
    """
    is_text = drawn.kind == pdfium_c.FPDF_PAGEOBJ_TEXT and bool(drawn.text)
    if not is_text:
        return False
    if drawn.box.width * drawn.box.height <= patch.width * patch.height:
        return _covered(drawn.box, patch) >= COVERED_SHARE
    return _covered(patch, drawn.box) >= COVERED_SHARE


def _opaque(image: pdfium.PdfObject) -> bool:
    """Whether the picture hides what lies under it (no see-through background)."""
    try:
        rgba = np.asarray(image.get_bitmap(render=True).to_pil().convert("RGBA"))
    except (pdfium.PdfiumError, ValueError, OSError):
        return False
    return bool(rgba.size) and float((rgba[..., 3] > OPAQUE).mean()) >= OPAQUE_SHARE


def _ink_share(image: pdfium.PdfObject, where: Box, patch: Box) -> float:
    """The share of dark pixels of ``image`` (drawn over ``where``) under ``patch``."""
    a, b, c, d, _e, _f = image.get_matrix().get()
    upright = abs(b) < 1e-6 and abs(c) < 1e-6
    quarter = abs(a) < 1e-6 and abs(d) < 1e-6  # turned a quarter (a scan placed sideways)
    if not (upright or quarter):
        return 0.0  # turned at a slant: the region cannot be mapped simply
    try:  # rendered as drawn (its matrix, a soft mask such as a shadow's) over ``where``
        rgba = np.asarray(image.get_bitmap(render=True).to_pil().convert("RGBA"))
    except (pdfium.PdfiumError, ValueError, OSError):
        return 0.0
    ink = (rgba[..., :3].mean(axis=2) < INK_LEVEL) & (rgba[..., 3] > OPAQUE)
    height, width = ink.shape
    x0 = int((patch.x0 - where.x0) / where.width * width)
    x1 = int(np.ceil((patch.x1 - where.x0) / where.width * width))
    y0 = int((patch.y0 - where.y0) / where.height * height)
    y1 = int(np.ceil((patch.y1 - where.y0) / where.height * height))
    region = ink[max(y0, 0) : y1, max(x0, 0) : x1]
    return float(region.mean()) if region.size else 0.0


def _walk(
    objects: list[pdfium.PdfObject], textpage: pdfium.PdfTextPage, size: tuple[float, float]
) -> list[Drawn]:
    """Each object in drawing order with its box on the page.

    Objects inside form XObjects have their bounds in the form's space: they
    are carried out through each enclosing form's matrix.
    """
    width, height = size
    forms: list[Matrix] = []  # the page-space matrix of each enclosing form
    drawn = []
    for obj in objects:
        del forms[obj.level :]
        outer = forms[-1] if forms else IDENTITY
        left, bottom, right, top = _on_page(obj.get_bounds(), outer)
        box = Box(left / width, 1 - top / height, right / width, 1 - bottom / height)
        text = _text_of(obj, textpage).strip() if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT else ""
        fill = _fill(obj) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH else None
        white = fill is not None and min(fill) >= WHITE_MIN
        dark = fill is not None and max(fill[:3]) < INK_LEVEL and fill[3] > OPAQUE
        segments = pdfium_c.FPDFPath_CountSegments(obj.raw) if fill is not None else 0
        drawn.append(
            Drawn(
                obj.type, box, text, white, nested=obj.level > 0, dark_fill=dark, segments=segments
            )
        )
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            forms.append(_then(obj.get_matrix().get(), outer))
    return drawn


def _then(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _on_page(bounds: tuple[float, float, float, float], m: Matrix) -> tuple[float, ...]:
    left, bottom, right, top = bounds
    corners = [(x, y) for x in (left, right) for y in (bottom, top)]
    xs = [m[0] * x + m[2] * y + m[4] for x, y in corners]
    ys = [m[1] * x + m[3] * y + m[5] for x, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _unturned(size: tuple[float, float], turn: int) -> tuple[float, float]:
    """The page's size in its own space: pdfium gives it as shown, turned by /Rotate,
    while the objects' bounds are in the page's own space."""
    return (size[1], size[0]) if turn % 180 else size


def _as_shown(box: Box, turn: int) -> Box:
    """A box in fractions of the page's own space, as the page is shown (turned
    clockwise by /Rotate): a page turned so that its text reads upright has its lines
    across the page's own space."""
    if turn == 90:
        return Box(1 - box.y1, box.x0, 1 - box.y0, box.x1)
    if turn == 180:
        return Box(1 - box.x1, 1 - box.y1, 1 - box.x0, 1 - box.y0)
    if turn == 270:
        return Box(box.y0, 1 - box.x1, box.y1, 1 - box.x0)
    return box


def _patch_sized(box: Box, *, picture: bool = False) -> bool:
    tallest = PICTURE_MAX_HEIGHT if picture else PATCH_MAX_HEIGHT
    return 0 < box.height <= tallest and 0 < box.width <= PATCH_MAX_WIDTH


def _covered(inner: Box, outer: Box) -> float:
    """The share of ``inner``'s area that lies inside ``outer``."""
    width = min(inner.x1, outer.x1) - max(inner.x0, outer.x0)
    height = min(inner.y1, outer.y1) - max(inner.y0, outer.y0)
    area = inner.width * inner.height
    if width <= 0 or height <= 0 or area <= 0:
        return 0.0
    return width * height / area


def _fill(obj: pdfium.PdfObject) -> tuple[int, int, int, int] | None:
    """A filled path's fill colour (r, g, b, alpha), None when it is not filled."""
    fill_mode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return None
    if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
        return None
    r, g, b, a = (ctypes.c_uint(0) for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(
        obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
    ):
        return None
    return r.value, g.value, b.value, a.value


def _text_of(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(
        obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
    )
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")
