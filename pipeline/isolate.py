"""Run one document in a child process with a wall-clock limit and a memory cap.

Some inputs are built to hurt parsers: a PDF that makes pdfminer loop, an image
that decodes to gigabytes. Triage refuses the ones it can see; this catches the
rest. The child is killed on timeout, and a ``MemoryError`` or a kill inside the
child becomes an error record, so the parent (a CLI batch or an rq worker)
carries on. A parent killed outright takes the child with it (``die_with_parent``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import resource
from multiprocessing.connection import Connection
from pathlib import Path

from extractors import ocr, scripts
from ingest.contained import die_with_parent
from ingest.errors import ErrorCode
from ingest.record import DocumentRecord
from ingest.settings import Settings
from pipeline.run import MEMORY_MESSAGE, Catalog, error_record, process_file


def process_isolated(
    path: Path,
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> DocumentRecord:
    label = source if source is not None else str(path)
    ocr.warm_up(settings.ocr_language, settings.ocr_engine)  # the child inherits loaded models
    scripts.warm_up(settings.ocr_second_languages)
    context = mp.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(os.getpid(), sender, path, settings, catalog, as_of, label),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if receiver.poll(settings.document_timeout_s):
            return DocumentRecord.model_validate(receiver.recv())
    except EOFError:
        pass
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if child.exitcode is None or child.exitcode == -9:
        return error_record(
            label,
            ErrorCode.PROCESSING_TIMEOUT,
            f"Reading the file took longer than {settings.document_timeout_s:.0f} s and was "
            "stopped. Upload a clearer scan or a PDF exported from the provider's site.",
            settings.document_timeout_s,
        )
    return error_record(label, ErrorCode.RESOURCE_LIMIT, MEMORY_MESSAGE)


def _child(
    parent: int,
    sender: Connection,
    path: Path,
    settings: Settings,
    catalog: Catalog | None,
    as_of: dt.date | None,
    label: str,
) -> None:
    die_with_parent(parent)  # a worker killed outright leaves no reader behind
    limit = _inherited_bytes() + settings.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    record = process_file(path, settings, catalog=catalog, as_of=as_of, source=label)
    sender.send(record.model_dump(mode="json"))
    sender.close()


def _inherited_bytes() -> int:
    """The address space the child starts with, forked from its parent (the loaded
    models, and whatever a long-lived parent holds): the cap is what the document may
    add to it, so a parent that has grown does not starve its children."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
