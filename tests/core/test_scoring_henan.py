"""henan-2025 第七条2 (staffing), 第十一条 (indicators and 严重舆论事件), 第二条2 (installments).

1% of the total ¥6,468,000.00 is ¥64,680.00.  Installments: #1 20% = ¥1,293,600.00,
#2 40% = ¥2,587,200.00, #3 and #4 20% = ¥1,293,600.00 each.
"""
import datetime as dt
from decimal import Decimal

import pytest

from auditor.calendar import Period
from auditor.model import Status
from auditor.service import installment_result, installment_results, month_result

from .builders import failing, record

D = Decimal
ONE_PERCENT = D("64680.00")
MONTHLY = ["HN-02", "HN-03", "HN-04", "HN-08", "HN-09"]
QUARTERLY = ["HN-01", "HN-05", "HN-07", "HN-10"]


@pytest.fixture
def hn(store):
    return store.contracts.get("henan-2025")


def test_failed_monthly_item_deducts_one_percent(store, hn):
    # 第十一条: 其他服务考核指标未达到的，每个考核期出现一项扣减合同总金额1%
    record(store, hn, "2025-10", {"HN-03": {"numerator": 13, "denominator": 1200}})   # 1.083% > 1%
    result = month_result(store, hn, Period(2025, 10))
    assert result.item("HN-03").status is Status.FAIL
    assert result.deduction_total == ONE_PERCENT


def test_quarterly_items_are_due_in_the_month_closing_the_service_quarter(store, hn):
    record(store, hn, "2025-10")
    october = month_result(store, hn, Period(2025, 10))
    assert {i.code for i in october.items if i.status is Status.NOT_DUE} == set(QUARTERLY)
    record(store, hn, "2025-11", {"HN-01": {"value": "95.99"}})
    november = month_result(store, hn, Period(2025, 11))
    assert november.item("HN-01").status is Status.FAIL
    assert november.deduction_total == ONE_PERCENT


def test_calendar_quarters_are_a_setting(store, hn):
    hn = store.contracts.update("henan-2025", {"settings.quarter_alignment": "calendar"})
    record(store, hn, "2025-09")   # Jul–Sep closes in September
    assert month_result(store, hn, Period(2025, 9)).item("HN-01").status is Status.PASS
    record(store, hn, "2025-11")
    assert month_result(store, hn, Period(2025, 11)).item("HN-01").status is Status.NOT_DUE


def test_complaints_rate_needs_both_counts(store, hn):
    # HN-05 ≤ 0.01% of the quarter's connected calls: 1/10,000 = 0.01% passes, 2/10,000 fails
    record(store, hn, "2025-11", {"HN-05": {"numerator": 1, "denominator": 10000}})
    assert month_result(store, hn, Period(2025, 11)).item("HN-05").status is Status.PASS
    record(store, hn, "2025-11", {"HN-05": {"numerator": 2, "denominator": 10000}})
    assert month_result(store, hn, Period(2025, 11)).item("HN-05").status is Status.FAIL


def test_exempt_item_deducts_nothing(store, hn):
    # HN-01 备注: 因突发事件等客观原因引起的短期接通率下降可以免责
    record(store, hn, "2025-11", {"HN-01": {"exempt": True, "reason": "11月3日暴雨突发事件，话务激增"}})
    result = month_result(store, hn, Period(2025, 11))
    assert result.item("HN-01").status is Status.EXEMPT
    assert result.deduction_total == D("0.00")


def test_event_log_uses_working_days(store, hn):
    # HN-02: 1 working day. Fri 10-10 17:00 → Sat 10-11 is a make-up workday → due by 10-12 00:00.
    events = [{"received_at": "2025-10-10 17:00", "done_at": "2025-10-11 18:00"},
              {"received_at": "2025-10-10 17:05", "done_at": "2025-10-13 09:00"}]
    record(store, hn, "2025-10", {"HN-02": {"events": events}})
    item = month_result(store, hn, Period(2025, 10)).item("HN-02")
    assert item.actual == D(50)
    assert item.status is Status.FAIL


def test_no_incident_no_deduction(store, hn):
    record(store, hn, "2025-10", incidents=0)
    result = month_result(store, hn, Period(2025, 10))
    assert result.item("HN-06").status is Status.PASS
    assert result.deduction_total == D("0.00")


def test_first_incident_one_percent_second_five_in_all(store, hn):
    # 第十一条: 出现一次扣减1%，出现2次扣减5% (a further 4%) and 第八条3(3) termination right
    record(store, hn, "2025-10", incidents=1)
    record(store, hn, "2026-01", incidents=1)
    october = month_result(store, hn, Period(2025, 10))
    january = month_result(store, hn, Period(2026, 1))
    assert october.deduction_total == ONE_PERCENT
    assert october.item("HN-06").deduction == ONE_PERCENT
    assert not october.warnings
    assert january.deduction_total == D("258720.00")      # 4% of 6,468,000.00
    assert january.incidents_to_date == 2
    assert any("解除合同" in w for w in january.warnings)


def test_two_incidents_in_one_month_deduct_five_percent(store, hn):
    record(store, hn, "2025-10", incidents=2)
    result = month_result(store, hn, Period(2025, 10))
    assert [d.kind for d in result.deductions] == ["incident"]
    assert result.deduction_total == D("323400.00")       # 5%


def test_third_incident_adds_nothing_beyond_five_percent(store, hn):
    record(store, hn, "2025-10", incidents=2)
    record(store, hn, "2025-12", incidents=1)
    assert month_result(store, hn, Period(2025, 12)).deduction_total == D("0.00")


