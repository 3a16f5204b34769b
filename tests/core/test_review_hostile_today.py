"""An attacker's review of the day's spreadsheet bounds: files that got past them, built as the operator would.

- A shared-string entry whose prefix is empty, starts with a digit or a dash, or is not ASCII (`<:si>`,
  `<-:si>`, `<中:si>`) is an entry to calamine (it reads what follows the first colon of a name) but was not
  counted: a 514 KB file of 24 million `<:si></:si>` grew the reading process by 556 MB and was read.
- styles.xml's number formats are read whole by calamine too, ~200 bytes each: 5 million distinct ones (a
  25 MB file) grew the process by 817 MB; a part holding one is now scanned exactly, and counted.
- An .xls sheet's DIMENSIONS record is what calamine reserves room for before it reads a cell: a 6 KB file
  claiming 4 billion rows × 65,000 columns (or a first row after its last, which wraps) made it ask for
  petabytes and abort the whole process (SIGABRT: no message, the app gone).
- An .xls whose sheet is placed past the end of its stream made calamine panic: a Python BaseException
  (pyo3's PanicException) that went past every ``except Exception`` — exit 1 and a traceback, not exit 2.
- calamine reads an .xls sheet from where its BOUNDSHEET record places it, while the scan measured the
  records one after another from the start: ten names placed on one sheet of 5 million cells (a 5.6 KB
  file) made calamine build it ten times, 1.7 GB; a sheet placed inside another record's bytes was not
  measured at all. Its merged ranges were counted only after calamine handed them to Python: 7 million (a
  53 MB file) grew the process by 1.8 GB before the refusal.
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from auditor import limits
from auditor.imports import MAX_NUMBER_FORMATS

from .hostile import read_in_fresh_process, refused
from .test_hostile_inputs import write_xls
from .test_import_shared_strings import WORDS, workbook

ROOT = Path(__file__).resolve().parents[2]
PAYROLL = [["姓名", "应发工资", "实发工资"], ["张伟", 5200, 4500]]


def book(path: Path, *, entry: bytes = b"", entries: int = 0, styles: bytes = b"") -> Path:
    """An .xlsx written part by part with zipfile: the header and one person in shared strings, then
    ``entries`` more copies of the raw ``entry``; ``styles``: the raw body of a styles.xml's <numFmts>."""
    return workbook(path, entries, entry=entry, styles=styles)


def formats(count: int) -> bytes:
    """``count`` distinct custom number formats (calamine keeps each, keyed by its id)."""
    return b"".join(f'<numFmt numFmtId="{n}" formatCode="{n}"/>'.encode() for n in range(count))


@pytest.mark.parametrize("prefix", ["", "-", "1", "中"])
def test_shared_strings_behind_any_prefix_are_counted(db, tmp_path, capsys, prefix):
    """The limit's worth of entries plus one, each `<{prefix}:si></{prefix}:si>`: refused, naming the part. (A
    prefix of 64 characters and more, also missed, cannot make that many: 2 million such entries inflate past
    the archive's 256 MB.)"""
    entry = f"<{prefix}:si></{prefix}:si>".encode()
    path = book(tmp_path / "工资表.xlsx", entry=entry, entries=limits.MAX_SHARED_STRINGS + 1)
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
            names=("工资表.xlsx", "sharedStrings.xml", "共享字符串"))


def test_the_empty_prefix_bomb_is_refused_before_calamine_reads_it(tmp_path):
    """8 million `<:si></:si>` (88 MB inflated, a file of 200 KB): it was read, the process growing ~190 MB."""
    path = book(tmp_path / "工资表.xlsx", entry=b"<:si></:si>", entries=8_000_000)
    grown, outcome = read_in_fresh_process(path)
    assert outcome.startswith(f"{path.name}: ")
    assert grown < 32, f"the process grew by {grown} MB"


