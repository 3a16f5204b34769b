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

A head file can be deleted or copied with an older database: ``anchors.py``
also keeps (database id, count, head) outside the file, where a copy does not
reach, and stores heads signed by the inspector's key, which a consistent
rewrite of rows, chain, head file and anchor cannot reproduce. Verification
also re-hashes every evidence file and re-verifies every stored signed PDF.

ID numbers are never sealed in the clear: in ``old``/``new`` each is replaced
by its mask and a short salted hash (``id_reference``). The row hash is still
over the full row, so a changed number is found. Entries sealed before schema
10 keep what they had: the chain forbids rewriting them.
"""
from __future__ import annotations

import contextlib
import getpass
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .hashing import file_sha256, json_sha256
from .storage.migrations import NOT_AUDITED

if TYPE_CHECKING:
    from cryptography.x509 import Certificate

    from .storage.db import Database

GENESIS = "0" * 64


@dataclass
class AuditReport:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    first_broken: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def audited_tables(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                     "ORDER BY name") if r[0] not in NOT_AUDITED]


def row_hash(db: Database, table: str, row_id: int) -> str | None:
    cursor = db.execute(f"SELECT * FROM {table} WHERE rowid = ?", [row_id])
    row = cursor.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cursor.description]
    return _hash_row(names, row)


def _hash_row(names: Sequence[str], row: Sequence[Any]) -> str:
    values = {}
    for name, value in zip(names, row):
        values[name] = {"blob": hashlib.sha256(value).hexdigest()} if isinstance(value, (bytes, memoryview)) else value
    return json_sha256(values, sort_keys=True)


def entry_hash(prev: str, at: str, who: str, tbl: str, row_id: int, op: str, old: str | None, new: str | None,
               rhash: str | None, external: int) -> str:
    return json_sha256([prev, at, who, tbl, row_id, op, old, new, rhash, external], sort_keys=False)


def _head(db: Database) -> str:
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def has_audit(db: Database) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone() is not None


# A column holding an ID number whatever it looks like, and ID-like digit runs anywhere else: 15 to 18
# characters (old 15-digit numbers, a mistyped 17), not part of a longer word or number.
ID_COLUMNS = {"id_number"}
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])[0-9]{14,17}[0-9Xx](?![0-9A-Za-z])")
TAG_DIGITS = 4


def id_reference(db: Database, number: str) -> str:
    """How the log writes ``number``: its mask and a short hash salted per database (``4101**********123X#3fa9``).

    The hash is cut to 16 bits on purpose: the mask leaves about 3 million candidate numbers, so anyone
    with the database (and its salt) finds ~45 that fit, never the one; with the number in hand, one can
    still find the entries about that person (``audit_log.old/new LIKE '%' || reference || '%'``)."""
    return _reference(number, _salt(db))


def _salt(db: Database) -> bytes | None:
    from .anchors import identity

    found = identity(db)
    return bytes.fromhex(found.salt) if found else None


def _reference(number: str, salt: bytes | None) -> str:
    from .idcard import mask, normalize

    value = normalize(number) or str(number)
    if salt is None:  # sealed before the upgrade that gave the database its salt: the mask alone
        return mask(value)
    return f"{mask(value)}#{hmac.new(salt, value.encode('utf-8'), hashlib.sha256).hexdigest()[:TAG_DIGITS]}"


def _private(text: str | None, salt: bytes | None) -> str | None:
    """``text`` (a row as JSON) with every ID number replaced by its reference; unchanged text stays as it was."""
    if not text or not any(ch.isdigit() for ch in text):
        return text

    def scrub(value: str) -> str:
        return _ID_LIKE.sub(lambda m: _reference(m.group(), salt), value)

    try:
        row = json.loads(text)
    except ValueError:
        return scrub(text)
    changed = False

    def clean(key: str | None, value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str) and value:
            new = _reference(value, salt) if key in ID_COLUMNS else scrub(value)
            changed = changed or new != value
            return new
        if isinstance(value, dict):
            return {k: clean(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(None, v) for v in value]
        return value

    cleaned = clean(None, row)
    return json.dumps(cleaned, ensure_ascii=False, separators=(",", ":")) if changed else text


# Called at the start of every write transaction of the program (``seal(external=True)``): the app sets it
# while the full check started at launch runs, so that no write is made before its result is known.
_write_gate: Callable[[], None] | None = None


def set_write_gate(gate: Callable[[], None] | None) -> None:
    """``gate()`` returns when the program may write (the app: once the user has the verification's result)."""
    global _write_gate
    _write_gate = gate


def write_gate() -> Callable[[], None] | None:
    return _write_gate


def seal(db: Database, who: str | None = None, external: bool = False) -> int:
    """Move pending entries into the chain (inside the caller's transaction). Returns how many."""
    if external and _write_gate is not None:
        _write_gate()
    pending = db.execute("SELECT id, tbl, row_id, op, old, new, at FROM audit_pending ORDER BY id").fetchall()
    if not pending:
        return 0
    who = who or (getpass.getuser() if not external else "（程序之外）")
    prev = _head(db)
    flag = int(external)
    salt = _salt(db)
    for _pid, tbl, row_id, op, old, new, at in pending:
        old, new = _private(old, salt), _private(new, salt)
        rhash = None if op == "delete" else row_hash(db, tbl, row_id)
        digest = entry_hash(prev, at, who, tbl, row_id, op, old, new, rhash, flag)
        db.execute("INSERT INTO audit_log (at, who, tbl, row_id, op, old, new, row_hash, external, prev_hash, hash) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", [at, who, tbl, row_id, op, old, new, rhash, flag, prev, digest])
        prev = digest
    db.execute("DELETE FROM audit_pending WHERE id <= ?", [pending[-1][0]])
    return len(pending)


def write_head(db: Database, path: Path | None) -> None:
    if path is None:
        return
    write_head_value(head_file(path), _head(db))


def write_head_value(target: Path, head: str) -> None:
    import os

    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(head + "\n", encoding="ascii")
        os.replace(temporary, target)  # atomic: a crash leaves the old head or the new one, never half
    except OSError:
        pass  # verification reports a missing or stale head


def before_commit(db: Database, path: Path | None) -> None:
    """The end of each of the app's transactions, inside it: the head file is kept from now on; seal."""
    if path is not None:
        from .anchors import mark_head_file

        mark_head_file(db)
    seal(db)


def after_commit(db: Database, path: Path | None) -> None:
    """After each of the app's commits: the head beside the database, the anchor outside it."""
    from .anchors import record

    write_head(db, path)
    record(db, path)


def head_file(path: Path) -> Path:
    return path.with_name(path.name + ".audit-head")


TABLE_LABELS = {"contracts": "合同", "months": "月度", "measurements": "指标录入", "measurement_events": "事件日志",
                "headcounts": "人员配置", "findings": "问题", "notices": "整改通知书", "documents": "文书",
                "imports": "导入文件", "evidence": "证据", "inspectors": "检查人员", "submissions": "报送记录",
                "agency_roots": "本单位根证书", "calendar_overrides": "节假日安排", "certificates": "证书",
                "column_maps": "列对应", "commitments": "保密承诺", "confidentiality_checks": "保密检查",
                "contract_versions": "合同版本", "database_identity": "数据库标识", "departure_approvals": "离职批准",
                "document_counters": "文号计数", "id_reveals": "身份证号查看记录", "month_history": "月度记录变更",
                "notice_findings": "通知书所列问题", "number_counters": "文号计数（旧）", "payments": "付款登记",
                "received_documents": "收到的文书", "settings": "设置", "signed_heads": "签名的审计链头",
                "spot_checks": "现场抽查", "spot_marks": "抽查记录", "staffing_changes": "人员配置变更",
                "trust_roots": "信任的根证书", "workorder_imports": "工单导入", "workorder_reported": "乙方自报数据",
                "workorder_results": "工单计算结果"}


def change_stamp(db: Database) -> tuple[int, ...]:
    """Moves with every write this connection can see: another connection's commit (SQLite's data_version),
    and this connection's own writes (sealed into the chain, or pending from the triggers). A cache of
    figures read from the database is valid while it stays the same."""
    version = db.execute("PRAGMA data_version").fetchone()[0]
    if not has_audit(db):
        return (version,)
    logged = db.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
    pending = db.execute("SELECT max(id) FROM audit_pending").fetchone()[0] or 0
    return (version, logged, pending)


def recent(db: Database, limit: int) -> list[tuple[int, str, str, str, int, str, bool]]:
    """The last ``limit`` entries of the history, oldest first: (id, at, who, table, row id, op, external)."""
    rows = db.execute("SELECT id, at, who, tbl, row_id, op, external FROM audit_log ORDER BY id DESC LIMIT ?",
                      [limit]).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in reversed(rows)]


def _label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def verify(db: Database, path: Path | None = None, *, evidence_dir: Path | None = None, deep: bool = False,
           certificates: Sequence[Certificate] = ()) -> AuditReport:
    """Check the chain, outside edits, every row against its last sealed state, the sealed contents, the
    head file, the anchors outside the database and the signed heads; with ``deep`` also re-hash every
    evidence file and re-verify every stored signed PDF (``audit verify``: seconds with many files).
    ``certificates``: the inspector's (or the agency root) certificate of whoever checks the signed heads."""
    from . import anchors

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
            report.problems.append(_external(at, tbl, row_id, op))
        latest[(tbl, row_id)] = (op, rhash)
    report.problems += _pending_problems(db)
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
                report.problems.append(f"{_label(table)}（{table} 第 {row[0]} 行）与审计日志记录的内容不同："
                                       "在程序之外被修改")
        for (tbl, row_id), (op, _) in latest.items():
            if tbl == table and op != "delete" and row_id not in present and (tbl, row_id) not in pending:
                report.problems.append(f"{_label(table)}（{table} 第 {row_id} 行）已不存在，但审计日志中没有删除记录")
    if path is not None:
        report.problems += _head_file_problems(db, path, seen_hashes, report.entries)
    report.problems += anchors.problems(db, path)
    roots = _trusted_roots(db)
    report.problems += anchors.signed_head_problems(db, roots, certificates)
    report.problems += sealed_content_problems(db)
    if deep:
        report.problems += evidence_problems(db, evidence_dir)
        report.problems += signed_document_problems(db, roots)
    return report


# ------------------------------------------------------------------ start-up: what changed since the last full check

@dataclass(frozen=True)
class Checkpoint:
    """A full check found the chain intact up to entry ``count`` (hash ``head``), ``external`` of them made
    outside the program. Kept outside the database (``anchors.checkpoint``), beside the anchor."""
    count: int
    head: str
    external: int = 0


def verify_since(db: Database, path: Path | None, checkpoint: Checkpoint | None) -> AuditReport:
    """The check before the app's first paint: its cost follows what changed since the last full check,
    not the size of the history.

    The entries sealed since the checkpoint (their chain from its head, and the rows they touched), the
    entries still pending, the head file and the anchors. An older row no entry touched since is read again
    by the full check (``verify_full``), which the app runs next on a worker while every write waits for
    its result (``set_write_gate``): an old row edited outside the program, triggers dropped, is reported
    before anything is saved. Without a checkpoint (a database new to this machine, or a state file that was
    removed) no entry is walked here: the full check on the worker reads them all, before any write."""
    from . import anchors

    report = AuditReport()
    if not has_audit(db):
        report.problems.append("数据库没有审计日志（版本过旧）")
        return report
    start, prev = anchors.last_entry(db) if checkpoint is None else (0, GENESIS)
    report.entries = start
    if checkpoint is not None:
        if anchors.reaches(db, checkpoint.count, checkpoint.head):
            start, prev = checkpoint.count, checkpoint.head
            report.entries = checkpoint.count
            if checkpoint.external:
                report.problems += [_external(at, tbl, row_id, op) for at, tbl, row_id, op in db.execute(
                    "SELECT at, tbl, row_id, op FROM audit_log WHERE external = 1 AND id <= ? ORDER BY id",
                    [start])]
        else:
            report.first_broken = checkpoint.count
            report.problems.append(f"审计日志第 {checkpoint.count} 条已不是上次完整核验（本机记录的链头 "
                                   f"{checkpoint.head[:16]}…）时的样子：此前的记录被改动、删除，或日志被截断")
    touched: dict[tuple[str, int], tuple[str, str | None]] = {}
    last = prev
    for entry in db.execute("SELECT id, at, who, tbl, row_id, op, old, new, row_hash, external, prev_hash, hash "
                            "FROM audit_log WHERE id > ? ORDER BY id", [start]):
        eid, at, who, tbl, row_id, op, old, new, rhash, external, prev_hash, digest = entry
        report.entries += 1
        if report.first_broken is None and (
                prev_hash != prev or digest != entry_hash(prev, at, who, tbl, row_id, op, old, new, rhash, external)):
            report.first_broken = eid
            report.problems.append(f"审计日志第 {eid} 条之处链条断裂：该条或其前一条记录被改动或删除")
        prev = last = digest
        if external:
            report.problems.append(_external(at, tbl, row_id, op))
        touched[(tbl, row_id)] = (op, rhash)
    report.problems += _pending_problems(db)
    pending = {(t, r) for t, r in db.execute("SELECT tbl, row_id FROM audit_pending")}
    audited = set(audited_tables(db))
    for (tbl, row_id), (op, rhash) in touched.items():
        if (tbl, row_id) in pending or tbl not in audited:
            continue
        current = row_hash(db, tbl, row_id)
        if op == "delete" and current is not None:
            report.problems.append(f"{_label(tbl)}（{tbl} 第 {row_id} 行）不在审计日志中：可能在程序之外写入")
        elif op != "delete" and current is None:
            report.problems.append(f"{_label(tbl)}（{tbl} 第 {row_id} 行）已不存在，但审计日志中没有删除记录")
        elif op != "delete" and current != rhash:
            report.problems.append(f"{_label(tbl)}（{tbl} 第 {row_id} 行）与审计日志记录的内容不同：在程序之外被修改")
    if path is not None:
        report.problems += _head_file_problems(db, path, _Newest(db, last), report.entries)
    report.problems += anchors.problems(db, path)
    return report


class _Newest:
    """``head in chain`` for the head file without reading the chain: the newest head is the usual answer."""

    def __init__(self, db: Database, newest: str) -> None:
        self.db, self.newest = db, newest

    def __contains__(self, head: object) -> bool:
        return head == self.newest or self.db.execute("SELECT 1 FROM audit_log WHERE hash = ?", [head]).fetchone() \
            is not None


def verify_full(db: Database, path: Path | None, **options: Any) -> AuditReport:
    """``verify`` on one snapshot of the database (a read transaction: a writer elsewhere goes on), then,
    when the chain is intact, its end kept as the checkpoint the next start-up checks from."""
    from . import anchors

    with _read_snapshot(db):
        report = verify(db, path, **options)
        count, head = anchors.last_entry(db)
        external = db.execute("SELECT count(*) FROM audit_log WHERE external = 1").fetchone()[0] \
            if has_audit(db) else 0
    if has_audit(db) and report.first_broken is None:
        anchors.record_checkpoint(db, path, Checkpoint(count, head, int(external)))
    return report


@contextlib.contextmanager
def _read_snapshot(db: Database) -> Iterator[None]:
    """One read transaction: every query sees the same committed state (WAL: writers elsewhere go on)."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def _external(at: str, tbl: str, row_id: int, op: str) -> str:
    return f"{at} 在程序之外{_op(op)}了{_label(tbl)}（{tbl} 第 {row_id} 行）"


def _pending_problems(db: Database) -> list[str]:
    return [f"{at} 在程序之外{_op(op)}了{_label(tbl)}（{tbl} 第 {row_id} 行），尚未记入审计日志"
            for at, tbl, row_id, op in db.execute("SELECT at, tbl, row_id, op FROM audit_pending ORDER BY id")]


def _head_file_problems(db: Database, path: Path, seen_hashes: set[str] | _Newest, entries: int) -> list[str]:
    from .anchors import identity

    target = head_file(path)
    try:
        recorded = target.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        found = identity(db)
        if entries and found is not None and found.head_file:
            return [f"库旁的审计链头文件 {target.name} 不见了（{target.parent}）："
                    "可能被删除，以掩盖日志被截断或数据库被替换"]
        return []  # a database that never had one (new, or upgraded and not written to since)
    except (OSError, UnicodeDecodeError):
        return [f"库旁的审计链头文件 {target} 无法读取：已损坏或被改动"]
    if recorded and recorded not in seen_hashes:
        return ["审计日志的末尾与库旁记录的链头不符：日志可能被截断或整体重写"]
    return []


def _trusted_roots(db: Database) -> list[Certificate]:
    """The roots this database trusts; one that does not parse trusts nothing."""
    from .errors import InputError
    from .pki import load_certificate

    roots = []
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'trust_roots'").fetchone():
        for (der,) in db.execute("SELECT certificate FROM trust_roots ORDER BY added_at, fingerprint"):
            try:
                roots.append(load_certificate(bytes(der)))
            except (InputError, TypeError):
                continue
    return roots


_HEX64 = re.compile(r"[0-9a-f]{64}")


def evidence_problems(db: Database, folder: Path | None) -> list[str]:
    """Every evidence file still where the store keeps it, with the SHA-256 recorded when it was added."""
    if folder is None:
        return []
    problems = []
    checked: dict[tuple[str, int], str | None] = {}
    for eid, contract, period, code, filename, sha, size in db.execute(
            "SELECT id, contract_id, period, code, filename, sha256, size FROM evidence ORDER BY id"):
        item = f"{contract} {period} {code or '（未指定指标）'} 的证据“{filename}”（证据第 {eid} 号）"
        if not isinstance(sha, str) or not _HEX64.fullmatch(sha):
            problems.append(f"{item} 记录的校验值无效：证据记录被改动")
            continue
        path = folder / sha[:2] / sha
        if (sha, size) not in checked:
            checked[(sha, size)] = _evidence_state(path, sha, size)
        state = checked[(sha, size)]
        if state == "missing":
            problems.append(f"{item} 的文件不见了（{path}）")
        elif state == "changed":
            problems.append(f"{item} 的文件被改动：内容与登记时的 SHA-256 不符（{path}）")
    return problems


def _evidence_state(path: Path, sha: str, size: object) -> str | None:
    try:
        if not path.is_file():
            return "missing"
        if path.stat().st_size != size:
            return "changed"
        computed = file_sha256(path)
    except OSError:
        return "missing"
    return None if computed == sha else "changed"


def signed_document_problems(db: Database, roots: Sequence[Certificate]) -> list[str]:
    """Every stored signed PDF verified again: intact (valid or untrusted), never altered."""
    from .documents.signing import verify_pdf

    def registered(number: str) -> bytes | None:
        row = db.execute("SELECT pdf FROM documents WHERE number = ?", [number]).fetchone()
        return bytes(row[0]) if row else None

    problems = []
    for number, pdf, signer in db.execute("SELECT number, pdf, signer_fingerprint FROM documents WHERE signed = 1 "
                                          "ORDER BY id").fetchall():
        result = verify_pdf(bytes(pdf), roots, registered)
        if result.outcome == "altered":
            problems.append(f"已签发文书 {number} 的签名验证未通过，文件在签名后被改动：{'；'.join(result.problems)}")
        elif result.outcome == "unsigned" and signer:
            problems.append(f"已签发文书 {number} 登记为已签名，存储的文件中却没有签名：{'；'.join(result.problems)}")
    return problems


def _op(op: str) -> str:
    return {"insert": "新增", "update": "修改", "delete": "删除", "baseline": "建立基线"}[op]


def month_digest(db: Database, contract_id: str, period: str) -> str:
    """SHA-256 of a month's recorded content (what finalising seals)."""
    parts = []
    for table, columns in (("months", "incidents, late_days"),
                           ("measurements", "code, kind, value, numerator, denominator, reason, note"),
                           ("measurement_events", "code, seq, received_at, done_at"),
                           ("headcounts", "role, average")):
        rows = db.execute(f"SELECT {columns} FROM {table} WHERE contract_id = ? AND period = ? ORDER BY 1, 2",
                          [contract_id, period]).fetchall()
        parts.append([list(r) for r in rows])
    return json_sha256(parts, sort_keys=False)


def rows_digest(db: Database, import_id: int) -> str:
    """The seal of an import's rows (``imports.rows_sha256``) as they are in the database now."""
    rows = db.execute("SELECT row_no, data FROM import_rows WHERE import_id = ? ORDER BY row_no", [import_id])
    return hashlib.sha256(rows_text(rows).encode()).hexdigest()


def rows_text(rows: Iterable[tuple[int, str]]) -> str:
    """What the seal of an import's rows hashes: each row as its number, a tab, its stored text and a newline,
    in row order. Storing computes it from the rows it writes (the same text ``rows_digest`` reads back)."""
    return "".join([f"{row_no}\t{data}\n" for row_no, data in rows])


def sealed_content_problems(db: Database) -> list[str]:
    problems = []
    for contract_id, period, sealed in db.execute(
            "SELECT contract_id, period, sealed_sha256 FROM months WHERE status = 'final'"):
        if sealed and month_digest(db, contract_id, period) != sealed:
            problems.append(f"已定稿的 {contract_id} {period} 内容与定稿时封存的不同")
    for _doc_id, number, sha, pdf in db.execute("SELECT id, number, sha256, pdf FROM documents"):
        if hashlib.sha256(pdf).hexdigest() != sha:
            problems.append(f"已签发文书 {number} 的内容与签发时不同")
    for import_id, kind, sealed in db.execute("SELECT id, kind, rows_sha256 FROM imports"):
        if sealed and rows_digest(db, import_id) != sealed:
            problems.append(f"导入的{kind}（第 {import_id} 次导入）数据行被改动")
    return problems
