"""Submissions, the audit draw and audit cases, with their append-only trail.

A submission locks the CEU entries it used (``locked_entry_ids``) until it is
closed. The draw (``audit.selection``) is logged on the submission whatever
its outcome; a selected submission opens an audit case due ``audit_due_days``
later, and so does one sent incomplete (the trainer ticked "send it as it
is"): what the rules do not pass needs a person, drawn or not. The
auditor's decision closes an audited submission; one the draw did not select,
sent complete, is accepted without audit by the daily monitoring run
(``close_unselected``), ``accept_unselected_after_days`` after it was sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.selection import draw_for_audit, due_date
from ingest.errors import Conflict, InvalidRequest, NotFound
from ingest.settings import Settings
from store.models import (
    AuditCase,
    CaseEvent,
    CaseStatus,
    CeuEntryChange,
    Document,
    Role,
    Submission,
    new_id,
    utcnow,
)

VERDICTS = ("accepted", "rejected")
DECISIONS = ("approved", "denied")
DOCUMENTS_REQUESTED = "documents_requested"
ACCEPTED_WITHOUT_AUDIT = "accepted_without_audit"
OPENED_INCOMPLETE = "opened_incomplete"  # the trail's first line of a case not drawn


def submit(
    session: Session,
    trainer_id: str,
    entry_ids: list[str],
    readiness: dict[str, Any] | None,
    settings: Settings,
    today: dt.date | None = None,
) -> tuple[Submission, AuditCase | None]:
    """Store a submission, draw it for audit, open a case when it is selected."""
    if open_submission(session, trainer_id) is not None:
        raise Conflict("An application is already submitted and not decided yet.")
    submission_id = new_id()
    draw = draw_for_audit(
        settings.audit_seed.get_secret_value(),
        settings.audit_seed_id,
        submission_id,
        settings.audit_share,
    )
    submission = Submission(
        id=submission_id,
        trainer_id=trainer_id,
        submitted_at=utcnow(),
        entry_ids=entry_ids,
        readiness=readiness,
        draw=draw.to_json_dict(),
        selected=draw.selected,
    )
    session.add(submission)
    session.flush()
    case = None
    if draw.selected or not is_complete(submission):
        case = _open_case(session, submission, today or utcnow().date(), settings)
    return submission, case


def is_complete(submission: Submission) -> bool:
    """Whether the application passed the rules when it was sent (its readiness)."""
    return bool(submission.readiness and submission.readiness.get("ready"))


def _open_case(
    session: Session, submission: Submission, opened: dt.date, settings: Settings
) -> AuditCase:
    """An audit case for the submission: drawn, or sent incomplete (the trail says which)."""
    case = AuditCase(
        submission_id=submission.id,
        trainer_id=submission.trainer_id,
        opened_on=opened,
        due_on=due_date(opened, settings.audit_due_days),
        status=CaseStatus.AWAITING_DOCUMENTS,
        verdicts={},
    )
    session.add(case)
    session.flush()
    action = "opened" if submission.selected else OPENED_INCOMPLETE
    _log(session, case.id, "system", action, None, None, submission.draw)
    return case


@dataclass(frozen=True)
class Closing:
    """What ``close_unselected`` did: applications accepted, and ones sent to an auditor."""

    accepted: list[Submission]
    reviewed: list[AuditCase]


def close_unselected(session: Session, as_of: dt.date, settings: Settings) -> Closing:
    """Close the applications the draw did not select, sent at least
    ``accept_unselected_after_days`` before ``as_of``: a complete one is accepted without
    audit (its entries unlocked); an incomplete one, sent before such applications opened
    a case at once, gets its case now. Safe to run again: a closed or reviewed
    application is not looked at twice."""
    last_sent = as_of - dt.timedelta(days=settings.accept_unselected_after_days)
    reviewed_ids = select(AuditCase.submission_id)
    waiting = session.scalars(
        select(Submission)
        .where(
            Submission.selected.is_(False),
            Submission.closed_at.is_(None),
            Submission.id.not_in(reviewed_ids),
        )
        .order_by(Submission.submitted_at)
        .with_for_update(skip_locked=True)
    ).all()
    closing = Closing(accepted=[], reviewed=[])
    for submission in waiting:
        if submission.submitted_at.date() > last_sent:
            continue
        if is_complete(submission):
            submission.closed_at, submission.outcome = utcnow(), ACCEPTED_WITHOUT_AUDIT
            closing.accepted.append(submission)
        else:
            closing.reviewed.append(_open_case(session, submission, as_of, settings))
    session.flush()
    return closing


def latest_submission(session: Session, trainer_id: str) -> Submission | None:
    return session.scalars(
        select(Submission)
        .where(Submission.trainer_id == trainer_id)
        .order_by(Submission.submitted_at.desc())
    ).first()


def open_submission(session: Session, trainer_id: str) -> Submission | None:
    """The trainer's newest submission unless it is closed (decided, or accepted)."""
    newest = latest_submission(session, trainer_id)
    return newest if newest is not None and newest.closed_at is None else None


