"""Absurd numbers and hostile spreadsheets are refused with the place named, never stored, never a crash or a
hang: each case builds the file for real, runs the `auditor` command, and checks exit 2, the message, that the
database and evidence are byte-identical, and that `score` and `payment` still work afterwards."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.calendar import Period
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


# ----------------------------------------------------------------- spreadsheets (auditor import)

PAYROLL = [["姓名", "应发工资", "实发工资"], ["张伟", 5200, 4500], ["王芳", 3000, 2800]]


def write_book(path: Path, sheets: dict[str, list[list]], states: dict[str, str] | None = None) -> Path:
    """An .xlsx written by openpyxl: one sheet per entry, in order, with the given sheet states."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        ws.sheet_state = (states or {}).get(title, "visible")
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def patch_zip(path: Path, member: str, change) -> Path:
    """Rewrite one part of the archive with ``change(text) -> text`` (what an attacker does by hand)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return path


def before_sheet_data_end(xml: str):
    return lambda text: text.replace("</sheetData>", xml + "</sheetData>")


def imported(db: Path, kind: str = "payroll") -> list[dict]:
    """The rows stored for henan's October of ``kind``."""
    store = open_store(db)
    try:
        data = store.personnel.dataset("henan-2025", Period(2025, 10), kind)
        return [] if data is None else list(data.records)
    finally:
        store.close()


def test_the_first_visible_sheet_is_read_not_a_hidden_one(db, tmp_path, capsys):
    hidden = [["姓名", "应发工资", "实发工资"], ["假人", 99999, 99999]]
    for state in ("hidden", "veryHidden"):
        path = write_book(tmp_path / f"{state}.xlsx", {"隐藏": hidden, "工资": PAYROLL}, {"隐藏": state})
        code, out, err = run(db, "import", "henan-2025", PERIOD, "payroll", str(path), "--json", capsys=capsys)
        assert code == 0, err
        assert json.loads(out)["rows"] == 2
        assert [r["name"] for r in imported(db)] == ["张伟", "王芳"]


def test_a_sheet_can_be_named_and_a_wrong_name_lists_the_visible_ones(db, tmp_path, capsys):
    path = write_book(tmp_path / "two.xlsx", {"说明": [["本表为乙方报送"]], "机密": PAYROLL[:2], "工资": PAYROLL},
                      {"机密": "veryHidden"})
    code, out, err = run(db, "import", "henan-2025", PERIOD, "payroll", str(path), "--sheet", "工资", "--json",
                         capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["rows"] == 2
    message = refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path), "--sheet", "十月"], capsys,
                      names=("two.xlsx", "十月", "说明", "工资"))
    assert "机密" not in message
    still_works(db, capsys)


def test_a_workbook_whose_every_sheet_is_hidden_is_refused(db, tmp_path, capsys):
    path = write_book(tmp_path / "hid.xlsx", {"工资": PAYROLL})
    patch_zip(path, "xl/workbook.xml", lambda t: t.replace('state="visible"', 'state="hidden"'))
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path)], capsys, names=("hid.xlsx", "没有可见的工作表"))


def _far(ref: str, row: int) -> str:
    return f'<row r="{row}"><c r="{ref}" t="n"><v>1</v></c></row>'


