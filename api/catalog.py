"""/v1/catalog: admins import the approved-provider catalog; every role searches it.

An import is validated row by row (``matchers.catalog.parse_catalog``): good
rows are kept, rejected rows are listed with their reason. The newest import
with at least one good row is the catalog the workers match against.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from starlette.concurrency import run_in_threadpool

from api.deps import ANY_ROLE, Services, require, services
from api.schemas import CatalogImportOut, ProviderHit, RejectedRow, error_responses
from ingest.errors import FileTooLarge
from matchers.catalog import Catalog, decode_catalog, parse_catalog
from matchers.providers import search_providers
from store.catalogs import latest_import, record_import
from store.keys import Principal
from store.models import Role

router = APIRouter(prefix="/v1/catalog", tags=["catalog"])
MAX_CATALOG_BYTES = 5 * 1024 * 1024
_parsed: dict[str, Catalog] = {}
_lock = threading.Lock()


@router.post(
    "",
    status_code=201,
    response_model=CatalogImportOut,
    responses=error_responses(401, 403, 413, 422),
)
async def import_catalog(
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    file: Annotated[UploadFile, File(description="The catalog CSV (UTF-8).")],
) -> CatalogImportOut:
    """Import a catalog CSV; it replaces the active catalog if any row is valid."""
    data = await file.read(MAX_CATALOG_BYTES + 1)
    if len(data) > MAX_CATALOG_BYTES:
        raise FileTooLarge(f"A catalog is at most {MAX_CATALOG_BYTES // 1024 // 1024} MB.")
    text = decode_catalog(data)
    loaded = parse_catalog(text)
    rejected = [RejectedRow(line=r.row, reason=r.describe()) for r in loaded.rejected]

    def save() -> str:
        with svc.db.session() as session:
            row = record_import(
                session,
                content=text,
                filename=file.filename,
                accepted=loaded.rows_loaded,
                rejected=len(rejected),
                report={"rejected": [r.model_dump() for r in rejected]},
                imported_by=who.key_id,
            )
            return row.id

    import_id = await run_in_threadpool(save)
    return CatalogImportOut(
        id=import_id,
        rows_accepted=loaded.rows_loaded,
        rows_rejected=len(rejected),
        rejected=rejected,
    )


@router.get("/providers", response_model=list[ProviderHit], responses=error_responses(401, 422))
def providers(
    svc: Annotated[Services, Depends(services)],
    _who: Annotated[Principal, Depends(require(*ANY_ROLE))],
    q: Annotated[str, Query(min_length=1, max_length=200, description="Part of a name.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[ProviderHit]:
    """Approved providers whose name or alias is close to ``q``, best first."""
    catalog = _active_catalog(svc)
    if catalog is None:
        return []
    return [
        ProviderHit(provider_id=p.provider_id, name=p.name, score=score)
        for p, score in search_providers(catalog, q, limit=limit)
    ]


def _active_catalog(svc: Services) -> Any | None:
    with svc.db.session() as session:
        latest = latest_import(session)
        if latest is None:
            return None
        import_id, content = latest.id, latest.content
    with _lock:
        if import_id not in _parsed:
            _parsed.clear()
            _parsed[import_id] = parse_catalog(content).catalog
        return _parsed[import_id]
