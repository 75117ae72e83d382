"""Reuse across trainers: one certificate uploaded by two trainers, as is and renamed.

Every file of a subset of the originals is read once (the whole pipeline, the
catalog of the real documents) and stored through the worker's own persist
step (``worker.tasks.persist``: the result, the fingerprints, the reuse
findings) in a scratch SQLite store, each original by a trainer of its own.
Then, per original:

- ``reused_by_two_trainers``: the same file uploaded by a second trainer;
- ``reused_name_swapped``: its first page as a picture with the holder's name
  painted over and another name written in its place (an image editor's
  work), uploaded by a third trainer and read afresh. Not applicable where no
  holder name was read (nothing to swap).

A kind counts as flagged when both uploads carry a reuse finding naming the
other. Originals flagged for reuse with another original are listed: two
captures of one sample certificate (the same person and id) are reuse in
earnest; anything else is a false flag.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ingest.images import iter_image_frames, render_pdf_page
from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file
from store.db import Database
from store.documents import add_document
from store.models import Document
from worker.tasks import outcome_for, persist

SWAPPED_NAME = "Morgan Ellery Quinlan"
SWAP_DPI = 200
# A sample's name less its side and capture: both sides of one card are one certificate.
_CAPTURE = re.compile(r"(-(front|back|both|page))?-(digital|scan_\w+|rotated|photo\w*)$")


def _read(job: tuple[str, str]) -> dict[str, Any]:
    path, catalog = job
    record = process_file(Path(path), Settings(), catalog=load_catalog(Path(catalog)).catalog)
    return record.model_dump(mode="json")


def read_all(paths: list[Path], catalog: Path, workers: int) -> list[DocumentRecord]:
    jobs = [(str(p), str(catalog)) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [DocumentRecord.model_validate(d) for d in pool.map(_read, jobs)]


def name_swapped(path: Path, record: DocumentRecord, settings: Settings) -> bytes | None:
    """The holder's page as a PNG with another name over the printed one; None when no
    holder name was read with its place."""
    holder = record.evidence.get("holder_name")
    if holder is None or holder.box is None or holder.page is None:
        return None
    if path.suffix.lower() == ".pdf":
        image = render_pdf_page(path, holder.page, settings, dpi=SWAP_DPI)
    else:
        frames = list(iter_image_frames(path, settings))
        if holder.page >= len(frames):
            return None
        image = frames[holder.page]
    rotation = record.pages[holder.page].rotation if holder.page < len(record.pages) else 0
    if rotation % 360:
        image = image.rotate(-rotation, expand=True)
    image = image.convert("RGB")
    width, height = image.size
    x0, y0, x1, y1 = holder.box
    box = (int(x0 * width) - 2, int(y0 * height) - 2, int(x1 * width) + 2, int(y1 * height) + 2)
    draw = ImageDraw.Draw(image)
    draw.rectangle(box, fill=_paper(image, box))
    font = ImageFont.load_default(size=max(int((box[3] - box[1]) * 0.8), 10))
    draw.text((box[0] + 2, box[1]), SWAPPED_NAME, fill=(0, 0, 0), font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _paper(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
    """The colour just left of the box (the paper the name was printed on)."""
    x = max(box[0] - 4, 0)
    y = min(max((box[1] + box[3]) // 2, 0), image.size[1] - 1)
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


class Uploads:
    """A scratch store; each upload is stored and persisted as the worker does."""

    def __init__(self, folder: Path) -> None:
        self.db = Database(Settings(data_dir=folder))

    def upload(self, trainer: str, data: bytes, name: str, record: DocumentRecord) -> str:
        with self.db.write_session() as session:
            document, _ = add_document(
                session,
                trainer_id=trainer,
                sha256=hashlib.sha256(data).hexdigest(),
                size_bytes=len(data),
                kind="pdf" if data.startswith(b"%PDF") else "image",
                original_filename=name,
            )
            document_id = document.id
        persist(self.db, document_id, outcome_for(record), record)
        return document_id

    def reuse_with(self, document_id: str) -> set[str]:
        """The uploads a document's reuse findings name."""
        with self.db.session() as session:
            document = session.get(Document, document_id)
            assert document is not None and document.result is not None
            record = DocumentRecord.model_validate(document.result)
        return {
            f.evidence.other_upload.document_id
            for f in record.authenticity
            if f.evidence.other_upload is not None
        }

    def codes(self, document_id: str) -> list[str]:
        with self.db.session() as session:
            document = session.get(Document, document_id)
            assert document is not None and document.result is not None
            record = DocumentRecord.model_validate(document.result)
        return [f.code.value for f in record.authenticity if f.evidence.other_upload]


def run(files: list[Path], catalog: Path, workers: int) -> dict[str, Any]:
    settings = Settings()
    records = read_all(files, catalog, workers)
    kinds: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="certverify-reuse-") as folder:
        swapped = {}
        for path, record in zip(files, records, strict=True):
            data = name_swapped(path, record, settings) if record.status == "ok" else None
            if data is not None:
                (Path(folder) / f"{path.stem}-renamed.png").write_bytes(data)
                swapped[path.name] = Path(folder) / f"{path.stem}-renamed.png"
        reread = read_all(list(swapped.values()), catalog, workers)
        renamed = dict(zip(swapped, reread, strict=True))
        store = Uploads(Path(folder) / "store")
        firsts = {
            p.name: store.upload(f"first-{i}", p.read_bytes(), p.name, r)
            for i, (p, r) in enumerate(zip(files, records, strict=True))
        }
        among = _among_originals(store, firsts)
        same = _kind()
        for i, (path, record) in enumerate(zip(files, records, strict=True)):
            later = store.upload(f"second-{i}", path.read_bytes(), path.name, record)
            _count(same, store, firsts[path.name], later, path.name)
        swap = _kind(not_applicable=len(files) - len(swapped))
        for i, (name, copy) in enumerate(swapped.items()):
            later = store.upload(f"third-{i}", copy.read_bytes(), copy.name, renamed[name])
            _count(swap, store, firsts[name], later, name)
    kinds["reused_by_two_trainers"] = _done(same)
    kinds["reused_name_swapped"] = _done(swap)
    return {"read": len(files), "kinds": kinds, **among}


def _among_originals(store: Uploads, firsts: dict[str, str]) -> dict[str, Any]:
    """Originals flagged for reuse with another original: one sample in two captures, or
    a false flag."""
    names = {document_id: name for name, document_id in firsts.items()}
    captures: list[dict[str, Any]] = []
    false_flags: list[dict[str, Any]] = []
    for name, document_id in firsts.items():
        for other in sorted(store.reuse_with(document_id)):
            partner = names.get(other, other)
            pair = {"file": name, "with": partner, "codes": store.codes(document_id)}
            same_sample = _sample_of(name) == _sample_of(partner)
            (captures if same_sample else false_flags).append(pair)
    return {"same_sample_captures": captures, "false_flags": false_flags}


def _sample_of(name: str) -> str:
    return _CAPTURE.sub("", Path(name).stem)


def _kind(not_applicable: int = 0) -> dict[str, Any]:
    return {"made": 0, "flagged": 0, "missed": [], "not_applicable": not_applicable}


def _count(kind: dict[str, Any], store: Uploads, first: str, later: str, name: str) -> None:
    kind["made"] += 1
    if first in store.reuse_with(later) and later in store.reuse_with(first):
        kind["flagged"] += 1
    else:
        kind["missed"].append(name)


def _done(kind: dict[str, Any]) -> dict[str, Any]:
    return {**kind, "rate": round(kind["flagged"] / max(kind["made"], 1), 4)}
