"""Bad inputs built from real bytes at test time: each is what a user could upload."""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont

from tests.locations import HOSTILE_DIR


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` with a tiny body: a pixel bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def encrypted_pdf() -> bytes:
    with pikepdf.open(HOSTILE_DIR / "trivial.pdf") as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out.getvalue()


def pdf_without_pages() -> bytes:
    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def pdf_with_pages(count: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(count):
        pdf.add_blank_page(page_size=(612, 792))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def text_image(size: tuple[int, int] = (600, 200), text: str = "UPRIGHT 2026") -> Image.Image:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((20, 80), text, fill="black")
    return image


def jpeg_bytes(image: Image.Image, exif_orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    if exif_orientation is None:
        image.save(out, "JPEG", quality=90)
    else:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


BAD_INPUTS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "file_empty"),
    "truncated-pdf": (lambda: (HOSTILE_DIR / "francais.pdf").read_bytes()[:300], "corrupt_file"),
    "random-bytes": (lambda: os.urandom(4096), "unsupported_type"),
    "html-named-pdf": (
        lambda: b"<!DOCTYPE html><html><body>Certificate</body></html>",
        "unsupported_type",
    ),
    "text-named-pdf": (lambda: b"Certificate of completion\nJane Doe\n", "unsupported_type"),
    "zip-named-pdf": (lambda: b"PK\x03\x04" + os.urandom(200), "unsupported_type"),
    "password-pdf": (encrypted_pdf, "pdf_encrypted"),
    "pdf-no-pages": (pdf_without_pages, "no_pages"),
    "png-50000x50000": (lambda: png_claiming(50_000, 50_000), "image_too_large"),
    "truncated-png": (lambda: png_claiming(400, 300)[:40], "corrupt_file"),
    "truncated-jpeg": (lambda: jpeg_bytes(text_image())[:200], "corrupt_file"),
}


def write(tmp: Path, name: str, data: bytes, suffix: str = ".pdf") -> Path:
    path = tmp / f"{name}{suffix}"
    path.write_bytes(data)
    return path


def text_as_shapes_pdf(path: Path, text: str = "Vector drawing") -> Path:
    """A PDF whose words are filled shapes with no font at all (text turned into
    outlines, as design tools export it): there is no text layer to read."""
    from reportlab.pdfgen import canvas

    font = ImageFont.load_default(size=64)
    bitmap = Image.new("1", (900, 120), 1)
    ImageDraw.Draw(bitmap).text((20, 20), text, fill=0, font=font)
    pixels = bitmap.load()
    assert pixels is not None
    page = canvas.Canvas(str(path), pagesize=(612, 792))
    scale = 0.6  # points per bitmap pixel
    for y in range(bitmap.height):
        x = 0
        while x < bitmap.width:
            if pixels[x, y] == 0:
                start = x
                while x < bitmap.width and pixels[x, y] == 0:
                    x += 1
                page.rect(40 + start * scale, 600 - y * scale, (x - start) * scale, scale, 0, 1)
            x += 1
    page.showPage()
    page.save()
    return path
