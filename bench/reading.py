"""Reading benchmark: character error rate and seconds per document, ours against bare tesseract.

For every sample with a truth file (``samples/truth/<id>.json``), and for the
real scan ``linn.png`` with captures made from it at run time, the document is
read by our pipeline (triage, text layer or prepared OCR) and by bare
``tesseract <image> stdout`` (default settings, no preprocessing) on the same
page images in the same run: PDF pages rendered at 300 DPI, image files as
loaded with their EXIF orientation applied (so bare tesseract is not
handicapped by a sideways phone photo).

CER is the Levenshtein distance between the whitespace-normalised output and
truth, divided by the truth's length, summed over a group's documents.
Ours is timed end to end as the service runs a document (``process_file``:
triage, decoding, rendering, preparation, OCR, understanding; no catalog);
bare is timed for the tesseract process only.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image
from rapidfuzz.distance import Levenshtein

from bench import captures
from bench.fields import AS_OF  # a fixed "today": dated checks do not change between runs
from bench.made import MAKERS, made_captures
from bench.options import CORPUS, BenchOptions
from bench.timing import CAPTURES, num, ratio, spread
from ingest.errors import CertverifyError
from ingest.images import iter_image_frames, render_pdf_page
from ingest.model import FileKind
from ingest.settings import Settings
from ingest.triage import triage_file
from pipeline.run import process_file

QUICK_PER_CAPTURE = 2
BARE_TIMEOUT_S = 180
TIME_TARGET = 2.0  # ours at most this many times bare tesseract's seconds per document


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    group: str  # "samples" or "linn"
    capture: str
    path: Path
    truth: str


def normalise(text: str) -> str:
    return " ".join(text.split())


def order_free(text: str) -> str:
    """The words sorted: what CER measures on it is recognition, not reading order."""
    return " ".join(sorted(text.split()))


def cer(output: str, truth: str) -> tuple[int, int]:
    """(edit distance, truth length) on whitespace-normalised text."""
    truth_n = normalise(truth)
    return Levenshtein.distance(normalise(output), truth_n), len(truth_n)


def sample_cases(samples: Path, quick: bool) -> list[Case]:
    cases = []
    taken: dict[str, int] = defaultdict(int)
    for truth_path in sorted((samples / "truth").glob("*.json")):
        data = json.loads(truth_path.read_text())
        capture = data.get("capture", "unknown")
        path = samples / data["file"]
        if not path.exists() or (quick and taken[capture] >= QUICK_PER_CAPTURE):
            continue
        taken[capture] += 1
        text = "\n".join(data.get("text", []))
        cases.append(Case(data.get("id", truth_path.stem), "samples", capture, path, text))
    return cases


def linn_cases(folder: Path, quick: bool) -> list[Case]:
    """The real scan, and captures made from it: a worn scan, a phone photo,
    the page fed in sideways and upside down, small print."""
    truth = (CORPUS / "linn.txt").read_text()
    scan = CORPUS / "linn.png"
    cases = [Case("linn", "linn", "real scan", scan, truth)]
    if quick:
        return cases
    page = Image.open(scan).convert("RGB")
    made = {
        "scan_degraded": captures.degraded_scan(page),
        "photo": captures.phone_photo(page),
        "rotated 90": captures.rotated(page, 1),
        "rotated 180": captures.rotated(page, 2, skew_degrees=-1.0),
        "small print": captures.small_print(page),
    }
    for name, image in made.items():
        path = folder / f"linn-{name.replace(' ', '-')}.png"
        image.save(path)
        cases.append(Case(path.stem, "linn", name, path, truth))
    return cases


def page_images(path: Path, settings: Settings) -> list[Image.Image]:
    """What bare tesseract is given: 300 DPI renders, or the frames EXIF-upright."""
    kind = triage_file(path, settings).kind
    if kind is FileKind.PDF:
        count = triage_file(path, settings).page_count
        return [render_pdf_page(path, i, settings, dpi=300) for i in range(count)]
    return list(iter_image_frames(path, settings))


def bare_tesseract(image: Image.Image, folder: Path) -> tuple[str, float]:
    path = folder / "bare.png"
    image.save(path)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["tesseract", str(path), "stdout"],
            capture_output=True,
            text=True,
            timeout=BARE_TIMEOUT_S,
            env=env,
        )
        text = done.stdout
    except subprocess.TimeoutExpired:
        text = ""
    return text, time.perf_counter() - started


def measure(case: Case) -> dict[str, Any]:
    """Both readers on one document, in a worker process; a refusal is recorded."""
    try:
        return _measure(case)
    except CertverifyError as e:
        return {"id": case.id, "group": case.group, "capture": case.capture, "error": str(e)}


def _measure(case: Case) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="certverify-bench-") as tmp:
        folder = Path(tmp)
        settings = Settings(data_dir=folder / "data")
        started = time.perf_counter()
        record = process_file(case.path, settings, catalog=None, as_of=AS_OF, source=case.id)
        ours_s = time.perf_counter() - started
        if record.status == "error":
            message = record.error.message if record.error else "error"
            return {"id": case.id, "group": case.group, "capture": case.capture, "error": message}
        bare_texts, bare_s = [], 0.0
        for image in page_images(case.path, settings):
            text, seconds = bare_tesseract(image, folder)
            bare_texts.append(text)
            bare_s += seconds
    bare_text = "\n".join(bare_texts)
    ours_text = record.text or ""
    ours_err, length = cer(ours_text, case.truth)
    bare_err, _ = cer(bare_text, case.truth)
    ours_words, _ = cer(order_free(ours_text), order_free(case.truth))
    bare_words, _ = cer(order_free(bare_text), order_free(case.truth))
    return {
        "id": case.id,
        "group": case.group,
        "capture": case.capture,
        "pages": len(record.pages),
        "sources": sorted({p.source for p in record.pages}),
        "rotations": [p.rotation for p in record.pages],
        "truth_chars": length,
        "ours_errors": ours_err,
        "bare_errors": bare_err,
        "ours_word_errors": ours_words,
        "bare_word_errors": bare_words,
        "ours_seconds": round(ours_s, 3),
        "bare_seconds": round(bare_s, 3),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def summarise(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    pages = sum(r["pages"] for r in rows) or 1
    chars = sum(r["truth_chars"] for r in rows) or 1
    ours_cer = sum(r["ours_errors"] for r in rows) / chars
    bare_cer = sum(r["bare_errors"] for r in rows) / chars
    ours_free = sum(r["ours_word_errors"] for r in rows) / chars
    bare_free = sum(r["bare_word_errors"] for r in rows) / chars
    return {
        key: rows[0][key] if key != "overall" else "overall",
        "documents": len(rows),
        "pages": pages,
        "cer_ours": round(ours_cer, 4),
        "cer_bare": round(bare_cer, 4),
        "cer_ratio": round(ours_cer / bare_cer, 3) if bare_cer else None,
        "order_free_cer_ours": round(ours_free, 4),
        "order_free_cer_bare": round(bare_free, 4),
        **_times(rows, pages),
    }


def _times(rows: list[dict[str, Any]], pages: int) -> dict[str, Any]:
    """Seconds per document, ours and bare: mean, p50, p95; per page; and the
    time ratio (mean ours / mean bare, the same as the ratio of their totals)."""
    ours = spread([r["ours_seconds"] for r in rows])
    bare = spread([r["bare_seconds"] for r in rows])
    times: dict[str, Any] = {
        "s_per_page_ours": round(sum(r["ours_seconds"] for r in rows) / pages, 3),
        "s_per_page_bare": round(sum(r["bare_seconds"] for r in rows) / pages, 3),
    }
    for name, found in (("ours", ours), ("bare", bare)):
        times[f"s_per_doc_{name}"] = found.mean if found else None
        times[f"p50_s_per_doc_{name}"] = found.p50 if found else None
        times[f"p95_s_per_doc_{name}"] = found.p95 if found else None
    times["time_ratio"] = ratio(times["s_per_doc_ours"], times["s_per_doc_bare"])
    return times


def grouped(rows: list[dict[str, Any]], order: tuple[str, ...]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by[row["capture"]].append(row)
    names = [c for c in order if c in by] + sorted(c for c in by if c not in order)
    table = [summarise(by[name], "capture") for name in names]
    if rows:
        table.append({**summarise(rows, "capture"), "capture": "overall"})
    return table


def run(options: BenchOptions) -> dict[str, Any]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="certverify-captures-") as tmp:
        folder = Path(tmp)
        cases = sample_cases(options.samples, options.quick) + linn_cases(folder, options.quick)
        cases += [
            Case(m.id, "made", m.capture, m.path, m.truth)
            for m in made_captures(options.samples, folder, options.quick)
        ]
        with ProcessPoolExecutor(max_workers=options.workers) as pool:
            measured = list(pool.map(measure, cases))
    rows = [r for r in measured if "error" not in r]
    samples = [r for r in rows if r["group"] == "samples"]
    linn = [r for r in rows if r["group"] == "linn"]
    made = [r for r in rows if r["group"] == "made"]
    return {
        "samples": grouped(samples, CAPTURES),
        "linn": grouped(linn, ("real scan",)),
        "made": grouped(made, tuple(MAKERS)),
        "text_layer_s_per_page": _text_layer_speed(samples),
        "peak_rss_mb": round(max((r["rss_mb"] for r in rows), default=0.0), 1),
        "worst": sorted(rows, key=lambda r: -r["ours_errors"] / max(r["truth_chars"], 1))[:8],
        "documents": rows,
        "errors": [r for r in measured if "error" in r],
        "wall_seconds": round(time.perf_counter() - started, 1),
    }


def _text_layer_speed(rows: list[dict[str, Any]]) -> float | None:
    layer = [r for r in rows if r["sources"] == ["text_layer"]]
    pages = sum(r["pages"] for r in layer)
    return round(sum(r["ours_seconds"] for r in layer) / pages, 4) if pages else None


def markdown(data: dict[str, Any]) -> str:
    lines = [
        "Character error rate (CER) and seconds per document, our pipeline against bare "
        "`tesseract` (default settings, no preprocessing) on the same pages in the same run. "
        "Bare tesseract gets PDF pages rendered at 300 DPI and image files with their EXIF "
        "orientation applied; it is timed for the tesseract process only. Ours is timed end "
        "to end as the service runs a document (`process_file`: triage, reading, "
        "understanding; no catalog). Two bench processes run side by side, each reading "
        "one document at a time, ours then bare, tesseract with one thread. Order-free CER "
        "compares the sorted words, so it counts misread characters but not a different "
        "reading order (two signature columns read across instead of down). Target (issue "
        "'reading speed'): at most 2x bare tesseract's seconds per document on every "
        "capture, CER no worse than today; text-layer pages under 0.05 s/page. The time "
        "ratio is mean ours / mean bare seconds per document.",
        "",
        "### Sample set (`samples/set`, truth in `samples/truth`)",
        "",
        *_cer_table(data["samples"]),
        "",
        *_time_table(data["samples"]),
        "",
        "### Captures made at run time from the digital samples (`bench/made.py`)",
        "",
        *_cer_table(data.get("made", [])),
        "",
        *_time_table(data.get("made", [])),
        "",
        "### Real scan `linn.png` and captures made from it at run time",
        "",
        *_cer_table(data["linn"]),
        "",
        *_time_table(data["linn"]),
        "",
        f"- Over {TIME_TARGET:g}x bare tesseract's seconds per document: samples "
        f"{_over_target(data['samples'])}; made captures "
        f"{_over_target(data.get('made', []))}; `linn.png` {_over_target(data['linn'])}.",
        f"- Text-layer pages: {num(data['text_layer_s_per_page'], 4)} s/page end to end, no OCR.",
        f"- Peak memory: {data['peak_rss_mb']} MB RSS (ru_maxrss) of a bench worker process: "
        "our pipeline with its page images, plus the renders handed to bare tesseract. "
        "Tesseract's own processes are not in it (a forked child's ru_maxrss reports its "
        "parent's pages, so it cannot be told apart).",
        f"- Wall time of this section: {data['wall_seconds']} s.",
        f"- Documents that could not be read: {len(data['errors'])}.",
        "",
        *_worst(data["worst"]),
    ]
    return "\n".join(lines)


def _over_target(rows: list[dict[str, Any]]) -> str:
    over = [
        f"{r['capture']} ({r['time_ratio']:g}x)"
        for r in rows
        if r["time_ratio"] is not None and r["time_ratio"] > TIME_TARGET
    ]
    return ", ".join(over) if over else "none"


def _worst(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "Highest CER documents (ours):",
        "",
        "| document | capture | CER ours | CER bare | rotations |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        chars = max(row["truth_chars"], 1)
        lines.append(
            f"| {row['id']} | {row['capture']} | {row['ours_errors'] / chars:.1%} | "
            f"{row['bare_errors'] / chars:.1%} | {row['rotations']} |"
        )
    return lines


def _cer_table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "| capture | docs | pages | CER ours | CER bare | CER ratio | order-free CER ours / bare |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['capture']} | {r['documents']} | {r['pages']} | {r['cer_ours']:.2%} | "
            f"{r['cer_bare']:.2%} | {num(r['cer_ratio'], 3)} | {r['order_free_cer_ours']:.2%} / "
            f"{r['order_free_cer_bare']:.2%} |"
        )
    return out


def _time_table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "| capture | s/doc ours / bare | p50 s/doc ours / bare | p95 s/doc ours / bare "
        "| s/page ours / bare | time ratio | CER ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [
            f"{num(r[f'{stat}_ours'])} / {num(r[f'{stat}_bare'])}"
            for stat in ("s_per_doc", "p50_s_per_doc", "p95_s_per_doc", "s_per_page")
        ]
        out.append(
            f"| {r['capture']} | " + " | ".join(cells) + f" | {num(r['time_ratio'], 3)} | "
            f"{num(r['cer_ratio'], 3)} |"
        )
    return out
