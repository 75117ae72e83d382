"""Tampered copies of a PDF, made in memory the way editing tools make them.

Used by the authenticity benchmark and its tests on untouched originals read
in place; nothing made here is written into the repository.

- ``edit_in_place``: the digits of a printed id or date rewritten inside the
  page's content stream, appended as an incremental update (what a PDF
  editor's "save" does).
- ``white_out``: a white box drawn over a printed id or date and other digits
  typed on it (what online PDF editors do), appended as an incremental update
  or saved as a whole new file;
- ``digits_as_picture``: a picture of other digits over a printed id or date,
  the text layer left as it was (a page re-made over an older one).
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass, replace

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw, ImageFont

from ingest.pdfium_guard import PDFIUM_LOCK

_DIGITS = re.compile(rb"\d{2,}")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
FONT_NAME = "/CvHelv"


@dataclass(frozen=True, slots=True)
class Target:
    """Where the edit goes on page 0, and what is printed there."""

    rect: tuple[float, float, float, float]  # left, bottom, right, top in PDF points
    text: str
    turn: int = 0  # the page's /Rotate: the edit is typed upright as the page is shown


def find_target(data: bytes) -> Target:
    """The first word with digits in the text layer, or the inkiest line of a scan."""
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            textpage = page.get_textpage()
            try:
                found = _digit_word(textpage, _unturned(page)) or _inky_band(page)
                found = replace(found, turn=page.get_rotation() % 360)
            finally:
                textpage.close()
                page.close()
        finally:
            pdf.close()
    return found


def _unturned(page: pdfium.PdfPage) -> tuple[float, float]:
    """The page's size in its own space (pdfium gives it as shown, turned)."""
    width, height = page.get_size()
    return (height, width) if page.get_rotation() % 180 else (width, height)


def _digit_word(textpage: pdfium.PdfTextPage, size: tuple[float, float]) -> Target | None:
    """The first word with digits drawn on the page (not outside its visible area): an
    id or a full date first, else a year (a date printed as '6 September 2026')."""
    text = textpage.get_text_range()
    for pattern in (r"\d[\d/.\-]{3,}\d", r"(?<!\d)\d{4}(?!\d)"):
        for match in re.finditer(pattern, text):
            found = _drawn_at(textpage, size, match)
            if found is not None:
                return found
    return None


def _drawn_at(
    textpage: pdfium.PdfTextPage, size: tuple[float, float], match: re.Match[str]
) -> Target | None:
    boxes = [textpage.get_charbox(i) for i in range(match.start(), match.end())]
    boxes = [b for b in boxes if b[2] > b[0]]
    if not boxes:
        return None
    rect = (
        min(b[0] for b in boxes) - 1,
        min(b[1] for b in boxes) - 1,
        max(b[2] for b in boxes) + 1,
        max(b[3] for b in boxes) + 1,
    )
    if rect[0] >= 0 and rect[1] >= 0 and rect[2] <= size[0] and rect[3] <= size[1]:
        return Target(rect, match.group(0))
    return None


def _inky_band(page: pdfium.PdfPage) -> Target:
    """The band of the page, as shown, with the most text-like ink: many short dark runs
    (a border rule or a scan's dark edge is one long run and hides no id or date), from
    its inkiest quarter of the page's width. The band is mapped back into the
    page's own space, so a page turned by /Rotate gets the edit where it is seen."""
    bitmap = page.render(scale=1)
    gray = np.asarray(bitmap.to_pil().convert("L"))
    bitmap.close()
    dark = gray < float(np.median(gray)) - 32  # ink as the page shows it: a faint scan too
    rows = (dark[:, 1:] & ~dark[:, :-1]).sum(axis=1).astype(float)
    height_px, width_px = gray.shape
    band = max(4, int(height_px * 0.03))
    top_px = int(np.argmax(np.convolve(rows, np.ones(band), mode="valid")))
    strip = dark[top_px : top_px + band]
    starts = (strip[:, 1:] & ~strip[:, :-1]).sum(axis=0).astype(float)
    wide = width_px // 4
    left_px = int(np.argmax(np.convolve(starts, np.ones(wide), mode="valid")))
    inked = np.flatnonzero(strip[:, left_px : left_px + wide].any(axis=0))  # the ink's own width
    right_px = left_px + (int(inked[-1]) + 1 if inked.size else wide)
    left_px += int(inked[0]) if inked.size else 0
    corners = [
        _to_page(page, (width_px, height_px), x, y)
        for x in (left_px, max(right_px, left_px + 8))
        for y in (top_px, top_px + band)
    ]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return Target((min(xs), min(ys), max(xs), max(ys)), "")


