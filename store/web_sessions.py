"""Page sessions kept on the server: started at login, ended by logout or key revocation.

The browser holds a random token (signed by the API with the deployment's
secret); the database holds its SHA-256, whom it belongs to (a key's id, or a
person's as ``person:<id>``), the CSRF token of its forms and its expiry. A
session is valid while not ended, not expired, and its key not revoked or its
person not disabled: checked on every page request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.keys import Principal
from store.models import ApiKey, Person, Role, WebSession, utcnow
from store.people import PERSON_PREFIX, person_principal


@dataclass(frozen=True)
class PageSession:
    who: Principal
    csrf: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(session: Session, key_id: str, max_age_s: int) -> str:
    """A new session for a key or a person (``key_id``: the key's id, or ``person:<id>``);
    returns the token for the cookie (stored only hashed)."""
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
    row = session.execute(
        select(WebSession).where(
            WebSession.token_hash == _hash(token),
            WebSession.ended_at.is_(None),
            WebSession.expires_at > utcnow(),
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    who = _signed_in(session, row.key_id)
    return PageSession(who, row.csrf) if who is not None else None


def _signed_in(session: Session, subject: str) -> Principal | None:
    """The key or the person a session belongs to, unless revoked or disabled since."""
    if subject.startswith(PERSON_PREFIX):
        person = session.get(Person, subject.removeprefix(PERSON_PREFIX))
        if person is None or person.disabled_at is not None:
            return None
        return person_principal(person)
    key = session.get(ApiKey, subject)
    if key is None or key.revoked_at is not None:
        return None
    return Principal(key.id, key.name, Role(key.role), key.trainer_id)


def end_session(session: Session, token: str) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _hash(token), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
