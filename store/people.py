"""People who sign in to the pages, and their one-time sign-in links.

A link's token is 32 random bytes (URL-safe); only its SHA-256 is stored, it
expires after ``web_link_max_age_s`` and works once. Asking for a link never
says whether the address is known, so the form cannot be used to find people.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ingest.errors import Conflict, InvalidRequest
from ingest.ids import check_trainer_id
from store.documents import ensure_trainer
from store.keys import Principal
from store.models import Person, Role, SignInLink, utcnow


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normal_email(email: str) -> str:
    cleaned = email.strip().lower()
    local, _, domain = cleaned.partition("@")
    if not local or "." not in domain or " " in cleaned or len(cleaned) > 320:
        raise InvalidRequest(f"'{email.strip()}' is not an e-mail address (name@example.org).")
    return cleaned


def add_person(
    session: Session, *, email: str, name: str, role: Role, trainer_id: str | None = None
) -> Person:
    """A person who may sign in; a trainer belongs to their trainer id."""
    if (role is Role.TRAINER) != (trainer_id is not None):
        raise InvalidRequest("A trainer needs a trainer id; no one else has one.")
    address = normal_email(email)
    if session.scalars(select(Person).where(Person.email == address)).first() is not None:
        raise Conflict(f"{address} already signs in here.")
    if trainer_id is not None:
        ensure_trainer(session, check_trainer_id(trainer_id))
    person = Person(email=address, name=name.strip(), role=str(role), trainer_id=trainer_id)
    session.add(person)
    session.flush()
    return person


def person_by_email(session: Session, email: str) -> Person | None:
    try:
        address = normal_email(email)
    except InvalidRequest:
        return None
    return session.scalars(
        select(Person).where(Person.email == address, Person.disabled_at.is_(None))
    ).first()


def trainer_addresses(session: Session, trainer_id: str) -> list[str]:
    """The addresses of the people who sign in as this trainer (none when nobody does)."""
    return list(
        session.scalars(
            select(Person.email).where(
                Person.trainer_id == trainer_id, Person.disabled_at.is_(None)
            )
        ).all()
    )


def issue_link(session: Session, person: Person, max_age_s: int) -> str:
    """A new one-time token for ``person`` (the clear token, returned once)."""
    token = secrets.token_urlsafe(32)
    expires = utcnow() + dt.timedelta(seconds=max_age_s)
    session.add(SignInLink(token_hash=_hash(token), person_id=person.id, expires_at=expires))
    session.flush()
    return token


def link_is_live(session: Session, token: str) -> bool:
    row = session.get(SignInLink, _hash(token))
    return row is not None and row.used_at is None and row.expires_at > utcnow()


def redeem_link(session: Session, token: str) -> Person | None:
    """The person the token signs in, once: a used, expired or unknown token is None.

    The conditional update makes two clicks at once sign in only one of them.
    """
    now = utcnow()
    used = session.execute(
        update(SignInLink)
        .where(
            SignInLink.token_hash == _hash(token),
            SignInLink.used_at.is_(None),
            SignInLink.expires_at > now,
        )
        .values(used_at=now)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        return None
    row = session.get(SignInLink, _hash(token))
    assert row is not None
    person = session.get(Person, row.person_id)
    return person if person is not None and person.disabled_at is None else None


PERSON_PREFIX = "person:"


def person_principal(person: Person) -> Principal:
    """The person as the pages' caller; ``key_id`` names the person, not a key."""
    return Principal(
        key_id=PERSON_PREFIX + person.id,
        name=person.name,
        role=Role(person.role),
        trainer_id=person.trainer_id,
    )
