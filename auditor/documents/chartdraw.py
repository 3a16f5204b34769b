"""A chart (auditor.charts.Chart) drawn on a reportlab canvas: vector paths, text set by the typesetter.

A document draws its charts itself rather than through matplotlib: no plotting library is imported and
no font is read again (the labels use the faces the page has already embedded, with the typesetter's
per-character fallback, so no glyph is ever a box). The layout is matplotlib's as the dashboard shows it:
title, legend above the plot's top right corner, y ticks at round steps, every month a place on the x axis
with its label turned 45° (every second or third label when they would touch).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..charts import Chart, Series
from .base import line_of
from .typeset import Line, draw_line

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

ROLE = "heading1"  # chart text in the 黑体 face: what readers expect of labels
WHERE = "图表文字"
TICK, TICK_PT, LABEL_PT, UNIT_PT, TITLE_PT, LEGEND_PT, NOTE_PT = 3.5, 9.0, 8.0, 10.0, 12.0, 8.0, 7.0
MARKER = 3.0  # radius: matplotlib's default markers are 6 points across
DASHES = {"dashed": (3.7, 1.6), "dotted": (1.0, 1.65)}  # matplotlib's, in line widths
Rgb = tuple[float, float, float]


def rgb(color: str) -> Rgb:
    """#rrggbb as reportlab's 0–1 components."""
    value = color.lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def ticks(low: float, high: float, count: int = 8) -> tuple[list[float], int]:
    """Tick values at a round step (1, 2, 2.5 or 5 × 10ⁿ) inside [low, high], and the decimals they need."""
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(step * 10 ** decimals - round(step * 10 ** decimals)) > 1e-6:
        decimals += 1
    first = math.ceil(low / step - 1e-9)
    values = []
    n = first
    while n * step <= high + step * 1e-9:
        values.append(round(n * step, 10))
        n += 1
    return values, decimals


def y_range(chart: Chart) -> tuple[float, float]:
    """The fixed range, or the data's with 5 % to spare (bars stand on 0, as matplotlib keeps them)."""
    if chart.ylim is not None:
        return chart.ylim
    values = [y for s in chart.series for y in s.ys]
    bars = any(s.kind == "bars" and s.ys for s in chart.series)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if bars:
        low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-9:
        pad = max(abs(high) * 0.05, 1.0)
        return (0.0, pad) if bars and high == 0 else (low - pad, high + pad)
    margin = (high - low) * 0.05
    return (low if bars and low == 0 else low - margin), (high if bars and high == 0 else high + margin)


def shown_labels(labels: list[str], every: int) -> set[int]:
    """The places whose label is printed when only every ``every``-th fits: those naming a year (the first
    month, each January) always, the others no nearer than ``every`` to a printed one."""
    years = [n for n, label in enumerate(labels) if "年" in label]
    shown = set(years)
    last = -every
    for n in range(len(labels)):
        if n in shown:
            last = n
        elif n - last >= every and all(abs(n - y) >= every for y in years):
            shown.add(n)
            last = n
    return shown


@lru_cache(maxsize=512)
def _line(text: str, size: float) -> Line:
    """A label set once: the months' and the ticks' recur on every chart (the line is only read when drawn)."""
    return line_of(text, size, WHERE, ROLE)


def _text(canvas: Canvas, text: str, x: float, y: float, size: float, *, align: str = "left",
          angle: float = 0.0, fill: Rgb = (0, 0, 0)) -> float:
    """``text`` with its baseline through (x, y), turned ``angle`` degrees about that point; its width."""
    line = _line(text, size)
    start = -line.width / 2 if align == "center" else -line.width if align == "right" else 0.0
    canvas.saveState()
    canvas.translate(x, y)
    if angle:
        canvas.rotate(angle)
    draw_line(canvas, line, start, 0, fill=fill)
    canvas.restoreState()
    return line.width


def _stroke_style(canvas: Canvas, series: Series, color: str) -> None:
    canvas.setStrokeColorRGB(*rgb(color))
    canvas.setLineWidth(series.width)
    canvas.setLineJoin(1)
    canvas.setLineCap(0)
    if series.dash:
        canvas.setDash([d * series.width for d in DASHES[series.dash]], 0)
    else:
        canvas.setDash([], 0)