def _to_page(page: pdfium.PdfPage, shown: tuple[int, int], x: int, y: int) -> tuple[float, float]:
    """A pixel of the page as rendered (turned as shown) in the page's own points."""
    page_x, page_y = ctypes.c_double(0), ctypes.c_double(0)
    pdfium_c.FPDF_DeviceToPage(
        page.raw, 0, 0, shown[0], shown[1], 0, x, y, ctypes.byref(page_x), ctypes.byref(page_y)
    )
    return page_x.value, page_y.value


def overlay_stream(target: Target, typed: str) -> bytes:
    left, bottom, right, top = target.rect
    w, h = right - left, top - bottom
    across = h if target.turn % 180 == 0 else w  # the line's height as shown
    a, b, c, d = _UPRIGHT[target.turn]
    x, y = {
        0: (left + 1, bottom + across * 0.2),
        90: (right - across * 0.2, bottom + 1),
        180: (right - 1, top - across * 0.2),
        270: (left + across * 0.2, top - 1),
    }[target.turn]
    return (
        f"q 1 1 1 rg {left:.2f} {bottom:.2f} {w:.2f} {h:.2f} re f Q "
        f"BT {FONT_NAME} {max(6.0, across * 0.8):.1f} Tf 0 0 0 rg "
        f"{a} {b} {c} {d} {x:.2f} {y:.2f} Tm ({typed}) Tj ET"
    ).encode()


# The text matrix (a b c d) that reads upright on a page shown turned by /Rotate.
_UPRIGHT = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}


def white_out_resaved(data: bytes, typed: str) -> bytes:
    """A white box and retyped digits over the first id or date, saved as a new file."""
    target = find_target(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        _draw_on_top(pdf, page, overlay_stream(target, typed))
        _add_font(pdf, page.obj)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def digits_as_picture(data: bytes) -> bytes:
    """The first id or date covered by a picture of it with each digit changed, saved
    as a new file (each digit one up: as long as the printed one, as an edit would be).

    The text layer keeps the old digits (under the picture) while the page
    shows the new ones: a page re-made in an illustration program looks so.
    """
    target = find_target(data)
    left, bottom, right, top = target.rect
    width, height = right - left, top - bottom
    if target.turn % 180:
        width, height = height, width
    picture = _digits_picture(shifted(target.text or "2026"), width, height)
    return picture_over(data, picture.rotate(target.turn, expand=True), target.rect)


def picture_over(
    data: bytes, picture: Image.Image, rect: tuple[float, float, float, float]
) -> bytes:
    """``data`` with ``picture`` drawn over page 0 at ``rect`` (left, bottom, right,
    top in PDF points), saved as a new file."""
    left, bottom, right, top = rect
    gray = picture.convert("L")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        image = pdf.make_stream(
            gray.tobytes(),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=gray.width,
            Height=gray.height,
            ColorSpace=pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
        )
        name = page.add_resource(image, pikepdf.Name.XObject, prefix="CvPic")
        drawn = (
            f"q {right - left:.2f} 0 0 {top - bottom:.2f} {left:.2f} {bottom:.2f} cm {name} Do Q"
        )
        _draw_on_top(pdf, page, drawn.encode())
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _draw_on_top(pdf: pikepdf.Pdf, page: pikepdf.Page, drawn: bytes) -> None:
    """``drawn`` after the page's own drawing, in the page's own coordinates: the page's
    content is wrapped in q ... Q first (as editors do), so a transformation it leaves
    in force (browser prints scale everything) does not move the edit elsewhere."""
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n" + drawn), prepend=False)


def shifted(text: str) -> str:
    """Each digit one up (9 becomes 0), everything else as it was."""
    return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in text)


