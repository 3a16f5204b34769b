"""The money paths a real year takes (issue 12), with figures computed by hand from the clause each test names.

henan-2025: total ¥6,468,000.00, 1% = ¥64,680.00 (第十一条, 第七条2); installments (第二条2) #1 20% = ¥1,293,600.00,
#2 40% = ¥2,587,200.00 (Sep–Nov), #3 20% = ¥1,293,600.00 (Dec–May), #4 20% = ¥1,293,600.00 (Jun–Aug, due
2026-09-10); bond 5% = ¥323,400.00, a bank guarantee returned within 7 working days after the term (第二条5).
luoyang-2025: total ¥10,329,920.00; #1 50% = ¥5,164,960.00 (Mar–Jun), #3 10% = ¥1,032,992.00 (Dec–Feb); bands
(附件2) 90 → 100%, 80 → 95%, 70 → 85%; annual items LY-10, 11, 13, 19, 20, 22, 23 = 27 points, assessed in 2026-02;
no bond (第六条 免收).
"""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from auditor.calendar import CalendarError, Period, WorkCalendar
from auditor.cli import main
from auditor.deadlines import month_state
from auditor.operations.payments import record_payment
from auditor.service import installment_result, installment_results, month_result
from auditor.submissions import due

from .builders import failing, record, with_store
from .hostile import refused

D = Decimal
HENAN_TERM = ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
              "2026-06", "2026-07", "2026-08")
ANNUAL = ("LY-10", "LY-11", "LY-13", "LY-19", "LY-20", "LY-22", "LY-23")
LATER = dt.date(2026, 10, 1)  # "today" for payments recorded through the operation


@pytest.fixture
def hn(store):
    return store.contracts.get("henan-2025")


@pytest.fixture
def ly(store):
    return store.contracts.get("luoyang-2025")


def run(db, capsys, *args: str) -> list[str]:
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out.splitlines()


def run_json(db, capsys, *args: str) -> dict:
    return json.loads("\n".join(run(db, capsys, *args, "--json")))


def henan_year(store, hn, **months) -> None:
    """Every month of henan's term entered and passed, except ``months`` (period → facts or overrides)."""
    for period in HENAN_TERM:
        facts = dict(months.get(period.replace("-", "_"), {}))
        record(store, hn, period, facts.pop("overrides", None), **facts)


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")


# ------------------------------------------------------------------ payments as they happen (SPEC §4.2)

def test_a_failure_found_after_payment_is_deducted_from_the_next_unpaid_installment(store, hn):
    # #2 is paid in full on 2025-12-31; October's HN-03 is then found failing (第十一条: 1% = ¥64,680.00): #2 stays
    # as paid, #3 takes the ¥64,680.00 as a dated adjustment: ¥1,293,600.00 − ¥64,680.00 = ¥1,228,920.00
    henan_year(store, hn)
    record_payment(store, "henan-2025", 1, dt.date(2025, 12, 8), D("1293600.00"), today=LATER)
    record_payment(store, "henan-2025", 2, dt.date(2025, 12, 31), D("2587200.00"), today=LATER)
    record(store, hn, "2025-10", {"HN-03": failing(hn.indicator("HN-03"))})
    second, third = installment_results(store, hn)[1:3]
    assert second.paid is not None and second.paid.paid_on == dt.date(2025, 12, 31)
    assert (second.deductions, second.payable) == ((), D("2587200.00"))          # frozen as paid
    [adjustment] = third.adjustments
    assert (adjustment.period, adjustment.code, adjustment.amount) == (Period(2025, 10), "HN-03", D("64680.00"))
    assert adjustment.basis.startswith(f"第2期已于 2025-12-31 付款，2025-10 于 {dt.date.today()} 变动："
                                       "HN-03 交办单退回率 不达标")
    assert third.payable == D("1228920.00")


