"""The documented shape of identifiers that people and other systems choose.

A trainer id comes from outside (an admin, the NASM record): letters and
digits, with ``.``, ``_`` and ``-`` inside, at most 64 characters (the width
of ``trainers.id``). No spaces, control characters or empty ids: they would
only ever be typing mistakes, and an empty one used to reach the database.
"""

from __future__ import annotations

import re

from ingest.errors import InvalidRequest

TRAINER_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
TRAINER_ID_DESCRIPTION = (
    "A trainer id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit "
    "(e.g. T-1001)."
)
_TRAINER_ID = re.compile(TRAINER_ID_PATTERN)


def check_trainer_id(value: str) -> str:
    """The id unchanged, or ``InvalidRequest`` saying what a trainer id looks like."""
    if not _TRAINER_ID.fullmatch(value):
        raise InvalidRequest(f"{value!r} is not a trainer id. {TRAINER_ID_DESCRIPTION}")
    return value
