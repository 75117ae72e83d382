"""Scanner-like captures of a drawn PDF: clean scans, degraded scans, rotated pages."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

Array = np.ndarray


def rasterize(pdf: bytes, dpi: float, first_only: bool = False) -> list[Image.Image]:
    """Render the pages of ``pdf`` at ``dpi`` as RGB images."""
    doc = pdfium.PdfDocument(pdf)
    try:
        count = 1 if first_only else len(doc)
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(count)]
    finally:
        doc.close()


def on_scanner_bed(card: Image.Image, dpi: float, rng: np.random.Generator) -> Image.Image:
    """Place a small card on a letter-size white bed, as a flatbed scan of a card."""
    bed = Image.new("RGB", (int(8.5 * dpi), int(11 * dpi)), (250, 250, 250))
    x = int(dpi * (0.4 + rng.uniform(0, 0.5)))
    y = int(dpi * (0.4 + rng.uniform(0, 0.5)))
    shadow = Image.new("RGB", (card.width + 6, card.height + 6), (200, 200, 200))
    bed.paste(shadow, (x - 3, y - 3))
    bed.paste(card, (x, y))
    return bed


def _gray(img: Image.Image) -> Array:
    return np.asarray(img.convert("L"), dtype=np.float32)


def _rotate(arr: Array, degrees: float, fill: float) -> Array:
    h, w = arr.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    border = (fill,) * 3 if arr.ndim == 3 else fill
    return cv2.warpAffine(arr, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def scan_clean(img: Image.Image, rng: np.random.Generator, color: bool) -> Image.Image:
    """A good 300 DPI scan: faint paper tone, slight noise, a fraction of a degree off."""
    arr = np.asarray(img, dtype=np.float32) if color else _gray(img)
    arr = arr * 0.97 + 4
    arr = _rotate(arr, rng.uniform(-0.4, 0.4), 250)
    arr = arr + rng.normal(0, 1.5, arr.shape)
    out = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "RGB" if color else "L")


def scan_degraded(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A poor scan: faded toner, uneven light, blur, skew, noise, JPEG artefacts, specks."""
    arr = _gray(img)
    fade = rng.uniform(0.55, 0.8)
    arr = 255 - (255 - arr) * fade
    h, w = arr.shape
    ramp = np.linspace(rng.uniform(0.78, 0.9), 1.0, w, dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    vertical = np.linspace(1.0, rng.uniform(0.88, 1.0), h, dtype=np.float32)[:, None]
    arr = arr * ramp[None, :] * vertical
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.5, 0.9))
    arr = _rotate(arr, rng.uniform(-3, 3), float(rng.uniform(200, 235)))
    arr = arr + rng.normal(0, rng.uniform(5, 9), arr.shape)
    specks = rng.random(arr.shape) < 0.0008
    arr[specks] = rng.uniform(40, 120)
    out = np.clip(arr, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(28, 45))])
    decoded = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE) if ok else None
    if decoded is None:
        raise RuntimeError("JPEG round trip failed")
    return Image.fromarray(decoded, "L")


def images_to_pdf(images: list[Image.Image], dpi: float, quality: int) -> bytes:
    """An image-only PDF (no text layer), each page the image at ``dpi``."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    for img in images:
        w, h = img.width * 72 / dpi, img.height * 72 / dpi
        canvas.setPageSize((w, h))
        jpeg = io.BytesIO()
        img.save(jpeg, "JPEG", quality=quality, optimize=True)
        jpeg.seek(0)
        canvas.drawImage(ImageReader(jpeg), 0, 0, w, h)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def rotate_pdf_pages(pdf: bytes, degrees: int) -> bytes:
    """Set /Rotate on every page: the text layer stays, the page displays turned."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            page.rotate(degrees, relative=True)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


def turn(img: Image.Image, degrees: int) -> Image.Image:
    """Turn an image clockwise by 90, 180 or 270 degrees."""
    ops = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return img.transpose(ops[degrees])
