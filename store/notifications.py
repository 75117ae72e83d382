"""Notifications: one row per trainer and event key, and its delivery state.

The unique constraint on (trainer, event key) is what makes the monitoring job
safe to run again, or twice at once: an event already recorded is skipped,
and a concurrent insert of the same event loses on the constraint, not by luck.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from audit.events import Event
from store.models import Notification, NotificationStatus, utcnow


def record_events(session: Session, trainer_id: str, events: Iterable[Event]) -> int:
    """Store the events not recorded before; how many were new."""
    known = set(
        session.scalars(
            select(Notification.event_key).where(Notification.trainer_id == trainer_id)
        ).all()
    )
    created = 0
    for event in events:
        if event.key in known:
            continue
        known.add(event.key)
        if _insert(session, trainer_id, event):
            created += 1
    return created


def _insert(session: Session, trainer_id: str, event: Event) -> bool:
    """Insert in a savepoint; False when another run recorded the same event first."""
    now = utcnow()
    row = Notification(
        trainer_id=trainer_id,
        event_key=event.key[:300],
        kind=str(event.kind),
        message=event.message,
        documents=list(event.documents),
        event_date=event.date,
        status=NotificationStatus.PENDING,
        channels_done="",
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def _deliverable(lease_s: float) -> ColumnElement[bool]:
    """Pending or failed, or stuck in ``sending`` longer than a lease (a run that died)."""
    stale = utcnow() - dt.timedelta(seconds=lease_s)
    return or_(
        Notification.status.in_((NotificationStatus.PENDING, NotificationStatus.FAILED)),
        (Notification.status == NotificationStatus.SENDING) & (Notification.updated_at < stale),
    )


def due_for_delivery(
    session: Session, max_attempts: int, lease_s: float, limit: int = 500
) -> list[Notification]:
    """Notifications to send with attempts left, oldest first."""
    query = (
        select(Notification)
        .where(_deliverable(lease_s), Notification.attempts < max_attempts)
        .order_by(Notification.created_at, Notification.id)
        .limit(limit)
    )
    return list(session.scalars(query).all())


def claim_for_delivery(session: Session, notification_id: str, lease_s: float) -> bool:
    """Mark the notification ``sending`` for this run; False when another run has it.

    One conditional update, so two runs at once never send the same notification twice.
    """
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, _deliverable(lease_s))
        .values(status=NotificationStatus.SENDING, updated_at=utcnow())
    )
    return getattr(result, "rowcount", 0) == 1


@dataclass(frozen=True)
class ChannelResult:
    channel: str
    delivered: bool
    attempts: int
    error: str | None


def record_delivery(
    session: Session, notification_id: str, results: Iterable[ChannelResult]
) -> Notification | None:
    """Add the attempts made; delivered once every channel tried has taken it."""
    row = session.get(Notification, notification_id)
    if row is None:
        return None
    done = set(row.channels_done.split())
    errors = []
    for result in results:
        row.attempts += result.attempts
        if result.delivered:
            done.add(result.channel)
        else:
            errors.append(f"{result.channel}: {result.error or 'not delivered'}")
    now = utcnow()
    row.channels_done = " ".join(sorted(done))
    row.updated_at = now
    if errors:
        row.status, row.last_error = NotificationStatus.FAILED, "; ".join(errors)
    else:
        row.status, row.delivered_at = NotificationStatus.DELIVERED, now
    session.flush()
    return row


@dataclass(frozen=True)
class NotificationFilter:
    trainer_id: str | None = None
    status: str | None = None
    kind: str | None = None


def list_notifications(
    session: Session, filters: NotificationFilter, *, limit: int, offset: int
) -> tuple[list[Notification], int]:
    query = select(Notification)
    if filters.trainer_id:
        query = query.where(Notification.trainer_id == filters.trainer_id)
    if filters.status:
        query = query.where(Notification.status == filters.status)
    if filters.kind:
        query = query.where(Notification.kind == filters.kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Notification.created_at.desc(), Notification.id).limit(limit).offset(offset)
    ).all()
    return list(rows), total
