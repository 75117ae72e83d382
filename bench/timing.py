"""Seconds per document summed up the way the speed targets are stated.

The issue asks for the mean (to compare with bare tesseract) and for the median
and the 95th percentile (what a trainer waits for, and the slow tail).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

T = TypeVar("T")
CAPTURES = ("digital", "scan_clean", "scan_degraded", "photo", "rotated")


@dataclass(frozen=True, slots=True)
class Spread:
    """Seconds per document over a group of documents."""

    documents: int
    mean: float
    p50: float
    p95: float

    def as_json(self) -> dict[str, float | int]:
        return {"documents": self.documents, "mean": self.mean, "p50": self.p50, "p95": self.p95}


def spread(seconds: Sequence[float]) -> Spread | None:
    """Mean, median and 95th percentile (linear between ranks); None for no documents."""
    if not seconds:
        return None
    values = np.asarray(seconds, dtype=np.float64)
    return Spread(
        documents=len(seconds),
        mean=round(float(values.mean()), 3),
        p50=round(float(np.percentile(values, 50)), 3),
        p95=round(float(np.percentile(values, 95)), 3),
    )


def by_capture(items: Iterable[T], capture_of: Callable[[T], str]) -> dict[str, list[T]]:
    """Items grouped by capture: the issue's captures first, then any other, then "all"."""
    grouped: dict[str, list[T]] = defaultdict(list)
    every: list[T] = []
    for item in items:
        grouped[capture_of(item)].append(item)
        every.append(item)
    names = [c for c in CAPTURES if c in grouped] + sorted(c for c in grouped if c not in CAPTURES)
    ordered = {name: grouped[name] for name in names}
    if every:
        ordered["all"] = every
    return ordered


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def num(value: float | None, digits: int = 2) -> str:
    """A table cell: fixed decimals, "n/a" for a missing value."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    """A share as a percentage cell, "n/a" for a missing value."""
    return "n/a" if value is None else f"{100 * value:.1f}%"
