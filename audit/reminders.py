"""Reminders to the trainer as an audit case's due date nears, and once it has passed;
the news that an application not drawn for audit is accepted.

Pure functions, no storage: the monitoring job (``worker.monitor``) passes the
open cases and records what comes back like the card events, once per trainer
and event key. A reminder's key names the case and the threshold
(``audit_reminder:<case id>:<days>``), the overdue event's key the case alone
(``audit_overdue:<case id>``), so a second run finds the same keys and sends
nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from audit.events import Event, EventKind
from audit.selection import days_left, is_overdue
from ingest.settings import Settings

DECIDED = "decided"  # the value of store.models.CaseStatus.DECIDED (audit cannot import store)


@dataclass(frozen=True)
class OpenCase:
    """What the reminders need of an audit case."""

    id: str
    trainer_id: str
    due_on: dt.date
    status: str


def reminder_threshold(left: int, thresholds: Iterable[int]) -> int | None:
    """The smallest threshold that ``left`` days are within, if any.

    Only the most urgent one: a run that missed the 7-day reminder and runs
    the day before the due date sends the 1-day reminder alone, not both.
    """
    return min((t for t in thresholds if 0 <= left <= t), default=None)


def _in_days(left: int) -> str:
    if left == 0:
        return "today"
    return "tomorrow" if left == 1 else f"in {left} days"


def case_event(case: OpenCase, as_of: dt.date, settings: Settings) -> Event | None:
    """The reminder or overdue event for one case on ``as_of``, if any."""
    decided = case.status == DECIDED
    due = case.due_on.isoformat()
    if is_overdue(case.due_on, as_of, decided):
        return Event(
            key=f"audit_overdue:{case.id}",
            kind=EventKind.AUDIT_CASE_OVERDUE,
            message=(
                f"Your audit case was due on {due} and is overdue: upload the remaining "
                "documents now, or contact the audit team."
            ),
            documents=(),
            date=case.due_on,
        )
    left = days_left(case.due_on, as_of)
    threshold = None if decided else reminder_threshold(left, settings.audit_reminder_days)
    if threshold is None:
        return None
    return Event(
        key=f"audit_reminder:{case.id}:{threshold}",
        kind=EventKind.AUDIT_CASE_REMINDER,
        message=(
            f"Your audit case is due {_in_days(left)} ({due}): "
            f"upload the remaining documents by {due}."
        ),
        documents=(),
        date=case.due_on,
    )


def accepted_event(submission_id: str, sent_on: dt.date) -> Event:
    """The news that an application the draw did not select is accepted without audit."""
    return Event(
        key=f"application_accepted:{submission_id}",
        kind=EventKind.APPLICATION_ACCEPTED,
        message=(
            f"Your recertification application sent on {sent_on.isoformat()} was not selected "
            "for audit and is accepted."
        ),
        documents=(),
        date=sent_on,
    )


def find_case_events(
    cases: Iterable[OpenCase], as_of: dt.date, settings: Settings
) -> dict[str, list[Event]]:
    """Reminder and overdue events of the cases, by trainer id."""
    found: dict[str, list[Event]] = {}
    for case in cases:
        event = case_event(case, as_of, settings)
        if event is not None:
            found.setdefault(case.trainer_id, []).append(event)
    return found
