"""How an imported file's rows are stored (issue 12): as JSON, a Decimal, date or time as tagged text ("d:",
"date:", "time:"). A name the operator wrote like a tag (「d:abc」) used to be stored as it was and read back as
a number — or not at all: the month no longer loaded (a denial of service by a crafted file). Such text is now
stored behind the escape tag "s:"; every other row is stored byte for byte as before, so databases written
before still verify against the seals of their rows (``imports.rows_sha256``), which storing now computes
from the text it writes rather than by reading it back (issue 15).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from auditor import audit
from auditor.calendar import Period
from auditor.cli import main
from auditor.contract_text import role_names
from auditor.imports import parse_table
from auditor.personnel import import_file, reconcile_month
from auditor.storage import open_store

from .test_personnel import IDS, make_id, write_xlsx

OCT = Period(2025, 10)
HOSTILE = ["d:abc", "date:2025-01-01", "time:08:00", "s:x", "d:1", "s:d:1", "s:s:x", "date:", "d:"]
ID = [make_id(f"41010519900102{n:03d}") for n in range(1, len(HOSTILE) + 1)]


def old_encode(value: Any) -> Any:
    """How rows were stored before the escape (commits up to 0355ff4): the reference for ordinary rows."""
    if isinstance(value, Decimal):
        return f"d:{value}"
    if isinstance(value, dt.date):
        return f"date:{value.isoformat()}"
    if isinstance(value, dt.time):
        return f"time:{value.strftime('%H:%M')}"
    return value


def old_text(record: dict[str, Any]) -> str:
    return json.dumps({key: old_encode(value) for key, value in record.items()}, ensure_ascii=False)


def stored(db_path: Path, kind: str) -> tuple[list[tuple[int, str]], str]:
    """The rows of the month's file of ``kind`` as the database holds them, and their seal."""
    store = open_store(db_path)
    try:
        import_id, sealed = store.db.execute("SELECT id, rows_sha256 FROM imports WHERE kind = ?", [kind]).fetchone()
        rows = [tuple(r) for r in store.db.execute("SELECT row_no, data FROM import_rows WHERE import_id = ? "
                                                   "ORDER BY row_no", [import_id])]
        assert audit.rows_digest(store.db, import_id) == sealed
        return rows, sealed
    finally:
        store.close()


def read_back(db_path: Path, kind: str) -> list[dict[str, Any]]:
    """The month's file of ``kind`` as a later session reads it from the database."""
    store = open_store(db_path)
    try:
        return [dict(r) for r in store.personnel.dataset("henan-2025", OCT, kind).records]
    finally:
        store.close()


ORDINARY = {   # every kind of value a row holds, and text that only looks a little like a tag
    "roster": [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历", "同类管理经验年限"],
               ["张伟", IDS[0], "007", "一线", dt.datetime(2024, 3, 1), None, "大专", 0],
               ['王"芳\\', IDS[1], "s:x", "一线", "2024/05/06", "2025-10-15", "da", 2.5],
               ["s:", IDS[2], "ti", "管理", "2025年1月2日", None, "d", 3],
               ["d：全角", IDS[3], "日期:2025", "一线", 45292, None, "time", 0],
               ["Ｄ:1 😀", IDS[4], "\t", "一线", "20250601", None, "s:plain", 0],
               ['x", "name": "d:1', IDS[5], "ti:", "一线", "2024-03-01", None, "\\\": \"d:", 0]],
    "payroll": [["姓名", "身份证号", "应发工资", "实发工资"],
                ["张伟", IDS[0], "５,２００.００", 4500], ["s:x", IDS[1], 0, 0.1], ["d", IDS[2], 12345678.905, -0.0]],
    "schedule": [["姓名", "日期", "开始时间", "结束时间"],
                 ["张伟", "2025-10-01", dt.time(8, 30), dt.time(17, 30, 15)], ["s:x", "2025-10-02", "8:00", "24:00"]],
}


def test_ordinary_rows_are_stored_byte_for_byte_as_before(tmp_path):
    """Existing databases must still verify, and a file imported now seals as it sealed before: every row of
    these files is the text the old encoding gave, and the seal the hash of those texts read back."""
    path = tmp_path / "audit.db"
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    for kind, rows in ORDINARY.items():
        source = write_xlsx(tmp_path / f"{kind}.xlsx", rows)
        records = parse_table(kind, source, role_names(henan)).records
        import_file(store, henan, OCT, kind, source, dt.date(2025, 10, 8))
        held, sealed = stored(path, kind)
        assert held == [(r["_row"], old_text(r)) for r in records]
        assert sealed == hashlib.sha256("".join(f"{n}\t{text}\n" for n, text in held).encode()).hexdigest()
    store.close()


def hostile_month(tmp_path: Path) -> dict[str, Path]:
    """Roster, payroll and transfers of nine persons named as in HOSTILE (工号 too, in the reverse order)."""
    roster = [["姓名", "身份证号", "工号", "岗位类别", "入职日期"]] + [
        [name, ID[n], HOSTILE[-1 - n], "一线", "2024-03-01"] for n, name in enumerate(HOSTILE)]
    payroll = [["姓名", "身份证号", "应发工资", "实发工资"]] + [
        [name, ID[n], 5200, 4500] for n, name in enumerate(HOSTILE)]
    transfers = [["户名", "账号", "金额"]] + [[name, f"62220000{n:08d}", 4500] for n, name in enumerate(HOSTILE)]
    return {kind: write_xlsx(tmp_path / f"{kind}.xlsx", rows)
            for kind, rows in (("roster", roster), ("payroll", payroll), ("transfers", transfers))}


