"""/v1/notifications: what the monitoring job recorded and how its delivery went."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.deps import Services, require, services
from api.params import Offset, TrainerIdQuery
from api.schemas import error_responses
from store.keys import Principal
from store.models import Notification, NotificationStatus, Role
from store.notifications import NotificationFilter, list_notifications

router = APIRouter(prefix="/v1/notifications", tags=["notifications"])
_READERS = require(Role.AUDITOR, Role.ADMIN)


class NotificationOut(BaseModel):
    id: str
    trainer_id: str
    event_key: str
    kind: str
    message: str
    documents: list[str]
    event_date: dt.date | None
    status: NotificationStatus
    channels_done: list[str]
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    total: int
    limit: int
    offset: int


def _out(row: Notification) -> NotificationOut:
    return NotificationOut(
        id=row.id,
        trainer_id=row.trainer_id,
        event_key=row.event_key,
        kind=row.kind,
        message=row.message,
        documents=list(row.documents or ()),
        event_date=row.event_date,
        status=NotificationStatus(row.status),
        channels_done=row.channels_done.split(),
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
    )


@router.get("", response_model=NotificationPage, responses=error_responses(401, 403, 422))
def list_all(
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_READERS)],
    trainer: TrainerIdQuery = None,
    status: NotificationStatus | None = None,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> NotificationPage:
    """Notifications, newest first, with their delivery status, attempts and last error."""
    filters = NotificationFilter(
        trainer_id=trainer, status=str(status) if status else None, kind=kind
    )
    with svc.db.session() as session:
        rows, total = list_notifications(session, filters, limit=limit, offset=offset)
        return NotificationPage(
            items=[_out(r) for r in rows], total=total, limit=limit, offset=offset
        )
