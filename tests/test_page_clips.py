"""Parts of a PDF page drawn alone are that part of the whole page."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.images import pixel_rect, render_pdf_clips, render_pdf_page
from ingest.settings import Settings
from tests.locations import SAMPLES_DIR

PDFS = ["card-aha-bls-02-both-digital.pdf", "cert-multi-credit-02-digital.pdf"]
BOXES = {
    "top-left corner": (-0.05, -0.05, 0.2, 0.1),
    "a word's size mid-page": (0.41, 0.47, 0.55, 0.5),
    "bottom-right corner": (0.8, 0.9, 1.05, 1.1),
}
DPI = 150
# Anti-aliasing of an edge can round one grey level apart when drawn alone.
MEAN_TOLERANCE = 0.5


@pytest.mark.parametrize("name", PDFS, ids=PDFS)
@pytest.mark.parametrize("box", BOXES.values(), ids=BOXES.keys())
def test_a_clip_shows_the_pixels_of_the_whole_page_there(name, box):
    path = SAMPLES_DIR / "set" / name
    whole = render_pdf_page(path, 0, Settings(), dpi=DPI)
    [clip] = render_pdf_clips(path, 0, Settings(), DPI, [box])
    part = np.asarray(whole.crop(pixel_rect(box, whole.width, whole.height)), dtype=float)
    assert clip is not None and part.shape == np.asarray(clip).shape
    assert np.abs(part - np.asarray(clip, dtype=float)).mean() <= MEAN_TOLERANCE


def test_a_box_off_the_page_has_no_clip():
    path = SAMPLES_DIR / "set" / PDFS[0]
    assert render_pdf_clips(path, 0, Settings(), DPI, [(1.1, 0.2, 1.3, 0.3)]) == [None]
