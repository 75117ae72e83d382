"""What every benchmark section is given, and where things are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS = SHARED_CORPUS / "third-party-pdfs"
REAL_DOCUMENTS = SHARED_CORPUS / "real-documents"


@dataclass(frozen=True, slots=True)
class BenchOptions:
    quick: bool = False  # a small subset, for a smoke run
    workers: int = 2  # processes at most: the machine has two cores
    samples: Path = SAMPLES  # the folder holding set/ and truth/