def test_a_failure_corrected_after_payment_is_paid_back_on_the_next_installment(store, hn):
    # #2 paid ¥2,522,520.00 with October's HN-03 failing; HN-03 is corrected to a pass: #3 pays the ¥64,680.00 back
    henan_year(store, hn, **{"2025_10": {"overrides": {"HN-03": failing(hn.indicator("HN-03"))}}})
    record_payment(store, "henan-2025", 1, dt.date(2025, 12, 8), D("1293600.00"), today=LATER)
    record_payment(store, "henan-2025", 2, dt.date(2025, 12, 31), D("2522520.00"), today=LATER)
    record(store, hn, "2025-10")
    third = installment_result(store, hn, 3)
    assert [d.amount for d in third.adjustments] == [D("-64680.00")]
    assert "原扣减 ¥64,680.00 不再成立" in third.adjustments[0].basis
    assert third.payable == D("1358280.00")                                      # 1,293,600.00 + 64,680.00


def test_what_was_paid_short_is_paid_with_the_next_installment(store, hn):
    # #2 says ¥2,587,200.00; ¥2,500,000.00 was paid: the ¥87,200.00 short is added to #3 (¥1,380,800.00)
    henan_year(store, hn)
    record_payment(store, "henan-2025", 1, dt.date(2025, 12, 8), D("1293600.00"), today=LATER)
    record_payment(store, "henan-2025", 2, dt.date(2025, 12, 31), D("2500000.00"), today=LATER)
    third = installment_result(store, hn, 3)
    [adjustment] = third.adjustments
    assert adjustment.amount == D("-87200.00") and "少付 ¥87,200.00，补付" in adjustment.basis
    assert third.payable == D("1380800.00")


def test_a_change_after_every_installment_is_paid_falls_on_the_final_remainder(store, hn):
    # all four paid; August's HN-02 then fails (1% = ¥64,680.00): nothing is left to pay it from, so it is the
    # remainder, within the bond held (第二条5: ¥323,400.00)
    henan_year(store, hn)
    for number, day, amount in ((1, dt.date(2025, 12, 8), "1293600.00"), (2, dt.date(2025, 12, 31), "2587200.00"),
                                (3, dt.date(2026, 6, 10), "1293600.00"), (4, dt.date(2026, 9, 10), "1293600.00")):
        record_payment(store, "henan-2025", number, day, D(amount), today=LATER)
    record(store, hn, "2026-08", {"HN-02": failing(hn.indicator("HN-02"))})
    last = installment_result(store, hn, 4)
    assert last.payable == D("1293600.00")                                        # as paid
    assert (last.carried_over, last.bond_claim, last.to_recover) == (D("64680.00"), D("64680.00"), D("0.00"))
    assert "扣减额超出末期应付款 ¥64,680.00，可从履约保证金中扣除（第二条5）" in last.warnings


def test_a_paid_installment_cannot_be_changed_even_outside_the_program(store, hn):
    henan_year(store, hn)
    record_payment(store, "henan-2025", 1, dt.date(2025, 12, 8), D("1293600.00"), today=LATER)
    for statement in ("UPDATE payments SET amount = '0.00'", "DELETE FROM payments"):
        with pytest.raises(Exception, match="a paid installment is frozen"):
            store.db.execute(statement)


def test_payment_record_from_the_command_line_keeps_the_voucher(db, tmp_path, capsys):
    voucher = tmp_path / "凭证.pdf"
    voucher.write_bytes(b"%PDF-1.4 bank voucher")
    out = run(db, capsys, "payment", "record", "henan-2025", "1", "--paid-on", "2025-12-08",
              "--amount", "¥1,293,600.00", "--voucher", str(voucher))
    assert out == ["已登记 henan-2025 第1期付款：2025-12-08 实付 ¥1,293,600.00；本期数字自此冻结"]
    data = run_json(db, capsys, "payment", "henan-2025", "1")
    assert data["paid"] == {"paid_on": "2025-12-08", "amount": "1293600.00", "voucher": "凭证.pdf",
                            "recorded_at": data["paid"]["recorded_at"]}
    kept = with_store(db, lambda store: store.evidence.list("henan-2025", Period(2025, 12), "payment-1"))
    assert [e.filename for e in kept] == ["凭证.pdf"]
    assert "  已付款：2025-12-08 实付 ¥1,293,600.00（凭证 凭证.pdf）；本期数字按付款时冻结" in \
        run(db, capsys, "payment", "henan-2025", "1")


