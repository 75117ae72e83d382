"""FastAPI dependencies: the services built at start-up, and who is calling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CollectorRegistry
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.previews import Previews
from api.quotas import Quotas
from ingest.errors import Forbidden, Unauthorized
from ingest.settings import Settings
from store.db import Database
from store.dispatch import Dispatcher
from store.files import FileStore
from store.keys import Principal, authenticate
from store.models import Role, utcnow

_bearer = HTTPBearer(auto_error=False, description="An API key from `certverify keys create`.")


@dataclass
class Services:
    settings: Settings
    db: Database
    files: FileStore
    dispatcher: Dispatcher
    metrics_registry: CollectorRegistry
    quotas: Quotas
    previews: Previews


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def arrival_time(request: Request) -> dt.datetime:
    """When the request reached the app (stamped by ``stamp_arrival``), before any queueing."""
    arrived: dt.datetime = request.scope.get("state", {}).get("arrived_at") or utcnow()
    return arrived


def stamp_arrival(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: note the arrival time of each HTTP request in its scope's state."""

    async def stamped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["arrived_at"] = utcnow()
        await app(scope, receive, send)

    return stamped


def settings(request: Request) -> Settings:
    return services(request).settings


async def principal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal:
    if credentials is None or not credentials.credentials:
        raise Unauthorized()
    svc = services(request)

    def lookup() -> Principal | None:
        with svc.db.session() as session:
            return authenticate(session, credentials.credentials)

    found = await run_in_threadpool(lookup)
    if found is None:
        raise Unauthorized("The API key is unknown or revoked. Ask an admin for a new key.")
    return found


def require(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that lets only ``roles`` through (403 for the others)."""

    async def check(who: Principal = Depends(principal)) -> Principal:
        if who.role not in roles:
            raise Forbidden(f"The {who.role} role cannot do this.")
        return who

    return check


ANY_ROLE = (Role.TRAINER, Role.AUDITOR, Role.ADMIN)