def _dots(canvas: Canvas, points: list[tuple[float, float]], colors: list[str]) -> None:
    """Round markers, one path per colour: each a zero-length stroke with round caps, which PDF paints as a
    disc of the line's width (ISO 32000 8.5.3.2) — two numbers a marker instead of four curves."""
    by_color: dict[str, list[tuple[float, float]]] = {}
    for point, color in zip(points, colors):
        by_color.setdefault(color, []).append(point)
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineWidth(2 * MARKER)
    canvas.setDash([], 0)
    for color, where in by_color.items():
        canvas.setStrokeColorRGB(*rgb(color))
        path = canvas.beginPath()
        for x, y in where:
            path.moveTo(x, y)
            path.lineTo(x, y)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def draw_chart(canvas: Canvas, chart: Chart, width: float, height: float) -> None:
    """``chart`` in the ``width`` × ``height`` box whose lower left corner is the canvas's origin."""
    left, bottom = width * 0.1, height * 0.2
    plot_w, plot_h = width * 0.86, height * 0.68
    top, right = bottom + plot_h, left + plot_w
    low, high = y_range(chart)
    count = max(len(chart.periods), 1)
    slot = plot_w / count

    def x_of(place: float) -> float:
        return left + (place + 0.5) * slot

    def y_of(value: float) -> float:
        return bottom + (value - low) / (high - low) * plot_h

    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(left, bottom, plot_w, plot_h)
    canvas.clipPath(clip, stroke=0, fill=0)
    for series in chart.series:
        _series(canvas, series, x_of, y_of, left, right, slot)
    canvas.restoreState()
    for x, y, note in chart.notes:
        _text(canvas, note, x_of(x), y_of(y) + 2, NOTE_PT, align="center", fill=rgb("#7f8c8d"))

    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.8)
    canvas.rect(left, bottom, plot_w, plot_h, stroke=1, fill=0)
    values, decimals = ticks(low, high)
    widest = 0.0
    for value in values:
        y = y_of(value)
        canvas.line(left - TICK, y, left, y)
        widest = max(widest, _text(canvas, f"{value:.{decimals}f}", left - TICK - 2, y - TICK_PT * 0.35, TICK_PT,
                                   align="right"))
    _text(canvas, chart.unit, left - TICK - 6 - widest, (bottom + top) / 2, UNIT_PT, align="center", angle=90)
    labels = chart.labels
    shown = shown_labels(labels, max(1, math.ceil(LABEL_PT * 1.15 / (slot * math.sin(math.pi / 4)))))
    for n, label in enumerate(labels):
        x = x_of(n)
        canvas.line(x, bottom, x, bottom - TICK)
        if n in shown:
            _text(canvas, label, x + LABEL_PT * 0.25, bottom - TICK - 3, LABEL_PT, align="right", angle=45)
    canvas.restoreState()

    legend = [s for s in chart.series if s.label] if chart.legend else []
    if legend:
        _legend(canvas, legend, right, top + 5)
    _text(canvas, chart.title, (left + right) / 2, top + (22 if legend else 8), TITLE_PT, align="center")


def _series(canvas: Canvas, series: Series, fx: Callable[[float], float], fy: Callable[[float], float], left: float,
            right: float, slot: float) -> None:
    if series.kind == "level":
        _stroke_style(canvas, series, series.colors[0])
        canvas.line(left, fy(series.ys[0]), right, fy(series.ys[0]))
    elif series.kind == "bars":
        bar = min(slot * 0.8, 36.0)
        base = fy(0.0)
        for n, (x, y) in enumerate(zip(series.xs, series.ys)):
            if abs(fy(y) - base) < 0.01:
                continue
            canvas.setFillColorRGB(*rgb(series.color(n)))
            canvas.rect(fx(x) - bar / 2, min(base, fy(y)), bar, abs(fy(y) - base), stroke=0, fill=1)
    elif series.kind == "points":
        _dots(canvas, [(fx(x), fy(y)) for x, y in zip(series.xs, series.ys)],
              [series.color(n) for n in range(len(series.xs))])
    elif series.kind == "line":
        if len(series.xs) == 1 and not series.marker:  # a lone month: a short level across its place
            _stroke_style(canvas, series, series.colors[0])
            canvas.line(fx(series.xs[0]) - slot * 0.4, fy(series.ys[0]), fx(series.xs[0]) + slot * 0.4,
                        fy(series.ys[0]))
        if len(series.xs) > 1:
            _stroke_style(canvas, series, series.colors[0])
            path = canvas.beginPath()
            path.moveTo(fx(series.xs[0]), fy(series.ys[0]))
            for x, y in zip(series.xs[1:], series.ys[1:]):
                path.lineTo(fx(x), fy(y))
            canvas.drawPath(path, stroke=1, fill=0)
        if series.marker:
            _dots(canvas, [(fx(x), fy(y)) for x, y in zip(series.xs, series.ys)], [series.colors[0]] * len(series.xs))


def _legend(canvas: Canvas, entries: list[Series], right: float, y: float) -> None:
    """Each entry a sample of its line (or dot) and its label, right-aligned at ``right``."""
    widths = [_line(s.label, LEGEND_PT).width for s in entries]
    sample, gap, between = 18.0, 3.0, 12.0
    x = right - sum(sample + gap + w for w in widths) - between * (len(entries) - 1)
    middle = y + LEGEND_PT * 0.35
    for series, label_width in zip(entries, widths):
        canvas.saveState()
        if series.kind == "points":
            _dots(canvas, [(x + sample / 2, middle)], [series.colors[0]])
        else:
            _stroke_style(canvas, series, series.colors[0])
            canvas.line(x, middle, x + sample, middle)
            if series.marker:
                _dots(canvas, [(x + sample / 2, middle)], [series.colors[0]])
        canvas.restoreState()
        _text(canvas, series.label, x + sample + gap, y, LEGEND_PT)
        x += sample + gap + label_width + between