@pytest.mark.parametrize("args, names", [
    (["3", "--paid-on", "2025-12-31", "--amount", "100"], ("第 1 期尚未登记付款",)),
    (["1", "--paid-on", "2999-01-01", "--amount", "100"], ("晚于今天",)),
    (["1", "--paid-on", "2025-11-01", "--amount", "100"], ("早于合同签订日",)),
    (["1", "--paid-on", "2025-12-08", "--amount", "abc"], ("--amount", "不是数字")),
    (["1", "--paid-on", "2025-12-08", "--amount", "-5"], ("--amount", "负数")),
    (["1", "--paid-on", "2025-12-08", "--amount", "1.234"], ("--amount", "分")),
    (["1", "--paid-on", "2025-12-08", "--amount", "1e999999999"], ("--amount",)),
    (["1", "--paid-on", "2025-12-08"], ("--amount",)),
    (["9", "--paid-on", "2025-12-08", "--amount", "1"], ("没有第 9 期",)),
    (["1", "--paid-on", "2025-12-08", "--amount", "1", "--voucher", "/nonexistent/凭证.pdf"], ("凭证.pdf",)),
])
def test_a_payment_that_cannot_be_recorded_changes_nothing(db, capsys, args, names):
    refused(db, ["payment", "record", "henan-2025", *args], capsys, names=names)


def test_a_payment_is_recorded_once(db, capsys):
    run(db, capsys, "payment", "record", "henan-2025", "1", "--paid-on", "2025-12-08", "--amount", "1293600")
    refused(db, ["payment", "record", "henan-2025", "1", "--paid-on", "2025-12-09", "--amount", "1"], capsys,
            names=("已于 2025-12-08 登记付款",))
    refused(db, ["payment", "henan-2025", "1", "--amount", "1"], capsys, names=("payment record",))


# ------------------------------------------------------------------ after the last installment (第二条5)

def test_henan_remainder_split_between_the_bond_and_the_operator_in_json(db, capsys):
    # #4: June–August 30 short a month (第七条2) = 90% = ¥5,821,200.00 against ¥1,293,600.00 → remainder
    # ¥4,527,600.00: ¥323,400.00 from the bond, ¥4,204,200.00 to recover. The bond falls due back 7 working days
    # after 2026-08-31 (Sep 1–4, 7–9) = 2026-09-09, the day before #4 is due
    def fill(store):
        hn = store.contracts.get("henan-2025")
        henan_year(store, hn, **{m.replace("-", "_"): {"headcount": {"frontline": 20, "support": 16, "management": 4}}
                                 for m in ("2026-06", "2026-07", "2026-08")})
    with_store(db, fill)
    data = run_json(db, capsys, "payment", "henan-2025", "4")
    assert (data["payable"], data["carried_over"], data["bond_claim"], data["to_recover"]) == (
        "0.00", "4527600.00", "323400.00", "4204200.00")
    assert (data["last"], data["bond_held"], data["bond_return_on"]) == (True, "323400.00", "2026-09-09")
    assert any("2026-09-09 退还" in w and "早于末期付款期限 2026-09-10" in w for w in data["warnings"])
    assert "  履约保证金 ¥323,400.00 的退还日：2026-09-09" in run(db, capsys, "payment", "henan-2025", "4")


