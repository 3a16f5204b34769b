"""Versioned schema migrations. Never edit a released step: add a new one.

Decimals are stored as TEXT so that money and rates round-trip exactly.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database, Migrations

    from .db import Database as Store  # the program's own connection wrapper (db.py)

Migration = Callable[["Database"], None]


def _v1(db: "Database") -> None:
    db.execute("""
        CREATE TABLE contracts (
            id TEXT PRIMARY KEY,
            template_id TEXT NOT NULL,
            family TEXT NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE months (
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'final')),
            incidents INTEGER CHECK (incidents IS NULL OR incidents >= 0),
            late_days INTEGER NOT NULL DEFAULT 0 CHECK (late_days >= 0),
            finalized_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period)
        )""")
    db.execute("""
        CREATE TABLE month_history (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            FOREIGN KEY (contract_id, period) REFERENCES months(contract_id, period) ON DELETE CASCADE
        )""")
    db.execute("""
        CREATE TABLE measurements (
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('value', 'ratio', 'events', 'exempt')),
            value TEXT,
            numerator TEXT,
            denominator TEXT,
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, code),
            FOREIGN KEY (contract_id, period) REFERENCES months(contract_id, period) ON DELETE CASCADE
        )""")
    db.execute("""
        CREATE TABLE measurement_events (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            done_at TEXT,
            FOREIGN KEY (contract_id, period, code)
                REFERENCES measurements(contract_id, period, code) ON DELETE CASCADE
        )""")
    db.execute("CREATE INDEX measurement_events_owner ON measurement_events(contract_id, period, code)")
    db.execute("""
        CREATE TABLE headcounts (
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            role TEXT NOT NULL,
            average TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, role),
            FOREIGN KEY (contract_id, period) REFERENCES months(contract_id, period) ON DELETE CASCADE
        )""")
    db.execute("""
        CREATE TABLE staffing_changes (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            first_month TEXT NOT NULL,
            last_month TEXT NOT NULL,
            required INTEGER NOT NULL CHECK (required >= 0),
            reference TEXT NOT NULL,
            approved_on TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            kind TEXT NOT NULL,
            received_on TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX submissions_month ON submissions(contract_id, period)")
    db.execute("""
        CREATE TABLE calendar_overrides (
            day TEXT PRIMARY KEY,
            is_workday INTEGER NOT NULL CHECK (is_workday IN (0, 1)),
            note TEXT NOT NULL DEFAULT ''
        )""")


def _v2(db: "Database") -> None:
    """Evidence files (content-addressed copies) and findings."""
    db.execute("""
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            code TEXT NOT NULL DEFAULT '',
            filename TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            added_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX evidence_month ON evidence(contract_id, period)")
    db.execute("""
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            source TEXT NOT NULL,
            key TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            clause TEXT NOT NULL DEFAULT '',
            amount TEXT NOT NULL DEFAULT '0.00',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'noticed', 'closed')),
            created_at TEXT NOT NULL,
            UNIQUE (contract_id, period, source, key)
        )""")


def _v3(db: "Database") -> None:
    """The operator's submissions (imported rows), column maps, staffing approvals, spot checks, confidentiality."""
    db.execute("""
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            received_on TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            columns TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            UNIQUE (contract_id, period, kind)
        )""")
    db.execute("""
        CREATE TABLE import_rows (
            import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
            row_no INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (import_id, row_no)
        )""")
    db.execute("""
        CREATE TABLE column_maps (
            operator TEXT NOT NULL,
            kind TEXT NOT NULL,
            header TEXT NOT NULL,
            field TEXT NOT NULL,
            PRIMARY KEY (operator, kind, header)
        )""")
    db.execute("""
        CREATE TABLE departure_approvals (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            id_number TEXT NOT NULL,
            approved_on TEXT NOT NULL,
            reference TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE spot_checks (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            place TEXT NOT NULL,
            inspectors TEXT NOT NULL,
            finished_at TEXT,
            failed INTEGER,
            summary TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE spot_marks (
            id INTEGER PRIMARY KEY,
            spot_check_id INTEGER NOT NULL REFERENCES spot_checks(id) ON DELETE CASCADE,
            person_key TEXT NOT NULL,
            name TEXT NOT NULL,
            employee_no TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL,
            on_roster INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent', 'unmarked')),
            at TEXT NOT NULL,
            UNIQUE (spot_check_id, person_key)
        )""")
    db.execute("""
        CREATE TABLE confidentiality_checks (
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            duty TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'gap', 'na')),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, duty)
        )""")
    db.execute("""
        CREATE TABLE commitments (
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            id_number TEXT NOT NULL,
            name TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            PRIMARY KEY (contract_id, id_number)
        )""")


