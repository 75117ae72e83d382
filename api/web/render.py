"""The Jinja2 environment of the pages, and the HTML answer to an error a browser asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.web.words import describe_change, person, say

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
TEMPLATES.env.filters["words"] = say
TEMPLATES.env.filters["change"] = describe_change
TEMPLATES.env.filters["person"] = person

ERROR_TITLES = {
    401: "Please sign in",
    403: "This page is not for your account",
    404: "Page not found",
    409: "That cannot be done now",
    413: "The file is too large",
    415: "That kind of file is not accepted",
    422: "Something in the form needs fixing",
    503: "The service is busy",
}


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API, not a script polling JSON)."""
    path = request.url.path
    if path.startswith(("/v1/", "/health", "/metrics", "/docs", "/openapi")):
        return False
    if request.headers.get("x-requested-with") or request.headers.get("x-csrf-token"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The error as a page with a way on: the same message the API would give, in words."""
    title = ERROR_TITLES.get(status, "Something went wrong")
    context = {"who": None, "title": title, "message": message, "status": status}
    return render(request, "error.html", context, status_code=status)
