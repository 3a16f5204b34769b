"""The reach of an .xlsx sheet is bounded together, as an .xls or .ods workbook is (issue 12).

calamine builds the whole rectangle of the sheet it reads, from A1 to the furthest row and column any cell
reaches; each way was bounded (``limits.MAX_ROWS`` × ``limits.MAX_COLUMNS``) but not together, so one cell at
GR199999 made it build 40 million cells (~1.3 GB). A sheet whose cells reach further than
``limits.MAX_LOADED_CELLS`` cells is now refused by the scan, before calamine opens the file: where the cells
really are (their references, or the row they are written in), never what ``<dimension>`` says.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from auditor import limits
from auditor.errors import InputError
from auditor.imports import _scan_xlsx, column_letter, read_rows

from .hostile import read_in_fresh_process, refused

ROOT = Path(__file__).resolve().parents[2]
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>应发工资</t></is>' \
         '</c><c r="C1" t="inlineStr"><is><t>实发工资</t></is></c></row>'
PAY = '<row r="2"><c r="A2" t="inlineStr"><is><t>张伟</t></is></c><c r="B2"><v>5200</v></c>' \
      '<c r="C2"><v>4500</v></c></row>'


def cell(ref: str, value: int = 1) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def workbook(path: Path, sheet_data: str, *, dimension: str | None = None, sheet: str = "工资") -> Path:
    """An .xlsx written part by part with zipfile, as an attacker writes one: one sheet, named ``sheet``."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
        f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>'
        + (f'<dimension ref="{dimension}"/>' if dimension else "") + f"<sheetData>{sheet_data}</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def header_to(columns: int) -> str:
    """The header row, then cells on to the ``columns``-th column of row 1."""
    return HEADER.replace("</row>", "".join(cell(f"{column_letter(c)}1") for c in range(3, columns)) + "</row>")


FAR = {   # how the sheet reaches past 5,000,000 cells → (rows, columns) the message gives
    "one cell at GR199999": (HEADER + PAY + row(199999, cell("GR199999")), (199999, 200)),
    "a far row in one column, under a header 26 wide": (header_to(26) + PAY + row(199999, cell("A199999")),
                                                         (199999, 26)),
    "a far row given by its row number alone": (header_to(26) + PAY + '<row r="199999"><c><v>1</v></c></row>',
                                                (199999, 26)),
    "a far column in one row, over rows to 25,001": (header_to(200) + PAY + row(25001, cell("A25001")), (25001, 200)),
    "a far column in the last row": (HEADER + PAY + row(25001, cell("A25001"), cell("GR25001")), (25001, 200)),
    "far cells behind a small <dimension>": (HEADER + PAY + row(60000, cell("A60000"), cell("CV60000")),
                                             (60000, 100)),
}


@pytest.mark.parametrize("case", list(FAR))
def test_a_sheet_reaching_past_five_million_cells_is_refused(db, tmp_path, capsys, case):
    sheet_data, (rows, columns) = FAR[case]
    path = workbook(tmp_path / "工资表.xlsx", sheet_data, dimension="A1:C3" if "dimension" in case else None)
    message = refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
                      names=("工资表.xlsx", "工作表“工资”", "表格范围过大", f"第 {rows} 行、第 {columns} 列",
                             f"{rows * columns:,} 个单元格", f"最多 {limits.MAX_LOADED_CELLS:,} 个"))
    assert "Traceback" not in message


def test_the_far_cell_is_refused_before_calamine_builds_the_sheet(tmp_path):
    """In a fresh process, reading the file with one cell at GR199999 is refused and the process grows by a
    few megabytes at most (calamine would have built 40 million cells, ~1.3 GB)."""
    path = workbook(tmp_path / "工资表.xlsx", HEADER + PAY + row(199999, cell("GR199999")))
    grown, outcome = read_in_fresh_process(path)
    assert "表格范围过大" in outcome
    assert grown < 32, f"the process grew by {grown} MB"


def test_honest_shapes_are_read(tmp_path):
    """Wide (a header 60 columns wide), tall (35,000 rows in column A), both at once within the bound (30
    columns, 26,000 rows), and a <dimension> claiming far more than the cells reach — A1:IV65536, as some
    exporters write it (calamine builds what the cells reach, not what <dimension> says): each is read."""
    shapes = {"wide": (header_to(60) + PAY, None, (2, 60)),
              "tall": (HEADER + "".join(row(n, cell(f"A{n}", n)) for n in range(2, 35001)), None, (35000, 3)),
              "wide and tall": (header_to(30) + PAY + row(26000, cell("A26000")), None, (26000, 30)),
              "a claiming dimension": (HEADER + PAY, "A1:IV65536", (2, 3))}
    for name, (sheet_data, dimension, (rows, columns)) in shapes.items():
        read = read_rows(workbook(tmp_path / f"{name}.xlsx", sheet_data, dimension=dimension))
        assert (read[-1][0], max(len(cells) for _, cells in read)) == (rows, columns), name


def test_exactly_five_million_cells_pass_the_scan_and_one_row_more_does_not(tmp_path):
    """The bound is inclusive: GR1 with A25000 is 200 × 25,000 cells; GR1 with A25001 is one row too many (the
    scan alone: calamine would build the 5,000,000 cells)."""
    at = workbook(tmp_path / "at.xlsx", header_to(200) + row(25000, cell("A25000")))
    _scan_xlsx(at)
    past = workbook(tmp_path / "past.xlsx", header_to(200) + row(25001, cell("A25001")))
    with pytest.raises(InputError, match="表格范围过大"):
        _scan_xlsx(past)


def test_the_boxes_of_the_plain_scan_hold_exactly_what_they_say():
    """The plain scan lets a cell pass unmeasured only when its reference is inside the current box: the
    expressions for "1 to n" and "A to the n-th column" must hold no number and no column more."""
    import re

    from auditor.imports import _columns_up_to, _up_to

    for top in (1, 9, 10, 25, 99, 100, 101, 25_000, 50_000, 100_000, 199_999, 200_000):
        within = re.compile(f'(?:{_up_to(top)})"')
        for number in [*range(1, 1000), *range(top - 1000, top + 1000), *range(9_000, 1_100_000, 997)]:
            if number > 0:
                assert bool(within.fullmatch(f'{number}"')) == (number <= top), (top, number)
        assert not within.fullmatch('0"') and not within.fullmatch('01"')
    for top in (1, 25, 26, 27, 50, 100, 200, 702, 703):
        within = re.compile(f"(?:{_columns_up_to(top)})7")
        for number in range(1, 16_385):
            assert bool(within.fullmatch(column_letter(number - 1) + "7")) == (number <= top), (top, number)
