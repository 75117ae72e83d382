"""Triage: decide what the bytes are and whether they are safe to decode.

Everything here looks at headers and structure only; no page is rendered and no
image is decoded, so a decompression bomb is refused before it can go off.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
from PIL import Image, UnidentifiedImageError

from ingest import images
from ingest.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedPdf,
    FileNotFound,
    FileTooLarge,
    ImageTooLarge,
    NoPages,
    PageTooLarge,
    TooManyPages,
    UnsupportedType,
)
from ingest.model import FileKind, TriageResult
from ingest.settings import Settings

_MIME = {
    FileKind.PDF: "application/pdf",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.TIFF: "image/tiff",
    FileKind.WEBP: "image/webp",
    FileKind.HEIC: "image/heic",
}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"}
_SUPPORTED = "PDF, JPEG, PNG, TIFF, WebP or HEIC"


def sniff_kind(head: bytes) -> FileKind:
    """The file type from its first bytes; the file name is never trusted."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return FileKind.TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return FileKind.HEIC
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    raise UnsupportedType(_describe_unsupported(head))


def _describe_unsupported(head: bytes) -> str:
    sample = head[:512].lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<html" in sample:
        what = "a web page (HTML), not a document"
    elif sample.startswith(b"pk\x03\x04"):
        what = "a ZIP or Office file"
    elif _looks_like_text(head):
        what = "plain text"
    else:
        what = "a file type we cannot read"
    return (
        f"This file is {what}. Upload the certificate or card as a {_SUPPORTED} file "
        "(save or print it to PDF, or take a photo)."
    )


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:512].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def triage_file(path: Path, settings: Settings) -> TriageResult:
    """Check a file on disk against every limit before any decoding."""
    if not path.is_file():
        raise FileNotFound(f"No file at '{path}'. Check the path and try again.")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile()
    if size > settings.max_upload_bytes:
        raise FileTooLarge(
            f"The file is {size / 1e6:.1f} MB; the limit is "
            f"{settings.max_upload_bytes / 1e6:.0f} MB. Scan at 300 DPI or export a smaller PDF."
        )
    with path.open("rb") as handle:
        head = handle.read(2048)
    kind = sniff_kind(head)
    if kind is FileKind.PDF:
        pages = _check_pdf(path, settings)
    else:
        pages = _check_image(path, kind, settings)
    return TriageResult(
        kind=kind,
        sha256=sha256_file(path),
        size_bytes=size,
        page_count=pages,
        mime_type=_MIME[kind],
    )


def _check_image(path: Path, kind: FileKind, settings: Settings) -> int:
    images.register_heif()
    try:
        with Image.open(path) as img:
            width, height = img.size
            frames = getattr(img, "n_frames", 1)
    except Image.DecompressionBombError as e:
        raise ImageTooLarge(_too_many_pixels_message(None, settings)) from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise CorruptFile(
            f"The {kind.value.upper()} image is damaged or truncated and cannot be read. "
            "Take the photo or scan again and upload the new file."
        ) from e
    if width * height > settings.max_image_pixels:
        raise ImageTooLarge(_too_many_pixels_message((width, height), settings))
    if frames > settings.max_pages:
        raise TooManyPages(_too_many_pages_message(frames, settings))
    return int(frames)


def _check_pdf(path: Path, settings: Settings) -> int:
    try:
        with pikepdf.open(path) as pdf:
            page_count = len(pdf.pages)
            if page_count == 0:
                raise NoPages()
            if page_count > settings.max_pages:
                raise TooManyPages(_too_many_pages_message(page_count, settings))
            for number, page in enumerate(pdf.pages, start=1):
                _check_pdf_page(page, number, settings)
    except pikepdf.PasswordError as e:
        raise EncryptedPdf() from e
    except (pikepdf.PdfError, RecursionError, ValueError, KeyError, TypeError) as e:
        raise CorruptFile(
            "The PDF is damaged or incomplete and cannot be opened. Download or export "
            "it again and upload the new copy."
        ) from e
    return page_count


def _check_pdf_page(page: pikepdf.Page, number: int, settings: Settings) -> None:
    box = [float(v) for v in page.mediabox]
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    if max(width, height) > settings.max_page_points:
        raise PageTooLarge(
            f"Page {number} is {width / 72:.0f} x {height / 72:.0f} inches, larger than any "
            "certificate. Export the document at its real paper size and upload it again."
        )
    for image in page.get_images().values():
        pixels = int(image.get("/Width", 0)) * int(image.get("/Height", 0))
        if pixels > settings.max_image_pixels:
            size = (int(image.get("/Width", 0)), int(image.get("/Height", 0)))
            raise ImageTooLarge(_too_many_pixels_message(size, settings, page=number))


def _too_many_pixels_message(
    size: tuple[int, int] | None, settings: Settings, page: int | None = None
) -> str:
    where = f" on page {page}" if page else ""
    dims = f" of {size[0]} x {size[1]} pixels" if size else ""
    limit = settings.max_image_pixels / 1e6
    return (
        f"The image{dims}{where} is larger than the {limit:.0f}-megapixel limit. "
        "Scan or photograph it again at a normal resolution (300 DPI is plenty)."
    )


def _too_many_pages_message(pages: int, settings: Settings) -> str:
    return (
        f"The file has {pages} pages; the limit is {settings.max_pages}. Upload each "
        "certificate or card on its own."
    )
