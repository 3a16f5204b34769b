"""Tamper-evident history: edits outside the app are found, whichever way they are made."""
import datetime as dt
import json
import shutil
import subprocess

import pytest

from auditor import notices
from auditor.calendar import Period
from auditor.cli import main
from auditor.service import finalize_month
from auditor.storage import open_store

from .builders import inspector, month_doc, record, with_store, write_doc

OCT = Period(2025, 10)
SQLITE3 = shutil.which("sqlite3")


def shell(db, sql: str) -> None:
    """The real sqlite3 command-line shell, as someone editing the file outside the app would use."""
    assert SQLITE3, "sqlite3 shell (Debian package sqlite3) is needed for the tamper tests"
    subprocess.run([SQLITE3, str(db), sql], check=True, capture_output=True)


def verify(db):
    return with_store(db, lambda store: store.verify_audit())


@pytest.fixture
def db(tmp_path):
    """A database after a realistic month: recorded, finalised, findings, an issued notice."""
    path = tmp_path / "audit.db"
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store))
    store.months.reopen("henan-2025", Period(2025, 10), "补录")
    store.contracts.update("henan-2025", {"settings.notice_deadline_days": 10})
    store.close()
    return path


def test_the_apps_own_changes_verify_clean(db):
    report = verify(db)
    assert report.ok, report.problems
    assert report.entries > 20


def test_shell_edit_is_reported_with_exit_3(db, capsys):
    shell(db, "UPDATE measurements SET value = '100' WHERE code = 'HN-02'")
    assert main(["--db", str(db), "audit", "verify"]) == 3
    out = capsys.readouterr().out
    assert "在程序之外修改了指标录入" in out
    assert main(["--db", str(db), "audit", "verify", "--json"]) == 3     # and it stays reported
    assert not json.loads(capsys.readouterr().out)["ok"]


def test_edit_with_triggers_dropped_is_found_by_the_row_hash(db):
    triggers = [t for t in subprocess.run([SQLITE3, str(db), "SELECT name FROM sqlite_master WHERE type='trigger' "
                                           "AND name LIKE 'audit_headcounts_%'"], capture_output=True, text=True,
                                          check=True).stdout.split()]
    shell(db, "; ".join(f"DROP TRIGGER {t}" for t in triggers) + "; UPDATE headcounts SET average = '50' "
          "WHERE role = 'frontline'")
    problems = verify(db).problems
    assert any("headcounts" in p and "在程序之外被修改" in p for p in problems), problems


def test_deleting_a_log_entry_breaks_the_chain(db):
    shell(db, "DELETE FROM audit_log WHERE id = 5")
    report = verify(db)
    assert report.first_broken == 6
    assert any("链条断裂" in p for p in report.problems)


def test_truncating_the_log_is_found(db):
    shell(db, "DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 3 FROM audit_log)")
    assert any("链头不符" in p for p in verify(db).problems)


def test_changed_issued_document_is_found(db):
    shell(db, "DROP TRIGGER documents_frozen; UPDATE documents SET pdf = x'255044462d'")
    problems = verify(db).problems
    assert any("已签发文书" in p for p in problems)


def test_finalised_month_content_is_sealed(tmp_path):
    path = tmp_path / "m.db"
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")
    finalize_month(store, henan, OCT)
    store.close()
    shell(path, "DROP TRIGGER audit_measurements_update; UPDATE measurements SET value = '1' WHERE code = 'HN-04'")
    problems = verify(path).problems
    assert any("已定稿的 henan-2025 2025-10 内容与定稿时封存的不同" in p for p in problems)


def test_cli_record_keeps_the_log_clean(tmp_path, capsys):
    path = tmp_path / "c.db"
    main(["--db", str(path), "init"])
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    store.close()
    main(["--db", str(path), "record", str(write_doc(tmp_path, month_doc(henan, "2025-10")))])
    assert main(["--db", str(path), "audit", "verify"]) == 0


def test_every_audited_table_is_named_in_chinese(store):
    """A problem report names the table the user's way (「付款登记」, not payments)."""
    from auditor.audit import TABLE_LABELS, audited_tables

    assert sorted(set(audited_tables(store.db)) - set(TABLE_LABELS)) == []
