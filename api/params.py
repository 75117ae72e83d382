"""Parameters shared by the routes, constrained in the OpenAPI schema as they are checked.

Dates are ISO dates only (pydantic would otherwise take numbers as Unix
times: ``as_of=-1e-148`` meant 1970-01-01); trainer ids have one documented
shape; offsets and limits are bounded so no value reaches the database that
its integers cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator

from ingest.ids import TRAINER_ID_DESCRIPTION, TRAINER_ID_PATTERN

MAX_OFFSET = 1_000_000
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # cycle arithmetic stays in range
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Strings of the form YYYY-MM-DD (or dates) only; pydantic checks the calendar."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


def _plausible(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"a date between {EARLIEST} and {LATEST}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only), AfterValidator(_plausible)]
TrainerIdPath = Annotated[
    str, Path(pattern=TRAINER_ID_PATTERN, max_length=64, description=TRAINER_ID_DESCRIPTION)
]
TrainerIdQuery = Annotated[
    str | None,
    Query(pattern=TRAINER_ID_PATTERN, max_length=64, description=TRAINER_ID_DESCRIPTION),
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