def test_names_written_like_tags_come_back_as_written(db, tmp_path, capsys):
    """A roster, payroll and transfers whose names are 「d:abc」, 「date:2025-01-01」, 「time:08:00」, 「s:x」…
    import, the month loads back with those very strings (in a later session, from the database) and is
    reconciled: the transfers, matched by name, find each person's pay; nothing is found about anyone."""
    files = hostile_month(tmp_path)
    for kind, source in files.items():
        assert main(["--db", str(db), "import", "henan-2025", "2025-10", kind, str(source),
                     "--received", "2025-10-08"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "reconcile", "henan-2025", "2025-10", "--today", "2025-10-20", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    for kind in files:
        records = read_back(db, kind)
        assert [r["name"] for r in records] == HOSTILE, kind
        assert all(type(r["name"]) is str for r in records)
    assert [r["employee_no"] for r in read_back(db, "roster")] == HOSTILE[::-1]
    held, _ = stored(db, "roster")
    assert json.loads(held[0][1])["name"] == "s:d:abc"    # escaped in the database
    assert json.loads(held[3][1])["name"] == "s:x"        # "s:x" needs no escape: stored as it was before
    store = open_store(db)
    try:
        assert store.verify_audit().ok
        assert reconcile_month(store, store.contracts.get("henan-2025"), OCT, dt.date(2025, 10, 20)) == []
    finally:
        store.close()


def test_rows_an_older_version_stored_stay_readable(file_store, tmp_path):
    """Rows stored before the escape hold the operator's text as it was. A month whose roster holds 「d:abc」
    that way could not be loaded at all (InvalidOperation): it loads, with the text. 「s:x」 stays 「s:x」 (the
    escape comes off only in front of a tag). Only an old 「s:d:…」, 「s:date:…」, 「s:time:…」 or 「s:s:…」 reads
    two characters shorter, and an old 「d:1」 or 「date:2025-01-01」 still reads as the number or date it looks
    like: the old rows cannot tell those apart."""
    henan = file_store.contracts.get("henan-2025")
    rows = [ORDINARY["roster"][0]] + [["张伟", IDS[0], "A1", "一线", "2024-03-01", None, "大专", 0],
                                      ["王芳", IDS[1], "A2", "一线", "2024-03-01", None, "大专", 0]]
    import_file(file_store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", rows), dt.date(2025, 10, 8))
    import_id = file_store.db.execute("SELECT id FROM imports WHERE kind = 'roster'").fetchone()[0]
    for row_no, name, number in ((2, "d:abc", "s:x"), (3, "s:s:x", "date:x")):   # as the old version wrote them
        data = json.loads(file_store.db.execute("SELECT data FROM import_rows WHERE import_id = ? AND row_no = ?",
                                                [import_id, row_no]).fetchone()[0])
        data.update(name=name, employee_no=number)
        file_store.db.execute("UPDATE import_rows SET data = ? WHERE import_id = ? AND row_no = ?",
                              [json.dumps(data, ensure_ascii=False), import_id, row_no])
    records = read_back(file_store.path, "roster")
    assert [(r["name"], r["employee_no"]) for r in records] == [("d:abc", "s:x"), ("s:x", "date:x")]


def test_the_month_just_stored_is_the_month_read_back(file_store, tmp_path):
    """The files just stored are kept for the reconciliation that follows (not read and parsed back), as the
    very records a later session reads from the database — a time stored to the minute is read back as
    stored, not kept with its seconds; an import rolled back or replaced is never what is kept."""
    henan = file_store.contracts.get("henan-2025")
    for kind, rows in ORDINARY.items():
        import_file(file_store, henan, OCT, kind, write_xlsx(tmp_path / f"{kind}.xlsx", rows), dt.date(2025, 10, 8))
    for kind in ORDINARY:
        assert [dict(r) for r in file_store.personnel.dataset("henan-2025", OCT, kind).records] == \
            read_back(file_store.path, kind)
    assert file_store.personnel.dataset("henan-2025", OCT, "schedule").records[0]["end"] == dt.time(17, 30)

    before = read_back(file_store.path, "payroll")
    other = write_xlsx(tmp_path / "工资表2.xlsx", [ORDINARY["payroll"][0], ["张伟", IDS[0], 1, 1]])
    result = parse_table("payroll", other, role_names(henan))
    with pytest.raises(RuntimeError), file_store.db.atomic():
        file_store.personnel.save_import("henan-2025", OCT, result, dt.date(2025, 10, 9))
        raise RuntimeError("the user's action fails after the rows were written")
    assert [dict(r) for r in file_store.personnel.dataset("henan-2025", OCT, "payroll").records] == before
    import_file(file_store, henan, OCT, "payroll", other, dt.date(2025, 10, 9))
    assert [(r["name"], r["net"]) for r in file_store.personnel.dataset("henan-2025", OCT, "payroll").records] == \
        [("张伟", Decimal("1.00"))]
