"""The operator's monthly spreadsheets: 人员名单, 排班表, 工资表, 五险一金, 转账记录.

Read from .xlsx, .xls, .ods (python-calamine, after the file is measured) or
.csv (UTF-8 with or without BOM, GBK/GB18030, detected). Headers vary between operators: common
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
import functools
import gc
import io
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from . import idcard, limits
from .errors import InputError
from .money import FEN
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
#
# Every spreadsheet is read by python-calamine: several times faster than openpyxl, and it reports merged
# ranges, which are filled here, so openpyxl is not needed at all. calamine builds the whole rectangle of
# the sheet it reads (of every sheet, for .xls and .ods) before it hands anything back, so the file is
# measured first by code that never builds it: the XML parts of an .xlsx streamed through a bounded
# reader, the records of an .xls, the repeats of an .ods.

Row = tuple[int, list[Any]]   # the spreadsheet's row number, the cells


def _decode_csv(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: 无法识别文件编码（应为 UTF-8 或 GBK）")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a file becomes objects: a 100,000-row sheet is a million cells
    in lists, none in a cycle, and each collection pass it triggers walks them all (a sixth of the time of a
    work-order import). Freed by reference counting as ever; collected as usual once done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_rows(path: Path, sheet: str | None = None) -> list[Row]:
    """Every non-empty row as (row number, cells), merged cells filled from their top-left cell.

    Spreadsheets come from the operator: the first *visible* sheet is read (or the one named), and a
    file whose cells reach past ``limits.MAX_ROWS`` × ``limits.MAX_COLUMNS`` is refused before it is loaded.
    """
    with collector_paused():
        return _read_rows(path, sheet)


def _read_rows(path: Path, sheet: str | None) -> list[Row]:
    name = path.name
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise InputError(f"{name}: 文件过大（超过 {limits.MAX_FILE_BYTES // 2**20} MB）")
    if size < 4096 and not path.read_bytes().strip():
        raise InputError(f"{name}: 文件是空的")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path.read_bytes(), name)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path, sheet)
    elif suffix in (".xls", ".ods"):
        rows = _read_xls_or_ods(path, sheet)
    else:
        raise InputError(f"{name}: 不支持的文件类型 {suffix}（应为 .xlsx、.xls 或 .csv）")
    return [(n, cells) for n, cells in enumerate(rows, start=1)   # a text first cell decides most rows at once
            if cells and ((first := cells[0]).__class__ is str and first and not first.isspace()) or _filled(cells)]


def _blank(value: Any) -> bool:
    return value is None or (value.__class__ is str and (not value or value.isspace()))


def _filled(cells: list[Any]) -> bool:
    """A row with a cell that is neither empty nor blank text (usually the first cell decides)."""
    for value in cells:
        if value.__class__ is str:
            if value and not value.isspace():
                return True
        elif value is not None:
            return True
    return False


def _too_large(name: str, rows: int, columns: int) -> InputError:
    return InputError(f"{name}: 表格范围过大（数据延伸到第 {rows} 行、第 {columns} 列；"
                      f"最多 {limits.MAX_ROWS} 行 × {limits.MAX_COLUMNS} 列），请只保留报送的数据")


def _read_csv(data: bytes, name: str) -> list[list[Any]]:
    text = _decode_csv(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if n > limits.MAX_ROWS or len(row) > limits.MAX_COLUMNS:
                raise _too_large(name, n, len(row))
            rows.append(row)
    except csv.Error as exc:
        raise InputError(f"{name}: 不是有效的 CSV 文件（第 {len(rows) + 1} 行：{exc}）") from None
    return rows


EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384   # what Excel itself can hold
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_CHUNK = 1 << 20   # bytes inflated at a time


class _Refused(Exception):
    """Raised from inside the XML scan to stop it at once."""


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _up_to(number: int) -> str:
    """A regular expression for the whole numbers 1 to ``number`` written without leading zeros: those as long
    as ``number`` first, the shorter ones last and possessive (a cell's row is followed by a quote, never
    matched by giving back a digit)."""
    digits = str(number)
    options = []
    for at, digit in enumerate(digits):
        low = 1 if at == 0 else 0
        if int(digit) > low:
            options.append(f"{digits[:at]}[{low}-{int(digit) - 1}][0-9]{{{len(digits) - at - 1}}}")
    shorter = [f"[1-9][0-9]{{0,{len(digits) - 2}}}+"] if len(digits) > 1 else []
    return "|".join([*options, digits, *shorter])


def _columns_up_to(number: int) -> str:
    """A regular expression for the column letters A to the ``number``-th column (same length: in letter order),
    the shorter ones last and possessive."""
    letters = column_letter(number - 1)
    options = []
    for at, letter in enumerate(letters):
        if letter > "A":
            options.append(f"{letters[:at]}[A-{chr(ord(letter) - 1)}][A-Z]{{{len(letters) - at - 1}}}")
    shorter = [f"[A-Z]{{1,{len(letters) - 1}}}+"] if len(letters) > 1 else []
    return "|".join([*options, letters, *shorter])


# calamine builds a sheet's whole rectangle, from A1 to its furthest row and column, so the cells' reach is
# bounded together (``limits.MAX_LOADED_CELLS``) as well as each way. The plain scan tells it without reading a
# number: a sheet's cells lie in a box of the columns and rows of one tier each (25 × 200,000, 50 × 100,000,
# 100 × 50,000, 200 × 25,000 cells…); a cell outside the box moves the box up a tier, once, and a sheet whose
# cells outgrow every box is measured cell by cell.
_COLUMN_TIERS = tuple(limits.MAX_COLUMNS >> shift for shift in (3, 2, 1, 0))
_ROW_TIERS = tuple(min(limits.MAX_ROWS, limits.MAX_LOADED_CELLS // columns) for columns in reversed(_COLUMN_TIERS))
_ATTRIBUTES = rb'(?: (?:[st]|cm|vm|ph)="[^"<>]*+")*+/?>'   # only the attributes Excel writes, after the reference


@functools.cache
def _suspect(columns: int, rows: int) -> re.Pattern[bytes]:
    """What the plain scan of a part stops at (group 1 only counts a merged range): a DTD, comment or CDATA
    (`<!`), a number format (the exact scan counts them), and a cell not written as spreadsheet programs write
    it — `<c r="B7"` with B7 within ``columns`` and ``rows``, then only the attributes Excel writes (calamine
    takes the *last* `r` of a cell, so a second one must not pass)."""
    box = f"(?:{_columns_up_to(columns)})(?:{_up_to(rows)})".encode("ascii")
    return re.compile(rb'<(?:(mergeCell)[\s/>]|!|numFmt[\s/>]|c(?! r="' + box + rb'"' + _ATTRIBUTES + rb")[\s/>])")


_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"' + _ATTRIBUTES)
_PREFIXED = re.compile(rb":(?:c|mergeCell|numFmt)[\s/>]")   # `<x:c …>`: calamine reads it as a cell all the same


def _tier(value: int, tiers: tuple[int, ...]) -> int:
    return next((n for n, top in enumerate(tiers) if value <= top), len(tiers))


def _bounded(box: tuple[int, int]) -> bool:
    """Whether a box of tiers holds no more than the limits allow, each way and together."""
    return box[0] < len(_COLUMN_TIERS) and box[1] < len(_ROW_TIERS) \
        and _COLUMN_TIERS[box[0]] * _ROW_TIERS[box[1]] <= limits.MAX_LOADED_CELLS


def _plainly_written(stream: Any) -> bool:
    """Whether every cell of one XML part is written plainly, within the limits each way and together, and the
    part has no DTD, with regular expressions over 1 MiB at a time (cut after a `>`, so no tag is split); False
    sends the part to the exact scan. Text that only looks like a cell (in a comment) can send it there, never
    hide a cell."""
    carry = b""
    merges = 0
    first = True
    box = (0, 0)
    suspect = _suspect(_COLUMN_TIERS[0], _ROW_TIERS[0])
    while chunk := stream.read(_CHUNK):
        if first and not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return _binary(chunk, stream)
        first = False
        window = carry + chunk if carry else chunk
        end = window.rfind(b">") + 1
        if end == 0:
            if len(window) > _CHUNK:
                return False
            carry = window
            continue
        position = 0
        while (found := suspect.search(window, position, end)) is not None:
            position = found.end()
            if found.group(1) is not None:
                merges += 1
                if merges > limits.MAX_MERGED_RANGES:
                    raise _Refused(f"合并单元格超过 {limits.MAX_MERGED_RANGES} 处")
                continue
            cell = _PLAIN_CELL.match(window, found.start(), end)
            if cell is None:
                return False
            box = (max(box[0], _tier(_column_number(cell.group(1).decode()), _COLUMN_TIERS)),
                   max(box[1], _tier(int(cell.group(2)), _ROW_TIERS)))
            if not _bounded(box):
                return False
            suspect = _suspect(_COLUMN_TIERS[box[0]], _ROW_TIERS[box[1]])
        if _PREFIXED.search(window, 0, end):
            return False
        carry = window[end:]
    return b"<" not in carry


def _binary(chunk: bytes, stream: Any) -> bool:
    """A part that does not start as XML (a picture, printer settings): calamine reads no cell from it unless
    it holds a ``sheetData`` — text before the XML does not stop calamine — or merged ranges; then it goes to
    the exact scan, which refuses what is not XML."""
    tail = b""
    while chunk:
        window = tail + chunk
        if b"sheetData" in window or b"mergeCell" in window or b"numFmt" in window:
            return False
        tail = window[-16:]
        chunk = stream.read(_CHUNK)
    return True


def _scan_part(stream: Any) -> tuple[int, int]:
    """(rows, columns) the cells of one XML part really reach, read with expat without building a tree,
    placing each cell as calamine does (by its reference, else after the cell before it).

    The ``<dimension>`` element is the attacker's to write, so it is ignored; a row or cell beyond what
    Excel can hold, a cell reference that is not one, a DTD (entity expansion) or too many merged ranges
    stops the scan, and expat refuses an attribute written twice."""
    from xml.parsers import expat

    row = column = cells = merges = formats = 0
    extent = [0, 0]

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, column, cells, merges, formats
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
            at_row = row
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
            extent[0] = max(extent[0], row, at_row)
            extent[1] = max(extent[1], column)
        elif local == "mergeCell":
            merges += 1
            if merges > limits.MAX_MERGED_RANGES:
                raise _Refused(f"合并单元格超过 {limits.MAX_MERGED_RANGES} 处")
        elif local == "numFmt":
            formats += 1
            if formats > MAX_NUMBER_FORMATS:
                raise _Refused(f"数字格式超过 {MAX_NUMBER_FORMATS:,} 个，calamine 读取前须全部载入")
        elif local == "sst":
            for key, value in attrs.items():
                if key.rpartition(":")[2] == "uniqueCount":
                    _check_declared(value)

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _no_dtd
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return extent[0], extent[1]


# Parts calamine reads whole into lists of its own, several times their size once read (the workbook's sheets
# and names, the relationships): honest ones hold a few kilobytes. Sheets and shared strings are measured.
_WHOLE_PARTS = ("workbook.xml", ".rels")
MAX_WHOLE_PART_BYTES = 8 << 20
# the number formats (styles.xml), read whole too, ~200 bytes each once read: 5 million distinct ones (a 25 MB
# file) grew the process by 817 MB. Excel keeps a few hundred; a part holding one is scanned exactly.
MAX_NUMBER_FORMATS = 100_000


def _scan_xlsx(path: Path, copy: Path | None = None) -> None:
    """Refuse an .xlsx before calamine opens it: more than it may inflate to, a DTD, a cell further than the
    limits, too many merged ranges, a workbook or relationships part too large. Every member is scanned, not
    only the sheet that will be read (a duplicated name could be read by calamine rather than by zipfile), a
    member named like a folder too (calamine reads it if the workbook points at it); ``zipfile`` never
    inflates a member past its declared size, and checks its CRC. ``copy``: where to write the archive as
    scanned, for calamine to read."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > 10_000 or sum(m.file_size for m in members) > limits.MAX_UNZIPPED_BYTES:
            raise _Refused(f"解压后超过 {limits.MAX_UNZIPPED_BYTES // 2**20} MB")
        for member in members:
            if (member.file_size > MAX_WHOLE_PART_BYTES
                    and member.filename.replace("\\", "/").lower().endswith(_WHOLE_PARTS)):
                raise _Refused(f"“{limits.shown(member.filename)}”解压后超过 {MAX_WHOLE_PART_BYTES >> 20} MB")
            with archive.open(member) as stream:
                entries = _Entries(stream)
                plain = _plainly_written(entries)
                if entries.drained() > limits.MAX_SHARED_STRINGS:
                    raise InputError(f"{path.name}: “{limits.shown(member.filename)}”中的共享字符串超过 "
                                     f"{limits.MAX_SHARED_STRINGS:,} 条（calamine 读取前须全部载入），"
                                     "请只保留报送的数据")
                if plain and not entries.table:
                    continue
            with archive.open(member) as stream:
                rows, columns = _scan_part(stream)
            if rows > limits.MAX_ROWS or columns > limits.MAX_COLUMNS:
                raise _too_large(path.name, rows, columns)
            if rows * columns > limits.MAX_LOADED_CELLS:
                raise InputError(f"{path.name}: 工作表“{limits.shown(_sheet_name(archive, member.filename))}”的"
                                 f"表格范围过大（数据延伸到第 {rows} 行、第 {columns} 列，共 {rows * columns:,} "
                                 f"个单元格；一张工作表最多 {limits.MAX_LOADED_CELLS:,} 个），请只保留报送的数据")
        if copy is not None:
            from .safezip import copy_as_read

            copy_as_read(archive, path, copy)


