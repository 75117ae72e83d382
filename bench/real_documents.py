"""Reading real documents nobody here designed: the measure of the reader.

Runs the real pipeline over ``../shared/corpus/real-documents`` (read in
place: third-party files with personal data never enter this repository) with
the corpus's own catalog, and compares each field the way its README says:
case, whitespace and punctuation folded, dates as ISO, numbers within 0.001, a
field's ``alts`` accepted. Reports fields exact by field, kind and capture,
document type, card side, catalog provider top-1 with false matches, seconds
per document, and every miss with what was read and what is true.

``python -m bench.real_documents [--files 001 017 ...]`` prints the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.options import REAL_DOCUMENTS
from ingest.record import FIELD_NAMES, DocumentRecord
from ingest.settings import Settings
from matchers.catalog import load_catalog
from pipeline.run import process_file

AS_OF = dt.date(2026, 11, 24)


@dataclass(frozen=True)
class RealTruth:
    name: str  # the file's name, e.g. 001-aha-bls-ecard.pdf
    path: Path
    kind: str
    card_side: str | None
    capture: str
    fields: dict[str, Any]
    alts: dict[str, list[Any]]
    provider_id: str | None
    course_id: str | None


def load_real_truths(folder: Path = REAL_DOCUMENTS) -> list[RealTruth]:
    truths = []
    for line in (folder / "ground_truth.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        truths.append(
            RealTruth(
                name=Path(data["file"]).name,
                path=folder / data["file"],
                kind=data["kind"],
                card_side=data.get("card_side"),
                capture=data["capture"],
                fields=data["fields"],
                alts=data.get("alts") or {},
                provider_id=(data.get("catalog") or {}).get("provider_id"),
                course_id=(data.get("catalog") or {}).get("course_id"),
            )
        )
    return truths


def fold(value: Any) -> Any:
    """Case, whitespace, punctuation and accents folded; numbers rounded to 0.001."""
    if value is None:
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 3)
    text = unicodedata.normalize("NFKD", str(value).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def field_right(name: str, got: Any, truth: RealTruth) -> bool:
    accepted = [truth.fields.get(name), *truth.alts.get(name, [])]
    return any(fold(got) == fold(value) for value in accepted)


def document_kind(record: DocumentRecord) -> str | None:
    """The kind as the product names it: ``unknown`` (too little to tell) is not the
    corpus's ``other``, which the product must recognise as neither kind."""
    if record.status != "ok":
        return None
    return str(record.document_type)


def _process(args: tuple[Path, str, dict[str, Any]]) -> tuple[dict[str, Any], float]:
    path, catalog_path, overrides = args
    catalog = load_catalog(Path(catalog_path)).catalog
    settings = Settings(**overrides)
    started = time.perf_counter()
    record = process_file(path, settings, catalog=catalog, as_of=AS_OF, source=path.name)
    return record.model_dump(mode="json"), time.perf_counter() - started


Records = dict[str, tuple[DocumentRecord, float]]  # file name -> (record, seconds)


def run_documents(truths: list[RealTruth], folder: Path, workers: int) -> Records:
    return run_variants(truths, folder, workers, {"": {}})[""]


def run_variants(
    truths: list[RealTruth],
    folder: Path,
    workers: int,
    variants: dict[str, dict[str, Any]],
) -> dict[str, Records]:
    """Every document read once under each variant's Settings overrides, in one
    pool, document by document, so every variant of a document is read under the
    same load on a shared machine and their seconds compare. The first document
    is read once beforehand, here, so the workers fork warm (models loaded, lazy
    imports made) and no variant's seconds hold a cold start."""
    catalog = str(folder / "catalog.csv")
    if truths:
        _process((truths[0].path, catalog, {}))
    jobs = [(t, name) for t in truths for name in variants]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(_process, [(t.path, catalog, variants[v]) for t, v in jobs]))
    results: dict[str, Records] = {name: {} for name in variants}
    for (truth, name), (data, seconds) in zip(jobs, done, strict=True):
        results[name][truth.name] = (DocumentRecord.model_validate(data), seconds)
    return results


def _rate(hits: Iterable[bool]) -> float | None:
    values = list(hits)
    return round(sum(values) / len(values), 4) if values else None