def _v4(db: "Database") -> None:
    """Every deliberate reveal of a full ID number (个人信息保护法 第五十一条: access is logged)."""
    db.execute("""
        CREATE TABLE id_reveals (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            masked TEXT NOT NULL,
            reason TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT ''
        )""")


def _v5(db: "Database") -> None:
    """Rectification notices, issued documents (immutable, enforced by triggers), inspectors' identities."""
    db.execute("""
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id),
            period TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                ('draft', 'issued', 'received', 'rectified', 'closed', 'escalated', 'superseded')),
            number TEXT UNIQUE,
            issuer TEXT NOT NULL,
            year INTEGER,
            seq INTEGER,
            content TEXT NOT NULL,
            content_sha256 TEXT,
            deadline TEXT,
            supersedes_id INTEGER REFERENCES notices(id),
            document_id INTEGER REFERENCES documents(id),
            created_at TEXT NOT NULL,
            issued_at TEXT,
            received_by TEXT, received_at TEXT,
            rectified_at TEXT, report_evidence_id INTEGER,
            closed_by TEXT, closed_at TEXT,
            escalated_at TEXT, escalation TEXT
        )""")
    db.execute("""
        CREATE TABLE notice_findings (
            notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
            finding_id INTEGER NOT NULL REFERENCES findings(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (notice_id, finding_id)
        )""")
    db.execute("""
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            contract_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            signed INTEGER NOT NULL,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE number_counters (
            issuer TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (issuer, year)
        )""")
    db.execute("""
        CREATE TABLE inspectors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            organization TEXT NOT NULL,
            p12 BLOB,
            fingerprint TEXT,
            signature_png BLOB,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TRIGGER notices_frozen BEFORE UPDATE OF contract_id, period, number, issuer, year, seq, content,
            content_sha256, deadline, supersedes_id, document_id ON notices
        WHEN OLD.status != 'draft'
        BEGIN SELECT RAISE(ABORT, 'issued notice is immutable'); END""")
    db.execute("""
        CREATE TRIGGER notices_no_way_back BEFORE UPDATE OF status ON notices
        WHEN OLD.status != 'draft' AND NEW.status = 'draft'
        BEGIN SELECT RAISE(ABORT, 'issued notice is immutable'); END""")
    db.execute("""
        CREATE TRIGGER notices_kept BEFORE DELETE ON notices WHEN OLD.status != 'draft'
        BEGIN SELECT RAISE(ABORT, 'issued notice is immutable'); END""")
    db.execute("""
        CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
        BEGIN SELECT RAISE(ABORT, 'issued document is immutable'); END""")
    db.execute("""
        CREATE TRIGGER documents_kept BEFORE DELETE ON documents
        BEGIN SELECT RAISE(ABORT, 'issued document is immutable'); END""")


NOT_AUDITED = {"schema_migrations", "_sqlite_migrations", "audit_pending", "audit_log", "import_rows"}


