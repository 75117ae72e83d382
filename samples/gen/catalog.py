"""Read the sample approved-provider catalog so certificates agree with it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CatalogCourse:
    provider_id: str
    provider_name: str
    aliases: tuple[str, ...]
    course_id: str
    course_title: str
    ceus: float
    approval_year: int


def load_catalog(path: Path = SAMPLES / "catalog.csv") -> dict[str, CatalogCourse]:
    """Courses by course_id."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["course_id"]: CatalogCourse(
            provider_id=row["provider_id"],
            provider_name=row["provider_name"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
            course_id=row["course_id"],
            course_title=row["course_title"],
            ceus=float(row["ceus"]),
            approval_year=int(row["approval_year"]),
        )
        for row in rows
    }


def load_unapproved(path: Path = SAMPLES / "unapproved_providers.txt") -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