def test_a_styles_part_of_too_many_number_formats_is_refused(db, tmp_path, capsys):
    path = book(tmp_path / "工资表.xlsx", styles=formats(MAX_NUMBER_FORMATS + 1))
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
            names=("工资表.xlsx", "数字格式", f"{MAX_NUMBER_FORMATS:,}"))


def test_the_number_format_bomb_is_refused_before_calamine_reads_it(tmp_path):
    """A million distinct number formats (a 5 MB file) grew the process by 208 MB; refused, it grows by little.
    A styles part of a few hundred formats, as Excel writes, reads."""
    grown, outcome = read_in_fresh_process(book(tmp_path / "炸弹.xlsx", styles=formats(1_000_000)))
    assert outcome.startswith("炸弹.xlsx: ") and "数字格式超过" in outcome
    assert grown < 32, f"the process grew by {grown} MB"
    assert read_in_fresh_process(book(tmp_path / "工资表.xlsx", styles=formats(300)))[1] == "read"


def patched_xls(path: Path, record: bytes, offset: int, fmt: str, *values: int) -> Path:
    """An .xls by xlwt with the first ``record`` (type and length, little-endian) rewritten at ``offset`` into
    its body, as an attacker edits the bytes."""
    write_xls(path, {"工资": PAYROLL})
    data = bytearray(path.read_bytes())
    at = data.find(record)
    assert at > 0
    struct.pack_into(fmt, data, at + 4 + offset, *values)
    path.write_bytes(bytes(data))
    return path


DIMENSIONS = b"\x00\x02\x0e\x00"   # BIFF8: first row, last row + 1 (32 bits), first column, last column + 1
BOUNDSHEET = b"\x85\x00"


@pytest.mark.parametrize("first_row, last_row, first_column, last_column", [
    (0, 4_000_000_000, 0, 65_000),   # 2.6 × 10^14 cells reserved: 10 PB asked for, the process aborted
    (3, 1, 0, 3),                    # a first row after the last: 2^32 - 2 rows as calamine counts, 515 GB
    (0, 400_000, 0, 200),            # 80 million cells: 3 GB reserved (committed where memory is not lent)
])
def test_an_xls_claiming_a_vast_sheet_is_refused_and_the_process_lives(tmp_path, first_row, last_row,
                                                                       first_column, last_column):
    path = patched_xls(tmp_path / "工资表.xls", DIMENSIONS, 0, "<IIHH", first_row, last_row, first_column,
                       last_column)
    assert path.stat().st_size < 8192
    assert read_in_fresh_process(path)[1].startswith(f"{path.name}: ")


def test_an_xls_whose_sheet_lies_past_its_stream_is_refused_with_a_message(db, tmp_path, capsys):
    path = patched_xls(tmp_path / "工资表.xls", BOUNDSHEET, 0, "<I", 4_000_000_000)
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys, names=("工资表.xls", "已损坏"))


def test_an_honest_xls_still_reads(tmp_path):
    from auditor.imports import read_rows

    path = write_xls(tmp_path / "工资表.xls", {"工资": PAYROLL})
    assert [cells[:3] for _, cells in read_rows(path)] == PAYROLL


