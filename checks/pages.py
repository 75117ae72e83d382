"""Pages rendered once for every check that looks at pixels.

Rendering is most of the stage's cost (a vector-heavy letter page took 4 s
at 200 DPI and 12 s at 300 DPI on a busy machine), so the text-layer check
and the code check share one render per page: a page drawn at the layer
check's 300 DPI serves the code check too, which otherwise draws it at 200.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ingest.images import iter_image_frames, render_pdf_page
from ingest.settings import Settings


class RenderedPages:
    """Page images of one upload, drawn on first use and kept."""

    def __init__(self, path: Path, settings: Settings, *, is_image: bool) -> None:
        self.path = path
        self.settings = settings
        self.is_image = is_image
        self._images: dict[int, tuple[int, Image.Image]] = {}  # index -> (dpi, image)

    def image(self, index: int, dpi: int) -> Image.Image:
        """Page ``index`` drawn at ``dpi`` or more (an image file as it is)."""
        kept = self._images.get(index)
        if kept is None or kept[0] < dpi:
            kept = (dpi, self._draw(index, dpi))
            self._images[index] = kept
        return kept[1]

    def _draw(self, index: int, dpi: int) -> Image.Image:
        if self.is_image:
            for number, frame in enumerate(iter_image_frames(self.path, self.settings)):
                if number == index:
                    return frame
            raise IndexError(index)
        return render_pdf_page(self.path, index, self.settings, dpi=dpi)
