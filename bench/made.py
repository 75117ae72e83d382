"""Captures made at run time from the digital samples, in sizes the sample set
does not hold: a 150 DPI worn scan, phone photos of the page at 200 and 300 DPI,
the page fed in a quarter turn (200 DPI) and upside down (300 DPI).

The sample set's scans and photos were drawn once, at sizes of their own; these
come from other layouts' pages each run, so reading speed and errors are also
measured on captures nobody tuned for. The truth is the digital sample's text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from bench import captures
from ingest.images import render_pdf_page
from ingest.settings import Settings

EVERY = 3  # one digital sample in three: 16 pages, 80 captures
QUICK_PAGES = 1

MAKERS: dict[str, Callable[[Image.Image, Image.Image, int], Image.Image]] = {
    "scan 150 DPI": lambda page, _, seed: captures.degraded_scan(page, seed=seed),
    "photo 200 DPI": lambda _, smaller, seed: captures.phone_photo(smaller, seed=seed),
    "photo 300 DPI": lambda page, _, seed: captures.phone_photo(page, seed=seed),
    "quarter turn 200 DPI": lambda _, smaller, seed: captures.rotated(smaller, 1),
    "half turn 300 DPI": lambda page, _, seed: captures.rotated(page, 2, skew_degrees=-1.0),
}


@dataclass(frozen=True, slots=True)
class Made:
    id: str
    capture: str
    path: Path
    truth: str


def made_captures(samples: Path, folder: Path, quick: bool) -> list[Made]:
    """Every capture of every chosen digital sample's first page, saved in ``folder``."""
    settings = Settings(data_dir=folder / "data")
    made: list[Made] = []
    for seed, (stem, source, truth) in enumerate(_digital_pages(samples, quick)):
        page = render_pdf_page(source, 0, settings, dpi=300).convert("RGB")
        smaller = page.resize((page.width * 2 // 3, page.height * 2 // 3))
        for capture, make in MAKERS.items():
            path = folder / f"{stem}-{capture.replace(' ', '-')}.png"
            make(page, smaller, seed).save(path)
            made.append(Made(path.stem, capture, path, truth))
    return made


def _digital_pages(samples: Path, quick: bool) -> list[tuple[str, Path, str]]:
    chosen = []
    for truth_path in sorted((samples / "truth").glob("*.json")):
        data = json.loads(truth_path.read_text())
        if data.get("capture") == "digital" and (samples / data["file"]).exists():
            chosen.append((truth_path.stem, samples / data["file"], "\n".join(data["text"])))
    return chosen[::EVERY][: QUICK_PAGES if quick else None]
