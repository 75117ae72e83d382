"""The whole pipeline for one file, as a short script."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from checks.authenticity import check_authenticity
from extractors.reading import read_document
from ingest.errors import CertverifyError, ErrorCode
from ingest.images import DecodedFrames
from ingest.model import DocumentText
from ingest.record import DocumentRecord, ErrorInfo, PageInfo
from ingest.settings import Settings
from ingest.triage import triage_file
from pipeline.understand import Catalog, understand

log = logging.getLogger(__name__)

MEMORY_MESSAGE = (
    "The file needed more memory than allowed and was stopped. Upload a smaller scan "
    "(300 DPI) or a PDF exported from the provider's site."
)


def process_file(
    path: Path,
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> DocumentRecord:
    """Read one upload and conclude what it is; bad input becomes an error record."""
    started = time.perf_counter()
    label = source if source is not None else str(path)
    try:
        triage = triage_file(path, settings)
        frames = DecodedFrames(path, settings, keep=settings.code_check_max_pages)
        document = read_document(path, triage, settings, frames)
        record = understand(document, settings, catalog=catalog, as_of=as_of or dt.date.today())
        record = check_authenticity(
            path, document, record, settings, catalog=catalog, frames=frames
        )
    except CertverifyError as e:
        return error_record(label, e.code, e.message, time.perf_counter() - started)
    except MemoryError:
        return error_record(label, ErrorCode.RESOURCE_LIMIT, MEMORY_MESSAGE)
    except Exception as e:  # a bug must not stop a batch; it is logged with its traceback
        if out_of_memory(e):
            return error_record(label, ErrorCode.RESOURCE_LIMIT, MEMORY_MESSAGE)
        log.exception("unexpected failure on %s", label)
        return error_record(
            label,
            ErrorCode.INTERNAL,
            f"An unexpected error stopped processing ({type(e).__name__}). It has been logged; "
            "try again later or upload another copy.",
            time.perf_counter() - started,
        )
    return record.model_copy(
        update={
            "source": label,
            "pages": page_infos(document),
            "seconds": round(time.perf_counter() - started, 3),
            "text": document.text,
        }
    )


def page_infos(document: DocumentText) -> list[PageInfo]:
    return [
        PageInfo(
            index=page.index,
            source=str(page.source),
            rotation=page.rotation,
            width=page.width,
            height=page.height,
            warnings=list(page.warnings),
            seconds=round(page.seconds, 3),
        )
        for page in document.pages
    ]


def error_record(source: str, code: str, message: str, seconds: float = 0.0) -> DocumentRecord:
    return DocumentRecord(
        source=source,
        status="error",
        error=ErrorInfo(code=str(code), message=message),
        seconds=round(seconds, 3),
    )


_OUT_OF_MEMORY = ("insufficient memory", "failed to allocate", "out of memory")


def out_of_memory(error: Exception) -> bool:
    """A library's own error for an allocation that failed under the memory cap
    (OpenCV's ``cv2.error`` "Insufficient memory", "Failed to allocate"): the same as a
    ``MemoryError``, whichever call met the cap first."""
    text = str(error).lower()
    return any(
        words in text for words in ("insufficient memory", "failed to allocate", "out of memory")
    )
