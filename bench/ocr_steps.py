"""What each OCR step buys on the real documents that need OCR, and where its
thresholds sit.

The corpus documents whose capture is read by OCR (photos, screenshots, scanned
PDFs, digital images: ``capture`` in its ground truth) are read with the default
settings, then with each OCR step turned off in turn through a Settings override
(page scaling to ``ocr_glyph_px``, re-reading unsure lines, lines the layout
analysis missed, print along the page's edge), then with the thresholds of the
missed-line and re-read steps swept one at a time. Each variant reads each
document once. For every variant the report gives the printed fields read right
and the seconds per document, by capture and by batch, and which fields it
gains and loses against the defaults: a threshold sits where the values on both
sides of it were measured to lose nothing.

Documents are named by their number only; no printed value is reported.

``python -m bench.ocr_steps [--quick] [--no-sweep] [--files 051 090 ...]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.options import REAL_DOCUMENTS, BenchOptions
from bench.real_documents import (
    RealTruth,
    Records,
    field_right,
    load_real_truths,
    run_variants,
    split_batches,
)
from ingest.record import FIELD_NAMES
from ingest.settings import Settings

OCR_CAPTURES = ("photo", "screenshot", "scan_pdf", "image_digital")


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    setting: str  # the Settings field that turns it off
    off: float  # its value when off
    what: str


STEPS = (
    # A tolerance no scale factor exceeds leaves every page at the size it came.
    Step("scaling", "ocr_glyph_tolerance", 1e9, "page brought to ocr_glyph_px"),
    Step("reread", "ocr_reread_max_lines", 0, "unsure lines read again alone"),
    Step("missed", "ocr_missed_max_lines", 0, "lines the layout analysis missed"),
    Step("vertical", "ocr_vertical_max_lines", 0, "print along the page's edge"),
)

# Values tried besides the default (which is always measured); the default is
# dropped from its own sweep. Subset for time: see the README's OCR steps table.
SWEEPS: dict[str, tuple[float, ...]] = {
    "ocr_missed_min_confidence": (60, 65, 75, 80),
    "ocr_reread_below": (60, 65, 75, 80),
    "ocr_reread_gain": (10, 20),
}
QUICK_SWEEPS: dict[str, tuple[float, ...]] = {"ocr_missed_min_confidence": (60, 80)}


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    group: str  # "default", "step off" or "sweep"
    overrides: tuple[tuple[str, float], ...]


def variants(
    defaults: Settings, sweeps: dict[str, tuple[float, ...]], sweep: bool = True
) -> tuple[Variant, ...]:
    """The defaults, each step off alone, and each swept value alone."""
    built = [Variant("default", "default", ())]
    built += [Variant(f"no {s.name}", "step off", ((s.setting, s.off),)) for s in STEPS]
    for setting, values in sweeps.items() if sweep else ():
        current = getattr(defaults, setting)
        built += [
            Variant(f"{setting} = {v:g}", "sweep", ((setting, v),)) for v in values if v != current
        ]
    return tuple(built)


def ocr_truths(folder: Path, only: list[str] | None = None) -> list[RealTruth]:
    truths = [t for t in load_real_truths(folder) if t.capture in OCR_CAPTURES]
    return [t for t in truths if not only or any(t.name.startswith(p) for p in only)]


def buckets(truths: list[RealTruth]) -> dict[str, list[RealTruth]]:
    """All OCR'd documents, each capture, each batch."""
    by_capture = {c: [t for t in truths if t.capture == c] for c in OCR_CAPTURES}
    parts = {"all": truths, **by_capture, **split_batches(truths)}
    return {label: part for label, part in parts.items() if part}


def printed_right(truths: Iterable[RealTruth], records: Records) -> set[tuple[str, str]]:
    """(document number, field) of every printed field read right."""
    return {
        (t.name[:3], name)
        for t in truths
        for name in FIELD_NAMES
        if t.fields.get(name) is not None
        and field_right(name, records[t.name][0].fields.model_dump(mode="json").get(name), t)
    }


def _printed(truths: Iterable[RealTruth]) -> int:
    return sum(1 for t in truths for name in FIELD_NAMES if t.fields.get(name) is not None)