def test_henan_remainder_within_the_bond_is_all_claimable(store, hn):
    # #4: one month 30 short (30% = ¥1,940,400.00) − ¥1,293,600.00 = ¥646,800.00 > the bond: ¥323,400.00 each way;
    # 25 short instead (25% = ¥1,617,000.00) → ¥323,400.00, exactly the bond, nothing to recover
    henan_year(store, hn, **{"2026_07": {"headcount": {"frontline": 25, "support": 16, "management": 4}}})
    last = installment_result(store, hn, 4)
    assert (last.carried_over, last.bond_claim, last.to_recover) == (D("323400.00"), D("323400.00"), D("0.00"))


def test_luoyang_has_no_bond_so_the_whole_remainder_is_to_recover(db, capsys):
    # luoyang 第六条 免收履约保证金: December 31 days late (第十二条1: 0.5%/day = ¥1,601,137.60) beyond #3
    with_store(db, lambda store: record(store, store.contracts.get("luoyang-2025"), "2025-12", late_days=31))
    data = run_json(db, capsys, "payment", "luoyang-2025", "3")
    assert (data["carried_over"], data["bond_claim"], data["to_recover"]) == ("1601137.60", "0.00", "1601137.60")
    assert data["bond_held"] is None and data["bond_return_on"] is None
    assert not any("退还" in w for w in data["warnings"])


def test_the_payment_statement_prints_what_the_cli_says(store, hn):
    # every warning and refusal condition of `auditor payment henan-2025 4` is on the statement (a preview)
    from auditor.documents import service as docs
    from auditor.serialize import installment_notes

    henan_year(store, hn, **{m.replace("-", "_"): {"headcount": {"frontline": 20, "support": 16, "management": 4}}
                             for m in ("2026-06", "2026-07", "2026-08")})
    result = installment_result(store, hn, 4)
    text = text_of(docs.payment_statement(store, "henan-2025", 4).pdf)
    assert result.refusal_conditions and result.warnings
    for line in installment_notes(result):
        assert line.replace(" ", "") in text, line
    assert "须另行向乙方追偿¥4,204,200.00" in text and "可从履约保证金中扣除¥323,400.00" in text


def test_luoyang_statement_offers_no_bond(store, ly):
    from auditor.documents import service as docs

    record(store, ly, "2025-12", late_days=31)
    text = text_of(docs.payment_statement(store, "luoyang-2025", 3).pdf)
    assert "可从履约保证金中扣除" not in text
    assert "须另行向乙方追偿¥1,601,137.60" in text and "本合同无履约保证金" in text


# ------------------------------------------------------------------ entries the contract gives no money for

def test_henan_late_days_deduct_nothing_and_name_the_termination_clause(db, capsys):
    # henan has no per-day penalty; late service is 甲方's termination right (第八条3(1))
    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10", late_days=2))
    data = run_json(db, capsys, "score", "henan-2025", "2025-10")
    assert data["deduction_total"] == "0.00"
    assert data["warnings"] == ["逾期提供服务 2 日不扣款：合同没有按日计算的逾期违约金条款；"
                                "适用的是甲方解除合同的权利（第八条3(1)）"]
    assert "注意：逾期提供服务 2 日不扣款" in "\n".join(run(db, capsys, "score", "henan-2025", "2025-10"))


def test_henan_third_incident_deducts_nothing_more(store, hn):
    # 第十一条: 1st 1% (¥64,680.00), 2nd 5% in all (a further ¥258,720.00) and 第八条3(3); the 3rd: no step left
    henan_year(store, hn, **{"2025_09": {"incidents": 1}, "2025_10": {"incidents": 1}, "2025_11": {"incidents": 1}})
    sep, oct_, nov = (month_result(store, hn, Period(2025, m)) for m in (9, 10, 11))
    assert (sep.deduction_total, oct_.deduction_total, nov.deduction_total) == (
        D("64680.00"), D("258720.00"), D("0.00"))
    assert oct_.warnings == ("严重舆论事件累计 2 次，甲方可依 第八条3(3) 解除合同",)
    [warning] = nov.warnings
    assert warning.startswith("服务期累计第 3 次严重舆论事件不再扣款") and "第八条3(3)" in warning


