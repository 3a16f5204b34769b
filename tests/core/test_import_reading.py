"""Reading the operator's spreadsheets with python-calamine (issue 15): cells arrive as the operator saw them.

Number cells are floats in the file; money is read to the 15 digits Excel keeps and rounded to the fen
half-up (SPEC: money is Decimal to the fen), so a transfer never differs from the payroll by a float's
last bits. ID numbers stay text; one written as a number by a program keeps every digit the file holds.
Merged cells are filled from their top-left cell in .xlsx and .xls alike. And the .xlsx safety scan refuses
what would make calamine build an absurd sheet however the cell is written: a second ``r`` attribute
(calamine takes the last), a namespace prefix, a reference after other attributes, too many merged ranges.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from auditor import limits
from auditor.calendar import Period
from auditor.cli import main
from auditor.personnel import import_file, reconcile_month

from .hostile import refused
from .test_personnel import EXAMPLE, IDS

OCT = Period(2025, 10)
SHEET = "xl/worksheets/sheet1.xml"


def book(path: Path, rows: list[list], *, hidden: list[list] | None = None, formats: dict[str, str] | None = None
         ) -> Path:
    """An .xlsx written by openpyxl; ``hidden``: a hidden sheet before the data; ``formats``: cell → number format."""
    wb = Workbook()
    ws = wb.active
    if hidden is not None:
        ws.title = "备用"
        for row in hidden:
            ws.append(row)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("数据")
    for row in rows:
        ws.append(row)
    for cell, number_format in (formats or {}).items():
        ws[cell].number_format = number_format
    wb.save(path)
    return path


def rewrite(path: Path, change, member: str = SHEET) -> Path:
    """One part of the archive rewritten by hand, as an attacker (or an odd exporter) writes it."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, change(data.decode("utf-8")).encode("utf-8") if name == member else data)
    return path


def values(path: Path, numbers: dict[str, str]) -> Path:
    """Each marker number's ``<v>`` replaced by the text a spreadsheet program stored."""
    def change(xml: str) -> str:
        for marker, text in numbers.items():
            xml, count = re.subn(f"<v>{marker}</v>", f"<v>{text}</v>", xml)
            assert count == 1, marker
        return xml
    return rewrite(path, change)


def records(store, kind: str) -> list[dict]:
    data = store.personnel.dataset("henan-2025", OCT, kind)
    return [] if data is None else list(data.records)


def test_money_is_read_as_excel_shows_it_and_rounded_to_the_fen(store, tmp_path):
    """0.1 + 0.2 is stored by Excel as 0.30000000000000004; 12345678.905 is a float a hair below .905 (rounded
    from the float itself it would lose a fen); 4500.0049 is 4500.00, and the bank's 4500 matches it."""
    henan = store.contracts.get("henan-2025")
    payroll = values(book(tmp_path / "工资表.xlsx", [["姓名", "身份证号", "应发工资", "实发工资"],
                                                    ["张伟", IDS[0], 111, 222], ["王芳", IDS[1], 333, 444]]),
                     {"111": "12345678.905", "222": "4500.0049", "333": "0.30000000000000004",
                      "444": "0.29999999999999999"})
    import_file(store, henan, OCT, "payroll", payroll, dt.date(2025, 10, 8))
    assert [(r["gross"], r["net"]) for r in records(store, "payroll")] == [
        (Decimal("12345678.91"), Decimal("4500.00")), (Decimal("0.30"), Decimal("0.30"))]
    transfers = book(tmp_path / "转账记录.xlsx", [["户名", "金额"], ["张伟", 4500], ["王芳", 0.3]])
    import_file(store, henan, OCT, "transfers", transfers, dt.date(2025, 10, 8))
    assert [(r["name"], r["amount"]) for r in records(store, "transfers")] == [("张伟", Decimal("4500.00")),
                                                                              ("王芳", Decimal("0.30"))]
    found = reconcile_month(store, henan, OCT, dt.date(2025, 10, 20))
    assert not [f for f in found if f.type in ("transfer_mismatch", "not_in_transfers")]


def test_id_numbers_stay_text_leading_zeros_and_x(store, tmp_path):
    """Text IDs (a final X) and employee numbers (leading zeros) as written; a short number cell as its digits."""
    henan = store.contracts.get("henan-2025")
    rows = [["姓名", "身份证号", "工号", "岗位类别", "入职日期"],
            ["张伟", EXAMPLE, "007", "一线", "2024-03-01"],
            ["王芳", f" {IDS[1][:-1]}{IDS[1][-1].lower()} ", 42, "一线", "2024-03-01"]]
    import_file(store, henan, OCT, "roster", book(tmp_path / "名单.xlsx", rows), dt.date(2025, 10, 8))
    assert [(r["name"], r["id_number"], r["employee_no"]) for r in records(store, "roster")] == [
        ("张伟", EXAMPLE, "007"), ("王芳", IDS[1], "42")]


