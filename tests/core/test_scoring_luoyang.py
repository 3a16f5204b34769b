"""luoyang-2025 附件2 (points and bands), 第五条3 (installments), 第十二条1 (late service).

Points: LY-01…LY-14 are 5 points, LY-15…LY-24 are 3; annual items are
LY-10, 11, 13 (5 each) and LY-19, 20, 22, 23 (3 each) = 27 points.
Installments: #1 50% = ¥5,164,960.00, #2 40% = ¥4,131,968.00, #3 10% = ¥1,032,992.00.
"""
from decimal import Decimal

import pytest

from auditor.calendar import Period
from auditor.model import Status
from auditor.service import installment_result, month_result

from .builders import failing, record

D = Decimal


@pytest.fixture
def ly(store):
    return store.contracts.get("luoyang-2025")


def test_all_passed_scores_100(store, ly):
    record(store, ly, "2025-05")
    result = month_result(store, ly, Period(2025, 5))
    assert result.score == D(100)
    assert result.complete


def test_failed_item_scores_zero_for_that_item(store, ly):
    # 附件2 注: 单项指标不达标该项不得分 — LY-07 致命差错率 1.5% > 1% loses its 5 points
    record(store, ly, "2025-05", {"LY-07": {"value": "1.5"}})
    result = month_result(store, ly, Period(2025, 5))
    assert result.item("LY-07").status is Status.FAIL
    assert result.score == D(95)


def test_rate_compares_exactly(store, ly):
    # LY-15 接通率 ≥ 96%: 9600/10000 meets it; 95999/100000 (95.999%) does not and loses 3 points
    record(store, ly, "2025-05", {"LY-15": {"numerator": 9600, "denominator": 10000}})
    assert month_result(store, ly, Period(2025, 5)).item("LY-15").status is Status.PASS
    record(store, ly, "2025-05", {"LY-15": {"numerator": 95999, "denominator": 100000}})
    result = month_result(store, ly, Period(2025, 5))
    assert result.item("LY-15").status is Status.FAIL
    assert result.score == D(97)


def test_annual_items_not_yet_due_count_full(store, ly):
    record(store, ly, "2025-05")
    result = month_result(store, ly, Period(2025, 5))
    not_due = [i for i in result.items if i.status is Status.NOT_DUE]
    assert {i.code for i in not_due} == {"LY-10", "LY-11", "LY-13", "LY-19", "LY-20", "LY-22", "LY-23"}
    assert sum(i.points for i in not_due) == D(27)
    assert all(i.detail == "年度考核·本期不涉及" for i in not_due)


def test_annual_items_assessed_in_last_month(store, ly):
    # LY-11 小视频 ≥ 6 个: 5 made → loses 5 points in 2026-02
    record(store, ly, "2026-02", {"LY-11": {"value": "5"}})
    result = month_result(store, ly, Period(2026, 2))
    assert result.item("LY-11").status is Status.FAIL
    assert result.score == D(95)


def test_missing_item_earns_nothing_and_blocks_finalising(store, ly):
    record(store, ly, "2025-05", {"LY-01": None})
    result = month_result(store, ly, Period(2025, 5))
    assert result.item("LY-01").status is Status.MISSING
    assert result.score == D(95)
    assert not result.complete


def _scores(store, ly, scores_by_month):
    """Record months with the given scores by failing 5-point and 3-point monthly items."""
    five = [f"LY-0{i}" for i in range(1, 10)]
    three = ["LY-15", "LY-16", "LY-17", "LY-18", "LY-21", "LY-24"]
    for period, score in scores_by_month.items():
        lost = 100 - score
        n5 = next(n for n in range(len(five) + 1)
                  if 0 <= lost - 5 * n <= 3 * len(three) and (lost - 5 * n) % 3 == 0)
        n3 = (lost - 5 * n5) // 3
        overrides = {code: failing(ly.indicator(code)) for code in five[:n5] + three[:n3]}
        record(store, ly, period, overrides)
        assert month_result(store, ly, Period.parse(period)).score == D(score)


