"""Absurd numbers and hostile spreadsheets are refused with the place named, never stored, never a crash or a
hang: each case builds the file for real, runs the `auditor` command, and checks exit 2, the message, that the
database and evidence are byte-identical, and that `score` and `payment` still work afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.storage import open_store

from .builders import month_doc
from .hostile import refused

PERIOD = "2025-10"


def run(db: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def contracts():
    store = open_store(":memory:")
    yield {c.id: c for c in store.contracts.list()}
    store.close()


@pytest.fixture
def db(tmp_path, capsys, contracts):
    """A database with a good October recorded for henan and a good May for luoyang."""
    path = tmp_path / "audit.db"
    assert run(path, "init", capsys=capsys)[0] == 0
    for contract_id, period in (("henan-2025", PERIOD), ("luoyang-2025", "2025-05")):
        good = tmp_path / f"good-{contract_id}.json"
        good.write_text(json.dumps(month_doc(contracts[contract_id], period), ensure_ascii=False), "utf-8")
        assert run(path, "record", str(good), capsys=capsys)[0] == 0
    return path


def still_works(db: Path, capsys) -> None:
    """The month and the installment are still assessed after a refusal (nothing absurd got stored)."""
    for args in (("score", "henan-2025", PERIOD, "--json"), ("payment", "henan-2025", "1", "--json"),
                 ("score", "luoyang-2025", "2025-05", "--json"), ("payment", "luoyang-2025", "1", "--json")):
        code, out, err = run(db, *args, capsys=capsys)
        assert code == 0, (args, err)
        json.loads(out)


# ----------------------------------------------------------------- entries files (auditor record)

def _index(doc: dict, code: str) -> int:
    return next(i for i, m in enumerate(doc["measurements"]) if m["indicator"] == code)


def _set(code: str, field: str, literal: str):
    """Put ``literal`` (raw JSON, e.g. 1e999999999) as ``field`` of ``code``'s measurement; name its place."""
    def build(doc: dict) -> tuple[dict, str]:
        entry = doc["measurements"][_index(doc, code)]
        entry.clear()
        entry.update({"indicator": code, field: "@@"})
        if field == "numerator":
            entry["denominator"] = 1200
        elif field == "denominator":
            entry["numerator"] = 12
            entry.pop("denominator")
            entry["denominator"] = "@@"
        return doc, f"measurements[{_index(doc, code)}]（{code}）.{field}"
    return build, literal


def _fact(path: tuple[str, ...], literal: str):
    def build(doc: dict) -> tuple[dict, str]:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = "@@"
        return doc, ".".join(path)
    return build, literal


def _event(field: str, literal: str):
    def build(doc: dict) -> tuple[dict, str]:
        entry = doc["measurements"][_index(doc, "HN-08")]
        entry.clear()
        entry.update({"indicator": "HN-08", "events": [{"received_at": "2025-10-09 10:00",
                                                        "done_at": "2025-10-09 12:00"}]})
        entry["events"][0][field] = "@@"
        return doc, f"measurements[{_index(doc, 'HN-08')}]（HN-08）.events[0].{field}"
    return build, literal


