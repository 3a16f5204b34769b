"""One writer at a time: a second writer waits for the first, and one kept waiting too long is refused.

The app, a script and an inspector's second terminal may all write to the same file. SQLite lets
one write at a time; a transaction that starts with a plain ``BEGIN`` may fail at once with
"database is locked" instead of waiting, so every write transaction is ``BEGIN IMMEDIATE``.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.storage import db as storage_db
from auditor.storage import open_store

from .builders import month_doc, record, write_doc
from .hostile import refused


def _entries(db: Path, tmp_path: Path, contract_id: str, period: str) -> Path:
    store = open_store(db)
    contract = store.contracts.get(contract_id)
    store.close()
    return write_doc(tmp_path, month_doc(contract, period), f"{contract_id}-{period}.json")


def _holding_the_write_lock(db: Path) -> sqlite3.Connection:
    """Another program in the middle of a write transaction."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def _has_opened(pid: int, db: Path) -> bool:
    try:
        return any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == str(db.resolve())
                   for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_two_writers_at_once_both_succeed(db, tmp_path):
    """Two `record` commands start while a third program writes: both wait their turn, neither fails."""
    files = [_entries(db, tmp_path, "henan-2025", "2025-10"), _entries(db, tmp_path, "luoyang-2025", "2025-05")]
    other = _holding_the_write_lock(db)
    writers = [subprocess.Popen([sys.executable, "-m", "auditor.cli", "--db", str(db), "record", str(f)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
               for f in files]
    # let both reach the database before the lock goes (on Linux: until both have it open, then a moment)
    for _ in range(300):
        if all(_has_opened(w.pid, db) for w in writers) or not Path("/proc").is_dir():
            break
        time.sleep(0.05)
    time.sleep(0.5)
    other.execute("ROLLBACK")
    other.close()
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    for contract_id, period in (("henan-2025", "2025-10"), ("luoyang-2025", "2025-05")):
        assert main(["--db", str(db), "score", contract_id, period, "--json"]) == 0
    store = open_store(db)
    assert set(store.db.execute("SELECT contract_id, period FROM months").fetchall()) >= {
        ("henan-2025", "2025-10"), ("luoyang-2025", "2025-05")}
    assert store.verify_audit().ok
    store.close()


@pytest.mark.parametrize("args", [
    pytest.param(lambda db, tmp: ["record", str(_entries(db, tmp, "henan-2025", "2025-10"))], id="record"),
    pytest.param(lambda db, tmp: ["contract", "set", "henan-2025", "settings.staffing_basis=total"], id="contract"),
    pytest.param(lambda db, tmp: ["reconcile", "henan-2025", "2025-10", "--today", "2025-11-20"], id="reconcile"),
])
def test_a_writer_kept_waiting_too_long_is_refused(db, tmp_path, capsys, monkeypatch, args):
    arguments = args(db, tmp_path)
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT", 0.2)
    other = _holding_the_write_lock(db)
    try:
        refused(db, arguments, capsys, names=("audit.db", "另一个程序", "未做任何修改"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert main(["--db", str(db), *arguments]) == 0  # once the other program is done, it goes ahead


def test_every_write_transaction_takes_the_write_lock_first(db, tmp_path):
    """BEGIN IMMEDIATE on every outermost transaction, also those sqlite-utils opens itself (the migrations)."""
    from auditor.storage.migrations import _through_sqlite_utils

    store = open_store(db)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    record(store, store.contracts.get("henan-2025"), "2025-10")
    store.contracts.update("henan-2025", {"settings.staffing_basis": "total"})
    _through_sqlite_utils(store.db)["calendar_overrides"].insert({"day": "2025-10-11", "is_workday": 1, "note": "调休"})
    with store.db.atomic():
        with store.db.atomic():  # nested: a savepoint, not a second BEGIN
            store.set_calendar_day(dt.date(2025, 10, 12), True)
    store.close()
    begins = [s.strip().upper() for s in statements if s.strip().upper().startswith("BEGIN")]
    assert begins and set(begins) == {"BEGIN IMMEDIATE"}, begins


def test_the_busy_timeout_is_set_on_every_connection(db):
    store = open_store(db)
    timeout = store.db.execute("PRAGMA busy_timeout").fetchone()[0]
    store.close()
    assert timeout == int(storage_db.BUSY_TIMEOUT * 1000) >= 5000


def test_an_in_memory_database_takes_its_evidence_folder_with_it():
    """A scratch database (tests, previews) keeps its evidence in a temporary folder: closed, the folder goes."""
    from auditor.storage import open_store

    store = open_store(":memory:")
    folder = store.evidence_dir
    assert folder.is_dir()
    store.close()
    assert not folder.exists()
    store.close()  # closing twice is harmless
