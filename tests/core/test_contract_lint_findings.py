"""Contract lint (SPEC §10): what the inspector is told about a contract's text and a stored contract's data.

Each text below is the smallest contract fragment that shows one inconsistency; the figures in the
expected messages are worked out by hand from it. The data cases start from the henan-2025 template
(total ¥6,468,000.00, bond 5% = ¥323,400.00, 70 = 50 + 16 + 4 persons, four installments over
2025-09…2026-08) with one field changed, as ``auditor contract set`` would.
"""
from __future__ import annotations

import pytest

from auditor.contracts import load_template, parse_contract, set_field
from auditor.lint import lint_contract, lint_text


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.message) for f in lint_text(text)]


def test_an_amount_in_words_that_cannot_be_read_is_named():
    assert found("合同总价 ¥100.00 元（大写：壹佰元角）") == [
        ("amount_words", "error", "大写金额“壹佰元角”无法识别")]


def test_amount_in_words_without_a_figure_before_it_is_not_compared():
    assert found("（大写：壹佰元整）") == []


@pytest.mark.parametrize("text, expected", [
    ("于2025年月10日前提交", ("impossible_date", "error", "日期“2025年月10日”缺少月份")),
    ("于2025年2月30日前提交", ("impossible_date", "error", "日期“2025年2月30日”不存在")),
    ("于2025.2.30前提交", ("impossible_date", "error", "日期“2025.2.30”不存在")),
    ("于2025年13月前提交", ("impossible_date", "error", "日期“2025年13月”不存在：没有第 13 月")),
    ("签约时间2025年10月日", ("blank_date", "warning", "日期“2025年10月日”未填写日")),
])
def test_dates_that_cannot_exist_or_lack_a_part(text, expected):
    assert found(text) == [expected]


def test_a_date_five_years_off_the_others_is_flagged():
    text = "2025年3月1日起\n2025年4月1日\n2015年5月1日止"
    assert found(text) == [("unlikely_year", "warning",
                            "日期“2015年5月1日”的年份 2015 与合同其他日期（2025 年前后）相差 10 年")]


def test_signed_after_the_service_began_is_a_warning_counted_in_days():
    text = "服务期限：2025年9月1日至2026年8月31日\n签订日期：2025年11月17日"
    assert ("signed_after_start", "warning",
            "签订日期 2025-11-17 晚于服务期开始日期 2025-09-01（77 天）：此前的服务和义务缺少书面依据") in found(text)


def test_signing_is_not_compared_with_an_impossible_date():
    # the impossible dates themselves are reported; no comparison is made with them
    start_impossible = found("服务期限：2025年2月30日至2026年2月28日\n签订日期：2025年3月28日")
    signed_impossible = found("服务期限：2025年3月1日至2026年2月28日\n签订日期：2025年13月28日")
    assert [c for c, *_ in start_impossible] == ["impossible_date"]
    assert [c for c, *_ in signed_impossible] == ["impossible_date"]


def test_a_gap_in_article_numbers_is_a_warning():
    text = "第一条 总则\n第二二条 乱码\n第四条 付款"
    assert found(text) == [("numbering_gap", "warning", "条款编号不连续：第1条之后是第4条")]


def test_a_skipped_item_inside_an_article_is_a_warning_a_repeated_one_is_not():
    text = "第一条 服务\n1. 接听\n2. 派单\n2. 派单（重复）\n4. 回访"
    assert found(text) == [("numbering_gap", "warning", "第一条中款项编号跳过了 3（2 之后是 4）")]


def test_score_bands_with_a_gap_between_them():
    # 80≤X≤89 and 90≤X≤100 leave 89 < X < 90 (e.g. 89.5) in no band; a line with one condition is no table
    text = "X ≥ 95 为优秀\n80≤X≤89 付 95%，90≤X≤100 付 100%"
    assert found(text) == [("band_gap", "warning",
                            "考核分档不连续：89 < X < 90 的得分（如 89.5）不属于任何一档；本程序按左闭右开区间处理")]


def test_staff_composition_that_does_not_add_up():
    text = "运营团队共 70 人，其中一线员工 50 人、运营支撑人员 16 人、管理人员 3 人。"
    assert found(text) == [("headcount_sum", "error", "人员构成合计 69 人与总数 70 人不符")]


def test_findings_are_listed_by_line():
    text = "第一条\n于2025年2月30日前\n\n人员 10 人，其中甲 5 人、乙 4 人。"
    assert [f.where for f in lint_text(text)] == ["第 2 行", "第 4 行"]


# ------------------------------------------------------------ stored contract data

def henan_with(**changes: object):
    data = load_template("henan-2025")
    for path, value in changes.items():
        data = set_field(data, path.replace("__", "."), value)
    return parse_contract(data)


def lint(**changes: object) -> list[tuple[str, str, str]]:
    return [(f.code, f.message, f.where) for f in lint_contract(henan_with(**changes))]


def test_the_henan_template_only_reports_its_known_points():
    # its text carries YS2023-… and TS2023-… besides YS2025-…, and it was signed after the service began; the
    # wording and date findings of issue 12 are in test_contract_data_lint.py
    assert [code for code, *_ in lint()] == ["contract_number_mismatch", "signed_after_start", "headcount_wording",
                                             "installment_floor", "readiness_after_start", "bond_returned_early"]


def test_total_in_words_that_cannot_be_read():
    assert ("amount_words", "大写金额“陆佰肆拾陆万捌仟元角”无法识别", "total_in_words") in lint(
        total_in_words="陆佰肆拾陆万捌仟元角")


def test_a_bond_that_is_not_five_percent_of_the_total():
    found_ = lint(bond__amount="323000.00")
    assert ("bond_percent", "履约保证金 ¥323,000.00 ≠ 合同总价 × 5% = ¥323,400.00", "bond.amount") in found_
    assert ("amount_words", "履约保证金大写“叁拾贰万叁仟肆佰元整”与 ¥323,000.00 不一致",
            "bond.amount_in_words") in found_


def test_bond_in_words_that_cannot_be_read():
    assert ("amount_words", "履约保证金大写“叁拾贰万叁仟肆佰元角”无法识别", "bond.amount_in_words") in lint(
        bond__amount_in_words="叁拾贰万叁仟肆佰元角")


def test_an_installment_due_before_its_window_ends():
    assert ("installment_due", "第2期付款日 2025-11-20 早于其考核期结束（2025-11）", "installments[1].due") in lint(
        **{"installments[1]__due": "2025-11-20"})


def test_a_month_outside_every_installment_window():
    expected = ("installment_window", "以下月份不属于任何一期付款的考核期，其扣款无从扣除：2026-08", "installments")
    assert expected in lint(**{"installments[3]__last_month": "2026-07"})


def test_roles_that_do_not_add_up_to_the_required_team():
    assert ("headcount_sum", "各岗位人数合计 69 与要求 70 人不符", "staffing.roles") in lint(
        **{"staffing__roles[2]__required": 3})
