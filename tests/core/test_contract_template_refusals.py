"""A contract edited into something the engine cannot score is refused, each problem named by its field.

These are what ``auditor contract set`` and the 合同 page hand to ``parse_contract``: the built-in
templates with one field changed. henan-2025 is the deductions family (10 indicators HN-01…HN-10, roles
frontline/support/management, installments 20/40/20/20 % over 2025-09…2026-08); luoyang-2025 the
points family (24 indicators worth 100 points, five bands down to 0).
"""
from __future__ import annotations

from typing import Any

import pytest

from auditor.contracts import load_template, parse_contract, set_field
from auditor.errors import TemplateError


def edited(template: str, *changes: tuple[str, Any]) -> dict[str, Any]:
    data = load_template(template)
    for path, value in changes:
        data = set_field(data, path, value)
    return data


def problems(data: dict[str, Any]) -> tuple[str, list[str]]:
    with pytest.raises(TemplateError) as caught:
        parse_contract(data, source="合同 henan-2025")
    return caught.value.args[0], caught.value.problems


@pytest.mark.parametrize("change, expected", [
    (("total_in_words", 5), "total_in_words: 应为文本，实为 5"),
    (("family", "bands"), 'family: 取值应为 "points"、"deductions" 之一，实为 "bands"'),
    (("total", "6,468,000"), 'total: 格式不正确："6,468,000"'),
    (("indicators[0].time_limit", {"amount": 0, "unit": "hours"}), "indicators[0].time_limit.amount: 不能小于 1"),
    (("obligations[0].day_of_month", 31), "obligations[0].day_of_month: 不能大于 28"),
    (("indicators", []), "indicators: 不能为空"),
    (("name", ""), "name: 不能为空"),
    (("schema_version", 2), "schema_version: 应为 1"),
])
def test_a_field_of_the_wrong_form_is_named_with_what_it_should_be(change, expected):
    head, found = problems(edited("henan-2025", change))
    assert head == "合同 henan-2025 不符合合同模板格式："
    assert expected in found


def test_a_missing_or_unknown_field_is_named():
    data = edited("henan-2025")
    del data["name"]
    data["surprise"] = 1
    _, found = problems(data)
    assert "（根）: 缺少必填字段“name”" in found
    assert any(p.startswith("（根）: 有未知字段") and "surprise" in p for p in found), found


@pytest.mark.parametrize("change, expected", [
    (("staffing.roles[0].required", 10**30),
     "staffing.roles[0].required: 100000000000000000000000000… 超出范围（人数应为 0 至 100,000 之间的整数）"),
    (("staffing.roles[0].required", 10**70),        # too long even to be read as a number
     "staffing.roles[0].required: 超出范围（人数应为 0 至 100,000 之间的整数）"),
    (("signed_on", "1899-12-31"), "signed_on: 日期 1899-12-31 超出范围（应在 1900 至 2100 年之间）"),
    (("service.end", "2036-08-31"), "service.end: 服务期超出范围（最长 10 年）"),
])
def test_a_figure_out_of_any_sane_range(change, expected):
    head, found = problems(edited("henan-2025", change))
    assert head == "合同 henan-2025 有超出范围的数值："
    assert found == [expected]


@pytest.mark.parametrize("changes, expected", [
    ([("service.end", "2025-08-31")], "service.end: 服务期结束日期早于开始日期"),
    ([("service.start", "2025-02-30")], "service.start: 日期“2025-02-30”不存在"),
    ([("installments[1].first_month", "2025-13")], "installments[1].first_month: 月份“2025-13”不存在"),
    ([("indicators[1].code", "HN-01")], "indicators[1].code: 指标编号 HN-01 重复"),
    ([("indicators[0].code", "LY-01")], "indicators[0].code: 指标编号 LY-01 应以 HN- 开头"),
    ([("staffing.roles[1].key", "frontline")], "staffing.roles[1].key: 岗位“frontline”重复"),
    ([("installments[1].number", 3)], "installments[1].number: 期次应为 2"),
    ([("installments[1].last_month", None)], "installments[1]: first_month 与 last_month 须同时给出或同时为空"),
    ([("installments[1].first_month", "2025-11"), ("installments[1].last_month", "2025-09")],
     "installments[1].last_month: 早于 first_month"),
    ([("installments[3].last_month", "2026-09")], "installments[3]: 考核月份超出服务期"),
    ([("installments[2].first_month", "2025-11")], "installments[2]: 考核月份与第2期重叠"),
    ([("installments[0].percent", "25")], "installments: 各期付款比例合计应为 100%，实为 105%"),
])
def test_a_deductions_contract_that_does_not_hold_together(changes, expected):
    head, found = problems(edited("henan-2025", *changes))
    assert head == "合同 henan-2025 有不一致之处："
    assert expected in found


def test_a_deductions_indicator_needs_its_deduction():
    data = edited("henan-2025")
    del data["indicators"][0]["deduction_percent"]
    assert "indicators[0].deduction_percent: 扣款制合同的指标必须有扣减比例" in problems(data)[1]


def test_a_points_indicator_needs_its_points_and_the_points_make_100():
    data = edited("luoyang-2025")
    del data["indicators"][0]["points"]                 # LY-01 is worth 5
    found = problems(data)[1]
    assert "indicators[0].points: 计分制合同的指标必须有分值" in found
    assert "indicators: 各指标分值合计应为 100，实为 95" in found


def test_points_bands_must_exist_descend_and_reach_zero():
    data = edited("luoyang-2025")
    del data["scoring"]["bands"]
    assert problems(data)[1] == ["scoring.bands: 计分制合同必须有付款分档"]
    bands = load_template("luoyang-2025")["scoring"]["bands"]
    swapped = edited("luoyang-2025", ("scoring.bands", [bands[1], bands[0], *bands[2:]]))
    assert problems(swapped)[1] == ["scoring.bands: 分档下限须从高到低排列且不重复"]
    floor = edited("luoyang-2025", ("scoring.bands", [*bands[:-1], {**bands[-1], "min": "10"}]))
    assert problems(floor)[1] == ["scoring.bands: 最低一档下限须为 0，否则低分无档可依"]


@pytest.mark.parametrize("path, message", [
    ("", "字段路径“”为空"),
    ("total.amount", "合同中没有字段“total.amount”"),
    ("installments[9].due", "合同中没有字段“installments[9].due”"),
    ("installments[9]", "合同中没有字段“installments[9]”"),
])
def test_a_field_path_that_leads_nowhere(path, message):
    with pytest.raises(TemplateError, match=message.replace("[", r"\[").replace("]", r"\]")):
        set_field(load_template("henan-2025"), path, "1")


def test_an_unknown_template_lists_the_ones_there_are():
    with pytest.raises(TemplateError, match="没有名为“henan-2024”的合同模板；可用模板：henan-2025、luoyang-2025"):
        load_template("henan-2024")

