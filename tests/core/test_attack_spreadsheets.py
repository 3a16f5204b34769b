"""The operator against the spreadsheet reader: a file whose safety scan (zipfile, expat) and whose reading
(calamine, with Rust's zip crate) could see two different workbooks, or whose cells the scan does not count
as calamine does. Each archive is written byte by byte, as the operator would; a refusal is exit 2 with the
file named and the database byte-identical (tests.core.hostile.refused)."""
from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

import pytest

from auditor import limits
from auditor.calendar import Period
from auditor.personnel import import_file

from .hostile import refused

OCT = Period(2025, 10)
SHEET_NAME = "xl/worksheets/sheet1.xml"


# ------------------------------------------------------------------ a zip, byte by byte

def local(name: bytes, data: bytes, *, method: int = 8, compressed: bytes | None = None,
          header_name: bytes | None = None) -> tuple[bytes, dict]:
    if compressed is None:
        compressed = zlib.compress(data, 9)[2:-4] if method == 8 else data
    written = name if header_name is None else header_name
    entry = {"name": name, "crc": zlib.crc32(data), "csize": len(compressed), "usize": len(data), "method": method}
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, entry["crc"], entry["csize"],
                       entry["usize"], len(written), 0) + written + compressed, entry


def central(entry: dict, offset: int) -> bytes:
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, entry["method"], 0, 0x21, entry["crc"],
                       entry["csize"], entry["usize"], len(entry["name"]), 0, 0, 0, 0, 0, offset) + entry["name"]


def end(count: int, size: int, offset: int, comment: bytes = b"", comment_length: int | None = None) -> bytes:
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, offset,
                       len(comment) if comment_length is None else comment_length) + comment


def members_at(members: list[tuple], start: int = 0) -> tuple[bytes, bytes]:
    """(local headers and data, central directory) of ``members`` — (name, data[, local() options]) — laid
    out from ``start``."""
    body, directory = b"", b""
    for name, data, *options in members:
        blob, entry = local(name.encode(), data, **(options[0] if options else {}))
        directory += central(entry, start + len(body))
        body += blob
    return body, directory


def archive(members: list[tuple]) -> bytes:
    body, directory = members_at(members)
    return body + directory + end(len(members), len(directory), len(body))


def two_readings(checked: list[tuple], hidden: list[tuple]) -> bytes:
    """An archive whose end record leads to ``hidden``, with a second archive (``checked``) in its comment whose
    own end record, last in the file, claims a comment running past the end: zipfile takes the last end record
    it finds and reads ``checked``; Rust's zip crate passes over a record that overruns the file and reads
    ``hidden``."""
    body, directory = members_at(hidden)
    head = body + directory
    inner, inner_directory = members_at(checked, len(head) + 22)
    comment = inner + inner_directory + end(len(checked), len(inner_directory), len(head) + 22 + len(inner),
                                            comment_length=5)
    return head + end(len(hidden), len(directory), len(body), comment=comment)


# ------------------------------------------------------------------ an .xlsx, part by part

TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
         b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
         b'/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="工资" sheetId="1" r:id="rId1"/></sheets></workbook>').encode()


