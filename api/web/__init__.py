"""Server-rendered pages for people: trainers' dashboard, auditors' queue and cases."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.web import auditor, links, session, trainer, viewer

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def install(app: FastAPI) -> None:
    """Mount the pages, their static files and the login redirect on ``app``."""
    app.include_router(session.router)
    app.include_router(links.router)
    app.include_router(trainer.router)
    app.include_router(auditor.router)
    app.include_router(viewer.router)
    app.mount("/web/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    session.add_login_redirect(app)

    @app.get("/", include_in_schema=False)
    def start() -> RedirectResponse:
        """People typing the bare address land on their pages (or the sign-in form)."""
        return RedirectResponse("/web/", status_code=303)
