"""Auditors' pages: the queue of open cases and one case with its evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.deps import Services, services
from api.web.data import CropView, TrainerView, crop_view, page_views, trainer_view
from api.web.render import render
from api.web.session import check_csrf, csrf_token, page_role
from audit.model import Correction
from audit.selection import days_left, is_overdue
from ingest.record import DocumentRecord
from store.cases import DECISIONS, case_trail, decide, get_case, open_cases, set_verdict
from store.entries import review_entry
from store.keys import Principal
from store.models import CaseStatus, Role, Submission
from store.trainers import get_profile_row, stored_records

router = APIRouter(prefix="/web/audit", include_in_schema=False)
_AUDITOR = page_role(Role.AUDITOR, Role.ADMIN)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@router.get("", response_class=HTMLResponse)
def queue(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
) -> Response:
    today = _today()
    with svc.db.session() as session:
        rows = [
            {
                "case": case,
                "name": _name(session, case.trainer_id),
                "days_left": days_left(case.due_on, today),
                "overdue": is_overdue(case.due_on, today, case.status == CaseStatus.DECIDED),
            }
            for case in open_cases(session)
        ]
        return render(
            request, "queue.html", {"who": who, "rows": rows, "csrf": csrf_token(request)}
        )


def _name(session: Session, trainer_id: str) -> str:
    row = get_profile_row(session, trainer_id)
    return row.name if row is not None else trainer_id


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
) -> Response:
    with svc.db.write_session() as session:
        case = get_case(session, case_id)
        submission = session.get(Submission, case.submission_id)
        view = trainer_view(session, case.trainer_id, svc.settings)
        stored = stored_records(session, case.trainer_id)
        documents = [
            {
                "id": s.document_id,
                "record": s.record,
                "pages": page_views(s.document_id, s.record, svc.settings),
            }
            for s in stored
        ]
        records = {s.document_id: s.record for s in stored}
        today = _today()
        context: dict[str, Any] = {
            "who": who,
            "case": case,
            "submission": submission,
            "view": view,
            "documents": documents,
            "rules": {v.entry.entry_id: v for v in view.readiness.entries}
            if view.readiness
            else {},
            "trail": case_trail(session, case),
            "changes": _changes(view, records),
            "days_left": days_left(case.due_on, today),
            "overdue": is_overdue(case.due_on, today, case.status == CaseStatus.DECIDED),
            "decisions": DECISIONS,
            "csrf": csrf_token(request),
        }
        return render(request, "case.html", context)


def _changes(
    view: TrainerView, records: dict[str, DocumentRecord]
) -> dict[str, list[tuple[Correction, CropView | None]]]:
    """Per entry, its corrections each with the evidence box cut out of its page."""
    return {
        entry.entry_id: [
            (c, crop_view(row.document_id, records.get(row.document_id or ""), c.evidence))
            for c in entry.corrections
        ]
        for row, entry in view.entries
    }


@router.post("/cases/{case_id}/entries/{entry_id}")
def entry_verdict(
    request: Request,
    case_id: str,
    entry_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    csrf: Annotated[str, Form()],
    verdict: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    with svc.db.write_session() as session:
        set_verdict(session, case_id, entry_id, verdict, reason, who.label)
    return RedirectResponse(f"/web/audit/cases/{case_id}#entry-{entry_id}", status_code=303)


@router.post("/cases/{case_id}/entries/{entry_id}/corrections/{field}")
def correction_review(
    request: Request,
    case_id: str,
    entry_id: str,
    field: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    csrf: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Accept or reject a trainer's held change of holder or provider."""
    check_csrf(request, csrf)
    with svc.db.write_session() as session:
        trainer_id = get_case(session, case_id).trainer_id
        review_entry(session, trainer_id, entry_id, field, decision, who=who.label, reason=reason)
    return RedirectResponse(f"/web/audit/cases/{case_id}#entry-{entry_id}", status_code=303)


@router.post("/cases/{case_id}/decision")
def case_decision(
    request: Request,
    case_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    csrf: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    with svc.db.write_session() as session:
        decide(session, case_id, decision, reason, who.label)
    return RedirectResponse(f"/web/audit/cases/{case_id}", status_code=303)