def summarize(
    variant: Variant,
    parts: dict[str, list[RealTruth]],
    records: Records,
    default_right: set[tuple[str, str]],
) -> dict[str, Any]:
    right = printed_right(parts["all"], records)
    cells = {}
    for label, part in parts.items():
        numbers = {t.name[:3] for t in part}
        seconds = [records[t.name][1] for t in part]
        cells[label] = {
            "right": sum(1 for number, _ in right if number in numbers),
            "printed": _printed(part),
            "seconds_per_document": round(sum(seconds) / len(seconds), 2),
        }
    return {
        "name": variant.name,
        "group": variant.group,
        "overrides": dict(variant.overrides),
        "cells": cells,
        "gained": sorted(f"{n} {f}" for n, f in right - default_right),
        "lost": sorted(f"{n} {f}" for n, f in default_right - right),
    }


def run_ocr_steps_bench(
    folder: Path = REAL_DOCUMENTS,
    workers: int = 2,
    only: list[str] | None = None,
    sweeps: dict[str, tuple[float, ...]] = SWEEPS,
    sweep: bool = True,
) -> dict[str, Any]:
    if not (folder / "ground_truth.jsonl").is_file():
        return {"missing": str(folder)}
    truths = ocr_truths(folder, only)
    defaults = Settings()
    built = variants(defaults, sweeps, sweep)
    started = time.perf_counter()
    read = run_variants(truths, folder, workers, {v.name: dict(v.overrides) for v in built})
    parts = buckets(truths)
    default_right = printed_right(truths, read["default"])
    return {
        "documents": len(truths),
        "defaults": {s: getattr(defaults, s) for s in [*(x.setting for x in STEPS), *sweeps]},
        "rows": [summarize(v, parts, read[v.name], default_right) for v in built],
        "wall_seconds": round(time.perf_counter() - started, 1),
    }


def run(options: BenchOptions) -> dict[str, Any]:
    """The bench.run section; ``--quick``: a few photos, one value either side."""
    if options.quick:
        return run_ocr_steps_bench(workers=options.workers, only=QUICK, sweeps=QUICK_SWEEPS)
    return run_ocr_steps_bench(workers=options.workers)


QUICK = ["005", "051", "093"]  # a photo of each batch, a screenshot


def markdown(report: dict[str, Any]) -> str:
    if "missing" in report:
        return f"Not run: no corpus at `{report['missing']}`.\n"
    labels = list(report["rows"][0]["cells"])
    head = [f"{label} ({report['rows'][0]['cells'][label]['printed']})" for label in labels]
    lines = [
        f"{report['documents']} corpus documents read by OCR, each once per variant "
        f"({report['wall_seconds']} s in all). Cells: printed fields read right (how many "
        "are printed in brackets) and seconds per document; against the defaults: printed "
        "fields gained and lost (document number and field).",
        "",
        "| variant | " + " | ".join(head) + " | vs default |",
        "|---|" + "---|" * (len(labels) + 1),
    ]
    for row in report["rows"]:
        cells = [_cell(row["cells"][label]) for label in labels]
        lines.append(f"| {row['name']} | " + " | ".join(cells) + f" | {_versus(row)} |")
    return "\n".join(lines) + "\n"


def _cell(cell: dict[str, Any]) -> str:
    share = 100 * cell["right"] / cell["printed"] if cell["printed"] else 0.0
    return f"{share:.1f}%, {cell['seconds_per_document']} s"


def _versus(row: dict[str, Any]) -> str:
    if row["group"] == "default":
        return "—"
    if not row["gained"] and not row["lost"]:
        return "same fields"
    gained = f"+{len(row['gained'])} ({', '.join(row['gained'])})" if row["gained"] else "+0"
    lost = f"−{len(row['lost'])} ({', '.join(row['lost'])})" if row["lost"] else "−0"
    return f"{gained} {lost}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.ocr_steps")
    parser.add_argument("--files", nargs="*", help="file name prefixes, e.g. 051 090")
    parser.add_argument("--quick", action="store_true", help="three documents, two swept values")
    parser.add_argument("--no-sweep", action="store_true", help="steps off only, no sweep")
    parser.add_argument("--json", action="store_true", help="print the JSON report too")
    args = parser.parse_args()
    result = run_ocr_steps_bench(
        only=(QUICK if args.quick else args.files),
        sweeps=(QUICK_SWEEPS if args.quick else SWEEPS),
        sweep=not args.no_sweep,
    )
    print(markdown(result))
    if args.json:
        print(json.dumps(result, indent=1))
