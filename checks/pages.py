"""Pages rendered once for every check that looks at pixels.

Rendering is most of the stage's cost (a vector-heavy letter page took 4 s
at 200 DPI and 12 s at 300 DPI on a busy machine), so each page is drawn
whole once, at the code check's DPI, for the checks that look at all of it.
The text-layer check needs a few words at a higher DPI: only their clips are
drawn (the same pixels as those parts of the whole page).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from ingest.images import DecodedFrames, pixel_rect, render_pdf_clips, render_pdf_page
from ingest.settings import Settings


class RenderedPages:
    """Page images of one upload, drawn on first use and kept."""

    def __init__(
        self,
        path: Path,
        settings: Settings,
        *,
        is_image: bool,
        frames: DecodedFrames | None = None,
    ) -> None:
        """``frames``: an image file's frames as the reading stage decoded them."""
        self.path = path
        self.settings = settings
        self.is_image = is_image
        self.frames = frames or DecodedFrames(path, settings, keep=0)
        self._images: dict[int, tuple[int, Image.Image]] = {}  # index -> (dpi, image)

    def image(self, index: int, dpi: int) -> Image.Image:
        """Page ``index`` drawn at ``dpi`` or more (an image file as it is)."""
        kept = self._images.get(index)
        if kept is None or kept[0] < dpi:
            kept = (dpi, self._draw(index, dpi))
            self._images[index] = kept
        return kept[1]

    def clips(
        self, index: int, dpi: int, boxes: Sequence[tuple[float, float, float, float]]
    ) -> list[Image.Image | None]:
        """The parts of page ``index`` drawn at ``dpi`` under ``boxes`` (page fractions),
        None where a box holds no pixel."""
        kept = self._images.get(index)
        if not self.is_image and (kept is None or kept[0] != dpi):
            return render_pdf_clips(self.path, index, self.settings, dpi, boxes)
        image = self.image(index, dpi)
        rects = [pixel_rect(box, image.width, image.height) for box in boxes]
        return [
            image.crop(rect) if rect[2] > rect[0] and rect[3] > rect[1] else None for rect in rects
        ]

    def _draw(self, index: int, dpi: int) -> Image.Image:
        if self.is_image:
            return self.frames.frame(index)
        return render_pdf_page(self.path, index, self.settings, dpi=dpi)