SHEET = "xl/worksheets/sheet1.xml"
HOSTILE_BOOKS = {
    "a value in XFD1048576": (before_sheet_data_end(_far("XFD1048576", 1048576)), "表格范围过大"),
    "a value in row 200001": (before_sheet_data_end(_far("A200001", 200001)), "表格范围过大"),
    "a value in column 201 (GS)": (before_sheet_data_end(_far("GS4", 4)), "表格范围过大"),
    "a row past what Excel holds": (before_sheet_data_end(_far("A2000000000", 2000000000)), "已损坏"),
    "a cell reference that is not one": (before_sheet_data_end(_far("AAAA4", 4)), "已损坏"),
    "20,000 cells in one row without references": (
        before_sheet_data_end('<row r="4">' + "<c><v>1</v></c>" * 20000 + "</row>"), "已损坏"),
    "an entity-expansion DTD": (
        lambda t: t.replace("<worksheet", '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                            "<worksheet", 1), "已损坏"),
    "a merged range over the whole sheet": (
        lambda t: t.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                            "</mergeCells>"), "找不到工资表必需的列"),
    "a date serial past year 9999": (
        before_sheet_data_end('<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" s="1"><v>1e300</v></c></row>'),
        "已损坏"),
}


@pytest.mark.parametrize("case", list(HOSTILE_BOOKS))
def test_hostile_xlsx_structure_is_refused(db, tmp_path, capsys, case):
    change, reason = HOSTILE_BOOKS[case]
    path = write_book(tmp_path / "工资表.xlsx", {"工资": PAYROLL})
    if "date serial" in case:   # a cell with a date format, so openpyxl converts the serial
        from openpyxl import load_workbook
        book = load_workbook(path)
        book.active["B2"].number_format = "yyyy-mm-dd"
        book.save(path)
    patch_zip(path, SHEET, change)
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path)], capsys, names=("工资表.xlsx", reason))
    still_works(db, capsys)


def test_a_lying_dimension_is_ignored(db, tmp_path, capsys):
    """<dimension ref="A1:XFD1048576"> over three real rows: the rows are read, nothing is padded to it."""
    path = write_book(tmp_path / "dim.xlsx", {"工资": PAYROLL})
    patch_zip(path, SHEET, lambda t: re.sub(r'<dimension ref="[^"]*"/>',
                                                          '<dimension ref="A1:XFD1048576"/>', t))
    code, out, err = run(db, "import", "henan-2025", PERIOD, "payroll", str(path), "--json", capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["rows"] == 2


def test_an_archive_that_inflates_past_the_limit_is_refused(db, tmp_path, capsys):
    import zipfile

    from auditor import limits

    path = write_book(tmp_path / "bomb.xlsx", {"工资": PAYROLL})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/pad.bin", bytes(limits.MAX_UNZIPPED_BYTES + 1))
    assert path.stat().st_size < 2**20
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path)], capsys, names=("bomb.xlsx", "解压后超过"))


# The peak of this process's own memory: /proc's VmHWM belongs to the program after exec, whereas getrusage's
# ru_maxrss survives exec and would count the (large, under coverage) pytest process the child was forked from.
PEAK_SCRIPT = """
import resource, sys
from auditor.cli import main
code = main(sys.argv[1:])
try:
    hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(code, hwm // 1024)
"""


@pytest.mark.parametrize("where", ["cell", "dimension", "xls", "ods"])
def test_memory_stays_bounded_for_a_tiny_file_reaching_far(db, tmp_path, capsys, where):
    """A few-KB file reaching XFD1048576 (17 billion cells; IV65536 in .xls) is imported in a fresh process;
    its peak RSS stays small (before: MemoryError past 3 GB for the .xlsx, 1 GB for the .xls)."""
    import subprocess
    import sys

    if where == "xls":
        path = write_xls(tmp_path / "far.xls", {"工资": PAYROLL}, far=(65535, 255))
    elif where == "ods":
        path = write_ods(tmp_path / "far.ods", PAYROLL, '<table:table-row table:number-rows-repeated="1048570">'
                         '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
                         'office:value="1"/></table:table-row>')
    else:
        path = write_book(tmp_path / "far.xlsx", {"工资": PAYROLL})
    if where == "cell":
        patch_zip(path, SHEET, before_sheet_data_end(_far("XFD1048576", 1048576)))
    elif where == "dimension":
        patch_zip(path, SHEET, lambda t: re.sub(r'<dimension ref="[^"]*"/>',
                                                              '<dimension ref="A1:XFD1048576"/>', t))
    assert path.stat().st_size < 8 * 1024
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, "--db", str(db), "import", "henan-2025", PERIOD,
                           "payroll", str(path)], capture_output=True, text=True, timeout=600)
    code, peak_mb = map(int, done.stdout.split()[-2:])
    assert code == (0 if where == "dimension" else 2), done.stderr
    print(f"peak RSS importing a tiny file with a far-away {where}: {peak_mb} MB")
    assert peak_mb < 200


