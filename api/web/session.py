"""Page sessions: log in with an API key, a server-side session, CSRF tokens.

The session lives in the database (``store.web_sessions``): the cookie holds
only its random token, signed with itsdangerous under the deployment's secret
(``store.deployment``) so a forged or mangled cookie is refused before any
lookup, and a non-ASCII one is just not a session. Logging out ends the
session on the server, so the old cookie stops working everywhere; revoking
the key ends its sessions. Each session has its own CSRF token, which every
form POST must carry; the sign-in forms use a double-submit cookie, signed and
timed with itsdangerous too. Why the session and its CSRF token are not a
library's: README, "Sessions and CSRF".
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadData, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from api.deps import Services, services
from api.web.render import render
from ingest.errors import Forbidden
from store.deployment import web_session_secret
from store.keys import Principal, authenticate
from store.models import Role
from store.web_sessions import PageSession, end_session, find_session, open_session

COOKIE = "cv_session"
LOGIN_COOKIE = "cv_login"
SESSION_SALT = "certverify-page-session"
LOGIN_SALT = "certverify-login-form"
LOGIN_FORM_MAX_AGE_S = 3600
router = APIRouter(prefix="/web", include_in_schema=False)


class LoginRequired(Exception):
    """No valid session: pages answer with a redirect to the login form."""


def _signer(request: Request, salt: str = SESSION_SALT) -> URLSafeTimedSerializer:
    """itsdangerous' signer of the deployment's secret for one purpose (its salt)."""
    app = request.app
    if getattr(app.state, "web_signers", None) is None:
        secret = web_session_secret(services(request).settings)
        app.state.web_signers = {
            name: URLSafeTimedSerializer(secret, salt=name) for name in (SESSION_SALT, LOGIN_SALT)
        }
    signer: URLSafeTimedSerializer = app.state.web_signers[salt]
    return signer


def _token(request: Request) -> str | None:
    """The session token in the request's cookie, if the cookie is ours and not too old."""
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    max_age = services(request).settings.web_session_max_age_s
    try:
        token = _signer(request).loads(value, max_age=max_age)
    except BadData:  # forged, expired, or not even text we wrote
        return None
    return token if isinstance(token, str) else None


def _page_session(request: Request) -> PageSession | None:
    """The live session of this request (looked up once per request)."""
    if "page_session" not in request.scope.setdefault("state", {}):
        token = _token(request)
        found = None
        if token is not None:
            with services(request).db.session() as session:
                found = find_session(session, token)
        request.scope["state"]["page_session"] = found
    cached: PageSession | None = request.scope["state"]["page_session"]
    return cached


def csrf_token(request: Request) -> str:
    found = _page_session(request)
    return found.csrf if found is not None else ""


def check_csrf(request: Request, token: str) -> None:
    expected = csrf_token(request)
    if not expected or not _same(expected, token):
        raise Forbidden("The form is stale or was not sent from this site; reload the page.")


def _same(expected: str, given: str | None) -> bool:
    """Constant-time comparison of any text (``compare_digest`` refuses non-ASCII str)."""
    return hmac.compare_digest(expected.encode("utf-8"), (given or "").encode("utf-8"))


async def page_user(request: Request) -> Principal:
    found = await run_in_threadpool(_page_session, request)
    if found is None:
        raise LoginRequired()
    return found.who


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


def login_page(request: Request, context: dict[str, Any], status_code: int = 200) -> Response:
    """The sign-in page with a fresh token for its forms (no session yet: a double-submit
    cookie, signed and timed by itsdangerous, so only this deployment's recent ones pass)."""
    token = secrets.token_hex(16)
    response = render(request, "login.html", {**context, "login_csrf": token}, status_code)
    response.set_cookie(
        LOGIN_COOKIE,
        _signer(request, LOGIN_SALT).dumps(token),
        httponly=True,
        samesite="lax",
        max_age=LOGIN_FORM_MAX_AGE_S,
    )
    return response


def check_login_csrf(request: Request, token: str) -> None:
    """``Forbidden`` unless ``token`` is the one the sign-in page set in its cookie."""
    try:
        expected = _signer(request, LOGIN_SALT).loads(
            request.cookies.get(LOGIN_COOKIE) or "", max_age=LOGIN_FORM_MAX_AGE_S
        )
    except BadData:  # missing, forged, older than the form's hour, or not text we wrote
        expected = None
    if not isinstance(expected, str) or not _same(expected, token):
        raise Forbidden("The sign-in form is stale; reload it.")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str = "") -> Response:
    return login_page(request, {"error": error})


@router.post("/login")
def login(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    api_key: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
) -> Response:
    check_login_csrf(request, csrf)
    with svc.db.session() as session:
        who = authenticate(session, api_key.strip())
    if who is None:
        return RedirectResponse("/web/login?error=unknown", status_code=303)
    return start_session(request, svc, who.key_id)


def start_session(request: Request, svc: Services, subject: str) -> Response:
    """Signed in as ``subject`` (a key id, or a person's): a session kept on the server,
    its signed token in the cookie, then the start page."""
    max_age = svc.settings.web_session_max_age_s
    with svc.db.write_session() as session:
        token = open_session(session, subject, max_age)
    response = RedirectResponse("/web/", status_code=303)
    response.set_cookie(
        COOKIE,
        _signer(request).dumps(token),
        httponly=True,
        samesite="lax",
        max_age=max_age,
        secure=request.url.scheme == "https",  # behind a proxy: see README, "Behind a proxy"
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    """End the session on the server (the old cookie no longer works), then forget it."""
    check_csrf(request, csrf)
    token = _token(request)
    if token is not None:
        with services(request).db.write_session() as session:
            end_session(session, token)
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/")
async def home(who: Annotated[Principal, Depends(page_user)]) -> Response:
    target = "/web/dashboard" if who.role is Role.TRAINER else "/web/audit"
    return RedirectResponse(target, status_code=303)
