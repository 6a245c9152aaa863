"""Text labels next to points that do not overlap each other or other points.

Plotly writes a point's text at one fixed position and never moves it, so dense scatter plots and networks end up
with labels printed over each other. :func:`place_labels` picks, point by point in order of importance, the first
of eight positions around the point whose box is free (inside the plot, clear of the labels already placed and of
every marker); a point with no free position gets no label (its hover still names it). Boxes are estimated in
pixels from the label's characters (a CJK character is about one font size wide, Latin about half).
"""
from __future__ import annotations

import math
from typing import Sequence

__all__ = ["POSITIONS", "text_width", "place_labels", "to_pixels"]

#: Plotly text positions, in the order they are tried.
POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left",
             "bottom right", "bottom left")


def text_width(text: str, font_size: float) -> float:
    """Estimated width in pixels of ``text`` at ``font_size`` (full-width characters count one em)."""
    return sum(font_size if ord(ch) > 0x2E80 else 0.6 * font_size for ch in str(text))


def _box(x: float, y: float, r: float, w: float, h: float, pos: str) -> tuple[float, float, float, float]:
    """``(x0, y0, x1, y1)`` with y pointing up, for a label at ``pos`` of a marker of radius ``r`` at x, y."""
    vert, horiz = pos.split()
    gap = 2.0
    if vert == "top":
        y0 = y + r + gap
    elif vert == "bottom":
        y0 = y - r - gap - h
    else:
        y0 = y - h / 2
    if horiz == "center":
        x0 = x - w / 2
    elif horiz == "right":
        x0 = x + (r + gap if vert == "middle" else 0)
    else:
        x0 = x - w - (r + gap if vert == "middle" else 0)
    return x0, y0, x0 + w, y0 + h


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: Sequence[tuple[float, float]], texts: Sequence[str], *, order: Sequence[int] | None = None,
                 radii: Sequence[float] | float = 4.0, font_size: float = 11.0,
                 bounds: tuple[float, float, float, float] | None = None, pad: float = 3.0) -> list[str | None]:
    """A Plotly ``textposition`` for each point (``None``: leave it unlabelled), in pixel coordinates (y up).

    ``order`` lists the indexes to label, most important first (default: all in order); ``radii`` are marker
    radii in pixels; ``bounds`` ``(x0, y0, x1, y1)`` is the plot area labels must stay in; ``pad`` pixels of room
    are kept around every label, since the positions are estimates of where the browser draws.
    """
    n = len(points)
    rad = [float(radii)] * n if isinstance(radii, (int, float)) else [float(r) for r in radii]
    h = font_size * 1.25
    markers = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(points, rad)]
    placed: list[tuple[float, float, float, float]] = []
    out: list[str | None] = [None] * n
    for i in (range(n) if order is None else order):
        text = str(texts[i])
        if not text:
            continue
        x, y = points[i]
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        w = text_width(text, font_size)
        for pos in POSITIONS:
            x0, y0, x1, y1 = _box(x, y, rad[i], w, h, pos)
            box = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
            if bounds is not None and not (bounds[0] <= box[0] and box[2] <= bounds[2]
                                           and bounds[1] <= box[1] and box[3] <= bounds[3]):
                continue
            if any(_overlap(box, p) for p in placed):
                continue
            if any(j != i and _overlap(box, m) for j, m in enumerate(markers)):
                continue
            placed.append(box)
            out[i] = pos
            break
    return out


def to_pixels(values: Sequence[float], *, lo: float, hi: float, size: float, log: bool = False,
              pad: float = 0.05) -> list[float]:
    """Data values to pixels along an axis of ``size`` pixels showing ``lo``..``hi`` (with Plotly's ``pad``
    share of autorange padding on each side); ``log`` for a log axis."""
    f = (lambda v: math.log10(v)) if log else (lambda v: v)
    a, b = f(lo), f(hi)
    span = (b - a) or 1.0
    a, b = a - pad * span, b + pad * span
    return [(f(v) - a) / (b - a) * size for v in values]
