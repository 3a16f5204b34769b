"""An .xlsx whose shared-string table is a bomb is refused before calamine reads it.

calamine reads the workbook's whole shared-string table into a list before a cell: a 500 KB file of 20
million empty entries (``<si><t/></si>``, 250 MB inflated, within the inflated-size limit) grew the process to
484 MB for four seconds. The scan counts the entries of every part (the workbook's relationships may name any
part as the table, under any name and with any namespace prefix) and refuses more than
``limits.MAX_SHARED_STRINGS``; an honest table — a month of 20,000 persons holds a few tens of thousands —
reads as before.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from auditor import limits
from auditor.imports import _CHUNK, _Entries, read_rows

from .hostile import read_in_fresh_process, refused

ROOT = Path(__file__).resolve().parents[2]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
PAY = '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>5200</v></c><c r="C2"><v>4500</v></c></row>'
WORDS = ["姓名", "应发工资", "实发工资", "张伟"]


def workbook(path: Path, entries: int, *, part: str = "xl/sharedStrings.xml", prefix: str = "",
             attributes: str = "", entry: bytes | None = None, styles: bytes | None = None) -> Path:
    """An .xlsx written part by part with zipfile: the four words, then ``entries`` more empty strings, in
    ``part`` (the relationships point there) with elements written ``<{prefix}si>``; ``attributes``: more of
    the table's attributes, as written; ``entry``: the raw text of each further entry instead; ``styles``: the
    raw body of a styles.xml's <numFmts> (no styles part without it)."""
    p = f"{prefix}:" if prefix else ""
    declared = f' xmlns:{prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' if prefix else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
                         '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                         'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
                         '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        archive.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                         f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/'
                         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{REL}">'
                         '<sheets><sheet name="工资" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                         f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                         f'Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                         f'Type="{REL}/sharedStrings" Target="{part.removeprefix("xl/")}"/>'
                         + (f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>' if styles is not None
                            else "") + "</Relationships>")
        archive.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
                         f"<sheetData>{HEADER}{PAY}</sheetData></worksheet>")
        with archive.open(part, "w") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><{p}sst {NS}{declared} count="{entries + 4}"'
                      f"{attributes}>".encode())
            out.write("".join(f"<{p}si><{p}t>{word}</{p}t></{p}si>" for word in WORDS).encode())
            empty = f"<{p}si><{p}t/></{p}si>".encode() if entry is None else entry
            for _ in range(entries // 10_000):
                out.write(empty * 10_000)
            out.write(empty * (entries % 10_000))
            out.write(f"</{p}sst>".encode())
        if styles is not None:
            archive.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><numFmts>'
                             .encode() + styles + b"</numFmts></styleSheet>")
    return path


def test_an_honest_table_reads_as_before(tmp_path):
    rows = read_rows(workbook(tmp_path / "工资表.xlsx", 50_000))
    assert [row[:3] for _, row in rows] == [["姓名", "应发工资", "实发工资"], ["张伟", 5200, 4500]]


@pytest.mark.parametrize("part, prefix", [("xl/sharedStrings.xml", ""), ("xl/anything.bin", ""),
                                          ("xl/sharedStrings.xml", "x")])
def test_a_table_of_more_entries_than_the_limit_is_refused(db, tmp_path, capsys, part, prefix):
    path = workbook(tmp_path / "工资表.xlsx", limits.MAX_SHARED_STRINGS, part=part, prefix=prefix)  # + the four
    assert read_rows.__module__ == "auditor.imports"
    message = refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
                      names=("工资表.xlsx", "共享字符串", f"{limits.MAX_SHARED_STRINGS:,}"))
    assert "Traceback" not in message


def test_the_bomb_is_refused_before_calamine_reads_it(tmp_path):
    """In a fresh process: 8 million empty entries (a 100 MB table in a file of a few hundred KB) are refused
    and the process grows by a few megabytes at most (calamine read them into ~200 MB)."""
    path = workbook(tmp_path / "工资表.xlsx", 8_000_000)
    assert path.stat().st_size < 1 << 20
    grown, outcome = read_in_fresh_process(path)
    assert "共享字符串" in outcome
    assert grown < 32, f"the process grew by {grown} MB"


@pytest.mark.parametrize("at", [-90, -70, -7, -6, -5, -4, -3, -2, -1, 0, 1])
def test_an_entry_split_between_two_reads_is_counted_once(at):
    """Entries around the place where the part is cut into reads (1 MiB), one written with a long prefix."""
    import io

    long_prefix = "p" * 60
    for tag in (b"<si>", b"<x:si ", f"<{long_prefix}:si/>".encode()):
        data = b"<sst>" + b"." * (_CHUNK + at - 5) + tag + b"</si><si>" + b"." * 200 + b"</sst>"
        assert _Entries(io.BytesIO(data)).drained() == 2, (at, tag)
    assert _Entries(io.BytesIO(b"<" + b"s" * (3 * _CHUNK) + b"<si>")).drained() == 1  # a `<` far from any `>`
    assert _Entries(io.BytesIO(b"<sis><sit><xsi> si> <si-x>")).drained() == 0           # other names


def test_the_count_is_the_pattern_s_count():
    """Counted as bytes where no prefix is written, by the expression where one is: the same as the pattern."""
    import random

    from auditor.imports import _SHARED_STRING, _entries_in

    pieces = [b"<si>", b"<si ", b"<si/>", b"<si\t", b"<si\n", b"<si\r", b"<si\x0b", b"<si\x0c", b"<x:si>",
              b"<ab.c-d_e:si ", b"<:si>", b"<1x:si>", b"<sis>", b"</si>", b"<si", b"si>", b"<x:sit>", b"dimension",
              b"<row r=\"1\">", b"<c r=\"A1\" t=\"s\"><v>0</v></c>", b"<", b">", b":", b" "]
    rng = random.Random(5)
    for _ in range(2000):
        text = b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        assert _entries_in(text) == len(_SHARED_STRING.findall(text)), text


@pytest.mark.parametrize("declared", ['uniqueCount="4000000000"', 'uniqueCount="+00000000004000000000"',
                                      " " * (1 << 20) + 'uniqueCount="4000000000"', 'x:uniqueCount="4000000000"',
                                      " " * (3 << 20) + 'uniqueCount="4000000000"', 'uniqueCount="&#52;000000000"',
                                      "uniqueCount = '4000000000'",
                                      'a=">"' + " " * (1 << 20) + 'uniqueCount="4000000000"',
                                      f'uniqueCount="{limits.MAX_SHARED_STRINGS + 1}"'])
def test_a_table_declaring_more_entries_than_the_limit_is_refused(tmp_path, declared):
    """calamine reserves room for the entries the table declares (``uniqueCount``) before it reads one: 4 billion,
    in a file of a few KB, aborted the whole process. Written plainly, with a sign and zeros, after one or three
    mebibytes of spaces (across the scan's reads; a tag longer than a read goes to the exact scan), under a
    prefix, with a character reference, in single quotes, after a `>` in an earlier attribute: refused, the
    process alive."""
    path = workbook(tmp_path / "工资表.xlsx", 0, attributes=" " + declared)
    grown, outcome = read_in_fresh_process(path)
    assert outcome.startswith("工资表.xlsx: ") and "共享字符串表声明" in outcome, outcome
    assert grown < 32


def test_a_table_declaring_what_it_holds_reads(tmp_path):
    path = workbook(tmp_path / "工资表.xlsx", 10, attributes=' uniqueCount="14"')
    assert read_in_fresh_process(path)[1] == "read"
