"""Reading benchmark: character error rate and seconds per page, ours against bare tesseract.

For every sample with a truth file (``samples/truth/<id>.json``), and for the
real scan ``linn.png`` with captures made from it at run time, the document is
read by our pipeline (triage, text layer or prepared OCR) and by bare
``tesseract <image> stdout`` (default settings, no preprocessing) on the same
page images in the same run: PDF pages rendered at 300 DPI, image files as
loaded with their EXIF orientation applied (so bare tesseract is not
handicapped by a sideways phone photo).

CER is the Levenshtein distance between the whitespace-normalised output and
truth, divided by the truth's length, summed over a group's documents.
Ours is timed end to end (decoding, rendering, preparation, OCR); bare is
timed for the tesseract process only.
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
from bench.options import CORPUS, BenchOptions
from extractors.reading import read_document
from ingest.errors import CertverifyError
from ingest.images import iter_image_frames, render_pdf_page
from ingest.model import FileKind
from ingest.settings import Settings
from ingest.triage import triage_file

CAPTURES = ("digital", "scan_clean", "scan_degraded", "photo", "rotated")
HARD = ("scan_degraded", "photo", "rotated")  # where the targets apply
QUICK_PER_CAPTURE = 2
BARE_TIMEOUT_S = 180


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
        document = read_document(case.path, triage_file(case.path, settings), settings)
        ours_s = time.perf_counter() - started
        bare_texts, bare_s = [], 0.0
        for image in page_images(case.path, settings):
            text, seconds = bare_tesseract(image, folder)
            bare_texts.append(text)
            bare_s += seconds
    bare_text = "\n".join(bare_texts)
    ours_err, length = cer(document.text, case.truth)
    bare_err, _ = cer(bare_text, case.truth)
    ours_words, _ = cer(order_free(document.text), order_free(case.truth))
    bare_words, _ = cer(order_free(bare_text), order_free(case.truth))
    return {
        "id": case.id,
        "group": case.group,
        "capture": case.capture,
        "pages": len(document.pages),
        "sources": sorted({str(p.source) for p in document.pages}),
        "rotations": [p.rotation for p in document.pages],
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
    ours_spp = sum(r["ours_seconds"] for r in rows) / pages
    bare_spp = sum(r["bare_seconds"] for r in rows) / pages
    return {
        key: rows[0][key] if key != "overall" else "overall",
        "documents": len(rows),
        "pages": pages,
        "cer_ours": round(ours_cer, 4),
        "cer_bare": round(bare_cer, 4),
        "cer_ratio": round(ours_cer / bare_cer, 3) if bare_cer else None,
        "order_free_cer_ours": round(ours_free, 4),
        "order_free_cer_bare": round(bare_free, 4),
        "s_per_page_ours": round(ours_spp, 3),
        "s_per_page_bare": round(bare_spp, 3),
        "time_ratio": round(ours_spp / bare_spp, 3) if bare_spp else None,
    }


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
        cases = sample_cases(options.samples, options.quick) + linn_cases(Path(tmp), options.quick)
        with ProcessPoolExecutor(max_workers=options.workers) as pool:
            measured = list(pool.map(measure, cases))
    rows = [r for r in measured if "error" not in r]
    samples = [r for r in rows if r["group"] == "samples"]
    linn = [r for r in rows if r["group"] == "linn"]
    return {
        "samples": grouped(samples, CAPTURES),
        "linn": grouped(linn, ("real scan",)),
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
        "Character error rate (CER) and seconds per page, our pipeline against bare "
        "`tesseract` (default settings, no preprocessing) on the same pages in the same run. "
        "Bare tesseract gets PDF pages rendered at 300 DPI and image files with their EXIF "
        "orientation applied; it is timed for the tesseract process only, ours end to end. "
        "Order-free CER compares the sorted words, so it counts misread characters but not "
        "a different reading order (two signature columns read across instead of down). "
        "Target (issue): on degraded scans, photos and rotated pages, at most half of bare "
        "CER (ratio <= 0.5) in at most 1.5x its time; text-layer pages under 0.05 s/page.",
        "",
        "### Sample set (`samples/set`, truth in `samples/truth`)",
        "",
        *_table(data["samples"]),
        "",
        "### Real scan `linn.png` and captures made from it at run time",
        "",
        *_table(data["linn"]),
        "",
        f"- Text-layer pages: {_num(data['text_layer_s_per_page'])} s/page, no OCR.",
        f"- Peak memory: {data['peak_rss_mb']} MB RSS (ru_maxrss) of a bench worker process: "
        "our pipeline with its page images, plus the renders handed to bare tesseract. "
        "Tesseract's own processes are not in it (a forked child's ru_maxrss reports its "
        "parent's pages, so it cannot be told apart).",
        f"- Wall time of this section: {data['wall_seconds']} s.",
        f"- Documents that could not be read: {len(data['errors'])}.",
        "",
        "Highest CER documents (ours):",
        "",
        "| document | capture | CER ours | CER bare | rotations |",
        "|---|---|---|---|---|",
    ]
    for row in data["worst"]:
        chars = max(row["truth_chars"], 1)
        lines.append(
            f"| {row['id']} | {row['capture']} | {row['ours_errors'] / chars:.1%} | "
            f"{row['bare_errors'] / chars:.1%} | {row['rotations']} |"
        )
    return "\n".join(lines)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "| capture | docs | pages | CER ours | CER bare | CER ratio | order-free CER ours / bare "
        "| s/page ours | s/page bare | time ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['capture']} | {r['documents']} | {r['pages']} | {r['cer_ours']:.2%} | "
            f"{r['cer_bare']:.2%} | {_num(r['cer_ratio'])} | {r['order_free_cer_ours']:.2%} / "
            f"{r['order_free_cer_bare']:.2%} | {r['s_per_page_ours']:.2f} | "
            f"{r['s_per_page_bare']:.2f} | {_num(r['time_ratio'])} |"
        )
    return out


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"
