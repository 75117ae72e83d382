"""Holder names on documents checked against the trainer's name.

The matching itself is ``matchers.names.match_person_name`` (nicknames,
initials, order, other names such as a maiden name); this module only turns
its answer into the rules' terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.model import TrainerProfile
from ingest.settings import Settings
from matchers.names import match_person_name


@dataclass(frozen=True, slots=True)
class NameCheck:
    found: str | None
    matched: bool | None  # None when the document shows no readable name
    score: float
    reason: str


def check_holder(profile: TrainerProfile, found: str | None, settings: Settings) -> NameCheck:
    if not found or not found.strip():
        return NameCheck(found=found, matched=None, score=0.0, reason="no holder name was read")
    result = match_person_name(
        profile.name, found, profile.other_names, cutoff=settings.holder_match_cutoff
    )
    return NameCheck(
        found=found, matched=bool(result.matched), score=float(result.score), reason=result.reason
    )