def score(truths: list[RealTruth], records: Records) -> dict[str, Any]:
    printed: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    every_field: list[bool] = []
    invented: list[str] = []
    misses: dict[str, dict[str, Any]] = {}
    kinds, sides = [], []
    provider_hits, course_hits, false_matches = 0, 0, []
    for truth in truths:
        record = records[truth.name][0]
        got = record.fields.model_dump(mode="json")
        wrong: dict[str, Any] = {}
        for name in FIELD_NAMES:
            right = field_right(name, got.get(name), truth)
            every_field.append(right)
            if truth.fields.get(name) is None:
                if not right:
                    invented.append(f"{truth.name}: {name}")
            else:
                for bucket in ("all", f"kind:{truth.kind}", f"capture:{truth.capture}"):
                    printed[bucket][name].append(right)
                    printed[bucket]["_all"].append(right)
            if not right:
                wrong[name] = {"got": got.get(name), "true": truth.fields.get(name)}
        kind = document_kind(record)
        kinds.append(kind == truth.kind)
        if kind != truth.kind:
            wrong["kind"] = {"got": kind, "true": truth.kind, "error": _error(record)}
        if truth.kind == "cpr_aed_card":
            side = str(record.card_side) if record.card_side else None
            sides.append(side == truth.card_side)
            if side != truth.card_side:
                wrong["card_side"] = {"got": side, "true": truth.card_side}
        # The catalog provider is the match's provider (the course may still be unknown).
        matched = record.match.provider_id if record.match else None
        if truth.provider_id and matched == truth.provider_id:
            provider_hits += 1
            course = record.match.course_id if record.match else None
            course_hits += bool(truth.course_id) and course == truth.course_id
        elif matched is not None:
            false_matches.append(f"{truth.name}: {matched} (true {truth.provider_id})")
        if matched != truth.provider_id:
            wrong["catalog_provider"] = {"got": matched, "true": truth.provider_id}
        if wrong:
            misses[truth.name] = wrong
    in_catalog = sum(1 for t in truths if t.provider_id)
    seconds = [records[t.name][1] for t in truths]
    return {
        "documents": len(truths),
        "fields_exact_printed": {
            bucket: {name: _rate(v) for name, v in sorted(by_name.items())}
            for bucket, by_name in sorted(printed.items())
        },
        "fields_exact_all": _rate(every_field),
        "invented_values": invented,
        "document_type": _rate(kinds),
        "card_side": _rate(sides),
        "provider_top1": round(provider_hits / in_catalog, 4) if in_catalog else None,
        "provider_in_catalog": in_catalog,
        "provider_right": provider_hits,
        "course_in_catalog": sum(1 for t in truths if t.course_id),
        "course_right": course_hits,
        "false_matches": false_matches,
        "seconds_per_document": round(sum(seconds) / len(seconds), 3) if seconds else None,
        "misses": misses,
    }


def _error(record: DocumentRecord) -> str | None:
    return record.error.code if record.error else None


def run_real_documents_bench(
    folder: Path = REAL_DOCUMENTS,
    workers: int = 2,
    only: list[str] | None = None,
    values: bool = False,
) -> dict[str, Any]:
    """The report; without ``values`` the misses say what went wrong but not the
    printed values, so a report kept in the repository holds none of the
    corpus's personal data (names, ids, dates)."""
    if not (folder / "ground_truth.jsonl").is_file():
        return {"missing": str(folder)}
    truths = load_real_truths(folder)
    if only:
        truths = [t for t in truths if any(t.name.startswith(p) for p in only)]
    started = time.perf_counter()
    records = run_documents(truths, folder, workers)
    report = score(truths, records)
    report["batches"] = {
        label: _batch_summary(score(part, records))
        for label, part in split_batches(truths).items()
        if part
    }
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    if not values:
        report["misses"] = {
            name: {what: {"outcome": _outcome(what, got)} for what, got in wrong.items()}
            for name, wrong in report["misses"].items()
        }
    return report


# The corpus's batches: the first was worked on, the one added later had never been
# seen when it arrived, and its figure is the honest measure of how the reader generalises.
BATCHES = {"001-049 (first batch)": range(1, 50), "050-117 (added later)": range(50, 118)}


def split_batches(truths: list[RealTruth]) -> dict[str, list[RealTruth]]:
    number = {t.name: int(t.name.split("-", 1)[0]) for t in truths}
    return {
        label: [t for t in truths if number[t.name] in numbers]
        for label, numbers in BATCHES.items()
    }