HUGE = "1" + "0" * 27                          # a 28-digit integer
ENTRIES = {
    "numerator 1e999999999": (_set("HN-03", "numerator", "1e999999999"), "超出范围"),
    "denominator -1e999999999": (_set("HN-03", "denominator", "-1e999999999"), "不能为负数"),
    "denominator 28 digits": (_set("HN-03", "denominator", HUGE), "超出范围"),
    "denominator 5000 digits": (_set("HN-03", "denominator", "9" * 5000), "过长"),
    "numerator negative": (_set("HN-03", "numerator", "-1"), "不能为负数"),
    "numerator 1e-999999": (_set("HN-03", "numerator", "1e-999999"), "小数位数过多"),
    "numerator over 10^9": (_set("HN-03", "numerator", "1000000001"), "超出范围"),
    "value NaN": (_set("HN-02", "value", "NaN"), "不是有限的数字"),
    "value Infinity": (_set("HN-02", "value", "Infinity"), "不是有限的数字"),
    "value -Infinity": (_set("HN-02", "value", "-Infinity"), "不是有限的数字"),
    "value 1e999999999": (_set("HN-02", "value", "1e999999999"), "超出范围"),
    "value 1e-999999": (_set("HN-02", "value", "1e-999999"), "小数位数过多"),
    "value 0E-999999 as text": (_set("HN-02", "value", '"0E-999999"'), "小数位数过多"),
    "value 28 digits": (_set("HN-02", "value", HUGE), "超出范围"),
    "percent 100.0001": (_set("HN-02", "value", '"100.0001"'), "超出范围"),
    "percent 100.0001 with %": (_set("HN-04", "value", '"100.0001%"'), "超出范围"),
    "value a megabyte of digits": (_set("HN-02", "value", '"' + "9" * 2**20 + '"'), "过长"),
    "incidents 1e999999999": (_fact(("incidents",), "1e999999999"), "超出范围"),
    "incidents 28 digits": (_fact(("incidents",), HUGE), "超出范围"),
    "incidents 10^9 + 1": (_fact(("incidents",), "1000000001"), "超出范围"),
    "incidents negative": (_fact(("incidents",), "-3"), "不能为负数"),
    "incidents NaN": (_fact(("incidents",), "NaN"), "不是有限的数字"),
    "late_days 1e999999999": (_fact(("late_days",), "1e999999999"), "超出范围"),
    "late_days 28 digits": (_fact(("late_days",), HUGE), "超出范围"),
    "late_days 367": (_fact(("late_days",), "367"), "超出范围"),
    "late_days -Infinity": (_fact(("late_days",), "-Infinity"), "不是有限的数字"),
    "headcount 100001": (_fact(("headcount", "frontline"), "100001"), "超出范围"),
    "headcount 1e999999999": (_fact(("headcount", "support"), "1e999999999"), "超出范围"),
    "headcount Infinity": (_fact(("headcount", "management"), "Infinity"), "不是有限的数字"),
    "headcount negative": (_fact(("headcount", "frontline"), "-0.5"), "不能为负数"),
    "event in year 9999": (_event("received_at", '"9999-12-31 10:00"'), "超出范围"),
    "event done in year 1": (_event("done_at", '"0001-01-01 00:00"'), "超出范围"),
}


@pytest.mark.parametrize("case", list(ENTRIES))
def test_absurd_entries_are_refused_and_change_nothing(db, tmp_path, capsys, contracts, case):
    (build, literal), reason = ENTRIES[case]
    doc, place = build(month_doc(contracts["henan-2025"], PERIOD))
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False).replace('"@@"', literal), "utf-8")
    message = refused(db, ["record", str(path)], capsys, names=("hostile.json", place, reason))
    assert len(message) < 2000, "the hostile value is echoed back whole"
    still_works(db, capsys)


def test_a_non_percentage_value_is_bounded_too(db, tmp_path, capsys, contracts):
    """LY-17 is marked in 分, not %: 1e999999999 is refused as a count, 10^9 is accepted."""
    doc = month_doc(contracts["luoyang-2025"], "2025-05")
    i = _index(doc, "LY-17")
    path = tmp_path / "ly.json"
    path.write_text(json.dumps(doc).replace('"indicator": "LY-17", "value": "9"',
                                            '"indicator": "LY-17", "value": 1e999999999'), "utf-8")
    refused(db, ["record", str(path)], capsys, names=(f"measurements[{i}]（LY-17）.value", "超出范围"))
    path.write_text(json.dumps(doc).replace('"indicator": "LY-17", "value": "9"',
                                            '"indicator": "LY-17", "value": 1000000000'), "utf-8")
    assert run(db, "record", str(path), capsys=capsys)[0] == 0
    still_works(db, capsys)


def test_the_edges_of_each_range_are_accepted(db, tmp_path, capsys, contracts):
    doc = month_doc(contracts["henan-2025"], PERIOD, {"HN-03": {"numerator": 10**9, "denominator": 10**9}},
                    headcount={"frontline": 100000, "support": 0, "management": "0.5"}, incidents=10**9, late_days=31)
    doc["measurements"][_index(doc, "HN-02")]["value"] = "100"
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(doc), "utf-8")
    code, _, err = run(db, "record", str(path), capsys=capsys)
    assert code == 0, err
    still_works(db, capsys)
