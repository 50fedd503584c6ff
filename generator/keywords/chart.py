"""The long-tail chart (``longtail.svg``), written by hand as deterministic SVG.

Demand by rank (log scale when demand spans more than two decades), the
head / torso / tail bands shaded and labelled, and the cumulative share of
demand as a line on a right-hand 0-100 % axis. At most :data:`MAX_POINTS`
points are drawn (evenly spaced ranks, first and last always kept).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from generator.keywords import longtail

MAX_POINTS = 1000
WIDTH, HEIGHT = 820, 440
LEFT, RIGHT, TOP, BOTTOM = 80, 70, 56, 64
BAND_COLORS = {"head": "#dbe9f6", "torso": "#e8f3e0", "tail": "#fbeedd"}
LINE, CUMULATIVE, INK, GRID = "#1f5fa8", "#c0392b", "#333333", "#dddddd"


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def human(value: float) -> str:
    """Short number label: 950, 1.5K, 20K, 3M."""
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}" if value != int(value) else str(int(value))


def _sorted_demand(opportunities: pd.DataFrame) -> np.ndarray:
    """Demand, highest first, unknown (as 0) last: the values of ``longtail.demand_order``.

    Ties need no keyword tie-break here: equal values read the same in any order.
    """
    values = longtail.demand(opportunities)
    known = values[~np.isnan(values)]
    return np.concatenate([np.sort(known)[::-1], np.zeros(len(values) - len(known))])


def _sample(n: int) -> np.ndarray:
    return np.unique(np.linspace(0, n - 1, min(n, MAX_POINTS)).round().astype(np.int64)) if n else np.zeros(0, int)


class _Axes:
    """Data-to-pixel mapping for rank (x), demand (y, linear or log) and share (y2)."""

    def __init__(self, n: int, values: np.ndarray):
        self.n = max(n, 1)
        positive = values[values > 0]
        top = float(positive.max()) if len(positive) else 1.0
        low = float(positive.min()) if len(positive) else 1.0
        self.log = top / low > 100
        if self.log:
            self.lo, self.hi = math.floor(math.log10(low)), math.ceil(math.log10(top))
            self.hi = max(self.hi, self.lo + 1)
        else:
            self.lo, self.hi = 0.0, _nice_ceiling(top)
        self.w, self.h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(self, rank: float) -> float:
        return LEFT + (rank - 1) / max(self.n - 1, 1) * self.w

    def y(self, value: float) -> float:
        if self.log:
            frac = (math.log10(value) - self.lo) / (self.hi - self.lo) if value > 0 else 0.0
        else:
            frac = value / self.hi if self.hi else 0.0
        return TOP + self.h * (1 - min(max(frac, 0.0), 1.0))

    def y2(self, share: float) -> float:
        return TOP + self.h * (1 - share)

    def y_ticks(self) -> list[float]:
        if self.log:
            return [10.0**k for k in range(int(self.lo), int(self.hi) + 1)]
        return [self.hi * i / 4 for i in range(5)]


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value)


def _x_ticks(n: int) -> list[int]:
    if n <= 1:
        return [1]
    step = _nice_ceiling(n / 5)
    ticks = [1] + [int(step * i) for i in range(1, 6) if step * i <= n]
    return sorted(set(ticks))


def _bands(ax: _Axes, stats: dict) -> list[str]:
    rects, labels, start = [], [], 1
    segments = stats.get("segments", {})
    for name in longtail.SEGMENTS:
        count = int(segments.get(name, {}).get("keywords", 0))
        if not count:
            continue
        end = start + count - 1
        x0, x1 = ax.x(start - 0.5 if start > 1 else 1), ax.x(end + 0.5 if end < ax.n else ax.n)
        share = 100 * float(segments[name].get("share_volume", 0))
        label = escape(f"{name.title()}: {count:,} kw, {share:.0f}% of volume")
        rects.append(f'<rect x="{_fmt(x0)}" y="{TOP}" width="{_fmt(max(x1 - x0, 1))}" height="{ax.h}" '
                     f'fill="{BAND_COLORS[name]}"><title>{label}</title></rect>')
        # a legend row between the title and the plot, clear of both lines
        x_key = LEFT + len(labels) // 2 * ax.w / 3
        labels.append(f'<rect x="{_fmt(x_key)}" y="{TOP - 20}" width="12" height="12" '
                      f'fill="{BAND_COLORS[name]}" stroke="{INK}" stroke-width="0.5"/>')
        labels.append(f'<text x="{_fmt(x_key + 17)}" y="{TOP - 10}" font-size="11" fill="{INK}">{label}</text>')
        start = end + 1
    return rects + labels


def _axes_marks(ax: _Axes) -> list[str]:
    parts = []
    for tick in ax.y_ticks():
        y = _fmt(ax.y(tick))
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                     f'font-size="11" fill="{INK}">{human(tick)}</text>')
    for pct in range(0, 101, 25):
        y = _fmt(ax.y2(pct / 100))
        parts.append(f'<text x="{WIDTH - RIGHT + 8}" y="{y}" dominant-baseline="middle" font-size="11" '
                     f'fill="{CUMULATIVE}">{pct}%</text>')
    for tick in _x_ticks(ax.n):
        x = _fmt(ax.x(tick))
        parts.append(f'<line x1="{x}" x2="{x}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM + 5}" stroke="{INK}"/>')
        parts.append(f'<text x="{x}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{tick:,}</text>')
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{ax.w}" height="{ax.h}" fill="none" stroke="{INK}"/>')
    scale = "log scale" if ax.log else "linear scale"
    parts.append(f'<text x="{LEFT + ax.w / 2:.1f}" y="{HEIGHT - 16}" text-anchor="middle" font-size="12" '
                 f'fill="{INK}">Keyword rank by volume (1 = highest)</text>')
    parts.append(f'<text transform="translate(18 {TOP + ax.h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                 f'font-size="12" fill="{LINE}">Monthly volume ({scale})</text>')
    parts.append(f'<text transform="translate({WIDTH - 14} {TOP + ax.h / 2:.1f}) rotate(90)" '
                 f'text-anchor="middle" font-size="12" fill="{CUMULATIVE}">Cumulative share of volume</text>')
    return parts


def _lines(ax: _Axes, values: np.ndarray) -> list[str]:
    idx = _sample(len(values))
    if not len(idx):
        return []
    total = values.sum()
    share = np.cumsum(values) / total if total > 0 else np.zeros(len(values))
    volume_pts = " ".join(f"{_fmt(ax.x(i + 1))},{_fmt(ax.y(values[i]))}" for i in idx)
    share_pts = " ".join(f"{_fmt(ax.x(i + 1))},{_fmt(ax.y2(share[i]))}" for i in idx)
    return [
        f'<polyline points="{volume_pts}" fill="none" stroke="{LINE}" stroke-width="2"/>',
        f'<polyline points="{share_pts}" fill="none" stroke="{CUMULATIVE}" stroke-width="2" '
        'stroke-dasharray="6 3"/>',
    ]


def longtail_svg(opportunities: pd.DataFrame, stats: dict) -> str:
    """The chart as SVG text (valid XML, same input → same bytes)."""
    values = _sorted_demand(opportunities)
    ax = _Axes(len(values), values)
    long_tail = stats.get("long_tail", {})
    desc = (f"{len(values):,} keywords ranked by monthly volume; long tail: "
            f"{100 * float(long_tail.get('share_keywords', 0)):.0f}% of keywords, "
            f"{100 * float(long_tail.get('share_volume', 0)):.0f}% of volume.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="title desc" '
        'font-family="Helvetica, Arial, sans-serif">',
        '<title id="title">Long tail: volume by keyword rank</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold" fill="{INK}">'
        'Long tail: volume by keyword rank</text>',
        *_bands(ax, stats),
        *_axes_marks(ax),
        *_lines(ax, values),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
