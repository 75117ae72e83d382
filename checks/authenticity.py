"""The authenticity stage: every check over one upload, findings in a fixed order.

Each check is a plain function of the file (and what was read from it) that
returns findings; none rejects a document. A check that cannot read what it
needs (a damaged section, an image it cannot decode) finds nothing: a finding
is a sign of editing, never of a file the other stages read anyway.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from checks.codes import code_findings, page_codes
from checks.history import image_history_findings, pdf_history_findings
from checks.layer import layer_findings
from checks.pages import RenderedPages
from checks.reuse import fingerprints
from checks.revisions import revision_findings, touchup_findings
from checks.signatures import signature_findings
from checks.whitebox import white_box_findings
from ingest.findings import with_findings
from ingest.images import DecodedFrames
from ingest.model import DocumentText
from ingest.record import DocumentRecord, Finding
from ingest.settings import Settings
from matchers.catalog import Catalog


def check_authenticity(
    path: Path,
    document: DocumentText,
    record: DocumentRecord,
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    frames: DecodedFrames | None = None,
) -> DocumentRecord:
    """The record with the upload's findings (and a flag asking for review when there
    are any) and its fingerprints, by which the store finds it again in another
    trainer's upload.

    ``record`` is what the reading stages concluded (the printed certificate
    id and the matched issuer, for the codes on the page); ``frames``, an image
    file's frames as the reading stage decoded them.
    """
    is_image = document.triage.kind.is_image
    pages = RenderedPages(path, settings, is_image=is_image, frames=frames)
    found = file_findings(path, settings, is_image=is_image, pages=pages)
    codes = list(page_codes(pages, document, settings))
    found += tuple(code_findings(codes, document, record, catalog))
    checked = with_findings(record, found)
    prints = fingerprints(pages, codes, record, document, settings)
    return checked.model_copy(update={"fingerprints": prints})


def file_findings(
    path: Path, settings: Settings, *, is_image: bool, pages: RenderedPages | None = None
) -> tuple[Finding, ...]:
    """What the file itself shows: its edit trail, white boxes, its editors, its layer."""
    if is_image:
        return tuple(image_history_findings(path))
    drawn = pages or RenderedPages(path, settings, is_image=False)
    return tuple(_pdf_findings(path, settings) + layer_findings(path, drawn, settings))


def _pdf_findings(path: Path, settings: Settings) -> list[Finding]:
    data = path.read_bytes()
    findings = signature_findings(data, settings) + revision_findings(data)
    try:
        with pikepdf.open(path) as pdf:
            findings += touchup_findings(pdf) + pdf_history_findings(pdf)
    except pikepdf.PdfError:
        pass  # triage opened it; a later failure here is no sign of editing
    return findings + white_box_findings(path)
