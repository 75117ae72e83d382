"""The trainer's dashboard: uploads, CEU entries to confirm or correct, progress, submission."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api import documents
from api.deps import Services, arrival_time, services
from api.web.data import (
    area_progress,
    document_views,
    fee_windows,
    locked_documents,
    trainer_view,
)
from api.web.forms import CEUS_HINT, DATE_HINT, FormError, Typed, correction_value
from api.web.render import render
from api.web.session import check_csrf, csrf_token, page_role, page_user
from api.web.words import say
from audit.selection import days_left, is_overdue
from ingest.errors import Conflict
from ingest.settings import Settings
from store.cases import (
    case_of_submission,
    document_requests,
    latest_submission,
    locked_entry_ids,
    open_submission,
    submit,
)
from store.entries import change_entry, sync_entries
from store.keys import Principal
from store.models import CaseStatus, Role
from store.trainers import active_catalog

router = APIRouter(prefix="/web", include_in_schema=False)
_TRAINER = page_role(Role.TRAINER)
CORRECTABLE = ("provider", "course", "ceus", "completion_date", "holder_name", "certificate_id")
USABLE_TYPES = ("ceu_certificate", "cpr_aed_card")
HINTS = {"completion_date": DATE_HINT, "ceus": CEUS_HINT}
DONE_MESSAGES = {
    "confirmed": "Entry confirmed.",
    "corrected": "Entry corrected.",
    "deleted": "Document deleted.",
    "submitted": "Application sent.",
}


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
    done: str = "",
) -> Response:
    return _dashboard(request, svc, who, {"done": DONE_MESSAGES.get(done, "")})


def _dashboard(
    request: Request,
    svc: Services,
    who: Principal,
    extra: dict[str, Any],
    status_code: int = 200,
) -> Response:
    """The dashboard, with ``extra`` (a form's error and what was typed) when re-shown."""
    assert who.trainer_id
    with svc.db.write_session() as session:
        view = trainer_view(session, who.trainer_id, svc.settings)
        locked = locked_entry_ids(session, who.trainer_id)
        context: dict[str, Any] = {
            "who": who,
            "view": view,
            "verdicts": view.verdicts(),
            "areas": area_progress(view.readiness, svc.settings.required_ceus),
            "windows": fee_windows(view.expiry, svc.settings) if view.expiry else [],
            "locked": locked,
            "documents": document_views(
                view.documents, view.records, locked_documents(view, locked)
            ),
            "can_submit": open_submission(session, who.trainer_id) is None,
            **_application(session, who.trainer_id, svc.settings),
            "correctable": CORRECTABLE,
            "hints": HINTS,
            "csrf": csrf_token(request),
            "poll_ms": svc.settings.web_poll_interval_ms,
            "typed": None,
            "done": "",
            **extra,
        }
        return render(request, "dashboard.html", context, status_code=status_code)


def _application(session: Session, trainer_id: str, settings: Settings) -> dict[str, Any]:
    """The latest submission, its audit case with the auditor's verdicts and requests."""
    submission = latest_submission(session, trainer_id)
    case = case_of_submission(session, submission.id) if submission else None
    if case is None:
        after = dt.timedelta(days=settings.accept_unselected_after_days)
        accept_on = submission.submitted_at.date() + after if submission else None
        return {"submission": submission, "case": None, "requests": [], "accept_on": accept_on}
    today = dt.datetime.now(dt.UTC).date()
    return {
        "submission": submission,
        "case": case,
        "requests": document_requests(session, case.id),
        "case_days_left": days_left(case.due_on, today),
        "case_overdue": is_overdue(case.due_on, today, case.status == CaseStatus.DECIDED),
    }


@router.post("/upload")
async def upload(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
) -> Response:
    """One file from the drop zone (XHR with the CSRF token in X-CSRF-Token)."""
    check_csrf(request, request.headers.get("x-csrf-token", ""))
    accepted = await documents.upload_document(request, svc, who, rerun=False)
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202)


@router.post("/documents/{document_id}/replace")
async def replace(
    request: Request,
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
) -> Response:
    """A new file for a wrong or unreadable upload: the new one is stored, then the old removed."""
    check_csrf(request, request.headers.get("x-csrf-token", ""))
    _check_unlocked(svc, who, document_id)
    accepted = await documents.upload_document(request, svc, who, rerun=False)
    if accepted.id != document_id:
        documents.delete(arrival_time(request), document_id, svc, who)
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202)


