"""The samples' truths read by the product's rules where a test needs a derived value."""

from __future__ import annotations

from typing import Any

NASM_CEUS_PER_CONTACT_HOUR = 0.1  # the domain's rule, as the settings' default


def nasm_ceus(fields: dict[str, Any]) -> float | None:
    """A certificate's NASM CEUs: as printed, else its printed contact hours converted
    (truths hold what the page prints; the entry converts hours)."""
    if fields["ceus"] is not None:
        return float(fields["ceus"])
    if fields["contact_hours"] is not None:
        return round(fields["contact_hours"] * NASM_CEUS_PER_CONTACT_HOUR, 2)
    return None
