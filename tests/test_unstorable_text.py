"""NUL characters and invalid Unicode are refused with 422 on every route, on PostgreSQL.

Real PostgreSQL (whose text cannot hold NUL) and a real Redis queue: names,
ids, query values, file names and JSON bodies carrying U+0000 or a lone
surrogate answer 422 ``invalid_request``, never 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ingest.settings import Settings
from tests.service_fixtures import TRIVIAL_PDF, Api, running_api

PROFILE = {"name": "Maria Gonzalez", "certification_expiry": "2027-01-31"}
CALLS: dict[str, tuple[str, str, str, dict[str, Any] | None]] = {
    "document_id": ("trainer_a", "GET", "/v1/documents/abc%00def", None),
    "document_delete": ("trainer_a", "DELETE", "/v1/documents/abc%00def", None),
    "preview_id": ("trainer_a", "GET", "/v1/documents/abc%00/pages/1.png", None),
    "list_query": ("auditor", "GET", "/v1/documents?trainer=T%00A", None),
    "trainer_path": ("admin", "GET", "/v1/trainers/T%00A", None),
    "entries_path": ("admin", "GET", "/v1/trainers/T%00A/ceu-entries", None),
    "entry_id": ("admin", "PATCH", "/v1/trainers/T-A/ceu-entries/e%00", {"confirm": True}),
    "profile_name": ("admin", "PUT", "/v1/trainers/T-A", {**PROFILE, "name": "Maria\u0000G"}),
    "other_name": ("admin", "PUT", "/v1/trainers/T-A", {**PROFILE, "other_names": ["M\u0000"]}),
    "key_name": ("admin", "POST", "/v1/keys", {"name": "desk\u0000", "role": "auditor"}),
    "key_id": ("admin", "DELETE", "/v1/keys/k%00", None),
    "provider_query": ("auditor", "GET", "/v1/catalog/providers?q=NA%00SM", None),
    "notifications": ("admin", "GET", "/v1/notifications?trainer=T%00A", None),
}


@pytest.fixture(scope="module")
def api(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str, redis_url: str
) -> Iterator[Api]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("nul") / "data",
        database_url=postgres_url,
        redis_url=redis_url,
        queue_name="certverify-test-nul",
    )
    with running_api(settings) as running:
        yield running


def _call(api: Api, who: str, method: str, url: str, body: dict[str, Any] | None) -> Any:
    return api.client.request(method, url, json=body, headers=api.keys.header(who))


@pytest.mark.parametrize(("who", "method", "url", "body"), CALLS.values(), ids=CALLS.keys())
def test_unstorable_text_is_invalid(
    api: Api, who: str, method: str, url: str, body: dict[str, Any] | None
) -> None:
    answer = _call(api, who, method, url, body)
    assert (answer.status_code, answer.json()["error"]["code"]) == (422, "invalid_request")


def test_a_lone_surrogate_in_json_is_invalid(api: Api) -> None:
    body = b'{"name": "Maria \\ud800", "certification_expiry": "2027-01-31"}'
    answer = api.client.put(
        "/v1/trainers/T-A",
        content=body,
        headers={**api.keys.header("admin"), "Content-Type": "application/json"},
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (422, "invalid_request")


def _multipart(filename: bytes, trainer_id: bytes) -> bytes:
    """A form built by hand: clients percent-encode a NUL in a file name, a raw one may not."""
    return b"".join(
        [
            b'--b\r\nContent-Disposition: form-data; name="trainer_id"\r\n\r\n',
            trainer_id,
            b'\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="',
            filename,
            b'"\r\nContent-Type: application/pdf\r\n\r\n',
            TRIVIAL_PDF.read_bytes(),
            b"\r\n--b--\r\n",
        ]
    )


@pytest.mark.parametrize(
    ("filename", "trainer_id"),
    [(b"cert\x00.pdf", b"T-A"), (b"cert.pdf", b"T\x00A")],
    ids=["file_name", "form_field"],
)
def test_an_upload_with_a_nul_is_invalid(api: Api, filename: bytes, trainer_id: bytes) -> None:
    answer = api.client.post(
        "/v1/documents",
        content=_multipart(filename, trainer_id),
        headers={**api.keys.header("admin"), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (422, "invalid_request")
