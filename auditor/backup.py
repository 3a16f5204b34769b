"""Backup and restore: the database (SQLite online backup, consistent while in use) and the evidence store,
in one zip with a manifest of SHA-256s.

A backup is a file the operator can hand us, so restore trusts nothing in it: member names are checked
against an allow-list and never used as paths (evidence lands under the hash computed here), sizes are
counted while reading, and the database must pass ``integrity_check`` and have exactly this program's
schema. Everything is unpacked and checked beside the live files first; then a journal is written and
the swap is a few renames that ``before_open`` finishes if a kill interrupts them. The previous state
(database, its audit head and its evidence) is always kept under a unique name.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import safezip
from .errors import InputError
from .hashing import file_sha256
from .paths import restore_journal
from .safezip import fsync as _fsync
from .safezip import reason as _reason
from .safezip import shown as _shown

if TYPE_CHECKING:
    import zipfile

    from .storage.db import Store

log = logging.getLogger(__name__)

FORMAT = "auditor-backup"
JOURNAL_FORMAT = "auditor-restore-journal"

# A backup is read with these bounds whatever its headers say (the headers are checked too, and then held
# to: a member that inflates past its declared size is refused). Deflate cannot exceed ~1030:1; honest
# files stay far below safezip.MAX_RATIO (a database compresses ~16:1; it would need >99% zeroed free pages).
# No VACUUM before zipping: it renumbers rowids, and the audit log refers to rows by rowid.
MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 16 << 30
MAX_TOTAL_BYTES = 64 << 30
MAX_MANIFEST_BYTES = 64 << 20

_EVIDENCE = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{64})")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_TAG = r"[0-9]{8}-[0-9]{6}-[0-9a-f]{8}"

# Every place a kill is injected by the tests (AUDITOR_TEST_KILL_AT); each is between two file operations.
KILL_POINTS = ("staging-db", "staging-evidence", "staged", "journal-written", "journal-in-place",
               "moved-wal", "moved-db", "moved-head", "moved-evidence", "placed-db", "placed-evidence",
               "staging-removed")


def _checkpoint(step: str) -> None:
    """Test hook: with AUDITOR_TEST_KILL_AT=<step> the process dies here, as in a power cut."""
    safezip.checkpoint(step, KILL_POINTS)


def evidence_dir_of(db_path: Path) -> Path:
    """Where a database file keeps its evidence (as ``Store`` does)."""
    return db_path.with_name(db_path.stem + "-evidence")


def _head_of(db_path: Path) -> Path:
    from .audit import head_file

    return head_file(db_path)


def journal_of(db_path: Path) -> Path:
    return restore_journal(db_path)


# ------------------------------------------------------------------ backup

def backup(store: Store, target: Path) -> dict[str, Any]:
    """Write a backup of ``store`` (its database and evidence) to ``target``; returns the manifest.

    Evidence whose file is missing or no longer matches its hash cannot be restored faithfully: it is
    left out and listed under ``missing`` (a restore would refuse a member whose bytes are not its name).
    """
    import zipfile

    from .storage.migrations import SCHEMA_VERSION, current_version

    if store.path is None:
        raise InputError("内存数据库无法备份")
    target = Path(target)
    _refuse_backup_over_live_files(store, target)
    partial = target.with_name(target.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="auditor-backup-") as tmp:
            copy = Path(tmp) / "auditor.db"
            store.snapshot(copy)  # consistent, even with the app running; encrypted stays encrypted
            members = {"auditor.db": copy}
            missing = []
            for sha in store.evidence.hashes():
                path = store.evidence.path_of(sha)
                if _HEX64.fullmatch(sha) and path.is_file() and file_sha256(path) == sha:
                    members[f"evidence/{sha[:2]}/{sha}"] = path
                else:
                    missing.append(_shown(str(sha)))  # the value comes from the database: printed, never a path
            files = {}
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, path in members.items():
                    files[name] = safezip.add_file(archive, name, path)
                    if name != "auditor.db" and files[name] != name[-64:]:
                        raise InputError(f"证据文件 {path} 在备份过程中被改动，请重新备份")
                manifest: dict[str, Any] = {"format": FORMAT, "version": 1, "schema_version": current_version(store.db),
                            "program_schema_version": SCHEMA_VERSION, "encrypted": bool(store.key),
                            "created_at": dt.datetime.now().isoformat(timespec="seconds"), "source": str(store.path),
                            "files": files, "missing": missing}
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            _fsync(partial)
            os.replace(partial, target)
            _fsync(target.parent)
        from .anchors import record

        record(store.db, store.path)  # the chain as backed up is anchored outside the file too
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(f"无法写入备份 {target}：{exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backed up %s to %s: %d evidence files, %d missing", store.path, target, len(manifest["files"]) - 1,
             len(manifest["missing"]))
    return manifest


def _refuse_backup_over_live_files(store: Store, target: Path) -> None:
    """The backup must not replace the database it copies, nor land inside its evidence."""
    if target.is_dir():
        raise InputError(f"备份路径 {target} 是一个文件夹")
    if not target.parent.is_dir():
        raise InputError(f"备份路径所在的文件夹 {target.parent} 不存在")
    resolved = target.resolve()
    if store.path is None:
        return  # an in-memory database has no files (and no backup: the caller refuses it)
    db = store.path.resolve()
    live = {db, Path(f"{db}-wal"), Path(f"{db}-shm"), _head_of(db), journal_of(db)}
    evidence = evidence_dir_of(db)
    if resolved in live or resolved == evidence or evidence in resolved.parents:
        raise InputError(f"备份路径 {target} 是数据库本身或它的文件，请另选位置")


# ------------------------------------------------------------------ checking a backup

def check_backup(source: Path, key: str | None = None) -> dict[str, Any]:
    """The manifest of a valid backup; InputError saying what is wrong otherwise. Writes only to a
    temporary folder (the database must be a file to be checked), removed before returning."""
    with tempfile.TemporaryDirectory(prefix="auditor-check-") as tmp:
        return _unpack(Path(source), key, Path(tmp), evidence=False)


def _bad_name(name: str) -> str | None:
    """Why ``name`` cannot be a member of a backup, or None. The allow-list is the rule; the other
    reasons only make the message precise."""
    problem = safezip.path_problem(name)
    if problem:
        return problem
    if name in ("manifest.json", "auditor.db"):
        return None
    match = _EVIDENCE.fullmatch(name)
    if match is None:
        return "不符合本程序备份的文件命名（manifest.json、auditor.db、evidence/xx/64 位十六进制校验值）"
    if match.group(1) != match.group(2)[:2]:
        return "所在文件夹与其校验值的前两位不符"
    return None


def _limits() -> safezip.Limits:
    return safezip.Limits(MAX_MEMBERS, MAX_TOTAL_BYTES)  # read at each use: the tests lower them


def _check_members(infos: list[zipfile.ZipInfo], label: str) -> dict[str, zipfile.ZipInfo]:
    """Refuse, from the central directory alone, what no backup of ours contains; name → ZipInfo."""
    return safezip.check_members(infos, label, "备份", _bad_name,
                                 lambda name: MAX_MANIFEST_BYTES if name == "manifest.json" else MAX_MEMBER_BYTES,
                                 _limits())


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, reading: safezip.Reading,
            sink: Callable[[bytes], object] | None) -> str:
    return safezip.stream(archive, info, label, "备份", reading, sink)


def _parse_manifest(data: bytes, label: str) -> dict[str, Any]:
    from .storage.migrations import SCHEMA_VERSION

    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"{label} 不是本程序的备份文件（清单 manifest.json 不是有效的 JSON）") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{label} 不是本程序的备份文件（清单 manifest.json 的格式不对）")
    version = manifest.get("version")
    if type(version) is not int or version != 1:
        raise InputError(f"{label}：备份格式版本 {_shown(str(version))} 不是本程序能读的（manifest.json）")
    schema = manifest.get("schema_version")
    if type(schema) is not int or schema < 1:
        raise InputError(f"{label}：清单 manifest.json 中的数据库版本无效")
    if schema > SCHEMA_VERSION:
        raise InputError(f"{label} 来自更新版本的程序（数据库版本 {schema}，本程序为 {SCHEMA_VERSION}），请先升级")
    files = manifest.get("files")
    if not isinstance(files, dict) or "auditor.db" not in files:
        raise InputError(f"{label} 不是本程序的备份文件（清单 manifest.json 中没有数据库 auditor.db）")
    for name, value in files.items():
        shown = _shown(str(name))
        reason = _bad_name(name) or ("是清单本身" if name == "manifest.json" else None)
        if reason:
            raise InputError(f"{label}：清单 manifest.json 中的“{shown}”{reason}，不是本程序备份中的文件")
        if not isinstance(value, str) or not _HEX64.fullmatch(value):
            raise InputError(f"{label}：清单 manifest.json 中“{shown}”的校验值不是 64 位十六进制")
        if name != "auditor.db" and name[-64:] != value:
            raise InputError(f"{label}：清单 manifest.json 中“{shown}”的校验值与文件名不符，清单已被改动")
    return manifest


def _unpack(source: Path, key: str | None, into: Path, *, evidence: bool) -> dict[str, Any]:
    """Check the backup at ``source`` completely, unpacking the database (and, with ``evidence``, the
    evidence files under the hash computed here) into ``into``; the manifest. ``into`` may be left
    half-filled when this refuses: the caller removes it."""
    import zipfile as zf
    label = _shown(source.name)
    archive = safezip.open_archive(source, label, "备份文件", "本程序的备份文件", MAX_MEMBERS)
    with archive:
        try:
            infos = archive.infolist()
        except (zf.BadZipFile, ValueError) as exc:
            raise InputError(f"{label} 不是本程序的备份文件（{_reason(exc)}）") from None
        members = _check_members(infos, label)
        if evidence:
            needed = sum(info.file_size for info in infos)  # held to by the reader, so worth checking
            free = shutil.disk_usage(into).free
            if needed > free:
                raise InputError(f"{into.parent} 所在磁盘空间不足：恢复 {label} 需要 {needed >> 20} MB，"
                                 f"只剩 {free >> 20} MB；未做任何修改")
        if "manifest.json" not in members:
            raise InputError(f"{label} 不是本程序的备份文件（缺少清单 manifest.json）")
        reading = safezip.Reading(_limits())
        chunks: list[bytes] = []
        _stream(archive, members["manifest.json"], label, reading, chunks.append)
        manifest = _parse_manifest(b"".join(chunks), label)
        files: dict[str, str] = manifest["files"]
        for name in files:
            if name not in members:
                raise InputError(f"{label} 不完整：缺少清单中列出的 {_shown(name)}")
        for name in members:
            if name != "manifest.json" and name not in files:
                raise InputError(f"{label}：成员“{_shown(name)}”不在清单中")
        database = into / "auditor.db"
        _unpack_member(archive, members["auditor.db"], label, reading, files["auditor.db"], database)
        _checkpoint("staging-db")
        _check_database(database, label, key, manifest)
        for suffix in ("-wal", "-shm"):  # a read of a WAL-mode file may leave them; only the file moves
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        incoming = into / "evidence"
        if evidence:
            incoming.mkdir()
        for name, info in members.items():
            if name in ("manifest.json", "auditor.db"):
                continue
            if not evidence:
                computed = _stream(archive, info, label, reading, None)
                _compare(computed, files[name], label, name)
                continue
            partial = incoming / "incoming.partial"
            computed = _unpack_member(archive, info, label, reading, files[name], partial)
            folder = incoming / computed[:2]  # the path comes from the hash computed here, not from the name
            folder.mkdir(exist_ok=True)
            os.replace(partial, folder / computed)
            _checkpoint("staging-evidence")
        if evidence:
            for folder in incoming.iterdir():
                _fsync(folder)
            _fsync(incoming)
            _fsync(into)
    return manifest


def _compare(computed: str, expected: str, label: str, name: str) -> None:
    if computed != expected:
        raise InputError(f"{label} 已损坏或被改动：{_shown(name)} 的校验值不符")


def _unpack_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, reading: safezip.Reading,
                   expected: str, target: Path) -> str:
    with target.open("wb") as out:
        computed = _stream(archive, info, label, reading, out.write)
        out.flush()
        os.fsync(out.fileno())
    _compare(computed, expected, label, info.orig_filename)
    return computed


def _check_database(path: Path, label: str, key: str | None, manifest: dict[str, Any]) -> None:
    """The database must open, pass ``integrity_check`` and have exactly this program's schema for its
    version (a backup is restored as is: a trigger of the operator's would run in every later write)."""
    from .storage.db import _connect, is_encrypted
    from .storage.migrations import SCHEMA_VERSION
    from .storage.schema import expected_schema, inspect

    broken = f"{label} 中的数据库（auditor.db）已损坏"
    encrypted = is_encrypted(path)
    if encrypted and not key:
        raise InputError(f"{label} 中的数据库（auditor.db）不是普通的 SQLite 文件：若是加密数据库的备份，"
                         "请提供数据库口令（--key-file 或环境变量 AUDITOR_DB_KEY）；否则备份已损坏")
    try:
        conn = _connect(str(path), key if encrypted else None)
    except InputError:
        raise InputError(f"{label}：数据库口令与备份中的数据库（auditor.db）不符") from None
    except Exception as exc:  # noqa: BLE001 — sqlite3 or sqlcipher3 DatabaseError
        if type(exc).__name__ not in ("DatabaseError", "OperationalError"):
            raise
        raise InputError(f"{broken}（{_reason(exc)}）") from None
    try:
        ok, schema, version = inspect(conn)
    except Exception as exc:  # noqa: BLE001 — sqlite3 or sqlcipher3 DatabaseError
        if type(exc).__name__ not in ("DatabaseError", "OperationalError"):
            raise
        raise InputError(f"{broken}（{_reason(exc)}）") from None
    finally:
        conn.close()
    if not ok:
        raise InputError(f"{broken}（完整性检查未通过）")
    if type(version) is not int or version < 1:
        raise InputError(f"{label} 中的数据库（auditor.db）不是本程序的数据库")
    if version > SCHEMA_VERSION:
        raise InputError(f"{label} 来自更新版本的程序（数据库版本 {version}，本程序为 {SCHEMA_VERSION}），请先升级")
    if schema != expected_schema(version):
        raise InputError(f"{label} 中的数据库（auditor.db）不是本程序的数据库：表、索引或触发器与版本 {version} 不同")
    if version != manifest["schema_version"]:
        raise InputError(f"{label}：清单 manifest.json 记录的数据库版本与 auditor.db 不符，清单已被改动")


# ------------------------------------------------------------------ restoring

def restore(db_path: Path, source: Path, evidence_dir: Path | None = None, key: str | None = None) -> Path | None:
    """Replace the database at ``db_path`` and its evidence by the backup; the previous ones are kept
    (the kept database's path is returned, None if there was none). The store must be closed."""
    db_path = Path(db_path)
    if evidence_dir is not None and Path(evidence_dir) != evidence_dir_of(db_path):
        raise ValueError(f"evidence of {db_path} lives in {evidence_dir_of(db_path)}")
    if not db_path.parent.is_dir():
        raise InputError(f"数据库所在的文件夹 {db_path.parent} 不存在")
    if journal_of(db_path).exists():
        _finish(db_path)  # an earlier restore was interrupted: complete it first
    _remove_stale_staging(db_path)
    tag = _unique_tag(db_path)
    staging = db_path.with_name(f"{db_path.name}.restoring-{tag}")
    keep = _keep_path(db_path, tag)
    try:
        staging.mkdir()
        _unpack(Path(source), key, staging, evidence=True)
        _fsync(db_path.parent)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"无法在 {db_path.parent} 中准备恢复：{exc.strerror or exc}；未做任何修改") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _checkpoint("staged")
    present = [what for what, src, _ in _moves(db_path, keep) if os.path.lexists(src)]
    journal = {"format": JOURNAL_FORMAT, "version": 1, "staging": staging.name, "keep": keep.name,
               "present": present, "source": str(source), "anchor": _anchor_state(staging / "auditor.db", key)}
    try:
        _write_journal(db_path, journal)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"无法在 {db_path.parent} 中写入恢复日志：{exc.strerror or exc}；未做任何修改") from None
    _swap(db_path, staging, keep, present, journal["anchor"])
    kept = keep if "db" in present else None
    log.info("restored %s from %s; the database it replaced is kept at %s", db_path, source, kept or "(there was none)")
    return kept


