"""Look-alike issuers, read end to end: certificates from providers the catalog does not
list whose names are made from an approved one the ways real look-alikes are, and the
approved names themselves as the control. Each approved name of the sample catalog is
turned into look-alikes by rules, not by a list: a body of people after it ("...
Professionals"), an organisation word swapped ("Academy" for "Institute"), a field and
an organisation word after it ("... Fitness Club"), a connecting word changed with a
body of people after ("... Council of Exercise Professionals"), a country or reach
before it ("American ...", "International ..."); the near-miss names of
``unapproved_providers.txt`` are added as they are. Every name is printed on a made-up
certificate in three places a certificate names its issuer (the head of the page, the
sentence "offered by ...", the foot of the page) and read through the whole
understanding step with the sample catalog. A look-alike matched to an approved provider
is a false match; an approved name not matched is a miss. Run alone with ``python -m
bench.lookalikes``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from bench.options import SAMPLES, BenchOptions
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from pipeline.understand import understand
from tests.text_pages import Row, page_document

_ORG_SWAPS = {
    "academy": "Institute",
    "institute": "Academy",
    "association": "Council",
    "council": "Association",
    "college": "School",
    "lab": "Studio",
    "collective": "Network",
}
_REACH = ("American", "International")


def _body_of_people(name: str) -> str | None:
    return f"{name} Professionals"


def _org_word_swapped(name: str) -> str | None:
    words = name.split()
    for i in range(len(words) - 1, -1, -1):
        swap = _ORG_SWAPS.get(words[i].casefold())
        if swap is not None:
            return " ".join([*words[:i], swap, *words[i + 1 :]])
    return None


def _field_and_org_after(name: str) -> str | None:
    return f"{name} Fitness Club"


def _connector_changed_and_body(name: str) -> str | None:
    """'American Council on Exercise' -> 'American Council of Exercise Professionals'
    (a connecting word alone changed is the same name, as OCR and wording vary)."""
    swaps = {"on": "of", "of": "for", "for": "of"}
    changed = re.sub(r"\b(on|of|for)\b", lambda m: swaps[m[1]], name)
    return f"{changed} Professionals" if changed != name else None


def _reach_before(name: str) -> str | None:
    first = name.split()[0]
    reach = next((r for r in _REACH if r != first), None)
    return f"{reach} {name}" if reach else None


RULES: dict[str, Callable[[str], str | None]] = {
    "body of people after": _body_of_people,
    "organisation word swapped": _org_word_swapped,
    "field and organisation word after": _field_and_org_after,
    "connecting word changed, a body of people after": _connector_changed_and_body,
    "reach before": _reach_before,
}


def pages(issuer: str) -> dict[str, list[Row]]:
    body: list[Row] = [
        ("Certificate of Completion", 2.0),
        "This certifies that",
        ("Jordan Avery", 1.6),
        "has successfully completed",
        ("Functional Core Conditioning", 1.3),
        "Date: 04/12/2025 || Contact hours: 4",
    ]
    return {
        "head of the page": [(issuer, 1.4), *body],
        "offered by": [*body[:5], f"offered by {issuer}", *body[5:]],
        "foot of the page": [*body, issuer],
    }


def matched(catalog: Catalog, rows: list[Row]) -> str | None:
    document = page_document(rows, width=792.0, height=612.0)
    record = understand(document, Settings(), catalog=catalog, as_of=dt.date(2026, 1, 1))
    return record.match.provider_id if record.match is not None else None


def _approved_names(catalog: Catalog) -> list[str]:
    return sorted({p.name for p in catalog.providers})


def _look_alikes(catalog: Catalog) -> list[tuple[str, str]]:
    approved = {n.casefold() for p in catalog.providers for n in (p.name, *p.aliases)}
    made = [
        (rule, alike)
        for name in _approved_names(catalog)
        for rule, make in RULES.items()
        if (alike := make(name)) is not None and alike.casefold() not in approved
    ]
    listed = SAMPLES / "unapproved_providers.txt"
    near = [line.strip() for line in listed.read_text().splitlines()]
    made += [("near-miss names listed", n) for n in near if n and not n.startswith("#")]
    return made


def run(options: BenchOptions) -> dict[str, Any]:
    catalog = load_catalog(SAMPLES / "catalog.csv").catalog
    alikes = _look_alikes(catalog)[: 12 if options.quick else None]
    by_rule: dict[str, dict[str, int]] = {}
    false_matches: list[str] = []
    for rule, name in alikes:
        for place, rows in pages(name).items():
            counts = by_rule.setdefault(rule, {"pages": 0, "false_matches": 0})
            counts["pages"] += 1
            provider_id = matched(catalog, rows)
            if provider_id is not None:
                counts["false_matches"] += 1
                false_matches.append(f"{name} ({place}) -> {provider_id}")
    approved = _approved_names(catalog)[: 4 if options.quick else None]
    controls = [
        (n, place, matched(catalog, rows)) for n in approved for place, rows in pages(n).items()
    ]
    found = sum(provider_id is not None for _n, _p, provider_id in controls)
    return {
        "by_rule": by_rule,
        "false_matches": false_matches,
        "look_alike_pages": sum(c["pages"] for c in by_rule.values()),
        "control_pages": len(controls),
        "controls_matched": found,
        "controls_missed": [f"{n} ({p})" for n, p, provider_id in controls if provider_id is None],
    }


def markdown(data: dict[str, Any]) -> str:
    pages = data["look_alike_pages"]
    wrong = len(data["false_matches"])
    lines = [
        f"Look-alike issuers matched to an approved provider: **{wrong} of {pages} pages "
        f"({100 * wrong / max(pages, 1):.1f}%)**; approved names matched: "
        f"{data['controls_matched']} of {data['control_pages']} pages.",
        "",
        "| how the look-alike is made | pages | false matches |",
        "|---|---:|---:|",
    ]
    for rule, counts in data["by_rule"].items():
        lines.append(f"| {rule} | {counts['pages']} | {counts['false_matches']} |")
    if data["false_matches"]:
        lines += ["", "False matches: " + "; ".join(data["false_matches"])]
    if data["controls_missed"]:
        lines += ["", "Approved names not matched: " + "; ".join(data["controls_missed"])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(run(BenchOptions(quick=False, workers=1, samples=SAMPLES))))
