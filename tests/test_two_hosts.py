"""The API and a worker as two hosts sharing only PostgreSQL and Redis.

Each runs in a network namespace the test makes (``bench.hosts``; root only,
skipped with the reason otherwise), behind its own veth link, with its own
data folder. The servers stay on this machine's loopback; relays bound on
each link are the only way to them, so neither host reaches the other or the
machine's loopback. An upload made to the API is read by the worker (the file
comes through PostgreSQL, ``file_store = "database"``) and its result is seen
through the API.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bench.hosts import POSTGRES, Host, Relay, hosts_unavailable, network_hosts
from ingest.settings import Settings
from tests.service_fixtures import (
    ROOT,
    TRIVIAL_PDF,
    make_keys,
    settings_env,
    wait_healthy,
    with_secrets,
)

API_PORT = 8000


@pytest.fixture
def make_host() -> Iterator[Callable[[str], Host]]:
    reason = hosts_unavailable()
    if reason:
        pytest.skip(reason)
    with network_hosts() as make:
        yield make


def _seen_from(host: Host, settings: Settings, data: Path, relays: list[Relay]) -> Settings:
    assert settings.redis_url and settings.database_url
    urls = host.urls(settings.redis_url, settings.database_url, relays)
    return settings.model_copy(update={"data_dir": data, **urls})


def _wait_for(url: str, key: str, document_id: str, timeout: float) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, object] = httpx.get(
            f"{url}/v1/documents/{document_id}",
            headers={"Authorization": f"Bearer {key}"},
            timeout=10,
        ).json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def test_an_upload_to_one_host_is_read_by_a_worker_on_another(
    make_host: Callable[[str], Host], queue_settings: Settings, postgres_url: str, tmp_path: Path
) -> None:
    shared = with_secrets(
        queue_settings.model_copy(update={"database_url": postgres_url, "file_store": "database"})
    )
    keys = make_keys(shared)
    api_host, worker_host = make_host("api"), make_host("wrk")
    relays: list[Relay] = []
    api_side = _seen_from(api_host, shared, tmp_path / "api-host", relays)
    worker_side = _seen_from(worker_host, shared, tmp_path / "worker-host", relays)
    serve = [sys.executable, "-m", "cli.main", "serve", "--host", api_host.address]
    api = api_host.run(
        [*serve, "--port", str(API_PORT)], env=settings_env(api_side), cwd=ROOT,
        stdout=(tmp_path / "api.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://{api_host.address}:{API_PORT}"
    try:
        wait_healthy(url, api)
        answer = httpx.post(
            f"{url}/v1/documents",
            files={"file": ("c.pdf", TRIVIAL_PDF.read_bytes(), "application/pdf")},
            headers={"Authorization": f"Bearer {keys.trainer_a}"},
            timeout=60,
        ).json()
        worker = worker_host.run(
            [sys.executable, "-m", "cli.main", "worker", "--burst"],
            env=settings_env(worker_side), cwd=ROOT,
            stdout=(tmp_path / "worker.log").open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        worker.wait(180)
        body = _wait_for(url, keys.trainer_a, str(answer["id"]), timeout=60)
        apart = (  # its relay answers; this machine's loopback and the API host do not
            worker_host.reaches((worker_host.gateway, relays[2].port)),
            worker_host.reaches(POSTGRES),
            worker_host.reaches((api_host.address, API_PORT)),
        )
    finally:
        api.terminate()
        api.wait(20)
        for relay in relays:
            relay.stop()
    cached = (tmp_path / "worker-host" / "files" / answer["sha256"][:2] / answer["sha256"]).exists()
    expected = ("done", None, True, (True, False, False))
    assert (body["status"], body["error"], cached, apart) == expected