# calamine knows an element by what follows the first colon of its name, its name all before a space, tab or
# newline: `<:si>`, `<-:si>`, `<中:si>` are entries as much as `<x:si>` (24 million `<:si></:si>`, a 514 KB file,
# were read into 556 MB). So a prefix is any bytes but those, `<`, `>` and a closing tag's `/`; `<a:b:si>` is
# counted too (calamine does not count it): on the safe side.
_SHARED_STRING = re.compile(rb"<(?:(?!/)[^\s<>]*:)?si[\s/>]")
_PREFIXED_ENTRY = re.compile(rb"<(?!/)[^\s<>]*:si[\s/>]")
_PLAIN_ENTRY = re.compile(rb"<si[\s/>]")


def _entries_in(window: bytes, end: int = -1) -> int:
    """The matches of _SHARED_STRING in ``window[:end]``, each form by the expression that finds it fastest: a
    literal `<si` is searched for as bytes, while _SHARED_STRING tries every `<` of a sheet for a prefix."""
    end = len(window) if end < 0 else end
    count = len(_PLAIN_ENTRY.findall(window, 0, end)) if b"<si" in window else 0
    if b":si" in window:
        count += len(_PREFIXED_ENTRY.findall(window, 0, end))
    return count


_PLAIN_TABLE = re.compile(rb"<sst[\s/>]")
_PREFIXED_TABLE = re.compile(rb"<(?!/)[^\s<>]*:sst[\s/>]")
_DECLARED = re.compile(rb"""uniqueCount\s*=\s*(["'])([^"'<>&]*)\1""")


