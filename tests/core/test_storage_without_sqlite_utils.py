"""The storage layer opens a database with its own small Database class; sqlite-utils (~50 ms to import)
comes in only when a migration step is pending, and its migrations run as they always did."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.storage import open_store
from auditor.storage.db import Database
from auditor.storage.migrations import MIGRATIONS_TABLE, SCHEMA_VERSION, current_version

from .builders import with_store

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT, env=dict(os.environ)).stdout.strip().splitlines()[-1]


def test_only_a_pending_migration_imports_sqlite_utils(tmp_path):
    """The first command creates the file (every step pending); the next ones, reading and writing, do not
    load sqlite-utils or what it brings (click, dateutil)."""
    db = str(tmp_path / "audit.db")
    command = ("import sys; from auditor.cli import main; code = main(sys.argv[1:]); "
               "print(code, *(m in sys.modules for m in ('sqlite_utils', 'click', 'dateutil')))")
    assert run(command, "--db", db, "contracts") == "0 True True True"
    assert run(command, "--db", db, "score", "henan-2025", "2025-10") == "0 False False False"
    day = ["calendar", "set", "2025-10-11", "--workday", "--notice", "国办发明电〔2024〕12号"]
    assert run(command, "--db", db, *day) == "0 False False False"
    assert with_store(db, lambda store: store.verify_audit().ok)


def test_the_bookkeeping_table_is_sqlite_utils_own():
    from sqlite_utils import Migrations

    assert MIGRATIONS_TABLE == Migrations.migrations_table


def test_a_bookkeeping_table_of_another_shape_is_left_to_sqlite_utils(tmp_path):
    """A table without sqlite-utils' ``id`` key (an older sqlite-utils made it so) is rebuilt by sqlite-utils,
    not taken as up to date by the plain check."""
    path = tmp_path / "audit.db"
    open_store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(f"""
        CREATE TABLE old_bookkeeping (migration_set TEXT, name TEXT, applied_at TEXT);
        INSERT INTO old_bookkeeping SELECT migration_set, name, applied_at FROM {MIGRATIONS_TABLE};
        DROP TABLE {MIGRATIONS_TABLE};
        ALTER TABLE old_bookkeeping RENAME TO {MIGRATIONS_TABLE};""")
    conn.close()

    store = open_store(path)
    try:
        keys = [row[1] for row in store.db.execute(f"PRAGMA table_info({MIGRATIONS_TABLE})") if row[5]]
        assert keys == ["id"] and current_version(store.db) == SCHEMA_VERSION
        assert store.verify_audit().ok, store.verify_audit().problems
    finally:
        store.close()


def test_a_day_set_twice_is_sealed_with_its_replacement(tmp_path):
    """INSERT OR REPLACE deletes the old row: with recursive triggers on (as sqlite-utils set them), the audit
    chain records the deletion, so the check finds nothing missing."""
    path = tmp_path / "audit.db"
    open_store(path).close()
    store = open_store(path)  # up to date: opened without sqlite-utils
    try:
        store.set_calendar_day(dt.date(2025, 10, 11), True, "国办发明电〔2024〕12号")
        store.set_calendar_day(dt.date(2025, 10, 11), False, "更正")
        report = store.verify_audit()
        assert report.ok, report.problems
    finally:
        store.close()


def test_a_failed_inner_step_is_undone_alone_and_a_failed_transaction_entirely(tmp_path):
    store = open_store(tmp_path / "audit.db")
    try:
        with store.db.atomic():
            store.set_calendar_day(dt.date(2025, 10, 11), True, "甲")
            with pytest.raises(sqlite3.IntegrityError), store.db.atomic():
                store.set_calendar_day(dt.date(2025, 10, 12), True, "乙")
                store.db.execute("INSERT INTO calendar_overrides (day, is_workday) VALUES ('2025-10-13', 7)")
        assert [(d.isoformat(), n) for d, _, n in store.calendar_entries()] == [("2025-10-11", "甲")]
        with pytest.raises(RuntimeError), store.db.atomic():
            store.set_calendar_day(dt.date(2025, 10, 14), True, "丙")
            raise RuntimeError
        assert len(store.calendar_entries()) == 1 and not store.db.conn.in_transaction
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_connection_that_opens_transactions_itself_is_refused():
    """sqlite3's default mode begins transactions behind the program's back: atomic() could not hold."""
    conn = sqlite3.connect(":memory:")
    with pytest.raises(ValueError, match="autocommit"):
        Database(conn)
    conn.close()
