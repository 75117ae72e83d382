"""Auditors' pages: the queue of open cases and one case with its evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.deps import Services, services
from api.web.data import PageView, corrections_shown, page_views, trainer_view
from api.web.forms import FormError, Typed
from api.web.links import tell_trainer
from api.web.render import render
from api.web.session import check_csrf, csrf_token, page_role
from audit.selection import days_left, is_overdue
from store.cases import (
    DECISIONS,
    case_trail,
    decide,
    get_case,
    open_cases,
    request_documents,
    set_verdict,
)
from store.entries import review_entry
from store.keys import Principal
from store.models import AuditCase, CaseStatus, Role
from store.people import trainer_addresses
from store.trainers import get_profile_row

router = APIRouter(prefix="/web/audit", include_in_schema=False)
_AUDITOR = page_role(Role.AUDITOR, Role.ADMIN)
DONE_MESSAGES = {
    "accepted": "Entry accepted.",
    "rejected": "Entry rejected.",
    "requested": "Request sent: the trainer sees it on their page.",
    "decided": "Decision recorded; the trainer sees it with your reasons.",
}


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
    return row.name if row is not None else "A trainer without a profile"


@dataclass(frozen=True)
class DocumentPanel:
    id: str
    source: str
    document_type: str | None
    card_side: str | None
    pages: list[PageView]
    match: Any
    kind_reason: str | None
    authenticity: list[Any]  # signs of editing (checks.authenticity), shown beside the pages


@dataclass(frozen=True)
class Confirmation:
    """A decision waiting for the auditor's second word, with the entries nobody reviewed."""

    decision: str
    reason: str
    unreviewed: list[str]


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    case_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    done: str = "",
) -> Response:
    return _case(request, svc, who, case_id, {"done": DONE_MESSAGES.get(done, "")})


def _case(
    request: Request,
    svc: Services,
    who: Principal,
    case_id: str,
    extra: dict[str, Any],
    status_code: int = 200,
) -> Response:
    """The case page; ``extra`` carries a form's error or a decision to confirm."""
    with svc.db.write_session() as session:
        case = get_case(session, case_id)
        view = trainer_view(session, case.trainer_id, svc.settings)
        panels = {doc_id: _panel(doc_id, record, svc) for doc_id, record in view.records.items()}
        behind_entries = {row.document_id for row, _entry in view.entries if row.document_id}
        today = _today()
        context: dict[str, Any] = {
            "who": who,
            "case": case,
            "view": view,
            "panels": panels,
            "other_documents": [p for i, p in panels.items() if i not in behind_entries],
            "rules": view.verdicts(),
            "trail": case_trail(session, case),
            "changes": corrections_shown(view),
            "courses": {e.entry_id: e.course or "an entry" for _row, e in view.entries},
            "days_left": days_left(case.due_on, today),
            "overdue": is_overdue(case.due_on, today, case.status == CaseStatus.DECIDED),
            "decisions": DECISIONS,
            "csrf": csrf_token(request),
            "typed": None,
            "confirm": None,
            "chosen": "",
            "done": "",
            **extra,
        }
        return render(request, "case.html", context, status_code=status_code)


def _panel(document_id: str, record: Any, svc: Services) -> DocumentPanel:
    kind = record.evidence.get("document_type")
    return DocumentPanel(
        id=document_id,
        source=record.source,
        document_type=record.document_type,
        card_side=record.card_side,
        pages=page_views(document_id, record, svc.settings),
        match=record.match,
        kind_reason=_cues(kind.reason) if kind is not None and kind.reason else None,
        authenticity=list(record.authenticity),
    )


def _cues(reason: str) -> str:
    """The words that told the kind of document, without the classifier's own prefix."""
    return reason.removeprefix("not evidence:").strip()


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
    if verdict == "rejected" and not reason.strip():
        message = "Say why the entry is rejected: the trainer reads it to fix the entry."
        typed = Typed(form=entry_id, field="reason", value=reason, message=message)
        return _case(request, svc, who, case_id, {"typed": typed}, status_code=422)
    with svc.db.write_session() as session:
        set_verdict(session, case_id, entry_id, verdict, reason, who.label)
    return RedirectResponse(
        f"/web/audit/cases/{case_id}?done={verdict}#entry-{entry_id}", status_code=303
    )


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
    """Accept or reject a trainer's held change (holder, provider, category, petition)."""
    check_csrf(request, csrf)
    with svc.db.write_session() as session:
        trainer_id = get_case(session, case_id).trainer_id
        review_entry(session, trainer_id, entry_id, field, decision, who=who.label, reason=reason)
    return RedirectResponse(f"/web/audit/cases/{case_id}#entry-{entry_id}", status_code=303)


@router.post("/cases/{case_id}/request")
def ask_for_documents(
    request: Request,
    case_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    csrf: Annotated[str, Form()],
    message: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    if not message.strip():
        error = "Say which document the trainer should upload, and why."
        typed = Typed(form="request", field="message", value=message, message=error)
        return _case(request, svc, who, case_id, {"typed": typed}, status_code=422)
    with svc.db.write_session() as session:
        case = request_documents(session, case_id, message, who.label)
        addresses = trainer_addresses(session, case.trainer_id)
    body = f"The auditor of your recertification asks for a document:\n\n{message.strip()}\n"
    tell_trainer(svc, addresses, "Your auditor asks for a document", body)
    return RedirectResponse(f"/web/audit/cases/{case_id}?done=requested", status_code=303)


@router.post("/cases/{case_id}/decision")
def case_decision(
    request: Request,
    case_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_AUDITOR)],
    csrf: Annotated[str, Form()],
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    confirmed: Annotated[str, Form()] = "",
) -> Response:
    """A decision is asked again before it is recorded, naming the entries not reviewed."""
    check_csrf(request, csrf)
    try:
        _check_decision(decision, reason)
    except FormError as e:
        typed = Typed(form="decision", field=e.field, value=reason, message=e.message)
        extra = {"typed": typed, "chosen": decision}
        return _case(request, svc, who, case_id, extra, status_code=422)
    if confirmed != "yes":
        with svc.db.write_session() as session:
            unreviewed = _unreviewed(session, get_case(session, case_id), svc)
        confirm = Confirmation(decision, reason.strip(), unreviewed)
        return _case(request, svc, who, case_id, {"confirm": confirm})
    with svc.db.write_session() as session:
        case = decide(session, case_id, decision, reason, who.label)
        addresses = trainer_addresses(session, case.trainer_id)
    body = f"Your recertification application was {decision}.\n\nReason: {reason.strip()}\n"
    tell_trainer(svc, addresses, f"Your application was {decision}", body)
    return RedirectResponse(f"/web/audit/cases/{case_id}?done=decided", status_code=303)


def _check_decision(decision: str, reason: str) -> None:
    if decision not in DECISIONS:
        raise FormError("decision", "Choose approve or deny.")
    if not reason.strip():
        raise FormError(
            "reason", "Give the reason for the decision: the trainer reads it on their page."
        )


def _unreviewed(session: Session, case: AuditCase, svc: Services) -> list[str]:
    """The courses of the entries with neither an accept nor a reject yet."""
    view = trainer_view(session, case.trainer_id, svc.settings)
    return [
        entry.course or "an entry without a course name"
        for _row, entry in view.entries
        if entry.entry_id not in case.verdicts
    ]