def test_luoyang_headcount_gap_deducts_nothing_and_says_so(store, ly):
    # 附件1 第4项: 月均不少于110人, without a per-person rate
    record(store, ly, "2025-05", headcount={"total": 100})
    result = month_result(store, ly, Period(2025, 5))
    assert result.deduction_total == D("0.00")
    assert result.warnings == ("人员不足 10 人不扣款：合同未约定按人扣减的比例；"
                               "适用的是人员配置的约定（附件1 服务一览表 第4项）",)


def test_the_score_sheet_prints_the_warnings(store, hn):
    from auditor.documents import service as docs

    record(store, hn, "2025-10", late_days=2)
    text = text_of(docs.score_sheet(store, "henan-2025", "2025-10", with_charts=False).pdf)
    assert "注意：逾期提供服务2日不扣款" in text and "第八条3(1)" in text


# ------------------------------------------------------------------ readings as settings (附件2, SPEC §4.1)

def _exact_mean_case(store):
    """luoyang with LY-01 worth 5.02 and LY-02 4.98 (100 in all); March–May pass (100), June loses LY-01 and
    LY-03…09 (5.02 + 35 = 40.02 → 59.98): X = (300 + 59.98) / 4 = 89.995."""
    ly = store.contracts.update("luoyang-2025", {"indicators[0].points": "5.02", "indicators[1].points": "4.98"})
    for month in ("2025-03", "2025-04", "2025-05"):
        record(store, ly, month)
    record(store, ly, "2025-06", {code: failing(ly.indicator(code))
                                  for code in ("LY-01", "LY-03", "LY-04", "LY-05", "LY-06", "LY-07", "LY-08", "LY-09")})
    return ly


def test_the_band_is_chosen_on_the_exact_mean(store):
    # 89.995 is below 90: 95% band (¥4,906,712.00); shown with the digits that keep it below 90
    _exact_mean_case(store)
    ly = store.contracts.get("luoyang-2025")
    first = installment_result(store, ly, 1)
    assert (first.score_text, first.band_percent, first.payable) == ("89.9950", D(95), D("4906712.00"))


def test_the_rounded_mean_is_a_setting(store):
    # band_basis = rounded: 89.995 → 90.00 → 100% (¥5,164,960.00)
    _exact_mean_case(store)
    ly = store.contracts.update("luoyang-2025", {"settings.band_basis": "rounded"})
    first = installment_result(store, ly, 1)
    assert (first.score_text, first.band_percent, first.payable) == ("90.00", D(100), D("5164960.00"))
    assert any("band_basis=exact" in line for line in ly.settings.readings(ly.family))


def _annual_items_fail(store, ly):
    for month in ("2025-12", "2026-01"):
        record(store, ly, month)
    record(store, ly, "2026-02", {code: failing(ly.indicator(code)) for code in ANNUAL})


def test_luoyang_annual_items_weigh_in_the_final_installment_as_a_whole(store, ly):
    # default: X₃ = mean of the monthly items (73, 73, 73) + the annual points earned (0) = 73 → 85% band:
    # ¥1,032,992.00 × 85% = ¥878,043.20
    _annual_items_fail(store, ly)
    third = installment_result(store, ly, 3)
    assert (third.score_text, third.annual_points, third.band_percent, third.payable) == (
        "73.00", D(0), D(85), D("878043.20"))


def test_the_february_only_reading_is_a_setting(store, ly):
    # annual_items = assessment_month: X₃ = (100 + 100 + 73) / 3 = 91 → 100%: failing all seven costs nothing
    _annual_items_fail(store, ly)
    ly = store.contracts.update("luoyang-2025", {"settings.annual_items": "assessment_month"})
    third = installment_result(store, ly, 3)
    assert (third.score_text, third.band_percent, third.payable) == ("91.00", D(100), D("1032992.00"))


