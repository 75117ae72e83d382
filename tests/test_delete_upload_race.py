"""A delete racing an upload of the same bytes loses nothing and leaves nothing behind.

Real `certverify serve` processes: the embedded default (SQLite, files on
disk), and two API processes on one PostgreSQL database with a Redis queue.
Each run uploads a file for trainer A, then at the same moment A deletes it
while the same bytes are uploaded again, by trainer B or by A. Afterwards
every upload answered 202 names a document that exists with its bytes
stored, and no stored bytes are left without a document.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from ingest.settings import Settings
from store.blobs import make_file_store
from store.db import Database
from store.models import Document
from tests.service_fixtures import TRIVIAL_PDF, Keys, make_keys, serving, with_secrets

RUNS = 40


@dataclass(frozen=True)
class Deployment:
    settings: Settings
    keys: Keys
    deleter_base: str
    uploader_base: str


@pytest.fixture(params=["sqlite", "postgresql"])
def deployment(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Deployment]:
    quota = f"{4 * RUNS}/hour"  # a run uploads twice; quotas are not what is tested here
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "data", upload_quota=quota)
    else:
        queue_settings: Settings = request.getfixturevalue("queue_settings")
        postgres_url: str = request.getfixturevalue("postgres_url")
        update = {"database_url": postgres_url, "upload_quota": quota}
        settings = with_secrets(queue_settings.model_copy(update=update))
    keys = make_keys(settings)
    with ExitStack() as stack:
        first = stack.enter_context(serving(settings, tmp_path / "api-1.log"))
        second = first
        if not settings.embedded:  # the delete and the upload reach different processes
            second = stack.enter_context(serving(settings, tmp_path / "api-2.log"))
        yield Deployment(settings, keys, first, second)


@dataclass(frozen=True)
class RunOutcome:
    upload_status: int
    upload_id: str | None
    delete_status: int
    overlapped: bool  # the delete was sent before the upload was answered


def _upload(client: httpx.Client, base: str, keys: Keys, who: str, data: bytes) -> httpx.Response:
    return client.post(
        f"{base}/v1/documents",
        files={"file": ("c.pdf", data, "application/pdf")},
        headers=keys.header(who),
        timeout=60,
    )


def _one_run(
    deployment: Deployment, clients: tuple[httpx.Client, httpx.Client], uploader: str, number: int
) -> RunOutcome:
    """Upload for A, then A's delete and the upload again sent at the same moment."""
    data = TRIVIAL_PDF.read_bytes() + f"\n% race {uploader} {number}\n".encode()
    deleting, uploading = clients
    first = _upload(deleting, deployment.deleter_base, deployment.keys, "trainer_a", data)
    assert first.status_code == 202, first.text
    start = threading.Barrier(2)

    url = f"{deployment.deleter_base}/v1/documents/{first.json()['id']}"

    def delete() -> tuple[float, int]:
        start.wait()
        sent = time.monotonic()
        answer = deleting.delete(url, headers=deployment.keys.header("trainer_a"))
        return sent, answer.status_code

    def upload() -> tuple[float, httpx.Response]:
        start.wait()
        answer = _upload(uploading, deployment.uploader_base, deployment.keys, uploader, data)
        return time.monotonic(), answer

    with ThreadPoolExecutor(2) as pool:
        deleted, uploaded = pool.submit(delete), pool.submit(upload)
        (answered, answer), (sent, delete_status) = uploaded.result(), deleted.result()
    return RunOutcome(
        answer.status_code,
        answer.json().get("id") if answer.status_code == 202 else None,
        delete_status,
        overlapped=sent < answered,
    )


@dataclass(frozen=True)
class Tally:
    unexpected_statuses: list[tuple[int, int]]
    lost: int
    orphans: int


def _tally(deployment: Deployment, outcomes: list[RunOutcome]) -> Tally:
    db = Database(deployment.settings, run_migrations=False)
    files = make_file_store(deployment.settings, db)
    try:
        with db.session() as session:
            rows = {i: sha for i, sha in session.execute(select(Document.id, Document.sha256))}
        stored = {path.name for path in files.root.rglob("*") if path.is_file()}
    finally:
        db.dispose()
    # An upload answered before the delete was even sent may be deleted by it: that is
    # two requests one after the other, not a race.
    answered = [o.upload_id for o in outcomes if o.upload_id and o.overlapped]
    lost = sum(1 for i in answered if i not in rows or rows[i] not in stored)
    unexpected = [
        (o.upload_status, o.delete_status)
        for o in outcomes
        if o.upload_status != 202 or o.delete_status not in (204, 409)
    ]
    return Tally(unexpected, lost, len(stored - set(rows.values())))


@pytest.mark.parametrize(
    "uploader", ["trainer_b", "trainer_a"], ids=["two_trainers", "same_trainer"]
)
def test_a_delete_racing_an_upload_of_the_same_bytes(deployment: Deployment, uploader: str) -> None:
    with httpx.Client(timeout=60) as deleting, httpx.Client(timeout=60) as uploading:
        clients = (deleting, uploading)
        outcomes = [_one_run(deployment, clients, uploader, number) for number in range(RUNS)]
    assert _tally(deployment, outcomes) == Tally([], 0, 0)
