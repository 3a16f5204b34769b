"""What documents say about a contract's rules comes from its data (auditor.contract_text): readings, band
table, incident steps, remedies, termination rights, chart band lines, and the role names a roster may use.

henan-2025: 第十一条 1 % an item and incidents 1 % then cumulative 5 %; 第八条3(1)–(4) termination rights;
第五条4 third party at the operator's cost; 第六条5/第七条2 50/16/4 persons, 1 % each short; bond 第二条5.
luoyang-2025: 附件2 注 bands 90/80/70/60; 第十二条1 0.5 % a day late and the termination right; no bond, no
third-party clause. The two data-only contracts are described in test_contract_data_third.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import contract_text as text
from auditor.contracts import load_template, parse_contract, read_contract_file
from auditor.imports import read_role

CONTRACTS = Path(__file__).resolve().parents[1] / "data" / "contracts"


def builtin(template: str, drop: tuple[str, ...] = ()):
    data = load_template(template)
    for key in drop:
        data.pop(key, None)
    return parse_contract(data)


def data_file(name: str):
    return parse_contract(read_contract_file(CONTRACTS / name))


def test_henan_readings_say_its_own_steps_roles_and_clauses():
    readings = text.readings(builtin("henan-2025"))
    assert "考核指标在其考核期不达标的，每项扣减合同总金额的1%（第七条2、第十一条）" in readings
    assert ("人员缺口按各岗位分别计算后相加（一线员工/运营支撑人员/管理人员），"
            "每岗位缺口=向上取整(要求人数−月均在岗人数)；每月每缺 1 人扣减合同总金额1%（第六条5、第七条2）") in readings
    assert ("严重舆论事件按服务期累计：第1次扣合同总金额1%，第2次累计扣5%（再扣4%），"
            "第3次及以后不再加扣（合同未约定），不再按 HN-06 另扣（第十一条）；累计2次，甲方可依 第八条3(3) 解除合同") \
        in readings
    assert "合同未约定逾期违约金：逾期天数不计金额，但甲方可依 第八条3(1) 解除合同" in readings
    assert ("履约保证金 ¥323,400.00（合同总价的5%，期限一年的银行保函），"
            "服务期满后 7 个工作日内退还（第二条5）") in readings
    assert not any("分档" in line or "X≥" in line for line in readings)


def test_luoyang_readings_print_its_bands_and_no_henan_rule():
    readings = text.readings(builtin("luoyang-2025"))
    assert "分档采用左闭右开区间：X≥90 付100%；80≤X<90 付95%；70≤X<80 付85%；60≤X<70 付75%；X<60 不付（附件2 注）" \
        in readings
    assert "逾期提供服务每日按合同总金额0.5%计违约金，从逾期月份所在期次的付款中扣除（第十二条1）" in readings
    assert ("甲方可解除合同的情形：乙方未按约定的履行期限按时提供服务"
            "（甲方可同时要求支付违约金）（第十二条1）") in readings
    joined = "".join(readings)
    for henan in ("严重舆论事件", "第八条", "第五条4", "第三方", "一线员工", "履约保证金 ¥"):
        assert henan not in joined, henan


def test_a_third_points_contract_prints_its_own_band_table():
    kaifeng = data_file("points-85-75-65.json")
    assert text.band_rows(kaifeng) == [("X≥85", "付100%"), ("75≤X<85", "付90%"), ("65≤X<75", "付80%"),
                                       ("X<65", "不付")]
    assert text.chart_bands(kaifeng) == [(85.0, "100%"), (75.0, "90%"), (65.0, "80%")]
    assert text.chart_bands(builtin("henan-2025")) == []


def test_the_score_chart_draws_the_contracts_own_band_lines():
    from auditor.calendar import Period, WorkCalendar
    from auditor.charts import money_history
    from auditor.scoring import MonthEntries, assess_month

    kaifeng = data_file("points-85-75-65.json")
    month = assess_month(kaifeng, MonthEntries(Period(2026, 1)), WorkCalendar())
    figure = money_history(kaifeng, {Period(2026, 1): month})
    lines = sorted({line.get_ydata()[0] for line in figure.axes[0].lines})
    assert lines == [65, 75, 85]


def test_notice_consequences_name_only_the_remedies_the_contract_has():
    assert text.consequences(builtin("henan-2025")) == (
        "逾期未整改或整改不到位的，我单位将依据合同约定邀请第三方提供服务，相关服务费用由你单位承担；你单位不支付的，"
        "在支付合同款项时直接扣除等额费用（第五条4），并按考核指标扣减相应服务费用（第十一条）。")
    luoyang = text.consequences(builtin("luoyang-2025"))
    assert luoyang == ("逾期未整改或整改不到位的，我单位将依据合同约定"
                       "按考核指标结果核减相应期次的绩效考核金额（第五条3、附件2 注）。")
    assert "第三方" not in luoyang


def test_contracts_stored_before_remedies_were_data():
    # henan as first stored: its 第五条4 obligation still gives the third-party remedy
    assert text.remedies(builtin("henan-2025", drop=("remedies",)))[0].clause == "第五条4"
    # luoyang as first stored: no clause, no remedy — never henan's
    assert text.consequences(builtin("luoyang-2025", drop=("remedies",))) == \
        "逾期未整改或整改不到位的，我单位将依据合同约定处理。"


def test_termination_warnings_cite_the_contracts_own_clause():
    assert text.termination_warning(builtin("henan-2025"), "incidents", "严重舆论事件累计 2 次") == \
        "严重舆论事件累计 2 次，甲方可依 第八条3(3) 解除合同"
    assert text.termination_warning(data_file("deductions-other-roles.json"), "incidents", "累计 2 次") == \
        "累计 2 次，甲方可依 第十条2 解除合同"
    # luoyang has no incident rule: no clause is invented
    assert text.termination_clause(builtin("luoyang-2025"), "incidents") == ""


def test_the_incident_steps_of_another_contract():
    zhoukou = data_file("deductions-other-roles.json")
    assert text.incident_text(zhoukou) == (
        "严重投诉事件按服务期累计：第1次扣合同总金额2%，第2次累计扣6%（再扣4%），第3次及以后不再加扣（合同未约定），"
        "不再按 ZK-03 另扣（第七条2）；累计2次，甲方可依 第十条2 解除合同")


@pytest.mark.parametrize("cell, role", [
    ("话务坐席", "agent"), ("坐席人员", "agent"), ("agent", "agent"), ("一线话务员", "agent"),
    ("质检专员", "quality"), ("质检员", "quality"), ("值班长", "lead"), ("话务组长", "lead"),   # the title's head
])
def test_roster_role_names_the_contract_lists(cell, role):
    assert read_role(cell, text.role_names(data_file("deductions-other-roles.json"))) == role


def test_an_unknown_role_lists_the_contracts_own_roles():
    with pytest.raises(ValueError, match="应为 坐席人员/质检人员/班组长 之一"):
        read_role("保安", text.role_names(data_file("deductions-other-roles.json")))


def test_henan_aliases_keep_the_keywords_rosters_used():
    names = text.role_names(builtin("henan-2025"))
    assert [read_role(c, names) for c in ("一线", "话务坐席", "质检", "运维工程师", "客服主管", "管理人员")] == [
        "frontline", "frontline", "support", "support", "management", "management"]


def test_the_readings_keep_the_contracts_own_interpretations(tmp_path):
    data = json.loads((CONTRACTS / "points-85-75-65.json").read_text("utf-8"))
    data["readings"].append({"text": "节假日话务量按日均折算"})
    readings = text.readings(parse_contract(data))
    assert readings[-2:] == ["评分办法各档按左闭右开区间处理（85分属于第一档）（附件一 评分办法）",
                             "节假日话务量按日均折算"]
