"""Fixtures for the service tests: real Redis, real PostgreSQL, real workers.

Each test run uses its own rq queue name (and so its own job ids) on the shared
Redis, and its own throw-away PostgreSQL database, so parallel runs never see
each other's jobs or rows. Both are cleaned up afterwards. When PostgreSQL
does not answer, its tests are skipped with the reason shown.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from ingest.settings import Settings
from store.db import Database
from store.dispatch import RqDispatcher, purge_queue
from store.documents import add_document
from store.files import FileStore
from store.keys import create_key
from store.models import Document, Role
from store.reconcile import hand_over
from tests.locations import HOSTILE_DIR, ROOT

REDIS_URL = os.environ.get("CERTVERIFY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
POSTGRES_ADMIN_URL = os.environ.get(
    "CERTVERIFY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
CLOSED_PORT_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
TRIVIAL_PDF = HOSTILE_DIR / "missing_docinfo.pdf"
# Who calls in the authorization matrices, in the order their expected statuses are listed.
CALLERS = ["nobody", "unknown_key", "trainer_a", "trainer_b", "auditor", "admin"]
SCANNED_PDF = HOSTILE_DIR / "skew.pdf"
SCANNED_IMAGE = HOSTILE_DIR / "typewriter.png"


def redis_answers(url: str) -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(url, socket_connect_timeout=1).ping())
    except RedisError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not redis_answers(REDIS_URL):
        pytest.skip(f"no Redis answers at {REDIS_URL} (run `make redis`)")
    return REDIS_URL


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private database on the local PostgreSQL, dropped at the end of the run."""
    import psycopg

    name = f"certverify_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as e:
        pytest.skip(f"no PostgreSQL answers at {POSTGRES_ADMIN_URL}: {e}".splitlines()[0])
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The store's database on SQLite and on PostgreSQL (skipped where none answers)."""
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "data")
    else:
        settings = Settings(
            data_dir=tmp_path / "data", database_url=request.getfixturevalue("postgres_url")
        )
    database = Database(settings)
    yield database
    with database.session() as session:
        session.query(Document).delete()
    database.dispose()


@pytest.fixture
def empty_postgres(postgres_url: str) -> Iterator[str]:
    """A database of its own, for migration tests (the shared one is at the newest revision)."""
    import psycopg

    name = f"certverify_migration_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_database(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for a database with no tables yet: a SQLite file or a fresh PostgreSQL one."""
    if kind == "sqlite":
        return Settings(data_dir=tmp_path / "data")
    url = request.getfixturevalue("empty_postgres")
    return Settings(data_dir=tmp_path / "data", database_url=url)


def upgrade_to(connection: Any, revision: str) -> None:
    """Apply the migrations up to ``revision`` on an open connection."""
    from alembic import command
    from alembic.config import Config

    from store.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


@pytest.fixture
def queue_settings(tmp_path: Path, redis_url: str) -> Iterator[Settings]:
    """Settings for a real rq queue private to this test; its keys are removed after."""
    from redis import Redis

    settings = Settings(
        data_dir=tmp_path / "data",
        redis_url=redis_url,
        queue_name=f"certverify-test-{uuid.uuid4().hex[:12]}",
        reconcile_interval_s=3600,
    )
    yield settings
    purge_queue(Redis.from_url(redis_url), settings.queue_name)


@dataclass
class Keys:
    trainer_a: str
    trainer_b: str
    auditor: str
    admin: str

    def header(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, who)}"}


def make_keys(settings: Settings) -> Keys:
    db = Database(settings)
    try:
        with db.session() as session:
            made = {
                "trainer_a": create_key(session, name="a", role=Role.TRAINER, trainer_id="T-A")[1],
                "trainer_b": create_key(session, name="b", role=Role.TRAINER, trainer_id="T-B")[1],
                "auditor": create_key(session, name="aud", role=Role.AUDITOR)[1],
                "admin": create_key(session, name="adm", role=Role.ADMIN)[1],
            }
    finally:
        db.dispose()
    return Keys(**made)


