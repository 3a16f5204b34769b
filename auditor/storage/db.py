"""Opening the database: one SQLite file, foreign keys on, WAL, migrated, seeded."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..calendar import WorkCalendar
from ..errors import InputError, StateError
from .migrations import LEGACY_TABLE, MIGRATION_SET, MIGRATIONS_TABLE, migrate

if TYPE_CHECKING:
    from cryptography.x509 import Certificate

    from ..audit import AuditReport
    from .contracts_repo import ContractsRepo
    from .evidence_repo import EvidenceRepo
    from .findings_repo import FindingsRepo
    from .months_repo import MonthsRepo
    from .notices_repo import NoticesRepo
    from .payments_repo import PaymentsRepo
    from .personnel_repo import PersonnelRepo
    from .register_repo import RegisterRepo
    from .trust_repo import TrustRepo
    from .workorders_repo import WorkOrdersRepo

# How long a write waits for another writer (the app, another command) before giving up, in seconds.
BUSY_TIMEOUT = 10.0


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added (the DB-API leaves it None after other statements)."""
    if cursor.lastrowid is None:
        raise RuntimeError("INSERT did not report the new row's id")
    return cursor.lastrowid


class DatabaseBusyError(StateError):
    """Another program kept the database busy for longer than BUSY_TIMEOUT: nothing was changed."""


