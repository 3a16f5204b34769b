"""SPEC §5–§6: imports of the operator's spreadsheets, reconciliation findings, headcount, spot checks."""
import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import Workbook

from auditor import idcard
from auditor.calendar import Period
from auditor.cli import main
from auditor.errors import InputError
from auditor.personnel import finish_spot_check, import_file, reconcile_month, spot_candidates
from auditor.staffing import SpotEntry, find

OCT = Period(2025, 10)


def make_id(prefix17: str) -> str:
    return prefix17 + idcard.check_digit(prefix17)


# a valid ID: GB 11643's own example, check digit X
EXAMPLE = "11010519491231002X"
IDS = [make_id(f"41010519900101{n:03d}") for n in range(1, 9)]


def write_xlsx(path, rows, title=None, sheet_first=None):
    wb = Workbook()
    ws = wb.active
    if sheet_first is not None:
        ws.title = "说明"
        ws.append(sheet_first)
        ws = wb.create_sheet("数据")
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path, rows, encoding="utf-8-sig"):
    path.write_bytes("\n".join(",".join(str(c) for c in r) for r in rows).encode(encoding))
    return path


ROSTER = [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历", "同类管理经验年限"],
          ["张伟", IDS[0], "A001", "一线话务员", dt.datetime(2024, 3, 1), None, "大专", 0],
          ["王芳", IDS[1], "A002", "一线员工", "2024/05/06", None, "本科", 0],
          ["李娜", IDS[2], "B001", "质检", "2025年1月2日", "2025-10-15", "大专", 0],
          ["刘洋", IDS[3], "M001", "管理人员", 45292, None, "大专", 2],
          [None, None, None, None, None, None, None, None],
          ["陈静", IDS[4], "A003", "一线", "20250601", None, "本科", 0]]


def import_month(store, tmp_path, received=dt.date(2025, 10, 8), **overrides):
    henan = store.contracts.get("henan-2025")
    payroll = [["姓名", "身份证号码", "应发合计", "实发金额"],
               ["张伟", IDS[0], "５,２００.００", "4,500.00"],
               ["王芳", IDS[1], 2000, 1800],
               ["李娜", IDS[2], 3000, 2600],
               ["刘洋", IDS[3], 9000, 7600],
               ["赵磊", IDS[5], 4000, 3500]]
    insurance = [["姓名", "证件号码", "基本养老", "医疗（含生育）", "失业", "工伤", "公积金"],
                 ["张伟", IDS[0], 400, 200, 10, 5, 300],
                 ["王芳", IDS[1], 400, 200, 10, 5, 0],
                 ["李娜", IDS[2], 400, 200, 10, 5, 300],
                 ["刘洋", IDS[3], 400, 200, 10, 5, 300],
                 ["陈静", IDS[4], 400, 200, 10, 5, 300]]
    transfers = [["户名", "收款账号", "交易金额"],
                 ["张伟", "6222000011112222", "4500.00"],
                 ["王芳", "6222000011113333", "1800.00"],
                 ["李娜", "6222000011114444", "2500.00"],
                 ["赵磊", "6222000011115555", "3500.00"]]
    files = {"roster": write_xlsx(tmp_path / "名单.xlsx", ROSTER, title="2025年10月人员名单"),
             "payroll": write_xlsx(tmp_path / "工资表.xlsx", payroll),
             "insurance": write_csv(tmp_path / "五险一金.csv", insurance, "gbk"),
             "transfers": write_csv(tmp_path / "转账.csv", transfers)}
    files.update(overrides)
    for kind, path in files.items():
        if path is not None:
            import_file(store, henan, OCT, kind, path, received)
    return henan


def test_gb11643_check_digit_and_mask():
    assert idcard.problem(EXAMPLE) is None
    assert "校验位" in idcard.problem(EXAMPLE[:-1] + "1")
    assert "出生日期" in idcard.problem("110105194902300021")
    assert idcard.mask(EXAMPLE) == "1101**********002X"


def test_roster_import_gives_the_monthly_average(store, tmp_path):
    import_month(store, tmp_path)
    # 一线: 张伟, 王芳, 陈静 all month = 3; 支撑: 李娜 until 10-15 = 15/31 = 0.48; 管理: 刘洋 = 1
    entries = store.months.load("henan-2025", OCT)
    assert entries.headcount == {"frontline": Decimal("3.00"), "support": Decimal("0.48"),
                                 "management": Decimal("1.00")}
    assert store.personnel.dataset("henan-2025", OCT, "roster").records[3]["hire_date"] == dt.date(2024, 1, 1)


