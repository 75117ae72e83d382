"""Recertification in the service: profiles, CEU entries, corrections, the assessment.

Trainer A's documents are real sample files read by the real worker task; the
catalog is the sample catalog imported through the API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from audit.readiness import assess
from cli.main import app
from ingest.settings import Settings
from matchers.catalog import load_catalog
from store.db import Database
from store.entries import sync_entries
from store.models import Document, DocumentStatus
from store.trainers import get_profile_row, profile_of, stored_records
from tests.recert_support import (
    CARD_SIDES,
    CERTIFICATES,
    SAMPLE_CATALOG,
    fresh_postgres,
    import_catalog,
    put_profile,
    store_samples,
    truth,
)
from tests.service_fixtures import CALLERS, ROOT, Api, running_api
from tests.truths import nasm_ceus
from worker.tasks import process_document

MATRIX: dict[str, tuple[int, ...]] = {
    "profile_get": (401, 401, 200, 404, 200, 200),
    "profile_put": (401, 401, 200, 404, 403, 200),
    "entries_list": (401, 401, 200, 404, 200, 200),
    "entry_patch": (401, 401, 200, 404, 403, 200),
    "recertification": (401, 401, 200, 404, 200, 200),
    "notifications": (401, 401, 403, 403, 200, 200),
}
AS_OF = "2026-11-24"
EXPIRY = "2027-01-31"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("recert") / "data")
    with running_api(settings) as running:
        import_catalog(running)
        store_samples(running, CERTIFICATES + CARD_SIDES)
        put_profile(running, "T-A", EXPIRY)
        yield running


@pytest.fixture(scope="module")
def entries(api: Api) -> list[dict[str, Any]]:
    answer = api.get("/v1/trainers/T-A/ceu-entries", "auditor")
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


def _headers(api: Api, caller: str) -> dict[str, str]:
    if caller == "nobody":
        return {}
    if caller == "unknown_key":
        return {"Authorization": "Bearer cvk_not-a-real-key"}
    return api.keys.header(caller)


def _call(api: Api, route: str, headers: dict[str, str], entry_id: str) -> Any:
    client, base = api.client, "/v1/trainers/T-A"
    if route == "profile_get":
        return client.get(base, headers=headers)
    if route == "profile_put":
        body = {"name": "Maria L. Gonzalez", "certification_expiry": EXPIRY}
        return client.put(base, json=body, headers=headers)
    if route == "entries_list":
        return client.get(f"{base}/ceu-entries", headers=headers)
    if route == "entry_patch":
        url = f"{base}/ceu-entries/{entry_id}"
        return client.patch(url, json={"confirm": True}, headers=headers)
    if route == "recertification":
        return client.get(f"{base}/recertification", params={"as_of": AS_OF}, headers=headers)
    return client.get("/v1/notifications", headers=headers)


@pytest.mark.parametrize(
    ("route", "caller", "expected"),
    [
        pytest.param(route, caller, codes[i], id=f"{route}-{caller}")
        for route, codes in MATRIX.items()
        for i, caller in enumerate(CALLERS)
    ],
)
def test_authorization_matrix(
    api: Api, entries: list[dict[str, Any]], route: str, caller: str, expected: int
) -> None:
    entry_id = entries[-1]["entry_id"]  # the matrix confirms the last entry only
    assert _call(api, route, _headers(api, caller), entry_id).status_code == expected


def test_profile_cycle_start_is_derived(api: Api) -> None:
    body = api.get("/v1/trainers/T-A", "trainer_a").json()
    assert body["cycle_start"] == "2025-01-31"


def test_unknown_trainer_answers_404_to_admins(api: Api) -> None:
    assert api.get("/v1/trainers/T-NOBODY/ceu-entries", "admin").status_code == 404


def test_one_entry_per_certificate_in_upload_order(entries: list[dict[str, Any]]) -> None:
    assert [e["source"] for e in entries] == list(CERTIFICATES)


@pytest.mark.parametrize("name", CERTIFICATES, ids=[Path(n).stem for n in CERTIFICATES])
def test_entry_filled_from_the_processed_sample(entries: list[dict[str, Any]], name: str) -> None:
    entry = next(e for e in entries if e["source"] == name)
    expected = truth(name)
    got = (entry["provider_id"], entry["course_id"], entry["ceus"], entry["completion_date"])
    want = (
        expected["catalog"]["provider_id"],
        expected["catalog"]["course_id"],
        nasm_ceus(expected["fields"]),
        expected["fields"]["completion_date"],
    )
    assert (got, entry["state"], entry["category"]) == (want, "auto", "approved_provider")


def test_confirm_records_who_and_what(api: Api, entries: list[dict[str, Any]]) -> None:
    url = f"/v1/trainers/T-A/ceu-entries/{entries[0]['entry_id']}"
    headers = api.keys.header("trainer_a")
    body = api.client.patch(url, json={"confirm": True}, headers=headers).json()
    history = [(h["who"], h["field"], h["old"], h["new"]) for h in body["history"]]
    assert (body["state"], history) == (
        "confirmed",
        [("trainer:a", "state", "auto", "confirmed")],
    )


def test_correction_keeps_its_history(api: Api, entries: list[dict[str, Any]]) -> None:
    url = f"/v1/trainers/T-A/ceu-entries/{entries[1]['entry_id']}"
    patch = {"corrections": {"ceus": 0.6, "area": "nutrition"}}
    api.client.patch(url, json=patch, headers=api.keys.header("admin"))
    kept = next(
        e
        for e in api.get("/v1/trainers/T-A/ceu-entries", "auditor").json()
        if e["entry_id"] == entries[1]["entry_id"]
    )
    history = [(h["who"], h["field"], h["old"], h["new"]) for h in kept["history"]]
    assert (kept["state"], kept["ceus"], kept["ceus_source"], history) == (
        "corrected",
        0.6,
        "manual",
        [
            ("admin:adm", "ceus", entries[1]["ceus"], 0.6),
            ("admin:adm", "area", entries[1]["area"]["area"], "nutrition"),
        ],
    )


@pytest.mark.parametrize(
    ("patch", "status"),
    [
        pytest.param({}, 422, id="empty"),
        pytest.param({"corrections": {"ceus": -1}}, 422, id="negative-ceus"),
        pytest.param({"corrections": {"state": "auto"}}, 422, id="not-correctable"),
        pytest.param({"corrections": {"completion_date": "soon"}}, 422, id="bad-date"),
    ],
)
def test_bad_patch_is_refused(
    api: Api, entries: list[dict[str, Any]], patch: dict[str, Any], status: int
) -> None:
    url = f"/v1/trainers/T-A/ceu-entries/{entries[0]['entry_id']}"
    assert api.client.patch(url, json=patch, headers=api.keys.header("admin")).status_code == status


def test_recertification_equals_assess_on_the_same_inputs(api: Api) -> None:
    answer = api.get(f"/v1/trainers/T-A/recertification?as_of={AS_OF}", "auditor").json()
    catalog = load_catalog(SAMPLE_CATALOG).catalog
    db = Database(api.settings, run_migrations=False)
    try:
        with db.session() as session:
            records = [s.record for s in stored_records(session, "T-A")]
            kept = [entry for _row, entry in sync_entries(session, "T-A", api.settings, catalog)]
            row = get_profile_row(session, "T-A")
            assert row is not None
            profile = profile_of(row, api.settings)
    finally:
        db.dispose()
    expected = assess(records, profile, dt.date.fromisoformat(AS_OF), api.settings, catalog, kept)
    assert answer == expected.to_json_dict()


def test_recertification_needs_a_profile(api: Api) -> None:
    answer = api.get("/v1/trainers/T-B/recertification", "trainer_b")
    assert answer.json()["error"]["code"] == "conflict"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    """The embedded API on SQLite, or on a throw-away PostgreSQL database."""
    if request.param == "sqlite":
        with running_api(Settings(data_dir=tmp_path / "data")) as running:
            yield running
        return
    with (
        fresh_postgres() as url,
        running_api(Settings(data_dir=tmp_path / "data", database_url=url)) as running,
    ):
        yield running


def _reprocess(settings: Settings, document_id: str) -> str:
    """Read the stored document again with the real worker task (as a re-run would)."""
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            session.execute(
                update(Document)
                .where(Document.id == document_id)
                .values(status=DocumentStatus.QUEUED)
            )
    finally:
        db.dispose()
    return process_document(document_id, settings=settings)


def test_correction_survives_reprocessing(backend_api: Api) -> None:
    """Read first without a catalog, corrected, then read again with one: the correction stays."""
    name = CERTIFICATES[0]
    document_id = store_samples(backend_api, (name,))[name]
    entry_id = backend_api.get("/v1/trainers/T-A/ceu-entries").json()[0]["entry_id"]
    url = f"/v1/trainers/T-A/ceu-entries/{entry_id}"
    backend_api.client.patch(
        url, json={"corrections": {"ceus": 1.5}}, headers=backend_api.keys.header("trainer_a")
    )
    import_catalog(backend_api)
    assert _reprocess(backend_api.settings, document_id) == "done"
    entry = backend_api.get("/v1/trainers/T-A/ceu-entries").json()[0]
    assert (entry["ceus"], entry["state"], entry["provider_id"], len(entry["history"])) == (
        1.5,
        "corrected",
        truth(name)["catalog"]["provider_id"],
        1,
    )


MARCUS = ROOT / "samples" / "applications" / "marcus-bell"


def _named(data: Any, names: dict[str, str]) -> Any:
    """``data`` with every document reference (hash or path) replaced by the file's name."""
    if isinstance(data, dict):
        return {key: _named(value, names) for key, value in data.items()}
    if isinstance(data, list):
        return [_named(value, names) for value in data]
    return names.get(data, data) if isinstance(data, str) else data


