"""The API and a worker as two hosts sharing only PostgreSQL and Redis.

Each runs in a network namespace the test makes (root only; skipped with the
reason otherwise), behind its own veth link, with its own data folder. The
servers stay on this machine's loopback; relays bound on each link's host
address are the only way to them, so neither "host" can reach the other's
processes or its loopback. An upload made to the API is read by the worker
(the file comes through PostgreSQL, ``file_store = "database"``) and its
result is seen through the API.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.settings import Settings
from tests.relay import Relay
from tests.service_fixtures import ROOT, TRIVIAL_PDF, make_keys, settings_env, with_secrets

REDIS = ("127.0.0.1", 6379)
POSTGRES = ("127.0.0.1", 5432)
API_PORT = 8000


@dataclass
class Host:
    """A network namespace linked to this machine: ``address`` inside, ``gateway`` outside."""

    name: str
    address: str
    gateway: str

    def run(self, command: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = subprocess.Popen(
            ["ip", "netns", "exec", self.name, *command], **kwargs
        )
        return process

    def reaches(self, address: tuple[str, int]) -> bool:
        """Whether a TCP connection from inside this host to ``address`` opens."""
        probe = f"import socket; socket.create_connection({address!r}, timeout=2)"
        return self.run([sys.executable, "-c", probe], stderr=subprocess.DEVNULL).wait(30) == 0


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@pytest.fixture
def make_host() -> Iterator[object]:
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("network namespaces need root and iproute2 (`ip`)")
    made: list[str] = []
    subnet = random.randrange(16, 240)  # one /24 per host: 10.231.<subnet>.0

    def make(label: str) -> Host:
        name, index = f"cv{label}{uuid.uuid4().hex[:6]}", subnet + len(made)
        outside, inside = f"{name[:11]}h", f"{name[:11]}n"
        gateway, address = f"10.231.{index}.1", f"10.231.{index}.2"
        _ip("netns", "add", name)
        made.append(name)
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", name)
        _ip("addr", "add", f"{gateway}/24", "dev", outside)
        _ip("link", "set", outside, "up")
        _ip("-n", name, "addr", "add", f"{address}/24", "dev", inside)
        _ip("-n", name, "link", "set", inside, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        return Host(name, address, gateway)

    yield make
    for name in made:
        subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)


def _servers_for(host: Host, relays: list[Relay]) -> tuple[int, int]:
    """Relays to Redis and PostgreSQL on the host's link; their ports."""
    ports = []
    for target in (REDIS, POSTGRES):
        relay = Relay(target, host=host.gateway)
        relay.start()
        relays.append(relay)
        ports.append(relay.port)
    return ports[0], ports[1]


def _as_seen_from(host: Host, relays: list[Relay], settings: Settings, data: Path) -> Settings:
    redis_port, postgres_port = _servers_for(host, relays)
    assert settings.database_url and settings.redis_url
    database = settings.database_url.rsplit("/", 1)[1]
    user = settings.database_url.split("//", 1)[1].split("@", 1)[0]
    return settings.model_copy(
        update={
            "data_dir": data,
            "redis_url": f"redis://{host.gateway}:{redis_port}/0",
            "database_url": f"postgresql://{user}@{host.gateway}:{postgres_port}/{database}",
        }
    )


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
    make_host: object, queue_settings: Settings, postgres_url: str, tmp_path: Path
) -> None:
    shared = with_secrets(
        queue_settings.model_copy(update={"database_url": postgres_url, "file_store": "database"})
    )
    keys = make_keys(shared)
    api_host, worker_host = make_host("api"), make_host("wrk")  # type: ignore[operator]
    relays: list[Relay] = []
    api_side = _as_seen_from(api_host, relays, shared, tmp_path / "api-host")
    worker_side = _as_seen_from(worker_host, relays, shared, tmp_path / "worker-host")
    log = (tmp_path / "api.log").open("wb")
    serve = [sys.executable, "-m", "cli.main", "serve", "--host", api_host.address]
    api = api_host.run(
        [*serve, "--port", str(API_PORT)],
        env=settings_env(api_side), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://{api_host.address}:{API_PORT}"
    try:
        _wait_healthy(url, api)
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
        redis_relay = (worker_host.gateway, relays[2].port)  # the worker's relay to Redis
        apart = (  # the worker's loopback is its own, and the API host is not on its link
            worker_host.reaches(redis_relay),
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


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the API process exited"
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within 60 s")