def _is_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED, from sqlite3 or sqlcipher3 (each has its own exception classes)."""
    return type(exc).__name__ == "OperationalError" and ("locked" in str(exc) or "busy" in str(exc))


def _busy_error(path: str | Path | None) -> DatabaseBusyError:
    name = f"数据库 {Path(path).name}" if path and str(path) != ":memory:" else "数据库"
    return DatabaseBusyError(f"{name} 正被另一个程序（或本程序的另一个窗口）写入，等待 {BUSY_TIMEOUT:g} 秒后仍未结束；"
                             "未做任何修改，请稍后再试")


def _file_of(conn: sqlite3.Connection) -> str | None:
    with contextlib.suppress(Exception):
        name: str | None = conn.execute("PRAGMA database_list").fetchone()[2]
        return name or None
    return None


_savepoints = itertools.count(1)


class Database:
    """A connection with what the program asks of it: ``execute``, ``atomic``, ``table_names``, ``close``.

    These are sqlite-utils' ``Database`` methods of the same names and meaning, kept here so that opening a
    database does not import sqlite-utils (~50 ms: click, dateutil, plugin entry points), which only the
    migrations need (``migrations.migrate`` brings it in when a step is pending). The connection is in
    autocommit mode (``isolation_level=None``): a transaction is only what ``atomic`` opens.

    The outermost ``atomic`` is ``BEGIN IMMEDIATE``: a plain ``BEGIN`` reads first and asks for the write lock
    later; if another writer commits in between, SQLite fails at once ("database is locked") instead of
    waiting. IMMEDIATE takes the write lock at the start, so a second writer waits (busy_timeout) and then
    goes ahead. A nested one is a savepoint.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        if conn.isolation_level is not None:
            raise ValueError("the connection must be in autocommit mode (isolation_level=None)")
        self.conn = conn
        self.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it: REPLACE fires DELETE triggers

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()

    def rollback(self) -> None:
        """Roll back the open transaction, if any (an error may already have ended it)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except Exception as exc:  # noqa: BLE001 — sqlcipher3 has its own OperationalError
            if _is_busy(exc):
                raise _busy_error(_file_of(self.conn)) from None
            raise
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            if _is_busy(exc):
                raise _busy_error(_file_of(self.conn)) from None
            raise

    def _savepoint(self) -> Iterator[Database]:
        name = f"auditor_{next(_savepoints)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:  # a RAISE(ROLLBACK) trigger may have ended the whole transaction
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")


class Store:
    """The application's database. Every multi-row write is one transaction."""

    def __init__(self, db: Database, path: Path | None, evidence_dir: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.key: str | None = None
        self._placed: list[Path] = []  # evidence files the current transaction put in place
        self._scratch: Callable[[], object] | None = None
        if evidence_dir is None:
            if path is None:  # an in-memory database: its evidence in a folder of its own, gone with it
                import shutil
                import tempfile
                import weakref

                evidence_dir = Path(tempfile.mkdtemp(prefix="auditor-evidence-"))
                self._scratch = weakref.finalize(self, shutil.rmtree, evidence_dir, ignore_errors=True)
            else:
                evidence_dir = path.with_name(path.stem + "-evidence")
        self.evidence_dir = evidence_dir

    def close(self) -> None:
        try:
            self.db.close()
        except Exception:  # noqa: BLE001 — closing twice is harmless
            pass
        if self._scratch is not None:
            self._scratch()  # an in-memory database's evidence folder (once; also at exit if never closed)

    def sibling(self) -> Store:
        """Another connection to the same database file, for a worker thread: its transactions are its own
        (an edit made in the window while an import runs is not swept into the import's transaction)."""
        if self.path is None:
            raise StateError("内存数据库只有一个连接")
        try:
            conn = _connect(str(self.path), self.key)
        except Exception as exc:  # noqa: BLE001 — sqlcipher3 has its own exception classes
            if _is_busy(exc):
                raise _busy_error(self.path) from None
            raise
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
        store = Store(db, self.path, self.evidence_dir)
        store.key = self.key
        store.install_sealing()
        return store

    def install_sealing(self) -> None:
        """Every outermost transaction seals what it changed into the audit chain before it commits.

        Anything already pending when the app's transaction starts was written by someone else."""
        from .. import audit

        original = self.db.atomic

        @contextlib.contextmanager
        def atomic() -> Iterator[Database]:
            outermost = not self.db.conn.in_transaction
            if outermost:
                self._placed = []
                gate = audit.write_gate()
                if gate is not None:  # wait for the start-up check before taking the write lock, not holding it
                    gate()
            try:
                with original() as db:
                    if outermost:
                        audit.seal(db, external=True)
                    yield db
                    if outermost:
                        audit.before_commit(db, self.path)
            except BaseException:
                if outermost:
                    self._remove_unreferenced(self._placed)
                raise
            if outermost:
                audit.after_commit(self.db, self.path)  # the head file, and the anchor outside the file

        self.db.atomic = atomic  # type: ignore[method-assign]  # this instance only: every caller seals

    def placed(self, path: Path) -> None:
        """An evidence file this transaction put in place: removed again if the transaction rolls back."""
        if self.db.conn.in_transaction:
            self._placed.append(path)

    def _remove_unreferenced(self, paths: Sequence[Path]) -> None:
        for path in paths:
            referenced = self.db.execute("SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1", [path.name]).fetchone()
            if referenced is None:
                with contextlib.suppress(OSError):
                    path.unlink()

    def verify_audit(self, deep: bool = False, certificates: Sequence[Certificate] = ()) -> AuditReport:
        """``deep``: also re-hash every evidence file and re-verify every signed PDF (slow with many)."""
        from .. import audit

        return audit.verify(self.db, self.path, evidence_dir=self.evidence_dir, deep=deep, certificates=certificates)

    def calendar(self) -> WorkCalendar:
        """Working days; a year the package does not know counts once a day of it was entered with its notice."""
        rows = self.calendar_entries()
        return WorkCalendar({day: flag for day, flag, _ in rows}, {day.year for day, _, note in rows if note})

    def calendar_entries(self, year: int | None = None) -> list[tuple[dt.date, bool, str]]:
        """The working-day overrides (day, is a workday, the notice), of ``year`` or all, in date order."""
        rows = self.db.execute("SELECT day, is_workday, note FROM calendar_overrides ORDER BY day").fetchall()
        entries = [(dt.date.fromisoformat(day), bool(flag), note) for day, flag, note in rows]
        return [e for e in entries if year is None or e[0].year == year]

    def set_calendar_day(self, day: dt.date, is_workday: bool, note: str = "") -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO calendar_overrides (day, is_workday, note) VALUES (?, ?, ?)",
                            [day.isoformat(), int(is_workday), note])

    # repositories, imported lazily to keep this module small
    @property
    def contracts(self) -> ContractsRepo:
        from .contracts_repo import ContractsRepo

        return ContractsRepo(self)

    @property
    def months(self) -> MonthsRepo:
        from .months_repo import MonthsRepo

        return MonthsRepo(self)

    @property
    def evidence(self) -> EvidenceRepo:
        from .evidence_repo import EvidenceRepo

        return EvidenceRepo(self)

    @property
    def personnel(self) -> PersonnelRepo:
        from .personnel_repo import PersonnelRepo

        return PersonnelRepo(self)

    @property
    def trust(self) -> TrustRepo:
        from .trust_repo import TrustRepo

        return TrustRepo(self)

    @property
    def register(self) -> RegisterRepo:
        from .register_repo import RegisterRepo

        return RegisterRepo(self)

    @property
    def notices(self) -> NoticesRepo:
        from .notices_repo import NoticesRepo

        return NoticesRepo(self)

    @property
    def payments(self) -> PaymentsRepo:
        from .payments_repo import PaymentsRepo

        return PaymentsRepo(self)

    @property
    def workorders(self) -> WorkOrdersRepo:
        from .workorders_repo import WorkOrdersRepo

        return WorkOrdersRepo(self)

    @property
    def findings(self) -> FindingsRepo:
        from .findings_repo import FindingsRepo

        return FindingsRepo(self)

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the database at ``target`` (SQLite's backup API: other writers may go on);
        an encrypted database's copy is encrypted with the same key."""
        destination = _connect(str(target), self.key) if self.key else sqlite3.connect(target, isolation_level=None)
        try:
            self.db.conn.backup(destination)
        finally:
            destination.close()

    def content_digest(self) -> str:
        """SHA-256 of every row of every table: equal digests mean equal content."""
        import hashlib

        digest = hashlib.sha256()
        for line in self.db.conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()


SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """An existing, non-empty file that is not plain SQLite (SQLCipher files look like noise)."""
    try:
        with path.open("rb") as reader:
            head = reader.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != SQLITE_HEADER


def _connect(target: str, key: str | None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for other writers."""
    if key is None:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        return conn
    try:
        from sqlcipher3 import dbapi2 as sqlcipher
    except ImportError:
        raise InputError("加密数据库需要 SQLCipher 组件（pip install 'auditor[encryption]'）") from None
    encrypted = sqlcipher.connect(target, isolation_level=None, check_same_thread=False)
    encrypted.execute("PRAGMA cipher_log_level = NONE")
    encrypted.execute(f"PRAGMA key = '{key.replace(chr(39), chr(39) * 2)}'")
    try:
        encrypted.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        encrypted.close()
        raise InputError("数据库口令错误，或文件不是本程序的加密数据库") from None
    encrypted.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return cast(sqlite3.Connection, encrypted)  # sqlcipher3's has sqlite3's interface


# The bookkeeping table the program kept before schema 10: another program's table of that name is not ours.
_OUR_LEGACY = [("version", "INTEGER"), ("applied_at", "TEXT")]


def _is_ours(db: Database) -> bool:
    """Our steps are recorded in it: sqlite-utils' table with our migration set, or the earlier table."""
    legacy = [(row[1], str(row[2]).upper()) for row in db.execute(f"PRAGMA table_info({LEGACY_TABLE})")]
    if legacy == _OUR_LEGACY:
        return True
    columns = {row[1] for row in db.execute(f"PRAGMA table_info({MIGRATIONS_TABLE})")}
    if not {"migration_set", "name"} <= columns:
        return False
    return bool(db.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                           [MIGRATION_SET]).fetchone()[0])


def _refuse_foreign(db: Database, path: str | Path) -> None:
    """An SQLite file with tables but without our migration records belongs to another program.

    Opening it would add our tables to it; an empty file (or a new one) is fine."""
    names = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_' ORDER BY name")]
    if not names or _is_ours(db):
        return
    db.conn.close()
    shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
    raise InputError(f"{Path(path).name} 是其他程序的 SQLite 数据库（含有 {shown}），不是本程序的数据库；"
                     "未做任何修改。请指定本程序的数据库文件，或一个新的文件名")


def open_store(path: str | Path = ":memory:", seed: bool = True, key: str | None = None) -> Store:
    """Open (creating if needed) the database at ``path`` and load the built-in contracts on first use.

    The program opens through :func:`auditor.opening.open_database`, which first finishes what a kill
    interrupted (a restore, a bundle import); this is the storage step alone.

    With ``key`` the file is encrypted with SQLCipher (AES-256, key derived from the passphrase);
    an encrypted file opened without its key is refused with a clear message.
    """
    memory = str(path) == ":memory:"
    file_path = None if memory else Path(path)
    if file_path is not None and key is None and is_encrypted(file_path):
        raise InputError(f"{file_path.name} 不是普通的 SQLite 数据库：若是已加密的数据库，请提供数据库口令"
                         "（--key-file 或环境变量 AUDITOR_DB_KEY）；否则它不是本程序可用的数据库文件")
    if file_path is not None:
        if file_path.is_dir():
            raise InputError(f"数据库路径 {file_path} 是一个文件夹")
        try:
            file_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"无法创建数据库所在文件夹 {file_path.parent}：{exc.strerror}") from None
    try:
        conn = _connect(":memory:" if memory else str(file_path), key)
        db = Database(conn)
        _refuse_foreign(db, path)  # before the first write: another program's file stays as it was
        db.execute("PRAGMA foreign_keys = ON")
        if not memory:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
        new = "contracts" not in db.table_names()
        from .. import audit

        if audit.has_audit(db):
            with db.atomic():
                audit.seal(db, external=True)  # left pending by someone else since the app last ran
        migrate(db)
        with db.atomic():
            audit.seal(db, who="（数据库升级）")
    except Exception as exc:  # sqlcipher3 has its own DatabaseError classes
        if _is_busy(exc):
            raise _busy_error(path) from None
        if not isinstance(exc, sqlite3.DatabaseError) and type(exc).__name__ != "DatabaseError":
            raise
        raise InputError(f"{path} 不是本程序可用的数据库文件（{exc}）") from None
    store = Store(db, file_path)
    store.key = key
    store.install_sealing()
    if new and seed:
        store.contracts.seed_builtins()
    return store


def encrypt_database(path: Path, key: str) -> None:
    """Turn a plain database into an encrypted one in place (sqlcipher_export); the plain file is removed."""
    import os

    if is_encrypted(path):
        raise InputError(f"{path.name} 已经是加密数据库")
    if len(key) < 8:
        raise InputError("数据库口令至少 8 个字符")
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    try:
        from sqlcipher3 import dbapi2 as sqlcipher
    except ImportError:
        raise InputError("加密数据库需要 SQLCipher 组件（pip install 'auditor[encryption]'）") from None
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    quoted = key.replace("'", "''")
    conn.execute(f"ATTACH DATABASE '{target}' AS encrypted KEY '{quoted}'")
    conn.execute("SELECT sqlcipher_export('encrypted')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA encrypted.user_version = {version}")
    conn.execute("DETACH DATABASE encrypted")
    conn.close()
    _connect(str(target), key).close()  # it opens with the key before the plain file goes
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