def test_a_missing_henan_item_deducts_as_failed_in_the_provisional_figure(db, capsys):
    # 第十一条: HN-03 not entered for October deducts 1% provisionally; the incidents not entered, another 1%
    def fill(store):
        hn = store.contracts.get("henan-2025")
        henan_year(store, hn, **{"2025_10": {"overrides": {"HN-03": None}, "incidents": None}})
    with_store(db, fill)
    data = run_json(db, capsys, "score", "henan-2025", "2025-10")
    assert data["provisional"] and data["deduction_total"] == "129360.00"
    assert {(d["kind"], d["code"], d["amount"], d["provisional"]) for d in data["deductions"]} == {
        ("indicator", "HN-03", "64680.00", True), ("incident", None, "64680.00", True)}
    payment = run_json(db, capsys, "payment", "henan-2025", "2")
    assert payment["provisional"] and payment["payable"] == "2457840.00"        # 2,587,200.00 − 129,360.00
    assert "暂估：含未录入项目的暂估扣减（按不达标计）" in run(db, capsys, "score", "henan-2025", "2025-10")


def test_personnel_files_of_a_month_are_due_on_the_tenth_of_the_next(hn, store):
    # SPEC §6 default: December's payroll on 2026-01-10 (第二条2), its 排班表 on 2025-12-05 (第六条6(3))
    assert due(hn, Period(2025, 12), "payroll")[1] == dt.date(2026, 1, 10)
    assert due(hn, Period(2025, 12), "schedule")[1] == dt.date(2025, 12, 5)
    same = store.contracts.update("henan-2025", {"settings.personnel_due": "same_month"})
    assert due(same, Period(2025, 12), "payroll")[1] == dt.date(2025, 12, 10)


def test_nothing_was_due_before_the_signing(hn):
    # signed 2025-11-17: September's files (due 10 Oct) and its 排班表 (5 Sep) bound nobody; nor was September
    # overdue on the dashboard
    assert due(hn, Period(2025, 9), "payroll") is None and due(hn, Period(2025, 9), "schedule") is None
    assert due(hn, Period(2025, 11), "payroll")[1] == dt.date(2025, 12, 10)
    assert month_state(Period(2025, 9), None, dt.date(2025, 12, 1), hn) == "not_started"
    assert month_state(Period(2025, 11), None, dt.date(2025, 12, 10), hn) == "overdue"


def test_assessment_from_signing_is_a_setting(store, hn):
    # assessment_start = signing: September and October are not assessed; #2 counts November alone
    record(store, hn, "2025-11")
    default = installment_result(store, hn, 2)
    assert default.incomplete_months == (Period(2025, 9), Period(2025, 10))       # deducted provisionally
    hn = store.contracts.update("henan-2025", {"settings.assessment_start": "signing"})
    september = month_result(store, hn, Period(2025, 9))
    assert not september.assessed and september.complete and september.deduction_total == D("0.00")
    second = installment_result(store, hn, 2)
    assert (second.deductions, second.incomplete_months, second.payable) == ((), (), D("2587200.00"))


# ------------------------------------------------------------------ approvals and the calendar (CLI)

def test_an_approved_staffing_change_is_not_deducted(db, capsys):
    # 第七条2: 3 managers of 4 deducts 1% (¥64,680.00) unless 甲方 agreed (经甲方同意)
    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10",
                                        headcount={"frontline": 50, "support": 16, "management": 3}))
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "64680.00"
    out = run(db, capsys, "staffing", "approve", "henan-2025", "管理人员", "2025-10", "--required", "3",
              "--on", "2025-09-28", "--reference", "豫政数函〔2025〕12号")
    assert out == ["已登记 henan-2025 甲方同意的人员变更：management 2025-10～2025-10 要求 3 人"
                   "（豫政数函〔2025〕12号）"]
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "0.00"


