"""The operator's monthly spreadsheets: 人员名单, 排班表, 工资表, 五险一金, 转账记录.

Read from .xlsx (openpyxl), .xls (python-calamine) or .csv (UTF-8 with or
without BOM, GBK/GB18030, detected). Headers vary between operators: common
Chinese synonyms are mapped, and a per-operator column map (kept by the app)
covers the rest. Values are read as operators write them: full-width digits,
"96.5%", thousands separators, Excel dates and date strings, title rows above
the header, merged cells, blank rows.

Import is all or nothing: every bad cell is reported (file, row, column) and
nothing is stored unless the whole file is good.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import idcard, limits
from .errors import InputError
from .submissions import KIND_LABELS, KINDS
from .text import halfwidth

INSURANCE_FIELDS = {"pension": "养老保险", "medical": "医疗保险（含生育）", "unemployment": "失业保险",
                    "injury": "工伤保险", "housing": "住房公积金"}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "员工姓名", "户名", "人员姓名", "收款人", "收款人姓名", "收款户名", "职工姓名", "名字"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "公民身份号码", "身份证", "身份证件号码"),
    "employee_no": ("工号", "员工编号", "员工号", "职工编号", "人员编号", "编号"),
    "role": ("岗位类别", "人员类别", "岗位", "角色", "职位类别", "岗位类型", "职务"),
    "hire_date": ("入职日期", "入职时间", "到岗日期", "入职"),
    "leave_date": ("离职日期", "离职时间", "离岗日期", "离职"),
    "education": ("学历", "最高学历", "文化程度"),
    "experience_years": ("同类管理经验年限", "管理经验年限", "管理经验（年）", "管理经验(年)", "相关经验年限",
                         "同类业务管理经验"),
    "date": ("日期", "排班日期", "值班日期", "上班日期"),
    "shift": ("班次", "班别", "班组"),
    "start": ("开始时间", "上班时间", "班次开始"),
    "end": ("结束时间", "下班时间", "班次结束"),
    "gross": ("应发工资", "应发合计", "应发金额", "税前工资", "应发"),
    "net": ("实发工资", "实发金额", "实发合计", "实发"),
    "pension": ("养老保险", "基本养老", "基本养老保险", "养老"),
    "medical": ("医疗保险", "基本医疗", "基本医疗保险", "医疗（含生育）", "医疗(含生育)", "医疗"),
    "unemployment": ("失业保险", "失业"),
    "injury": ("工伤保险", "工伤"),
    "housing": ("住房公积金", "公积金"),
    "account": ("账号", "收款账号", "银行账号", "卡号", "银行卡号"),
    "amount": ("金额", "转账金额", "交易金额", "发放金额", "实发金额"),
}
FIELD_LABELS = {"name": "姓名", "id_number": "身份证号", "employee_no": "工号", "role": "岗位类别",
                "hire_date": "入职日期", "leave_date": "离职日期", "education": "学历",
                "experience_years": "同类管理经验年限", "date": "日期", "shift": "班次", "start": "开始时间",
                "end": "结束时间", "gross": "应发工资", "net": "实发工资", "pension": "养老保险",
                "medical": "医疗保险", "unemployment": "失业保险", "injury": "工伤保险", "housing": "住房公积金",
                "account": "账号", "amount": "金额"}
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # kind → (required, optional)
    "roster": (("name", "id_number", "role"), ("employee_no", "hire_date", "leave_date", "education",
                                               "experience_years")),
    "schedule": (("name", "date"), ("employee_no", "id_number", "shift", "start", "end", "role")),
    "payroll": (("name", "gross", "net"), ("id_number", "employee_no")),
    "insurance": (("name", "pension", "medical", "unemployment", "injury", "housing"), ("id_number",)),
    "transfers": (("name", "amount"), ("account", "id_number")),
}
ROLE_WORDS = (("management", ("管理", "主管", "经理", "班长", "组长", "负责人", "总监")),
              ("support", ("支撑", "质检", "培训", "数据", "分析", "技术", "运维", "知识库", "后台")),
              ("frontline", ("一线", "话务", "坐席", "座席", "客服", "接线", "受理")))


class ColumnsError(InputError):
    """Required columns not found: carries what the file has, so the user can map them."""

    def __init__(self, message: str, problems: list[str], kind: str, missing: list[str], headers: list[str]) -> None:
        super().__init__(message, problems)
        self.kind = kind
        self.missing = missing
        self.headers = headers


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet as rows of cell values, with the spreadsheet row number of each."""

    source: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    kind: str
    source: str
    sha256: str
    columns: Mapping[str, str]            # field → header as written
    records: tuple[dict[str, Any], ...]   # each with "_row": the spreadsheet row
    unmapped: tuple[str, ...] = field(default=())


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ----------------------------------------------------------------- reading files

