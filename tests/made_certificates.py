"""Certificates drawn at test time (made-up people, course and issuer): a page as
software draws it, the same page as a phone photographs it (grain and uneven light),
and the page with its holder's name painted over and another written in."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SIZE = (1650, 1275)
PAPER = (250, 249, 245)
HOLDER_AT = 0.36  # the holder's line, from the page's top
HOLDER_LINE = [0.355, 0.425]  # its top and bottom, as the reader finds it


def certificate(holder: str, number: str | None = None) -> Image.Image:
    """A course certificate drawn by software: flat paper, crisp text."""
    page = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(page)
    lines = [
        ("Certificate of Completion", 0.12, 70),
        ("This certifies that", 0.27, 36),
        (holder, HOLDER_AT, 64),
        ("has successfully completed the course", 0.48, 36),
        ("Wound Care Fundamentals", 0.56, 48),
        ("Completed on March 3, 2026", 0.66, 36),
        ("Lakeside Health Academy", 0.80, 40),
    ]
    if number:
        lines.append((f"Certificate No. {number}", 0.90, 30))
    for text, top, size in lines:
        font = ImageFont.load_default(size=size)
        width = draw.textlength(text, font=font)
        draw.text(((SIZE[0] - width) / 2, top * SIZE[1]), text, fill=(20, 20, 20), font=font)
    draw.rectangle((30, 30, SIZE[0] - 30, SIZE[1] - 30), outline=(40, 60, 120), width=8)
    return page


def photographed(page: Image.Image, seed: int, shift: int = 0) -> Image.Image:
    """The page as a phone takes it: grain, light falling off across it, framed
    ``shift`` pixels further right."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(page, dtype=np.float32)
    pixels = np.roll(pixels, shift, axis=1)
    light = np.linspace(-12, 12, page.width, dtype=np.float32)[None, :, None]
    pixels = pixels + light + rng.normal(0, 6, pixels.shape).astype(np.float32)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def renamed(page: Image.Image, holder: str) -> Image.Image:
    """The page with the holder's line painted the paper's colour and ``holder`` written
    there instead (an image editor's work)."""
    copy = page.copy()
    draw = ImageDraw.Draw(copy)
    top, bottom = int(HOLDER_AT * SIZE[1]) - 4, int((HOLDER_AT + 0.06) * SIZE[1])
    colour = copy.getpixel((60, (top + bottom) // 2))
    assert isinstance(colour, tuple)
    draw.rectangle((300, top, SIZE[0] - 300, bottom), fill=colour)
    font = ImageFont.load_default(size=64)
    width = draw.textlength(holder, font=font)
    draw.text(((SIZE[0] - width) / 2, HOLDER_AT * SIZE[1]), holder, fill=(20, 20, 20), font=font)
    return copy
