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

import pypdfium2 as pdfium
import pytest

from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import Catalog
from pipeline.run import process_file
from tests.locations import SAMPLES_DIR

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


@pytest.fixture(scope="module")
def read(
    tmp_path_factory: pytest.TempPathFactory, sample_catalog: Catalog
) -> Callable[[str], DocumentRecord]:
    """Read a sample file, or a cut-down capture named in ``CROPS``, with the sample catalog."""
    folder = tmp_path_factory.mktemp("captures")
    pdf = pdfium.PdfDocument(SAMPLES_DIR / "set" / "cert-prose-classic-01-digital.pdf")
    page = pdf[0].render(scale=200 / 72).to_pil()
    pdf.close()

    def run(name: str) -> DocumentRecord:
        path = SAMPLES_DIR / "set" / name
        if name in CROPS:
            top, bottom = CROPS[name]
            path = folder / f"{name}.png"
            page.crop((0, int(top * page.height), page.width, int(bottom * page.height))).save(path)
        record = process_file(path, Settings(), catalog=sample_catalog, as_of=AS_OF)
        assert record.status == "ok", record.error
        return record

    return run


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