def audit_triggers(db: "Database", table: str) -> None:
    """AFTER triggers copying every change of ``table`` into audit_pending (built-in SQL only, so a
    change made with the sqlite3 shell is recorded too, and sealed as made outside the app)."""
    columns = [(row[1], (row[2] or "").upper()) for row in db.execute(f"PRAGMA table_info({table})").fetchall()]

    def row_json(prefix: str) -> str:
        parts = []
        for name, kind in columns:
            value = f"length({prefix}.{name})" if kind == "BLOB" else f"{prefix}.{name}"
            parts.append(f"'{name}', {value}")
        return f"json_object({', '.join(parts)})"

    for op, old, new in (("INSERT", "NULL", row_json("NEW")), ("UPDATE", row_json("OLD"), row_json("NEW")),
                         ("DELETE", row_json("OLD"), "NULL")):
        ref = "OLD" if op == "DELETE" else "NEW"
        db.execute(f"DROP TRIGGER IF EXISTS audit_{table}_{op.lower()}")
        db.execute(f"""CREATE TRIGGER audit_{table}_{op.lower()} AFTER {op} ON {table}
            BEGIN INSERT INTO audit_pending (tbl, row_id, op, old, new)
                  VALUES ('{table}', {ref}.rowid, '{op.lower()}', {old}, {new}); END""")


def _v6(db: "Database") -> None:
    """The tamper-evident history: every change, chained by SHA-256; sealed month contents; import digests."""
    db.execute("""
        CREATE TABLE audit_pending (
            id INTEGER PRIMARY KEY,
            tbl TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL,
            old TEXT,
            new TEXT,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
        )""")
    db.execute("""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            tbl TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL,
            old TEXT,
            new TEXT,
            row_hash TEXT,
            external INTEGER NOT NULL DEFAULT 0,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        )""")
    db.execute("CREATE INDEX audit_log_row ON audit_log(tbl, row_id)")
    db.execute("ALTER TABLE months ADD COLUMN sealed_sha256 TEXT")
    db.execute("ALTER TABLE imports ADD COLUMN rows_sha256 TEXT")
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if table not in NOT_AUDITED:
            audit_triggers(db, table)
            # what the database already holds becomes the baseline of the history, sealed as the upgrade
            db.execute(f"INSERT INTO audit_pending (tbl, row_id, op) SELECT '{table}', rowid, 'baseline' FROM {table}")


def _audit_from_now(db: "Database", *tables: str) -> None:
    """Triggers for new or widened tables, and their current rows as the baseline of their history."""
    for table in tables:
        audit_triggers(db, table)
        db.execute(f"INSERT INTO audit_pending (tbl, row_id, op) SELECT '{table}', rowid, 'baseline' FROM {table}")


def _v7(db: "Database") -> None:
    """Trust and the register (issue: signatures the operator cannot forge).

    The agency's signing root (key encrypted by its own passphrase), the roots this machine trusts, the
    certificates of inspectors met so far (to check a printed QR code), plain settings (the time-stamp
    server), and a register of every issued document with its own number series per kind, issuer and
    year. ``number_counters`` (notices only) is superseded by ``document_counters`` and kept unused.
    """
    db.execute("""
        CREATE TABLE agency_roots (
            fingerprint TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            certificate BLOB NOT NULL,
            p12 BLOB NOT NULL,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE trust_roots (
            fingerprint TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            certificate BLOB NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE certificates (
            fingerprint TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            certificate BLOB NOT NULL,
            chain BLOB,
            seen_at TEXT NOT NULL
        )""")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("""
        CREATE TABLE document_counters (
            kind TEXT NOT NULL,
            issuer TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (kind, issuer, year)
        )""")
    db.execute("INSERT INTO document_counters (kind, issuer, year, last) "
               "SELECT 'notice', issuer, year, last FROM number_counters")
    for column in ("issuer TEXT", "year INTEGER", "seq INTEGER", "subject TEXT", "content TEXT",
                   "content_sha256 TEXT", "signer_fingerprint TEXT", "issued_on TEXT", "backdate_reason TEXT",
                   "qr TEXT"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column}")
    db.execute("CREATE UNIQUE INDEX documents_number ON documents(number)")
    db.execute("CREATE UNIQUE INDEX documents_series ON documents(kind, issuer, year, seq)")
    db.execute("ALTER TABLE inspectors ADD COLUMN certificate BLOB")
    _audit_from_now(db, "agency_roots", "trust_roots", "certificates", "settings", "document_counters",
                    "documents", "inspectors")


