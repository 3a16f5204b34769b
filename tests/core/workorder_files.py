"""Work-order exports built by hand for the tests and the benchmark: openpyxl for ordinary files, and a raw
writer that puts the XML together itself (as fast as a platform's own exporter, and free to write what an
attacker would: far cells, no cell references, hidden sheets)."""
from __future__ import annotations

import datetime as dt
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HEADERS = ["工单编号", "渠道", "工单类型", "受理时间", "首次回应时间", "办结时间", "是否转办", "是否退回", "是否回访",
           "回访时间", "需申诉"]


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "工单", hidden_first: Sequence[Sequence[Any]]
               | None = None) -> Path:
    """An ordinary workbook (openpyxl); ``hidden_first``: a hidden sheet before it, holding those rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if hidden_first is not None:
        sheet.title = "备用"
        for row in hidden_first:
            sheet.append(list(row))
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> Path:
    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return str(value)

    path.write_bytes("\r\n".join(",".join(text(c) for c in row) for row in rows).encode(encoding))
    return path


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_EPOCH = dt.datetime(1899, 12, 30)


def write_raw_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, references: bool = True,
                   extra_cells: str = "", dimension: str | None = None) -> Path:
    """A workbook written as Excel writes one (shared strings, date-times as styled serial numbers).

    ``references=False`` leaves out every ``r`` attribute (positions implied, as some exporters do);
    ``extra_cells`` is XML put inside the last row (an attacker's far cell); ``dimension`` a declared extent."""
    strings: dict[str, int] = {}
    parts = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f' r="{_letters(c)}{r}"' if references else ""
            if value is None:
                cells.append(f"<c{ref}/>" if not references else "")
            elif isinstance(value, dt.datetime):
                cells.append(f'<c{ref} s="1"><v>{(value - _EPOCH).total_seconds() / 86400!r}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f"<c{ref}><v>{value}</v></c>")
            else:
                index = strings.setdefault(str(value), len(strings))
                cells.append(f'<c{ref} t="s"><v>{index}</v></c>')
        if r == len(rows):
            cells.append(extra_cells)
        row_ref = f' r="{r}"' if references else ""
        parts.append(f"<row{row_ref}>{''.join(cells)}</row>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}">'
             + (f'<dimension ref="{dimension}"/>' if dimension else "")
             + "<sheetData>" + "".join(parts) + "</sheetData></worksheet>")
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{main}" count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{main}">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sheet_type}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheet_type}.styles+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
            '<sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{office}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{office}/styles" Target="styles.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/styles.xml", styles)
    return path


CHANNELS = ("电话", "网站", "微信", "APP", "省派")


def month_of_orders(count: int, year: int = 2025, month: int = 10, seed: int = 7) -> list[list[Any]]:
    """``count`` plausible orders of one month, the header first: every fifth a 网站 order, a third of them
    transferred, one in a hundred late to respond."""
    rng = random.Random(seed)
    start = dt.datetime(year, month, 1)
    rows: list[list[Any]] = [list(HEADERS)]
    for n in range(count):
        received = start + dt.timedelta(seconds=rng.randrange(27 * 86400))
        responded = received + dt.timedelta(seconds=rng.randrange(30, 170) if n % 100 else 4 * 86400)
        done = responded + dt.timedelta(hours=rng.randrange(1, 72))
        transferred = n % 3 == 0
        rows.append([f"GD{year}{month:02d}{n:07d}", CHANNELS[n % 5], "咨询", received, responded, done,
                     "是" if transferred else "否", "是" if transferred and n % 97 == 0 else "否",
                     "是" if transferred else "否", None, "否"])
    return rows
