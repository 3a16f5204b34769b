"""A month's entries file with mistakes in its shape (SPEC §3): every mistake is reported at once, each
with its place (``measurements[2]（HN-03）.denominator``) in Chinese, and nothing is stored.

henan-2025 October: HN-02, 03, 04, 08, 09 are monthly; HN-01, 05, 07, 10 quarterly (the quarter Sep–Nov
is assessed in 2025-11); HN-06 comes from the incident count; HN-03 has no time limit, HN-02 one working
day. luoyang LY-17 is marked in 分, not %.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from auditor.cli import main
from auditor.entries import load_entries_file, parse_entries, parse_event_text
from auditor.errors import InputError

from .builders import month_doc, write_doc
from .hostile import refused


@pytest.fixture
def henan(store):
    return store.contracts.get("henan-2025")


def problems_of(contract, doc: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_entries(contract, doc)
    assert str(caught.value).startswith(f"录入文件 有 {len(caught.value.problems)} 处错误，未做任何修改：")
    return caught.value.problems


def one(contract, measurement: Any, period: str = "2025-10") -> list[str]:
    return problems_of(contract, {"period": period, "measurements": [measurement]})


M0 = "measurements[0]"


@pytest.mark.parametrize("measurement, expected", [
    ("HN-02", f"{M0}: 应为对象"),
    ({"value": "99"}, f"{M0}.indicator: 缺少指标编号"),
    ({"indicator": "HN-11", "value": "99"}, f"{M0}（HN-11）.indicator: 合同 henan-2025 中没有指标 HN-11"),
    ({"indicator": "HN-06", "value": "0"},
     f"{M0}（HN-06）: HN-06 由本月严重舆论事件数（incidents）自动得出，无需录入"),
    ({"indicator": "HN-01", "value": "97"}, f"{M0}（HN-01）: HN-01 为季度指标，2025-10 不考核（考核月为 2025-11）"),
    ({"indicator": "HN-03", "value": "0.5", "comment": "x"}, f"{M0}（HN-03）: 未知字段 comment"),
    ({"indicator": "HN-03"}, f"{M0}（HN-03）: 须且只能给出一种：value（数值）、numerator/denominator（分子/分母）、"
                             "events（事件日志）或 exempt（免考）"),
    ({"indicator": "HN-03", "value": "0.5", "exempt": True, "reason": "停电"},
     f"{M0}（HN-03）: 须且只能给出一种：value（数值）、numerator/denominator（分子/分母）、"
     "events（事件日志）或 exempt（免考）"),
    ({"indicator": "HN-03", "exempt": True, "reason": "  "}, f"{M0}（HN-03）.reason: 免考须说明理由"),
    ({"indicator": "HN-03", "numerator": 3}, f"{M0}（HN-03）.denominator: 给出分子时须同时给出分母"),
    ({"indicator": "HN-03", "numerator": 0, "denominator": 0},
     f"{M0}（HN-03）.denominator: 分母为 0，无法计算比率；本月若无此类业务，请标记免考并说明理由"),
    ({"indicator": "HN-03", "numerator": 12, "denominator": 10},
     f"{M0}（HN-03）: 分子 12 大于分母 10，比率将超过 100%"),
    ({"indicator": "HN-03", "value": True}, f"{M0}（HN-03）.value: 应为数字，实为 true"),
    ({"indicator": "HN-03", "value": [1]}, f"{M0}（HN-03）.value: 应为数字，实为 [1]"),
    ({"indicator": "HN-03", "value": "一点五"}, f"{M0}（HN-03）.value: “一点五”不是数字"),
    ({"indicator": "HN-03", "events": [{"received_at": "2025-10-09 10:00", "done_at": None}]},
     f"{M0}（HN-03）.events: HN-03 没有办理时限，不能用事件日志计算"),
    ({"indicator": "HN-02", "events": []}, f"{M0}（HN-02）.events: 应为非空列表，每项含 received_at 与 done_at"),
    ({"indicator": "HN-02", "events": {"received_at": "2025-10-09 10:00"}},
     f"{M0}（HN-02）.events: 应为非空列表，每项含 received_at 与 done_at"),
    ({"indicator": "HN-02", "events": [{"done_at": "2025-10-09 10:00"}]},
     f"{M0}（HN-02）.events[0]: 须含 received_at（受理时间）与 done_at（办结时间，未办结为 null）"),
    ({"indicator": "HN-02", "events": [{"received_at": 20251009, "done_at": None}]},
     f"{M0}（HN-02）.events[0].received_at: 应为日期时间文本，如 2025-10-09 14:30"),
    ({"indicator": "HN-02", "events": [{"received_at": "2025-10-32 10:00", "done_at": None}]},
     f"{M0}（HN-02）.events[0].received_at: “2025-10-32 10:00”不是有效的日期时间（如 2025-10-09 14:30）"),
    ({"indicator": "HN-02", "events": [{"received_at": "2025-10-09 10:00", "done_at": "2025-10-09 09:00"}]},
     f"{M0}（HN-02）.events[0]: 办结时间早于受理时间"),
])
def test_a_measurement_of_the_wrong_shape_is_named(henan, measurement, expected):
    assert one(henan, measurement) == [expected]


def test_a_ratio_is_refused_for_an_item_not_marked_in_percent(store):
    luoyang = store.contracts.get("luoyang-2025")
    assert one(luoyang, {"indicator": "LY-17", "numerator": 9, "denominator": 10}, "2025-05") == [
        f"{M0}（LY-17）: LY-17 的单位是“分”，不是比率，请录入 value"]


def test_a_denominator_without_its_numerator_is_named(henan):
    assert one(henan, {"indicator": "HN-03", "denominator": 100}) == [
        f"{M0}（HN-03）.numerator: 给出分母时须同时给出分子"]


def test_times_with_and_without_a_time_zone_are_named(henan):
    found = one(henan, {"indicator": "HN-02", "events": [{"received_at": "2025-10-09T10:00+08:00",
                                                           "done_at": "2025-10-09 12:00"}]})
    assert found == [f"{M0}（HN-02）.events[0]: 时间须同时带或同时不带时区"]


def test_every_mistake_of_a_file_is_listed_at_once(henan):
    doc = month_doc(henan, "2025-10", remarks="手工补录")
    doc["measurements"].append(dict(doc["measurements"][0]))          # HN-02 a second time
    doc["headcount"] = {"frontline": 50, "support": 16, "cleaners": 3}
    doc["late_days"] = 32
    found = problems_of(henan, json.loads(json.dumps(doc), parse_float=Decimal))
    assert found == [
        "未知字段 remarks",
        f"measurements[{len(doc['measurements']) - 1}]（HN-02）: 同一指标重复录入",
        "headcount.cleaners: 合同 henan-2025 没有岗位“cleaners”（应为 frontline、management、support）",
        "headcount.management: 缺少岗位“management”的月均在岗人数",
        "late_days: 32 天超过当月天数",
    ]


@pytest.mark.parametrize("doc, expected", [
    ({"period": "2025-10", "measurements": {"HN-02": "99"}}, ["measurements: 应为列表"]),
    ({"period": "2025-10", "headcount": [50, 16, 4]}, ['headcount: 应为对象，如 {"frontline": 48.5}']),
    ({"period": "2025-11", "late_days": 31}, ["late_days: 31 天超过当月天数"]),    # November has 30
])
def test_facts_of_the_wrong_shape(henan, doc, expected):
    assert problems_of(henan, doc) == expected


def test_the_document_itself_and_its_month_are_checked_first(henan):
    with pytest.raises(InputError, match="^录入文件: 内容应为 JSON 对象$"):
        parse_entries(henan, [])
    with pytest.raises(InputError, match=r"^录入文件: 2025-08 不在合同 henan-2025 的服务期（2025-09 至 2026-08）内$"):
        parse_entries(henan, {"period": "2025-08"})


def test_percent_signs_and_full_width_digits_are_read_as_typed(henan):
    entries = parse_entries(henan, {"period": "2025-10", "measurements": [
        {"indicator": "HN-03", "value": "０．５％"}, {"indicator": "HN-04", "value": "99.5%"}]})
    assert entries.measurements["HN-03"].value == Decimal("0.5")
    assert entries.measurements["HN-04"].value == Decimal("99.5")


def test_a_refused_file_changes_nothing_and_names_the_file(tmp_path, capsys, henan):
    db = tmp_path / "audit.db"
    assert main(["--db", str(db), "init"]) == 0
    doc = month_doc(henan, "2025-10")
    doc["measurements"][0] = {"indicator": "HN-02", "events": []}
    path = write_doc(tmp_path, doc, "october.json")
    refused(db, ["record", str(path)], capsys, names=("october.json", "（HN-02）.events", "非空列表"))


# ------------------------------------------------------------ the file itself

def test_a_file_larger_than_any_month_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as out:                      # sparse: 64 MB + 1 byte without writing them
        out.truncate(64 * 2**20 + 1)
    with pytest.raises(InputError, match="huge.json: 文件过大（超过 64 MB），不是一个月的录入"):
        load_entries_file(path)


def test_json_nested_too_deep_is_named(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="deep.json: JSON 嵌套过深"):
        load_entries_file(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="找不到文件 .*gone.json"):
        load_entries_file(tmp_path / "gone.json")


def test_numbers_in_the_file_stay_exact(tmp_path):
    path = tmp_path / "m.json"
    path.write_bytes('\ufeff{"period": "2025-10", "incidents": 0, "x": 95.999}'.encode("utf-8"))
    assert load_entries_file(path) == {"period": "2025-10", "incidents": Decimal(0), "x": Decimal("95.999")}


# ------------------------------------------------------------ rows pasted from a spreadsheet

def test_pasted_rows_with_commas_blank_lines_and_times_without_seconds():
    pasted = "\n2025/10/9 9:05,2025/10/9 17:30:15\n\n2025-10-10,\nnot a date,2025-10-11 8:00\n"
    assert parse_event_text(pasted) == [
        {"received_at": "2025-10-09 09:05", "done_at": "2025-10-09 17:30:15"},
        {"received_at": "2025-10-10", "done_at": None},
        {"received_at": "not a date", "done_at": "2025-10-11 08:00"},   # kept as typed, refused when parsed
    ]
