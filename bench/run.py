"""``make bench``: run the benchmark sections and write bench/report.md and .json.

A section is a module with a function returning a JSON-able dict and a
``markdown(dict) -> str`` that renders it. To add one, add a ``Section`` to
``SECTIONS`` below. A section whose module is missing, or that fails, is
reported as such and the others still run. An optional section (a long
measurement, not a regression check) runs only when ``--only`` names it; its
last result stays in the report.

Usage: ``python -m bench.run [--quick] [--only NAME ...] [--out PREFIX]``.
``--only`` keeps the other sections' last results from the existing report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.options import ROOT, SAMPLES, BenchOptions


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    title: str
    module: str
    run: Callable[[Any, BenchOptions], dict[str, Any]]  # (module, options) -> data
    optional: bool = False  # run only when --only names it


def _with_options(module: Any, options: BenchOptions) -> dict[str, Any]:
    return dict(module.run(options))


def _fields(module: Any, options: BenchOptions) -> dict[str, Any]:
    return dict(module.run_fields_bench(SAMPLES / "catalog.csv", workers=options.workers))


def _matching(module: Any, options: BenchOptions) -> dict[str, Any]:
    return dict(
        module.run_matching_bench(SAMPLES / "catalog.csv", SAMPLES / "unapproved_providers.txt")
    )


def _real_documents(module: Any, options: BenchOptions) -> dict[str, Any]:
    return dict(module.run_real_documents_bench(workers=options.workers))


SECTIONS = (
    Section("reading", "Reading: text from any capture", "bench.reading", _with_options),
    Section("speed", "Speed: where the time goes, and throughput", "bench.speed", _with_options),
    Section("fields", "Fields", "bench.fields", _fields),
    Section(
        "real_documents",
        "Real documents nobody here designed",
        "bench.real_documents",
        _real_documents,
    ),
    Section(
        "ocr_steps",
        "OCR steps: what each buys on the corpus documents read by OCR",
        "bench.ocr_steps",
        _with_options,
        optional=True,
    ),
    Section("matching", "Matching", "bench.matching", _matching),
    Section("lookalikes", "Look-alike issuers, read end to end", "bench.lookalikes", _with_options),
    Section(
        "authenticity",
        "Authenticity: tampered copies and untouched originals",
        "bench.authenticity",
        _with_options,
    ),
    Section("pages", "Pages: the audit case page on a cold browser", "bench.pages", _with_options),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subset, for a smoke run")
    parser.add_argument("--only", nargs="*", choices=[s.name for s in SECTIONS], default=None)
    parser.add_argument("--out", default=None, help="report path without extension")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder with truth/")
    args = parser.parse_args(argv)
    workers = min(2, os.cpu_count() or 1)
    options = BenchOptions(quick=args.quick, workers=workers, samples=args.samples)
    default_out = "bench/report-quick" if args.quick else "bench/report"
    out = ROOT / (args.out or default_out)
    last = _load(out.with_suffix(".json")).get("sections", {})
    report: dict[str, Any] = {"sections": {}}
    for section in SECTIONS:
        if section.name in args.only if args.only else not section.optional:
            print(f"[bench] {section.name} ...", flush=True)
            report["sections"][section.name] = _run_section(section, options)
        elif section.name in last and (args.only or section.optional):
            report["sections"][section.name] = last[section.name]
    report["environment"] = environment(options)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    out.with_suffix(".md").write_text(render(report))
    print(f"[bench] wrote {out.with_suffix('.md')}")
    return 0


def _run_section(section: Section, options: BenchOptions) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        module = importlib.import_module(section.module)
        data = section.run(module, options)
        text = module.markdown(data)
        status = "ok"
    except ModuleNotFoundError as e:
        data, text, status = {}, f"Not run: {e}.", "missing"
    except Exception:
        traceback.print_exc()
        data, text, status = {}, "Not run: the section failed (see the bench log).", "failed"
    return {
        "title": section.title,
        "status": status,
        "seconds": round(time.perf_counter() - started, 1),
        "data": data,
        "markdown": text,
    }


def environment(options: BenchOptions) -> dict[str, Any]:
    try:
        tesseract = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, timeout=10
        ).stdout.splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        tesseract = "unknown"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "tesseract": tesseract,
        "workers": options.workers,
        "quick": options.quick,
    }


def render(report: dict[str, Any]) -> str:
    env = report["environment"]
    lines = [
        "# Benchmark report",
        "",
        f"Generated by `make bench` on {env['date']}"
        + (" (quick subset: `--quick`)" if env["quick"] else "")
        + f"; {env['machine']}, {env['workers']} worker processes, {env['tesseract']}, "
        f"Python {env['python']}. Timings come from a machine shared with other work: "
        "compare ratios measured in the same run rather than absolute seconds.",
        "",
    ]
    for name, section in report["sections"].items():
        lines += [f"## {section['title']}", ""]
        lines += [section["markdown"].rstrip(), ""]
        lines += [f"_Section `{name}`: {section['status']}, {section['seconds']} s._", ""]
    return "\n".join(lines)


def _load(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError):
        return {}


if __name__ == "__main__":
    raise SystemExit(main())