def _v8(db: "Database") -> None:
    """Contract versions (issue: finalised months keep the contract version they were assessed under).

    Every stored contract keeps each accepted edit as a numbered version, never changed afterwards;
    a finalised month records the version it was assessed under. An older database kept no history, so
    each contract's current content becomes its version 1 and every finalised month is pointed at it:
    the best baseline available (an edit made before this upgrade cannot be told apart any more).
    """
    db.execute("""
        CREATE TABLE contract_versions (
            contract_id TEXT NOT NULL REFERENCES contracts(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            data TEXT NOT NULL,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (contract_id, version)
        )""")
    db.execute("""
        CREATE TRIGGER contract_versions_frozen BEFORE UPDATE ON contract_versions
        BEGIN SELECT RAISE(ABORT, 'a contract version is history'); END""")
    db.execute("""
        CREATE TRIGGER contract_versions_kept BEFORE DELETE ON contract_versions
        BEGIN SELECT RAISE(ABORT, 'a contract version is history'); END""")
    db.execute("ALTER TABLE months ADD COLUMN contract_version INTEGER")
    db.execute("INSERT INTO contract_versions (contract_id, version, data, at, who, summary) "
               "SELECT id, 1, data, updated_at, '（数据库升级）', '升级时的现行内容（此前的修改未留版本，以此为基线）' "
               "FROM contracts")
    db.execute("UPDATE months SET contract_version = 1 WHERE status = 'final'")
    _audit_from_now(db, "contract_versions", "months")


def _v9(db: "Database") -> None:
    """Documents received in audit bundles (issue: bundles a hostile file cannot abuse).

    Another office's issued documents arrive as copies marked with their sender, never as this office's
    notices or register entries (whose numbers, series and counters are this office's alone). A copy's
    PDF and identity are fixed; its notice state follows later bundles from the sender.
    """
    db.execute("""
        CREATE TABLE received_documents (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id),
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            issuer TEXT,
            year INTEGER,
            seq INTEGER,
            subject TEXT NOT NULL DEFAULT '',
            issued_on TEXT,
            period TEXT,
            status TEXT,
            lifecycle TEXT NOT NULL DEFAULT '{}',
            findings TEXT NOT NULL DEFAULT '[]',
            signer_fingerprint TEXT,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            pdf BLOB NOT NULL,
            sender TEXT NOT NULL,
            sender_fingerprint TEXT NOT NULL,
            received_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TRIGGER received_documents_frozen BEFORE UPDATE OF contract_id, kind, number, issuer, year, seq,
            subject, issued_on, period, signer_fingerprint, sha256, pdf, sender, sender_fingerprint
            ON received_documents
        BEGIN SELECT RAISE(ABORT, 'a received document is a copy'); END""")
    db.execute("""
        CREATE TRIGGER received_documents_kept BEFORE DELETE ON received_documents
        BEGIN SELECT RAISE(ABORT, 'a received document is a copy'); END""")
    _audit_from_now(db, "received_documents")


