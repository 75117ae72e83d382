"""/v1/documents: upload, status and result, listing, page previews, deletion.

A trainer sees only their own documents: anyone else's answers 404, exactly
as if it did not exist. Auditors read everything; admins read and delete.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api import views
from api.deps import ANY_ROLE, Services, arrival_time, require, services
from api.metrics import UPLOAD_SECONDS, UPLOADS
from api.params import Offset, TrainerIdQuery
from api.previews import media_type
from api.schemas import DocumentOut, DocumentPage, UploadAccepted, error_responses
from api.upload import parse_upload
from ingest.errors import (
    Conflict,
    FileTooLarge,
    InvalidRequest,
    NotFound,
    StorageFull,
    TooManyRequests,
)
from ingest.ids import TRAINER_ID_DESCRIPTION, TRAINER_ID_PATTERN, check_trainer_id
from ingest.record import DocumentType, FlagCode
from ingest.triage import sniff_kind
from store.cases import check_evidence_unlocked
from store.documents import (
    DocumentFilter,
    add_document,
    among_first_pending,
    delete_document,
    list_documents,
)
from store.documents import rerun as rerun_document
from store.files import StagedFile
from store.keys import Principal
from store.models import Document, DocumentStatus, Role
from store.reconcile import hand_over

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/documents", tags=["documents"])
_UPLOADERS = require(Role.TRAINER, Role.ADMIN)
_READERS = require(*ANY_ROLE)
_DELETERS = require(Role.TRAINER, Role.ADMIN)
_MULTIPART_OVERHEAD = 64 * 1024


@router.post(
    "",
    status_code=202,
    response_model=UploadAccepted,
    responses=error_responses(401, 403, 409, 413, 415, 422, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "trainer_id": {
                                "type": "string",
                                "pattern": TRAINER_ID_PATTERN,
                                "maxLength": 64,
                                "description": "Admins only: the trainer the upload is for. "
                                + TRAINER_ID_DESCRIPTION,
                            },
                        },
                    }
                }
            },
        }
    },
)
async def upload_document(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_UPLOADERS)],
    rerun: Annotated[
        bool, Query(description="Read the trainer's existing document again if already uploaded.")
    ] = False,
) -> UploadAccepted:
    """Upload a certificate or card; it is stored, queued and read in the background.

    The same bytes uploaded again by the same trainer answer the existing document
    (``duplicate: true``); with ``rerun=true`` a finished one is also queued again.
    """
    with UPLOAD_SECONDS.time():
        accepted = await _accept(request, svc, who, rerun)
    UPLOADS.labels(result="duplicate" if accepted.duplicate else "accepted").inc()
    return accepted


async def _accept(request: Request, svc: Services, who: Principal, rerun: bool) -> UploadAccepted:
    await run_in_threadpool(_take_quotas, svc, who, rerun)
    if svc.files.free_mb() < svc.settings.min_free_disk_mb:
        UPLOADS.labels(result="storage_full").inc()
        raise StorageFull()
    limit = svc.settings.max_upload_bytes
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit + _MULTIPART_OVERHEAD:
        UPLOADS.labels(result="too_large").inc()
        raise FileTooLarge(
            f"The upload is {declared / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB. Scan at "
            "300 DPI or export a smaller PDF."
        )
    parsed = await parse_upload(
        request.headers.get("content-type", ""), request.stream(), svc.files, limit
    )
    staged = parsed.staged
    assert staged is not None
    try:
        kind = sniff_kind(staged.head)
        trainer_id = _upload_owner(who, parsed.fields.get("trainer_id"))
    except Exception:
        svc.files.discard(staged)
        UPLOADS.labels(result="refused").inc()
        raise
    try:
        return await run_in_threadpool(
            _store_upload, svc, staged, trainer_id, str(kind), parsed.filename, rerun
        )
    except Exception:
        svc.files.discard(staged)  # a no-op once the file was moved into the store
        raise


def _take_quotas(svc: Services, who: Principal, rerun: bool) -> None:
    """Count the upload (and the rerun) before reading the body: a refusal costs no disk."""
    try:
        svc.quotas.take("upload", who)
        if rerun:
            svc.quotas.take("rerun", who)
    except TooManyRequests:
        UPLOADS.labels(result="rate_limited").inc()
        raise


def _upload_owner(who: Principal, requested: str | None) -> str:
    if requested is not None:
        check_trainer_id(requested)
    if who.role is Role.TRAINER:
        assert who.trainer_id
        if requested and requested != who.trainer_id:
            raise InvalidRequest("A trainer key uploads for its own trainer only.")
        return who.trainer_id
    if not requested:
        raise InvalidRequest("Admins upload for a trainer: add the form field 'trainer_id'.")
    return requested


def _store_upload(
    svc: Services,
    staged: StagedFile,
    trainer_id: str,
    kind: str,
    filename: str | None,
    rerun: bool,
) -> UploadAccepted:
    """Commit file and row (with its job id) first, then enqueue: a queue outage loses nothing.

    The database decides whether these bytes are new for this trainer (a unique
    constraint), so two API processes receiving the same file at once make one
    document and both answer with it. The file is content-addressed and held
    until the row is committed, so a deletion racing this upload cannot remove
    the bytes the row refers to (``FileStore.referencing``); if the row cannot
    be stored, the bytes go again unless another document uses them.
    """
    try:
        with svc.files.referencing(staged), svc.db.write_session() as session:
            svc.files.bind(session, staged.sha256)
            document, created = add_document(
                session,
                trainer_id=trainer_id,
                sha256=staged.sha256,
                size_bytes=staged.size,
                kind=kind,
                original_filename=filename,
            )
            job_id = document.job_id if created else None
            if rerun and not created:
                check_evidence_unlocked(session, document)
                job_id = rerun_document(session, document)
            first = among_first_pending(session, document.id, svc.settings.fair_first_pending)
    except Exception:
        _release_quietly(svc, staged.sha256)
        raise
    if job_id is None:
        return _accepted(document, duplicate=True)
    handed = hand_over(svc.dispatcher, document.id, job_id, first=first)
    return _accepted(
        document, duplicate=not created, job_id=handed, queue_down=handed is None, requeued=True
    )


def _release_quietly(svc: Services, sha256: str) -> None:
    """Remove bytes no row refers to after a failed upload; the sweep does it if this fails."""
    try:
        svc.files.release(svc.db, sha256)
    except Exception:  # the database may be what failed the upload
        log.warning("stored bytes %s left for the sweep", sha256, exc_info=True)


def _accepted(
    document: Document,
    *,
    duplicate: bool,
    job_id: str | None = None,
    queue_down: bool = False,
    requeued: bool = False,
) -> UploadAccepted:
    return UploadAccepted(
        id=document.id,
        status=DocumentStatus.QUEUED if requeued else document.status,
        status_url=f"/v1/documents/{document.id}",
        job_id=None if queue_down else job_id or document.job_id,
        sha256=document.sha256,
        duplicate=duplicate,
    )


def _visible(svc: Services, who: Principal, document_id: str) -> Document:
    """The document if this caller may see it; 404 otherwise (never 403: no probing)."""
    with svc.db.session() as session:
        document = session.get(Document, document_id)
    if document is None or (who.role is Role.TRAINER and document.trainer_id != who.trainer_id):
        raise NotFound(f"No document {document_id}.")
    return document


@router.get("/{document_id}", response_model=DocumentOut, responses=error_responses(401, 404, 422))
def get_document(
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
) -> DocumentOut:
    """Status and, once done, the record; a failure carries its code, message and stage."""
    document = _visible(svc, who, document_id)
    return views.document_out(document, trainer_view=who.role is Role.TRAINER)


@router.get(
    "/{document_id}/pages/{page}.png",
    response_class=Response,
    responses={
        200: {
            "content": {"image/png": {}, "image/jpeg": {}},
            "description": "The page, upright: PNG, or JPEG for a photograph or scan "
            "(Content-Type says which).",
        },
        **error_responses(401, 404, 409, 422, 429),
    },
)
def page_preview(
    document_id: str,
    page: int,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
) -> Response:
    """Page ``page`` (1-based) as PNG, turned by the rotation recorded when it was read."""
    document = _visible(svc, who, document_id)
    if document.status != DocumentStatus.DONE or not document.result:
        raise Conflict("The document has not been read yet; previews exist once it is done.")
    path = svc.files.fetch(document.sha256)
    if path is None:
        raise NotFound("The stored file is missing. Upload the document again.")
    image = svc.previews.image(path, document, page)
    return Response(image, media_type=media_type(image))


@router.get("", response_model=DocumentPage, responses=error_responses(401, 422))
def list_all(
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
    trainer: TrainerIdQuery = None,
    document_type: Annotated[DocumentType | None, Query(alias="type")] = None,
    status: DocumentStatus | None = None,
    flag: FlagCode | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> DocumentPage:
    """Documents, newest first. A trainer's key lists only that trainer's documents."""
    if who.role is Role.TRAINER:
        if trainer and trainer != who.trainer_id:
            return DocumentPage(items=[], total=0, limit=limit, offset=offset)
        trainer = who.trainer_id
    filters = DocumentFilter(
        trainer_id=trainer,
        document_type=str(document_type) if document_type else None,
        status=str(status) if status else None,
        flag=str(flag) if flag else None,
    )
    with svc.db.session() as session:
        rows, total = list_documents(session, filters, limit=limit, offset=offset)
    return DocumentPage(
        items=[views.summary(r) for r in rows], total=total, limit=limit, offset=offset
    )


@router.delete(
    "/{document_id}", status_code=204, responses=error_responses(401, 403, 404, 409, 422)
)
def delete(
    requested_at: Annotated[dt.datetime, Depends(arrival_time)],
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_DELETERS)],
) -> Response:
    """Remove the document; its file goes too when no other document uses the same bytes.

    409 when the same file was uploaded again while the delete was under way, or
    moments before it arrived (``reupload_guard_s``): that upload was answered with
    this document, so it stays.
    """
    document = _visible(svc, who, document_id)
    guarded_since = requested_at - dt.timedelta(seconds=svc.settings.reupload_guard_s)
    with svc.db.write_session() as session:
        check_evidence_unlocked(session, document)
        delete_document(session, document.id, guarded_since)
    svc.files.release(svc.db, document.sha256)
    return Response(status_code=204)
