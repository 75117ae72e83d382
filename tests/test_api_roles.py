"""Authorization matrix: every route x every caller, on trainer A's document.

Callers: no key, an unknown key, trainer A (the owner), trainer B (another
trainer), an auditor and an admin. Another trainer's document answers 404,
never 403, so ids cannot be probed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.settings import Settings
from tests.service_fixtures import CALLERS, TRIVIAL_PDF, Api, running_api

CATALOG = Path(__file__).resolve().parent.parent / "samples" / "catalog.csv"

# route -> expected status per caller, in CALLERS order
MATRIX: dict[str, tuple[int, ...]] = {
    "upload": (401, 401, 202, 422, 403, 202),
    "get": (401, 401, 200, 404, 200, 200),
    "preview": (401, 401, 200, 404, 200, 200),
    "list": (401, 401, 200, 200, 200, 200),
    "delete": (401, 401, 204, 404, 403, 204),
    "catalog_import": (401, 401, 403, 403, 403, 201),
    "provider_search": (401, 401, 200, 200, 200, 200),
    "key_create": (401, 401, 403, 403, 403, 201),
    "key_list": (401, 401, 403, 403, 403, 200),
    "key_revoke": (401, 401, 403, 403, 403, 204),
}
CASES = [
    pytest.param(route, caller, expected[i], id=f"{route}-{caller}")
    for route, expected in MATRIX.items()
    for i, caller in enumerate(CALLERS)
]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("roles") / "data")
    with running_api(settings) as running:
        yield running


@pytest.fixture(scope="module")
def done_document(api: Api) -> str:
    """Trainer A's document, read to the end (previews need that)."""
    document_id: str = api.upload(TRIVIAL_PDF, "trainer_a").json()["id"]
    assert api.wait_for(document_id)["status"] == "done"
    return document_id


def _headers(api: Api, caller: str) -> dict[str, str]:
    if caller == "nobody":
        return {}
    if caller == "unknown_key":
        return {"Authorization": "Bearer cvk_not-a-real-key"}
    return api.keys.header(caller)


def _fresh_document(api: Api) -> str:
    """A new document of trainer A's, unique bytes, so a delete never affects other cases."""
    data = TRIVIAL_PDF.read_bytes() + f"\n%{uuid.uuid4()}".encode()
    document_id: str = api.upload(TRIVIAL_PDF, "trainer_a", data=data).json()["id"]
    return document_id


def _call(api: Api, route: str, headers: dict[str, str], document_id: str) -> Any:
    client = api.client
    pdf = {"file": ("c.pdf", TRIVIAL_PDF.read_bytes() + uuid.uuid4().bytes, "application/pdf")}
    if route == "upload":
        return client.post("/v1/documents", files=pdf, data={"trainer_id": "T-A"}, headers=headers)
    if route == "get":
        return client.get(f"/v1/documents/{document_id}", headers=headers)
    if route == "preview":
        return client.get(f"/v1/documents/{document_id}/pages/1.png", headers=headers)
    if route == "list":
        return client.get("/v1/documents", headers=headers)
    if route == "delete":
        return client.delete(f"/v1/documents/{_fresh_document(api)}", headers=headers)
    if route == "catalog_import":
        csv = {"file": ("catalog.csv", CATALOG.read_bytes(), "text/csv")}
        return client.post("/v1/catalog", files=csv, headers=headers)
    if route == "key_create":
        body = {"name": "desk", "role": "trainer", "trainer_id": "T-Z"}
        return client.post("/v1/keys", json=body, headers=headers)
    if route == "key_list":
        return client.get("/v1/keys", headers=headers)
    if route == "key_revoke":
        made = client.post(
            "/v1/keys", json={"name": "spare", "role": "auditor"}, headers=api.keys.header("admin")
        )
        return client.delete(f"/v1/keys/{made.json()['id']}", headers=headers)
    return client.get("/v1/catalog/providers?q=summit", headers=headers)


@pytest.mark.parametrize(("route", "caller", "expected"), CASES)
def test_route_answers_each_role(
    api: Api, done_document: str, route: str, caller: str, expected: int
) -> None:
    response = _call(api, route, _headers(api, caller), done_document)
    assert response.status_code == expected, response.text
    if expected >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]
    if expected == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("caller", "sees_a"),
    [("trainer_a", True), ("trainer_b", False), ("auditor", True), ("admin", True)],
    ids=["owner", "other-trainer", "auditor", "admin"],
)
def test_listing_shows_only_what_the_caller_may_read(
    api: Api, done_document: str, caller: str, sees_a: bool
) -> None:
    listed = api.client.get("/v1/documents?limit=200", headers=_headers(api, caller)).json()
    ids = {item["id"] for item in listed["items"]}
    assert (done_document in ids) is sees_a
    if caller.startswith("trainer"):
        assert {item["trainer_id"] for item in listed["items"]} <= {f"T-{caller[-1].upper()}"}
        other = "T-B" if caller == "trainer_a" else "T-A"
        forced = api.client.get(f"/v1/documents?trainer={other}", headers=_headers(api, caller))
        assert forced.json()["total"] == 0


def test_a_key_made_through_the_api_works_once_shown_and_stops_when_revoked(api: Api) -> None:
    admin = api.keys.header("admin")
    made = api.client.post("/v1/keys", json={"name": "new", "role": "auditor"}, headers=admin)
    assert made.status_code == 201
    key, key_id = made.json()["key"], made.json()["id"]
    bearer = {"Authorization": f"Bearer {key}"}
    assert api.client.get("/v1/documents", headers=bearer).status_code == 200
    listed = api.client.get("/v1/keys", headers=admin).json()
    assert all("key" not in row for row in listed)
    assert key not in str(listed)
    assert api.client.delete(f"/v1/keys/{key_id}", headers=admin).status_code == 204
    assert api.client.get("/v1/documents", headers=bearer).status_code == 401
    assert api.client.delete(f"/v1/keys/{key_id}", headers=admin).status_code == 404
    bad = api.client.post("/v1/keys", json={"name": "x", "role": "trainer"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
