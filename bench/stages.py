"""Where a document's time goes: the pipeline's stages, timed by cProfile.

Each stage is the cumulative time of named functions, found in the profile by
their module file and name, so the table survives changes inside them; a
function that is gone counts 0. The stages do not nest in one another (the
recognition parts are shares of recognition, shown under it), so what they do
not cover is "other": the pipeline's own glue, page merging, reading order.

cProfile adds a cost to every Python call, so Python-heavy stages
(understanding, layout) look slower than they are, while time spent waiting
on tesseract is measured almost as is: compare with the un-profiled seconds.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bench.fields import AS_OF, Truth
from bench.timing import by_capture
from ingest.settings import Settings
from pipeline.run import process_file
from pipeline.understand import Catalog

# pstats' table: (file, line, function) -> (primitive calls, calls, own s, cumulative s, callers)
# and a caller's entry: (calls, primitive calls, own s, cumulative s).
FunctionKey = tuple[str, int, str]
ProfileStats = Mapping[FunctionKey, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Function:
    """A pipeline function, by the end of its file's path and its name. With
    ``callers``: only its calls made by functions of those names, looking
    through one wrapper between them (``read_image`` around ``ocr_words``)."""

    module: str
    name: str
    callers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    label: str
    adds: tuple[Function, ...]
    subtracts: tuple[Function, ...] = ()
    part_of: str = ""  # a share of that stage: shown under it, not added to the total


ORIENTATION = Function("extractors/ocr.py", "detect_orientation")
RECOGNITION = Function("extractors/ocr.py", "ocr_words")
STAGES = (
    Stage("triage", (Function("ingest/triage.py", "triage_file"),)),
    Stage("text layer", (Function("extractors/pdftext.py", "read_text_layer"),)),
    Stage("silent-ink check", (Function("extractors/overlay.py", "silent_share"),)),
    Stage(
        "page render/decode",
        (
            Function("extractors/reading.py", "render_for_ocr"),
            Function("ingest/images.py", "iter_image_frames"),
        ),
    ),
    Stage("orientation detection", (ORIENTATION,)),
    Stage(
        "preparation (orientation aside)",
        (
            Function("extractors/pageprep.py", "level_page"),
            Function("extractors/pageprep.py", "upright_page"),
            Function("extractors/pageprep.py", "half_turn"),
        ),
    ),
    Stage("recognition", (RECOGNITION,)),
    Stage(
        "read as it stands",
        (Function(RECOGNITION.module, RECOGNITION.name, ("read_oriented",)),),
        part_of="recognition",
    ),
    Stage(
        "read turned, and trial reads",
        (Function(RECOGNITION.module, RECOGNITION.name, ("read_upright",)),),
        part_of="recognition",
    ),
    Stage(
        "second-language read",
        (Function(RECOGNITION.module, RECOGNITION.name, ("_in_own_language",)),),
        part_of="recognition",
    ),
    Stage("understanding", (Function("pipeline/understand.py", "understand"),)),
)
CALLS = (("recognition calls", RECOGNITION), ("orientation calls", ORIENTATION))


@dataclass(frozen=True, slots=True)
class Profiled:
    """One document run under cProfile, reduced to numbers (no pstats objects to pickle)."""

    id: str
    capture: str
    status: str  # the record's: "ok", or "error" for a refused file
    seconds: float  # process_file's wall time under the profiler
    stages: dict[str, float]  # stage label -> seconds
    calls: dict[str, int]  # label in CALLS -> calls


def profile_document(doc: Truth, settings: Settings, catalog: Catalog | None) -> Profiled:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    record = profiler.runcall(
        process_file, doc.path, settings, catalog=catalog, as_of=AS_OF, source=doc.id
    )
    seconds = time.perf_counter() - started
    stats: ProfileStats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    return Profiled(
        id=doc.id,
        capture=doc.capture,
        status=record.status,
        seconds=round(seconds, 4),
        stages={stage.label: round(stage_seconds(stats, stage), 4) for stage in STAGES},
        calls={label: calls_of(stats, function) for label, function in CALLS},
    )


def stage_seconds(stats: ProfileStats, stage: Stage) -> float:
    added = sum(seconds_in(stats, f) for f in stage.adds)
    return max(0.0, added - sum(seconds_in(stats, f) for f in stage.subtracts))


def seconds_in(stats: ProfileStats, function: Function) -> float:
    total = 0.0
    for _, entry in _entries(stats, function):
        total += _from_callers(stats, entry[4], function.callers) if function.callers else entry[3]
    return total


def calls_of(stats: ProfileStats, function: Function) -> int:
    return sum(int(entry[1]) for _, entry in _entries(stats, function))


def _entries(stats: ProfileStats, function: Function) -> list[tuple[FunctionKey, tuple[Any, ...]]]:
    suffix = "/" + function.module
    return [
        (key, entry)
        for key, entry in stats.items()
        if key[2] == function.name and key[0].replace("\\", "/").endswith(suffix)
    ]


def _from_callers(
    stats: ProfileStats, callers: Mapping[FunctionKey, tuple[Any, ...]], names: tuple[str, ...]
) -> float:
    """Cumulative seconds of the calls made by functions named ``names``; a call
    made by a wrapper is shared out by the wrapper's own time from those callers."""
    total = 0.0
    for key, entry in callers.items():
        if key[2] in names:
            total += entry[3]
            continue
        wrapper = stats.get(key)
        if wrapper and wrapper[3] > 0:
            share = sum(e[3] for k, e in wrapper[4].items() if k[2] in names) / wrapper[3]
            total += entry[3] * min(share, 1.0)
    return total


def stage_table(profiles: list[Profiled]) -> dict[str, dict[str, Any]]:
    """Per capture (and "all"): mean seconds per document in each stage, in what
    no stage covers, in all, and calls per document."""
    table: dict[str, dict[str, Any]] = {}
    for capture, group in by_capture(profiles, lambda p: p.capture).items():
        count = len(group)
        stages = {s.label: round(sum(p.stages[s.label] for p in group) / count, 4) for s in STAGES}
        total = sum(p.seconds for p in group) / count
        covered = sum(seconds for label, seconds in stages.items() if not _is_part(label))
        table[capture] = {
            "documents": count,
            "profiled_s_per_doc": round(total, 4),
            "stages": stages,
            "other": round(max(0.0, total - covered), 4),
            "calls_per_doc": {
                label: round(sum(p.calls[label] for p in group) / count, 2) for label, _ in CALLS
            },
        }
    return table


def _is_part(label: str) -> bool:
    return any(s.part_of for s in STAGES if s.label == label)