def _decode_csv(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: 无法识别文件编码（应为 UTF-8 或 GBK）")


def read_rows(path: Path, sheet: str | None = None, *, xlsx_reader: str = "openpyxl"
              ) -> list[tuple[int, tuple[Any, ...]]]:
    """Every non-empty row as (row number, cells), merged cells filled from their top-left cell.

    Spreadsheets come from the operator: the first *visible* sheet is read
    (or the one named), and a file whose cells reach past
    ``limits.MAX_ROWS`` × ``limits.MAX_COLUMNS`` is refused before it is loaded.
    ``xlsx_reader="calamine"`` reads an .xlsx with python-calamine instead: several times faster on a
    100,000-row export, merged cells left as they are (work-order exports have none that matter).
    """
    name = path.name
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    if path.stat().st_size > limits.MAX_FILE_BYTES:
        raise InputError(f"{name}: 文件过大（超过 {limits.MAX_FILE_BYTES // 2**20} MB）")
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{name}: 文件是空的")
    if suffix == ".csv":
        rows = _read_csv(data, name)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx_calamine(path, sheet) if xlsx_reader == "calamine" else _read_xlsx(path, sheet)
    elif suffix in (".xls", ".ods"):
        rows = _read_calamine(path, sheet)
    else:
        raise InputError(f"{name}: 不支持的文件类型 {suffix}（应为 .xlsx、.xls 或 .csv）")
    return [(n, r) for n, r in rows if any(_blank(v) is False for v in r)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_large(name: str, rows: int, columns: int) -> InputError:
    return InputError(f"{name}: 表格范围过大（数据延伸到第 {rows} 行、第 {columns} 列；"
                      f"最多 {limits.MAX_ROWS} 行 × {limits.MAX_COLUMNS} 列），请只保留报送的数据")


def _read_csv(data: bytes, name: str) -> list[tuple[int, tuple[Any, ...]]]:
    text = _decode_csv(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if n > limits.MAX_ROWS or len(row) > limits.MAX_COLUMNS:
                raise _too_large(name, n, len(row))
            rows.append((n, tuple(row)))
    except csv.Error as exc:
        raise InputError(f"{name}: 不是有效的 CSV 文件（第 {n} 行：{exc}）") from None
    return rows


EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384   # what Excel itself can hold
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class _Refused(Exception):
    """Raised from inside the XML scan to stop it at once."""


@dataclass
class _Extent:
    """The cells that exist in one part of the workbook, and its merged ranges."""

    max_row: int = 0
    max_column: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _scan_part(stream: Any) -> _Extent:
    """Where the cells of one XML part really are, read with expat without building a tree.

    The ``<dimension>`` element is the attacker's to write, so it is ignored;
    a row or cell beyond what Excel can hold, a cell reference that is not one,
    or a DTD (entity expansion) stops the scan.
    """
    from xml.parsers import expat

    extent = _Extent()
    row = column = cells = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, column, cells
        local = tag.rpartition(":")[2]
        if local == "row":
            ref = attrs.get("r")
            if ref is None:
                row += 1
            elif ref.isdigit() and len(ref) <= 7:
                row = int(ref)
            else:
                raise _Refused(f"行号“{limits.shown(ref)}”无效")
            column = cells = 0
            if row > EXCEL_ROWS:
                raise _Refused(f"行号 {row} 超出 Excel 的范围")
        elif local == "c":
            ref = attrs.get("r")
            at_row = row   # calamine places a cell by its own reference, whatever row element holds it
            if ref is None:
                column += 1
            else:
                match = _REF.fullmatch(ref)
                if not match:
                    raise _Refused(f"单元格引用“{limits.shown(ref)}”无效")
                column, at_row = _column_number(match.group(1)), int(match.group(2))
            cells += 1
            if column > EXCEL_COLUMNS or cells > EXCEL_COLUMNS:
                raise _Refused("一行的单元格超出 Excel 的范围")
            extent.max_row = max(extent.max_row, row, at_row)
            extent.max_column = max(extent.max_column, column)
        elif local == "mergeCell":
            match = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})", attrs.get("ref", ""))
            if match:
                if len(extent.merges) >= limits.MAX_MERGED_RANGES:
                    raise _Refused(f"合并单元格超过 {limits.MAX_MERGED_RANGES} 处")
                c1, r1, c2, r2 = (_column_number(match.group(1)), int(match.group(2)),
                                  _column_number(match.group(3)), int(match.group(4)))
                extent.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    def no_dtd(*_: Any) -> None:
        raise _Refused("含有 DTD")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    while chunk := stream.read(2**20):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return extent


def _scan_xlsx(path: Path) -> dict[str, _Extent]:
    """The extent of every XML part of the archive, before openpyxl is let near it.

    openpyxl sizes every sheet when it opens a workbook (and reads the whole
    part when the ``<dimension>`` is missing), so every part is scanned, not
    only the sheet that will be read. The declared sizes bound the inflated
    bytes: ``zipfile`` never inflates a member past its declared size.
    """
    import zipfile
    from xml.parsers import expat

    extents: dict[str, _Extent] = {}
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > 10_000 or sum(m.file_size for m in members) > limits.MAX_UNZIPPED_BYTES:
            raise _Refused(f"解压后超过 {limits.MAX_UNZIPPED_BYTES // 2**20} MB")
        for member in members:
            if member.is_dir():
                continue
            with archive.open(member) as stream:
                head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
            if not head.startswith(b"<"):
                continue  # pictures and other binary parts
            try:
                with archive.open(member) as stream:
                    extents[member.filename] = _scan_part(stream)
            except expat.ExpatError:
                continue  # not well-formed: openpyxl refuses it on its own, at the same place
    return extents


def _choose_sheet(name: str, titles: list[str], visible: list[bool], sheet: str | None) -> int:
    """The sheet named, or else the first visible one (an operator can hide a sheet, the inspector cannot see it)."""
    shown = [t for t, v in zip(titles, visible) if v]
    if sheet is not None:
        if sheet not in titles:
            raise InputError(f"{name}: 没有名为“{limits.shown(sheet)}”的工作表"
                             f"（可见的工作表：{'、'.join(shown) or '（无）'}）")
        return titles.index(sheet)
    if not shown:
        raise InputError(f"{name}: 没有可见的工作表")
    return visible.index(True)


def _read_xlsx(path: Path, sheet: str | None) -> list[tuple[int, tuple[Any, ...]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        extents = _scan_xlsx(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{type(exc).__name__}）") from None
    except _Refused as exc:
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{exc}）") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds of error for a broken file
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{type(exc).__name__}）") from None
    try:
        sheets = book.worksheets
        index = _choose_sheet(path.name, [ws.title for ws in sheets],
                              [ws.sheet_state == "visible" for ws in sheets], sheet)
        ws = sheets[index]
        # the part openpyxl will read (openpyxl < 4); private, so not in its stubs
        extent = extents.get(ws._worksheet_path.lstrip("/"))  # type: ignore[attr-defined]
        if extent is None:
            raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（找不到工作表“{ws.title}”的内容）")
        if extent.max_row > limits.MAX_ROWS or extent.max_column > limits.MAX_COLUMNS:
            raise _too_large(path.name, extent.max_row, extent.max_column)
        ws.reset_dimensions()  # the declared <dimension> would pad every row to its width
        return _stream_rows(ws, extent, path.name)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — a cell openpyxl cannot convert (a date serial past year 9999…)
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{type(exc).__name__}）") from None
    finally:
        book.close()


def _stream_rows(ws: Any, extent: _Extent, name: str) -> list[tuple[int, tuple[Any, ...]]]:
    """Rows up to the last cell that exists, merged ranges (clipped to those cells) filled from their top-left."""
    merges = sorted((r1, c1, min(r2, extent.max_row), min(c2, extent.max_column))
                    for r1, c1, r2, c2 in extent.merges
                    if 1 <= r1 <= extent.max_row and 1 <= c1 <= extent.max_column)
    if sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in merges) > limits.MAX_ROWS * limits.MAX_COLUMNS:
        raise InputError(f"{name}: 合并单元格的范围过大")
    active: list[tuple[int, int, int, Any]] = []   # (last row, first column, last column, value)
    following = 0
    rows = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > extent.max_row:
            break
        cells = list(values)
        while following < len(merges) and merges[following][0] <= number:
            r1, c1, r2, c2 = merges[following]
            active.append((r2, c1, c2, cells[c1 - 1] if c1 <= len(cells) else None))
            following += 1
        active = [m for m in active if m[0] >= number]
        for _, c1, c2, value in active:
            if len(cells) < c2:
                cells.extend([None] * (c2 - len(cells)))
            cells[c1 - 1:c2] = [value] * (c2 - c1 + 1)
        rows.append((number, tuple(cells)))
    return rows


def _read_calamine(path: Path, sheet: str | None) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise InputError(f"{path.name}: 读取 .xls 需要 python-calamine") from None
    # calamine builds every sheet's whole rectangle when it opens the file: measure the cells first
    try:
        extents = _scan_ods(path) if path.suffix.lower() == ".ods" else _scan_xls(path.read_bytes())
    except _Refused as exc:
        raise InputError(f"{path.name}: 不是有效的{path.suffix.lower()}文件或文件已损坏（{exc}）") from None
    except Exception as exc:  # noqa: BLE001 — a broken archive or compound file
        raise InputError(f"{path.name}: 不是有效的{path.suffix.lower()}文件"
                         f"或文件已损坏（{type(exc).__name__}）") from None
    for rows, columns in extents:
        if rows > limits.MAX_ROWS or columns > limits.MAX_COLUMNS:
            raise _too_large(path.name, rows, columns)
    if sum(rows * columns for rows, columns in extents) > limits.MAX_LOADED_CELLS:
        raise InputError(f"{path.name}: 各工作表的范围合计超过 {limits.MAX_LOADED_CELLS:,} 个单元格，"
                         "请只保留报送的数据")
    try:
        book = CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
    except Exception as exc:  # noqa: BLE001 — calamine raises its own error types
        raise InputError(f"{path.name}: 无法读取（{limits.shown(exc)}）") from None
    index = _choose_sheet(path.name, [m.name for m in metadata],
                          [str(m.visible).rsplit(".", 1)[-1].lower() == "visible" for m in metadata], sheet)
    try:
        data = book.get_sheet_by_index(index).to_python()
    except Exception as exc:  # noqa: BLE001 — calamine raises its own error types
        raise InputError(f"{path.name}: 无法读取（{limits.shown(exc)}）") from None
    return [(n, tuple(r)) for n, r in enumerate(data, start=1)]


_OTHER_CELL = re.compile(rb'<c(?! r="[A-Z])[\s/>]')  # a cell written other than `<c r="…"`
_PREFIXED_CELL = re.compile(rb":c[\s/>]")          # a cell with a namespace prefix (`<x:c …>`)
_FAR_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{6,7}|[A-Z]{2,3}[0-9]{1,7})"')


def _fast_extent(data: bytes) -> tuple[int, int] | None:
    """An upper bound of the (rows, columns) the cells of one XML part reach, when every cell is written
    ``<c r="B7"`` (as spreadsheet programs write them), found with byte counts and regular expressions
    that run in C; None when some cell is written otherwise, for the exact expat scan. Text that only
    looks like a cell (in a comment) can make the bound larger, never hide a cell."""
    if b"<!DOCTYPE" in data:
        raise _Refused("含有 DTD")
    if _OTHER_CELL.search(data) or _PREFIXED_CELL.search(data):
        return None
    rows = 10 ** (len(str(limits.MAX_ROWS)) - 1) - 1          # below the limit unless a far cell says more
    columns = 26 ** (len(column_letter(limits.MAX_COLUMNS - 1)) - 1)
    for ref in _FAR_CELL.findall(data):
        match = _REF.fullmatch(ref.decode("ascii"))
        if match:
            rows = max(rows, int(match.group(2)))
            columns = max(columns, _column_number(match.group(1)))
    return rows, columns


def _read_xlsx_calamine(path: Path, sheet: str | None) -> list[tuple[int, tuple[Any, ...]]]:
    """An .xlsx read by python-calamine, every XML part measured first (calamine builds the whole
    rectangle of the sheet it reads): the same refusals as the openpyxl path, faster."""
    import zipfile

    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise InputError(f"{path.name}: 读取 .xlsx 需要 python-calamine") from None
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > 10_000 or sum(m.file_size for m in members) > limits.MAX_UNZIPPED_BYTES:
                raise _Refused(f"解压后超过 {limits.MAX_UNZIPPED_BYTES // 2**20} MB")
            for member in members:
                if member.is_dir():
                    continue
                data = archive.read(member)   # inflated no further than declared, CRC checked
                if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                    continue
                extent = _fast_extent(data)
                if extent is None:
                    found = _scan_part(io.BytesIO(data))
                    extent = (found.max_row, found.max_column)
                if extent[0] > limits.MAX_ROWS or extent[1] > limits.MAX_COLUMNS:
                    raise _too_large(path.name, *extent)
    except InputError:
        raise
    except _Refused as exc:
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{exc}）") from None
    except Exception as exc:  # noqa: BLE001 — a broken archive, or XML expat cannot read
        raise InputError(f"{path.name}: 不是有效的 xlsx 文件或文件已损坏（{type(exc).__name__}）") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
        index = _choose_sheet(path.name, [m.name for m in metadata],
                              [str(m.visible).rsplit(".", 1)[-1].lower() == "visible" for m in metadata], sheet)
        data_rows = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — calamine raises its own error types
        raise InputError(f"{path.name}: 无法读取（{limits.shown(exc)}）") from None
    return list(enumerate(map(tuple, data_rows), start=1))


_FREE = 0xFFFFFFFA   # sector numbers from here up are markers (end of chain, free, FAT, DIFAT)


def _compound_stream(data: bytes, names: tuple[str, ...]) -> bytes:
    """One stream of an OLE compound file ([MS-CFB]), every chain bounded so a loop cannot hang it."""
    import struct

    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or len(data) < 512:
        raise _Refused("不是 OLE 复合文档")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Refused("扇区大小无效")
    size = 1 << shift
    count = (len(data) - 512) // size + 1
    dir_start, = struct.unpack_from("<I", data, 48)
    cutoff, mini_fat_start, _, difat_start, difat_count = struct.unpack_from("<IIIII", data, 56)

    def sector(n: int) -> bytes:
        if n >= count:
            raise _Refused("扇区编号越界")
        return data[512 + n * size:512 + (n + 1) * size]

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    n = difat_start
    for _ in range(min(difat_count, count)):
        if n >= _FREE:
            break
        difat = struct.unpack(f"<{size // 4}I", sector(n))
        fat_sectors += difat[:-1]
        n = difat[-1]
    fat: list[int] = []
    for n in fat_sectors:
        if n < _FREE:
            fat += struct.unpack(f"<{size // 4}I", sector(n))

    def chain(start: int, table: list[int], read: Callable[[int], bytes]) -> bytes:
        parts: list[bytes] = []
        n = start
        while n < _FREE:
            if len(parts) > len(table) or n >= len(table):
                raise _Refused("扇区链无效")
            parts.append(read(n))
            n = table[n]
        return b"".join(parts)

    directory = chain(dir_start, fat, sector)
    entries: dict[str, tuple[int, int, int]] = {}  # name → (type, first sector, size)
    for offset in range(0, len(directory) - 127, 128):
        length, = struct.unpack_from("<H", directory, offset + 64)
        name = directory[offset:offset + max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
        start, stream_size = struct.unpack_from("<II", directory, offset + 116)
        entries.setdefault(name, (directory[offset + 66], start, stream_size))
    root = next(iter(entries.values()), None)
    for name in names:
        if name in entries and entries[name][0] == 2:
            _, start, stream_size = entries[name]
            if stream_size >= cutoff:
                return chain(start, fat, sector)[:stream_size]
            mini_stream = chain(root[1], fat, sector) if root else b""
            raw = chain(mini_fat_start, fat, sector)
            mini_fat = list(struct.unpack(f"<{len(raw) // 4}I", raw)) if raw else []

            def mini_sector(k: int, stream: bytes = mini_stream) -> bytes:
                return stream[k * 64:(k + 1) * 64]

            return chain(start, mini_fat, mini_sector)[:stream_size]
    raise _Refused("没有 Workbook 数据流")


_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406}


def _scan_xls(data: bytes) -> list[tuple[int, int]]:
    """(rows, columns) reached by the cells of each substream of a BIFF5/8 workbook, read record by record."""
    import struct

    stream = _compound_stream(data, ("Workbook", "Book"))
    extents: list[list[int]] = []
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        position += 4 + length
        if kind == 0x0809:          # BOF: a new substream (the globals, then each sheet)
            extents.append([0, 0])
        elif extents and len(body) >= 6 and (kind in _CELL_RECORDS or kind in (0x00BD, 0x00BE)):
            row, column = struct.unpack_from("<HH", body)
            if kind in (0x00BD, 0x00BE):   # MULRK, MULBLANK: the last column closes the record
                column, = struct.unpack_from("<H", body, len(body) - 2)
            extents[-1][0] = max(extents[-1][0], row + 1)
            extents[-1][1] = max(extents[-1][1], column + 1)
    return [(rows, columns) for rows, columns in extents]


def _scan_ods(path: Path) -> list[tuple[int, int]]:
    """(rows, columns) of each table of an OpenDocument spreadsheet, with its repeat counts applied."""
    import zipfile
    from xml.parsers import expat

    extents: list[list[int]] = []
    row = column = 0
    repeat_rows = 1
    filled = False

    def repeat(attrs: dict[str, str], key: str) -> int:
        text = attrs.get(key, "1")
        if not text.isdigit() or len(text) > 7:
            raise _Refused(f"重复次数“{limits.shown(text)}”无效")
        return int(text)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, column, repeat_rows, filled
        if tag == "table:table":
            extents.append([0, 0])
            row = 0
        elif tag == "table:table-row" and extents:
            repeat_rows, column, filled = repeat(attrs, "table:number-rows-repeated"), 0, False
        elif tag in ("table:table-cell", "table:covered-table-cell") and extents:
            column += repeat(attrs, "table:number-columns-repeated")
            if "office:value-type" in attrs:
                extents[-1][1] = max(extents[-1][1], column)
                filled = True

    def end(tag: str) -> None:
        nonlocal row
        if tag == "table:table-row" and extents:
            row += repeat_rows
            if filled:
                extents[-1][0] = max(extents[-1][0], row)

    def no_dtd(*_: Any) -> None:
        raise _Refused("含有 DTD")

    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > limits.MAX_UNZIPPED_BYTES:
            raise _Refused(f"解压后超过 {limits.MAX_UNZIPPED_BYTES // 2**20} MB")
        parser = expat.ParserCreate()
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = no_dtd
        with archive.open(info) as source:
            while chunk := source.read(2**20):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return [(rows, columns) for rows, columns in extents]


# ----------------------------------------------------------------- headers

def _clean_header(value: Any) -> str:
    return halfwidth(re.sub(r"[\s\u3000*＊]", "", str(value or "")))


def match_header(header: str, fields: tuple[str, ...],
                 synonyms: Mapping[str, tuple[str, ...]] = SYNONYMS) -> str | None:
    text = _clean_header(header)
    for name in fields:
        if text in synonyms[name] or text == name:
            return name
    for name in fields:  # "应发工资（元）", "养老保险(个人+单位)"
        if any(text.startswith(s) for s in synonyms[name] if len(s) >= 2):
            return name
    return None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The columns of one kind of file: required and optional fields, their header synonyms and labels."""

    title: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    labels: Mapping[str, str]


def find_header(kind: str, rows: list[tuple[int, tuple[Any, ...]]], column_map: Mapping[str, str],
                source: str, vocabulary: Vocabulary | None = None) -> tuple[int, dict[str, int], list[str]]:
    """The header row (the first of the top 10 that names the required columns), field → column index.

    ``vocabulary``: the columns of a file that is not one of the personnel submissions (work orders)."""
    if vocabulary is None:
        vocabulary = Vocabulary(KIND_LABELS[kind], *FIELDS[kind], SYNONYMS, FIELD_LABELS)
    required, optional = vocabulary.required, vocabulary.optional
    synonyms, labels = vocabulary.synonyms, vocabulary.labels
    wanted = required + optional
    best: tuple[int, dict[str, int], list[str]] | None = None
    for index, (_row_no, cells) in enumerate(rows[:10]):
        mapping: dict[str, int] = {}
        unmapped = []
        for col, cell in enumerate(cells):
            if _blank(cell):
                continue
            header = _clean_header(cell)
            name = (column_map.get(header) or column_map.get(str(cell).strip())
                    or match_header(header, wanted, synonyms))
            if name and name not in mapping:
                mapping[name] = col
            elif not name:
                unmapped.append(str(cell).strip())
        if best is None or len(mapping) > len(best[1]):
            best = (index, mapping, unmapped)
        if all(r in mapping for r in required):
            return index, mapping, unmapped
    headers = [str(c).strip() for c in rows[best[0]][1] if not _blank(c)] if best and rows else []
    missing = [r for r in required if r not in (best[1] if best else {})]
    hint = "；".join(f"{labels[m]}（可写作 {'/'.join(synonyms[m][:4])}）" for m in missing)
    raise ColumnsError(f"{source}: 找不到{vocabulary.title}必需的列：{hint}。表头为：{'、'.join(headers) or '（无）'}",
                       [f"缺少列：{labels[m]}" for m in missing], kind, missing, headers)


# ----------------------------------------------------------------- values

def read_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_decimal(value: Any, limit: limits.Limit = limits.MONEY) -> Decimal:
    """A number as operators write it (¥, 元, separators, full-width digits), within ``limit``."""
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"“{value}”不是有限的数字")
        return limits.check(Decimal(repr(value)), limit)
    if isinstance(value, (int, Decimal)):
        if isinstance(value, int) and not -10**limits.MAX_TEXT < value < 10**limits.MAX_TEXT:
            raise ValueError(f"超出范围（{limit.describe()}）")
        return limits.check(Decimal(value), limit)
    text = halfwidth(str(value).strip()).replace(",", "").replace("¥", "").replace("￥", "")
    text = text.removesuffix("元").strip().removesuffix("%")
    return limits.parse(text, limit)


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


def read_date(value: Any) -> dt.date:
    day = _read_day(value)
    if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        raise ValueError(f"日期“{limits.shown(value)}”超出范围（应在 {limits.EARLIEST_DATE.year} 至 "
                         f"{limits.LATEST_DATE.year} 年之间）")
    return day


def _read_day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueError(f"“{value}”不是日期（如 2025-10-01）")
        if 20000 < value < 80000:  # an Excel serial date written as a number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        text = str(int(value))
    else:
        text = halfwidth(str(value).strip())
    if len(text) > limits.MAX_TEXT:
        raise ValueError(f"“{limits.shown(value)}”不是日期（如 2025-10-01）")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"“{limits.shown(value)}”不是日期（如 2025-10-01）")
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"日期“{limits.shown(value)}”不存在") from None


def read_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:  # Excel fraction of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    text = halfwidth(str(value).strip())
    match = re.fullmatch(r"(\d{1,2})[:：](\d{2})(?::\d{2})?", text)
    if not match or int(match.group(1)) > 24:
        raise ValueError(f"“{limits.shown(value)}”不是时间（如 08:30）")
    return dt.time(int(match.group(1)) % 24, int(match.group(2)))


Roles = tuple[str, ...] | Mapping[str, tuple[str, ...]]  # role keys, or key → (key, name, *aliases)


def read_role(value: Any, roles: Roles) -> str:
    """The role key, from the key, the contract's name for the role or an alias the contract lists for it."""
    from .contract_text import match_role

    text = read_text(value)
    names = roles if isinstance(roles, Mapping) else {key: (key,) for key in roles}
    found = match_role(text, names)
    if found:
        return found
    if len(names) == 1:
        return next(iter(names))
    for role, words in ROLE_WORDS:  # contracts stored before roles had aliases
        if role in names and any(w in text for w in words):
            return role
    listed = "/".join(n[1] if len(n) > 1 else n[0] for n in names.values())
    raise ValueError(f"无法识别岗位类别“{text}”（应为 {listed} 之一）")


def _convert(name: str, value: Any, roles: Roles) -> Any:
    if name in ("name", "employee_no", "education", "shift", "account"):
        return read_text(value)
    if name == "id_number":
        number = idcard.normalize(read_text(value))
        return number
    if name == "role":
        return read_role(value, roles)
    if name in ("hire_date", "leave_date", "date"):
        return read_date(value)
    if name in ("start", "end"):
        return read_time(value)
    return read_decimal(value, limits.YEARS if name == "experience_years" else limits.MONEY)


def parse_table(kind: str, path: Path, roles: Roles, column_map: Mapping[str, str] | None = None,
                sheet: str | None = None, progress: Callable[[float, str], None] | None = None) -> ImportResult:
    """Read and check a whole file; raise InputError listing every bad cell."""
    import hashlib

    if kind not in KINDS:
        raise InputError(f"未知的文件类别“{kind}”，应为 {'、'.join(KINDS)} 之一")
    rows = read_rows(path, sheet)
    if not rows:
        raise InputError(f"{path.name}: 没有任何数据")
    header_index, mapping, unmapped = find_header(kind, rows, column_map or {}, path.name)
    required, _ = FIELDS[kind]
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    body = rows[header_index + 1:]
    for count, (row_no, cells) in enumerate(body):
        if progress and count % 500 == 0:
            progress(count / max(len(body), 1), f"{path.name} 第 {row_no} 行")
        if all(_blank(cells[c]) if c < len(cells) else True for c in mapping.values()):
            continue
        first = read_text(cells[mapping["name"]]) if mapping["name"] < len(cells) else ""
        if first in ("合计", "总计", "小计"):
            continue
        record: dict[str, Any] = {"_row": row_no}
        for name, col in mapping.items():
            value = cells[col] if col < len(cells) else None
            where = f"{path.name} 第 {row_no} 行 {column_letter(col)} 列（{FIELD_LABELS[name]}）"
            if _blank(value):
                if name in required and not (kind == "insurance" and name in INSURANCE_FIELDS):
                    problems.append(f"{where}: 不能为空")  # a blank contribution is the finding 未缴, not an error
                record[name] = None
                continue
            try:
                record[name] = _convert(name, value, roles)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
        records.append(record)
    if problems:
        shown = problems[:200] + ([f"……另有 {len(problems) - 200} 处"] if len(problems) > 200 else [])
        raise InputError(f"{path.name} 有 {len(problems)} 处错误，未导入任何数据：", shown)
    if not records:
        raise InputError(f"{path.name}: 表头之下没有数据")
    columns = {name: read_text(rows[header_index][1][col]) for name, col in mapping.items()}
    return ImportResult(kind, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), columns, tuple(records),
                        tuple(unmapped))
