"""The document record: what the pipeline concludes about one upload.

This is the stable contract printed by ``certverify extract --format jsonl``,
stored by the worker and served by the API. Pydantic models (frozen) so the
same class validates, serialises and documents itself in OpenAPI.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class DocumentType(StrEnum):
    CEU_CERTIFICATE = "ceu_certificate"
    CPR_AED_CARD = "cpr_aed_card"
    OTHER = "other"  # recognised as neither: a primary certification, thanks, an invoice
    UNKNOWN = "unknown"  # too few cues, or too little read to tell


class CardSide(StrEnum):
    FRONT = "front"
    BACK = "back"
    BOTH = "both"


class FlagCode(StrEnum):
    CARD_EXPIRED = "card_expired"
    PROVIDER_NOT_APPROVED = "provider_not_approved"
    UNREADABLE = "unreadable"
    CEUS_MISMATCH = "ceus_mismatch"
    CARD_ONLINE_ONLY = "card_online_only"
    CARD_NOT_ADULT_CPR_AED = "card_not_adult_cpr_aed"
    PAGE_DEGRADED = "page_degraded"
    PROVIDER_UNREADABLE = "provider_unreadable"
    COURSE_UNREADABLE = "course_unreadable"
    APPROVAL_UNCHECKED = "approval_unchecked"
    FIELDS_MISSING = "fields_missing"
    AUTHENTICITY_REVIEW = "authenticity_review"  # see DocumentRecord.authenticity


class FindingCode(StrEnum):
    """Signs that a document was edited, forged or reused (``checks/``)."""

    REVISED_AFTER_CREATION = "revised_after_creation"  # an update appended that changes a page
    TOUCHUP_EDIT = "touchup_edit"  # Acrobat's text touch-up tool left its mark
    IMAGE_EDITOR_HISTORY = "image_editor_history"  # XMP history names a raster image editor
    WHITE_BOX_OVER_TEXT = "white_box_over_text"  # a white patch hides what was printed under it
    PICTURE_OVER_TEXT = "picture_over_text"  # a small opaque picture hides what was under it
    TEXT_LAYER_DISAGREES = "text_layer_disagrees"  # the layer says one thing, the pixels another
    CODE_ID_MISMATCH = "code_id_mismatch"  # a QR/barcode's certificate id is not the printed one
    CODE_HOST_NOT_ISSUER = "code_host_not_issuer"  # a verification link on another issuer's host
    CODE_HOST_LOOKALIKE = "code_host_lookalike"  # a host spelled like the issuer's, but not it
    SIGNATURE_BROKEN = "signature_broken"  # the signed bytes no longer match the signature
    CHANGED_AFTER_SIGNING = "changed_after_signing"  # appended revisions change signed content
    # Reuse across trainers (``store.reuse``), found when a document is stored:
    REUSED_FILE = "reused_file"  # the same bytes uploaded by another trainer
    REUSED_CERTIFICATE_ID = "reused_certificate_id"  # the same issuer and certificate id
    REUSED_CODE = "reused_code"  # a code carrying the same certificate link or payload
    REUSED_PAGE = "reused_page"  # a near-identical page with the same id (any issuer)


FIELD_NAMES = (
    "holder_name",
    "provider_name",
    "course_title",
    "course_code",
    "ceus",
    "contact_hours",
    "completion_date",
    "expiry_date",
    "certificate_id",
)

FieldScalar = str | float | dt.date | None


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Evidence(_Frozen):
    """Where a field's value was read, how sure we are, and why."""

    value: FieldScalar
    confidence: float = Field(ge=0, le=1)
    page: int | None = None
    box: list[float] | None = None  # [x0, y0, x1, y1] as fractions of the page
    source_text: str | None = None
    reason: str | None = None


class Fields(_Frozen):
    holder_name: str | None = None
    provider_name: str | None = None
    course_title: str | None = None
    course_code: str | None = None
    ceus: float | None = None
    contact_hours: float | None = None
    completion_date: dt.date | None = None
    expiry_date: dt.date | None = None
    certificate_id: str | None = None


class Match(_Frozen):
    provider_id: str | None
    course_id: str | None
    score: float
    approved: bool
    provider_score: float | None = None
    course_score: float | None = None
    reason: str = ""


class Flag(_Frozen):
    code: str
    message: str


class OtherUpload(_Frozen):
    """The other upload a reuse finding names. A trainer sees only its id; who uploaded
    it and what it says are for the auditor (``api.views``)."""

    document_id: str
    trainer_id: str | None = None
    trainer_name: str | None = None
    holder_name: str | None = None  # the name the other upload prints
    filename: str | None = None
    uploaded_at: dt.datetime | None = None


class FindingEvidence(_Frozen):
    """What a finding rests on: where in the file or on the page, and both values."""

    page: int | None = None  # 0-based
    box: list[float] | None = None  # [x0, y0, x1, y1] as fractions of the page
    byte_range: list[int] | None = None  # [start, end) offsets in the uploaded file
    shown: str | None = None  # what the page shows (pixels, the visible revision)
    other: str | None = None  # what it disagrees with (text layer, an earlier revision, the code)
    detail: str | None = None
    other_upload: OtherUpload | None = None  # reuse: the upload by another trainer


class Finding(_Frozen):
    """One sign that the document is not as issued; it asks for review, never rejects."""

    code: FindingCode
    message: str
    evidence: FindingEvidence = Field(default_factory=FindingEvidence)


class ErrorInfo(_Frozen):
    code: str
    message: str


class PageInfo(_Frozen):
    index: int
    source: str
    rotation: int = 0
    width: float
    height: float
    warnings: list[str] = Field(default_factory=list)
    seconds: float = 0.0


class Fingerprints(_Frozen):
    """What tells one certificate from another across uploads (``checks.reuse``); the
    store keys reuse across trainers on them (``store.reuse``)."""

    certificate_id: str | None = None  # the printed id folded: case, separators, look-alikes
    codes: list[str] = Field(default_factory=list)  # payloads of codes that name one certificate
    page_hash: str | None = None  # difference hash of the first page (hex, 256 bits)
    # The first page, upright, finer (``checks.likeness``): a renamed copy of one page.
    page_cells: str | None = None  # 48 x 48 grey levels, base64
    page_aspect: float | None = None  # height over width
    holder_line: list[float] | None = None  # the holder's line, top and bottom (fractions)
    capture_noise: float | None = None  # share of grainy flat pixels: a photo's or a scan's
    page_grain: str | None = None  # that grain at fixed places of the page (base64)


class DocumentRecord(_Frozen):
    source: str
    status: str  # "ok" | "error"
    error: ErrorInfo | None = None
    sha256: str | None = None
    document_type: DocumentType | None = None
    card_side: CardSide | None = None
    fields: Fields = Field(default_factory=Fields)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    match: Match | None = None
    flags: list[Flag] = Field(default_factory=list)
    authenticity: list[Finding] = Field(default_factory=list)
    fingerprints: Fingerprints | None = None
    hands_on_skills: bool | None = None
    pages: list[PageInfo] = Field(default_factory=list)
    seconds: float = 0.0
    text: str | None = None

    def to_json_dict(self, include_text: bool = False) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        if not include_text:
            data.pop("text", None)
        return data
