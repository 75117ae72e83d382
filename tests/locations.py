"""Where the tests find their files.

Third-party files (the hostile PDFs, the real certificates and cards) are read
in place from the shared corpus beside the project: they are not ours to copy.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
HOSTILE_DIR = SHARED_CORPUS / "third-party-pdfs"
REAL_DOCUMENTS = SHARED_CORPUS / "real-documents"
SAMPLES_DIR = ROOT / "samples"
