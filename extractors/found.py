"""A field's value with the evidence a reviewer needs: where, how sure, why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from extractors.textindex import Located

FieldValue = str | float | dt.date


@dataclass(frozen=True, slots=True)
class Found:
    value: FieldValue
    confidence: float  # 0..1: rule strength x OCR confidence
    located: Located | None
    reason: str

    def weakened(self, factor: float, why: str) -> Found:
        return replace(self, confidence=self.confidence * factor, reason=f"{self.reason}; {why}")


def found(value: FieldValue, located: Located | None, strength: float, reason: str) -> Found:
    ocr = located.confidence if located is not None else 1.0
    ocr_factor = min(1.0, 0.5 + ocr / 1.8)  # 90% OCR confidence keeps the rule's strength
    return Found(value, round(strength * ocr_factor, 3), located, reason)