def _batch_summary(part: dict[str, Any]) -> dict[str, Any]:
    return {
        "documents": part["documents"],
        "fields_exact_printed": part["fields_exact_printed"]["all"]["_all"],
        "photo_fields": part["fields_exact_printed"].get("capture:photo", {}).get("_all"),
        "document_type": part["document_type"],
        "card_side": part["card_side"],
        "provider_right": part["provider_right"],
        "provider_in_catalog": part["provider_in_catalog"],
        "false_matches": len(part["false_matches"]),
    }


def _outcome(what: str, values: dict[str, Any]) -> str:
    """A miss in words: the kind, side and catalog id as read, a field's value not."""
    if what not in FIELD_NAMES:
        return f"{values['got'] or '—'} (true {values['true'] or '—'})"
    if values["got"] is None:
        return "not read"
    return "invented: nothing printed" if values["true"] is None else "read wrong"


def markdown(report: dict[str, Any]) -> str:
    if "missing" in report:
        return f"Not run: no corpus at `{report['missing']}`.\n"
    printed = report["fields_exact_printed"]
    buckets = ["all", *sorted(b for b in printed if b != "all")]
    lines = [
        f"{report['documents']} real certificates and cards (`shared/corpus/real-documents`), "
        "fields compared as its README says (case, spaces and punctuation folded; alternatives "
        "accepted).",
        "",
        f"- **Fields exact, printed fields: {_pct(printed['all']['_all'])}** "
        f"(all nine fields of every document, absent ones included: "
        f"{_pct(report['fields_exact_all'])}; values invented where nothing is printed: "
        f"{len(report['invented_values'])})",
        f"- Document type {_pct(report['document_type'])}, card side {_pct(report['card_side'])}",
        f"- Catalog provider top-1 {report['provider_right']} of {report['provider_in_catalog']} "
        f"({_pct(report['provider_top1'])}), false matches {len(report['false_matches'])}; "
        f"course {report['course_right']} of {report['course_in_catalog']}",
        f"- {report['seconds_per_document']} s per document",
        "",
        *_batch_table(report.get("batches", {})),
        "| field | " + " | ".join(b.replace(":", " ") for b in buckets) + " |",
        "|---|" + "---|" * len(buckets),
    ]
    names = sorted({n for b in buckets for n in printed[b]}, key=lambda n: (n == "_all", n))
    for name in names:
        label = "**all printed fields**" if name == "_all" else name
        cells = [_pct(printed[b].get(name)) for b in buckets]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if report["false_matches"]:
        lines += ["", "False catalog matches: " + "; ".join(report["false_matches"]) + "."]
    lines += ["", "<details><summary>Every miss</summary>", "", "| file | what | read | true |"]
    lines.append("|---|---|---|---|")
    for name, wrong in report["misses"].items():
        for what, values in wrong.items():
            if "outcome" in values:
                lines.append(f"| {name} | {what} | {_cell(values['outcome'])} | (not kept) |")
            else:
                got, true = _cell(values["got"]), _cell(values["true"])
                lines.append(f"| {name} | {what} | {got} | {true} |")
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _batch_table(batches: dict[str, dict[str, Any]]) -> list[str]:
    if not batches:
        return []
    lines = [
        "| batch | documents | printed fields | photos' fields | type | card side | "
        "provider top-1 | false matches |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, b in batches.items():
        lines.append(
            f"| {label} | {b['documents']} | {_pct(b['fields_exact_printed'])} | "
            f"{_pct(b['photo_fields'])} | {_pct(b['document_type'])} | {_pct(b['card_side'])} | "
            f"{b['provider_right']} of {b['provider_in_catalog']} | {b['false_matches']} |"
        )
    return [*lines, ""]


def _cell(value: Any) -> str:
    return "—" if value is None else str(value).replace("|", "\\|")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.real_documents")
    parser.add_argument("--files", nargs="*", help="file name prefixes, e.g. 001 017")
    parser.add_argument("--json", action="store_true", help="print the JSON report too")
    args = parser.parse_args()
    result = run_real_documents_bench(only=args.files, values=True)
    print(markdown(result))
    if args.json:
        print(json.dumps(result, indent=1, default=str))
