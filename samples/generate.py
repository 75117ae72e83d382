"""Regenerate the sample set: ``python -m samples.generate``.

Draws every document with reportlab, saves it in its capture variants into
samples/set, writes one truth JSON per file into samples/truth (computed from
the data that drew the document, never read back), copies a small mixed
selection into samples/demo, and saves two trainers' applications into
samples/applications/<trainer>/ (their truths in samples/truth too).
Deterministic: a fixed seed per file.
"""

from __future__ import annotations

import json
import shutil
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from samples.gen.plan import Planned, documents
from samples.gen.plan_apps import application_documents, applications
from samples.gen.truth import truth_record
from samples.gen.variants import make

SEED = 20261124
ROOT = Path(__file__).resolve().parent
SET_DIR, TRUTH_DIR, DEMO_DIR = ROOT / "set", ROOT / "truth", ROOT / "demo"
APPS_DIR = ROOT / "applications"

DEMO_IDS = (
    "cert-prose-classic-01-digital",
    "cert-label-block-01-scan_clean",
    "cert-workshop-01-photo",
    "cert-dark-01-digital",
    "card-aha-bls-01-front-digital",
    "card-aha-bls-01-back-digital",
    "card-aha-heartsaver-01-front-photo",
    "other-invoice-01-digital",
)


def _reset(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.is_file():
            path.unlink()


def _save(
    planned: Planned, folder: Path, names: dict[str, str], counts: Counter[tuple[str, str]]
) -> None:
    """Write each capture of one document into ``folder`` and its truth into samples/truth."""
    for capture in planned.captures:
        variant = capture.partition(":")[0]
        file_id = f"{planned.truth.key}-{variant}"
        if file_id in names:
            raise ValueError(f"duplicate sample id {file_id}")
        rng = np.random.default_rng([SEED, zlib.crc32(file_id.encode())])
        out = make(planned.rendered, capture, planned.small, rng)
        name = f"{file_id}.{out.ext}"
        (folder / name).write_bytes(out.data)
        rel_file = (folder / name).relative_to(ROOT).as_posix()
        record = truth_record(
            planned.truth, planned.rendered, file_id, rel_file, variant, out.pages
        )
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        (TRUTH_DIR / f"{file_id}.json").write_text(text, encoding="utf-8")
        names[file_id] = name
        counts[(variant, planned.truth.document_type)] += 1


def generate() -> Counter[tuple[str, str]]:
    """Write every file and its truth; returns counts per (capture, document type)."""
    app_dirs = [APPS_DIR / app.folder for app in applications()]
    for folder in (SET_DIR, TRUTH_DIR, DEMO_DIR, *app_dirs):
        _reset(folder)
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    for planned in documents():
        _save(planned, SET_DIR, names, counts)
    for file_id in DEMO_IDS:
        shutil.copyfile(SET_DIR / names[file_id], DEMO_DIR / names[file_id])
    for app, folder in zip(applications(), app_dirs, strict=True):
        for planned in application_documents(app):
            _save(planned, folder, names, counts)
    return counts


def main() -> None:
    started = time.monotonic()
    counts = generate()
    size = sum(p.stat().st_size for p in (*SET_DIR.iterdir(), *APPS_DIR.rglob("*.*")))
    for (variant, doc_type), count in sorted(counts.items()):
        print(f"{variant:14} {doc_type:16} {count:3}")
    print(f"{sum(counts.values())} files, {size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