class _Entries:
    """A part's stream that counts the shared-string entries (``<si>``, any prefix) read through it, and checks
    what each table (``<sst>``, any prefix) declares it holds.

    calamine reads the table the workbook's relationships name — any part, under any name — whole, before a
    cell: 20 million empty entries inflate from 500 KB to half a gigabyte of strings; and it reserves room for
    the entries the table declares (``uniqueCount``) before it reads one: 4 billion, in a few KB, aborted the
    whole process. So every part is looked at, on the read that scans its cells. A tag holds no `<` but its
    first: a read ends where its last tag is whole; a tag still open is carried to the next read whole, and one
    longer than a read (1 MiB), or a table's tag written with an entity, sends the part to the exact scan
    (``table``), which reads the tag as expat decodes it."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.carry, self.count = stream, b"", 0
        self.table = False

    def read(self, size: int = -1) -> bytes:
        chunk: bytes = self.stream.read(size)
        if self.count > limits.MAX_SHARED_STRINGS:
            return chunk
        window = self.carry + chunk if self.carry else chunk
        cut = window.rfind(b"<")
        if not chunk or cut == -1:
            cut = len(window)                      # the part's end, or no tag
        elif window.find(b">", cut) != -1 and not _PLAIN_TABLE.match(window, cut) \
                and not _PREFIXED_TABLE.match(window, cut):
            cut = len(window)                      # the last tag is whole (a table's is kept to the next `<`:
                                                   # a `>` may stand in its attribute values)
        elif len(window) - cut > _CHUNK:
            cut, self.table = len(window), True    # a tag longer than a read: no honest part has one
        self.count += _entries_in(window, cut)
        if b"sst" in window:
            self._tables(window, cut)
        self.carry = window[cut:]
        return chunk

    def _tables(self, window: bytes, end: int) -> None:
        found = list(_PLAIN_TABLE.finditer(window, 0, end)) if b"<sst" in window else []
        if b":sst" in window:
            found += _PREFIXED_TABLE.finditer(window, 0, end)
        for match in found:
            stop = window.find(b"<", match.end(), end)
            tag = window[match.start():end if stop == -1 else stop]   # and any text after it: on the safe side
            if b"uniqueCount" not in tag:
                continue
            declared = _DECLARED.findall(tag)
            if b"&" in tag or len(declared) != tag.count(b"uniqueCount"):
                self.table = True                  # written in a way only a parser reads: the exact scan
            for _, value in declared:
                _check_declared(value.decode("latin-1"))

    def drained(self) -> int:
        """The count once the rest of the part (what the scan did not need) is read too, or past the limit."""
        while self.count <= limits.MAX_SHARED_STRINGS and self.read(_CHUNK):
            pass
        return self.count


def _check_declared(value: str) -> None:
    """A table's declared ``uniqueCount`` as Rust's parse reads it (an optional `+`, leading zeros): refused past
    the limit on entries, before calamine reserves room for that many."""
    digits = value.strip().removeprefix("+").lstrip("0")
    if digits.isdigit() and (len(digits) > 12 or int(digits) > limits.MAX_SHARED_STRINGS):
        raise _Refused(f"共享字符串表声明 {limits.shown(value)} 条，超过 {limits.MAX_SHARED_STRINGS:,} 条")


def _no_dtd(*_: Any) -> None:
    raise _Refused("含有 DTD")


def _sheet_name(archive: Any, member: str) -> str:
    """The name the workbook gives the sheet in ``member`` (for a message), else the member's own name."""
    from xml.parsers import expat

    targets: dict[str, str] = {}
    names: dict[str, str] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "Relationship" and "Id" in attrs and "Target" in attrs:
            target = attrs["Target"].replace("\\", "/")
            targets[attrs["Id"]] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        elif local == "sheet" and "name" in attrs:
            rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), None)
            if rid is not None:
                names[rid] = attrs["name"]

    for part in ("xl/_rels/workbook.xml.rels", "xl/workbook.xml"):
        try:
            if archive.getinfo(part).file_size > MAX_WHOLE_PART_BYTES:
                return member
            parser = expat.ParserCreate()
            parser.StartElementHandler = start
            parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _no_dtd
            parser.Parse(archive.read(part), True)
        except Exception:  # noqa: BLE001 — no workbook part, or not one expat reads: the member names the sheet
            return member
    wanted = member.replace("\\", "/")
    return next((names[rid] for rid, target in targets.items() if target == wanted and rid in names), member)


