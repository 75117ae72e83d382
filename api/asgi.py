"""Entry point for ASGI servers: ``uvicorn --factory api.asgi:app`` (settings from env)."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from ingest.settings import Settings


def app() -> FastAPI:
    return create_app(Settings())
