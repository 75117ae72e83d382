"""/v1/people: admins list the people who sign in to the pages by e-mail, add and disable them.

API keys stay for machines (and the key form for administrators and tests);
a person signs in with a one-time link sent to the address kept here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.deps import Services, require, services
from api.keys import KeyRequest
from api.schemas import error_responses
from ingest.errors import NotFound
from store.keys import Principal
from store.models import Person, Role, utcnow
from store.people import add_person

router = APIRouter(prefix="/v1/people", tags=["people"])
_ADMIN = require(Role.ADMIN)


class PersonRequest(KeyRequest):
    """A key's name, role and trainer, and the address sign-in links go to."""

    email: str = Field(min_length=3, max_length=320, description="Where sign-in links go.")


class PersonOut(BaseModel):
    id: str
    email: str
    name: str
    role: Role
    trainer_id: str | None
    created_at: dt.datetime
    disabled_at: dt.datetime | None


def _out(row: Person) -> PersonOut:
    return PersonOut(
        id=row.id,
        email=row.email,
        name=row.name,
        role=Role(row.role),
        trainer_id=row.trainer_id,
        created_at=row.created_at,
        disabled_at=row.disabled_at,
    )


@router.post(
    "", status_code=201, response_model=PersonOut, responses=error_responses(401, 403, 409, 422)
)
def create(
    body: PersonRequest,
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> PersonOut:
    """Add a person; they sign in by asking for a link on the sign-in page."""
    with svc.db.write_session() as session:
        row = add_person(
            session, email=body.email, name=body.name, role=body.role, trainer_id=body.trainer_id
        )
        return _out(row)


@router.get("", response_model=list[PersonOut], responses=error_responses(401, 403, 422))
def list_all(
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> list[PersonOut]:
    with svc.db.session() as session:
        return [_out(r) for r in session.scalars(select(Person).order_by(Person.email)).all()]


@router.delete("/{person_id}", status_code=204, responses=error_responses(401, 403, 404, 422))
def disable(
    person_id: str,
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> Response:
    """Disable a person: their sessions end at the next page and their links stop working."""
    with svc.db.write_session() as session:
        row = session.get(Person, person_id)
        if row is None or row.disabled_at is not None:
            raise NotFound(f"No person {person_id} who can sign in.")
        row.disabled_at = utcnow()
    return Response(status_code=204)
