"""The trainer's dashboard: uploads, CEU entries to confirm or correct, progress, submission."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from api import documents
from api.deps import Services, services
from api.web.data import area_progress, fee_windows, trainer_view
from api.web.render import render
from api.web.session import check_csrf, csrf_token, page_role, page_user
from audit.selection import days_left, is_overdue
from ingest.errors import Conflict, InvalidRequest
from store.cases import (
    case_of_submission,
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


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
) -> Response:
    assert who.trainer_id
    with svc.db.write_session() as session:
        view = trainer_view(session, who.trainer_id, svc.settings)
        locked = locked_entry_ids(session, who.trainer_id)
        submission = latest_submission(session, who.trainer_id)
        case = case_of_submission(session, submission.id) if submission else None
        context: dict[str, Any] = {
            "who": who,
            "view": view,
            "areas": area_progress(view.readiness, svc.settings.required_ceus),
            "windows": fee_windows(view.expiry, svc.settings) if view.expiry else [],
            "locked": locked,
            "submission": submission,
            "can_submit": open_submission(session, who.trainer_id) is None,
            "case": case,
            **(_case_dates(case.due_on, case.status) if case else {}),
            "correctable": CORRECTABLE,
            "csrf": csrf_token(request),
            "poll_ms": svc.settings.web_poll_interval_ms,
        }
        return render(request, "dashboard.html", context)


def _case_dates(due: dt.date, status: str) -> dict[str, Any]:
    """Days left until the audit case is due, as the auditor's case page shows them."""
    today = dt.datetime.now(dt.UTC).date()
    return {
        "case_days_left": days_left(due, today),
        "case_overdue": is_overdue(due, today, status == CaseStatus.DECIDED),
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


@router.get("/documents/{document_id}/status")
def document_status(
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(page_user)],
) -> dict[str, Any]:
    """What the dashboard polls while a document is read (same visibility as the API)."""
    out = documents.get_document(document_id, svc, who)
    return {"id": out.id, "status": out.status, "document_type": out.document_type}


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
    """Confirm an entry, or correct one field of it (the API's store functions)."""
    check_csrf(request, csrf)
    assert who.trainer_id
    if action == "correct" and field not in CORRECTABLE:
        raise InvalidRequest(f"Choose one of: {', '.join(CORRECTABLE)}.")
    corrections: dict[str, Any] = {field: value.strip() or None} if action == "correct" else {}
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
    return RedirectResponse(f"/web/dashboard#entry-{entry_id}", status_code=303)


@router.post("/submit")
def submit_application(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_TRAINER)],
    csrf: Annotated[str, Form()],
) -> Response:
    """Submit the application: entries locked, the audit draw made and logged."""
    check_csrf(request, csrf)
    assert who.trainer_id
    with svc.db.write_session() as session:
        view = trainer_view(session, who.trainer_id, svc.settings)
        if view.readiness is None:
            raise Conflict("Your profile is missing; ask an administrator to add it.")
        entry_ids = [entry.entry_id for _row, entry in view.entries]
        submit(session, who.trainer_id, entry_ids, view.readiness.to_json_dict(), svc.settings)
    return RedirectResponse("/web/dashboard#submission", status_code=303)
