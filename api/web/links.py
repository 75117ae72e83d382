"""Signing in as a person: a one-time link sent to the e-mail address on file.

The answer to a request never says whether the address is known: the same page,
and the mail goes after the answer (``BackgroundTasks``), so a known address does
not answer later either. Requests are counted per address typed and per client
(``Quotas.take_link``, the fair-use quotas' moving window, in Redis where the
service has a queue); past either quota the form says when to try again. The
link opens a page with a button (a POST does the sign-in), so mail scanners that
follow links do not use it up.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import Services, services
from api.web.session import check_login_csrf, login_page, start_session
from ingest.errors import TooManyRequests
from ingest.mail import mail_configured, send_mail
from store.people import issue_link, link_is_live, person_by_email, person_principal, redeem_link

router = APIRouter(prefix="/web/login", include_in_schema=False)
log = logging.getLogger(__name__)


def _login_page(request: Request, context: dict[str, object], status_code: int = 200) -> Response:
    return login_page(request, {"error": "", "sent": False, "email": "", **context}, status_code)


@router.post("/link", response_class=HTMLResponse)
def ask_for_link(
    request: Request,
    background: BackgroundTasks,
    svc: Annotated[Services, Depends(services)],
    csrf: Annotated[str, Form()],
    email: Annotated[str, Form()] = "",
) -> Response:
    """Send a link when the address is on file; the same answer either way."""
    check_login_csrf(request, csrf)
    if not email.strip():
        message = "Type the e-mail address you use for your recertification."
        return _login_page(request, {"email_error": message}, status_code=422)
    if not mail_configured(svc.settings):
        message = "Sign-in by e-mail is not set up on this service. Ask your administrator."
        return _login_page(request, {"email_error": message, "email": email}, 503)
    try:
        svc.quotas.take_link(email, request.client.host if request.client else "")
    except TooManyRequests as e:
        page = _login_page(request, {"email_error": e.message, "email": email}, 429)
        page.headers.update(e.headers())
        return page
    with svc.db.write_session() as session:
        person = person_by_email(session, email)
        token = issue_link(session, person, svc.settings.web_link_max_age_s) if person else None
        address = person.email if person else ""
    if token:
        background.add_task(_send_link, request, svc, address, token)
    return _login_page(request, {"sent": True, "email": email.strip()})


def tell_trainer(svc: Services, addresses: list[str], subject: str, body: str) -> None:
    """E-mail what the auditor did to the trainer, when mail is set up and they have an
    address; the trainer's page shows it in any case, so a failed delivery is only logged."""
    if not addresses or not mail_configured(svc.settings):
        return
    text = f"{body}\nSign in to see the details and answer: the sign-in page sends a link.\n"
    error = send_mail(svc.settings, addresses, f"certverify: {subject}", text)
    if error:
        log.warning("message to the trainer not sent: %s", error)


def _send_link(request: Request, svc: Services, address: str, token: str) -> None:
    base = (svc.settings.public_url or str(request.base_url)).rstrip("/")
    minutes = max(1, svc.settings.web_link_max_age_s // 60)
    body = (
        "Open this link to sign in to certverify:\n\n"
        f"{base}/web/login/link/{token}\n\n"
        f"It works once, for {minutes} minutes. If you did not ask for it, ignore this e-mail."
    )
    error = send_mail(svc.settings, [address], "Your certverify sign-in link", body)
    if error:
        log.warning("sign-in link not sent: %s", error)


@router.get("/link/{token}", response_class=HTMLResponse)
def open_link(
    request: Request, token: str, svc: Annotated[Services, Depends(services)]
) -> Response:
    with svc.db.session() as session:
        live = link_is_live(session, token)
    if not live:
        message = "This sign-in link was already used or has expired. Ask for a new one below."
        return _login_page(request, {"email_error": message}, status_code=410)
    return _login_page(request, {"token": token})


@router.post("/link/{token}")
def use_link(
    request: Request,
    token: str,
    svc: Annotated[Services, Depends(services)],
    csrf: Annotated[str, Form()],
) -> Response:
    check_login_csrf(request, csrf)
    with svc.db.write_session() as session:
        person = redeem_link(session, token)
        subject = person_principal(person).key_id if person else None
    if subject is None:
        message = "This sign-in link was already used or has expired. Ask for a new one below."
        return _login_page(request, {"email_error": message}, status_code=410)
    return start_session(request, svc, subject)