def test_reconciliation_finds_every_discrepancy(store, tmp_path):
    henan = import_month(store, tmp_path)
    findings = reconcile_month(store, henan, OCT, today=dt.date(2025, 10, 20))
    got = {(f.type, f.name) for f in findings}
    assert ("not_in_payroll", "陈静") in got                 # on the roster, no pay
    assert ("not_on_roster", "赵磊") in got                  # paid and transferred, not on the roster
    assert ("missing_insurance", "王芳") in got
    assert ("transfer_mismatch", "李娜") in got              # 2500.00 transferred, 2600.00 net
    assert ("not_in_transfers", "刘洋") in got
    assert ("below_minimum_wage", "王芳") in got             # 2000.00 < 2100.00 (豫政〔2023〕43号)
    assert ("manager_unqualified", "刘洋") in got            # 大专, 2 years
    assert ("departure_unapproved", "李娜") in got           # left 10-15 without approval
    # October's 排班表 (5 Oct) and personnel files (10 Nov, SPEC §6) were due before the signing (2025-11-17):
    # no deadline of the contract, so neither late nor missing
    assert not any(t in ("missing_submission", "late_submission") for t, _ in got)
    insurance = next(f for f in findings if f.type == "missing_insurance" and f.name == "王芳")
    assert insurance.detail == "未缴：住房公积金" and insurance.file == "五险一金.csv" and insurance.row == 3
    assert not any(f.name == "张伟" for f in findings)
    stored = store.findings.list("henan-2025", OCT)
    assert len([f for f in stored if f.source == "reconciliation"]) == len(findings)


def test_invalid_duplicate_ids_and_late_submission(store, tmp_path):
    wrong_check_digit = IDS[6][:-1] + ("0" if IDS[6][-1] != "0" else "1")
    roster = [ROSTER[0], ["张伟", IDS[0], "A001", "一线", "2024-03-01", None, "本科", 0],
              ["张三", IDS[0], "A009", "一线", "2024-03-01", None, "本科", 0],
              ["李四", wrong_check_digit, "A010", "一线", "2024-03-01", None, "本科", 0]]
    henan = store.contracts.get("henan-2025")
    # December's roster is due on 10 January (第二条2, the files of month M on the 10th of M+1): 3 days late
    dec = Period(2025, 12)
    import_file(store, henan, dec, "roster", write_xlsx(tmp_path / "r.xlsx", roster), dt.date(2026, 1, 13))
    findings = reconcile_month(store, henan, dec, today=dt.date(2026, 1, 20))
    types = {(f.type, f.name) for f in findings}
    assert ("duplicate_id", "张三") in types and ("invalid_id", "李四") in types
    late = next(f for f in findings if f.type == "late_submission")
    assert "逾期 3 天" in late.detail


@pytest.mark.parametrize("headers", [
    ["员工姓名", "身份证号", "岗位", "入职时间"],
    ["姓名", "公民身份号码", "人员类别", "到岗日期"],
    ["职工姓名", "证件号", "角色", "入职"],
])
def test_roster_header_synonyms(store, tmp_path, headers):
    path = write_xlsx(tmp_path / "r.xlsx", [headers, ["张伟", IDS[0], "一线", "2024-01-01"]])
    summary = import_file(store, store.contracts.get("henan-2025"), OCT, "roster", path, dt.date(2025, 10, 1))
    assert summary.rows == 1


