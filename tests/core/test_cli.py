"""The `auditor` command: exit codes, JSON output, and bad input that changes nothing."""
import json
import subprocess
import sys

import pytest

from auditor.cli import main
from auditor.storage import open_store

from .builders import SEEDS, digest, month_doc, write_doc


def run(db, *args, capsys):
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "audit.db"
    assert run(path, "init", capsys=capsys)[0] == 0
    return path


def test_init_loads_both_builtin_contracts(db, capsys):
    code, out, _ = run(db, "contracts", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert {c["id"]: c["total"] for c in data} == {"henan-2025": "6468000.00", "luoyang-2025": "10329920.00"}


def test_record_then_score_json(db, tmp_path, capsys):
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    store.close()
    doc = month_doc(henan, "2025-10", {"HN-03": {"numerator": 12, "denominator": 1200}, "HN-02": {"value": "99.5"}},
                    headcount={"frontline": 48.5, "support": 16, "management": 3})
    assert run(db, "record", str(write_doc(tmp_path, doc)), capsys=capsys)[0] == 0
    code, out, _ = run(db, "score", "henan-2025", "2025-10", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert data["score"] is None
    # HN-02 99.5% < 100% → 1% (64,680.00); staffing 2 + 1 short → 3% (194,040.00)
    assert data["deduction_total"] == "258720.00"
    items = {i["code"]: i for i in data["items"]}
    assert items["HN-02"]["status"] == "fail" and items["HN-02"]["deduction"] == "64680.00"
    assert items["HN-03"]["status"] == "pass"        # 12/1200 = 1.00% ≤ 1%
    assert items["HN-01"]["status"] == "not_due"
    code, out, _ = run(db, "payment", "henan-2025", "2", "--json", capsys=capsys)
    payment = json.loads(out)
    assert payment["amount"] == "2587200.00"
    # September and November not entered: their 5 + 9 due items and HN-06 deduct as failed, provisionally
    # (16 × 1% = 1,034,880.00): 2,587,200.00 − 258,720.00 − 1,034,880.00
    assert payment["payable"] == "1293600.00" and payment["provisional"]
    assert {d["kind"] for d in payment["deductions"] if not d["provisional"]} == {"indicator", "staffing"}
    for month in ("2025-09", "2025-11"):
        assert run(db, "record", str(write_doc(tmp_path, month_doc(henan, month), f"{month}.json")),
                   capsys=capsys)[0] == 0
    code, out, _ = run(db, "payment", "henan-2025", "2", "--json", capsys=capsys)
    assert json.loads(out)["payable"] == "2328480.00"         # 2,587,200.00 − 258,720.00


def test_recording_again_replaces_the_month(db, tmp_path, capsys):
    store = open_store(db)
    luoyang = store.contracts.get("luoyang-2025")
    store.close()
    run(db, "record", str(write_doc(tmp_path, month_doc(luoyang, "2025-05", {"LY-07": {"value": "2"}}))), capsys=capsys)
    run(db, "record", str(write_doc(tmp_path, month_doc(luoyang, "2025-05"))), capsys=capsys)
    data = json.loads(run(db, "score", "luoyang-2025", "2025-05", "--json", capsys=capsys)[1])
    assert data["score"] == "100.00"


BAD_DOCS = {
    "unknown indicator": lambda d: d["measurements"].append({"indicator": "HN-99", "value": "1"}),
    "text where a number belongs": lambda d: d["measurements"][0].update(value="九十九"),
    "percentage over 100": lambda d: d["measurements"][0].update(value="100.5"),
    "numerator over denominator": lambda d: d["measurements"][0].update(numerator=5, denominator=4) or
    d["measurements"][0].pop("value"),
    "zero denominator": lambda d: d["measurements"][0].update(numerator=0, denominator=0) or
    d["measurements"][0].pop("value"),
    "quarterly item outside its month": lambda d: d["measurements"].append({"indicator": "HN-01", "value": "99"}),
    "derived item entered": lambda d: d["measurements"].append({"indicator": "HN-06", "value": "0"}),
    "exempt without reason": lambda d: d["measurements"][0].update(exempt=True) or d["measurements"][0].pop("value"),
    "negative headcount": lambda d: d["headcount"].update(frontline=-1),
    "unknown role": lambda d: d["headcount"].update(cleaners=3),
    "fractional incidents": lambda d: d.update(incidents="1.5"),
    "period outside the term": lambda d: d.update(period="2027-01"),
    "impossible period": lambda d: d.update(period="2025-13"),
    "unknown contract": lambda d: d.update(contract="nowhere-2025"),
}


@pytest.mark.parametrize("case", sorted(BAD_DOCS))
def test_bad_entries_exit_2_and_change_nothing(db, tmp_path, capsys, case):
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    store.close()
    run(db, "record", str(write_doc(tmp_path, month_doc(henan, "2025-10"), "good.json")), capsys=capsys)
    before = digest(db)
    doc = month_doc(henan, "2025-10", {"HN-02": {"value": "90"}})
    BAD_DOCS[case](doc)
    code, out, err = run(db, "record", str(write_doc(tmp_path, doc, "bad.json")), capsys=capsys)
    assert code == 2
    assert err.startswith("错误：") and "Traceback" not in err
    assert digest(db) == before


def test_bad_json_reports_line_and_column(db, tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"contract": "henan-2025",\n "period": 2025-10}', encoding="utf-8")
    code, _, err = run(db, "record", str(path), capsys=capsys)
    assert code == 2
    assert "第 2 行" in err


def test_every_problem_is_listed_at_once(db, tmp_path, capsys):
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    store.close()
    doc = month_doc(henan, "2025-10")
    doc["measurements"][0]["value"] = "abc"
    doc["measurements"][1]["value"] = "101"
    doc["headcount"]["support"] = "many"
    _, _, err = run(db, "record", str(write_doc(tmp_path, doc)), capsys=capsys)
    assert "3 处错误" in err
    assert "measurements[0]（HN-02）.value" in err and "headcount.support" in err


def test_finalised_month_refuses_recording(db, tmp_path, capsys):
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    store.close()
    path = write_doc(tmp_path, month_doc(henan, "2025-10"))
    run(db, "record", str(path), capsys=capsys)
    assert run(db, "finalize", "henan-2025", "2025-10", capsys=capsys)[0] == 0
    before = digest(db)
    code, _, err = run(db, "record", str(path), capsys=capsys)
    assert code == 2 and "已定稿" in err
    assert digest(db) == before
    assert run(db, "reopen", "henan-2025", "2025-10", "--reason", "乙方补交接通率原始数据", capsys=capsys)[0] == 0
    assert run(db, "record", str(path), capsys=capsys)[0] == 0


def test_incomplete_month_cannot_be_finalised(db, tmp_path, capsys):
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    store.close()
    run(db, "record", str(write_doc(tmp_path, month_doc(henan, "2025-10", {"HN-04": None}))), capsys=capsys)
    code, _, err = run(db, "finalize", "henan-2025", "2025-10", capsys=capsys)
    assert code == 2 and "HN-04" in err


def test_payment_of_an_installment_that_does_not_exist(db, capsys):
    code, _, err = run(db, "payment", "luoyang-2025", "4", capsys=capsys)
    assert code == 2 and "共有 3 期" in err


def test_usage_error_exits_2(db, capsys):
    assert main(["--db", str(db), "score"]) == 2


def test_lint_seed_texts_report_their_real_inconsistencies(db, capsys):
    code, out, _ = run(db, "lint", str(SEEDS / "000_9b833517c6a95ec1.txt"), "--json", capsys=capsys)
    luoyang = {(f["code"], f["where"]) for f in json.loads(out)["findings"]}
    assert code == 0
    assert ("blank_number", "第 111 行") in luoyang          # 在个工作日内
    assert ("impossible_date", "第 151 行") in luoyang       # 2015年 第25 月
    assert ("unlikely_year", "第 151 行") in luoyang
    assert ("band_gap", "第 206 行") in luoyang              # 80 ≤ X ≤ 89 and 90 ≤ X ≤ 100
    assert ("numbering_gap", "第 106 行") in luoyang         # 第十二条 1, 2, 5
    _, out, _ = run(db, "lint", str(SEEDS / "001_0162cc816466ee72.txt"), "--json", capsys=capsys)
    henan = json.loads(out)["findings"]
    mismatch = next(f for f in henan if f["code"] == "contract_number_mismatch")
    for number in ("YS2023-FW-GKZB-001", "YS2025-FW-GKZB-001", "TS2023-7-0323-032"):
        assert number in mismatch["message"]
    assert not [f for f in henan if f["code"] in ("amount_words", "bond_percent", "headcount_sum")]


def test_lint_builtin_contracts_reports_only_what_the_data_holds(db, capsys):
    _, out, _ = run(db, "lint", "henan-2025", "--json", capsys=capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {  # and issue 12's (test_contract_data_lint.py)
        "contract_number_mismatch", "signed_after_start", "headcount_wording", "installment_floor",
        "readiness_after_start", "bond_returned_early"}
    _, out, _ = run(db, "lint", "luoyang-2025", "--json", capsys=capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"signed_after_start", "target_without_comparator",
                                                                "signature_undated"}


def test_lint_catches_a_wrong_amount_in_words(db, capsys):
    assert run(db, "contract", "set", "henan-2025", "total_in_words=陆佰肆拾陆万元整", capsys=capsys)[0] == 0
    _, out, _ = run(db, "lint", "henan-2025", "--json", capsys=capsys)
    assert "amount_words" in {f["code"] for f in json.loads(out)["findings"]}


def test_console_script_runs_headless(tmp_path):
    result = subprocess.run([sys.executable, "-m", "auditor.cli", "--db", str(tmp_path / "x.db"), "contracts"],
                            capture_output=True, text=True, encoding="utf-8", env={"PATH": "", "LANG": "C"})
    assert result.returncode == 0
    assert "洛阳市12345" in result.stdout


def test_lint_text_catches_a_wrong_amount_in_words_and_bond(tmp_path, db, capsys):
    # henan 第二条1 with the figure changed, and 第二条5 with a bond that is not 5 % of the total
    text = (SEEDS / "001_0162cc816466ee72.txt").read_text(encoding="utf-8")
    text = text.replace("¥6468000.00元", "¥6486000.00元").replace("¥ 323400.00", "¥ 325300.00")
    path = tmp_path / "edited.txt"
    path.write_text(text, encoding="utf-8")
    _, out, _ = run(db, "lint", str(path), "--json", capsys=capsys)
    findings = json.loads(out)["findings"]
    codes = [f["code"] for f in findings]
    assert codes.count("amount_words") == 2          # the total and the bond no longer match their 大写
    bond = next(f for f in findings if f["code"] == "bond_percent")
    assert "¥325,300.00 ≠ 合同总价 ¥6,486,000.00 × 5% = ¥324,300.00" in bond["message"]


def test_score_says_which_readings_it_used(db, capsys):
    # SPEC preamble: every score sheet prints which reading it used
    readings = json.loads(run(db, "score", "henan-2025", "2025-10", "--json", capsys=capsys)[1])["readings"]
    assert any("各岗位分别计算" in r for r in readings)
    run(db, "contract", "set", "henan-2025", "settings.staffing_basis=total", capsys=capsys)
    readings = json.loads(run(db, "score", "henan-2025", "2025-10", "--json", capsys=capsys)[1])["readings"]
    assert any("按总人数计算" in r for r in readings)
    luoyang = json.loads(run(db, "score", "luoyang-2025", "2025-10", "--json", capsys=capsys)[1])["readings"]
    assert any("左闭右开" in r for r in luoyang)