@contextmanager
def _scanned_copy(path: Path) -> Iterator[Path]:
    """Where calamine reads a scanned archive from: a copy holding what zipfile read (``safezip.copy_as_read``)
    under the file's own name, so calamine picks its reader by the same extension and names the same file."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="auditor-read-") as folder:
        yield Path(folder) / path.name


def _read_xlsx(path: Path, sheet: str | None) -> list[list[Any]]:
    with _scanned_copy(path) as copy:
        try:
            _scan_xlsx(path, copy)
        except InputError:
            raise
        except _Refused as exc:
            raise _broken(path, str(exc)) from None
        except Exception as exc:  # noqa: BLE001 — a broken archive (zipfile), XML expat cannot read
            raise _broken(path, type(exc).__name__) from None
        rows, merged = _calamine(copy, sheet)
    _fill_merged(rows, merged, path.name)
    return rows


def _read_xls_or_ods(path: Path, sheet: str | None) -> list[list[Any]]:
    # calamine builds every sheet's whole rectangle when it opens the file: measure the cells first
    ods = path.suffix.lower() == ".ods"
    with _scanned_copy(path) if ods else nullcontext(path) as copy:
        try:
            extents = _scan_ods(path, copy) if ods else _scan_xls(path.read_bytes())
        except _Refused as exc:
            raise _broken(path, str(exc)) from None
        except Exception as exc:  # noqa: BLE001 — a broken archive or compound file
            raise _broken(path, type(exc).__name__) from None
        for rows, columns in extents:
            if rows > limits.MAX_ROWS or columns > limits.MAX_COLUMNS:
                raise _too_large(path.name, rows, columns)
        if sum(rows * columns for rows, columns in extents) > limits.MAX_LOADED_CELLS:
            raise InputError(f"{path.name}: 各工作表的范围合计超过 {limits.MAX_LOADED_CELLS:,} 个单元格，"
                             "请只保留报送的数据")
        cells, merged = _calamine(copy, sheet)
    _fill_merged(cells, merged, path.name)
    return cells


Merged = list[tuple[tuple[int, int], tuple[int, int]]]


def _calamine(path: Path, sheet: str | None) -> tuple[list[list[Any]], Merged]:
    """The chosen sheet's cells from A1 (so a row's place is its spreadsheet row) and merged ranges.

    A number cell is a float: Excel keeps 15 significant digits, so an ID number typed as a number has
    already lost its last digits in the file (``read_code`` refuses it)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise InputError(f"{path.name}: 读取电子表格需要 python-calamine") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 — calamine raises its own error types
        raise _broken(path, limits.shown(exc)) from None
    except BaseException as exc:
        raise _panicked(path, exc) from None
    try:
        metadata = book.sheets_metadata
        index = _choose_sheet(path.name, [m.name for m in metadata],
                              [str(m.visible).rsplit(".", 1)[-1].lower() == "visible" for m in metadata], sheet)
        worksheet = book.get_sheet_by_index(index)
        rows = worksheet.to_python(skip_empty_area=False)
        merged = worksheet.merged_cell_ranges or []
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — calamine raises its own error types
        raise _broken(path, limits.shown(exc)) from None
    except BaseException as exc:
        raise _panicked(path, exc) from None
    finally:
        book.close()
    return rows, merged