def _v10(db: "Database") -> None:
    """Tamper evidence a file copy cannot defeat (issue: trust; see auditor/anchors.py).

    The database's identity: a random id (the anchors outside the file are kept under it) and the salt of
    the short hashes that stand for ID numbers in the audit log; ``head_file`` turns 1 at the app's first
    transaction, from when the head file beside the database must exist; ``documents_before`` is the last
    document issued before signed heads existed (each one after has its own). ``signed_heads``: the
    (database id, entry, head) of the chain signed with the inspector's key, never changed afterwards.
    """
    import secrets
    import uuid

    db.execute("""
        CREATE TABLE database_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            database_id TEXT NOT NULL,
            salt TEXT NOT NULL,
            created_at TEXT NOT NULL,
            head_file INTEGER NOT NULL DEFAULT 0,
            documents_before INTEGER NOT NULL
        )""")
    db.execute("INSERT INTO database_identity (id, database_id, salt, created_at, documents_before) "
               "VALUES (1, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM documents))",
               [str(uuid.uuid4()), secrets.token_hex(16), dt.datetime.now().isoformat(timespec="seconds")])
    db.execute("""
        CREATE TRIGGER database_identity_frozen BEFORE UPDATE OF id, database_id, salt, created_at, documents_before
            ON database_identity
        BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END""")
    db.execute("""
        CREATE TRIGGER database_identity_kept BEFORE DELETE ON database_identity
        BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END""")
    db.execute("""
        CREATE TABLE signed_heads (
            id INTEGER PRIMARY KEY,
            database_id TEXT NOT NULL,
            entry INTEGER NOT NULL,
            head TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            purpose TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            certificate BLOB NOT NULL,
            chain BLOB,
            signature BLOB NOT NULL
        )""")
    db.execute("""
        CREATE TRIGGER signed_heads_frozen BEFORE UPDATE ON signed_heads
        BEGIN SELECT RAISE(ABORT, 'a signed head is history'); END""")
    db.execute("""
        CREATE TRIGGER signed_heads_kept BEFORE DELETE ON signed_heads
        BEGIN SELECT RAISE(ABORT, 'a signed head is history'); END""")
    _audit_from_now(db, "database_identity", "signed_heads")


