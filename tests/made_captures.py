"""Captures made at run time from a digital sample: rendered as a photo would be, then a
band of the page lost (a fold, glare, a cropped shot), so a real read meets a real gap."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

DPI = 200


def rendered(pdf_path: Path) -> Image.Image:
    """The first page of a digital sample at ``DPI``."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        return pdf[0].render(scale=DPI / 72).to_pil()
    finally:
        pdf.close()


def kept_band(page: Image.Image, top: float, bottom: float) -> Image.Image:
    """Only the band from ``top`` to ``bottom`` (page fractions)."""
    return page.crop((0, int(top * page.height), page.width, int(bottom * page.height)))


def without_band(page: Image.Image, top: float, bottom: float) -> Image.Image:
    """The page with the band from ``top`` to ``bottom`` taken out and the rest closed up."""
    upper, lower = int(top * page.height), int(bottom * page.height)
    cut = Image.new("RGB", (page.width, page.height - (lower - upper)), "white")
    cut.paste(page.crop((0, 0, page.width, upper)), (0, 0))
    cut.paste(page.crop((0, lower, page.width, page.height)), (0, upper))
    return cut