def _broken(path: Path, reason: str) -> InputError:
    return InputError(f"{path.name}: 不是有效的 {path.suffix.lower().lstrip('.')} 文件或文件已损坏（{reason}）")


def _panicked(path: Path, exc: BaseException) -> BaseException:
    """A panic of calamine's on a crafted file (an .xls sheet placed past the end of its stream) reaches Python
    as pyo3's PanicException, a BaseException: the file is broken, not the program. Anything else goes on."""
    if type(exc).__name__ != "PanicException":
        return exc
    return _broken(path, limits.shown(str(exc)))


def _fill_merged(rows: list[list[Any]], merged: Merged, name: str) -> None:
    """Each merged range, clipped to the cells read, given its top-left cell's value (a title over the
    header, a role written once for a group of rows); ranges that overlap (which Excel never writes)
    cannot make this loop longer than the sheet."""
    if len(merged) > limits.MAX_MERGED_RANGES:
        raise InputError(f"{name}: 合并单元格超过 {limits.MAX_MERGED_RANGES} 处")
    height = len(rows)
    width = max(map(len, rows), default=0)
    spans = []
    for (r1, c1), (r2, c2) in merged:
        top, left, bottom, right = min(r1, r2), min(c1, c2), min(max(r1, r2), height - 1), max(c1, c2)
        if top < height and left < width:
            spans.append((top, left, bottom, min(right, width - 1)))
    if sum((bottom - top + 1) * (right - left + 1) for top, left, bottom, right in spans) > height * width:
        raise InputError(f"{name}: 合并单元格的范围过大")
    for top, left, bottom, right in spans:
        value = rows[top][left] if left < len(rows[top]) else None
        for cells in rows[top:bottom + 1]:
            if len(cells) <= right:
                cells.extend([None] * (right + 1 - len(cells)))
            cells[left:right + 1] = [value] * (right - left + 1)


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


