"""QR codes and barcodes on the page, checked against what the page prints.

Codes are decoded with zxing-cpp from the rendered pages. A verification link
that carries a certificate id shaped like the printed one (Red Cross
``certnumber=``, StateFoodSafety ``id=``, Youthpass, Credly) must carry the
printed one: a code pasted from another certificate carries another. Many
issuers link by an id that is never printed (an AHA eCard's ``cid`` GUID, ACE's
credential id): a token of another shape says nothing. A link's host must not
name another issuer of the catalog, nor be spelled like the issuer's without
being it. A code that cannot be read is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

import zxingcpp
from PIL import Image
from rapidfuzz import fuzz

from checks.pages import RenderedPages
from ingest.model import DocumentText
from ingest.record import DocumentRecord, Finding, FindingCode, FindingEvidence
from ingest.settings import Settings
from ingest.webaddress import host_labels
from matchers.catalog import Catalog
from matchers.hosts import provider_host_keys, providers_of_host
from matchers.lookalike import misread_of

_TOKEN = re.compile(r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{4,}")  # an id has a digit
_ALNUM = re.compile(r"[^0-9a-z]")
# A host label this close to one of the issuer's labels, and not equal, is a look-alike.
LOOKALIKE_RATIO = 80.0


@dataclass(frozen=True, slots=True)
class PageCode:
    page: int
    text: str
    box: list[float]  # page fractions


def code_findings(
    codes: Iterable[PageCode],
    document: DocumentText,
    record: DocumentRecord,
    catalog: Catalog | None,
) -> list[Finding]:
    findings: list[Finding] = []
    for code in codes:
        link = urlsplit(code.text.strip())
        if link.scheme not in ("http", "https") or not link.hostname:
            continue
        findings += _id_findings(code, link.path, link.query, record, document.text)
        if catalog is not None and record.match is not None and record.match.provider_id:
            findings += _host_findings(code, link.hostname, catalog, record.match.provider_id)
        if findings:
            break
    return findings


def page_codes(
    pages: RenderedPages, document: DocumentText, settings: Settings
) -> Iterator[PageCode]:
    """Every code decoded on the first pages, with where it sits."""
    for index in range(min(document.triage.page_count, settings.code_check_max_pages)):
        image = pages.image(index, settings.code_check_dpi)
        for barcode in zxingcpp.read_barcodes(image):
            if barcode.valid and barcode.text:
                yield PageCode(index, barcode.text, _box(barcode.position, image))


def _box(position: zxingcpp.Position, image: Image.Image) -> list[float]:
    corners = [position.top_left, position.top_right, position.bottom_right, position.bottom_left]
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    width, height = image.size
    box = [min(xs) / width, min(ys) / height, max(xs) / width, max(ys) / height]
    return [round(v, 4) for v in box]


def _id_findings(
    code: PageCode, path: str, query: str, record: DocumentRecord, text: str
) -> list[Finding]:
    printed = record.fields.certificate_id
    if not printed:
        return []
    wanted = _folded(printed)
    on_page = _folded(text)
    tokens = [unquote(v) for _k, v in parse_qsl(query)] + unquote(path).split("/")
    for token in (t for raw in tokens for t in _TOKEN.findall(raw)):
        folded = _folded(token)
        if folded in on_page or not _same_shape(folded, wanted) or _same_id(token, printed):
            continue
        return [
            Finding(
                code=FindingCode.CODE_ID_MISMATCH,
                message=f"The code on page {code.page + 1} links to certificate {token}, "
                f"but the page prints {printed}. The code may come from another certificate.",
                evidence=FindingEvidence(
                    page=code.page, box=code.box, shown=printed, other=token, detail=code.text
                ),
            )
        ]
    return []


def _same_id(token: str, printed: str) -> bool:
    """The same id, or the printed one read with look-alike glyphs (O for 0, I for 1)."""
    return _folded(token) == _folded(printed) or misread_of(printed, token)


def _folded(text: str) -> str:
    return _ALNUM.sub("", text.casefold())


def _same_shape(token: str, printed: str) -> bool:
    """As long (within one) and of the same kind: all digits, or letters and digits."""
    return abs(len(token) - len(printed)) <= 1 and token.isdigit() == printed.isdigit()


def _host_findings(code: PageCode, host: str, catalog: Catalog, issuer: str) -> list[Finding]:
    named = providers_of_host(catalog, host)
    if named and all(p.provider_id != issuer for p in named):
        return [
            _host_finding(
                FindingCode.CODE_HOST_NOT_ISSUER,
                f"The code on page {code.page + 1} links to {host}, which belongs to "
                f"{named[0].name}, not to the issuer printed on the page.",
                code,
                host,
            )
        ]
    if named:
        return []
    keys = provider_host_keys(catalog, issuer)
    labels, spelled = host_labels(host)
    for label in [*labels, spelled]:
        close = [k for k in keys if k != label and fuzz.ratio(label, k) >= LOOKALIKE_RATIO]
        if close:
            return [
                _host_finding(
                    FindingCode.CODE_HOST_LOOKALIKE,
                    f"The code on page {code.page + 1} links to {host}, spelled like the "
                    f"issuer's '{close[0]}' but not it: a look-alike site.",
                    code,
                    host,
                )
            ]
    return []


def _host_finding(kind: FindingCode, message: str, code: PageCode, host: str) -> Finding:
    return Finding(
        code=kind,
        message=f"{message} Check the certificate on the issuer's own site.",
        evidence=FindingEvidence(page=code.page, box=code.box, shown=host, detail=code.text),
    )
