"""An image file is decoded once for reading and for the checks after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ingest import images
from ingest.settings import Settings
from pipeline.run import process_file


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files decoded, once an entry per decode."""
    seen: list[Path] = []
    real = images.iter_image_frames

    def counted(path: Path, settings: Settings, max_side: int | None = None) -> Iterator:
        seen.append(path)
        return real(path, settings, max_side)

    monkeypatch.setattr(images, "iter_image_frames", counted)
    return seen


def test_an_image_is_decoded_once_per_upload(tmp_path: Path, decodes: list[Path]) -> None:
    page = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(page).text((100, 200), "Certificate of Completion 2031", fill="black")
    path = tmp_path / "page.png"
    page.save(path)
    process_file(path, Settings(data_dir=tmp_path / "data"))
    assert decodes == [path]


@pytest.mark.parametrize("keep", [0, 1], ids=["nothing-kept", "first-kept"])
def test_a_frame_not_kept_is_decoded_again(tmp_path: Path, decodes: list[Path], keep: int) -> None:
    path = tmp_path / "page.png"
    Image.new("RGB", (40, 30), "white").save(path)
    frames = images.DecodedFrames(path, Settings(data_dir=tmp_path / "data"), keep=keep)
    list(frames.each())
    frames.frame(0)
    assert len(decodes) == 2 - keep