MAX_XLS_SHEETS = 10_000
_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406}


def _scan_xls(data: bytes) -> list[tuple[int, int]]:
    """(rows, columns) of each sheet of a BIFF5/8 workbook as calamine reads it: from where the workbook's
    BOUNDSHEET record places it, record by record to its EOF — the cells' reach, or what its DIMENSIONS record
    claims (calamine reserves room for that many cells before it reads one: a 6 KB file claiming 4 billion
    rows made it ask for 10 PB and abort the whole process). Two sheets placed over the same records are
    refused: ten names for one sheet of 5 million cells made calamine build it ten times (1.7 GB); so is a
    sheet of too many merged ranges (7 million, a 53 MB file, were 1.8 GB once handed to Python)."""
    import struct

    stream = _compound_stream(data, ("Workbook", "Book"))

    def records(position: int) -> Iterator[tuple[int, int, bytes]]:
        while position + 4 <= len(stream):
            kind, length = struct.unpack_from("<HH", stream, position)
            yield kind, position + 4 + length, stream[position + 4:position + 4 + length]
            position += 4 + length

    places = []
    for kind, _, body in records(0):   # the globals, to their first EOF, as calamine reads them
        if kind == 0x000A:
            break
        if kind == 0x0085 and len(body) >= 4:
            places.append(struct.unpack_from("<I", body)[0])
    if len(places) > MAX_XLS_SHEETS:   # each one calamine's to keep, ~740 bytes: 300,000 in a 12 MB file, 222 MB
        raise _Refused(f"工作表超过 {MAX_XLS_SHEETS:,} 张")
    extents: list[tuple[int, int]] = []
    reached = 0
    for place in sorted(places):
        if place < reached:
            raise _Refused("多个工作表指向文件中的同一段数据")
        rows = columns = merges = 0
        reached = place + 1
        for kind, end, body in records(place):
            reached = end
            if kind == 0x000A:
                break
            if len(body) >= 6 and (kind in _CELL_RECORDS or kind in (0x00BD, 0x00BE)):
                row, column = struct.unpack_from("<HH", body)
                if kind in (0x00BD, 0x00BE):   # MULRK, MULBLANK: the last column closes the record
                    column, = struct.unpack_from("<H", body, len(body) - 2)
                rows, columns = max(rows, row + 1), max(columns, column + 1)
            elif kind == 0x0200 and len(body) in (10, 14):   # DIMENSIONS: calamine reserves its cells
                first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH" if len(body) == 10
                                                                                  else "<IIHH", body)
                if last_row and last_column:   # as calamine counts them, in 32 bits: a first past the last wraps
                    rows = max(rows, (last_row - first_row) % 2**32)
                    columns = max(columns, (last_column - first_column) % 2**32)
            elif kind == 0x00E5 and len(body) >= 2:   # MERGECELLS: read before the bound on them is checked
                merges += struct.unpack_from("<H", body)[0]
                if merges > limits.MAX_MERGED_RANGES:
                    raise _Refused(f"合并单元格超过 {limits.MAX_MERGED_RANGES} 处")
        extents.append((rows, columns))
    return extents


