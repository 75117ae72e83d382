"""Pieces shared by the CPR/AED card faces."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from samples.gen.draw import Sheet
from samples.gen.model import CardData, Fields

CARD_W = 243.0  # 3.375 in
CARD_H = 153.0  # 2.125 in


@dataclass(frozen=True)
class Face:
    """What one drawn card face prints, for the truth of a file showing it."""

    fields: Fields
    shows_dates: bool
    shows_course: bool
    states_online: bool
    states_skills: bool


FaceDrawer = Callable[[Sheet, CardData], Face]


def front_face(d: CardData, issuer: str, *, online: bool | None = None) -> Face:
    """A card front that prints the holder, course, dates and code, and says how it was taught."""
    fields = Fields(
        holder_name=d.holder,
        provider_name=issuer,
        course_title=d.course,
        completion_date=d.completed,
        expiry_date=d.expiry,
        certificate_id=d.code,
    )
    return Face(fields, True, True, d.online_only if online is None else online, True)


def qr_block(s: Sheet, x: float, top: float, size: float, seed: int, modules: int = 25) -> None:
    """A QR-like block pattern with three finder squares (not a decodable code)."""
    rng = random.Random(seed)
    cell = size / modules
    s.rect(x - cell, top - cell, size + 2 * cell, size + 2 * cell, stroke=None, fill="#ffffff")
    finders = ((0, 0), (modules - 7, 0), (0, modules - 7))
    for row in range(modules):
        for col in range(modules):
            in_finder = any(fx <= col < fx + 7 and fy <= row < fy + 7 for fx, fy in finders)
            if not in_finder and rng.random() < 0.5:
                s.rect(x + col * cell, top + row * cell, cell, cell, stroke=None, fill="#000000")
    for fx, fy in finders:
        s.rect(x + fx * cell, top + fy * cell, 7 * cell, 7 * cell, stroke=None, fill="#000000")
        s.rect(
            x + (fx + 1) * cell,
            top + (fy + 1) * cell,
            5 * cell,
            5 * cell,
            stroke=None,
            fill="#ffffff",
        )
        s.rect(
            x + (fx + 2) * cell,
            top + (fy + 2) * cell,
            3 * cell,
            3 * cell,
            stroke=None,
            fill="#000000",
        )


def heart(s: Sheet, x: float, top: float, size: float, color: str = "#c8102e") -> None:
    r = size * 0.27
    s.circle(x + r, top + r, r, None, color)
    s.circle(x + size - r, top + r, r, None, color)
    s.polygon(
        [
            (x + 0.02 * size, top + r * 1.25),
            (x + size * 0.98, top + r * 1.25),
            (x + size / 2, top + size),
        ],
        color,
    )


def red_cross(s: Sheet, x: float, top: float, size: float) -> None:
    third = size / 3
    s.rect(x + third, top, third, size, stroke=None, fill="#ed1b2e")
    s.rect(x, top + third, size, third, stroke=None, fill="#ed1b2e")


def card_outline(s: Sheet, fill: str = "#ffffff") -> None:
    s.rect(0.5, 0.5, CARD_W - 1, CARD_H - 1, stroke="#888888", fill=fill, width=0.5, radius=8)


def label_value(
    s: Sheet, x: float, top: float, label: str, value: str, size: float = 6.0, gap: float = 0
) -> None:
    """A small 'Label: value' pair on one printed line."""
    s.text(x, top, label, "Helvetica-Bold", size, "#222222")
    w = gap or s.width_of(label, "Helvetica-Bold", size) + size * 0.55
    s.text(x + w, top, value, "Helvetica", size, "#000000", join=True)
