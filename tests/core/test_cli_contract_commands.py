"""The contract commands as printed for a person: the list, a new contract, an edit (or none), lint."""
from __future__ import annotations

from .builders import cli as run
from .hostile import refused


def test_the_contract_list_names_operator_total_and_term(db, capsys):
    assert run(db, capsys, "contracts") == [
        "henan-2025\t河南省省级12345政务服务便民热线运营中心服务采购合同\t河南龙翼信息技术有限公司\t¥6,468,000.00\t"
        "2025-09-01 ~ 2026-08-31",
        "luoyang-2025\t洛阳市12345政务服务便民热线购买服务项目合同\t中移在线服务有限公司\t¥10,329,920.00\t"
        "2025-03-01 ~ 2026-02-28"]


def test_a_new_contract_from_a_template_with_a_field_set(db, capsys):
    assert run(db, capsys, "contract", "new", "henan-2025", "henan-copy", "--set", "name=河南热线（副本）") == [
        "已创建合同 henan-copy（河南热线（副本））"]
    assert [line.split("\t")[0] for line in run(db, capsys, "contracts")] == ["henan-2025", "henan-copy",
                                                                             "luoyang-2025"]


def test_an_edit_names_its_version_and_an_edit_to_the_same_value_changes_nothing(db, capsys):
    assert run(db, capsys, "contract", "set", "henan-2025", "settings.notice_deadline_days=10") == [
        "已修改合同 henan-2025（第 2 版）：settings.notice_deadline_days"]
    assert run(db, capsys, "contract", "set", "henan-2025", "settings.notice_deadline_days=10") == [
        "合同 henan-2025 未改变：所给的值与现行内容相同"]


def test_a_control_character_inside_a_json_object_or_list_is_refused(db, capsys):
    refused(db, ["contract", "set", "henan-2025",
                 'party_b={"name": "河南龙翼\\u202e信息技术有限公司", "short_name": "龙翼"}'], capsys,
            names=("party_b", "控制字符"))
    refused(db, ["contract", "set", "henan-2025", 'contract_numbers_in_text=["YS2025\\u0000"]'], capsys,
            names=("contract_numbers_in_text", "控制字符"))


def test_lint_of_a_stored_contract_as_printed(db, capsys):
    out = run(db, capsys, "lint", "henan-2025")
    assert out[0] == ("警告\tcontract_numbers_in_text\t合同文本中出现与合同编号 YS2025-FW-GKZB-001 不同的编号："
                      "YS2023-FW-GKZB-001、TS2023-7-0323-032")
    # and (issue 12) 第一条2 不少于70人/70人, 第二条2 不低于40%, 第一条4 到位 after the start, 第二条5 保证金 back early
    assert out[-1] == "henan-2025：6 处"


def test_lint_of_a_text_file_as_printed(db, capsys, tmp_path):
    text = tmp_path / "合同.txt"
    text.write_text("合同总价 ¥100.00 元（大写：壹佰元角）\n于2025年2月30日前付款", encoding="utf-8")
    assert run(db, capsys, "lint", text) == ["错误\t第 1 行\t大写金额“壹佰元角”无法识别",
                                             "错误\t第 2 行\t日期“2025年2月30日”不存在",
                                             "合同.txt：2 处"]
