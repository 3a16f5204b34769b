"""Backup and restore: the database (SQLite online backup, consistent while in use) and the evidence store,
in one zip with a manifest of SHA-256s. Restore refuses anything that is not a complete, intact backup of a
schema this program can open, and never overwrites without keeping the previous database.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from .errors import InputError
from .storage.migrations import SCHEMA_VERSION

FORMAT = "auditor-backup"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        for chunk in iter(lambda: reader.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(store, target: Path) -> dict:
    """Write a backup of ``store`` (its database and evidence) to ``target``; returns the manifest."""
    if store.path is None:
        raise InputError("内存数据库无法备份")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "auditor.db"
        if store.key:  # an encrypted database stays encrypted in its backup, with the same key
            from .storage.db import _connect

            destination = _connect(str(copy), store.key)
        else:
            destination = sqlite3.connect(copy)
        try:
            store.db.conn.backup(destination)  # consistent snapshot, even with the app running
        finally:
            destination.close()
        members = {"auditor.db": copy}
        for (sha,) in store.db.execute("SELECT DISTINCT sha256 FROM evidence"):
            path = store.evidence.path_of(sha)
            if path.is_file():
                members[f"evidence/{sha[:2]}/{sha}"] = path
        manifest = {"format": FORMAT, "version": 1, "schema_version": SCHEMA_VERSION, "encrypted": bool(store.key),
                    "created_at": dt.datetime.now().isoformat(timespec="seconds"), "source": str(store.path),
                    "files": {name: _sha256(path) for name, path in members.items()}}
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            for name, path in members.items():
                archive.write(path, name)
        os.replace(partial, target)
    return manifest


def check_backup(source: Path, key: str | None = None) -> dict:
    """The manifest of a valid backup; InputError saying what is wrong otherwise."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{source.name} 不是本程序的备份文件（{type(exc).__name__}）") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError):
            raise InputError(f"{source.name} 不是本程序的备份文件（缺少有效的清单）") from None
        if manifest.get("format") != FORMAT or "auditor.db" not in manifest.get("files", {}):
            raise InputError(f"{source.name} 不是本程序的备份文件")
        if manifest.get("schema_version", 0) > SCHEMA_VERSION:
            raise InputError(f"{source.name} 来自更新版本的程序（数据库版本 {manifest['schema_version']}），请先升级")
        for name, expected in manifest["files"].items():
            try:
                data = archive.read(name)
            except KeyError:
                raise InputError(f"{source.name} 不完整：缺少 {name}") from None
            if hashlib.sha256(data).hexdigest() != expected:
                raise InputError(f"{source.name} 已损坏或被改动：{name} 的校验值不符")
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "check.db"
            db.write_bytes(archive.read("auditor.db"))
            if manifest.get("encrypted") and not key:
                raise InputError(f"{source.name} 是加密数据库的备份，请提供数据库口令")
            try:
                if manifest.get("encrypted"):
                    from .storage.db import _connect

                    conn = _connect(str(db), key)
                else:
                    conn = sqlite3.connect(db)
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                has_contracts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'contracts'").fetchone()
                conn.close()
            except InputError:
                raise InputError(f"{source.name}：数据库口令与备份不符") from None
            except Exception as exc:  # noqa: BLE001 — sqlite3 or sqlcipher3 DatabaseError
                if type(exc).__name__ != "DatabaseError":
                    raise
                ok, has_contracts = False, None
            if not ok or not has_contracts:
                raise InputError(f"{source.name} 中的数据库已损坏")
    return manifest


def restore(db_path: Path, source: Path, evidence_dir: Path, key: str | None = None) -> Path:
    """Replace the database at ``db_path`` by the backup; the previous one is kept and its path returned."""
    manifest = check_backup(source, key)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
    if db_path.exists():
        from .storage.db import _connect, is_encrypted

        conn = _connect(str(db_path), key) if is_encrypted(db_path) else sqlite3.connect(db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the kept copy is complete on its own
        conn.close()
    with zipfile.ZipFile(source) as archive:
        incoming = db_path.with_name(db_path.name + ".restoring")
        incoming.write_bytes(archive.read("auditor.db"))
        if db_path.exists():
            os.replace(db_path, keep)
            if evidence_dir.exists():
                shutil.copytree(evidence_dir, keep.with_name(keep.stem + "-evidence"), dirs_exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(incoming, db_path)
        for name in manifest["files"]:
            if name.startswith("evidence/"):
                target = evidence_dir / name.removeprefix("evidence/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    from .audit import head_file

    head_file(db_path).unlink(missing_ok=True)  # the restored chain is checked on its own
    return keep
