"""Page sessions kept on the server: started at login, ended by logout or key revocation.

The browser holds a random token (signed by the API with the deployment's
secret); the database holds its SHA-256, the key it belongs to, the CSRF token
of its forms and its expiry. A session is valid while not ended, not expired
and its key not revoked: checked on every page request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.keys import Principal
from store.models import ApiKey, Role, WebSession, utcnow


@dataclass(frozen=True)
class PageSession:
    who: Principal
    csrf: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, key_id: str, max_age_s: int) -> str:
    """A new session for the key; returns the token for the cookie (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSession(
            token_hash=_hash(token),
            key_id=key_id,
            csrf=secrets.token_hex(32),
            created_at=now,
            expires_at=now + dt.timedelta(seconds=max_age_s),
        )
    )
    session.flush()
    return token


def find_session(session: Session, token: str) -> PageSession | None:
    """The caller and the forms' CSRF token of a live session; None otherwise."""
    found = session.execute(
        select(WebSession, ApiKey)
        .join(ApiKey, ApiKey.id == WebSession.key_id)
        .where(
            WebSession.token_hash == _hash(token),
            WebSession.ended_at.is_(None),
            WebSession.expires_at > utcnow(),
            ApiKey.revoked_at.is_(None),
        )
    ).first()
    if found is None:
        return None
    row, key = found
    return PageSession(Principal(key.id, key.name, Role(key.role), key.trainer_id), row.csrf)


def end_session(session: Session, token: str) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _hash(token), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