ROSTER_HEAD = ["姓名", "身份证号", "岗位类别", "入职日期", "同类管理经验年限"]
VALID_ID = "11010519491231002X"
CELLS = {   # kind, the row written under the header, the place named, the reason
    "money 1e999999999 as text": ("payroll", ["张伟", 5200, "1e999999999"], "第 2 行 C 列（实发工资）", "超出范围"),
    "money -1e999999999 as text": ("payroll", ["张伟", "-1e999999999", 4500], "第 2 行 B 列（应发工资）", "不能为负数"),
    "money 28 digits": ("payroll", ["张伟", 5200, int(HUGE)], "第 2 行 C 列（实发工资）", "超出范围"),
    "money 1e308 as a number": ("payroll", ["张伟", 1e308, 4500], "第 2 行 B 列（应发工资）", "超出范围"),
    "money over 10^12": ("payroll", ["张伟", 5200, "¥1000000000000.01"], "第 2 行 C 列（实发工资）", "超出范围"),
    "money NaN as text": ("payroll", ["张伟", "NaN", 4500], "第 2 行 B 列（应发工资）", "不是有限的数字"),
    "money Infinity as text": ("payroll", ["张伟", 5200, "Infinity"], "第 2 行 C 列（实发工资）", "不是有限的数字"),
    "money 1e-999999": ("payroll", ["张伟", "1e-999999", 4500], "第 2 行 B 列（应发工资）", "小数位数过多"),
    "money a page of digits": ("payroll", ["张伟", "9" * 5000, 4500], "第 2 行 B 列（应发工资）", "过长"),
    "insurance 1e999999999": ("insurance", None, "第 2 行 B 列（养老保险）", "超出范围"),
    "transfer 28 digits": ("transfers", ["张伟", HUGE], "第 2 行 B 列（金额）", "超出范围"),
    "date in year 9999": ("roster", ["张伟", VALID_ID, "一线", "9999-12-31", 0],
                          "第 2 行 D 列（入职日期）", "超出范围"),
    "date in year 1": ("roster", ["张伟", VALID_ID, "一线", "0001-01-01", 0], "第 2 行 D 列（入职日期）", "超出范围"),
    "experience 1e999999999 years": ("roster", ["张伟", VALID_ID, "管理", "2024-01-01", "1e999999999"],
                                     "第 2 行 E 列（同类管理经验年限）", "超出范围"),
    "experience 101 years": ("roster", ["张伟", VALID_ID, "管理", "2024-01-01", 101],
                             "第 2 行 E 列（同类管理经验年限）", "超出范围"),
}
HEADERS = {"payroll": PAYROLL[0], "roster": ROSTER_HEAD, "transfers": ["户名", "金额"],
           "insurance": ["姓名", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"]}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("case", list(CELLS))
def test_absurd_cells_are_refused_with_file_row_and_column(db, tmp_path, capsys, case, suffix):
    kind, row, place, reason = CELLS[case]
    if row is None:
        row = ["张伟", "1e999999999", 200, 10, 5, 300]
    rows = [HEADERS[kind], row, ["王芳", *[c for c in row[1:]]]] if kind == "payroll" else [HEADERS[kind], row]
    name = f"{kind}{suffix}"
    if suffix == ".xlsx":
        path = write_book(tmp_path / name, {"表": rows})
    else:
        path = tmp_path / name
        path.write_text("\n".join(",".join(str(c) for c in r) for r in rows), "utf-8")
    refused(db, ["import", "henan-2025", PERIOD, kind, str(path)], capsys, names=(f"{name} {place}", reason))
    still_works(db, capsys)


def test_a_csv_too_long_or_too_wide_is_refused(db, tmp_path, capsys):
    from auditor import limits

    tall = tmp_path / "tall.csv"
    tall.write_text("姓名,应发工资,实发工资\n" + "张伟,1,1\n" * limits.MAX_ROWS, "utf-8")
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(tall)], capsys, names=("tall.csv", "表格范围过大"))
    wide = tmp_path / "wide.csv"
    wide.write_text("姓名,应发工资,实发工资" + ",x" * limits.MAX_COLUMNS + "\n张伟,1,1\n", "utf-8")
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(wide)], capsys, names=("wide.csv", "表格范围过大"))
    field = tmp_path / "field.csv"
    field.write_text('姓名,应发工资,实发工资\n"' + "张" * 200_000 + '",1,1\n', "utf-8")
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(field)], capsys, names=("field.csv", "CSV"))
    still_works(db, capsys)


