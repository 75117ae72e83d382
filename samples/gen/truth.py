"""The truth record written next to every sample file."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from samples.gen.draw import Rendered
from samples.gen.model import AS_OF, DocTruth


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def truth_record(
    truth: DocTruth, rendered: Rendered, file_id: str, rel_file: str, capture: str, pages: int
) -> dict[str, Any]:
    """The JSON truth for one file; ``pages`` is how many pages the file shows."""
    catalog = None
    if truth.catalog is not None:
        catalog = {"provider_id": truth.catalog[0], "course_id": truth.catalog[1]}
    lines = [line for page in rendered.pages[:pages] for line in page]
    return {
        "id": file_id,
        "file": rel_file,
        "document_type": truth.document_type,
        "card_side": truth.card_side,
        "capture": capture,
        "design": truth.design,
        "pages": pages,
        "fields": {key: _json_value(value) for key, value in asdict(truth.fields).items()},
        "hands_on_skills": truth.hands_on_skills,
        "catalog": catalog,
        "flags_as_of": AS_OF.isoformat(),
        "expected_flags": list(truth.flags),
        "text": lines,
    }
