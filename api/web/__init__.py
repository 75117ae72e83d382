"""Server-rendered pages for people: trainers' dashboard, auditors' queue and cases."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import auditor, session, trainer

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def install(app: FastAPI) -> None:
    """Mount the pages, their static files and the login redirect on ``app``."""
    app.include_router(session.router)
    app.include_router(trainer.router)
    app.include_router(auditor.router)
    app.mount("/web/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    session.add_login_redirect(app)
