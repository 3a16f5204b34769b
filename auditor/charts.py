"""Charts as matplotlib Figures (no pyplot global state), Chinese labels in the shipped font.

matplotlib is imported only when a chart is first made, never at start-up. In documents the same
functions draw onto Axes that documents.mplcanvas renders as vector paths in the document's own fonts.
A legend stands above the plot, under the title, so it never covers a data point (the latest one
above all).
"""
from __future__ import annotations

from collections.abc import Mapping
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

FONT_FILE = resources_dir() / "fonts" / "AuditorSong-Regular.ttf"


@lru_cache(maxsize=1)
def _font_family() -> str:
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(FONT_FILE))
    family = font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
    rcParams["font.family"] = [family]
    rcParams["axes.unicode_minus"] = False
    rcParams["svg.fonttype"] = "none"
    return family


def _figure(ax: Axes | None = None, width: float = 6.0, height: float = 3.0) -> tuple[Figure, Axes]:
    """A new figure and axes, or the given axes and the figure they are on (a page of a document)."""
    _font_family()
    from matplotlib.figure import Figure

    if ax is not None:
        parent = ax.figure
        return (parent if isinstance(parent, Figure) else parent.figure), ax

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def _labels(periods: list[Period]) -> list[str]:
    return [f"{p.month}月" if p.month != 1 and p != periods[0] else f"{p.year}年{p.month}月" for p in periods]


def _legend(ax: Axes) -> None:
    """Outside the plot, just above its top right corner, with the title raised over it: it can cover no
    point, whatever the data."""
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, ncols=2,
              borderaxespad=0.2)
    ax.set_title(ax.get_title(), pad=18)


def indicator_trend(contract: Contract, months: Mapping[Period, MonthResult], code: str,
                    ax: Axes | None = None) -> Figure:
    """The measured value of one indicator per month, with its target line."""
    indicator = contract.indicator(code)
    periods = sorted(months)
    xs, ys, colors = [], [], []
    for n, period in enumerate(periods):
        item = months[period].item(code)
        if item.actual is not None and item.status in (Status.PASS, Status.FAIL):
            xs.append(n)
            ys.append(float(item.actual))
            colors.append("#c0392b" if item.status is Status.FAIL else "#1e8449")
    fig, ax = _figure(ax)
    ax.plot(xs, ys, color="#34495e", linewidth=1.2)
    ax.scatter(xs, ys, c=colors, zorder=3)
    ax.axhline(float(indicator.target), color="#c0392b", linestyle="--", linewidth=1,
               label=f"目标 {indicator.target_text}")
    ax.set_xticks(range(len(periods)), _labels(periods), rotation=45, fontsize=8)
    ax.set_title(f"{indicator.code} {indicator.name}")
    ax.set_ylabel(indicator.unit)
    _legend(ax)
    return fig


def entered(month: MonthResult) -> bool:
    """Whether anything of the month was entered: a month nobody touched has no score to draw (its
    provisional figure, 27 points for luoyang from the items that need no entry, would read as a result)."""
    if month.finalized:
        return True
    return (any(i.status in (Status.PASS, Status.FAIL, Status.EXEMPT) and not i.indicator.derived
                for i in month.items) or any(r.actual is not None for r in month.roles))


def money_history(contract: Contract, months: Mapping[Period, MonthResult],
                  ax: Axes | None = None) -> Figure:
    """Monthly score (points contracts) or monthly deductions (deduction contracts)."""
    periods = sorted(months)
    fig, ax = _figure(ax)
    if contract.family.value == "points":
        shown = [n for n, p in enumerate(periods) if entered(months[p])]  # an empty month has no score yet
        values = [float(months[periods[n]].score or 0) for n in shown]
        bands = chart_bands(contract)  # the contract's own band minima
        full = bands[0][0] if bands else 0.0
        ax.bar(shown, values, color=["#1e8449" if v >= full else "#b9770e" for v in values])
        for n, value in zip(shown, values):
            if not months[periods[n]].complete:  # entered in part: the bar is provisional, and says so
                ax.annotate("未完成", (n, value), ha="center", va="bottom", fontsize=7, color="#7f8c8d")
        for threshold, _paid in bands:
            ax.axhline(threshold, color="#7f8c8d", linestyle=":", linewidth=0.8)
        ax.set_ylim(0, 100)
        ax.set_title("月度得分")
        ax.set_ylabel("分")
    else:
        values = [float(months[p].recorded_deduction_total / Decimal(10000)) for p in periods]
        ax.bar(range(len(periods)), values, color="#c0392b")
        ax.set_title("月度扣减")
        ax.set_ylabel("万元")
    ax.set_xticks(range(len(periods)), _labels(periods), rotation=45, fontsize=8)
    return fig


def headcount_chart(contract: Contract, months: Mapping[Period, MonthResult],
                    ax: Axes | None = None) -> Figure:
    """Monthly average headcount against the requirement."""
    periods = sorted(months)
    fig, ax = _figure(ax)
    actual = [float(sum((r.actual for r in months[p].roles if r.actual is not None), Decimal(0))) or None
              for p in periods]
    required = [sum(r.required for r in months[p].roles) for p in periods]
    ax.plot(range(len(periods)), required, color="#c0392b", linestyle="--", label="要求人数")
    ax.plot([n for n, v in enumerate(actual) if v is not None], [v for v in actual if v is not None],
            marker="o", color="#2c3e50", label="月均在岗")
    ax.set_xticks(range(len(periods)), _labels(periods), rotation=45, fontsize=8)
    ax.set_title("人员配置")
    ax.set_ylabel("人")
    _legend(ax)
    return fig


def to_bytes(fig: Figure, fmt: str = "png") -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()
