"""/healthz (the process answers), /readyz (database, queue and free disk space), /metrics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api.deps import Services, services
from api.metrics import UPLOAD_REGISTRY
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """Answered on the event loop itself: never queued behind the thread pool's work."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
async def readyz(svc: Annotated[Services, Depends(services)]) -> JSONResponse:
    checks = await run_in_threadpool(_checks, svc)
    ready = all(v == "ok" for v in checks.values())
    body = Health(status="ok" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


def _checks(svc: Services) -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        with svc.db.session() as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as e:
        checks["database"] = f"unavailable: {type(e).__name__}"
    checks["queue"] = "ok" if svc.dispatcher.ping() else "unavailable"
    free_mb = svc.files.free_mb()
    low = free_mb < svc.settings.min_free_disk_mb
    checks["disk"] = f"low: {free_mb:.0f} MB free" if low else "ok"
    return checks


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
async def metrics(svc: Annotated[Services, Depends(services)]) -> Response:
    """Prometheus text format."""
    body = await run_in_threadpool(_render, svc)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def _render(svc: Services) -> bytes:
    registry = svc.metrics_registry
    return generate_latest(UPLOAD_REGISTRY) + generate_latest(registry)