def test_merged_title_rows_still_read_in_streaming_mode(db, tmp_path, capsys):
    """The title merged across the header (the common case) and a role merged down two rows."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["2025年10月人员名单"])
    ws.merge_cells("A1:D1")
    ws.append(["姓名", "身份证号", "岗位类别", "入职日期"])
    ws.append(["张伟", VALID_ID, "一线话务员", "2024-03-01"])
    ws.append(["王芳", "110105194912310011", None, "2024-03-01"])
    ws.merge_cells("C3:C4")
    path = tmp_path / "名单.xlsx"
    book.save(path)
    code, _, err = run(db, "import", "henan-2025", PERIOD, "roster", str(path), capsys=capsys)
    assert code == 0, err
    assert [(r["name"], r["role"]) for r in imported(db, "roster")] == [("张伟", "frontline"),
                                                                              ("王芳", "frontline")]


# ----------------------------------------------------------------- contract edits (auditor contract set)

CONTRACT_EDITS = {   # assignment → the reason; the field path is named
    'total="99999999999999999999999999999.99"': "超出范围",
    'total="1000000000000.01"': "超出范围",
    "total=" + "9" * 5000: "过长",
    'bond.amount="10000000000000"': "超出范围",
    'bond.percent="100.0001"': "超出范围",
    'tax_rate="-1"': "不能为负数",
    'installments[0].percent="1000"': "超出范围",
    'indicators[0].target="100.0001"': "超出范围",
    'indicators[5].target="' + HUGE + '"': "超出范围",
    'indicators[0].deduction_percent="101"': "超出范围",
    "staffing.roles[0].required=100001": "超出范围",
    "staffing.roles[1].required=" + HUGE: "超出范围",
    'staffing.penalty_percent_per_person="1' + "0" * 40 + '"': "超出范围",
    'scoring.incident_steps[1]="100.5"': "超出范围",
    "scoring.incident_termination_count=" + HUGE: "超出范围",
    "indicators[1].time_limit.amount=367": "超出范围",
    "indicators[6].time_limit.amount=1000000": "超出范围",
    "installments[0].due_working_days_after_signing=1000000000": "超出范围",
    "settings.notice_deadline_days=367": "超出范围",
    'settings.minimum_wage.amount="1' + "0" * 20 + '"': "超出范围",
    'service.end="9999-12-31"': "超出范围",
}


@pytest.mark.parametrize("assignment", list(CONTRACT_EDITS))
def test_absurd_contract_edits_are_refused(db, capsys, assignment):
    field = assignment.partition("=")[0]
    message = refused(db, ["contract", "set", "henan-2025", assignment], capsys,
                      names=("henan-2025", field, CONTRACT_EDITS[assignment]))
    assert len(message) < 2000
    still_works(db, capsys)


def test_absurd_points_and_bands_of_a_new_contract_are_refused(db, capsys):
    for assignment, reason in (('indicators[0].points="1e5"', "格式不正确"),
                               ('indicators[0].points="105"', "超出范围"),
                               ('scoring.bands[0].min="1000"', "超出范围"),
                               ('scoring.bands[1].percent="-5"', "不能为负数"),
                               ('late_penalty.percent_per_day="101"', "超出范围")):
        refused(db, ["contract", "new", "luoyang-2025", "ly-copy", "--set", assignment], capsys,
                names=("ly-copy", assignment.partition("=")[0], reason))
    still_works(db, capsys)


def test_contract_edits_at_the_edges_are_accepted(db, capsys):
    code, _, err = run(db, "contract", "set", "henan-2025", 'total="1000000000000.00"', 'bond.amount="0"',
                       "staffing.roles[0].required=100000", "settings.notice_deadline_days=366",
                       'indicators[0].target="100"', capsys=capsys)
    assert code == 0, err
    still_works(db, capsys)


# ----------------------------------------------------------------- .xls and .ods (calamine loads every sheet whole)

def write_xls(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = (),
              far: tuple[int, int] | None = None) -> Path:
    """An .xls written by xlwt; ``far`` puts one more value at (row, column) of every sheet."""
    import xlwt

    book = xlwt.Workbook()
    for title, rows in sheets.items():
        ws = book.add_sheet(title)
        ws.visibility = 1 if title in hidden else 0
        ws.set_selected(title not in hidden)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                ws.write(r, c, value)
        if far:
            ws.write(*far, 1)
    book.active_sheet = next(i for i, t in enumerate(sheets) if t not in hidden)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: list[list], tail: str = "") -> Path:
    """A minimal OpenDocument spreadsheet, by hand (``tail``: raw rows appended, e.g. repeated ones)."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value) -> str:
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="工资">{body}{tail}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def test_xls_hidden_first_sheet_is_skipped_and_sheets_can_be_named(db, tmp_path, capsys):
    hidden = [["姓名", "应发工资", "实发工资"], ["假人", 99999, 99999]]
    path = write_xls(tmp_path / "工资表.xls", {"隐藏": hidden, "工资": PAYROLL}, hidden=("隐藏",))
    code, out, err = run(db, "import", "henan-2025", PERIOD, "payroll", str(path), "--json", capsys=capsys)
    assert code == 0, err
    assert [r["name"] for r in imported(db)] == ["张伟", "王芳"]
    message = refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path), "--sheet", "十月"], capsys,
                      names=("工资表.xls", "十月", "工资"))
    assert "隐藏" not in message