@dataclass
class Api:
    client: TestClient
    keys: Keys
    settings: Settings

    def upload(
        self, path: Path, who: str = "trainer_a", *, data: bytes | None = None, **params: Any
    ) -> Any:
        body = path.read_bytes() if data is None else data
        return self.client.post(
            "/v1/documents",
            files={"file": (path.name, body, "application/octet-stream")},
            headers=self.keys.header(who),
            params={k: str(v).lower() for k, v in params.items()},
        )

    def get(self, url: str, who: str = "trainer_a") -> Any:
        return self.client.get(url, headers=self.keys.header(who))

    def wait_for(
        self, document_id: str, states: tuple[str, ...] = ("done", "failed"), timeout: float = 120
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            body: dict[str, Any] = self.get(f"/v1/documents/{document_id}", "admin").json()
            if body["status"] in states:
                return body
            if time.monotonic() > deadline:
                raise AssertionError(f"{document_id} still {body}, after {timeout}s")
            time.sleep(0.1)


TEST_SECRETS = {
    "web_session_secret": SecretStr("test-session-secret-" + "s" * 32),
    "audit_seed": SecretStr("test-audit-seed-" + "a" * 32),
}


def with_secrets(settings: Settings) -> Settings:
    """The settings with the shared secrets a deployment with servers needs, where unset."""
    missing = {
        name: value
        for name, value in TEST_SECRETS.items()
        if not getattr(settings, name).get_secret_value()
    }
    return settings.model_copy(update=missing)


@contextmanager
def running_api(settings: Settings) -> Iterator[Api]:
    from api.app import create_app

    settings = settings if settings.embedded else with_secrets(settings)
    keys = make_keys(settings)
    with TestClient(create_app(settings, reconcile_in_background=False)) as client:
        yield Api(client=client, keys=keys, settings=settings)


@pytest.fixture
def embedded_api(tmp_path: Path) -> Iterator[Api]:
    """The API in its embedded default: SQLite, files on disk, jobs in-process."""
    with running_api(Settings(data_dir=tmp_path / "data")) as api:
        yield api


@pytest.fixture
def queued_api(queue_settings: Settings) -> Iterator[Api]:
    """The API enqueueing on a real Redis; no worker runs until a test starts one."""
    with running_api(queue_settings) as api:
        yield api


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment a subprocess needs to build the same settings (secrets revealed)."""
    env = dict(os.environ)
    for name, value in settings.model_dump(mode="json").items():
        key = f"CERTVERIFY_{name.upper()}"
        secret = getattr(settings, name)
        if isinstance(secret, SecretStr):
            env[key] = secret.get_secret_value()
        elif value is None:
            env.pop(key, None)
        elif isinstance(value, list | dict):
            env[key] = json.dumps(value)
        else:
            env[key] = str(value)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


SERVE_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`certverify serve` on 127.0.0.1:port, its output in ``log``; the caller stops it."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        env=settings_env(settings),
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def wait_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, "the API process exited"
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not answer within {SERVE_TIMEOUT_S}s")


@contextmanager
def serving(settings: Settings, log: Path) -> Iterator[str]:
    """One `certverify serve` process, answering at the URL yielded; stopped after."""
    port = free_port()
    process = serve(settings, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(20)


WorkerStarter = Callable[..., subprocess.Popen[bytes]]


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[WorkerStarter]:
    """Start `certverify worker` processes (own process group); all are stopped after."""
    started: list[subprocess.Popen[bytes]] = []

    def start(settings: Settings, *, burst: bool = True) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        command = [sys.executable, "-m", "cli.main", "worker", "--name", uuid.uuid4().hex]
        process = subprocess.Popen(
            [*command, "--burst"] if burst else command,
            env=settings_env(settings),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        # the whole group, even when the worker itself is gone: nothing it left may run on
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def queue_document(settings: Settings, db: Database, source: Path, trainer_id: str) -> str:
    """A document row for ``source``, handed over to the queue as the API would; its id."""
    sha256 = FileStore(settings.data_dir).put_bytes(source.read_bytes())
    with db.session() as session:
        row, _ = add_document(
            session, trainer_id=trainer_id, sha256=sha256, size_bytes=1, kind="pdf",
            original_filename=source.name,
        )  # fmt: skip
        document_id, job_id = row.id, row.job_id
    assert job_id
    dispatcher = RqDispatcher(settings)
    try:
        assert hand_over(dispatcher, document_id, job_id) == job_id
    finally:
        dispatcher.close()
    return document_id


def upload_and_wait(
    base: str, keys: Keys, path: Path, who: str = "trainer_a", timeout: float = 120
) -> str:
    """Upload ``path`` to a served API over HTTP and wait until it is read; its id."""
    headers = keys.header(who)
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    document_id: str = httpx.post(f"{base}/v1/documents", files=files, headers=headers).json()["id"]
    deadline = time.monotonic() + timeout
    url = f"{base}/v1/documents/{document_id}"
    while httpx.get(url, headers=headers).json()["status"] not in ("done", "failed"):
        if time.monotonic() > deadline:
            raise AssertionError(f"{document_id} not read after {timeout}s")
        time.sleep(0.2)
    return document_id
