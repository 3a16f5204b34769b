"""History that cannot be rewritten unnoticed (issue: trust).

Every change to the audited tables is copied by SQLite triggers into
``audit_pending``. At the end of each of the app's own transactions the pending
entries are *sealed* into ``audit_log``: each entry carries who, when, the
table and row, old → new, the SHA-256 of the row's full content after the
change, the hash of the previous entry and its own hash. The newest hash is
also written beside the database (``<db>.audit-head``).

Entries still pending when the app starts a transaction were made by someone
else (the sqlite3 shell, another program): they are sealed as *external* and
reported for ever. Verification also re-hashes every current row and compares
it with its last sealed state, so an edit made after dropping the triggers is
found too; a changed or deleted log entry breaks the chain; a truncated log no
longer contains the head recorded beside the database.

Without a secret, someone who rewrites the rows, the whole chain and the head
file consistently cannot be told apart from the app; signed documents and
exported bundles (signed) are the anchor outside the file.
"""
from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .storage.migrations import NOT_AUDITED

GENESIS = "0" * 64


@dataclass
class AuditReport:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    first_broken: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def audited_tables(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                     "ORDER BY name") if r[0] not in NOT_AUDITED]


def row_hash(db, table: str, row_id: int) -> str | None:
    cursor = db.execute(f"SELECT * FROM {table} WHERE rowid = ?", [row_id])
    row = cursor.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cursor.description]
    return _hash_row(names, row)