def _v11(db: "Database") -> None:
    """Work orders (issue 16: indicators computed from the hotline's own records).

    ``measurements`` takes kind ``computed`` (a figure the records give: numerator and denominator, the
    file named with its SHA-256 in the note). SQLite cannot widen a CHECK in place, so the table is
    rebuilt with its rows and rowids (their sealed history still matches); ``measurement_events``, which
    cascades from it, is set aside and put back first, as it was. One import per month keeps its orders and
    excluded bad rows compressed in its own row (100,000 orders a month stay a few MB, and one audited row:
    the chain hashes the blob); each computed item keeps its figures and failing orders; the operator's
    figure for an item the records fill is kept apart, never lost.
    """
    events = db.execute("SELECT id, contract_id, period, code, seq, received_at, done_at FROM measurement_events"
                        ).fetchall()
    db.execute("DROP TABLE measurement_events")
    db.execute("""
        CREATE TABLE measurements_widened (
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('value', 'ratio', 'events', 'exempt', 'computed')),
            value TEXT,
            numerator TEXT,
            denominator TEXT,
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, code),
            FOREIGN KEY (contract_id, period) REFERENCES months(contract_id, period) ON DELETE CASCADE
        )""")
    columns = "contract_id, period, code, kind, value, numerator, denominator, reason, note, updated_at"
    db.execute(f"INSERT INTO measurements_widened (rowid, {columns}) SELECT rowid, {columns} FROM measurements")
    db.execute("DROP TABLE measurements")
    db.execute("ALTER TABLE measurements_widened RENAME TO measurements")
    db.execute("""
        CREATE TABLE measurement_events (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            done_at TEXT,
            FOREIGN KEY (contract_id, period, code)
                REFERENCES measurements(contract_id, period, code) ON DELETE CASCADE
        )""")
    db.execute("CREATE INDEX measurement_events_owner ON measurement_events(contract_id, period, code)")
    db.conn.executemany("INSERT INTO measurement_events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
    db.execute("""
        CREATE TABLE workorder_imports (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            evidence_id INTEGER REFERENCES evidence(id),
            sheet TEXT,
            columns TEXT NOT NULL,
            row_count INTEGER NOT NULL CHECK (row_count >= 0),
            excluded_count INTEGER NOT NULL DEFAULT 0 CHECK (excluded_count >= 0),
            orders BLOB NOT NULL,
            excluded BLOB NOT NULL,
            imported_at TEXT NOT NULL,
            UNIQUE (contract_id, period)
        )""")
    db.execute("""
        CREATE TABLE workorder_results (
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            import_id INTEGER NOT NULL REFERENCES workorder_imports(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('computed', 'empty', 'unavailable')),
            numerator INTEGER NOT NULL DEFAULT 0,
            denominator INTEGER NOT NULL DEFAULT 0,
            excluded TEXT NOT NULL DEFAULT '{}',
            reason TEXT NOT NULL DEFAULT '',
            months TEXT NOT NULL DEFAULT '[]',
            failing_count INTEGER NOT NULL DEFAULT 0,
            failing BLOB,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, code)
        )""")
    db.execute("""
        CREATE TABLE workorder_reported (
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('value', 'ratio', 'events')),
            value TEXT,
            numerator TEXT,
            denominator TEXT,
            note TEXT NOT NULL DEFAULT '',
            events TEXT NOT NULL DEFAULT '[]',
            set_at TEXT NOT NULL,
            PRIMARY KEY (contract_id, period, code),
            FOREIGN KEY (contract_id, period) REFERENCES months(contract_id, period) ON DELETE CASCADE
        )""")
    _audit_from_now(db, "measurements", "measurement_events", "workorder_imports", "workorder_results",
                    "workorder_reported")


def _v12(db: "Database") -> None:
    """Payments as they happen (issue 12: the money paths a real year takes).

    One row per paid installment: when, how much, the voucher (an evidence row), and the installment's
    figures as they stood when it was paid (JSON, with its SHA-256). A paid installment is frozen: the row
    is never changed or deleted; what changes later in its window is an adjustment on the next one.
    """
    db.execute("""
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            contract_id TEXT NOT NULL REFERENCES contracts(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            paid_on TEXT NOT NULL,
            amount TEXT NOT NULL,
            voucher_id INTEGER REFERENCES evidence(id),
            frozen TEXT NOT NULL,
            frozen_sha256 TEXT NOT NULL CHECK (length(frozen_sha256) = 64),
            recorded_at TEXT NOT NULL,
            UNIQUE (contract_id, number)
        )""")
    db.execute("""
        CREATE TRIGGER payments_frozen BEFORE UPDATE ON payments
        BEGIN SELECT RAISE(ABORT, 'a paid installment is frozen'); END""")
    db.execute("""
        CREATE TRIGGER payments_kept BEFORE DELETE ON payments
        BEGIN SELECT RAISE(ABORT, 'a paid installment is frozen'); END""")
    _audit_from_now(db, "payments")


# The steps in order, each under a name that never changes (sqlite-utils records applied steps by name).
STEPS: list[tuple[str, Migration]] = [
    ("0001_contracts_months_measurements", _v1),
    ("0002_evidence_findings", _v2),
    ("0003_personnel_submissions", _v3),
    ("0004_id_reveals", _v4),
    ("0005_notices_documents_identities", _v5),
    ("0006_audit_chain", _v6),
    ("0007_trust_register", _v7),
    ("0008_contract_versions", _v8),
    ("0009_received_documents", _v9),
    ("0010_anchors", _v10),
    ("0011_work_orders", _v11),
    ("0012_payments", _v12),
]
SCHEMA_VERSION = len(STEPS)
MIGRATION_SET = "auditor"
# The bookkeeping tables: sqlite-utils' (from schema 10 on; ``Migrations.migrations_table``), and the one
# the program kept before.
MIGRATIONS_TABLE = "_sqlite_migrations"
LEGACY_TABLE = "schema_migrations"
BOOKKEEPING = frozenset({MIGRATIONS_TABLE, LEGACY_TABLE})
_NUMBER = {name: number for number, (name, _) in enumerate(STEPS, 1)}


@functools.cache
def migrations() -> Migrations:
    """The steps as sqlite-utils' migration set, built (and sqlite-utils imported) when a step is pending."""
    from .sqlite_utils_import import load

    found: Migrations = load().Migrations(MIGRATION_SET)
    assert found.migrations_table == MIGRATIONS_TABLE
    for name, step in STEPS:
        found(name=name)(step)
    return found


def _tables(conn: "sqlite3.Connection") -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def version_of(conn: "sqlite3.Connection") -> int | None:
    """The schema version of a database file: how many of our steps it has (None: none, not ours).

    A step this program does not know (a newer program applied it) counts as beyond SCHEMA_VERSION."""
    tables = _tables(conn)
    version: int | None = None
    if LEGACY_TABLE in tables:
        version = conn.execute(f"SELECT MAX(version) FROM {LEGACY_TABLE}").fetchone()[0]
    if MIGRATIONS_TABLE in tables:
        names = [row[0] for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])]
        if names:
            unknown = [name for name in names if name not in _NUMBER]
            known = max((_NUMBER[name] for name in names if name in _NUMBER), default=0)
            version = max(version or 0, SCHEMA_VERSION + len(unknown) if unknown else known)
    return version


