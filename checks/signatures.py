"""Digitally signed PDFs, validated offline with pyHanko.

A signature says the signed bytes are the issuer's: if they were changed the
signature is broken; if bytes were appended after it, it covers an earlier
revision only, and pyHanko's difference analysis says what the appended
revisions changed (form filling and validation data are allowed by the
signer; new or changed content and annotations are not). Nothing is fetched:
the signer's chain is checked against the roots pinned in settings
(``signature_trust_roots``) and reported beside each finding; a signature
whose chain is unknown is not a finding by itself, since most issuers sign
with their own certificate.
"""

from __future__ import annotations

import io
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ingest.record import Finding, FindingCode, FindingEvidence
from ingest.settings import Settings

ALLOWED_AFTER_SIGNING = ModificationLevel.FORM_FILLING


def signature_findings(data: bytes, settings: Settings) -> list[Finding]:
    """One finding per signature that is broken or whose document changed after it."""
    if b"/ByteRange" not in data:
        return []  # no signature dictionary: nothing to validate
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError):
        return []  # a structure pyHanko cannot follow: the other checks still run
    context = ValidationContext(trust_roots=_roots(settings), allow_fetching=False)
    findings = []
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context)
        except (PdfError, ValueError, KeyError):
            continue
        end = _signed_end(list(signature.byte_range))
        finding = _finding(status, signature.field_name, [end, len(data)])
        if finding is not None:
            findings.append(finding)
    return findings


def _finding(status: PdfSignatureStatus, field: str, unsigned: list[int]) -> Finding | None:
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else "unknown"
    trust = "chains to a pinned root" if status.trusted else "not chained to a pinned root"
    detail = f"signature field {field}, signed by {signer} ({trust})"
    if not (status.intact and status.valid):
        return Finding(
            code=FindingCode.SIGNATURE_BROKEN,
            message="The document's digital signature no longer matches its contents: it was "
            "changed after it was signed. Ask the issuer for a fresh copy.",
            evidence=FindingEvidence(detail=detail),
        )
    level = status.modification_level
    covers_all = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if covers_all or (level is not None and level <= ALLOWED_AFTER_SIGNING):
        return None
    what = level.name.lower().replace("_", " ") if level is not None else "unclear coverage"
    return Finding(
        code=FindingCode.CHANGED_AFTER_SIGNING,
        message=f"The document was changed after it was signed ({what}); the signature "
        "covers only an earlier version. Compare it with the issuer's own copy.",
        evidence=FindingEvidence(byte_range=unsigned, detail=f"{detail}; changes: {what}"),
    )


def _signed_end(byte_range: list[int]) -> int:
    """Where the signed bytes end (``/ByteRange`` [start length start length])."""
    return int(byte_range[2]) + int(byte_range[3]) if len(byte_range) == 4 else 0


def _roots(settings: Settings) -> list[x509.Certificate]:
    roots = []
    for path in settings.signature_trust_roots:
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots += [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, True)]
        else:
            roots.append(x509.Certificate.load(data))
    return roots
