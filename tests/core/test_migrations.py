"""Schema migrations from every earlier schema version, with data written the way that version wrote it."""
import hashlib
import json
import sqlite3
from decimal import Decimal

import pytest
from sqlite_utils import Database

from auditor.calendar import Period
from auditor.contracts import load_template
from auditor.service import month_result
from auditor.storage import open_store
from auditor.storage.migrations import SCHEMA_VERSION, current_version, migrate

STAMP = "2025-11-01T09:00:00"


def fill(db: Database, version: int) -> None:
    """Rows as a database at ``version`` holds them (raw SQL: the code of that time is gone)."""
    data = load_template("henan-2025")
    db.execute("INSERT INTO contracts VALUES (?,?,?,?,?,?,?)",
               ["henan-2025", "henan-2025", "deductions", data["name"], json.dumps(data, ensure_ascii=False),
                STAMP, STAMP])
    db.execute("INSERT INTO months (contract_id, period, status, incidents, late_days, updated_at) "
               "VALUES ('henan-2025', '2025-10', 'open', 0, 0, ?)", [STAMP])
    for code, value in (("HN-02", "99"), ("HN-03", "1"), ("HN-04", "100"), ("HN-09", "100")):
        db.execute("INSERT INTO measurements (contract_id, period, code, kind, value, updated_at) "
                   "VALUES ('henan-2025', '2025-10', ?, 'value', ?, ?)", [code, value, STAMP])
    # HN-08 as an event log (schema 11 rebuilds measurements and their events: both must come through)
    db.execute("INSERT INTO measurements (contract_id, period, code, kind, updated_at) "
               "VALUES ('henan-2025', '2025-10', 'HN-08', 'events', ?)", [STAMP])
    db.execute("INSERT INTO measurement_events (contract_id, period, code, seq, received_at, done_at) "
               "VALUES ('henan-2025', '2025-10', 'HN-08', 0, '2025-10-09T10:00:00', '2025-10-10T09:00:00')")
    for role, average in (("frontline", "48.5"), ("support", "16"), ("management", "3")):
        db.execute("INSERT INTO headcounts VALUES ('henan-2025', '2025-10', ?, ?)", [role, average])
    db.execute("INSERT INTO submissions (contract_id, period, kind, received_on) VALUES "
               "('henan-2025', '2025-10', 'roster', '2025-10-08')")
    if version >= 2:
        db.execute("INSERT INTO findings (contract_id, period, source, key, title, created_at) VALUES "
                   "('henan-2025', '2025-10', 'indicator', 'HN-02', 'HN-02 网络工单回应率未达标', ?)", [STAMP])
        db.execute("INSERT INTO evidence (contract_id, period, code, filename, sha256, size, added_at) VALUES "
                   "('henan-2025', '2025-10', 'HN-02', 'a.png', ?, 3, ?)", ["a" * 64, STAMP])
    if version >= 3:
        cursor = db.execute("INSERT INTO imports (contract_id, period, kind, source, sha256, received_on, imported_at, "
                            "columns, row_count) VALUES ('henan-2025', '2025-10', 'payroll', 'p.xlsx', ?, "
                            "'2025-10-08', ?, '{}', 1)", ["b" * 64, STAMP])
        db.execute("INSERT INTO import_rows VALUES (?, 2, ?)",
                   [cursor.lastrowid, json.dumps({"name": "张伟", "gross": "d:5200", "net": "d:4500", "_row": 2})])
        db.execute("INSERT INTO spot_checks (contract_id, started_at, place, inspectors, failed) VALUES "
                   "('henan-2025', '2025-10-09T10:00', '二楼', '李全奇', 1)")
    if version >= 4:
        db.execute("INSERT INTO id_reveals (at, who, masked, reason) VALUES (?, 'x', '4101**********0011', '核对')",
                   [STAMP])
    if version >= 5:
        db.execute("INSERT INTO notices (contract_id, period, issuer, content, created_at) VALUES "
                   "('henan-2025', '2025-10', '豫政数', '{}', ?)", [STAMP])
        if version >= 7:  # from 7 on the register keeps one series per kind
            db.execute("INSERT INTO document_counters VALUES ('notice', '豫政数', 2025, 3)")
        else:
            db.execute("INSERT INTO number_counters VALUES ('豫政数', 2025, 3)")
        db.execute("INSERT INTO documents (kind, number, contract_id, sha256, pdf, signed, created_at) VALUES "
                   "('notice', '豫政数整改〔2025〕3号', 'henan-2025', ?, x'2550', 1, ?)",
                   [hashlib.sha256(b"%P").hexdigest(), STAMP])
    if version >= 6:  # from 6 on the app sealed each of its transactions into the audit chain
        from auditor import audit

        audit.seal(db)