def current_version(db: "Database | Store") -> int:
    return version_of(db.conn) or 0


def _legacy_unrecorded(conn: "sqlite3.Connection") -> list[tuple[str, str]]:
    """(step name, applied at) of each version the earlier runner applied that sqlite-utils' table lacks."""
    tables = _tables(conn)
    if LEGACY_TABLE not in tables:
        return []
    recorded = set()
    if MIGRATIONS_TABLE in tables:
        recorded = {row[0] for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])}
    rows = conn.execute(f"SELECT version, applied_at FROM {LEGACY_TABLE} ORDER BY version").fetchall()
    return [(STEPS[number - 1][0], applied_at) for number, applied_at in rows
            if 1 <= number <= SCHEMA_VERSION and STEPS[number - 1][0] not in recorded]


def _bridge_legacy(db: "Database") -> None:
    """A database the earlier runner migrated: its applied versions recorded as sqlite-utils' steps, once.

    The legacy table stays (an old program opening the file must still see that it is newer)."""
    missing = _legacy_unrecorded(db.conn)
    if missing:
        with db.atomic():
            for name, applied_at in missing:
                db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                           [MIGRATION_SET, name, applied_at])


def _nothing_to_do(conn: "sqlite3.Connection", last: int) -> bool:
    """Plain SQL: sqlite-utils' table as it makes it (``id`` its key), our steps up to ``last`` recorded in it
    and the next one not, nothing of the earlier runner's left to record. Anything else is sqlite-utils' to
    handle (or to refuse), as it always was."""
    if MIGRATIONS_TABLE not in _tables(conn):
        return False
    keys = [row[1] for row in sorted(conn.execute(f"PRAGMA table_info({MIGRATIONS_TABLE})"), key=lambda r: r[5])
            if row[5]]
    if keys != ["id"] or _legacy_unrecorded(conn):
        return False
    recorded = {row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])}
    return ({name for name, _ in STEPS[:last]} <= recorded
            and (last == SCHEMA_VERSION or STEPS[last][0] not in recorded))


def _through_sqlite_utils(db: "Database | Store") -> Database:
    """sqlite-utils' Database over ``db``'s connection whose transactions are ``db``'s own (BEGIN IMMEDIATE,
    and the audit seal once installed); ``db`` itself when it is one already (the tests build old files so)."""
    from .sqlite_utils_import import load

    sqlite_utils = load()
    if isinstance(db, sqlite_utils.Database):
        return cast("Database", db)
    owner = db

    class _Steps(sqlite_utils.Database):  # type: ignore[misc,name-defined]  # a class of a module loaded late
        @contextlib.contextmanager
        def atomic(self) -> Iterator[Database]:
            with owner.atomic():
                yield self

    steps: Database = _Steps(owner.conn, execute_plugins=False)  # no third-party plugin on our connection
    return steps


def migrate(db: "Database | Store", target: int | None = None) -> int:
    """Apply pending steps (each in its own transaction, with its record) up to ``target``; return how many.

    Whether any is pending is read with plain SQL: sqlite-utils is imported only to apply one."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        from ..errors import StateError

        raise StateError(f"数据库版本（{version}）比本程序（{SCHEMA_VERSION}）新，请升级程序后再打开")
    last = target or SCHEMA_VERSION
    if _nothing_to_do(db.conn, last):
        return 0
    steps = _through_sqlite_utils(db)
    migrations().ensure_migrations_table(steps)
    _bridge_legacy(steps)
    migrations().apply(steps, stop_before=STEPS[last][0] if last < SCHEMA_VERSION else None)
    return current_version(db) - version