def test_an_id_number_kept_as_a_number_is_refused_naming_the_cell(db, tmp_path, capsys):
    """Excel keeps 15 significant digits: an 18-digit ID typed as a number is 4.10105199001010E+17 in the
    file, its last three digits (the check digit among them) gone — refused, never read as another person's."""
    path = values(book(tmp_path / "名单.xlsx", [["姓名", "身份证号", "岗位类别", "入职日期"],
                                               ["张伟", IDS[0], "一线", "2024-03-01"],
                                               ["王芳", 111, "一线", "2024-03-01"]]),
                  {"111": "4.10105199001010E+17"})
    refused(db, ["import", "henan-2025", "2025-10", "roster", str(path)], capsys,
            names=("名单.xlsx 第 3 行 B 列（身份证号）", "4.1010519900101e+17", "设为文本"))


def test_dates_times_and_empty_cells(store, tmp_path):
    """A date cell, a date-and-time cell, a serial typed as a number, Chinese and compact text; an empty
    leave date; 08:30 stored by Excel as 0.3541666… (read back as 08:29:59.994) is 08:30."""
    henan = store.contracts.get("henan-2025")
    roster = [["姓名", "身份证号", "岗位类别", "入职日期", "离职日期"],
              ["张伟", IDS[0], "一线", dt.date(2024, 3, 1), None],
              ["王芳", IDS[1], "一线", dt.datetime(2024, 5, 6, 9, 0), ""],
              ["李娜", IDS[2], "一线", 45292, "2025年10月15日"],
              ["刘洋", IDS[3], "一线", "20250601", None]]
    import_file(store, henan, OCT, "roster", book(tmp_path / "名单.xlsx", roster), dt.date(2025, 10, 8))
    assert [(r["hire_date"], r["leave_date"]) for r in records(store, "roster")] == [
        (dt.date(2024, 3, 1), None), (dt.date(2024, 5, 6), None), (dt.date(2024, 1, 1), dt.date(2025, 10, 15)),
        (dt.date(2025, 6, 1), None)]
    schedule = book(tmp_path / "排班表.xlsx", [["姓名", "日期", "开始时间", "结束时间"],
                                               ["张伟", dt.date(2025, 10, 1), 0.3541666, "17:30"]],
                    formats={"C2": "h:mm"})
    import_file(store, henan, OCT, "schedule", schedule, dt.date(2025, 10, 3))
    assert [(r["start"], r["end"]) for r in records(store, "schedule")] == [(dt.time(8, 30), dt.time(17, 30))]


def test_merged_cells_are_filled_in_xls_as_in_xlsx(store, tmp_path):
    """The title merged over the header, and a role written once for two persons (xlwt's merged ranges)."""
    import xlwt

    henan = store.contracts.get("henan-2025")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("名单")
    ws.write_merge(0, 0, 0, 3, "2025年10月人员名单")
    for c, header in enumerate(["姓名", "身份证号", "岗位类别", "入职日期"]):
        ws.write(1, c, header)
    for r, (name, number) in enumerate([("张伟", IDS[0]), ("王芳", IDS[1])], start=2):
        ws.write(r, 0, name)
        ws.write(r, 1, number)
        ws.write(r, 3, "2024-03-01")
    ws.write_merge(2, 3, 2, 2, "一线话务员")
    path = tmp_path / "名单.xls"
    wb.save(str(path))
    import_file(store, henan, OCT, "roster", path, dt.date(2025, 10, 8))
    assert [(r["_row"], r["name"], r["role"]) for r in records(store, "roster")] == [
        (3, "张伟", "frontline"), (4, "王芳", "frontline")]


# ----------------------------------------------------------------- the .xlsx safety scan

PAYROLL = [["姓名", "应发工资", "实发工资"], ["张伟", 5200, 4500], ["王芳", 3000, 2800]]


def _before_sheet_data_end(xml: str):
    return lambda text: text.replace("</sheetData>", xml + "</sheetData>")


def _merges(count: int, prefix: str = "") -> str:
    return (f'<{prefix}mergeCells count="{count}">' + f'<{prefix}mergeCell ref="A1:A1"/>' * count
            + f"</{prefix}mergeCells>")


