"""Speed: where a document's time goes, and how many documents workers get through.

Two measures on the sample set, each document read as the service reads it
(``process_file`` with the samples' catalog, as in the fields section):

- the stages, per capture, from one cProfile run per document (``bench.stages``);
- throughput: the same fixed list of documents through a pool of one worker
  process, then a fresh pool of two. Each worker first reads one document (the
  first OCR one) and waits for the others; the clock starts when all are ready,
  so imports, the catalog and tesseract's first start are not counted.

The one-worker run also gives the un-profiled seconds per document, and its
records give the field accuracy beside the times. The service path (rq workers,
Redis, PostgreSQL) is measured apart, by ``make bench-service``.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from bench.fields import Truth, field_accuracy, load_truths
from bench.options import BenchOptions
from bench.stages import AS_OF, CALLS, STAGES, Profiled, profile_document, stage_table
from bench.timing import by_capture, num, pct, ratio, spread
from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file
from pipeline.understand import Catalog

QUICK_PER_CAPTURE = 2
SCALING_TARGET = 1.8  # two workers must read at least this many times what one reads
SPIN_LOOPS = 10_000_000  # about half a second of pure-Python work a task
WARM_UP_TIMEOUT_S = 600


@dataclass(frozen=True, slots=True)
class Timed:
    """One document read in a throughput run, timed inside its worker."""

    id: str
    capture: str
    seconds: float
    record: dict[str, Any]  # the DocumentRecord as JSON, for field accuracy


@dataclass(frozen=True, slots=True)
class Throughput:
    workers: int
    wall_seconds: float
    timed: tuple[Timed, ...]
    load_at_start: float  # the machine's 1-minute load average when the clock started

    def as_json(self) -> dict[str, Any]:
        busy = sum(t.seconds for t in self.timed)
        return {
            "workers": self.workers,
            "documents": len(self.timed),
            "wall_seconds": round(self.wall_seconds, 2),
            "documents_per_minute": round(60 * len(self.timed) / self.wall_seconds, 2),
            "mean_s_per_doc": round(busy / max(1, len(self.timed)), 3),
            "busy_share": round(busy / (self.workers * self.wall_seconds), 3),
            "load_at_start": round(self.load_at_start, 2),
        }


def documents(samples: Path, quick: bool) -> list[Truth]:
    """Every sample with a truth file, in file order; ``quick``: the first few per capture."""
    chosen: list[Truth] = []
    for truth in load_truths(samples / "truth"):
        taken = sum(1 for t in chosen if t.capture == truth.capture)
        if truth.path.exists() and not (quick and taken >= QUICK_PER_CAPTURE):
            chosen.append(truth)
    return chosen


@functools.cache
def _catalog(path: Path) -> Catalog:
    return load_catalog(path).catalog


def _profile_job(doc: Truth, catalog_path: Path) -> Profiled:
    return profile_document(doc, Settings(), _catalog(catalog_path))


def _timed_job(doc: Truth, catalog_path: Path) -> Timed:
    catalog = _catalog(catalog_path)
    started = time.perf_counter()
    record = process_file(doc.path, Settings(), catalog=catalog, as_of=AS_OF, source=doc.id)
    seconds = time.perf_counter() - started
    return Timed(doc.id, doc.capture, round(seconds, 4), record.model_dump(mode="json"))


def _warm_up(barrier: Any, doc: Truth, catalog_path: Path) -> None:
    """A worker's start: read one document, then wait until every worker has."""
    _timed_job(doc, catalog_path)
    barrier.wait(timeout=WARM_UP_TIMEOUT_S)


def throughput(docs: list[Truth], workers: int, catalog_path: Path) -> Throughput:
    """The documents through a fresh pool of ``workers`` processes, timed from the
    moment every worker is warm to the last document read."""
    context = mp.get_context()
    barrier = context.Barrier(workers + 1)
    warm = next((d for d in docs if d.capture != "digital"), docs[0])
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_warm_up,
        initargs=(barrier, warm, catalog_path),
    ) as pool:
        futures = [pool.submit(_timed_job, doc, catalog_path) for doc in docs]  # starts workers
        barrier.wait(timeout=WARM_UP_TIMEOUT_S)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        timed = tuple(future.result() for future in futures)
        wall = time.perf_counter() - started
    return Throughput(workers, wall, timed, load)