def locked_entry_ids(session: Session, trainer_id: str) -> set[str]:
    submission = open_submission(session, trainer_id)
    return set(submission.entry_ids) if submission is not None else set()


def evidence_locked_since(session: Session, trainer_id: str) -> dt.datetime | None:
    """When the application under the trainer's open audit case was submitted, if one is open.

    Everything the trainer had uploaded by then is the application's evidence
    and stays as it was until the case is decided (``check_evidence_unlocked``).
    """
    case = session.scalars(
        select(AuditCase).where(
            AuditCase.trainer_id == trainer_id, AuditCase.status != CaseStatus.DECIDED
        )
    ).first()
    if case is None:
        return None
    submission = session.get(Submission, case.submission_id)
    return submission.submitted_at if submission is not None else None


def check_evidence_unlocked(session: Session, document: Document) -> None:
    """``Conflict`` for a document that is evidence in an open audit case (delete, read again)."""
    locked_since = evidence_locked_since(session, document.trainer_id)
    if locked_since is not None and document.created_at <= locked_since:
        raise Conflict(
            "This document is evidence in an audit of the submitted application, so it cannot "
            "be deleted or read again until the audit is decided. Upload a new file to add "
            "evidence."
        )


def case_of_submission(session: Session, submission_id: str) -> AuditCase | None:
    return session.scalars(
        select(AuditCase).where(AuditCase.submission_id == submission_id)
    ).first()


def open_cases(session: Session) -> list[AuditCase]:
    """Cases not decided yet, the soonest due first."""
    return list(
        session.scalars(
            select(AuditCase)
            .where(AuditCase.status != CaseStatus.DECIDED)
            .order_by(AuditCase.due_on, AuditCase.opened_on, AuditCase.id)
        ).all()
    )


def get_case(session: Session, case_id: str) -> AuditCase:
    case = session.get(AuditCase, case_id)
    if case is None:
        raise NotFound(f"No audit case {case_id}.")
    return case


def trail(session: Session, case_id: str) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        ).all()
    )


@dataclass(frozen=True)
class TrailLine:
    """One line of a case's trail: a case event, or a change to one of its entries."""

    at: dt.datetime
    who: str
    action: str
    target: str | None
    before: Any
    after: Any


def _change_action(change: CeuEntryChange) -> str:
    """What a change of an entry did, in words: 'read X, changed to Y by the trainer'."""
    by = "the trainer" if change.who.startswith(f"{Role.TRAINER}:") else change.who
    if change.field == "state":
        return f"entry {change.new} by {by}"
    if change.field.startswith("review:"):
        field = change.field.removeprefix("review:")
        return f"change of {field} to {change.old!r} {change.new} by {change.who}"
    read = "nothing" if change.old is None else repr(change.old)
    return f"{change.field}: read {read}, changed to {change.new!r} by {by}"


