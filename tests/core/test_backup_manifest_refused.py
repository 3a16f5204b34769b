"""A backup whose manifest or database says something this program did not write is refused whole, naming
the backup and what is wrong, with nothing written (completing ``test_restore_hostile``); and a backup is
refused where it would land on a folder or nowhere."""
from __future__ import annotations

import sqlite3
import stat
import struct

import pytest

from . import test_restore_hostile
from .hostile import refused
from .test_restore_hostile import build, contents, sha, tree, with_database

db, good = test_restore_hostile.db, test_restore_hostile.good  # its fixtures, offered to pytest here too


def manifest_with(good, **changes):
    manifest, members = contents(good)
    manifest.update(changes)
    return manifest, list(members.items())


def files_with(good, change):
    manifest, members = contents(good)
    change(manifest["files"])
    return manifest, list(members.items())


def cases(good) -> dict:
    evidence = next(name for name in contents(good)[0]["files"] if name != "auditor.db")
    return {
        "a format version from the future": (manifest_with(good, version=2), ("备份格式版本 2", "manifest.json")),
        "a format version as text": (manifest_with(good, version="1"), "备份格式版本 1"),
        "a database version of 0": (manifest_with(good, schema_version=0), "数据库版本无效"),
        "a database version as text": (manifest_with(good, schema_version="9"), "数据库版本无效"),
        "no database listed": (files_with(good, lambda f: f.pop("auditor.db")), "没有数据库 auditor.db"),
        "the manifest listing itself": (files_with(good, lambda f: f.update({"manifest.json": "0" * 64})),
                                        ("manifest.json", "是清单本身")),
        "a checksum that is not hex": (files_with(good, lambda f: f.update({evidence: "z" * 64})),
                                       "校验值不是 64 位十六进制"),
        "a checksum other than the name": (files_with(good, lambda f: f.update({evidence: "0" * 64})),
                                           "校验值与文件名不符"),
        "a manifest older than its database": (manifest_with(good, schema_version=1),
                                               "记录的数据库版本与 auditor.db 不符"),
        "a database without its versions": (with_database(good, lambda c: c.execute("DROP TABLE _sqlite_migrations")),
                                            "不是本程序的数据库"),
    }


CASES = ["a format version from the future", "a format version as text", "a database version of 0",
         "a database version as text", "no database listed", "the manifest listing itself",
         "a checksum that is not hex", "a checksum other than the name", "a manifest older than its database",
         "a database without its versions"]


@pytest.mark.parametrize("case", CASES)
def test_a_manifest_or_database_this_program_did_not_write_is_refused(db, good, tmp_path, capsys, case):
    content, named = cases(good)[case]
    bad = build(tmp_path / "in" / "case.zip", *content)
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=("case.zip", *((named,) if isinstance(named, str) else named)))
    assert tree(tmp_path) == before


def test_a_database_that_fails_its_integrity_check_is_refused(db, good, tmp_path, capsys):
    # a page of the months table overwritten with zeros: SQLite opens the file, PRAGMA integrity_check fails
    manifest, members = contents(good)
    data = bytearray(members["auditor.db"])
    scratch = tmp_path / "in" / "scratch.db"
    scratch.write_bytes(bytes(data))
    conn = sqlite3.connect(scratch)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'measurements'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    scratch.unlink()
    data[(root - 1) * page + 8:root * page] = bytes(page - 8)
    members["auditor.db"] = bytes(data)
    manifest["files"]["auditor.db"] = sha(members["auditor.db"])
    bad = build(tmp_path / "in" / "broken.zip", manifest, list(members.items()))
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=("broken.zip", "已损坏"))
    assert tree(tmp_path) == before


@pytest.mark.parametrize("where, named", [("folder", "是一个文件夹"), ("nowhere/backup.zip", "不存在")])
def test_a_backup_is_not_written_onto_a_folder_or_into_nothing(db, tmp_path, capsys, where, named):
    (tmp_path / "folder").mkdir()
    refused(db, ["backup", str(tmp_path / where)], capsys, names=named)
    assert not (tmp_path / "nowhere").exists()


def patch_central_entry(path, member: str, offset: int, fmt: str, value: int) -> None:
    """Rewrite one field of ``member``'s central-directory entry (what a hand-made archive can say)."""
    data = bytearray(path.read_bytes())
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == member.encode():
            struct.pack_into(fmt, data, at + offset, value)
            break
        at += 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("change, named", [
    (lambda path: patch_central_entry(path, "auditor.db", 8, "<H", 0x1), "被加密"),            # general flag bit 0
    (lambda path: patch_central_entry(path, "auditor.db", 10, "<H", 12), "压缩方式（12）"),      # bzip2
])
def test_a_member_stored_in_a_way_this_program_never_writes_is_refused(db, good, tmp_path, capsys, change, named):
    bad = tmp_path / "in" / "odd.zip"
    bad.write_bytes(good.read_bytes())
    change(bad)
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=("odd.zip", "auditor.db", named))
    assert tree(tmp_path) == before


def test_a_member_that_is_a_device_or_pipe_is_refused(db, good, tmp_path, capsys):
    manifest, members = contents(good)
    members = [(name, data, stat.S_IFIFO | 0o644) if name == "auditor.db" else (name, data)
               for name, data in members.items()]
    bad = build(tmp_path / "in" / "fifo.zip", manifest, members)
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=("fifo.zip", "auditor.db", "不是普通文件"))
    assert tree(tmp_path) == before
