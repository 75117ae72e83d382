"""One document on its own page: its pages with the evidence boxes beside the values read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from api import documents
from api.deps import Services, services
from api.web.data import page_views
from api.web.render import render
from api.web.session import csrf_token, page_user
from ingest.errors import Conflict
from store.keys import Principal

router = APIRouter(prefix="/web", include_in_schema=False)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    document_id: str,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(page_user)],
) -> Response:
    """The trainer's own document (anyone else's is 404), or any for an auditor."""
    out = documents.get_document(document_id, svc, who)
    if out.record is None:
        raise Conflict("This document has not been read yet; its pages show once it is read.")
    context = {
        "who": who,
        "csrf": csrf_token(request),
        "document": out,
        "pages": page_views(out.id, out.record, svc.settings),
        "back": "/web/dashboard#documents" if who.trainer_id else "/web/audit",
    }
    return render(request, "document.html", context)