def workbook_rels(target: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/worksheet" Target="{target}"/></Relationships>').encode()


def sheet(rows: list[tuple[int, list]]) -> bytes:
    def cell(ref: str, value) -> str:
        if isinstance(value, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    text = "".join(f'<row r="{number}">' + "".join(cell(f"{'ABC'[i]}{number}", v) for i, v in enumerate(values))
                   + "</row>" for number, values in rows)
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + text.encode() + b"</sheetData></worksheet>")


PAYROLL = sheet([(1, ["姓名", "应发工资", "实发工资"]), (2, ["张伟", 5200, 4500]), (3, ["王芳", 3000, 2800])])
FAR = sheet([(1, ["姓名", "应发工资", "实发工资"]), (2, ["张伟", 5200, 4500]),
             (limits.MAX_ROWS + 1, ["李娜", 9000, 8800])])     # one row past the limit: calamine builds them all


def xlsx(worksheet: bytes = PAYROLL, *, member: str = SHEET_NAME, target: str = "worksheets/sheet1.xml",
         extra: tuple = ()) -> list[tuple]:
    return [("[Content_Types].xml", TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", workbook_rels(target)), (member, worksheet), *extra]


def write(tmp_path: Path, data: bytes, name: str = "工资表.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused_import(db: Path, path: Path, capsys, reason: str) -> None:
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys, names=(path.name, reason))


# ------------------------------------------------------------------ found and fixed

def test_a_sheet_in_a_member_named_like_a_folder_is_scanned(db, tmp_path, capsys):
    """zipfile calls a member whose name ends in "/" a folder and the scan passed it over; calamine reads it
    when the workbook points at it, so the far row reached calamine unmeasured."""
    path = write(tmp_path, archive(xlsx(FAR, member=SHEET_NAME + "/", target="worksheets/sheet1.xml/")))
    refused_import(db, path, capsys, "表格范围过大")


def test_calamine_reads_the_workbook_the_scan_checked_not_the_one_behind_another_end_record(store, tmp_path):
    """The scan (zipfile) read the three-row payroll; calamine (zip crate) read the far one behind the first
    end record, unmeasured. Now calamine reads a copy of what zipfile read."""
    path = write(tmp_path, two_readings(checked=xlsx(PAYROLL), hidden=xlsx(FAR)))
    result = import_file(store, store.contracts.get("henan-2025"), OCT, "payroll", path, dt.date(2025, 10, 8))
    assert result.rows == 2
    assert [(r["_row"], r["name"]) for r in store.personnel.dataset("henan-2025", OCT, "payroll").records] == [
        (2, "张伟"), (3, "王芳")]


def test_the_hidden_workbook_behind_another_end_record_is_far(tmp_path):
    """The file of the test above really is two workbooks: read alone, its hidden one is the far sheet."""
    from python_calamine import CalamineWorkbook

    path = write(tmp_path, two_readings(checked=xlsx(PAYROLL), hidden=xlsx(FAR)))
    book = CalamineWorkbook.from_path(str(path))
    try:
        assert len(book.get_sheet_by_index(0).to_python(skip_empty_area=False)) == limits.MAX_ROWS + 1
    finally:
        book.close()


def many(count: int, unit: str, head: str, tail: str) -> bytes:
    return (head + unit * count + tail).encode()


WHOLE_PARTS = {   # calamine keeps each as a list of its own, several times the XML's size (~1 GB from 390 KB)
    "xl/workbook.xml": many(160_000, '<sheet name="隐藏" sheetId="9" state="hidden" r:id="rId1"/>',
                            WORKBOOK.decode().replace("</sheets></workbook>", ""), "</sheets></workbook>"),
    "xl/_rels/workbook.xml.rels": many(
        200_000, '<Relationship Id="rIdX" Target="worksheets/sheet1.xml" Type="x"/>',
        workbook_rels("worksheets/sheet1.xml").decode().replace("</Relationships>", ""), "</Relationships>"),
}


@pytest.mark.parametrize("member", list(WHOLE_PARTS))
def test_a_workbook_part_calamine_keeps_whole_is_bounded(db, tmp_path, capsys, member):
    assert len(WHOLE_PARTS[member]) > 8 << 20
    parts = [(name, WHOLE_PARTS[member] if name == member else data) for name, data in xlsx()]
    refused_import(db, write(tmp_path, archive(parts)), capsys, member)


# .ods: calamine keeps a cell for any value attribute, with or without office:value-type, and for a formula

def ods(table: str) -> list[tuple]:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="工资">{table}</table:table></office:spreadsheet></office:body>'
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    return [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", {"method": 0}),
            ("META-INF/manifest.xml", manifest.encode()), ("content.xml", content.encode())]


def ods_row(values: list, repeated: int = 1) -> str:
    def cell(value) -> str:
        if isinstance(value, str):
            return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    return f'<table:table-row table:number-rows-repeated="{repeated}">{"".join(map(cell, values))}</table:table-row>'


ODS_PAYROLL = ods_row(["姓名", "应发工资", "实发工资"]) + ods_row(["张伟", 5200, 4500]) + ods_row(["王芳", 3000, 2800])
ODS_UNTYPED = {   # cells the scan did not count: no office:value-type
    "a number without a type": '<table:table-cell office:value="1"/>',
    "a text value without a type": '<table:table-cell office:string-value="x"/>',
    "a date without a type": '<table:table-cell office:date-value="2025-10-01"/>',
    "a formula alone": '<table:table-cell table:formula="of:=1"/>',
}


@pytest.mark.parametrize("case", list(ODS_UNTYPED))
def test_an_ods_cell_without_a_type_is_counted(db, tmp_path, capsys, case):
    far = (f'<table:table-row table:number-rows-repeated="{limits.MAX_ROWS}"><table:table-cell/></table:table-row>'
           f"<table:table-row>{ODS_UNTYPED[case]}</table:table-row>")
    path = write(tmp_path, archive(ods(ODS_PAYROLL + far)), "工资表.ods")
    refused_import(db, path, capsys, "表格范围过大")


def test_an_ods_behind_another_end_record_is_not_read(store, tmp_path):
    far = ods(ODS_PAYROLL + ods_row(["李娜", 2600, 2400], repeated=limits.MAX_ROWS))
    path = write(tmp_path, two_readings(checked=ods(ODS_PAYROLL), hidden=far), "工资表.ods")
    assert import_file(store, store.contracts.get("henan-2025"), OCT, "payroll", path,
                       dt.date(2025, 10, 8)).rows == 2


# ------------------------------------------------------------------ tried, and refused already

FORGED = {
    "a duplicate sheet, the far one last": (lambda: archive(xlsx(extra=((SHEET_NAME, FAR),))), "表格范围过大"),
    "a duplicate sheet, the far one first": (
        lambda: archive(xlsx(FAR)[:-1] + [(SHEET_NAME, FAR), (SHEET_NAME, PAYROLL)]), "表格范围过大"),
    "a local header naming another member": (
        lambda: archive(xlsx()[:-1] + [(SHEET_NAME, FAR, {"header_name": b"xl/worksheets/sheetX.xml"})]),
        "已损坏"),
    "a method calamine reads and zipfile does not (deflate64)": (
        lambda: archive(xlsx()[:-1] + [(SHEET_NAME, FAR, {"method": 9, "compressed": zlib.compress(FAR)[2:-4]})]),
        "已损坏"),
    "a sheet with a DOCTYPE": (lambda: archive(xlsx(PAYROLL.replace(
        b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><worksheet', 1))), "已损坏"),
}


@pytest.mark.parametrize("case", list(FORGED))
def test_forged_archives_are_refused(db, tmp_path, capsys, case):
    make, reason = FORGED[case]
    refused_import(db, write(tmp_path, make()), capsys, reason)


def test_the_plain_archive_of_these_tests_is_read(store, tmp_path):
    """The builders make a workbook calamine reads: the refusals above are for what was forged."""
    path = write(tmp_path, archive(xlsx()))
    assert import_file(store, store.contracts.get("henan-2025"), OCT, "payroll", path, dt.date(2025, 10, 8)).rows == 2
    path = write(tmp_path, archive(ods(ODS_PAYROLL)), "工资表.ods")
    assert import_file(store, store.contracts.get("henan-2025"), OCT, "payroll", path, dt.date(2025, 10, 8)).rows == 2