def _spin(loops: int) -> int:
    total = 0
    for i in range(loops):
        total += i * i
    return total


def machine_scaling(loops: int = SPIN_LOOPS) -> float | None:
    """How much more two processes get through than one on a fixed pure-Python
    workload, no I/O: the ceiling for the documents' two-to-one ratio on this
    machine at that moment (2.0 on two free cores; less when other programs run)."""
    walls = []
    for workers in (1, 2):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_spin, [1] * workers))  # the workers started before the clock
            started = time.perf_counter()
            list(pool.map(_spin, [loops] * 4))
            walls.append(time.perf_counter() - started)
    return ratio(walls[0], walls[1])


def profiles(docs: list[Truth], workers: int, catalog_path: Path) -> list[Profiled]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_profile_job, docs, repeat(catalog_path)))


def run(options: BenchOptions) -> dict[str, Any]:
    started = time.perf_counter()
    catalog_path = options.samples / "catalog.csv"
    docs = documents(options.samples, options.quick)
    profiled = profiles(docs, options.workers, catalog_path)
    ceiling_before = machine_scaling()
    one = throughput(docs, 1, catalog_path)
    two = throughput(docs, 2, catalog_path)
    ceiling_after = machine_scaling()
    one_json, two_json = one.as_json(), two.as_json()
    return {
        "documents": len(docs),
        "stages": stage_table(profiled),
        "profile_workers": options.workers,
        "unprofiled_s_per_doc": _unprofiled(one),
        "unprofiled_two_workers": _unprofiled(two),
        "throughput": {
            "one_worker": one_json,
            "two_workers": two_json,
            "scaling": ratio(two_json["documents_per_minute"], one_json["documents_per_minute"]),
            "cores": os.cpu_count(),
            "machine_scaling_before": ceiling_before,
            "machine_scaling_after": ceiling_after,
        },
        "field_accuracy": _accuracy(docs, one),
        "errors": sorted(p.id for p in profiled if p.status == "error"),
        "wall_seconds": round(time.perf_counter() - started, 1),
    }


def _unprofiled(run: Throughput) -> dict[str, Any]:
    groups = by_capture(run.timed, lambda t: t.capture)
    return {
        capture: found.as_json()
        for capture, group in groups.items()
        if (found := spread([t.seconds for t in group])) is not None
    }


def _accuracy(docs: list[Truth], run: Throughput) -> dict[str, float | None]:
    """All-fields accuracy per capture of the one-worker run's records, scored as
    the fields section scores its own run."""
    records = {t.id: (DocumentRecord.model_validate(t.record), t.seconds) for t in run.timed}
    accuracy = field_accuracy(docs, records)
    return {capture: fields.get("_all") for capture, fields in accuracy.items()}


def markdown(data: dict[str, Any]) -> str:
    lines = [
        f"{data['documents']} sample documents read as the service reads them "
        "(`process_file`, the samples' catalog), one tesseract thread per process. "
        "The service path with its queue, Redis and PostgreSQL is measured apart, by "
        "`make bench-service`.",
        "",
        "### Where the time goes (seconds per document, under cProfile)",
        "",
        "One cProfile run per document, "
        f"{data['profile_workers']} worker processes side by side; a stage is the "
        "cumulative time of its functions (`bench/stages.py`), other is what no stage "
        "covers. cProfile adds a cost to every Python call, so Python-heavy stages "
        "(understanding) look slower than they are while waiting on tesseract is timed "
        "almost as is. The un-profiled totals beside come from the throughput runs: the one "
        "with as many workers as the profiled run compares like with like.",
        "",
        *_stage_table(data),
        "",
        "### Throughput",
        "",
        *_throughput(data["throughput"]),
        "",
        "### Seconds per document, un-profiled (one-worker run)",
        "",
        "| capture | docs | mean | p50 | p95 |",
        "|---|---|---|---|---|",
        *(
            f"| {capture} | {s['documents']} | {s['mean']:.2f} | {s['p50']:.2f} | {s['p95']:.2f} |"
            for capture, s in data["unprofiled_s_per_doc"].items()
        ),
        "",
        "Quality beside the times: all-fields accuracy of the one-worker run's records, "
        "scored as in the fields section (real documents: see their section): "
        + ", ".join(f"{c} {pct(v)}" for c, v in data["field_accuracy"].items())
        + ".",
        "",
        f"- Documents refused or failed: {len(data['errors'])}"
        + (f" ({', '.join(data['errors'])})" if data["errors"] else "")
        + f". Wall time of this section: {data['wall_seconds']} s.",
    ]
    return "\n".join(lines)