def _anchor_state(database: Path, key: str | None) -> dict[str, Any] | None:
    """The restored chain's (database id, count, head): its head file and anchor are written from it."""
    from .anchors import state_of
    from .storage.db import _connect, is_encrypted

    try:
        conn = _connect(str(database), key if is_encrypted(database) else None)
    except Exception:  # noqa: BLE001 — checked to open just before; without it the restore still goes ahead
        return None
    try:
        return state_of(conn)
    finally:
        conn.close()


def _unique_tag(db_path: Path) -> str:
    """Time to the second plus random hex: two restores in one second keep two copies."""
    while True:
        tag = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
        keep = _keep_path(db_path, tag)
        taken = [db_path.with_name(f"{db_path.name}.restoring-{tag}")] + [dst for _, _, dst in _moves(db_path, keep)]
        if not any(os.path.lexists(p) for p in taken):
            return tag


def _keep_path(db_path: Path, tag: str) -> Path:
    """``live.before-restore-<tag>.db``: itself a database file whose evidence and head sit beside it."""
    return db_path.with_name(f"{db_path.stem}.before-restore-{tag}{db_path.suffix or '.db'}")


def _moves(db_path: Path, keep: Path) -> list[tuple[str, Path, Path]]:
    """What of the live state moves aside, in order: (what, from, to)."""
    return [("wal", Path(f"{db_path}-wal"), Path(f"{keep}-wal")),
            ("db", db_path, keep),
            ("head", _head_of(db_path), _head_of(keep)),
            ("evidence", evidence_dir_of(db_path), evidence_dir_of(keep))]