XLS_AND_ODS = {
    "xls: a value in column 201": (lambda p: write_xls(p / "a.xls", {"工资": PAYROLL}, far=(3, 200)), "表格范围过大"),
    "xls: twenty sheets of 65536 × 200": (
        lambda p: write_xls(p / "a.xls", {f"s{i}": PAYROLL for i in range(20)}, far=(65535, 199)), "合计超过"),
    "xls: truncated": (lambda p: _truncated(write_xls(p / "a.xls", {"工资": PAYROLL}), 700), "已损坏"),
    "xls: not a compound file": (lambda p: _written(p / "a.xls", b"PK\x03\x04 not an xls" * 40), "已损坏"),
    "ods: a repeated row past 200,000": (
        lambda p: write_ods(p / "a.ods", PAYROLL, '<table:table-row table:number-rows-repeated="300000">'
                            '<table:table-cell office:value-type="float" office:value="1"/></table:table-row>'),
        "表格范围过大"),
    "ods: a repeat count that is not one": (
        lambda p: write_ods(p / "a.ods", PAYROLL, '<table:table-row table:number-rows-repeated="1e99">'
                            '<table:table-cell/></table:table-row>'), "已损坏"),
}


def _truncated(path: Path, size: int) -> Path:
    path.write_bytes(path.read_bytes()[:size])
    return path


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(XLS_AND_ODS))
def test_hostile_xls_and_ods_are_refused_before_calamine_loads_them(db, tmp_path, capsys, case):
    build, reason = XLS_AND_ODS[case]
    path = build(tmp_path)
    refused(db, ["import", "henan-2025", PERIOD, "payroll", str(path)], capsys, names=(path.name, reason))
    still_works(db, capsys)


def test_an_ods_with_libreoffice_trailing_empty_rows_is_read(db, tmp_path, capsys):
    """LibreOffice ends a sheet with empty rows repeated to row 1048576: empty, so not counted."""
    path = write_ods(tmp_path / "工资表.ods", PAYROLL, '<table:table-row table:number-rows-repeated="1048570">'
                     '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    code, out, err = run(db, "import", "henan-2025", PERIOD, "payroll", str(path), "--json", capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["rows"] == 2
