"""The dashboard's charts show the engine's figures: what each bar, line and point stands for.

henan-2025 (第七条2): HN-02 at 99 % in October deducts 1% of ¥6,468,000.00 = ¥64,680.00, drawn as 6.468 万元;
October's average headcount 48.5 + 16 + 3 = 67.5 against 70 required. luoyang-2025: a month with LY-01,
LY-02 and LY-03 failed scores 100 − 3 × 5 = 85, below the 90 of the full-payment band.
"""
from __future__ import annotations

import pytest
from matplotlib.colors import to_rgba

from auditor.calendar import Period
from auditor.charts import FONT_FILES, headcount_chart, indicator_trend, money_history, to_bytes
from auditor.service import term_results

from .builders import failing, record

GREEN, AMBER, RED = to_rgba("#1e8449"), to_rgba("#b9770e"), to_rgba("#c0392b")


@pytest.fixture
def henan_months(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    record(store, henan, "2025-11")
    return henan, term_results(store, henan, until=Period(2025, 11))      # 2025-09 not entered


def test_monthly_deductions_in_ten_thousand_yuan(henan_months):
    henan, months = henan_months
    ax = money_history(henan, months).axes[0]
    assert ax.get_title() == "月度扣减" and ax.get_ylabel() == "万元"
    # October also has 3 persons short (一线 2, 管理 1): 4 × ¥64,680.00 = ¥258,720.00
    assert [round(bar.get_height(), 3) for bar in ax.patches] == [0.0, 25.872, 0.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2025年9月", "10月", "11月"]


def test_headcount_against_the_requirement(henan_months):
    henan, months = henan_months
    ax = headcount_chart(henan, months).axes[0]
    required, actual = ax.get_lines()
    assert list(required.get_ydata()) == [70, 70, 70]
    # September has no headcount entered: no point is drawn for it
    assert (list(actual.get_xdata()), list(actual.get_ydata())) == ([1, 2], [67.5, 70.0])


def test_an_indicator_trend_marks_failures_against_the_target(henan_months):
    henan, months = henan_months
    ax = indicator_trend(henan, months, "HN-02").axes[0]
    assert ax.get_title() == "HN-02 网络工单回应率"
    points = ax.collections[0]
    assert [tuple(xy) for xy in points.get_offsets()] == [(1.0, 99.0), (2.0, 100.0)]
    assert [tuple(c) for c in points.get_facecolors()] == [RED, GREEN]
    target = ax.get_lines()[1]
    assert list(target.get_ydata()) == [100.0, 100.0]


def test_monthly_scores_below_ninety_stand_out(store):
    luoyang = store.contracts.get("luoyang-2025")
    record(store, luoyang, "2025-03")
    record(store, luoyang, "2025-04", {code: failing(luoyang.indicator(code)) for code in ("LY-01", "LY-02", "LY-03")})
    months = term_results(store, luoyang, until=Period(2025, 4))
    ax = money_history(luoyang, months).axes[0]
    assert ax.get_title() == "月度得分" and ax.get_ylim() == (0.0, 100.0)
    assert [bar.get_height() for bar in ax.patches] == [100.0, 85.0]
    assert [tuple(bar.get_facecolor()) for bar in ax.patches] == [GREEN, AMBER]


def test_a_chart_as_svg_keeps_its_chinese_text(henan_months):
    henan, months = henan_months
    svg = to_bytes(money_history(henan, months), "svg").decode("utf-8")
    assert "月度扣减" in svg and "万元" in svg
    assert to_bytes(headcount_chart(henan, months)).startswith(b"\x89PNG")


def test_the_dashboard_speaks_in_the_interface_sans_with_song_behind(henan_months):
    """Interface text in 黑体 (as the window), Song only for the characters the sans lacks; every glyph drawn."""
    import warnings

    from matplotlib.font_manager import FontProperties, findfont

    henan, months = henan_months
    fig = indicator_trend(henan, months, "HN-02")
    title = fig.axes[0].title
    assert [FontProperties(fname=str(f)).get_name() for f in FONT_FILES] == title.get_fontfamily()
    assert "Hei" in findfont(FontProperties(family=title.get_fontfamily()))   # the first one found: the sans
    with warnings.catch_warnings():
        warnings.simplefilter("error")                                   # "Glyph … missing from font(s)": tofu
        to_bytes(money_history(henan, months))
        to_bytes(fig)