@pytest.mark.parametrize("args, names", [
    (["henan-2025", "话务员", "2025-10"], ("话务员", "management")),
    (["henan-2025", "management", "2024-10"], ("2024-10",)),
    (["henan-2025", "management", "2025-11", "2025-10"], ("起止颠倒",)),
])
def test_a_staffing_change_that_cannot_be_recorded_changes_nothing(db, capsys, args, names):
    refused(db, ["staffing", "approve", *args, "--required", "3", "--on", "2025-09-28", "--reference", "X"], capsys,
            names=names)


def test_a_staffing_change_over_a_finalised_month_is_refused(db, capsys):
    def final(store):
        from auditor.operations.months import finalize

        record(store, store.contracts.get("henan-2025"), "2025-10")
        finalize(store, "henan-2025", Period(2025, 10))
    with_store(db, final)
    refused(db, ["staffing", "approve", "henan-2025", "management", "2025-10", "--required", "3", "--on",
                 "2025-09-28", "--reference", "X"], capsys, names=("2025-10 已定稿",))


def test_an_approved_departure_is_no_finding(db, capsys):
    # henan 第六条6(2): 王芳 leaves on 2025-10-16; once 甲方's agreement is recorded it is no finding
    from .test_cli_personnel_text import FILES, import_all

    for name, rows in FILES.values():
        (db.parent / name).write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    import_all(db, capsys, "henan-2025")
    before = run(db, capsys, "reconcile", "henan-2025", "2025-10", "--today", "2025-11-20")
    assert any(line.startswith("人员离职未经甲方同意\t王芳") for line in before)
    out = run(db, capsys, "departure", "approve", "henan-2025", "王芳", "--on", "2025-10-10",
              "--reference", "人事函1号")
    assert out[0].startswith("已登记 henan-2025 4101") and "离职经甲方同意（人事函1号）" in out[0]
    stored = with_store(db, lambda store: store.findings.list("henan-2025", Period(2025, 10)))
    assert not any(f.title == "人员离职未经甲方同意" for f in stored)
    after = run(db, capsys, "reconcile", "henan-2025", "2025-10", "--today", "2025-11-20")
    assert not any(line.startswith("人员离职未经甲方同意") for line in after)
    refused(db, ["departure", "approve", "henan-2025", "王芳", "--on", "2025-10-10", "--reference", "X"], capsys,
            names=("已登记",))
    refused(db, ["departure", "approve", "henan-2025", "无此人", "--on", "2025-10-10", "--reference", "X"], capsys,
            names=("无此人",))
    refused(db, ["departure", "approve", "luoyang-2025", "王芳", "--on", "2025-10-10", "--reference", "X"], capsys,
            names=("没有人员离职须经甲方同意的条款",))


def test_holidays_of_a_year_the_calendar_does_not_know_are_entered_with_their_notice(db, capsys):
    # 2027 is past the package's data: refused until its notice is entered, then the week with the entered days
    with pytest.raises(CalendarError, match="auditor calendar set"):
        WorkCalendar().is_workday(dt.date(2027, 1, 4))
    notice = "国办发明电〔2026〕1号"
    assert run(db, capsys, "calendar", "set", "2027-01-01", "--holiday", "--notice", notice)[0] == \
        f"2027-01-01 记为放假日（{notice}）"
    run(db, capsys, "calendar", "set", "2027-01-09", "--workday", "--notice", notice)
    calendar = with_store(db, lambda store: store.calendar())
    assert [calendar.is_workday(dt.date(2027, 1, d)) for d in (1, 4, 9, 10)] == [False, True, True, False]
    assert calendar.add_workdays(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)
    assert run(db, capsys, "calendar", "list", "2027") == [
        "2027 年：未内置节假日安排，按录入的通知计算",
        f"  2027-01-01 周五  放假  {notice}", f"  2027-01-09 周六  上班  {notice}"]
    refused(db, ["calendar", "set", "2027-01-02", "--holiday", "--notice", " "], capsys, names=("--notice",))
    refused(db, ["calendar", "set", "2027-01-02", "--holiday"], capsys, names=("--notice",))
