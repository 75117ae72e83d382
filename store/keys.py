"""API keys: random bearer tokens, stored only as their SHA-256.

A key is 32 random bytes, so a plain SHA-256 is enough (no dictionary to
attack); the clear key is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ingest.errors import InvalidRequest
from ingest.ids import check_trainer_id
from store.documents import ensure_trainer
from store.models import ApiKey, Role, WebSession, utcnow

KEY_PREFIX = "cvk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, role and (for trainers) their trainer id."""

    key_id: str
    name: str
    role: Role
    trainer_id: str | None

    @property
    def label(self) -> str:
        """How the caller is named in histories and audit trails: role and key name."""
        return f"{self.role}:{self.name}"


def create_key(
    session: Session, *, name: str, role: Role, trainer_id: str | None = None
) -> tuple[ApiKey, str]:
    """A new key row and the clear key (returned once, never stored)."""
    if role is Role.TRAINER and not trainer_id:
        raise InvalidRequest("A trainer key needs --trainer <trainer id>.")
    if role is not Role.TRAINER and trainer_id is not None:
        raise InvalidRequest("Only trainer keys belong to a trainer; drop --trainer.")
    if trainer_id is not None:
        ensure_trainer(session, check_trainer_id(trainer_id))
    clear = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        name=name,
        role=str(role),
        trainer_id=trainer_id,
        key_hash=hash_key(clear),
        prefix=clear[: len(KEY_PREFIX) + 6],
    )
    session.add(row)
    session.flush()
    return row, clear


def authenticate(session: Session, clear: str) -> Principal | None:
    row = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == hash_key(clear), ApiKey.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    return Principal(key_id=row.id, name=row.name, role=Role(row.role), trainer_id=row.trainer_id)


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at)).all())


def revoke_key(session: Session, key_id: str) -> bool:
    row = session.get(ApiKey, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.execute(  # its page sessions end too
        update(WebSession)
        .where(WebSession.key_id == key_id, WebSession.ended_at.is_(None))
        .values(ended_at=row.revoked_at)
    )
    return True