def case_trail(session: Session, case: AuditCase) -> list[TrailLine]:
    """The case's events and every change to the entries it judges, oldest first."""
    submission = session.get(Submission, case.submission_id)
    entry_ids = list(submission.entry_ids) if submission is not None else []
    lines = [
        TrailLine(e.at, e.who, e.action, e.target, e.before, e.after)
        for e in trail(session, case.id)
    ]
    changes = session.scalars(
        select(CeuEntryChange)
        .where(CeuEntryChange.trainer_id == case.trainer_id)
        .where(CeuEntryChange.entry_id.in_(entry_ids))
        .order_by(CeuEntryChange.id)
    )
    lines += [TrailLine(c.at, c.who, _change_action(c), c.entry_id, c.old, c.new) for c in changes]
    return sorted(lines, key=lambda line: line.at.replace(tzinfo=None))


def set_verdict(
    session: Session, case_id: str, entry_id: str, verdict: str, reason: str, who: str
) -> AuditCase:
    """Accept or reject one entry of the case (a rejection needs a reason)."""
    case = _undecided(session, case_id)
    if verdict not in VERDICTS:
        raise InvalidRequest(f"A verdict is one of {', '.join(VERDICTS)}.")
    if verdict == "rejected" and not reason.strip():
        raise InvalidRequest("Give a reason for rejecting an entry.")
    before = case.verdicts.get(entry_id)
    after = {"verdict": verdict, "reason": reason.strip()}
    case.verdicts = {**case.verdicts, entry_id: after}
    _start_review(session, case, who)
    _log(session, case.id, who, "entry_" + verdict, entry_id, before, after)
    return case


def decide(session: Session, case_id: str, decision: str, reason: str, who: str) -> AuditCase:
    """Close the case with a decision for the whole application (a denial needs a reason)."""
    case = _undecided(session, case_id)
    if decision not in DECISIONS:
        raise InvalidRequest(f"A decision is one of {', '.join(DECISIONS)}.")
    if decision == "denied" and not reason.strip():
        raise InvalidRequest("Give the reason for the denial: the trainer reads it to fix the gap.")
    before = {"status": case.status, "decision": case.decision}
    case.status, case.decision = CaseStatus.DECIDED, decision
    case.decision_reason, case.decided_at = reason.strip() or None, utcnow()
    submission = session.get(Submission, case.submission_id)
    if submission is not None:
        submission.closed_at, submission.outcome = case.decided_at, decision
    after = {"status": case.status, "decision": decision, "reason": case.decision_reason}
    _log(session, case.id, who, "decided", None, before, after)
    return case


def request_documents(session: Session, case_id: str, message: str, who: str) -> AuditCase:
    """Ask the trainer for a document (the trainer's page shows the request until decided)."""
    case = _undecided(session, case_id)
    if not message.strip():
        raise InvalidRequest("Say which document the trainer should upload, and why.")
    _start_review(session, case, who)
    _log(session, case.id, who, DOCUMENTS_REQUESTED, None, None, {"message": message.strip()})
    return case


def document_requests(session: Session, case_id: str) -> list[CaseEvent]:
    """The auditor's requests for documents in this case, oldest first."""
    return [event for event in trail(session, case_id) if event.action == DOCUMENTS_REQUESTED]


def _undecided(session: Session, case_id: str) -> AuditCase:
    case = get_case(session, case_id)
    if case.status == CaseStatus.DECIDED:
        raise Conflict("The case is decided; it cannot change any more.")
    return case


def _start_review(session: Session, case: AuditCase, who: str) -> None:
    if case.status == CaseStatus.AWAITING_DOCUMENTS:
        case.status = CaseStatus.IN_REVIEW
        before, after = {"status": CaseStatus.AWAITING_DOCUMENTS}, {"status": case.status}
        _log(session, case.id, who, "status", None, before, after)


def _log(
    session: Session,
    case_id: str,
    who: str,
    action: str,
    target: str | None,
    before: Any,
    after: Any,
) -> None:
    session.add(
        CaseEvent(
            case_id=case_id,
            who=who[:200],
            at=utcnow(),
            action=action,
            target=target,
            before=before,
            after=after,
        )
    )
    session.flush()
