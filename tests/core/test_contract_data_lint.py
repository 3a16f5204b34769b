"""Contract lint, issue 12: the inconsistencies the seeds hold, found in the text and in the stored data,
each naming its clause.

* henan 第一条2 「不少于 70 人」 vs 第六条5 「人员数量 70 人」 and 第七条2 「团队人员为70人」;
* henan 第二条2: installment 2 「不低于合同总金额的 40%」, the others fixed shares;
* henan 第一条4: ready 15 calendar days after signing 2025-11-17 = 2025-12-02, after the start 2025-09-01
  (92 days: 30 in September, 31 in October, 30 in November, 1 in December);
* henan 第二条5: the bond back 7 working days after 2026-08-31 (Mon) = 2026-09-09 (Sep 1–4, 7–9), not after
  installment 4's date 2026-09-10;
* luoyang 附件2: 「2次」 (LY-22), 「95.00%」 (LY-23), 「95%」 (LY-24) written without ≥ or ≤ (100% and 0 件
  cannot be read two ways and are not reported);
* luoyang 签署页: 甲方's date 「2015年 第25 月 日」 is no date, 乙方's block has none.
"""
from __future__ import annotations

import pytest

from auditor.contracts import load_template, parse_contract, set_field
from auditor.lint import lint_contract, lint_text

from .builders import SEEDS

LUOYANG_TEXT = (SEEDS / "000_9b833517c6a95ec1.txt").read_text("utf-8")
HENAN_TEXT = (SEEDS / "001_0162cc816466ee72.txt").read_text("utf-8")
NEW_CODES = {"headcount_wording", "installment_floor", "readiness_after_start", "bond_returned_early",
             "target_without_comparator", "signature_undated"}


def text_findings(text: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.message, f.where) for f in lint_text(text) if f.code in NEW_CODES]


def data_findings(template: str, **changes) -> list[tuple[str, str, str]]:
    data = load_template(template)
    for path, value in changes.items():
        data = set_field(data, path, value)
    return [(f.code, f.message, f.where) for f in lint_contract(parse_contract(data)) if f.code in NEW_CODES]


# ------------------------------------------------------------------ the seeds' text

def test_henan_text_headcount_floor_against_the_fixed_team():
    assert ("headcount_wording", "第一条2写“不少于70人”，第六条5、第七条2写“70人”：人数是下限还是定额不一致",
            "第一条2，第 75 行") in text_findings(HENAN_TEXT)


def test_henan_text_installment_two_is_a_floor():
    assert ("installment_floor", "第二条2：付款比例“不低于合同总金额的 40%”是下限，同款其余各期为定额：多付时其余各期的"
            "金额随之不定", "第二条2，第 92 行") in text_findings(HENAN_TEXT)


def test_henan_text_readiness_falls_after_the_service_began():
    assert ("readiness_after_start", "第一条4：到位期限为签订（2025-11-17）后15日历天内，即 2025-12-02 前，晚于服务期"
            "开始日期 2025-09-01：服务期最初 92 天没有到位要求", "第一条4，第 85 行") in text_findings(HENAN_TEXT)


def test_henan_text_bond_back_before_the_last_installment():
    assert ("bond_returned_early", "第二条5：履约保证金于服务期满（2026-08-31）后7工作日内、即 2026-09-09 前退还，"
            "不晚于末期付款日 2026-09-10：末期的扣减超出应付款时已无保证金可扣", "第二条5，第 104 行") \
        in text_findings(HENAN_TEXT)


def test_henan_text_signature_blocks_carry_dates_and_its_targets_all_have_a_direction():
    codes = [code for code, *_ in text_findings(HENAN_TEXT)]
    assert "signature_undated" not in codes          # 签约日期 2025年11月17日 under both blocks
    assert "target_without_comparator" not in codes  # 100% and 0 件 only, besides ≥/≤ targets


def test_luoyang_text_targets_without_a_comparator():
    found = [f for f in text_findings(LUOYANG_TEXT) if f[0] == "target_without_comparator"]
    assert found == [
        ("target_without_comparator", "指标表第22项“安全演练”要求写作“2次”，未写比较方向（≥ 或 ≤）", "第 203 行"),
        ("target_without_comparator", "指标表第23项“人员培训覆盖率”要求写作“95.00%”，未写比较方向（≥ 或 ≤）",
         "第 204 行"),
        ("target_without_comparator", "指标表第24项“互联网渠道服务180秒内响应率”要求写作“95%”，未写比较方向（≥ 或 ≤）",
         "第 205 行")]


