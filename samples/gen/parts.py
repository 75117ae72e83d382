"""Shared pieces of certificate designs: borders, seals, logos, signatures, credits."""

from __future__ import annotations

import math

from samples.gen.dates import fmt_ceu, fmt_date, fmt_num, fmt_range
from samples.gen.draw import Sheet
from samples.gen.model import CertData


def completion_text(d: CertData) -> str:
    if d.range_start is not None:
        return fmt_range(d.range_start, d.completed)
    return fmt_date(d.completed, d.date_style)


def credit_parts(d: CertData) -> list[str]:
    """The credit statements a certificate prints, in print order."""
    parts: list[str] = []
    if d.nasm_ceus is not None:
        label = "NASM CEUs" if d.other_credits else "CEUs"
        parts.append(f"{fmt_ceu(d.nasm_ceus)} {label}")
    parts.extend(d.other_credits)
    if d.hours is not None:
        unit = "contact hour" if d.hours == 1 else "contact hours"
        parts.append(f"{fmt_num(d.hours)} {unit}")
    return parts


def border_double(s: Sheet, color: str, inset: float = 22) -> None:
    s.rect(inset, inset, s.width - 2 * inset, s.height - 2 * inset, stroke=color, width=4)
    s.rect(
        inset + 9,
        inset + 9,
        s.width - 2 * inset - 18,
        s.height - 2 * inset - 18,
        stroke=color,
        width=1,
    )


def border_guilloche(s: Sheet, color: str, inset: float = 26) -> None:
    """A wavy rope border drawn from many small circles."""
    w, h = s.width - 2 * inset, s.height - 2 * inset
    step = 9.0
    for i in range(int(w / step) + 1):
        x = inset + i * step
        s.circle(x, inset, 5, stroke=color, fill=None, width=0.6)
        s.circle(x, inset + h, 5, stroke=color, fill=None, width=0.6)
    for i in range(int(h / step) + 1):
        t = inset + i * step
        s.circle(inset, t, 5, stroke=color, fill=None, width=0.6)
        s.circle(inset + w, t, 5, stroke=color, fill=None, width=0.6)


def corner_brackets(s: Sheet, color: str, inset: float = 30, arm: float = 60) -> None:
    w, h = s.width, s.height
    for x, t, dx, dt_ in (
        (inset, inset, 1, 1),
        (w - inset, inset, -1, 1),
        (inset, h - inset, 1, -1),
        (w - inset, h - inset, -1, -1),
    ):
        s.line(x, t, x + dx * arm, t, color, 3)
        s.line(x, t, x, t + dt_ * arm, color, 3)


def seal(
    s: Sheet, cx: float, ctop: float, r: float, ring_text: str, center: str, color: str
) -> None:
    """A round seal with text set around the ring and a short word in the middle."""
    for i in range(36):
        a = 2 * math.pi * i / 36
        s.circle(cx + (r + 4) * math.cos(a), ctop + (r + 4) * math.sin(a), 3.2, None, color)
    s.circle(cx, ctop, r + 1, stroke=None, fill=color)
    s.circle(cx, ctop, r - 14, stroke="#ffffff", fill=None, width=0.8)
    s.arc_text(cx, ctop, r - 10, ring_text, "Helvetica-Bold", 6.5, "#ffffff")
    s.text(cx, ctop + 4, center, "Times-Bold", 12, "#ffffff", "center")


def logo_mark(
    s: Sheet, x: float, top: float, size: float, kind: int, color: str, accent: str
) -> None:
    """Provider logos drawn as shapes only (no text)."""
    if kind == 0:  # mountain peaks
        s.polygon(
            [
                (x, top + size),
                (x + size * 0.45, top),
                (x + size * 0.7, top + size * 0.5),
                (x + size * 0.85, top + size * 0.3),
                (x + size * 1.2, top + size),
            ],
            color,
        )
    elif kind == 1:  # wave in a circle
        s.circle(x + size / 2, top + size / 2, size / 2, None, color)
        s.rect(x + size * 0.15, top + size * 0.55, size * 0.7, size * 0.1, stroke=None, fill=accent)
        s.rect(
            x + size * 0.25, top + size * 0.35, size * 0.5, size * 0.08, stroke=None, fill=accent
        )
    elif kind == 2:  # stacked bars
        for i in range(4):
            s.rect(
                x + i * size * 0.28,
                top + size * (0.75 - i * 0.22),
                size * 0.2,
                size * (0.25 + i * 0.22),
                stroke=None,
                fill=color if i % 2 else accent,
            )
    elif kind == 3:  # hexagon
        pts = [
            (
                x + size / 2 + size / 2 * math.cos(math.pi / 3 * i),
                top + size / 2 + size / 2 * math.sin(math.pi / 3 * i),
            )
            for i in range(6)
        ]
        s.polygon(pts, color)
        s.circle(x + size / 2, top + size / 2, size / 5, None, accent)
    else:  # leaf / drop
        s.circle(x + size / 2, top + size * 0.6, size * 0.4, None, color)
        s.polygon(
            [
                (x + size * 0.14, top + size * 0.5),
                (x + size / 2, top),
                (x + size * 0.86, top + size * 0.5),
            ],
            color,
        )
        s.circle(x + size / 2, top + size * 0.62, size * 0.15, None, accent)


def signature_block(
    s: Sheet, x: float, top: float, w: float, name: str, title: str, seed: int, size: float = 9
) -> None:
    """Scribble, line, printed signer name and title (distractor names)."""
    s.signature(x, top, w, seed)
    s.line(x, top, x + w, top, "#333333", 0.7)
    s.text(x + w / 2, top + size + 3, name, "Helvetica", size, "#222222", "center")
    s.text(x + w / 2, top + 2 * size + 5, title, "Helvetica-Oblique", size - 1, "#444444", "center")
