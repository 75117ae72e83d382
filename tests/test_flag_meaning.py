"""Each document flag means what its name says, on real sample files read by the real pipeline.

``provider_not_approved`` only where a provider was read and the catalog does
not approve it or its course; never where the provider was not read (logo
OCR, an accreditor's mark), the course or its year could not be checked, or
the paper is evidence of nothing. ``unreadable`` only where little could be
read; a certificate whose holder and course were read but whose lower half is
missing gets ``fields_missing``. The cut-down captures are made at run time
from a digital sample, rendered and cropped as a partial photo would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PIL import Image

from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import Catalog
from pipeline.run import process_file
from tests.locations import SAMPLES_DIR
from tests.made_captures import kept_band, rendered, without_band

AS_OF = dt.date(2026, 11, 24)
PROVIDER_FLAGS = {
    "provider_not_approved",
    "provider_unreadable",
    "course_unreadable",
    "approval_unchecked",
}
READING_FLAGS = {"unreadable", "fields_missing"}
# Vertical bands (page fractions) of cert-prose-classic-01-digital kept in each capture.
CROPS = {
    "upper-half": (0.0, 0.525),  # provider, holder, course; no credit, no dates
    "provider-line": (0.15, 0.21),  # the provider's name alone
}
# Bands cut out of it (the rest kept, closed up): a fold or glare over the course's lines.
CUTS = {"without-course": (0.44, 0.52)}


@pytest.fixture(scope="module")
def read(
    tmp_path_factory: pytest.TempPathFactory, sample_catalog: Catalog
) -> Callable[[str], DocumentRecord]:
    """Read a sample file, or a cut-down capture named in ``CROPS``, with the sample catalog."""
    folder = tmp_path_factory.mktemp("captures")
    page = rendered(SAMPLES_DIR / "set" / "cert-prose-classic-01-digital.pdf")

    def run(name: str) -> DocumentRecord:
        path = SAMPLES_DIR / "set" / name
        if name in CROPS or name in CUTS:
            path = folder / f"{name}.png"
            _capture(page, name).save(path)
        record = process_file(path, Settings(), catalog=sample_catalog, as_of=AS_OF)
        assert record.status == "ok", record.error
        return record

    return run


def _capture(page: Image.Image, name: str) -> Image.Image:
    """The page with only the band of ``CROPS`` kept, or the band of ``CUTS`` taken out."""
    return kept_band(page, *CROPS[name]) if name in CROPS else without_band(page, *CUTS[name])


PROVIDER_CASES = [
    ("unapproved", "cert-multi-credit-02-digital.pdf", {"provider_not_approved"}),
    (
        "near-miss-provider-with-an-approved-title",
        "cert-minimal-02-digital.pdf",
        {"provider_not_approved"},
    ),
    ("approved", "cert-prose-classic-01-digital.pdf", set()),
    ("logo-read-as-garbage", "cert-sidebar-01-photo.jpg", {"provider_unreadable"}),
    (
        "accreditor-mark-is-not-the-provider",
        "cert-sidebar-01-scan_degraded.pdf",
        {"provider_unreadable"},
    ),
    ("approved-provider-course-unread", "cert-letter-01-scan_degraded.png", {"course_unreadable"}),
    ("approval-year-unknown", "upper-half", {"approval_unchecked"}),
    ("course-cut-out-id-line-is-no-title", "without-course", {"course_unreadable"}),
    ("invoice-evidence-of-nothing", "other-invoice-01-digital.pdf", set()),
]
READING_CASES = [
    ("one-field-missing", "cert-label-block-01-scan_degraded.pdf", set()),
    ("half-the-fields-read", "upper-half", {"fields_missing"}),
    ("almost-nothing-read", "provider-line", {"unreadable"}),
    ("photo-read", "cert-prose-classic-01-photo.jpg", set()),
]


@pytest.mark.parametrize(
    ("name", "family", "expected"),
    [
        pytest.param(name, PROVIDER_FLAGS, codes, id=f"provider-{key}")
        for key, name, codes in PROVIDER_CASES
    ]
    + [
        pytest.param(name, READING_FLAGS, codes, id=f"reading-{key}")
        for key, name, codes in READING_CASES
    ],
)
def test_flags_mean_what_they_say(
    read: Callable[[str], DocumentRecord], name: str, family: set[str], expected: set[str]
) -> None:
    assert {flag.code for flag in read(name).flags} & family == expected
