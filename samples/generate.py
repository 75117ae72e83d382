"""Regenerate the sample set: ``python -m samples.generate``.

Draws every document with reportlab, saves it in its capture variants into
samples/set, writes one truth JSON per file into samples/truth (computed from
the data that drew the document, never read back), and copies a small mixed
selection into samples/demo. Deterministic: a fixed seed per file.
"""

from __future__ import annotations

import json
import shutil
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from samples.gen.plan import documents
from samples.gen.truth import truth_record
from samples.gen.variants import make

SEED = 20261124
ROOT = Path(__file__).resolve().parent
SET_DIR, TRUTH_DIR, DEMO_DIR = ROOT / "set", ROOT / "truth", ROOT / "demo"

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


def generate() -> Counter[tuple[str, str]]:
    """Write every file and its truth; returns counts per (capture, document type)."""
    for folder in (SET_DIR, TRUTH_DIR, DEMO_DIR):
        _reset(folder)
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    for planned in documents():
        for capture in planned.captures:
            variant = capture.partition(":")[0]
            file_id = f"{planned.truth.key}-{variant}"
            if file_id in names:
                raise ValueError(f"duplicate sample id {file_id}")
            rng = np.random.default_rng([SEED, zlib.crc32(file_id.encode())])
            out = make(planned.rendered, capture, planned.small, rng)
            name = f"{file_id}.{out.ext}"
            (SET_DIR / name).write_bytes(out.data)
            record = truth_record(
                planned.truth, planned.rendered, file_id, f"set/{name}", variant, out.pages
            )
            text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
            (TRUTH_DIR / f"{file_id}.json").write_text(text, encoding="utf-8")
            names[file_id] = name
            counts[(variant, planned.truth.document_type)] += 1
    for file_id in DEMO_IDS:
        shutil.copyfile(SET_DIR / names[file_id], DEMO_DIR / names[file_id])
    return counts


def main() -> None:
    started = time.monotonic()
    counts = generate()
    size = sum(p.stat().st_size for p in SET_DIR.iterdir())
    for (variant, doc_type), count in sorted(counts.items()):
        print(f"{variant:14} {doc_type:16} {count:3}")
    print(f"{sum(counts.values())} files, {size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
