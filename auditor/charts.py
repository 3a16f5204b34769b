"""The term's charts: what each one shows as plain data (``Chart``), drawn by matplotlib for the dashboard
and by documents.chartdraw as vector paths on a document's pages.

The content — which months, values, colours, lines and labels — is decided once, here, without any
drawing library; a document draws it with reportlab in the fonts it has already embedded, so making a
score sheet never imports matplotlib. matplotlib is imported only when the dashboard asks for a Figure
(no pyplot global state). A legend stands above the plot, under the title, so it never covers a data
point (the latest one above all).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .calendar import Period
from .contract_text import chart_bands
from .model import Contract, Status
from .paths import resources_dir
from .scoring import MonthResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# The dashboard is interface, not a document: the sans (黑体) as the rest of the window, Song behind it for the
# rarer characters a contract's names may hold (matplotlib falls back glyph by glyph along the list).
FONT_FILES = tuple(resources_dir() / "fonts" / name for name in ("AuditorHei-Regular.ttf", "AuditorSong-Regular.ttf"))
RED, GREEN, AMBER, INK, SLATE, GREY = "#c0392b", "#1e8449", "#b9770e", "#34495e", "#2c3e50", "#7f8c8d"


@dataclass(frozen=True)
class Series:
    """One thing drawn over the months (x is a month's place, 0 = the first).

    ``kind``: "line" (joined points, ``marker`` draws each one), "points" (unjoined dots), "bars", or
    "level" (a horizontal line across the plot at ``ys[0]``). ``colors``: one for the whole series, or one
    per point or bar. ``dash``: "", "dashed" or "dotted"."""

    kind: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    colors: tuple[str, ...]
    label: str = ""
    dash: str = ""
    width: float = 1.5
    marker: bool = False

    def color(self, n: int) -> str:
        return self.colors[n] if len(self.colors) > 1 else self.colors[0]


@dataclass(frozen=True)
class Chart:
    """A chart's whole content: the title, the y axis' unit, one place per month of ``periods``, the series
    in drawing order, notes written above a point (x, y, text), a fixed y range, whether a legend is shown."""

    title: str
    unit: str
    periods: tuple[Period, ...]
    series: tuple[Series, ...]
    notes: tuple[tuple[float, float, str], ...] = ()
    ylim: tuple[float, float] | None = None
    legend: bool = False

    @property
    def labels(self) -> list[str]:
        return month_labels(list(self.periods))


def month_labels(periods: list[Period]) -> list[str]:
    """「11月」, with the year on the first month and on each January."""
    return [f"{p.month}月" if p.month != 1 and p != periods[0] else f"{p.year}年{p.month}月" for p in periods]


def entered(month: MonthResult) -> bool:
    """Whether anything of the month was entered: a month nobody touched has no score to draw (its
    provisional figure, 27 points for luoyang from the items that need no entry, would read as a result)."""
    if month.finalized:
        return True
    return (any(i.status in (Status.PASS, Status.FAIL, Status.EXEMPT) and not i.indicator.derived
                for i in month.items) or any(r.actual is not None for r in month.roles))


def trend_data(contract: Contract, months: Mapping[Period, MonthResult], code: str) -> Chart:
    """The measured value of one indicator per month (red where it failed), with its target line."""
    indicator = contract.indicator(code)
    periods = sorted(months)
    xs: list[float] = []
    ys: list[float] = []
    colors: list[str] = []
    for n, period in enumerate(periods):
        item = months[period].item(code)
        if item.actual is not None and item.status in (Status.PASS, Status.FAIL):
            xs.append(n)
            ys.append(float(item.actual))
            colors.append(RED if item.status is Status.FAIL else GREEN)
    series = (Series("line", tuple(xs), tuple(ys), (INK,), width=1.2),
              Series("points", tuple(xs), tuple(ys), tuple(colors) or (GREEN,)),
              Series("level", (), (float(indicator.target),), (RED,), f"目标 {indicator.target_text}", "dashed", 1.0))
    return Chart(f"{indicator.code} {indicator.name}", indicator.unit, tuple(periods), series, legend=True)


def money_data(contract: Contract, months: Mapping[Period, MonthResult]) -> Chart:
    """Monthly score (points contracts: a bar per entered month, amber below the full-payment band, the
    bands' lines, 未完成 over a provisional bar) or monthly deductions in 万元 (deduction contracts)."""
    periods = sorted(months)
    if contract.family.value == "points":
        shown = [n for n, p in enumerate(periods) if entered(months[p])]  # an empty month has no score yet
        values = [float(months[periods[n]].score or 0) for n in shown]
        bands = chart_bands(contract)  # the contract's own band minima
        full = bands[0][0] if bands else 0.0
        series = [Series("bars", tuple(float(n) for n in shown), tuple(values),
                         tuple(GREEN if v >= full else AMBER for v in values) or (GREEN,))]
        series += [Series("level", (), (threshold,), (GREY,), dash="dotted", width=0.8) for threshold, _ in bands]
        notes = tuple((float(n), value, "未完成") for n, value in zip(shown, values)
                      if not months[periods[n]].complete)  # entered in part: the bar is provisional, and says so
        return Chart("月度得分", "分", tuple(periods), tuple(series), notes, ylim=(0.0, 100.0))
    values = [float(months[p].recorded_deduction_total / Decimal(10000)) for p in periods]
    bars = Series("bars", tuple(float(n) for n in range(len(periods))), tuple(values), (RED,))
    return Chart("月度扣减", "万元", tuple(periods), (bars,))


def headcount_data(contract: Contract, months: Mapping[Period, MonthResult]) -> Chart:
    """Monthly average headcount (months without one have no point) against the requirement."""
    periods = sorted(months)
    actual = [float(sum((r.actual for r in months[p].roles if r.actual is not None), Decimal(0))) or None
              for p in periods]
    required = [float(sum(r.required for r in months[p].roles)) for p in periods]
    series = (Series("line", tuple(float(n) for n in range(len(periods))), tuple(required), (RED,), "要求人数",
                     "dashed"),
              Series("line", tuple(float(n) for n, v in enumerate(actual) if v is not None),
                     tuple(v for v in actual if v is not None), (SLATE,), "月均在岗", marker=True))
    return Chart("人员配置", "人", tuple(periods), series, legend=True)


# ------------------------------------------------------------------ matplotlib, for the dashboard

@lru_cache(maxsize=1)
def _font_family() -> list[str]:
    import logging

    from matplotlib import font_manager, rcParams

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # the sans is Medium (500): said per text
    families = []
    for file in FONT_FILES:
        font_manager.fontManager.addfont(str(file))
        families.append(font_manager.FontProperties(fname=str(file)).get_name())
    rcParams["font.family"] = families
    rcParams["axes.unicode_minus"] = False
    rcParams["svg.fonttype"] = "none"
    return families


_DASHES = {"": "-", "dashed": "--", "dotted": ":"}


def figure(chart: Chart, ax: Axes | None = None, width: float = 6.0, height: float = 3.0) -> Figure:
    """``chart`` drawn by matplotlib on ``ax``, or on a new Figure of ``width`` × ``height`` inches."""
    _font_family()
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
        ax = fig.add_subplot()
    parent = ax.figure
    fig = parent if isinstance(parent, Figure) else parent.figure
    for s in chart.series:
        label = s.label or None
        if s.kind == "line":
            ax.plot(s.xs, s.ys, color=s.colors[0], linewidth=s.width, linestyle=_DASHES[s.dash],
                    marker="o" if s.marker else None, label=label)
        elif s.kind == "points":
            ax.scatter(s.xs, s.ys, c=[s.color(n) for n in range(len(s.xs))], zorder=3, label=label)
        elif s.kind == "bars":
            ax.bar(s.xs, s.ys, color=[s.color(n) for n in range(len(s.xs))], label=label)
        elif s.kind == "level":
            ax.axhline(s.ys[0], color=s.colors[0], linestyle=_DASHES[s.dash], linewidth=s.width, label=label)
    for x, y, text in chart.notes:
        ax.annotate(text, (x, y), ha="center", va="bottom", fontsize=7, color=GREY)
    if chart.ylim is not None:
        ax.set_ylim(*chart.ylim)
    ax.set_xticks(range(len(chart.periods)), chart.labels, rotation=45, fontsize=8)
    ax.set_title(chart.title)
    ax.set_ylabel(chart.unit)
    if chart.legend:  # outside the plot, above its top right corner, the title raised over it
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, ncols=2,
                  borderaxespad=0.2)
        ax.set_title(ax.get_title(), pad=18)
    return fig


def indicator_trend(contract: Contract, months: Mapping[Period, MonthResult], code: str,
                    ax: Axes | None = None) -> Figure:
    """The measured value of one indicator per month, with its target line."""
    return figure(trend_data(contract, months, code), ax)


def money_history(contract: Contract, months: Mapping[Period, MonthResult],
                  ax: Axes | None = None) -> Figure:
    """Monthly score (points contracts) or monthly deductions (deduction contracts)."""
    return figure(money_data(contract, months), ax)


def headcount_chart(contract: Contract, months: Mapping[Period, MonthResult],
                    ax: Axes | None = None) -> Figure:
    """Monthly average headcount against the requirement."""
    return figure(headcount_data(contract, months), ax)


def to_bytes(fig: Figure, fmt: str = "png") -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()
