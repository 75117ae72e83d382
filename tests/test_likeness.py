"""One page, two uploads: a renamed copy is the same page outside the holder's line;
a classmate's certificate of one template, or another capture, is not."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from checks.likeness import NOISE_MIN, capture_noise, page_cells, page_grain, same_page
from ingest.record import Fingerprints
from tests.made_certificates import HOLDER_LINE, certificate, photographed, renamed

HOLDER = "Jordan Avery Mills"
OTHER = "Casey Lin Marlowe"


def _prints(page: Image.Image, certificate_id: str | None = None) -> Fingerprints:
    return Fingerprints(
        certificate_id=certificate_id,
        page_cells=page_cells(page),
        page_aspect=round(page.height / page.width, 4),
        holder_line=HOLDER_LINE,
        capture_noise=capture_noise(page),
        page_grain=page_grain(page),
    )


def _photo_renamed() -> tuple[Fingerprints, Fingerprints]:
    photo = photographed(certificate(HOLDER), seed=1)
    return _prints(photo), _prints(renamed(photo, OTHER))


def _drawn_renamed_id_read_once() -> tuple[Fingerprints, Fingerprints]:
    page = certificate(HOLDER, "LHA-48213-77")
    return _prints(page, "lha482l377"), _prints(renamed(page, OTHER))


def _jpeg(page: Image.Image) -> Image.Image:
    out = io.BytesIO()
    page.save(out, "JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _photo_renamed_and_resaved() -> tuple[Fingerprints, Fingerprints]:
    """A phone's JPEG, renamed and saved again as a JPEG of the same quality."""
    photo = _jpeg(photographed(certificate(HOLDER), seed=1))
    return _prints(photo), _prints(_jpeg(renamed(photo, OTHER)))


SAME: list[tuple[str, Callable[[], tuple[Fingerprints, Fingerprints]]]] = [
    ("photo-renamed", _photo_renamed),
    ("photo-renamed-resaved-as-jpeg", _photo_renamed_and_resaved),
]


@pytest.mark.parametrize(("name", "pair"), SAME, ids=[s[0] for s in SAME])
def test_a_renamed_photo_is_the_same_capture(name, pair) -> None:
    mine, theirs = pair()
    likeness = same_page(mine, theirs)
    assert likeness is not None and "grain" in likeness.why and "correlation" in likeness.why
    assert likeness.cells_differing == 0 and likeness.mean_difference <= 1.0
    assert "holder's line" in likeness.detail() and likeness.cells_compared > 1000


def _cohort_one_digit_apart() -> tuple[Fingerprints, Fingerprints]:
    return (
        _prints(certificate(HOLDER, "LHA-48213-77"), "lha482l377"),
        _prints(certificate(OTHER, "LHA-48213-78"), "lha482l378"),
    )


def _cohort_without_ids() -> tuple[Fingerprints, Fingerprints]:
    return _prints(certificate(HOLDER)), _prints(certificate(OTHER))


def _drawn_renamed_without_id() -> tuple[Fingerprints, Fingerprints]:
    page = certificate(HOLDER)
    return _prints(page), _prints(renamed(page, OTHER))


def _two_photos_of_one_template() -> tuple[Fingerprints, Fingerprints]:
    return (
        _prints(photographed(certificate(HOLDER), seed=1)),
        _prints(photographed(certificate(OTHER), seed=2, shift=3)),
    )


def _two_photos_aligned() -> tuple[Fingerprints, Fingerprints]:
    """Two captures framed alike to the pixel (a document feeder): only the grain differs."""
    return (
        _prints(photographed(certificate(HOLDER), seed=1)),
        _prints(photographed(certificate(OTHER), seed=2)),
    )


def _another_shape() -> tuple[Fingerprints, Fingerprints]:
    photo = photographed(certificate(HOLDER), seed=1)
    wider = _prints(renamed(photo, OTHER)).model_copy(update={"page_aspect": 0.6})
    return _prints(photo), wider


NOT_SAME: list[tuple[str, Callable[[], tuple[Fingerprints, Fingerprints]]]] = [
    ("cohort-ids-one-digit-apart", _cohort_one_digit_apart),
    # An id read on one side only proves nothing: one digit apart is below the grid's sight.
    ("drawn-renamed-id-read-on-one", _drawn_renamed_id_read_once),
    ("cohort-without-ids", _cohort_without_ids),
    # Drawn by software with no id: the same as a classmate's, so it cannot be told.
    ("drawn-renamed-without-id", _drawn_renamed_without_id),
    ("two-photos-of-one-template", _two_photos_of_one_template),
    ("two-photos-framed-alike", _two_photos_aligned),
    ("another-page-shape", _another_shape),
]


@pytest.mark.parametrize(("name", "pair"), NOT_SAME, ids=[s[0] for s in NOT_SAME])
def test_pages_that_are_not_one_page_twice(name, pair) -> None:
    mine, theirs = pair()
    assert same_page(mine, theirs) is None
    assert same_page(theirs, mine) is None


@pytest.mark.parametrize(
    ("name", "page", "grainy"),
    [
        ("drawn", certificate(HOLDER), False),
        ("photographed", photographed(certificate(HOLDER), seed=3), True),
    ],
    ids=["drawn", "photographed"],
)
def test_capture_noise_tells_a_photo_from_a_drawn_page(name, page, grainy) -> None:
    assert (capture_noise(page) >= NOISE_MIN) is grainy


def test_fingerprints_without_a_fine_page_are_not_compared() -> None:
    mine = _prints(photographed(certificate(HOLDER), seed=1))
    assert same_page(mine, Fingerprints(page_hash="0" * 64)) is None
    broken = mine.model_copy(update={"page_cells": "bm90IGEgZ3JpZA=="})  # not 48 x 48
    assert same_page(mine, broken) is None