HOSTILE = {   # how the sheet is rewritten → what the message names
    "a second r attribute, far": (_before_sheet_data_end('<row r="4"><c r="A4" r="GS4" t="n"><v>1</v></c></row>'),
                                  "已损坏"),
    "a second r attribute after a tab": (
        _before_sheet_data_end('<row r="4"><c r="A4"\tr="A300000" t="n"><v>1</v></c></row>'), "已损坏"),
    "the reference after another attribute": (
        _before_sheet_data_end('<row r="4"><c t="n" r="GS4"><v>1</v></c></row>'), "表格范围过大"),
    "a prefixed cell": (_before_sheet_data_end('<row r="4"><x:c r="A300000" t="n"><x:v>1</x:v></x:c></row>'),
                        "表格范围过大"),
    "a lower-case reference calamine would read": (
        _before_sheet_data_end('<row r="4"><c r="gs4" t="n"><v>1</v></c></row>'), "已损坏"),
    "a single-quoted far reference": (_before_sheet_data_end("<row r='4'><c r='A250000'><v>1</v></c></row>"),
                                      "表格范围过大"),
    "a comment hiding nothing, then a far cell": (
        _before_sheet_data_end('<!-- <c r="A1"> --><row r="4"><c r="XFD4"><v>1</v></c></row>'), "表格范围过大"),
    "text before the XML (calamine reads on)": (
        lambda t: "导出 " + t.replace("</sheetData>", '<row r="4"><c r="XFD4"><v>1</v></c></row></sheetData>'),
        "已损坏"),
    "too many merged ranges": (lambda t: t.replace("</sheetData>", "</sheetData>"
                                                   + _merges(limits.MAX_MERGED_RANGES + 1)), "合并单元格超过"),
    "too many prefixed merged ranges": (
        lambda t: t.replace("</sheetData>", "</sheetData>" + _merges(limits.MAX_MERGED_RANGES + 1, "x:")),
        "合并单元格超过"),
}


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "audit.db"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("case", list(HOSTILE))
def test_cells_written_to_reach_far_are_refused_however_written(db, tmp_path, capsys, case):
    change, reason = HOSTILE[case]
    path = rewrite(book(tmp_path / "工资表.xlsx", PAYROLL), change)
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys, names=("工资表.xlsx", reason))


def test_odd_but_harmless_writing_is_read_by_the_exact_scan(store, tmp_path):
    """A comment, cells without references and single quotes send the sheet to the exact scan; it is read."""
    henan = store.contracts.get("henan-2025")
    path = rewrite(book(tmp_path / "工资表.xlsx", PAYROLL),
                   _before_sheet_data_end("<!-- 导出自某系统 --><row r='4'><c t=\"inlineStr\"><is><t>李娜</t></is>"
                                          "</c><c><v>2600</v></c><c><v>2400</v></c></row>"))
    assert import_file(store, henan, OCT, "payroll", path, dt.date(2025, 10, 8)).rows == 3
    assert records(store, "payroll")[-1] == {"_row": 4, "name": "李娜", "gross": Decimal("2600.00"),
                                             "net": Decimal("2400.00")}


def test_a_work_order_number_kept_as_a_number_is_listed_as_bad(file_store, tmp_path):
    """Two 19-digit 工单编号 typed as numbers become the same float: each is named, not one taken for the other."""
    from auditor.errors import InputError
    from auditor.operations.workorders import import_file as import_orders

    from .builders import record
    from .workorder_files import write_xlsx

    record(file_store, file_store.contracts.get("henan-2025"), "2025-10")
    rows = [["工单编号", "渠道", "受理时间"], ["HN-1", "网站", dt.datetime(2025, 10, 9, 9)],
            [2025100900000000001, "网站", dt.datetime(2025, 10, 9, 10)],
            [2025100900000000002, "网站", dt.datetime(2025, 10, 9, 11)]]
    with pytest.raises(InputError) as refusal:
        import_orders(file_store, "henan-2025", OCT, write_xlsx(tmp_path / "工单.xlsx", rows))
    problems = refusal.value.problems
    assert [p.split(": ")[0] for p in problems if "设为文本" in p] == ["第 3 行 A 列（工单编号）",
                                                                        "第 4 行 A 列（工单编号）"]


def test_a_picture_is_not_taken_for_a_sheet(store, tmp_path):
    """Binary parts may hold any bytes, `<c ` and `<!` among them: not XML, never read by calamine, not refused."""
    henan = store.contracts.get("henan-2025")
    path = book(tmp_path / "工资表.xlsx", PAYROLL)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + b"<c r=\"XFD9\"><!DOCTYPE x>\x00" * 1000)
    assert import_file(store, henan, OCT, "payroll", path, dt.date(2025, 10, 8)).rows == 2
