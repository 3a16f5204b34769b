"""What ``auditor score`` and ``auditor payment`` print for a person (not --json): the figures of the
month and of the installment with the clause each deduction comes from.

henan-2025 (第七条2, 第十一条): each failed item 1% of ¥6,468,000.00 = ¥64,680.00; each person short a
month 1%; the 1st serious incident 1%. Installment #2 (40% = ¥2,587,200.00) covers 2025-09…11, #3
(20% = ¥1,293,600.00) 2025-12…2026-05.
luoyang-2025 (附件2, 第五条3, 第十二条1): #1 50% = ¥5,164,960.00 covers 2025-03…06; late service
0.5% a day = ¥51,649.60; a month not entered scores only its 27 points of annual items not yet due.
"""
from __future__ import annotations

from auditor.cli import main

from .builders import record, with_store


def run(db, capsys, *args: str) -> list[str]:
    capsys.readouterr()
    assert main(["--db", str(db), *args]) == 0
    return capsys.readouterr().out.splitlines()


def fill(db, contract_id: str, months: dict[str, dict]) -> None:
    def apply(store):
        contract = store.contracts.get(contract_id)
        for period, facts in months.items():
            overrides = facts.pop("overrides", None)
            record(store, contract, period, overrides, **facts)
    with_store(db, apply)


def test_a_henan_month_lists_each_deduction_and_the_staffing_gap(db, capsys):
    # HN-02 at 99% fails (¥64,680.00); 一线 48.5 of 50 → 2 short, 管理 3 of 4 → 1 short (3% = ¥194,040.00);
    # one serious incident (¥64,680.00): ¥323,400.00 in all
    fill(db, "henan-2025", {"2025-10": {"overrides": {"HN-02": {"value": "99"}}, "incidents": 1,
                                        "headcount": {"frontline": "48.5", "support": 16, "management": 3}}})
    out = run(db, capsys, "score", "henan-2025", "2025-10")
    assert out[0] == "河南省省级12345政务服务便民热线运营中心服务采购合同  2025年10月"
    hn02 = next(line for line in out if line.startswith("  HN-02 "))
    assert "不达标" in hn02 and hn02.endswith("扣 ¥64,680.00")
    hn06 = next(line for line in out if line.startswith("  HN-06 "))
    assert "不达标" in hn06 and hn06.endswith("扣 ¥64,680.00")
    assert "  人员：一线员工 48.5/50、运营支撑人员 16/16、管理人员 3/4，缺口 3 人" in out
    assert "本月扣减：¥323,400.00" in out
    assert not any(line.startswith("本月得分") for line in out)           # henan has no points


def test_a_month_not_fully_entered_says_what_is_missing(db, capsys):
    fill(db, "henan-2025", {"2025-10": {"overrides": {"HN-03": None}}})
    out = run(db, capsys, "score", "henan-2025", "2025-10")
    assert out[-1] == "未录入：HN-03 交办单退回率"


def test_a_henan_installment_that_deductions_exceed_pays_nothing_and_carries_the_rest(db, capsys):
    # September: 一线 0 of 50 → 50 short = 50% = ¥3,234,000.00 > #2 ¥2,587,200.00 → pays ¥0.00,
    # carries ¥646,800.00 into #3 (its months entered, all passed), which pays ¥1,293,600.00 − ¥646,800.00
    fill(db, "henan-2025", {"2025-09": {"headcount": {"frontline": 0, "support": 16, "management": 4}},
                            "2025-10": {}, "2025-11": {},
                            **{m: {} for m in ("2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05")}})
    out = run(db, capsys, "payment", "henan-2025", "2")
    assert out[0] == "河南省省级12345政务服务便民热线运营中心服务采购合同  第2期（40%，2025年12月）"
    assert out[1] == "  金额：¥2,587,200.00"
    assert "  扣减 2025-09 人员缺口：¥3,234,000.00（人员不足：一线员工缺 50 人，每人扣 1%；第六条5、第七条2）" in out
    assert "  实付：¥0.00（零元整）" in out
    assert "  结转下期扣减：¥646,800.00" in out
    assert "  暂估：未完成或未定稿的月份 2025-09、2025-10、2025-11" in out
    third = run(db, capsys, "payment", "henan-2025", "3")
    assert "  上期结转扣减：¥646,800.00" in third
    assert "  实付：¥646,800.00（陆拾肆万陆仟捌佰元整）" in third