@pytest.mark.parametrize("kind, headers, row", [
    ("payroll", ["员工姓名", "应发工资", "实发工资"], ["张伟", "5200", "4500"]),
    ("payroll", ["姓名", "税前工资（元）", "实发合计（元）"], ["张伟", "5,200.00", "4,500.00"]),
    ("insurance", ["姓名", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"], ["张伟", 1, 1, 1, 1, 1]),
    ("transfers", ["收款人姓名", "银行账号", "转账金额"], ["张伟", "622200", "4500"]),
    ("schedule", ["姓名", "排班日期", "班次", "上班时间", "下班时间"],
     ["张伟", "2025-10-09", "早班", "08:00", "16:00"]),
])
def test_other_header_synonyms(store, tmp_path, kind, headers, row):
    path = write_csv(tmp_path / "f.csv", [headers, row])
    assert import_file(store, store.contracts.get("henan-2025"), OCT, kind, path, dt.date(2025, 10, 1)).rows == 1


def _cli(db, *args, capsys):
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("case", ["truncated", "wrong_sheet", "text_in_money", "empty", "bad_date", "unknown_type"])
def test_malformed_files_exit_2_and_change_nothing(tmp_path, capsys, case):
    from auditor.storage import open_store

    db = tmp_path / "a.db"
    _cli(db, "init", capsys=capsys)
    good = write_xlsx(tmp_path / "good.xlsx", [["姓名", "应发工资", "实发工资"], ["张伟", 5200, 4500]])
    assert _cli(db, "import", "henan-2025", "2025-10", "payroll", str(good), capsys=capsys)[0] == 0
    store = open_store(db)
    before = store.content_digest()
    store.close()
    if case == "truncated":
        path = tmp_path / "t.xlsx"
        path.write_bytes(good.read_bytes()[:300])
    elif case == "wrong_sheet":
        path = write_xlsx(tmp_path / "w.xlsx", [["说明"], ["本表为乙方报送"]])
    elif case == "text_in_money":
        path = write_xlsx(tmp_path / "m.xlsx", [["姓名", "应发工资", "实发工资"], ["张伟", "五千", 4500],
                                                ["王芳", 3000, "约2800"]])
    elif case == "empty":
        path = tmp_path / "e.csv"
        path.write_bytes(b"")
    elif case == "bad_date":
        path = write_csv(tmp_path / "d.csv", [["姓名", "身份证号", "岗位", "入职日期"],
                                              ["张伟", IDS[0], "一线", "2025-02-30"]])
    else:
        path = tmp_path / "x.pdf"
        path.write_bytes(b"%PDF-1.4")
    kind = "roster" if case == "bad_date" else "payroll"
    code, _, err = _cli(db, "import", "henan-2025", "2025-10", kind, str(path), capsys=capsys)
    assert code == 2 and "Traceback" not in err
    if case == "text_in_money":
        assert "m.xlsx 第 2 行 B 列（应发工资）" in err and "m.xlsx 第 3 行 C 列（实发工资）" in err
    if case == "bad_date":
        assert "第 2 行 D 列（入职日期）" in err and "不存在" in err
    store = open_store(db)
    assert store.content_digest() == before
    store.close()


def test_reconcile_cli_json(tmp_path, capsys):
    from auditor.storage import open_store

    db = tmp_path / "a.db"
    _cli(db, "init", capsys=capsys)
    store = open_store(db)
    import_month(store, tmp_path)
    store.close()
    code, out, _ = _cli(db, "reconcile", "henan-2025", "2025-10", "--today", "2025-10-20", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    ghost = next(f for f in data["findings"] if f["type"] == "not_on_roster")
    assert ghost["id"] == idcard.mask(IDS[5]) and IDS[5] not in out   # masked, never in full


def test_spot_check_by_schedule_and_second_failure(store, tmp_path):
    henan = import_month(store, tmp_path)
    schedule = [["姓名", "日期", "上班时间", "下班时间"], ["张伟", "2025-10-09", "08:00", "16:00"],
                ["王芳", "2025-10-09", "08:00", "16:00"], ["陈静", "2025-10-09", "16:00", "24:00"]]
    import_file(store, henan, OCT, "schedule", write_csv(tmp_path / "排班.csv", schedule), dt.date(2025, 10, 3))
    at = dt.datetime(2025, 10, 9, 10, 30)
    candidates = spot_candidates(store, henan, at)
    assert [c.name for c in candidates] == ["张伟", "王芳"]          # 陈静 is on the late shift
    assert find(candidates, "A00")[0].employee_no in ("A001", "A002")
    check = store.personnel.start_spot_check("henan-2025", at, "运营中心二楼", "李全奇", candidates)
    store.personnel.mark(check, SpotEntry(candidates[0].key, "张伟", "A001", "frontline", True, "present"))
    store.personnel.mark(check, SpotEntry(candidates[1].key, "王芳", "A002", "frontline", True, "absent"))
    failed, warnings = finish_spot_check(store, henan, check)
    assert failed and not warnings
    second = store.personnel.start_spot_check("henan-2025", at, "运营中心二楼", "李全奇", [])
    store.personnel.mark(second, SpotEntry("walk-in", "路人甲", "", "frontline", False, "present"))
    failed, warnings = finish_spot_check(store, henan, second)
    assert failed and "第八条3(2)" in warnings[0]                   # 2nd failed check: termination right


def test_spot_check_needs_a_roster(store):
    with pytest.raises(InputError, match="人员名单"):
        spot_candidates(store, store.contracts.get("henan-2025"), dt.datetime(2025, 10, 9, 10))


def test_confidentiality_gaps_and_commitments(store, tmp_path):
    # henan 第四条2: staff sign a commitment before access; 第六条3: data laws
    from auditor.personnel import confidentiality_findings, unchecked_duties

    henan = import_month(store, tmp_path)
    store.personnel.set_duty("henan-2025", OCT, "data_laws", "gap", "坐席电脑可使用 U 盘拷贝工单数据")
    for n in range(4):
        store.personnel.add_commitment("henan-2025", IDS[n], "x", dt.date(2025, 9, 1))
    drafts = confidentiality_findings(store, henan, OCT)
    assert [d.key for d in drafts] == ["data_laws", "commitments"]
    assert "U 盘" in drafts[0].detail and drafts[0].clause == "第六条3"
    assert "陈静" in drafts[1].detail and "张伟" not in drafts[1].detail   # the four others signed
    assert "data_laws" not in unchecked_duties(store, henan, OCT)
    assert {f.key for f in store.findings.list("henan-2025", OCT) if f.source == "confidentiality"} == \
        {"data_laws", "commitments"}


def test_xls_files_are_read(store, tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("工资")
    for r, row in enumerate([["姓名", "应发合计", "实发金额"], ["张伟", 5200.5, 4500], ["王芳", "3,000", "2,800.00"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "工资表.xls"
    book.save(str(path))
    import_file(store, store.contracts.get("henan-2025"), OCT, "payroll", path, dt.date(2025, 10, 9))
    records = store.personnel.dataset("henan-2025", OCT, "payroll").records
    assert [(r["name"], r["gross"], r["net"]) for r in records] == [
        ("张伟", Decimal("5200.5"), Decimal("4500")), ("王芳", Decimal("3000"), Decimal("2800.00"))]


def test_unknown_columns_can_be_mapped_once_per_operator(store, tmp_path):
    from auditor.imports import ColumnsError

    henan = store.contracts.get("henan-2025")
    path = write_xlsx(tmp_path / "p.xlsx", [["人员", "本月应得", "到手"], ["张伟", 5200, 4500]])
    with pytest.raises(ColumnsError) as exc:
        import_file(store, henan, OCT, "payroll", path, dt.date(2025, 10, 9))
    assert exc.value.missing == ["name", "gross", "net"] and exc.value.headers == ["人员", "本月应得", "到手"]
    import_file(store, henan, OCT, "payroll", path, dt.date(2025, 10, 9),
                column_map={"人员": "name", "本月应得": "gross", "到手": "net"})
    # remembered for this operator (河南龙翼信息技术有限公司): the next file needs no mapping
    assert import_file(store, henan, Period(2025, 11), "payroll", path, dt.date(2025, 11, 9)).rows == 1


def test_revealing_an_id_is_logged(store):
    from auditor.storage.personnel_repo import reveal_id

    with pytest.raises(InputError):
        reveal_id(store, IDS[0], "  ")
    assert reveal_id(store, IDS[0], "核对社保缴费凭证", "reconcile 2025-10", who="inspector") == IDS[0]
    row = store.db.execute("SELECT who, masked, reason FROM id_reveals").fetchone()
    assert row == ("inspector", idcard.mask(IDS[0]), "核对社保缴费凭证")


def test_infinite_and_nan_cells_are_refused_not_crashed():
    # found by the property test: a float infinity in a date or money cell
    from auditor.imports import read_date, read_decimal

    for value in (float("inf"), float("-inf"), float("nan")):
        with pytest.raises(ValueError):
            read_date(value)
        with pytest.raises(ValueError):
            read_decimal(value)
