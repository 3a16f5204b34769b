"""The score sheet's annex draws the term's charts itself (vector paths, the page's own fonts), with the same
content as the dashboard's: henan-2025 October with HN-02 at 99 % deducts 1 % of ¥6,468,000.00 = ¥64,680.00
and 3 persons short (一线 2, 管理 1) 3 × ¥64,680.00, in all ¥258,720.00 = 25.872 万元 (第七条2); September
passes. October's sheet has three charts: HN-02 (its failed item), the deductions, the headcount.
"""
from __future__ import annotations

import io

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from auditor import charts
from auditor.calendar import Period
from auditor.documents import service as docs
from auditor.documents.chartdraw import shown_labels, ticks
from auditor.paths import resources_dir
from auditor.service import term_results

from .builders import inspector, record

RED = tuple(round(c / 255, 3) for c in (0xC0, 0x39, 0x2B))


@pytest.fixture
def henan(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-09")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    return henan


def annex_pages(pdf: bytes) -> list[pdfplumber.page.Page]:
    doc = pdfplumber.open(io.BytesIO(pdf))
    return [page for page in doc.pages if "附：趋势图" in (page.extract_text() or "").replace(" ", "")]


def test_the_annex_says_what_the_dashboard_shows(store, henan):
    pdf = docs.score_sheet(store, "henan-2025", "2025-10", inspector(store)).pdf
    pages = annex_pages(pdf)
    assert len(pages) == 2                                             # two charts a page
    drawn = "".join(c["text"] for p in pages for c in p.chars).replace(" ", "")  # as drawn, turned text too
    months = term_results(store, henan, until=Period(2025, 10))
    for chart in (charts.trend_data(henan, months, "HN-02"), charts.money_data(henan, months),
                  charts.headcount_data(henan, months)):
        assert chart.title.replace(" ", "") in drawn and chart.unit in drawn
        for label in chart.labels:                                     # every month, its year on the first
            assert label in drawn
        for series in chart.series:
            assert series.label.replace(" ", "") in drawn
    assert "HN-02网络工单回应率" in drawn and "目标≥100%" in drawn and "2025年9月" in drawn


def test_the_deduction_bars_stand_at_their_figure(store, henan):
    pdf = docs.score_sheet(store, "henan-2025", "2025-10", inspector(store)).pdf
    money_page = next(p for p in annex_pages(pdf) if "月度扣减" in (p.extract_text() or "").replace(" ", ""))
    bars = [r for r in money_page.rects if r["fill"] and tuple(round(c, 3) for c in r["non_stroking_color"]) == RED]
    assert len(bars) == 1                                              # September deducted nothing
    tallest = bars[0]
    frame = next(r for r in money_page.rects if r["stroke"] and not r["fill"] and r["x0"] < tallest["x0"]
                 and r["top"] <= tallest["top"] and r["bottom"] >= tallest["bottom"] - 0.5)
    labels = {}
    for word in money_page.extract_words():                            # the y axis' figures, left of the plot
        middle = (word["top"] + word["bottom"]) / 2
        if word["x1"] < frame["x0"] and frame["top"] - 1 <= middle <= frame["bottom"] + 1 and word["upright"]:
            labels[word["text"]] = middle
    assert list(labels) == ["25", "20", "15", "10", "5", "0"]               # round steps, from 0: bars stand on it
    per_unit = (labels["0"] - labels["25"]) / 25                       # points per 万元 on the page
    assert tallest["height"] / per_unit == pytest.approx(25.872, abs=0.05)


def test_every_chart_character_is_in_the_font_that_draws_it(store, henan):
    """No box: each character of the annex comes from a face whose file maps it to a glyph."""
    pdf = docs.score_sheet(store, "henan-2025", "2025-10", inspector(store)).pdf
    cmaps: dict[str, dict[int, str]] = {}
    checked = 0
    for page in annex_pages(pdf):
        for char in page.chars:
            name = char["fontname"].split("+")[-1]
            if name not in cmaps:
                path = resources_dir() / "fonts" / f"{name}.ttf"
                cmaps[name] = TTFont(str(path), lazy=True).getBestCmap()
            assert ord(char["text"]) in cmaps[name], (char["text"], name)
            checked += 1
    assert checked > 100


def test_month_labels_thin_out_but_keep_every_year():
    periods = [Period(2023, 11).shift(n) for n in range(36)]
    labels = charts.month_labels(periods)
    shown = shown_labels(labels, 2)
    assert {labels[n] for n in shown if "年" in labels[n]} == {"2023年11月", "2024年1月", "2025年1月", "2026年1月"}
    ordered = sorted(shown)
    assert all(b - a >= 2 for a, b in zip(ordered, ordered[1:]))
    assert shown_labels(labels, 1) == set(range(36))


def test_y_ticks_fall_on_round_steps():
    assert ticks(0, 27.2) == ([0, 5, 10, 15, 20, 25], 0)
    assert ticks(0.1, 2.1) == ([0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0], 2)
    assert ticks(66.5, 73.5) == ([67, 68, 69, 70, 71, 72, 73], 0)