def as_the_earlier_runner_left_it(db: Database) -> None:
    """Before schema 10 the program recorded applied versions in its own ``schema_migrations``."""
    applied = db.execute("SELECT name, applied_at FROM _sqlite_migrations ORDER BY id").fetchall()
    db.execute("DROP TABLE _sqlite_migrations")
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for number, (_, applied_at) in enumerate(applied, 1):
        db.execute("INSERT INTO schema_migrations VALUES (?, ?)", [number, applied_at])


@pytest.mark.parametrize("bookkeeping", ["sqlite-utils", "earlier runner"])
@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_upgrade_from_every_earlier_version(tmp_path, version, bookkeeping):
    path = tmp_path / f"v{version}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db, target=version)
    assert current_version(db) == version
    if bookkeeping == "earlier runner":
        as_the_earlier_runner_left_it(db)
        assert current_version(db) == version
    with db.atomic():
        fill(db, version)
    conn.close()

    store = open_store(path)
    try:
        assert current_version(store.db) == SCHEMA_VERSION
        henan = store.contracts.get("henan-2025")
        result = month_result(store, henan, Period(2025, 10))
        # 第十一条 + 第七条2, as before the upgrade: HN-02 1% and 3 persons 3% = ¥258,720.00
        assert result.deduction_total == Decimal("258720.00")
        assert store.months.personnel_received("henan-2025")[Period(2025, 10)] == frozenset({"roster"})
        if version >= 2:
            assert store.findings.list("henan-2025")[0].key == "HN-02"
        if version >= 3:
            payroll = store.personnel.dataset("henan-2025", Period(2025, 10), "payroll")
            assert payroll.records[0]["net"] == Decimal("4500")
        events = store.months.load("henan-2025", Period(2025, 10)).measurements["HN-08"].events
        assert [(e.received_at.day, e.done_at.day) for e in events] == [(9, 10)]   # within 24 h: passes
        report = store.verify_audit()
        assert report.ok, report.problems
        store.months.finalize("henan-2025", Period(2025, 10), True)   # and the upgraded file takes new writes
        with store.db.atomic():
            if version >= 5:  # the notice counter carries over to the register's series
                assert store.register.take_number("notice", "豫政数", 2025) == 4
        assert store.verify_audit().ok
    finally:
        store.close()


@pytest.mark.parametrize("bookkeeping", ["sqlite-utils", "earlier runner"])
def test_a_newer_database_is_refused(tmp_path, bookkeeping):
    path = tmp_path / "future.db"
    open_store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    if bookkeeping == "earlier runner":
        as_the_earlier_runner_left_it(Database(conn))
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'x')")
    else:  # a step a later program added, unknown to this one
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('auditor', '0011_from_the_future', 'x')")
    conn.close()  # the last connection: its WAL is checkpointed into the file
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    from auditor.errors import StateError

    with pytest.raises(StateError, match="升级程序"):
        open_store(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_another_sqlite_utils_program_is_not_taken_for_ours(tmp_path):
    """Datasette plugins and other sqlite-utils programs keep the same table, for their own migration set."""
    from auditor.errors import InputError

    path = tmp_path / "theirs.db"
    db = Database(path)
    db["notes"].insert({"text": "x"})
    db["_sqlite_migrations"].insert({"migration_set": "their-plugin", "name": "m001", "applied_at": "x"})
    db.close()
    with pytest.raises(InputError, match="其他程序"):
        open_store(path)