def test_mean_of_exactly_89_5_falls_in_the_95_percent_band(store, ly):
    # 附件2 注 with half-open bands: 80 ≤ X < 90 → 95%; #1 covers 2025-03…06
    _scores(store, ly, {"2025-03": 92, "2025-04": 87, "2025-05": 92, "2025-06": 87})
    result = installment_result(store, ly, 1)
    assert result.score == D("89.50")
    assert result.band_percent == D(95)
    assert result.amount == D("5164960.00")
    assert result.payable == D("4906712.00")   # 5,164,960.00 × 95%


def test_mean_of_90_pays_in_full(store, ly):
    _scores(store, ly, {"2025-03": 92, "2025-04": 88, "2025-05": 90, "2025-06": 90})
    result = installment_result(store, ly, 1)
    assert (result.score, result.band_percent, result.payable) == (D("90.00"), D(100), D("5164960.00"))


def test_mean_below_60_pays_nothing(store, ly):
    # #3 covers 2025-12…2026-02 (10% = 1,032,992.00); X = (59+59+59)/3 = 59 → 0%
    _scores(store, ly, {"2025-12": 59, "2026-01": 59, "2026-02": 59})
    result = installment_result(store, ly, 3)
    assert result.score == D("59.00")
    assert result.payable == D("0.00")


def test_mean_is_rounded_to_two_decimals_half_up(store, ly):
    # #2 covers 2025-07…11
    _scores(store, ly, {"2025-07": 79, "2025-08": 79, "2025-09": 80, "2025-10": 80, "2025-11": 81})
    result = installment_result(store, ly, 2)
    assert result.score == D("79.80")          # 399/5
    assert result.band_percent == D(85)         # 70 ≤ X < 80
    assert result.payable == D("3512172.80")    # 4,131,968.00 × 85%


def test_late_service_is_deducted_from_the_next_installment(store, ly):
    # 第十二条1: 0.5% of 10,329,920.00 per day = 51,649.60; 2 days late in 2025-05 → 103,299.20 off #1
    for month in ("2025-03", "2025-04", "2025-06"):
        record(store, ly, month)
    record(store, ly, "2025-05", late_days=2)
    result = installment_result(store, ly, 1)
    assert result.score == D("100.00")
    assert [d.amount for d in result.deductions] == [D("103299.20")]
    assert result.payable == D("5061660.80")    # 5,164,960.00 − 103,299.20
    assert not result.incomplete_months


def test_unrecorded_months_make_the_installment_provisional(store, ly):
    record(store, ly, "2025-03")
    result = installment_result(store, ly, 1)
    assert result.provisional
    assert result.incomplete_months == (Period(2025, 4), Period(2025, 5), Period(2025, 6))


def test_installments_add_up_to_the_total(store, ly):
    from auditor.scoring import installment_amounts

    assert installment_amounts(ly) == [D("5164960.00"), D("4131968.00"), D("1032992.00")]
    assert sum(installment_amounts(ly)) == ly.total


def test_a_month_without_a_score_counts_zero_in_the_mean_like_a_month_not_entered(store, ly):
    # a month finalised under a deductions version of the contract has no score: under points terms it counts
    # 0, as a month not entered does, instead of stopping every installment with an internal error
    import dataclasses

    from auditor.scoring import assess_installments
    from auditor.service import term_results

    _scores(store, ly, {"2025-03": 92, "2025-04": 92, "2025-05": 92, "2025-06": 92})
    months = term_results(store, ly)
    months[Period(2025, 6)] = dataclasses.replace(months[Period(2025, 6)], score=None)
    first = assess_installments(ly, months)[0]
    # the monthly items earn 92 − 27 = 65 in each scored month, 0 in the month without a score; the annual
    # items (not yet due) count full once, as a whole: X = (65 + 65 + 65 + 0) / 4 + 27 = 75.75
    assert first.score == D("75.75")
    assert first.band_percent == D(85)           # 70 ≤ X < 80
    assert first.payable == D("4390216.00")      # 5,164,960.00 × 85%