def rec(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def biff(path: Path, *, names: int = 1, far: tuple[int, int] = (2, 0), inside: bool = False,
         merges: int = 0) -> Path:
    """An .xls written record by record (xlwt only puts the stream in a compound file): the header and one
    person, a number at ``far``; ``names`` BOUNDSHEET records all placing that one sheet; ``inside``: the
    sheet's records hidden in the body of a record of no known kind; ``merges`` merged ranges, 1,000 a record."""
    from xlwt.CompoundDoc import XlsDoc

    def text(word: str) -> bytes:
        return struct.pack("<HB", len(word), 1) + word.encode("utf-16-le")

    def bof(kind: int) -> bytes:
        return rec(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    sst = rec(0x00FC, struct.pack("<II", 4, 4) + b"".join(text(word) for word in WORDS))
    sheet = bof(0x0010) + b"".join(rec(0x00FD, struct.pack("<HHHI", 0, c, 0, c)) for c in range(3)) \
        + rec(0x00FD, struct.pack("<HHHI", 1, 0, 0, 3)) + rec(0x0203, struct.pack("<HHHd", 1, 1, 0, 5200.0)) \
        + rec(0x0203, struct.pack("<HHHd", 1, 2, 0, 4500.0)) + rec(0x0203, struct.pack("<HHHd", *far, 0, 1.0)) \
        + rec(0x00E5, struct.pack("<H", 1000) + struct.pack("<HHHH", 5, 5, 0, 0) * 1000) * (merges // 1000) \
        + rec(0x000A, b"")

    def globals_(place: int) -> bytes:
        sheets = b"".join(rec(0x0085, struct.pack("<IBBBB", place, 0, 0, len(f"工资{n}"), 1)
                              + f"工资{n}".encode("utf-16-le")) for n in range(names))
        return bof(0x0005) + rec(0x0042, struct.pack("<H", 1200)) + sst + sheets + rec(0x000A, b"")

    place = len(globals_(0)) + (4 if inside else 0)
    XlsDoc().save(str(path), globals_(place) + (rec(0x1234, sheet) if inside else sheet))
    return path


def test_an_xls_written_record_by_record_reads(tmp_path):
    from auditor.imports import read_rows

    assert [cells[:3] for _, cells in read_rows(biff(tmp_path / "工资表.xls"))][:2] == PAYROLL


def test_names_placed_on_one_sheet_are_refused(db, tmp_path, capsys):
    """Ten names for one sheet reaching 25,000 rows × 200 columns (within the bound once): calamine built it
    ten times, the process growing by 1.7 GB."""
    path = biff(tmp_path / "工资表.xls", names=10, far=(24_999, 199))
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
            names=("工资表.xls", "同一段数据"))
    grown, outcome = read_in_fresh_process(path)
    assert outcome.startswith(f"{path.name}: ")
    assert grown < 32, f"the process grew by {grown} MB"


def test_a_sheet_hidden_inside_another_record_is_measured(db, tmp_path, capsys):
    path = biff(tmp_path / "工资表.xls", far=(65_535, 199), inside=True)
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys, names=("工资表.xls", "范围"))


def test_an_xls_of_too_many_merged_ranges_is_refused_before_calamine_reads_it(tmp_path):
    """A million merged ranges (a 7 MB file): the process grew by 252 MB before the refusal; now by little."""
    grown, outcome = read_in_fresh_process(biff(tmp_path / "工资表.xls", merges=1_000_000))
    assert outcome.startswith("工资表.xls: ") and "合并单元格" in outcome
    assert grown < 32, f"the process grew by {grown} MB"


def test_an_xls_of_too_many_sheets_is_refused(tmp_path):
    """300,000 empty sheets (a 12 MB file) grew the process by 222 MB."""
    from xlwt.CompoundDoc import XlsDoc

    from auditor.imports import MAX_XLS_SHEETS

    def bof(kind: int) -> bytes:
        return rec(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    count = MAX_XLS_SHEETS + 1
    sheet = bof(0x0010) + rec(0x000A, b"")
    names = [f"s{n}".encode() for n in range(count)]
    start = len(bof(0x0005)) + sum(4 + 8 + len(name) for name in names) + 4
    places = [start + n * len(sheet) for n in range(count)]
    stream = bof(0x0005) + b"".join(rec(0x0085, struct.pack("<IBBBB", place, 0, 0, len(name), 0) + name)
                                    for place, name in zip(places, names)) + rec(0x000A, b"") + sheet * count
    path = tmp_path / "工资表.xls"
    XlsDoc().save(str(path), stream)
    assert read_in_fresh_process(path)[1].startswith(f"{path.name}: ")