def test_staffing_shortfall_per_role(store, hn):
    # 第七条2: each person short per month deducts 1%; 一线 48.5 → 2, 管理 3 → 1: 3 persons = 3%
    record(store, hn, "2025-10", headcount={"frontline": "48.5", "support": 16, "management": 3})
    result = month_result(store, hn, Period(2025, 10))
    assert result.staffing_shortfall == 3
    assert result.deduction_total == D("194040.00")


def test_staffing_basis_total_is_a_setting(store, hn):
    # 一线 51, 管理 3: per role one manager short (1%); on the total, 70 = 70 → nothing
    record(store, hn, "2025-10", headcount={"frontline": 51, "support": 16, "management": 3})
    assert month_result(store, hn, Period(2025, 10)).deduction_total == ONE_PERCENT
    hn = store.contracts.update("henan-2025", {"settings.staffing_basis": "total"})
    assert month_result(store, hn, Period(2025, 10)).deduction_total == D("0.00")


def test_approved_change_lowers_the_requirement(store, hn):
    # 第七条2: 人数变化需经甲方同意 — an approved change to 3 managers for Oct–Nov
    store.months.add_staffing_change(hn, "management", Period(2025, 10), Period(2025, 11), 3,
                                     "豫政数函〔2025〕12号", dt.date(2025, 9, 28))
    record(store, hn, "2025-10", headcount={"frontline": 50, "support": 16, "management": 3})
    record(store, hn, "2025-12", headcount={"frontline": 50, "support": 16, "management": 3})
    assert month_result(store, hn, Period(2025, 10)).deduction_total == D("0.00")
    assert month_result(store, hn, Period(2025, 12)).deduction_total == ONE_PERCENT


def test_first_installment_has_no_deductions(store, hn):
    record(store, hn, "2025-09", {"HN-02": {"value": "90"}})
    record(store, hn, "2025-10")
    record(store, hn, "2025-11")
    first = installment_result(store, hn, 1)
    assert first.installment.due == dt.date(2025, 12, 8)
    assert (first.amount, first.deductions, first.payable) == (D("1293600.00"), (), D("1293600.00"))
    assert installment_result(store, hn, 2).deduction_total == ONE_PERCENT


def _bad_quarter(store, hn):
    """Sep–Nov with every monthly item failing, all quarterly items failing in Nov, 10 short a month."""
    for month in ("2025-09", "2025-10", "2025-11"):
        overrides = {code: failing(hn.indicator(code)) for code in MONTHLY}
        if month == "2025-11":
            overrides.update({code: failing(hn.indicator(code)) for code in QUARTERLY})
        record(store, hn, month, overrides, headcount={"frontline": 40, "support": 16, "management": 4})


def test_excess_deductions_carry_to_the_next_installment(store, hn):
    # 15 monthly failures + 4 quarterly = 19% = 1,228,920.00; staffing 10 × 3 months = 30% = 1,940,400.00
    # total 3,169,320.00 > #2 2,587,200.00 → pay 0, carry 582,120.00 into #3 (1,293,600.00)
    _bad_quarter(store, hn)
    for month in ("2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"):
        record(store, hn, month)
    second, third = installment_result(store, hn, 2), installment_result(store, hn, 3)
    assert second.deduction_total == D("3169320.00")
    assert (second.payable, second.carried_over) == (D("0.00"), D("582120.00"))
    assert third.carried_in == D("582120.00")
    assert third.payable == D("711480.00")


def test_excess_after_the_last_installment_is_claimable_from_the_bond_up_to_the_bond_held(store, hn):
    # #4 covers Jun–Aug: 3 months × 30 persons short = 90% = 5,821,200.00 > 1,293,600.00; the remainder
    # 4,527,600.00 is claimable from the bond only up to the 323,400.00 held (第二条5), the rest recovered;
    # the earlier months are entered and pass, so nothing is carried in
    for month in ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"):
        record(store, hn, month)
    for month in ("2026-06", "2026-07", "2026-08"):
        record(store, hn, month, headcount={"frontline": 20, "support": 16, "management": 4})
    last = installment_results(store, hn)[-1]
    assert last.payable == D("0.00")
    assert last.carried_over == D("4527600.00")   # 5,821,200.00 − 1,293,600.00, the whole remainder
    assert last.bond_claim == D("323400.00")
    assert last.to_recover == D("4204200.00")


def test_missing_personnel_information_is_a_refusal_condition(store, hn):
    # 第二条2: 每月10日前上报人员信息 … 否则甲方可以拒绝付款并不视为违约; #2 due 2025-12-31. The files of month M
    # are due on the 10th of M+1 (SPEC §6): September's on 10 Oct and October's on 10 Nov came before the
    # signing (2025-11-17) and bind nobody; November's fall on 10 Dec ≤ 31 Dec; December's on 10 Jan do not
    for period in ("2025-09", "2025-10", "2025-11", "2025-12"):
        for kind in ("roster", "payroll", "insurance", "transfers"):
            if period != "2025-09" and not (period == "2025-11" and kind == "insurance"):
                store.months.record_submission("henan-2025", Period.parse(period), kind, dt.date(2025, 12, 1))
    conditions = installment_result(store, hn, 2).refusal_conditions
    assert len(conditions) == 1
    assert "2025年11月" in conditions[0] and "五险一金缴纳记录" in conditions[0]


def test_henan_has_no_points(store, hn):
    record(store, hn, "2025-10")
    result = month_result(store, hn, Period(2025, 10))
    assert result.score is None
    assert all(i.points is None for i in result.items)