def _write_journal(db_path: Path, journal: dict[str, Any]) -> None:
    target = journal_of(db_path)
    partial = target.with_name(target.name + ".tmp")
    with partial.open("w", encoding="utf-8") as out:
        json.dump(journal, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    _checkpoint("journal-written")
    os.replace(partial, target)
    _fsync(db_path.parent)
    _checkpoint("journal-in-place")


def _swap(db_path: Path, staging: Path, keep: Path, present: list[str], anchor: object = None) -> None:
    """The renames, each idempotent, so that running this again after a kill finishes the job: a step
    whose destination exists is done. Afterwards the old state is complete under ``keep``."""
    steps = [(f"moved-{what}", src, dst) for what, src, dst in _moves(db_path, keep) if what in present]
    steps += [("placed-db", staging / "auditor.db", db_path),
              ("placed-evidence", staging / "evidence", evidence_dir_of(db_path))]
    try:
        Path(f"{db_path}-shm").unlink(missing_ok=True)  # an index of the old WAL; SQLite rebuilds it
        for step, src, dst in steps:
            _rename(src, dst)
            if step == "placed-db":
                _fsync(staging)
            _checkpoint(step)
        _fsync(db_path.parent)
        if os.path.lexists(staging):  # empty by now, unless a kill stopped an earlier removal
            shutil.rmtree(staging)
        _checkpoint("staging-removed")
        from .anchors import restored

        restored(db_path, anchor)  # the restored chain's head file and anchor (a restore is no replacement)
        journal_of(db_path).unlink(missing_ok=True)
        _fsync(db_path.parent)
    except OSError as exc:
        raise InputError(f"恢复未能完成（{exc.strerror or exc}）：{journal_of(db_path).name} 记录了进度，"
                         "下次打开数据库时会继续完成；请关闭占用这些文件的程序后再打开") from None


def _rename(src: Path, dst: Path) -> None:
    if os.path.lexists(dst):
        return  # done before a kill
    try:
        os.rename(src, dst)
    except FileNotFoundError:
        if not os.path.lexists(dst):
            raise InputError(f"恢复无法继续：{src.name} 与 {dst.name} 都不存在") from None


def _remove_stale_staging(db_path: Path) -> None:
    """Folders unpacked by a restore that was killed before its journal was written: never used."""
    pattern = re.compile(re.escape(db_path.name) + r"\.restoring-" + _TAG)
    for entry in db_path.parent.iterdir():
        if pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
    Path(f"{journal_of(db_path)}.tmp").unlink(missing_ok=True)


def _finish(db_path: Path) -> None:
    """Complete the swap a kill interrupted, from its journal (written only once the new state was
    unpacked, checked and on disk). The journal is ours, but it is read as carefully as any file."""
    journal_path = journal_of(db_path)
    damaged = (f"恢复日志 {journal_path} 已损坏，无法判断上次恢复进行到哪一步；为免丢失数据，程序不会打开数据库。"
               f"请检查 {db_path.parent} 中的 *.before-restore-* 与 *.restoring-* 文件")
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise InputError(damaged) from None
    if not isinstance(journal, dict) or journal.get("format") != JOURNAL_FORMAT:
        raise InputError(damaged)
    staging_name, keep_name, present = journal.get("staging"), journal.get("keep"), journal.get("present")
    stem, suffix = db_path.stem, db_path.suffix or ".db"
    if (not isinstance(staging_name, str) or not isinstance(keep_name, str)
            or not re.fullmatch(re.escape(db_path.name) + r"\.restoring-" + _TAG, staging_name)
            or not re.fullmatch(re.escape(stem) + r"\.before-restore-" + _TAG + re.escape(suffix), keep_name)
            or not isinstance(present, list) or not set(present) <= {"wal", "db", "head", "evidence"}):
        raise InputError(damaged)
    _swap(db_path, db_path.with_name(staging_name), db_path.with_name(keep_name), present, journal.get("anchor"))


# ------------------------------------------------------------------ opening

def before_open(db_path: Path) -> None:
    """Run before a database file is opened: finish a restore a kill interrupted, and refuse to create an
    empty database where one evidently existed (the next command would otherwise make a fresh, clean-
    looking one and the loss would go unnoticed)."""
    journal = journal_of(db_path)
    unfinished = Path(f"{journal}.tmp")  # a journal never put in place: no rename was made
    if db_path.exists() and not journal.exists() and not unfinished.exists():
        return
    if journal.exists():
        _finish(db_path)
    unfinished.unlink(missing_ok=True)
    if db_path.exists():
        return
    signs = []
    if evidence_dir_of(db_path).exists():
        signs.append(f"证据文件夹 {evidence_dir_of(db_path).name}")
    if _head_of(db_path).exists():
        signs.append(f"审计链头 {_head_of(db_path).name}")
    if os.path.lexists(f"{db_path}-wal"):
        signs.append(f"日志 {db_path.name}-wal")
    if db_path.parent.is_dir():
        kept = sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(f"{db_path.stem}.before-restore-")
                      and p.name.endswith(db_path.suffix or ".db"))
        if kept:
            signs.append(f"恢复前保留的副本 {kept[-1]}" + (f" 等 {len(kept)} 份" if len(kept) > 1 else ""))
    if signs:
        raise InputError(f"数据库文件 {db_path} 不见了，但它曾经存在（旁边还有{'、'.join(signs)}）。"
                         "为免用一个空数据库顶替原有数据，程序不会新建数据库。请把数据库文件放回原处"
                         "（或把保留的副本改回原名），或执行 auditor restore 备份文件 从备份恢复")
