"""Field accuracy on the sample set: what a trainer would have to retype.

Runs the real pipeline (in child processes, two at a time) over every sample
with a truth file and compares each field exactly (after folding case, spaces
and trailing punctuation), by capture variant; also document type and card
side, provider matching with its precision and recall, flag precision and
recall, seconds per document and peak memory.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import resource
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.timing import pct
from ingest.record import FIELD_NAMES, DocumentRecord
from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AS_OF = dt.date(2026, 11, 24)
KNOWN_MISSES = SAMPLES / "known_misses.json"
FLAG_CODES = (
    "card_expired",
    "provider_not_approved",
    "card_online_only",
    "card_not_adult_cpr_aed",
    "ceus_mismatch",
)


@dataclass(frozen=True)
class Truth:
    id: str
    path: Path
    capture: str
    data: dict[str, Any]


def load_truths(folder: Path = SAMPLES / "truth") -> list[Truth]:
    """The truth files of a samples folder (``<samples>/truth``), files named from it."""
    truths = []
    for file in sorted(folder.glob("*.json")):
        data = json.loads(file.read_text())
        truths.append(Truth(data["id"], folder.parent / data["file"], data["capture"], data))
    return truths


def normalise(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 2)
    text = re.sub(r"\s+", " ", str(value)).strip().strip(".,;:").casefold()
    return text.replace("’", "'")


def field_hits(record: DocumentRecord, truth: Truth) -> dict[str, bool]:
    """Per field: does the extracted value equal the truth (None equals None)?"""
    got = record.fields.model_dump(mode="json")
    expected = truth.data["fields"]
    return {name: normalise(got.get(name)) == normalise(expected.get(name)) for name in FIELD_NAMES}


def scored_fields(truth: Truth) -> list[str]:
    """Fields the document prints: absent ones are scored only as false positives."""
    return [name for name in FIELD_NAMES if truth.data["fields"].get(name) is not None]


def _process(args: tuple[Path, str, str | None]) -> tuple[dict[str, Any], float, int]:
    path, source, catalog_path = args
    settings = Settings()
    catalog = load_catalog(Path(catalog_path)).catalog if catalog_path else None
    started = time.perf_counter()
    record = process_file(path, settings, catalog=catalog, as_of=AS_OF, source=source)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return record.model_dump(mode="json"), seconds, peak


def run_pipeline(
    truths: list[Truth], catalog_path: Path | None, workers: int = 2
) -> dict[str, tuple[DocumentRecord, float]]:
    jobs = [(t.path, t.id, str(catalog_path) if catalog_path else None) for t in truths]
    results: dict[str, tuple[DocumentRecord, float]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for truth, (data, seconds, _) in zip(truths, pool.map(_process, jobs), strict=True):
            results[truth.id] = (DocumentRecord.model_validate(data), seconds)
    return results


def _rate(hits: Iterable[bool]) -> float | None:
    values = list(hits)
    return round(sum(values) / len(values), 4) if values else None


def field_accuracy(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> dict[str, dict[str, Any]]:
    """Exact-field accuracy per capture variant over the fields each document prints."""
    by_capture: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for truth in truths:
        record, _ = records[truth.id]
        hits = field_hits(record, truth)
        for name in scored_fields(truth):
            for bucket in (truth.capture, "all"):
                by_capture[bucket][name].append(hits[name])
                by_capture[bucket]["_all"].append(hits[name])
    return {
        capture: {name: _rate(values) for name, values in sorted(fields.items())}
        for capture, fields in sorted(by_capture.items())
    }


CONFIDENCE_BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def confidence_calibration(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> list[dict[str, Any]]:
    """How often a value given with a confidence is right: is the confidence honest?"""
    outcomes: dict[tuple[float, float], list[bool]] = {b: [] for b in CONFIDENCE_BUCKETS}
    for truth in truths:
        record = records[truth.id][0]
        hits = field_hits(record, truth)
        for name, evidence in record.evidence.items():
            if name not in hits:
                continue
            bucket = next(b for b in CONFIDENCE_BUCKETS if b[0] <= evidence.confidence < b[1])
            outcomes[bucket].append(hits[name])
    return [
        {"confidence": f"{low:.2f}-{min(high, 1.0):.2f}", "values": len(v), "right": _rate(v)}
        for (low, high), v in outcomes.items()
    ]


def type_accuracy(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> dict[str, float | None]:
    types = [records[t.id][0].document_type == t.data["document_type"] for t in truths]
    cards = [t for t in truths if t.data["document_type"] == "cpr_aed_card"]
    sides = [records[t.id][0].card_side == t.data["card_side"] for t in cards]
    return {"document_type": _rate(types), "card_side": _rate(sides)}


def provider_matching(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> dict[str, Any]:
    """Precision: matched providers that are right; recall: approved ones found."""
    certificates = [t for t in truths if t.data["document_type"] == "ceu_certificate"]
    true_pos = false_pos = false_neg = 0
    for truth in certificates:
        match = records[truth.id][0].match
        expected = (truth.data.get("catalog") or {}).get("provider_id")
        got = match.provider_id if match and match.approved else None
        if got and got == expected:
            true_pos += 1
        elif got:
            false_pos += 1
        if expected and got != expected:
            false_neg += 1
    return {
        "certificates": len(certificates),
        "true_matches": true_pos,
        "false_matches": false_pos,
        "missed": false_neg,
        "precision": round(true_pos / (true_pos + false_pos), 4) if true_pos + false_pos else None,
        "recall": round(true_pos / (true_pos + false_neg), 4) if true_pos + false_neg else None,
    }


def flag_scores(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for code in FLAG_CODES:
        tp = fp = fn = 0
        for truth in truths:
            expected = code in truth.data.get("expected_flags", [])
            got = any(f.code == code for f in records[truth.id][0].flags)
            tp += expected and got
            fp += got and not expected
            fn += expected and not got
        scores[code] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "support": tp + fn,
        }
    return scores


def run_fields_bench(
    catalog_path: Path = SAMPLES / "catalog.csv", workers: int = 2
) -> dict[str, Any]:
    truths = load_truths()
    started = time.perf_counter()
    records = run_pipeline(truths, catalog_path, workers)
    wall = time.perf_counter() - started
    per_capture: dict[str, list[float]] = defaultdict(list)
    for truth in truths:
        per_capture[truth.capture].append(records[truth.id][1])
    return {
        "documents": len(truths),
        "field_accuracy": field_accuracy(truths, records),
        "types": type_accuracy(truths, records),
        "calibration": confidence_calibration(truths, records),
        "provider_matching": provider_matching(truths, records),
        "flags": flag_scores(truths, records),
        "seconds_per_document": {
            k: round(sum(v) / len(v), 3) for k, v in sorted(per_capture.items())
        },
        "wall_seconds": round(wall, 1),
        "misses": misses(truths, records),
    }


def wrong_fields(record: DocumentRecord, truth: Truth) -> list[str]:
    """Names of what was read wrong: fields, and the type and side."""
    wrong = [name for name, hit in field_hits(record, truth).items() if not hit]
    if record.document_type != truth.data["document_type"]:
        wrong.append("document_type")
    if record.card_side != truth.data["card_side"]:
        wrong.append("card_side")
    if flag_codes(record) != sorted(truth.data.get("expected_flags", [])):
        wrong.append("flags")
    return sorted(wrong)


def flag_codes(record: DocumentRecord) -> list[str]:
    """The flags the truth files speak of (reading flags such as unreadable aside)."""
    return sorted({f.code for f in record.flags if f.code in FLAG_CODES})


def write_known_misses(
    records: dict[str, tuple[DocumentRecord, float]], truths: list[Truth]
) -> None:
    misses = {t.id: wrong_fields(records[t.id][0], t) for t in truths}
    KNOWN_MISSES.write_text(json.dumps({k: v for k, v in misses.items() if v}, indent=1) + "\n")


def misses(
    truths: list[Truth], records: dict[str, tuple[DocumentRecord, float]]
) -> dict[str, dict[str, Any]]:
    """Every wrong field, with what was read and what is true: where to look next."""
    report: dict[str, dict[str, Any]] = {}
    for truth in truths:
        record = records[truth.id][0]
        got = record.model_dump(mode="json")
        wrong = wrong_fields(record, truth)
        if wrong:
            report[truth.id] = {
                name: {
                    "got": flag_codes(record)
                    if name == "flags"
                    else got["fields"].get(name, got.get(name)),
                    "true": truth.data.get("expected_flags")
                    if name == "flags"
                    else truth.data["fields"].get(name, truth.data.get(name)),
                }
                for name in wrong
            }
    return report


def markdown(report: dict[str, Any]) -> str:
    accuracy = report["field_accuracy"]
    captures = [
        c
        for c in ("digital", "scan_clean", "scan_degraded", "photo", "rotated", "all")
        if c in accuracy
    ]
    lines = ["### Field accuracy (exact, fields the document prints)", ""]
    lines.append("| field | " + " | ".join(captures) + " |")
    lines.append("|---|" + "---|" * len(captures))
    names = sorted({n for c in captures for n in accuracy[c]}, key=lambda n: (n == "_all", n))
    for name in names:
        cells = [pct(accuracy[c].get(name)) for c in captures]
        label = "**all fields**" if name == "_all" else name
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Document type accuracy {pct(report['types']['document_type'])}, "
        f"card side accuracy {pct(report['types']['card_side'])}.",
        "",
    ]
    pm = report["provider_matching"]
    lines.append(
        f"Provider matching on {pm['certificates']} certificates: "
        f"precision {pct(pm['precision'])}, recall {pct(pm['recall'])}, "
        f"false matches {pm['false_matches']}, missed {pm['missed']}."
    )
    lines += ["", "| flag | precision | recall | support |", "|---|---|---|---|"]
    for code, s in report["flags"].items():
        lines.append(f"| {code} | {pct(s['precision'])} | {pct(s['recall'])} | {s['support']} |")
    lines += ["", "| confidence given | values | share right |", "|---|---|---|"]
    for row in report["calibration"]:
        lines.append(f"| {row['confidence']} | {row['values']} | {pct(row['right'])} |")
    lines += ["", "| capture | seconds per document |", "|---|---|"]
    for capture, seconds in report["seconds_per_document"].items():
        lines.append(f"| {capture} | {seconds} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    if "--update" in sys.argv:
        all_truths = load_truths()
        write_known_misses(run_pipeline(all_truths, SAMPLES / "catalog.csv"), all_truths)
        sys.exit(0)
    result = run_fields_bench()
    print(markdown(result))
    print(json.dumps(result["misses"], indent=1, default=str)[:20000])