def test_a_luoyang_installment_prints_its_score_band_and_late_service(db, capsys):
    # 2025-03…05 all passed (100 each), 2025-06 not entered (27): X = 327/4 = 81.75 → 95% band →
    # ¥4,906,712.00; 2 days late in May = ¥103,299.20 → pays ¥4,803,412.80
    fill(db, "luoyang-2025", {"2025-03": {}, "2025-04": {}, "2025-05": {"late_days": 2}})
    out = run(db, capsys, "payment", "luoyang-2025", "1")
    assert out[1] == "  金额：¥5,164,960.00"
    assert "  得分：81.75，支付比例 95%，应付 ¥4,906,712.00" in out
    assert "  扣减 2025-05 逾期违约金：¥103,299.20（逾期提供服务 2 日，每日 0.5%；第十二条1）" in out
    assert "  实付：¥4,803,412.80（肆佰捌拾万叁仟肆佰壹拾贰元捌角）" in out
    assert "  暂估：未完成或未定稿的月份 2025-03、2025-04、2025-05、2025-06" in out


def test_luoyang_has_no_bond_so_an_excess_at_the_end_is_to_be_recovered(db, capsys):
    # #3 (10% = ¥1,032,992.00) covers 2025-12…2026-02; December 31 days late = ¥1,601,137.60; the monthly
    # items earn 73 in December and nothing in the months not entered, the annual items (assessed in 2026-02,
    # not entered) nothing: X = (73 + 0 + 0) / 3 + 0 = 24.33 → 0% band, so all of it is beyond what #3 pays
    fill(db, "luoyang-2025", {"2025-12": {"late_days": 31}})
    out = run(db, capsys, "payment", "luoyang-2025", "3")
    assert "  得分：24.33，支付比例 0%，应付 ¥0.00" in out
    assert "  实付：¥0.00（零元整）" in out
    assert "  注意：扣减额超出末期应付款 ¥1,601,137.60，本合同无履约保证金，须另行向乙方追偿" in out


def test_luoyang_prints_no_claim_on_a_bond_it_does_not_have(db, capsys):
    # luoyang 第六条: 本项目免收履约保证金 — the whole remainder is to be recovered from the operator
    fill(db, "luoyang-2025", {"2025-12": {"late_days": 31}})
    out = run(db, capsys, "payment", "luoyang-2025", "3")
    assert not any(line.startswith("  可从履约保证金中扣除") for line in out)
    assert "  须另行向乙方追偿：¥1,601,137.60" in out


def test_henan_claims_from_the_bond_no_more_than_it_holds(db, capsys):
    # #4 (¥1,293,600.00) covers 2026-06…08: 30 short each month = 90% = ¥5,821,200.00 → ¥4,527,600.00 beyond it;
    # the bond (5% = ¥323,400.00) covers only that much, the rest is to be recovered from the operator;
    # the months before June are entered and pass, so nothing is carried into #4
    fill(db, "henan-2025", {m: {} for m in ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
                                            "2026-03", "2026-04", "2026-05")})
    fill(db, "henan-2025", {m: {"headcount": {"frontline": 20, "support": 16, "management": 4}}
                            for m in ("2026-06", "2026-07", "2026-08")})
    out = run(db, capsys, "payment", "henan-2025", "4")
    assert "  末期后仍余扣减：¥4,527,600.00" in out
    assert "  可从履约保证金中扣除：¥323,400.00" in out
    assert "  须另行向乙方追偿：¥4,204,200.00" in out
