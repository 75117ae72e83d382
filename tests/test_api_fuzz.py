"""schemathesis against the running API's own OpenAPI, as an admin and as a trainer.

Every check runs except positive-data acceptance: the schema cannot say
everything the API checks (a real PDF in the upload, a known catalog), so
some valid-looking requests are refused on purpose. A fixed seed and a
bounded number of examples per operation keep the run repeatable and short.
The API is a real `certverify serve` process; jobs wait in a private rq
queue (no worker), so the fuzzer's uploads cost no OCR.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.settings import Settings
from store.dispatch import purge_queue
from tests.service_fixtures import Api, Keys, make_keys, serving, with_secrets

SEED = 20261130
EXAMPLES_PER_OPERATION = 10
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[tuple[str, Keys]]:
    """One API process for both roles, on SQLite and a private queue (removed after)."""
    from redis import Redis

    folder = tmp_path_factory.mktemp("fuzz")
    queue = f"certverify-fuzz-{uuid.uuid4().hex[:12]}"
    settings = Settings(data_dir=folder / "data", redis_url=redis_url, queue_name=queue)
    settings = with_secrets(settings)
    keys = make_keys(settings)
    try:
        with serving(settings, folder / "api.log") as base:
            yield base, keys
    finally:
        purge_queue(Redis.from_url(redis_url), queue)


@pytest.mark.parametrize("who", ["admin", "trainer_a"], ids=["as_admin", "as_trainer"])
def test_no_check_fails_on_any_operation(who: str, api: tuple[str, Keys], tmp_path: Path) -> None:
    base, keys = api
    run = subprocess.run(
        [
            str(SCHEMATHESIS), "run", f"{base}/openapi.json",
            "--header", f"Authorization: Bearer {getattr(keys, who)}",
            "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", str(SEED),
            "--generation-database", "none", "--workers", "1", "--no-color",
        ],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


# What the fuzzer found before, each pinned: (method, url, JSON body, expected status).
FOUND = {
    "offset_beyond_the_database_integers": (
        "GET", "/v1/notifications?offset=10628579811980509184", None, 422,
    ),
    "admin_key_with_an_empty_trainer": (
        "POST", "/v1/keys", {"name": "x", "role": "admin", "trainer_id": ""}, 422,
    ),
    "a_number_for_a_date": (
        "GET", "/v1/trainers/T-A/recertification?as_of=-1.4375600232037397e-148", None, 422,
    ),
    "control_characters_in_a_trainer_id": ("GET", "/v1/trainers/%1B%07", None, 422),
    "control_characters_in_a_trainer_filter": ("GET", "/v1/documents?trainer=%1B", None, 422),
    "a_date_before_any_cycle": (
        "PUT", "/v1/trainers/T-A", {"name": "A", "certification_expiry": "0001-01-01"}, 422,
    ),
    "a_number_for_a_boolean": (
        "PUT", "/v1/trainers/T-A",
        {"name": "A", "certification_expiry": "2027-01-31", "recertify_for_life": 0}, 422,
    ),
}  # fmt: skip


@pytest.mark.parametrize(("method", "url", "body", "status"), FOUND.values(), ids=FOUND.keys())
def test_what_the_fuzzer_found_is_refused_as_invalid(
    embedded_api: Api, method: str, url: str, body: object, status: int
) -> None:
    answer = embedded_api.client.request(
        method, url, json=body, headers=embedded_api.keys.header("admin")
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, "invalid_request")


def test_a_body_that_is_not_json_is_invalid(embedded_api: Api) -> None:
    answer = embedded_api.client.put(
        "/v1/trainers/T-A",
        content=b"\xff\xfe{not json",
        headers={**embedded_api.keys.header("admin"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 422


@pytest.mark.parametrize(
    ("method", "url", "allow"),
    [
        ("TRACE", "/healthz", "GET, HEAD"),
        ("OPTIONS", "/v1/documents", "GET, HEAD, POST"),
        ("PUT", "/v1/documents/some-id", "DELETE, GET, HEAD"),
        ("DELETE", "/v1/trainers/T-A", "GET, HEAD, PUT"),
    ],
    ids=["one_method", "list_and_upload", "read_and_delete", "read_and_replace"],
)
def test_405_names_every_method_of_the_path(
    embedded_api: Api, method: str, url: str, allow: str
) -> None:
    answer = embedded_api.client.request(method, url, headers=embedded_api.keys.header("admin"))
    assert (answer.status_code, answer.headers.get("allow")) == (405, allow)