def test_recertification_is_what_the_audit_command_prints(backend_api: Api) -> None:
    """A whole sample application through the service and through `certverify audit`."""
    files = sorted(MARCUS.iterdir())
    import_catalog(backend_api)
    for path in files:
        backend_api.wait_for(backend_api.upload(path).json()["id"])
    put_profile(backend_api, "T-A", "2027-03-31", name="Marcus O. Bell")
    served = backend_api.get(f"/v1/trainers/T-A/recertification?as_of={AS_OF}").json()
    command = ["audit", str(MARCUS), "--trainer-name", "Marcus O. Bell"]
    options = ["--cert-expiry", "2027-03-31", "--as-of", AS_OF, "--catalog", str(SAMPLE_CATALOG)]
    printed = CliRunner().invoke(app, [*command, *options, "--format", "json"])
    names = {str(p): p.name for p in files}
    names |= {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in files}
    assert _named(served, names) == _named(json.loads(printed.stdout), names)


@pytest.mark.parametrize(
    ("body", "trainer_id"),
    [
        pytest.param({"name": "X", "certification_expiry": "2027-01-31"}, "T" * 65, id="long-id"),
        pytest.param({"name": "X", "certification_expiry": "soon"}, "T-A", id="bad-expiry"),
        pytest.param({"name": "", "certification_expiry": "2027-01-31"}, "T-A", id="no-name"),
    ],
)
def test_bad_profile_is_refused(api: Api, body: dict[str, Any], trainer_id: str) -> None:
    answer = api.client.put(
        f"/v1/trainers/{trainer_id}", json=body, headers=api.keys.header("admin")
    )
    assert answer.status_code == 422