def _stage_table(data: dict[str, Any]) -> list[str]:
    table: dict[str, dict[str, Any]] = data["stages"]
    captures = list(table)
    lines = [
        "| stage | " + " | ".join(f"{c} ({table[c]['documents']})" for c in captures) + " |",
        "|---|" + "---|" * len(captures),
    ]
    for stage in STAGES:
        label = f"of which {stage.label}" if stage.part_of else stage.label
        lines.append(
            _row(label, [_share(table[c], table[c]["stages"][stage.label]) for c in captures])
        )
    lines.append(_row("other", [_share(table[c], table[c]["other"]) for c in captures]))
    lines.append(
        _row("**total, profiled**", [num(table[c]["profiled_s_per_doc"]) for c in captures])
    )
    for key, label in (
        ("unprofiled_s_per_doc", "**total, un-profiled, one worker**"),
        ("unprofiled_two_workers", "**total, un-profiled, two workers**"),
    ):
        spreads = data[key]
        lines.append(
            _row(label, [num(spreads[c]["mean"]) if c in spreads else "n/a" for c in captures])
        )
    for label, _ in CALLS:
        lines.append(
            _row(f"{label} per doc", [num(table[c]["calls_per_doc"][label], 1) for c in captures])
        )
    return lines


def _row(label: str, cells: list[str]) -> str:
    return f"| {label} | " + " | ".join(cells) + " |"


def _share(row: dict[str, Any], seconds: float) -> str:
    total = row["profiled_s_per_doc"]
    return f"{seconds:.2f} ({seconds / total:.0%})" if total else num(seconds)


def _throughput(data: dict[str, Any]) -> list[str]:
    lines = [
        "| workers | docs | wall s | docs per minute | mean s/doc in a worker | busy share "
        "| load at start |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in (data["one_worker"], data["two_workers"]):
        lines.append(
            f"| {run['workers']} | {run['documents']} | {run['wall_seconds']:.1f} | "
            f"{run['documents_per_minute']:.1f} | {run['mean_s_per_doc']:.2f} | "
            f"{run['busy_share']:.0%} | {run['load_at_start']:.1f} |"
        )
    lines += [
        "",
        f"Two workers read {num(data['scaling'], 2)}x what one reads (target: at least "
        f"{SCALING_TARGET:g}x). Fresh pools; the clock starts once every worker has read one "
        "document (imports, catalog, tesseract's first start not counted) and stops at the "
        "last document. Busy share: the workers' time inside `process_file` over workers x "
        "wall time; below 100% is waiting at the end for the last document, and a longer "
        "mean s/doc with two workers is the two sharing the machine. Load at start: the "
        f"machine's 1-minute load average ({data['cores']} cores) as the clock started; "
        "the warm-up's own work is in it, other programs' too.",
        "",
        "What the machine itself gave at the time: a fixed pure-Python workload (no I/O) "
        f"ran {num(data['machine_scaling_before'], 2)}x faster in two processes than in one "
        f"just before these runs and {num(data['machine_scaling_after'], 2)}x just after; "
        "the documents' ratio cannot beat that ceiling (2.0 on two free cores).",
    ]
    return lines
