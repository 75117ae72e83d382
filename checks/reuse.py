"""Fingerprints of one certificate, for finding it again in another trainer's upload.

The store compares them across trainers when a document is kept (``store.reuse``):

- the printed certificate id, folded so that case, separators and OCR's
  look-alike glyphs do not change it (the key goes with the matched issuer);
- the payloads of the codes on the page that name one certificate (a link or
  text holding an id-shaped token: many digits, or the printed id), not a code
  every certificate of a course carries (an issuer's home page);
- a difference hash of the first page. Two genuine certificates of one
  template differ only in a name, a date and an id, so a whole-page hash alone
  cannot tell them apart: it is compared only between uploads with the same id;
- the first page on a finer grid, with the holder's line and the page's
  capture noise (``checks.likeness``): a page the same outside the holder's
  line, found whatever was read of its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from PIL import Image

from checks.codes import PageCode
from checks.likeness import capture_noise, page_cells, page_grain
from checks.pages import RenderedPages
from ingest.model import DocumentText
from ingest.record import DocumentRecord, Fingerprints
from ingest.settings import Settings
from matchers.lookalike import lookalike_key

HASH_SIDE = 16  # 16 x 16 = 256 bits
# A token that names one certificate: 8 or more letters and digits, at least 5 of them digits.
_SPECIFIC = re.compile(r"[A-Za-z0-9-]{8,}")
MIN_ID_LENGTH = 5  # a shorter printed "id" is a course or form number as often as not


def fingerprints(
    pages: RenderedPages,
    codes: Iterable[PageCode],
    record: DocumentRecord,
    document: DocumentText,
    settings: Settings,
) -> Fingerprints:
    printed = record.fields.certificate_id or ""
    key = lookalike_key(printed)
    page = _upright_page(pages, document, settings)
    return Fingerprints(
        certificate_id=key if len(key) >= MIN_ID_LENGTH else None,
        codes=sorted({c.text.strip() for c in codes if _names_one(c.text, key)}),
        page_hash=difference_hash(page) if page is not None else None,
        page_cells=page_cells(page) if page is not None else None,
        page_aspect=round(page.height / page.width, 4) if page is not None else None,
        holder_line=_holder_line(record),
        capture_noise=capture_noise(page) if page is not None else None,
        page_grain=page_grain(page) if page is not None else None,
    )


def _names_one(payload: str, printed_key: str) -> bool:
    if printed_key and len(printed_key) >= MIN_ID_LENGTH and printed_key in lookalike_key(payload):
        return True
    return any(sum(ch.isdigit() for ch in t) >= 5 for t in _SPECIFIC.findall(payload))


def _upright_page(
    pages: RenderedPages, document: DocumentText, settings: Settings
) -> Image.Image | None:
    """The first page upright (as it was read), in grey levels (all that is measured of
    it, so turned and measured once): a scan turned sideways and the same page upright
    are one page."""
    try:
        image = pages.image(0, settings.code_check_dpi)
    except (IndexError, OSError, ValueError):
        return None
    if image.width < 1 or image.height < 1:
        return None
    image = image.convert("L")
    rotation = document.pages[0].rotation if document.pages else 0
    if rotation % 360:
        image = image.rotate(-rotation, expand=True)
    return image


def _holder_line(record: DocumentRecord) -> list[float] | None:
    """The top and bottom of the holder's name on the first page, where it was read."""
    holder = record.evidence.get("holder_name")
    if holder is None or holder.box is None or holder.page != 0:
        return None
    return [round(holder.box[1], 4), round(holder.box[3], 4)]


def difference_hash(image: Image.Image) -> str:
    """Whether each cell of the page is lighter than the one to its right, as hex."""
    small = image.convert("L").resize((HASH_SIDE + 1, HASH_SIDE), Image.Resampling.BOX)
    pixels = np.asarray(small, dtype=np.int16)
    bits = (pixels[:, 1:] > pixels[:, :-1]).flatten()
    return f"{int(''.join('1' if b else '0' for b in bits), 2):0{HASH_SIDE * HASH_SIDE // 4}x}"