def test_luoyang_text_signature_blocks_without_a_date():
    found = [f for f in text_findings(LUOYANG_TEXT) if f[0] == "signature_undated"]
    assert found == [("signature_undated", "甲方签字栏的签署日期“2015年 第25 月 日”不是有效日期", "第 147 行"),
                     ("signature_undated", "乙方签字栏没有签署日期", "第 165 行")]


@pytest.mark.parametrize("text", [
    "组建不少于 70 人的团队。\n配备运营团队人员数量 72 人。",   # different figures: two statements, not one team
    "2025年12月，支付合同总金额的 40%。",                     # a fixed share
    "签约日期 2025年2月1日\n服务期限：2025年3月1日至2026年2月28日\n自合同签订之日起15日历天内到位",  # by 2025-02-16
    "甲方：\n授权代表（签字）：\n签订日期：2025.3.28",
])
def test_consistent_wording_is_not_reported(text):
    assert text_findings(text) == []


# ------------------------------------------------------------------ the stored data

def test_henan_data_reports_each_with_its_clause():
    assert data_findings("henan-2025") == [
        ("headcount_wording", "第一条2写“不少于70人”，第六条5、第七条2写“70人”：人数是下限还是定额不一致；"
         "本程序按各岗位定额（合计 70 人）考核", "staffing.as_written"),
        ("installment_floor", "第2期付款比例写作“不低于合同总金额的 40%”（第二条2），是下限，第1、3、4期为定额："
         "本程序按 40% 核算，多付时其余各期的金额随之不定", "installments[1].percent_text"),
        ("readiness_after_start", "第一条4：到位期限为签订（2025-11-17）后15日内，即 2025-12-02 前，"
         "晚于服务期开始日期 2025-09-01：服务期最初 92 天没有到位要求", "obligations[7].after_signing"),
        ("bond_returned_early", "第二条5：履约保证金于服务期满（2026-08-31）后 7 个工作日内、即 2026-09-09 前退还，"
         "不晚于第4期（末期）付款日 2026-09-10：末期的扣减超出应付款时已无保证金可扣", "bond.return_working_days"),
    ]


def test_luoyang_data_reports_each_with_its_clause():
    assert data_findings("luoyang-2025") == [
        ("target_without_comparator", "LY-22 安全演练：合同写“2次”，未写比较方向（附件2 第22项）；本程序按 ≥2次 考核",
         "indicators[21].target_as_written"),
        ("target_without_comparator", "LY-23 人员培训覆盖率：合同写“95.00%”，未写比较方向（附件2 第23项）；本程序按 "
         "≥95% 考核", "indicators[22].target_as_written"),
        ("target_without_comparator", "LY-24 互联网渠道服务180秒内响应率：合同写“95%”，未写比较方向（附件2 第24项）；"
         "本程序按 ≥95% 考核", "indicators[23].target_as_written"),
        ("signature_undated", "签署页 甲方签字栏的签署日期“2015年 第25 月 日”不是有效日期",
         "signature_blocks[0].date_text"),
        ("signature_undated", "签署页 乙方签字栏没有签署日期", "signature_blocks[1].date_text"),
    ]


def test_fixing_the_data_clears_the_finding():
    # the bond back 15 working days after the term: 2026-09-21 (Sep 1–4, 7–11, 14–18, 21), after 2026-09-10
    assert "bond_returned_early" not in [c for c, *_ in data_findings("henan-2025", **{"bond.return_working_days": 15})]
    # the team written the same way everywhere
    assert "headcount_wording" not in [c for c, *_ in data_findings(
        "henan-2025", **{"staffing.as_written[0].text": "组建 70 人的运营团队"})]
    # signed on the day the service began: ready 2025-09-16, still after 2025-09-01
    assert "readiness_after_start" in [c for c, *_ in data_findings("henan-2025", signed_on="2025-09-01")]
    # ready in 0 days: on the signing day, 2025-08-31, before the start
    assert "readiness_after_start" not in [c for c, *_ in data_findings(
        "henan-2025", signed_on="2025-08-31", **{"obligations[7].after_signing.amount": 0})]
