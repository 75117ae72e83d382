"""Fair use: one trainer's burst is refused past its quota and never holds another's upload.

Real `certverify serve` processes. Embedded (jobs in-process, one reader):
trainer A sends 300 scanned PDFs at once; past the upload quota the answers
are 429 with Retry-After, and trainer B's single upload, sent after the
burst, is read within seconds although A's accepted batch waits. With Redis,
two API processes count one quota between them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from ingest.settings import Settings
from tests.service_fixtures import SCANNED_PDF, TRIVIAL_PDF, Keys, make_keys, serving, with_secrets

BURST = 300
QUOTA = 60
B_READ_WITHIN_S = 20.0


def _send(client: httpx.Client, base: str, keys: Keys, who: str, data: bytes) -> httpx.Response:
    files = {"file": ("scan.pdf", data, "application/pdf")}
    return client.post(f"{base}/v1/documents", files=files, headers=keys.header(who))


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[tuple[str, Keys]]:
    settings = Settings(data_dir=tmp_path / "data", upload_quota=f"{QUOTA}/10 minutes")
    keys = make_keys(settings)
    with serving(settings, tmp_path / "api.log") as base:
        yield base, keys


def _burst(base: str, keys: Keys, who: str, source: Path, count: int) -> list[httpx.Response]:
    body = source.read_bytes()
    with httpx.Client(timeout=120) as client, ThreadPoolExecutor(8) as pool:
        return list(
            pool.map(
                lambda n: _send(client, base, keys, who, body + f"\n% copy {n}\n".encode()),
                range(count),
            )
        )


def _seconds_to_read(base: str, keys: Keys, document_id: str) -> float:
    started = time.monotonic()
    with httpx.Client(timeout=30) as client:
        while time.monotonic() - started < 4 * B_READ_WITHIN_S:
            url = f"{base}/v1/documents/{document_id}"
            if client.get(url, headers=keys.header("trainer_b")).json()["status"] == "done":
                return time.monotonic() - started
            time.sleep(0.2)
    return float("inf")


def test_a_burst_is_refused_past_the_quota_and_another_trainer_is_read_at_once(
    embedded: tuple[str, Keys],
) -> None:
    base, keys = embedded
    answers = _burst(base, keys, "trainer_a", SCANNED_PDF, BURST)
    statuses = Counter(answer.status_code for answer in answers)
    retry_after = {a.headers.get("Retry-After", "") for a in answers if a.status_code == 429}
    with httpx.Client(timeout=60) as client:
        single = _send(client, base, keys, "trainer_b", TRIVIAL_PDF.read_bytes())
    waited = _seconds_to_read(base, keys, single.json()["id"])
    assert (
        statuses == Counter({202: QUOTA, 429: BURST - QUOTA}),
        all(value.isdigit() and int(value) > 0 for value in retry_after),
        waited < B_READ_WITHIN_S,
    ) == (True, True, True), (statuses, retry_after, waited)
    print(f"trainer B read in {waited:.1f} s")


def test_api_processes_share_one_quota_in_redis(
    tmp_path: Path, queue_settings: Settings, postgres_url: str
) -> None:
    settings = with_secrets(
        queue_settings.model_copy(update={"database_url": postgres_url, "upload_quota": "4/hour"})
    )
    keys = make_keys(settings)
    with (
        serving(settings, tmp_path / "api-1.log") as first,
        serving(settings, tmp_path / "api-2.log") as second,
        httpx.Client(timeout=60) as client,
    ):
        body = TRIVIAL_PDF.read_bytes()
        statuses = [
            _send(client, base, keys, "trainer_a", body + f"\n% {n}\n".encode()).status_code
            for n, base in enumerate([first, second] * 3)
        ]
    assert statuses == [202, 202, 202, 202, 429, 429]
