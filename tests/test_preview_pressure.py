"""Previews under pressure: large photos drawn from a reduced decode, bounded concurrency.

A 48 MP phone photo (a real JPEG written here, with an EXIF orientation) is
drawn for a preview inside the contained child with a memory cap far below
what full-size decoding needs; the API draws a few previews at a time, and
`/healthz` answers at once however many previews wait.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from PIL import Image

from api.previews import media_type
from ingest.contained import run_contained
from ingest.previews import render_page_preview
from ingest.settings import Settings
from tests.locations import SAMPLES_DIR
from tests.service_fixtures import SCANNED_PDF, Keys, make_keys, serving, upload_and_wait

PHOTO_SIZE = (8000, 6000)  # 48 MP
ROTATED_TO_PORTRAIT = 6  # EXIF orientation: turn 90 degrees clockwise to view
PREVIEW_CALLS = 60


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("photo") / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = ROTATED_TO_PORTRAIT
    Image.new("RGB", PHOTO_SIZE, (205, 190, 170)).save(path, quality=85, exif=exif.tobytes())
    return path


def test_a_48_megapixel_photo_is_previewed_within_a_small_memory_cap(
    phone_photo: Path, settings: Settings
) -> None:
    png = run_contained(
        render_page_preview, phone_photo, "jpeg", 0, 0, settings, timeout_s=60, memory_mb=320
    )
    with Image.open(io.BytesIO(png)) as preview:
        size = preview.size
    assert size == (1500, 2000)  # upright (portrait) and within the preview's 2000 px


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Keys, str]]:
    """An embedded `certverify serve` process with one read document of trainer A."""
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    with serving(settings, tmp_path / "api.log") as base:
        document_id = upload_and_wait(base, keys, SCANNED_PDF)
        yield base, keys, document_id


def test_healthz_answers_at_once_while_previews_wait(served: tuple[str, Keys, str]) -> None:
    base, keys, document_id = served
    url = f"{base}/v1/documents/{document_id}/pages/1.png"
    with ThreadPoolExecutor(PREVIEW_CALLS) as pool:
        calls = [
            pool.submit(httpx.get, url, headers=keys.header("trainer_a"), timeout=120)
            for _ in range(PREVIEW_CALLS)
        ]
        time.sleep(1.0)  # the previews are queued or being drawn
        started = time.monotonic()
        health = httpx.get(f"{base}/healthz", timeout=10)
        waited = time.monotonic() - started
        statuses = sorted({call.result().status_code for call in calls})
    assert (health.status_code, waited < 1.0, set(statuses) <= {200, 429}) == (200, True, True)


def test_previews_are_drawn_when_the_document_is_read(
    served: tuple[str, Keys, str], tmp_path: Path
) -> None:
    """The worker keeps every page's preview as it reads: none waits for a request."""
    kept = sorted(p.name for p in (tmp_path / "data").rglob("page-*-turned-*.png"))
    assert kept == ["page-1-turned-0.png"]


def test_a_photograph_previews_as_jpeg_and_drawn_text_as_png(settings: Settings) -> None:
    """A phone photo's preview is JPEG (as PNG it weighed 2.8 MB); a digital PDF's stays PNG."""
    application = SAMPLES_DIR / "applications"
    drawn = {
        name: run_contained(
            render_page_preview, path, kind, 0, 0, settings, timeout_s=60, memory_mb=1024
        )
        for name, path, kind in (
            ("photo", application / "dana-whitfield" / "app-dana-barbell-photo.jpg", "jpeg"),
            ("pdf", application / "marcus-bell" / "app-marcus-kettlebell-digital.pdf", "pdf"),
        )
    }
    kinds = {name: media_type(image) for name, image in drawn.items()}
    with Image.open(io.BytesIO(drawn["photo"])) as photo:
        size = photo.size
    assert (kinds, size) == ({"photo": "image/jpeg", "pdf": "image/png"}, (2000, 1500))
    assert len(drawn["photo"]) < 600_000
