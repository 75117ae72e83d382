"""Authenticity: tampered copies flagged, untouched originals left alone.

The tamper set is made at run time from the real documents (read in place)
and the generated samples, and lives in a temporary folder only. Kinds:

- ``edit_in_place_incremental``: a printed id's or date's digits rewritten in
  the page's own text, appended as an incremental update;
- ``white_out_incremental``: a white box over an id or date with other
  digits typed on it, as an incremental update;
- ``white_out_resaved``: the same, saved as a whole new file;
- ``digits_as_picture``: a picture of other digits over an id or date, the
  text layer left as it was, saved as a whole new file;
- ``qr_replaced``: the first link code replaced by one from another
  certificate of the issuer (``bench/codes_tamper.py``); these copies, and the
  originals that carry a code, go through the whole pipeline (the check needs
  the printed id and the matched issuer);
- ``reused_by_two_trainers`` and ``reused_name_swapped``: one certificate
  uploaded by a second trainer as it is, and by a third as a picture with
  another name over the holder's (``bench/reuse.py``), on every third
  original, through the worker's persist step into a scratch store. Originals
  flagged for reuse with a different original count as false flags.

Untouched originals (every PDF and image of both sets) give the false flags,
each listed with its finding so it can be explained.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import reuse
from bench.codes_tamper import replace_code
from bench.options import REAL_DOCUMENTS, BenchOptions
from bench.tamper import (
    digits_as_picture,
    edit_in_place,
    white_out_incremental,
    white_out_resaved,
)
from checks.authenticity import file_findings
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from pipeline.run import process_file

TYPED = "2099"
KINDS: dict[str, Callable[[bytes], bytes | None]] = {
    "edit_in_place_incremental": edit_in_place,
    "white_out_incremental": lambda data: white_out_incremental(data, TYPED),
    "white_out_resaved": lambda data: white_out_resaved(data, TYPED),
    "digits_as_picture": digits_as_picture,
}
_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".heic"}


def originals(options: BenchOptions) -> list[Path]:
    folders = [REAL_DOCUMENTS / "files", options.samples / "set"]
    files = [p for f in folders if f.is_dir() for p in sorted(f.iterdir())]
    files = [p for p in files if p.suffix.lower() in _SUFFIXES]
    return files[::8] if options.quick else files


def run(options: BenchOptions) -> dict[str, Any]:
    files = originals(options)
    settings = Settings()
    false_flags = []
    for path in files:
        findings = file_findings(path, settings, is_image=path.suffix.lower() != ".pdf")
        if findings:
            false_flags.append({"file": path.name, "findings": [f.message for f in findings]})
    kinds = {
        name: _tampered(make, [p for p in files if p.suffix.lower() == ".pdf"], settings)
        for name, make in KINDS.items()
    }
    kinds["qr_replaced"], code_false_flags = _codes(files, settings)
    false_flags += code_false_flags
    reused = reuse.run(files[::3], REAL_DOCUMENTS / "catalog.csv", options.workers)
    kinds.update(reused["kinds"])
    false_flags += [
        {"file": f["file"], "findings": [f"reuse with {f['with']}: {', '.join(f['codes'])}"]}
        for f in reused["false_flags"]
    ]
    made = sum(k["made"] for k in kinds.values())
    flagged = sum(k["flagged"] for k in kinds.values())
    return {
        "originals": len(files),
        "false_flags": false_flags,
        "false_flag_rate": round(len(false_flags) / max(len(files), 1), 4),
        "kinds": kinds,
        "tampered": made,
        "tampered_flagged": flagged,
        "detection_rate": round(flagged / max(made, 1), 4),
        "reuse_read": reused["read"],
        "same_sample_captures": reused["same_sample_captures"],
    }


def _tampered(
    make: Callable[[bytes], bytes | None], pdfs: list[Path], settings: Settings
) -> dict[str, Any]:
    made, flagged, missed, not_made = 0, 0, [], 0
    with tempfile.TemporaryDirectory(prefix="certverify-tamper-") as folder:
        for path in pdfs:
            tampered = make(path.read_bytes())
            if tampered is None:
                not_made += 1  # nothing to edit this way (no literal digits drawn)
                continue
            copy = Path(folder) / path.name
            copy.write_bytes(tampered)
            made += 1
            if file_findings(copy, settings, is_image=False):
                flagged += 1
            else:
                missed.append(path.name)
    rate = round(flagged / max(made, 1), 4)
    return {
        "made": made,
        "flagged": flagged,
        "rate": rate,
        "missed": missed,
        "not_applicable": not_made,
    }


def _codes(files: list[Path], settings: Settings) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Replaced codes flagged; originals with a code flagged (false flags)."""
    catalog = load_catalog(REAL_DOCUMENTS / "catalog.csv").catalog
    made, flagged, missed, not_made, false_flags = 0, 0, [], 0, []
    with tempfile.TemporaryDirectory(prefix="certverify-tamper-") as folder:
        for path in files:
            tampered = replace_code(path, settings)
            if tampered is None:
                not_made += 1
                continue
            original = _findings(path, settings, catalog)
            if original:
                false_flags.append({"file": path.name, "findings": original})
            copy = Path(folder) / path.name
            copy.write_bytes(tampered)
            made += 1
            if _findings(copy, settings, catalog):
                flagged += 1
            else:
                missed.append(path.name)
    rate = round(flagged / max(made, 1), 4)
    kind = {
        "made": made,
        "flagged": flagged,
        "rate": rate,
        "missed": missed,
        "not_applicable": not_made,
    }
    return kind, false_flags


def _findings(path: Path, settings: Settings, catalog: Catalog) -> list[str]:
    record = process_file(path, settings, catalog=catalog)
    return [f.message for f in record.authenticity]


def markdown(data: dict[str, Any]) -> str:
    lines = [
        f"Tampered copies flagged: **{data['tampered_flagged']}/{data['tampered']}** "
        f"({data['detection_rate']:.1%}); untouched originals flagged: "
        f"**{len(data['false_flags'])}/{data['originals']}** ({data['false_flag_rate']:.1%}).",
        "",
        "| kind of tampering | made | flagged | rate | not applicable |",
        "|---|---|---|---|---|",
    ]
    for name, kind in data["kinds"].items():
        lines.append(
            f"| {name} | {kind['made']} | {kind['flagged']} | {kind['rate']:.1%} "
            f"| {kind['not_applicable']} |"
        )
    for name, kind in data["kinds"].items():
        if kind["missed"]:
            lines.append(f"\nMissed ({name}): {', '.join(kind['missed'])}")
    if "reuse_read" in data:
        lines.append(
            f"\nReuse across trainers: {data['reuse_read']} originals (every third) uploaded by "
            "trainers of their own, then again by a second trainer as they are and by a third "
            "with another name painted over the holder's; flagged when both uploads name the other."
        )
    for pair in data.get("same_sample_captures", []):
        lines.append(
            f"\nOne sample in two captures, flagged as reuse (rightly): {pair['file']} "
            f"with {pair['with']} ({', '.join(pair['codes'])})"
        )
    for flag in data["false_flags"]:
        lines.append(f"\nFalse flag: {flag['file']}: {'; '.join(flag['findings'])}")
    return "\n".join(lines) + "\n"