def _hash_row(names, row) -> str:
    values = {}
    for name, value in zip(names, row):
        values[name] = {"blob": hashlib.sha256(value).hexdigest()} if isinstance(value, (bytes, memoryview)) else value
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def entry_hash(prev: str, at: str, who: str, tbl: str, row_id: int, op: str, old, new, rhash, external: int) -> str:
    payload = json.dumps([prev, at, who, tbl, row_id, op, old, new, rhash, external], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _head(db) -> str:
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def has_audit(db) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone() is not None


def seal(db, who: str | None = None, external: bool = False) -> int:
    """Move pending entries into the chain (inside the caller's transaction). Returns how many."""
    pending = db.execute("SELECT id, tbl, row_id, op, old, new, at FROM audit_pending ORDER BY id").fetchall()
    if not pending:
        return 0
    who = who or (getpass.getuser() if not external else "（程序之外）")
    prev = _head(db)
    flag = int(external)
    for pid, tbl, row_id, op, old, new, at in pending:
        rhash = None if op == "delete" else row_hash(db, tbl, row_id)
        digest = entry_hash(prev, at, who, tbl, row_id, op, old, new, rhash, flag)
        db.execute("INSERT INTO audit_log (at, who, tbl, row_id, op, old, new, row_hash, external, prev_hash, hash) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", [at, who, tbl, row_id, op, old, new, rhash, flag, prev, digest])
        prev = digest
    db.execute("DELETE FROM audit_pending WHERE id <= ?", [pending[-1][0]])
    return len(pending)


def write_head(db, path: Path | None) -> None:
    if path is None:
        return
    import os

    target = head_file(path)
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(_head(db) + "\n", encoding="ascii")
        os.replace(temporary, target)  # atomic: a crash leaves the old head or the new one, never half
    except OSError:
        pass  # verification reports a missing or stale head


def head_file(path: Path) -> Path:
    return path.with_name(path.name + ".audit-head")


TABLE_LABELS = {"contracts": "合同", "months": "月度", "measurements": "指标录入", "measurement_events": "事件日志",
                "headcounts": "人员配置", "findings": "问题", "notices": "整改通知书", "documents": "文书",
                "imports": "导入文件", "evidence": "证据", "inspectors": "检查人员", "submissions": "报送记录"}


def _label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def verify(db, path: Path | None = None) -> AuditReport:
    """Check the chain, outside edits, every row against its last sealed state, and the sealed contents."""
    report = AuditReport()
    if not has_audit(db):
        report.problems.append("数据库没有审计日志（版本过旧）")
        return report
    prev = GENESIS
    latest: dict[tuple[str, int], tuple[str, str | None]] = {}
    seen_hashes = set()
    for entry in db.execute("SELECT id, at, who, tbl, row_id, op, old, new, row_hash, external, prev_hash, hash "
                            "FROM audit_log ORDER BY id"):
        eid, at, who, tbl, row_id, op, old, new, rhash, external, prev_hash, digest = entry
        report.entries += 1
        expected = entry_hash(prev, at, who, tbl, row_id, op, old, new, rhash, external)
        if prev_hash != prev or digest != expected:
            if report.first_broken is None:
                report.first_broken = eid
                report.problems.append(f"审计日志第 {eid} 条之处链条断裂：该条或其前一条记录被改动或删除")
            prev = digest
        else:
            prev = digest
        seen_hashes.add(digest)
        if external:
            report.problems.append(f"{at} 在程序之外{_op(op)}了{_label(tbl)}（{tbl} 第 {row_id} 行）")
        latest[(tbl, row_id)] = (op, rhash)
    for at, tbl, row_id, op in db.execute("SELECT at, tbl, row_id, op FROM audit_pending ORDER BY id"):
        report.problems.append(f"{at} 在程序之外{_op(op)}了{_label(tbl)}（{tbl} 第 {row_id} 行），尚未记入审计日志")
    pending = {(t, r) for t, r in db.execute("SELECT tbl, row_id FROM audit_pending")}
    for table in audited_tables(db):
        cursor = db.execute(f"SELECT rowid, * FROM {table}")
        names = [d[0] for d in cursor.description][1:]
        present = set()
        for row in cursor:
            key = (table, row[0])
            present.add(row[0])
            if key in pending:
                continue
            sealed = latest.get(key)
            current = _hash_row(names, row[1:])
            if sealed is None or sealed[0] == "delete":
                report.problems.append(f"{_label(table)}（{table} 第 {row[0]} 行）不在审计日志中：可能在程序之外写入")
            elif sealed[1] != current:
                report.problems.append(f"{_label(table)}（{table} 第 {row[0]} 行）与审计日志记录的内容不同：在程序之外被修改")
        for (tbl, row_id), (op, _) in latest.items():
            if tbl == table and op != "delete" and row_id not in present and (tbl, row_id) not in pending:
                report.problems.append(f"{_label(table)}（{table} 第 {row_id} 行）已不存在，但审计日志中没有删除记录")
    if path is not None and head_file(path).exists():
        recorded = head_file(path).read_text(encoding="ascii").strip()
        if recorded and recorded not in seen_hashes:
            report.problems.append("审计日志的末尾与库旁记录的链头不符：日志可能被截断或整体重写")
    report.problems += sealed_content_problems(db)
    return report


def _op(op: str) -> str:
    return {"insert": "新增", "update": "修改", "delete": "删除", "baseline": "建立基线"}[op]


def month_digest(db, contract_id: str, period: str) -> str:
    """SHA-256 of a month's recorded content (what finalising seals)."""
    parts = []
    for table, columns in (("months", "incidents, late_days"),
                           ("measurements", "code, kind, value, numerator, denominator, reason, note"),
                           ("measurement_events", "code, seq, received_at, done_at"),
                           ("headcounts", "role, average")):
        rows = db.execute(f"SELECT {columns} FROM {table} WHERE contract_id = ? AND period = ? ORDER BY 1, 2",
                          [contract_id, period]).fetchall()
        parts.append([list(r) for r in rows])
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


def rows_digest(db, import_id: int) -> str:
    digest = hashlib.sha256()
    for row_no, data in db.execute("SELECT row_no, data FROM import_rows WHERE import_id = ? ORDER BY row_no",
                                   [import_id]):
        digest.update(f"{row_no}\t{data}\n".encode())
    return digest.hexdigest()


def sealed_content_problems(db) -> list[str]:
    problems = []
    for contract_id, period, sealed in db.execute(
            "SELECT contract_id, period, sealed_sha256 FROM months WHERE status = 'final'"):
        if sealed and month_digest(db, contract_id, period) != sealed:
            problems.append(f"已定稿的 {contract_id} {period} 内容与定稿时封存的不同")
    for doc_id, number, sha, pdf in db.execute("SELECT id, number, sha256, pdf FROM documents"):
        if hashlib.sha256(pdf).hexdigest() != sha:
            problems.append(f"已签发文书 {number} 的内容与签发时不同")
    for import_id, kind, sealed in db.execute("SELECT id, kind, rows_sha256 FROM imports"):
        if sealed and rows_digest(db, import_id) != sealed:
            problems.append(f"导入的{kind}（第 {import_id} 次导入）数据行被改动")
    return problems
