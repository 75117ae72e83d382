"""Page sessions: log in with an API key, a signed HttpOnly cookie, CSRF tokens.

The cookie holds the key's id, an expiry and a nonce, signed with HMAC-SHA256
under ``web_session_secret`` (a random secret per process when unset, which only
the embedded default allows: see ``ingest.settings.check_deployment``). Every
request looks the key up again, so a revoked key ends its sessions at once.
The CSRF token is the HMAC of the nonce; every form POST must carry it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.deps import Services, services
from api.web.render import render
from ingest.errors import Forbidden
from store.keys import Principal, authenticate
from store.models import ApiKey, Person, Role
from store.people import PERSON_PREFIX, person_principal

COOKIE = "cv_session"
LOGIN_COOKIE = "cv_login"
router = APIRouter(prefix="/web", include_in_schema=False)


class LoginRequired(Exception):
    """No valid session: pages answer with a redirect to the login form."""


def _secret(request: Request) -> bytes:
    app = request.app
    if not getattr(app.state, "web_secret", None):
        configured = services(request).settings.web_session_secret.get_secret_value()
        app.state.web_secret = configured.encode("utf-8") or secrets.token_bytes(32)
    secret: bytes = app.state.web_secret
    return secret


def _sign(secret: bytes, data: bytes) -> str:
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


def make_cookie(secret: bytes, key_id: str, max_age_s: int) -> str:
    payload = json.dumps(
        {"k": key_id, "e": int(time.time()) + max_age_s, "n": secrets.token_hex(16)}
    )
    data = base64.urlsafe_b64encode(payload.encode("utf-8"))
    return f"{data.decode('ascii')}.{_sign(secret, data)}"


def read_cookie(secret: bytes, value: str | None) -> dict[str, str | int] | None:
    if not value or "." not in value:
        return None
    data, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(_sign(secret, data.encode("ascii")), signature):
        return None
    payload: dict[str, str | int] = json.loads(base64.urlsafe_b64decode(data))
    return payload if int(payload["e"]) > time.time() else None


def csrf_token(request: Request) -> str:
    payload = read_cookie(_secret(request), request.cookies.get(COOKIE))
    if payload is None:
        return ""
    return _sign(_secret(request), f"csrf:{payload['n']}".encode())


def check_csrf(request: Request, token: str) -> None:
    expected = csrf_token(request)
    if not expected or not hmac.compare_digest(expected, token or ""):
        raise Forbidden("The form is stale or was not sent from this site; reload the page.")


async def page_user(request: Request) -> Principal:
    payload = read_cookie(_secret(request), request.cookies.get(COOKIE))
    if payload is None:
        raise LoginRequired()
    svc = services(request)

    def lookup() -> Principal | None:
        with svc.db.session() as session:
            return _signed_in(session, str(payload["k"]))

    found = await run_in_threadpool(lookup)
    if found is None:
        raise LoginRequired()
    return found


def _signed_in(session: Session, subject: str) -> Principal | None:
    """The key or the person a session cookie names, unless revoked or disabled since."""
    if subject.startswith(PERSON_PREFIX):
        person = session.get(Person, subject.removeprefix(PERSON_PREFIX))
        if person is None or person.disabled_at is not None:
            return None
        return person_principal(person)
    row = session.get(ApiKey, subject)
    if row is None or row.revoked_at is not None:
        return None
    return Principal(row.id, row.name, Role(row.role), row.trainer_id)


def page_role(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    async def check(who: Annotated[Principal, Depends(page_user)]) -> Principal:
        if who.role not in roles:
            allowed = " and ".join(f"{role}s" for role in roles)
            raise Forbidden(
                f"This page is for {allowed}; you are signed in as {who.name} ({who.role})."
            )
        return who

    return check


def add_login_redirect(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def to_login(_request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/web/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str = "") -> Response:
    token = secrets.token_hex(16)
    response = render(request, "login.html", {"login_csrf": token, "error": error})
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="lax", max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    api_key: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    if not expected or not hmac.compare_digest(expected, csrf):
        raise Forbidden("The login form is stale; reload it.")
    with svc.db.session() as session:
        who = authenticate(session, api_key.strip())
    if who is None:
        return RedirectResponse("/web/login?error=unknown", status_code=303)
    return start_session(request, svc, who.key_id)


def start_session(request: Request, svc: Services, subject: str) -> Response:
    """Signed in as ``subject`` (a key id, or a person's): the cookie, then the start page."""
    response = RedirectResponse("/web/", status_code=303)
    cookie = make_cookie(_secret(request), subject, svc.settings.web_session_max_age_s)
    response.set_cookie(
        COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        max_age=svc.settings.web_session_max_age_s,
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/")
async def home(who: Annotated[Principal, Depends(page_user)]) -> Response:
    target = "/web/dashboard" if who.role is Role.TRAINER else "/web/audit"
    return RedirectResponse(target, status_code=303)