@router.post("/documents/{document_id}/delete")
def delete_document(
    request: Request,
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
    csrf: Annotated[str, Form()],
) -> Response:
    check_csrf(request, csrf)
    _check_unlocked(svc, who, document_id)
    documents.delete(arrival_time(request), document_id, svc, who)
    return RedirectResponse("/web/dashboard?done=deleted#documents", status_code=303)


def _check_unlocked(svc: Services, who: Principal, document_id: str) -> None:
    """A document behind an application not decided yet stays until the decision."""
    assert who.trainer_id
    documents.get_document(document_id, svc, who)  # 404 when not this trainer's
    with svc.db.write_session() as session:
        view = trainer_view(session, who.trainer_id, svc.settings)
        locked = locked_documents(view, locked_entry_ids(session, who.trainer_id))
    if document_id in locked:
        raise Conflict(
            "This document is part of the application you sent; it can be removed or replaced "
            "once the application is decided. Upload any further document instead."
        )


@router.get("/documents/{document_id}/status")
def document_status(
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(page_user)],
) -> dict[str, Any]:
    """What the dashboard polls while a document is read, in the words the page shows."""
    out = documents.get_document(document_id, svc, who)
    side = out.record.card_side if out.record else None
    recognised = say(out.document_type, "document_type")
    return {
        "id": out.id,
        "status": out.status,
        "status_words": say(out.status, "document_status"),
        "recognised": f"{recognised} ({side})" if side and recognised else recognised,
        "problem": out.error.message if out.error else None,
        "usable": out.document_type in USABLE_TYPES,
    }


@router.get("/documents/{document_id}/pages/{page}.png")
def page_image(
    document_id: str,
    page: int,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(page_user)],
) -> Response:
    return documents.page_preview(document_id, page, svc, who)


@router.post("/entries/{entry_id}")
def change(
    request: Request,
    entry_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
    csrf: Annotated[str, Form()],
    action: Annotated[str, Form()],
    field: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
) -> Response:
    """Confirm an entry, or correct one field of it; a value that cannot be read is shown
    again beside its field with what to type instead."""
    check_csrf(request, csrf)
    assert who.trainer_id
    try:
        if action == "correct" and field not in CORRECTABLE:
            raise FormError("field", "Choose the field to correct from the list.")
        corrections = {field: correction_value(field, value)} if action == "correct" else {}
        with svc.db.write_session() as session:
            sync_entries(session, who.trainer_id, svc.settings, active_catalog(session))
            change_entry(
                session,
                who.trainer_id,
                entry_id,
                who=who.label,
                corrections=corrections,
                confirm=action == "confirm",
                settings=svc.settings,
                by_trainer=True,
            )
    except FormError as e:
        typed = Typed(form=entry_id, field=e.field, value=value, message=e.message)
        return _dashboard(request, svc, who, {"typed": typed}, status_code=422)
    done = "confirmed" if action == "confirm" else "corrected"
    return RedirectResponse(f"/web/dashboard?done={done}#entry-{entry_id}", status_code=303)


@router.post("/submit")
def submit_application(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
    csrf: Annotated[str, Form()],
    send_incomplete: Annotated[str, Form()] = "",
) -> Response:
    """Submit the application: entries locked, the audit draw made and logged. An incomplete
    application goes only once the trainer ticked that it should go as it is."""
    check_csrf(request, csrf)
    assert who.trainer_id
    with svc.db.write_session() as session:
        view = trainer_view(session, who.trainer_id, svc.settings)
        if view.readiness is None:
            raise Conflict("Your profile is missing; ask an administrator to add it.")
        confirmed = view.readiness.ready or send_incomplete == "yes"
        if confirmed:
            entry_ids = [entry.entry_id for _row, entry in view.entries]
            readiness = view.readiness.to_json_dict()
            submit(session, who.trainer_id, entry_ids, readiness, svc.settings)
    if not confirmed:
        message = "Your application is not complete. Tick the box to send it as it is."
        typed = Typed(form="submit", field="send_incomplete", value="", message=message)
        return _dashboard(request, svc, who, {"typed": typed}, status_code=422)
    return RedirectResponse("/web/dashboard?done=submitted#submission", status_code=303)
