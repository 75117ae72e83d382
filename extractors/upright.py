"""Which way a page's text runs and stands, from its ink alone, before any read.

Both measures are cheap (milliseconds on a page) and only decide where to spend
tesseract: a page that plainly lies on its side or upside down goes to
orientation detection before it is read (``extractors.orientation``). Where they
are wrong the page costs one detection more, never a worse read.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors import preprocess

MIN_LINES_FOR_ASCENDERS = 4  # fewer lines standing apart tell nothing


def line_direction(gray: np.ndarray, glyph_px: float | None) -> float:
    """How much more the ink joins up along rows than down columns: the blobs
    left after smearing each letter down its column by about half a letter,
    over those left after smearing it along its row. Letters sit closer to their
    neighbours in a line than to the lines above and below, so text set across
    the page gives more than 1 and a page on its side less.

    Measured on the samples, captures made from them and the real scans: pages
    on their side 0.18-0.81, level Latin pages 1.02 and more."""
    small, factor = preprocess.work_copy(gray)
    ink = preprocess.dark_on_light(cv2.medianBlur(small, 3))
    reach = max(2, round(0.6 * (glyph_px or 20.0) * factor))
    along_rows = cv2.connectedComponents(cv2.dilate(ink, np.ones((1, reach), np.uint8)))[0]
    down_columns = cv2.connectedComponents(cv2.dilate(ink, np.ones((reach, 1), np.uint8)))[0]
    return float(down_columns) / max(1, along_rows)


def ascender_share(gray: np.ndarray, glyph_px: float) -> float | None:
    """Of the ink that sticks out of its line's core (the rows where the line is
    densest), the share above the core: Latin capitals and ascenders (b, d, h, k,
    l, t) outnumber descenders (g, j, p, q, y), so an upright level page gives
    well over a half and the same page upside down well under. None when too few
    lines stand apart to tell (``glyph_px``: the page's median letter height)."""
    ink = preprocess.dark_on_light(gray) // 255
    rows = cv2.reduce(ink, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
    inked = np.flatnonzero(rows > 0.02 * max(1, int(rows.max())))
    if inked.size == 0:
        return None
    breaks = np.flatnonzero(np.diff(inked) > 1)
    above = below = lines = 0
    for band in np.split(inked, breaks + 1):
        if not 0.8 * glyph_px <= band.size <= 3.0 * glyph_px:
            continue  # a rule, a speck, or lines run together
        profile = rows[band[0] : band[-1] + 1]
        core = np.flatnonzero(profile >= 0.5 * profile.max())
        above += int(profile[: core[0]].sum())
        below += int(profile[core[-1] + 1 :].sum())
        lines += 1
    if lines < MIN_LINES_FOR_ASCENDERS or above + below == 0:
        return None
    return above / (above + below)
