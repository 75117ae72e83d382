"""Provider and course matching, measured: precision and recall over a cutoff sweep.

Cases are built from the catalog itself: every approved name and alias, the
same with simulated OCR noise, reworded forms ("The X, LLC"); and every
unapproved near-miss name (``unapproved_providers.txt`` beside the catalog)
with its noisy and reworded forms, which must not match. Several scorers are
compared so the choice of scorer is measured too. Run alone with
``python -m bench.matching [catalog.csv]``.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from matchers.catalog import Catalog, load_catalog
from matchers.courses import find_course
from matchers.names import match_person_name
from matchers.normalize import normalize_name
from matchers.phrases import field_phrases
from matchers.providers import rank_providers

PROVIDER_CUTOFFS = (70.0, 75.0, 80.0, 82.0, 85.0, 88.0, 90.0, 92.0, 95.0)
COURSE_CUTOFFS = (60.0, 70.0, 75.0, 80.0, 85.0, 88.0, 90.0, 92.0, 95.0)
NOISY_VARIANTS = 4
SEED = 20261124


@dataclass(frozen=True)
class Case:
    text: str
    expected: str | None  # provider id, or None when nothing may match
    kind: str


# --- case generation -------------------------------------------------------------------------

_SUBSTITUTIONS = (
    ("m", "rn"),
    ("l", "1"),
    ("O", "0"),
    ("o", "0"),
    ("i", "l"),
    ("e", "c"),
    ("S", "5"),
)


def ocr_noise(text: str, rng: random.Random, operations: int = 2) -> str:
    """Substitutions OCR makes (m->rn, l->1, O->0, e->c), dropped letters, stray spaces."""
    for _ in range(operations):
        kind = rng.choice(("substitute", "substitute", "drop", "space", "double_space"))
        if kind == "substitute":
            present = [(a, b) for a, b in _SUBSTITUTIONS if a in text]
            if present:
                a, b = rng.choice(present)
                spots = [i for i in range(len(text)) if text.startswith(a, i)]
                i = rng.choice(spots)
                text = text[:i] + b + text[i + len(a) :]
        elif kind == "drop":
            spots = [i for i in range(1, len(text)) if text[i].isalpha() and text[i - 1].isalpha()]
            if spots:
                i = rng.choice(spots)
                text = text[:i] + text[i + 1 :]
        elif kind == "space":
            spots = [i for i in range(2, len(text) - 2) if text[i - 1 : i + 2].isalpha()]
            if spots:
                i = rng.choice(spots)
                text = text[:i] + " " + text[i:]
        else:
            text = text.replace(" ", "  ", 1)
    return text


def reworded(name: str) -> list[str]:
    forms = [f"The {name}, LLC", f"{name}, Inc.", name.upper(), f"Provided by: {name}"]
    if " and " in name:
        forms.append(name.replace(" and ", " & "))
    for long, short in (("Saint ", "St. "), ("Institute", "Inst."), ("College", "Coll.")):
        if long in name:
            forms.append(name.replace(long, short))
    return forms


def provider_cases(catalog: Catalog, unapproved: list[str]) -> list[Case]:
    rng = random.Random(SEED)
    cases: list[Case] = []
    for provider in catalog.providers:
        pid = provider.provider_id
        for form in (provider.name, *provider.aliases):
            cases.append(Case(form, pid, "approved"))
            if len(form.split()) > 1:
                cases += [
                    Case(ocr_noise(form, rng, 1 + i % 3), pid, "approved, OCR noise")
                    for i in range(NOISY_VARIANTS)
                ]
        cases += [Case(form, pid, "approved, reworded") for form in reworded(provider.name)]
    for name in unapproved:
        cases.append(Case(name, None, "near-miss"))
        cases += [
            Case(ocr_noise(name, rng, 1 + i % 3), None, "near-miss, OCR noise")
            for i in range(NOISY_VARIANTS)
        ]
        cases += [Case(form, None, "near-miss, reworded") for form in reworded(name)]
    return cases


def read_unapproved(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# --- scorers ---------------------------------------------------------------------------------

Scorer = Callable[[Catalog, str], tuple[str | None, float]]


def word_alignment(catalog: Catalog, text: str) -> tuple[str | None, float]:
    ranked = rank_providers(catalog, field_phrases(text))
    return (ranked[0].provider.provider_id, ranked[0].score) if ranked else (None, 0.0)


def rapidfuzz_scorer(function: Callable[..., float]) -> Scorer:
    def score(catalog: Catalog, text: str) -> tuple[str | None, float]:
        query = normalize_name(text)
        best: tuple[str | None, float] = (None, 0.0)
        for provider in catalog.providers:
            for form in (provider.name, *provider.aliases):
                value = function(query, normalize_name(form))
                if value > best[1]:
                    best = (provider.provider_id, value)
        return best

    return score


SCORERS: dict[str, Scorer] = {
    "word alignment (chosen)": word_alignment,
    "rapidfuzz ratio": rapidfuzz_scorer(fuzz.ratio),
    "rapidfuzz token_sort_ratio": rapidfuzz_scorer(fuzz.token_sort_ratio),
    "rapidfuzz token_set_ratio": rapidfuzz_scorer(fuzz.token_set_ratio),
    "rapidfuzz WRatio": rapidfuzz_scorer(fuzz.WRatio),
}


# --- measuring -------------------------------------------------------------------------------


def sweep(
    results: list[tuple[Case, str | None, float]], cutoffs: tuple[float, ...]
) -> list[dict[str, Any]]:
    rows = []
    positives = sum(1 for case, _p, _s in results if case.expected is not None)
    for cutoff in cutoffs:
        tp = fp = near_miss = 0
        for case, predicted, score in results:
            if score < cutoff or predicted is None:
                continue
            if predicted == case.expected:
                tp += 1
            else:
                fp += 1
                near_miss += case.expected is None
        rows.append(
            {
                "cutoff": cutoff,
                "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
                "recall": round(tp / positives, 4) if positives else 0.0,
                "false_matches": fp,
                "near_miss_false_matches": near_miss,
            }
        )
    return rows


def bench_providers(catalog: Catalog, cases: list[Case]) -> dict[str, Any]:
    by_scorer: dict[str, Any] = {}
    for name, scorer in SCORERS.items():
        started = time.perf_counter()
        results = [(case, *scorer(catalog, case.text)) for case in cases]
        elapsed_ms = 1000 * (time.perf_counter() - started) / len(cases)
        by_scorer[name] = {
            "ms_per_case": round(elapsed_ms, 3),
            "sweep": sweep(results, PROVIDER_CUTOFFS),
        }
        if name.endswith("(chosen)"):
            by_scorer[name]["closest_near_miss"] = max(
                ((s, c.text) for c, _p, s in results if c.expected is None), default=(0.0, "")
            )
            by_scorer[name]["weakest_approved"] = min(
                ((s if p == c.expected else 0.0, c.text) for c, p, s in results if c.expected),
                default=(0.0, ""),
            )
    return by_scorer


def course_cases(catalog: Catalog) -> list[tuple[str, str, str | None, str]]:
    """(provider id, title text, expected course id or None, kind)."""
    rng = random.Random(SEED + 1)
    cases: list[tuple[str, str, str | None, str]] = []
    for provider in catalog.providers:
        for course in provider.courses:
            pid, cid, title = provider.provider_id, course.course_id, course.title
            cases.append((pid, title, cid, "title"))
            cases.append((pid, f"Course Title: {title.upper()}", cid, "title, reworded"))
            cases += [
                (pid, ocr_noise(title, rng, 1 + i % 3), cid, "title, OCR noise")
                for i in range(NOISY_VARIANTS)
            ]
            cases += [(pid, text, None, "different course") for text in different_courses(title)]
        for other in catalog.providers:
            if other is not provider:
                cases += [
                    (provider.provider_id, c.title, None, "other provider's title")
                    for c in other.courses
                ]
    return cases


def different_courses(title: str) -> list[str]:
    """Titles of courses that are not the approved one: another level, an advanced version."""
    others = [
        f"{title} Level 2",
        f"Advanced {title}" if not title.startswith("Advanced") else title[9:],
    ]
    if any(ch.isdigit() for ch in title):
        others.append(title.translate(str.maketrans("1260", "2371")))
    return others


def bench_courses(catalog: Catalog) -> list[dict[str, Any]]:
    cases = course_cases(catalog)
    scored = []
    for pid, text, expected, _kind in cases:
        provider = catalog.provider(pid)
        assert provider is not None
        found = find_course(
            provider, course_text=text, course_code=None, full_text="", cutoff=101.0
        )
        scored.append(
            (expected, found.course.course_id if found else None, found.score if found else 0.0)
        )
    rows = []
    positives = sum(1 for e, _c, _s in scored if e)
    negatives = len(scored) - positives
    for cutoff in COURSE_CUTOFFS:
        right = sum(1 for e, c, s in scored if e and s >= cutoff and c == e)
        wrong = sum(1 for e, c, s in scored if s >= cutoff and c != e)
        rejected = sum(1 for e, _c, s in scored if not e and s < cutoff)
        rows.append(
            {
                "cutoff": cutoff,
                "accuracy": round((right + rejected) / len(scored), 4),
                "recall": round(right / positives, 4),
                "false_matches": wrong,
                "negatives_rejected": f"{rejected}/{negatives}",
            }
        )
    return rows


# (trainer's name, holder printed on the document, same person?)
NAME_PAIRS: tuple[tuple[str, str, bool], ...] = (
    ("Dana Lee", "Dana Lee", True),
    ("Dana Lee", "Lee, Dana", True),
    ("Dana Lee", "LEE DANA", True),
    ("Dana Lee", "Dana Lee, NASM-CPT", True),
    ("Dana Lee", "Dana Lec", True),
    ("Dana Lee", "D. Lee", True),
    ("Dana Marie Lee", "Dana Lee", True),
    ("Dana M. Lee", "Dana Marie Lee", True),
    ("José Núñez", "Jose Nunez", True),
    ("Ana García-López", "Ana Garcia", True),
    ("Ana Garcia Lopez", "Ana Lopez", True),
    ("Ana Garcia-Lopez", "Ana Garcia Lopez", True),
    ("Robert Smith Jr.", "Robert Smith", True),
    ("Robert Smith", "Bob Smith", True),
    ("William Hart III", "Bill Hart", True),
    ("Elizabeth Jones", "Liz Jones", True),
    ("Katherine Olsen", "Kate Olsen", True),
    ("Katherine Olsen", "Katherlne 0lsen", True),
    ("Katherine Olsen", "Katherne Olsen", True),
    ("Samuel Ortiz", "Sam Ortiz", True),
    ("Michael O'Brien", "Michael OBrien", True),
    ("Jonathan Pike", "Jonathan Pikc", True),
    ("Dana Lee", "Dana Leung", False),
    ("Maria Garcia", "Mario Garcia", False),
    ("Dana Lee", "Dan Lee", False),
    ("Dana M. Lee", "Dana K. Lee", False),
    ("Maria Smith", "Maria Jones", False),
    ("Dana Lee", "Chris Lee", False),
    ("Dana Lee", "Dana", False),
    ("Christina Lopez", "Christian Lopez", False),
    ("Brendan Hale", "Brennan Hale", False),
    ("Alan Park", "Allan Parks", False),
    ("John Carter", "Joan Carter", False),
    ("Sara Kim", "Sarah Kimball", False),
)
NAME_CUTOFFS = (75.0, 80.0, 82.0, 85.0, 88.0, 90.0, 92.0, 95.0)


def bench_names() -> list[dict[str, Any]]:
    scored = [(match_person_name(e, f).score, same) for e, f, same in NAME_PAIRS]
    rows = []
    for cutoff in NAME_CUTOFFS:
        tp = sum(1 for s, same in scored if same and s >= cutoff)
        fp = sum(1 for s, same in scored if not same and s >= cutoff)
        positives = sum(1 for _s, same in scored if same)
        rows.append(
            {
                "cutoff": cutoff,
                "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
                "recall": round(tp / positives, 4),
                "false_matches": fp,
            }
        )
    return rows


def run_matching_bench(catalog_path: Path, unapproved_path: Path | None = None) -> dict[str, Any]:
    """Measure provider matching (scorers x cutoffs) and course matching; print the tables."""
    catalog = load_catalog(catalog_path).catalog
    unapproved = read_unapproved(
        unapproved_path or catalog_path.parent / "unapproved_providers.txt"
    )
    cases = provider_cases(catalog, unapproved)
    counts: dict[str, int] = {}
    for case in cases:
        counts[case.kind] = counts.get(case.kind, 0) + 1
    result = {
        "cases": counts,
        "providers": bench_providers(catalog, cases),
        "courses": bench_courses(catalog),
        "names": bench_names(),
    }
    print(markdown(result))
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "## Provider matching",
        "",
        "cases: " + ", ".join(f"{k} {v}" for k, v in result["cases"].items()),
        "",
    ]
    lines += ["| scorer | cutoff | precision | recall | false matches | near-miss false matches |"]
    lines += ["|---|---:|---:|---:|---:|---:|"]
    for name, figures in result["providers"].items():
        for row in figures["sweep"]:
            lines.append(
                f"| {name} | {row['cutoff']:g} | {row['precision']:.3f} | {row['recall']:.3f} | "
                f"{row['false_matches']} | {row['near_miss_false_matches']} |"
            )
    chosen = result["providers"]["word alignment (chosen)"]
    lines += [
        "",
        f"closest near-miss: {chosen['closest_near_miss']}; "
        f"weakest approved: {chosen['weakest_approved']}",
    ]
    lines += ["", "## Course matching (provider known)", ""]
    lines += [
        "| cutoff | accuracy | recall | false matches | other and different titles rejected |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in result["courses"]:
        lines.append(
            f"| {row['cutoff']:g} | {row['accuracy']:.3f} | {row['recall']:.3f} | "
            f"{row['false_matches']} | {row['negatives_rejected']} |"
        )
    lines += ["", f"## Holder names ({len(NAME_PAIRS)} pairs)", ""]
    lines += ["| cutoff | precision | recall | false matches |", "|---:|---:|---:|---:|"]
    for row in result["names"]:
        lines.append(
            f"| {row['cutoff']:g} | {row['precision']:.3f} | {row['recall']:.3f} | "
            f"{row['false_matches']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    run_matching_bench(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/catalog.csv"))
