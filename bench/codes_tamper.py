"""A QR code replaced by one from another certificate of the same issuer.

The page's first URL code is decoded (zxing-cpp), its id tokens (the digits of
each query value and path segment holding any) changed, and a new code with
that link drawn over the old one at the same place: what pasting another
person's code onto a certificate gives. Images are written back in their own
format, PDFs get the new code as a picture drawn over the page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pikepdf
import zxingcpp
from PIL import Image

from bench.tamper import picture_over, shifted
from ingest.images import iter_image_frames, render_pdf_page
from ingest.settings import Settings

_ID_TOKEN = re.compile(r"[A-Za-z0-9-]*\d[A-Za-z0-9-]*")
CODE_DPI = 200


def another_link(link: str) -> str:
    """The same link with every token holding digits changed (another certificate's)."""
    parts = urlsplit(link)
    path = _ID_TOKEN.sub(lambda m: shifted(m.group(0)), parts.path)
    query = _ID_TOKEN.sub(lambda m: shifted(m.group(0)), parts.query)
    return parts._replace(path=path, query=query).geturl()


def replace_code(path: Path, settings: Settings, link: str | None = None) -> bytes | None:
    """The file with its first link code replaced (by ``link``, or by the same link
    with other ids), or None when it has none."""
    is_pdf = path.suffix.lower() == ".pdf"
    page = (
        render_pdf_page(path, 0, settings, dpi=CODE_DPI)
        if is_pdf
        else next(iter_image_frames(path, settings))
    )
    code = next(
        (b for b in zxingcpp.read_barcodes(page) if b.valid and b.text.startswith("http")), None
    )
    if code is None:
        return None
    corners = [code.position.top_left, code.position.bottom_right]
    box = (
        min(p.x for p in corners),
        min(p.y for p in corners),
        max(p.x for p in corners),
        max(p.y for p in corners),
    )
    new = _code_picture(link or another_link(code.text), box[2] - box[0], box[3] - box[1])
    if is_pdf:
        return _over_pdf(path.read_bytes(), new, box, page.size)
    page.paste(new, (box[0], box[1]))
    out = io.BytesIO()
    page.save(out, "PNG" if path.suffix.lower() == ".png" else "JPEG", quality=95)
    return out.getvalue()


def _code_picture(link: str, width: int, height: int) -> Image.Image:
    barcode = zxingcpp.create_barcode(link, zxingcpp.BarcodeFormat.QRCode)
    pixels = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=False))
    return Image.fromarray(pixels).convert("RGB").resize((width, height), Image.Resampling.NEAREST)


def _over_pdf(
    data: bytes, picture: Image.Image, box: tuple[int, int, int, int], size: tuple[int, int]
) -> bytes:
    """The picture over page 0 where ``box`` sits on the page rendered at ``size``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].mediabox)
    sx, sy = (x1 - x0) / size[0], (y1 - y0) / size[1]
    rect = (x0 + box[0] * sx, y1 - box[3] * sy, x0 + box[2] * sx, y1 - box[1] * sy)
    return picture_over(data, picture, rect)