# what makes calamine keep an OpenDocument cell: a type, any value attribute (no type needed), a formula
_ODS_FILLED = ("office:value-type", "office:value", "office:string-value", "office:date-value",
               "office:time-value", "office:boolean-value", "table:formula")


def _scan_ods(path: Path, copy: Path | None = None) -> list[tuple[int, int]]:
    """(rows, columns) of each table of an OpenDocument spreadsheet, with its repeat counts applied;
    ``copy``: where to write the archive as scanned, for calamine to read."""
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
            if any(key in attrs for key in _ODS_FILLED):
                extents[-1][1] = max(extents[-1][1], column)
                filled = True

    def end(tag: str) -> None:
        nonlocal row
        if tag == "table:table-row" and extents:
            row += repeat_rows
            if filled:
                extents[-1][0] = max(extents[-1][0], row)

    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > limits.MAX_UNZIPPED_BYTES:
            raise _Refused(f"解压后超过 {limits.MAX_UNZIPPED_BYTES // 2**20} MB")
        parser = expat.ParserCreate()
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _no_dtd
        with archive.open(info) as source:
            while chunk := source.read(2**20):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
        if copy is not None:
            from .safezip import copy_as_read

            copy_as_read(archive, path, copy)
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


def find_header(kind: str, rows: list[Row], column_map: Mapping[str, str],
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
    if value.__class__ is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_decimal(value: Any, limit: limits.Limit = limits.MONEY) -> Decimal:
    """A number as operators write it (¥, 元, separators, full-width digits), within ``limit``.

    A number cell arrives as a float, read to 15 significant digits, the precision Excel keeps and shows:
    a typed 12345678.905 stays 12345678.905 (not the float's 12345678.90499…, a fen less once rounded),
    and a sum stored as 0.30000000000000004 is the 0.3 the operator saw. Below 10^12 (``limits.MONEY``)
    15 digits keep three decimals, so this cannot move a fen."""
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"“{value}”不是有限的数字")
        return limits.check(Decimal(f"{value:.15g}"), limit)
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


