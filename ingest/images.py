"""Loading images and rendering PDF pages into RGB pixels, within limits.

Photos are turned upright from their EXIF orientation; CMYK, palette, 16-bit
and transparent images are flattened onto white so later stages see one form.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from ingest.errors import CorruptFile
from ingest.pdfium_guard import PDFIUM_LOCK
from ingest.settings import Settings


@cache
def register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF phone photos (once per process)."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def flatten_to_rgb(img: Image.Image) -> Image.Image:
    """RGB on a white background, whatever the mode or transparency."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    if img.mode == "P":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA"):
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img.convert("RGBA"), mask=img.convert("RGBA").getchannel("A"))
        return background
    return img.convert("RGB")


def iter_image_frames(
    path: Path, settings: Settings, max_side: int | None = None
) -> Iterator[Image.Image]:
    """Each frame of an image file, upright and in RGB (TIFFs may have several).

    With ``max_side`` (previews) a frame is decoded no more than about twice that
    size where the format allows (JPEG: Pillow's draft mode decodes at 1/2 to 1/8
    scale), and halved again right after decoding otherwise, so a 48 MP photo
    never needs its full-size copies.
    """
    register_heif()
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
            for index in range(min(frames, settings.max_pages)):
                img.seek(index)
                frame = _reduced(img, max_side) if max_side else img
                upright = ImageOps.exif_transpose(frame) or frame
                yield flatten_to_rgb(upright)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise CorruptFile(
            "The image could not be decoded (it may be truncated). Take the photo or "
            "scan again and upload the new file."
        ) from e


class DecodedFrames:
    """An image file's frames decoded once for every stage that looks at them: reading
    passes over all of them (``each``), and the first ``keep`` stay for the checks that
    look at pixels afterwards (``frame``), which would otherwise decode the file again
    (a 14 MP photo takes a good part of a second)."""

    def __init__(self, path: Path, settings: Settings, keep: int) -> None:
        self.path = path
        self.settings = settings
        self.keep = keep
        self._kept: dict[int, Image.Image] = {}

    def each(self) -> Iterator[Image.Image]:
        for index, frame in enumerate(iter_image_frames(self.path, self.settings)):
            if index < self.keep:
                self._kept[index] = frame
            yield frame

    def frame(self, index: int) -> Image.Image:
        kept = self._kept.get(index)
        if kept is not None:
            return kept
        for number, frame in enumerate(iter_image_frames(self.path, self.settings)):
            if number == index:
                if index < self.keep:
                    self._kept[index] = frame
                return frame
        raise IndexError(index)


_REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK"}  # Image.reduce refuses palettes, 16-bit


def _reduced(img: Image.Image, max_side: int) -> Image.Image:
    """The frame decoded small (draft where the format allows, then ``reduce``), EXIF kept."""
    img.draft("RGB", (max_side, max_side))
    factor = max(img.size) // max_side
    if factor < 2 or img.mode not in _REDUCIBLE_MODES:
        return img
    exif = img.getexif()
    smaller = img.reduce(factor)
    smaller.info["exif"] = exif.tobytes()
    return smaller


def render_scale(width_pt: float, height_pt: float, settings: Settings, dpi: int) -> float:
    """Scale (pixels per point) for a render that stays under the pixel limit."""
    scale = dpi / 72.0
    pixels = width_pt * height_pt * scale * scale
    if pixels > settings.max_render_pixels:
        scale *= (settings.max_render_pixels / pixels) ** 0.5
    return scale


_Drawn = TypeVar("_Drawn")
PixelRect = tuple[int, int, int, int]  # left, top, right, bottom in a page's pixels


def pixel_rect(box: tuple[float, float, float, float], width: int, height: int) -> PixelRect:
    """A box in page fractions (left, top, right, bottom) as pixels of a ``width`` x
    ``height`` page, cut to the page (so possibly empty)."""
    return (
        max(int(box[0] * width), 0),
        max(int(box[1] * height), 0),
        min(int(box[2] * width), width),
        min(int(box[3] * height), height),
    )


def render_pdf_clips(
    path: Path,
    index: int,
    settings: Settings,
    dpi: int,
    boxes: Sequence[tuple[float, float, float, float]],
) -> list[Image.Image | None]:
    """The parts of page ``index`` under ``boxes`` (page fractions), each the same pixels
    as that part of the whole page drawn at ``dpi`` (None where a box holds no pixel).

    Only the clip is drawn, so a few words of a vector-heavy page cost a fraction of
    the page.
    """
    return _on_page(path, index, lambda page: _clips(page, settings, dpi, boxes))


def _clips(
    page: pdfium.PdfPage,
    settings: Settings,
    dpi: int,
    boxes: Sequence[tuple[float, float, float, float]],
) -> list[Image.Image | None]:
    width, height = page.get_size()
    scale = render_scale(width, height, settings, dpi)
    full_w, full_h = math.ceil(width * scale), math.ceil(height * scale)  # as pdfium sizes it
    clips: list[Image.Image | None] = []
    for box in boxes:
        left, top, right, bottom = pixel_rect(box, full_w, full_h)
        if right <= left or bottom <= top:
            clips.append(None)
            continue
        # pypdfium2 takes the crop in points and rounds it up to pixels: half a pixel
        # short of each edge lands on that edge whatever the float error.
        crop = (left, full_h - bottom, full_w - right, top)
        clips.append(_drawn(page, scale, tuple(max(c - 0.5, 0.0) / scale for c in crop)))
    return clips


def render_pdf_page(
    path: Path, index: int, settings: Settings, dpi: int | None = None
) -> Image.Image:
    """Render one PDF page to RGB at ``dpi`` (reduced for huge pages)."""

    def whole(page: pdfium.PdfPage) -> Image.Image:
        width, height = page.get_size()
        return _drawn(page, render_scale(width, height, settings, dpi or settings.render_dpi))

    return _on_page(path, index, whole)


def _drawn(
    page: pdfium.PdfPage, scale: float, crop: tuple[float, ...] = (0, 0, 0, 0)
) -> Image.Image:
    bitmap = page.render(scale=scale, crop=crop, may_draw_forms=True)
    try:
        return flatten_to_rgb(bitmap.to_pil()).copy()
    finally:
        bitmap.close()


def _on_page(path: Path, index: int, draw: Callable[[pdfium.PdfPage], _Drawn]) -> _Drawn:
    """What ``draw`` makes of page ``index``, the PDF open with its form environment."""
    try:
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(str(path))
            try:
                pdf.init_forms()  # filled-in form fields are drawn only with a form environment
                page = pdf[index]
                try:
                    return draw(page)
                finally:
                    page.close()
            finally:
                pdf.close()
    except pdfium.PdfiumError as e:
        raise CorruptFile(
            f"Page {index + 1} of the PDF could not be drawn. Export the PDF again and upload it."
        ) from e
