"""A small drawing surface over a reportlab canvas that records what it prints.

Every string drawn through :class:`Sheet` is appended to the page's list of
lines, in the order the design draws them (designs draw in reading order), so
the truth text comes from the same data that drew the document.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from samples.gen.fonts import font


@dataclass(frozen=True)
class Rendered:
    """A drawn document: the PDF bytes and the printed lines per page."""

    pdf: bytes
    pages: tuple[tuple[str, ...], ...]
    width: float
    height: float


def rgb(hex_code: str) -> Color:
    return HexColor(hex_code)


class Sheet:
    """Canvas wrapper; coordinates are points from the top-left corner."""

    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width = width
        self.height = height
        self._buffer = io.BytesIO()
        self.c = Canvas(self._buffer, pagesize=(width, height), invariant=True)
        if title:
            self.c.setTitle(title)
        self._pages: list[list[str]] = [[]]

    def y(self, top: float) -> float:
        """Convert a distance from the top edge to reportlab's bottom-up y."""
        return self.height - top

    def record(self, text: str, join: bool = False) -> None:
        lines = self._pages[-1]
        if join and lines:
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)

    def text(
        self,
        x: float,
        top: float,
        text: str,
        face: str = "Helvetica",
        size: float = 11,
        color: str = "#000000",
        align: str = "left",
        join: bool = False,
        spacing: float = 0.0,
    ) -> float:
        """Draw one string with its baseline ``top`` points below the top edge.

        ``join`` appends it to the previous recorded line (same printed line),
        ``spacing`` is extra space between characters. Returns the width.
        """
        width = self.width_of(text, face, size) + spacing * max(len(text) - 1, 0)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        # The script face has no space glyph: set it word by word.
        pieces = text.split(" ") if face == "Script" else [text]
        self.c.saveState()  # character spacing is graphics state: keep it local
        for piece in pieces:
            obj = self.c.beginText(x, self.y(top))
            obj.setFont(font(face), size)
            obj.setFillColor(rgb(color))
            obj.setCharSpace(spacing)
            obj.textOut(piece)
            self.c.drawText(obj)
            x += self.width_of(piece + " ", face, size)
        self.c.restoreState()
        self.record(text, join)
        return width

    def width_of(self, text: str, face: str, size: float) -> float:
        if face == "Script":
            gap = size * 0.28 * text.count(" ")
            return stringWidth(text.replace(" ", ""), font(face), size) + gap
        return stringWidth(text, font(face), size)

    def fit(self, text: str, face: str, size: float, max_width: float) -> float:
        """The largest size <= ``size`` at which ``text`` fits ``max_width``."""
        while size > 5 and self.width_of(text, face, size) > max_width:
            size -= 0.5
        return size

    def wrap(
        self,
        x: float,
        top: float,
        text: str,
        max_width: float,
        face: str = "Helvetica",
        size: float = 11,
        leading: float | None = None,
        align: str = "left",
        color: str = "#000000",
    ) -> float:
        """Draw ``text`` wrapped to ``max_width``; returns the top of the next line."""
        leading = leading or size * 1.35
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if line and self.width_of(trial, face, size) > max_width:
                self.text(x, top, line, face, size, color, align)
                top += leading
                line = word
            else:
                line = trial
        if line:
            self.text(x, top, line, face, size, color, align)
            top += leading
        return top

    def rect(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        stroke: str | None = "#000000",
        fill: str | None = None,
        width: float = 1.0,
        radius: float = 0.0,
    ) -> None:
        c = self.c
        c.setLineWidth(width)
        if stroke:
            c.setStrokeColor(rgb(stroke))
        if fill:
            c.setFillColor(rgb(fill))
        args = (x, self.y(top + h), w, h)
        if radius:
            c.roundRect(*args, radius, stroke=int(bool(stroke)), fill=int(bool(fill)))
        else:
            c.rect(*args, stroke=int(bool(stroke)), fill=int(bool(fill)))

    def line(
        self, x0: float, t0: float, x1: float, t1: float, color: str = "#000000", width: float = 1
    ) -> None:
        self.c.setStrokeColor(rgb(color))
        self.c.setLineWidth(width)
        self.c.line(x0, self.y(t0), x1, self.y(t1))

    def circle(
        self, x: float, top: float, r: float, stroke: str | None, fill: str | None, width: float = 1
    ) -> None:
        c = self.c
        c.setLineWidth(width)
        if stroke:
            c.setStrokeColor(rgb(stroke))
        if fill:
            c.setFillColor(rgb(fill))
        c.circle(x, self.y(top), r, stroke=int(bool(stroke)), fill=int(bool(fill)))

    def polygon(
        self, points: list[tuple[float, float]], fill: str, stroke: str | None = None
    ) -> None:
        c = self.c
        path = c.beginPath()
        path.moveTo(points[0][0], self.y(points[0][1]))
        for px, pt in points[1:]:
            path.lineTo(px, self.y(pt))
        path.close()
        c.setFillColor(rgb(fill))
        if stroke:
            c.setStrokeColor(rgb(stroke))
        c.drawPath(path, fill=1, stroke=int(bool(stroke)))

    def arc_text(
        self, cx: float, ctop: float, r: float, text: str, face: str, size: float, color: str
    ) -> None:
        """Text set around a circle (seals and badges), clockwise from the top-left."""
        name = font(face)
        total = stringWidth(text, name, size)
        span = total / r
        angle = math.pi / 2 + span / 2
        c = self.c
        c.setFillColor(rgb(color))
        for ch in text:
            w = stringWidth(ch, name, size)
            angle -= w / (2 * r)
            c.saveState()
            c.translate(cx + r * math.cos(angle), self.y(ctop) + r * math.sin(angle))
            c.rotate(math.degrees(angle) - 90)
            c.setFont(name, size)
            c.drawCentredString(0, 0, ch)
            c.restoreState()
            angle -= w / (2 * r)
        self.record(text)

    def signature(self, x: float, top: float, w: float, seed: int, color: str = "#1a2a6c") -> None:
        """A scribble above a signature line (no text, so nothing is recorded)."""
        rng = random.Random(seed)
        c = self.c
        c.setStrokeColor(rgb(color))
        c.setLineWidth(rng.uniform(0.8, 1.4))
        path = c.beginPath()
        px, pt = x + rng.uniform(4, 20), top - rng.uniform(4, 14)
        path.moveTo(px, self.y(pt))
        end = x + w - rng.uniform(10, 40)
        while px < end:
            nx = px + rng.uniform(8, 26)
            nt = top - rng.uniform(2, 24)
            path.curveTo(
                px + rng.uniform(-6, 10),
                self.y(pt - rng.uniform(-14, 14)),
                nx - rng.uniform(-6, 10),
                self.y(nt + rng.uniform(-14, 14)),
                nx,
                self.y(nt),
            )
            px, pt = nx, nt
        c.drawPath(path, stroke=1, fill=0)

    @contextmanager
    def region(self, dx: float, dtop: float, scale: float, height: float) -> Iterator[None]:
        """Draw a sub-layout of ``height`` points at (dx, dtop), scaled by ``scale``.

        Inside the block, ``top`` coordinates are local to the region, so a card
        face can be drawn alone on a wallet-size page or several times on a sheet.
        """
        saved = self.height
        self.c.saveState()
        self.c.translate(dx, saved - dtop)
        self.c.scale(scale, scale)
        self.c.translate(0, -height)
        self.height = height
        try:
            yield
        finally:
            self.height = saved
            self.c.restoreState()

    def new_page(self) -> None:
        self.c.showPage()
        self._pages.append([])

    def finish(self) -> Rendered:
        self.c.showPage()
        self.c.save()
        pages = tuple(tuple(p) for p in self._pages)
        return Rendered(self._buffer.getvalue(), pages, self.width, self.height)
