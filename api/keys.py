"""/v1/keys: admins create, list and revoke API keys (the CLI does the same)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from api.deps import Services, require, services
from api.schemas import error_responses
from ingest.errors import NotFound
from ingest.ids import TRAINER_ID_DESCRIPTION, TRAINER_ID_PATTERN
from store.keys import Principal, create_key, list_keys, revoke_key
from store.models import ApiKey, Role

router = APIRouter(prefix="/v1/keys", tags=["keys"])
_ADMIN = require(Role.ADMIN)


class KeyRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: Role
    trainer_id: str | None = Field(
        None,
        pattern=TRAINER_ID_PATTERN,
        max_length=64,
        description=f"Trainer keys only. {TRAINER_ID_DESCRIPTION}",
    )


class KeyOut(BaseModel):
    id: str
    name: str
    role: Role
    trainer_id: str | None
    prefix: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class NewKey(KeyOut):
    key: str = Field(description="The bearer token. Shown only in this answer; store it now.")


def _out(row: ApiKey) -> KeyOut:
    return KeyOut(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        trainer_id=row.trainer_id,
        prefix=row.prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


@router.post("", status_code=201, response_model=NewKey, responses=error_responses(401, 403, 422))
def create(
    request: KeyRequest,
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> NewKey:
    """Create a key; the clear key is in this answer only (the database keeps its hash)."""
    with svc.db.session() as session:
        row, clear = create_key(
            session, name=request.name, role=request.role, trainer_id=request.trainer_id
        )
        return NewKey(**_out(row).model_dump(), key=clear)


@router.get("", response_model=list[KeyOut], responses=error_responses(401, 403))
def list_all(
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> list[KeyOut]:
    with svc.db.session() as session:
        return [_out(row) for row in list_keys(session)]


@router.delete("/{key_id}", status_code=204, responses=error_responses(401, 403, 404, 422))
def revoke(
    key_id: str,
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(_ADMIN)],
) -> Response:
    """Revoke a key: requests carrying it answer 401 from now on."""
    with svc.db.session() as session:
        if not revoke_key(session, key_id):
            raise NotFound(f"No active key {key_id}.")
    return Response(status_code=204)