def _digits_picture(typed: str, width_pt: float, height_pt: float) -> Image.Image:
    """Black digits on white filling a box of the given size, at 300 DPI."""
    scale = 300 / 72
    size = (max(int(width_pt * scale), 8), max(int(height_pt * scale), 8))
    picture = Image.new("L", size, 255)
    font = ImageFont.load_default(size=max(int(size[1] * 0.75), 6))
    ImageDraw.Draw(picture).text((2, size[1] * 0.1), typed, fill=0, font=font)
    return picture


def white_out_incremental(data: bytes, typed: str) -> bytes:
    """A white box and retyped digits over the first id or date, as an incremental update."""
    target = find_target(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        number = len(pdf.objects) + 1
        stream = overlay_stream(target, typed)
        objects = {
            (number, 0): b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
            (number + 1, 0): b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            page.objgen: _page_with_overlay(page, number, number + 1),
        }
        return _append(data, objects, pdf.Root.objgen, number + 2)


def edit_in_place(data: bytes) -> bytes | None:
    """The first run of digits in page 0's first content stream changed, incrementally.

    None when the page draws no digits as literal text (subset fonts with
    other codes, or a scan).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        contents = page.get("/Contents")
        listed = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for stream in (s for s in listed if isinstance(s, pikepdf.Stream)):
            content = stream.read_bytes()
            found = re.search(rb"\((?:[^()\\]|\\.)*?(\d{2,})", content)
            if found is None:
                continue
            changed = shifted(found.group(1).decode()).encode()
            edited = content[: found.start(1)] + changed + content[found.end(1) :]
            body = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(edited), edited)
            number = len(pdf.objects) + 1
            return _append(data, {stream.objgen: body}, pdf.Root.objgen, number)
    return None


def _page_with_overlay(page: pikepdf.Dictionary, stream: int, font: int) -> bytes:
    """The page's dictionary drawing object ``stream`` last, with font ``font`` added."""
    copy = pikepdf.Dictionary({k: v for k, v in page.items()})
    contents = page.get("/Contents")
    old = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    copy["/Contents"] = pikepdf.Array([*old, pikepdf.Name("/CvStream")])
    resources = page.get("/Resources", pikepdf.Dictionary())
    fonts = pikepdf.Dictionary({k: v for k, v in resources.get("/Font", {}).items()})
    fonts[FONT_NAME] = pikepdf.Name("/CvFont")
    copy["/Resources"] = pikepdf.Dictionary({k: v for k, v in resources.items()})
    copy["/Resources"]["/Font"] = fonts
    text = copy.unparse()
    return text.replace(b"/CvStream", b"%d 0 R" % stream).replace(b"/CvFont", b"%d 0 R" % font)


def _add_font(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    if "/Resources" not in page:
        page["/Resources"] = pikepdf.Dictionary()
    if "/Font" not in page["/Resources"]:
        page["/Resources"]["/Font"] = pikepdf.Dictionary()
    page["/Resources"]["/Font"][FONT_NAME] = pdf.make_indirect(
        pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica")
    )


def _append(
    data: bytes, objects: dict[tuple[int, int], bytes], root: tuple[int, int], size: int
) -> bytes:
    """``data`` with an update section holding ``objects``."""
    previous = _STARTXREF.findall(data)[-1]
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for (number, generation), body in sorted(objects.items()):
        offsets[(number, generation)] = len(out)
        out += b"%d %d obj\n%s\nendobj\n" % (number, generation, body)
    xref = len(out)
    out += b"xref\n"
    for (number, generation), offset in sorted(offsets.items()):
        out += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    out += b"trailer\n<< /Size %d /Root %d %d R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(size, *(n for n, _g in objects)) + 1,
        root[0],
        root[1],
        previous,
        xref,
    )
    return bytes(out)
