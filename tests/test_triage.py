"""Triage decides from the bytes, refuses bad input with a specific code, and
reads images upright."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from ingest.errors import CertverifyError, FileNotFound, FileTooLarge, TooManyPages
from ingest.images import iter_image_frames
from ingest.model import FileKind
from ingest.settings import Settings
from ingest.triage import sniff_kind, triage_file
from pipeline.run import process_file
from tests.badfiles import BAD_INPUTS, jpeg_bytes, pdf_with_pages, text_image, write


@pytest.mark.parametrize("name", sorted(BAD_INPUTS), ids=sorted(BAD_INPUTS))
def test_bad_input_gets_its_error_code(name: str, tmp_path: Path, settings: Settings) -> None:
    make, expected_code = BAD_INPUTS[name]
    record = process_file(write(tmp_path, name, make()), settings)
    assert (record.status, record.error and record.error.code) == ("error", expected_code)


@pytest.mark.parametrize("name", sorted(BAD_INPUTS), ids=sorted(BAD_INPUTS))
def test_bad_input_message_tells_what_to_do(name: str, tmp_path: Path, settings: Settings) -> None:
    make, _ = BAD_INPUTS[name]
    with pytest.raises(CertverifyError) as caught:
        triage_file(write(tmp_path, name, make()), settings)
    assert any(
        verb in caught.value.message for verb in ("Upload", "upload", "Export", "Scan", "Open")
    )


def test_missing_file(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(FileNotFound):
        triage_file(tmp_path / "nope.pdf", settings)


def test_byte_limit_checked_first(tmp_path: Path) -> None:
    small = Settings(max_upload_bytes=100)
    with pytest.raises(FileTooLarge):
        triage_file(write(tmp_path, "big", pdf_with_pages(1)), small)


def test_page_limit(tmp_path: Path) -> None:
    with pytest.raises(TooManyPages):
        triage_file(write(tmp_path, "pages", pdf_with_pages(3)), Settings(max_pages=2))


def _encode(fmt: str) -> bytes:
    out = io.BytesIO()
    image = text_image()
    if fmt == "HEIF":
        from pillow_heif import from_pillow

        from_pillow(image).save(out, quality=80)
    else:
        image.save(out, fmt)
    return out.getvalue()


KIND_CASES = {
    "png": ("PNG", FileKind.PNG),
    "jpeg": ("JPEG", FileKind.JPEG),
    "tiff": ("TIFF", FileKind.TIFF),
    "webp": ("WEBP", FileKind.WEBP),
    "heic": ("HEIF", FileKind.HEIC),
}


@pytest.mark.parametrize("case", sorted(KIND_CASES), ids=sorted(KIND_CASES))
def test_kind_from_bytes_not_name(case: str, tmp_path: Path, settings: Settings) -> None:
    fmt, kind = KIND_CASES[case]
    path = write(tmp_path, case, _encode(fmt), suffix=".pdf")  # a misleading name
    assert triage_file(path, settings).kind is kind


def test_sniff_pdf_with_leading_garbage() -> None:
    assert sniff_kind(b"\n\n%PDF-1.7\n...") is FileKind.PDF


def test_exif_orientation_is_honoured(tmp_path: Path, settings: Settings) -> None:
    upright = text_image((600, 200))
    stored_sideways = upright.transpose(Image.Transpose.ROTATE_90)  # 200 x 600 pixels
    path = write(tmp_path, "phone", jpeg_bytes(stored_sideways, exif_orientation=8), ".jpg")
    frame = next(iter_image_frames(path, settings))
    assert frame.size == (600, 200)


def test_sha256_is_of_the_bytes(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path, "one", pdf_with_pages(1))
    copy = write(tmp_path, "two", path.read_bytes())
    assert triage_file(path, settings).sha256 == triage_file(copy, settings).sha256