def _clock(seconds: float) -> dt.time:
    """A time cell to the nearest second: calamine gives 08:29:59.994 for the 0.3541666 Excel stores for 08:30."""
    whole = round(seconds) % 86400
    return dt.time(whole // 3600, whole // 60 % 60, whole % 60)


def read_time(value: Any) -> dt.time:
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return _clock(value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
    if isinstance(value, dt.timedelta) and dt.timedelta(0) <= value <= dt.timedelta(days=1):  # a [h]:mm cell
        return _clock(value.total_seconds())
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


MONEY_FIELDS = ("gross", "net", *INSURANCE_FIELDS, "amount")
_NO_FEN = Decimal("0.00")


def read_money(value: Any) -> Decimal:
    """An amount of money, rounded to the fen half-up: a payroll cell computed to 4500.004999 is the 4500.00
    it shows, not a fen-less difference from the bank's 4500.00."""
    amount = read_decimal(value, limits.MONEY).quantize(FEN, rounding=ROUND_HALF_UP)
    return amount if amount else _NO_FEN


def read_code(value: Any) -> str:
    """An ID, account or employee number: the text as written, or a number cell whose digits all survived —
    Excel keeps 15 significant digits, so an 18-digit ID typed as a number is 4.10105199001010E+17 in the
    file, its last digits gone (and any check digit after them)."""
    if value.__class__ is float and not -1e15 < value < 1e15:
        raise ValueError(f"“{value:.15g}”是以数字保存的长号码，超过 15 位的数字已丢失（Excel 只保留 15 位），"
                         "请将该列设为文本格式后重新填写")
    return read_text(value)


def _read_id(value: Any) -> str:
    return idcard.normalize(read_code(value))


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` with its results kept for text and float cells (roles, dates and amounts repeat down a
    column); other types are converted each time (``True == 1`` must not share a result)."""
    seen: dict[Any, Any] = {}

    def read(value: Any) -> Any:
        if value.__class__ is str or value.__class__ is float:
            try:
                return seen[value]
            except KeyError:
                result = seen[value] = convert(value)
                return result
        return convert(value)
    return read


def _converters(roles: Roles) -> dict[str, Callable[[Any], Any]]:
    """How each field's cells are read, as one function per field (looked up once per file, not per cell)."""
    convert: dict[str, Callable[[Any], Any]] = {name: read_text for name in ("name", "education", "shift")}
    convert.update(employee_no=read_code, account=read_code)
    convert["id_number"] = _read_id
    convert["role"] = _remembered(lambda value: read_role(value, roles))
    convert.update({name: _remembered(read_date) for name in ("hire_date", "leave_date", "date")})
    convert.update({name: _remembered(read_time) for name in ("start", "end")})
    convert["experience_years"] = _remembered(lambda value: read_decimal(value, limits.YEARS))
    convert.update({name: _remembered(read_money) for name in MONEY_FIELDS})
    return convert


_TOTALS = ("合计", "总计", "小计")


def parse_table(kind: str, path: Path, roles: Roles, column_map: Mapping[str, str] | None = None,
                sheet: str | None = None, progress: Callable[[float, str], None] | None = None) -> ImportResult:
    """Read and check a whole file; raise InputError listing every bad cell."""
    with collector_paused():
        return _parse_table(kind, path, roles, column_map, sheet, progress)


def _parse_table(kind: str, path: Path, roles: Roles, column_map: Mapping[str, str] | None, sheet: str | None,
                 progress: Callable[[float, str], None] | None) -> ImportResult:
    import hashlib

    if kind not in KINDS:
        raise InputError(f"未知的文件类别“{kind}”，应为 {'、'.join(KINDS)} 之一")
    rows = read_rows(path, sheet)
    if not rows:
        raise InputError(f"{path.name}: 没有任何数据")
    header_index, mapping, unmapped = find_header(kind, rows, column_map or {}, path.name)
    required, _ = FIELDS[kind]
    convert = _converters(roles)
    fields = [(name, col, convert[name], name in required and not (kind == "insurance" and name in INSURANCE_FIELDS))
              for name, col in mapping.items()]   # a blank contribution is the finding 未缴, not an error
    columns = list(mapping.values())
    width, name_at = max(columns) + 1, mapping["name"]
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    body = rows[header_index + 1:]
    for count, (row_no, cells) in enumerate(body):
        if progress and count % 500 == 0:
            progress(count / max(len(body), 1), f"{path.name} 第 {row_no} 行")
        if len(cells) < width:
            cells = [*cells, *[None] * (width - len(cells))]
        if not _filled([cells[c] for c in columns]) or read_text(cells[name_at]) in _TOTALS:
            continue
        record: dict[str, Any] = {"_row": row_no}
        for name, col, read, needed in fields:
            value = cells[col]
            if value is None or (value.__class__ is str and (not value or value.isspace())):
                if needed:
                    problems.append(f"{_place(path.name, row_no, col, name)}: 不能为空")
                record[name] = None
                continue
            try:
                record[name] = read(value)
            except ValueError as exc:
                problems.append(f"{_place(path.name, row_no, col, name)}: {exc}")
        records.append(record)
    if problems:
        shown = problems[:200] + ([f"……另有 {len(problems) - 200} 处"] if len(problems) > 200 else [])
        raise InputError(f"{path.name} 有 {len(problems)} 处错误，未导入任何数据：", shown)
    if not records:
        raise InputError(f"{path.name}: 表头之下没有数据")
    headers = {name: read_text(rows[header_index][1][col]) for name, col in mapping.items()}
    return ImportResult(kind, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), headers, tuple(records),
                        tuple(unmapped))


def _place(source: str, row: int, column: int, name: str) -> str:
    return f"{source} 第 {row} 行 {column_letter(column)} 列（{FIELD_LABELS[name]}）"
