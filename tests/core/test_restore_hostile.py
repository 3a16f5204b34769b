"""Restore from a backup the operator crafted: every hostile archive is refused whole, and nothing is written.

Each case builds the zip it describes from a real backup, runs ``auditor restore`` and checks, besides
exit 2 and a Chinese message naming the backup and the member: the database and evidence byte-identical
(``hostile.refused``) and no file created, changed or removed anywhere under the test's folder, which holds
the data folder's parents too (where a zip-slip would land).
"""
from __future__ import annotations

import json
import sqlite3
import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from auditor.backup import check_backup
from auditor.calendar import Period
from auditor.cli import main
from auditor.errors import InputError
from auditor.opening import open_database

from .builders import record
from .hostile import refused, sha, tree, write_members


@pytest.fixture
def db(tmp_path) -> Path:
    """A database with a month and one evidence file, two folders below the test's folder."""
    path = tmp_path / "home" / "data" / "live.db"
    path.parent.mkdir(parents=True)
    store = open_database(path)
    record(store, store.contracts.get("henan-2025"), "2025-10")
    evidence = tmp_path / "话单.csv"
    evidence.write_text("a,b\n1,2\n", encoding="utf-8")
    store.evidence.add("henan-2025", Period(2025, 10), "HN-02", evidence)
    store.close()
    return path


@pytest.fixture
def good(db, tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "good.zip"
    assert main(["--db", str(db), "backup", str(target)]) == 0
    return target


def contents(backup: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        return manifest, {name: archive.read(name) for name in manifest["files"]}


def build(path: Path, manifest: dict | bytes | None,
          members: list[tuple[str, bytes] | zipfile.ZipInfo | tuple]) -> Path:
    """A zip with ``manifest.json`` (unless None) and ``members`` as given: names are written verbatim."""
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are the point of one case
        if manifest is not None:
            data = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
            archive.writestr("manifest.json", data)
        write_members(archive, members)
    return path


def with_member(good: Path, name: str, data: bytes, *mode: int, listed: bool = True, digest: str | None = None):
    """The good backup plus one member ``name`` (listed in the manifest with ``digest`` or its own hash)."""
    manifest, members = contents(good)
    if listed:
        manifest["files"][name] = digest or sha(data)
    return manifest, [*members.items(), (name, data, *mode)]


def with_database(good: Path, change) -> tuple[dict, list]:
    """The good backup whose database went through ``change(connection)``, the manifest hash updated."""
    manifest, members = contents(good)
    scratch = good.with_name("scratch.db")
    scratch.write_bytes(members["auditor.db"])
    conn = sqlite3.connect(scratch, isolation_level=None)
    change(conn)
    conn.close()
    members["auditor.db"] = scratch.read_bytes()
    scratch.unlink()
    manifest["files"]["auditor.db"] = sha(members["auditor.db"])
    return manifest, list(members.items())


ZEROS = b"\0" * (24 << 20)  # 24 MiB that deflate to ~24 KB: a ratio of ~1000
LINK = (stat.S_IFLNK | 0o777)
NUL_PLACEHOLDER = "auditor.dbX/../../x"  # zipfile cuts names at NUL when writing: the byte is patched in after


def cases(good: Path, tmp_path: Path) -> dict:
    """name of the case → (manifest, members) or raw bytes, and the parts the message must name."""
    escaped = str(tmp_path / "escaped.txt")
    owned = b"written by the operator"
    bogus = "0" * 64
    other = "00" if sha(owned)[:2] != "00" else "11"
    return {
        "zip_slip": (with_member(good, "evidence/../../x", owned), "evidence/../../x"),
        "double_slash_absolute": (with_member(good, "evidence/" + escaped, owned), escaped),
        "absolute": (with_member(good, "/etc/x", owned), "/etc/x"),
        "drive": (with_member(good, "C:\\x", owned), "C:\\x"),
        "unc": (with_member(good, "\\\\server\\share\\x", owned), "\\\\server"),
        "backslashes": (with_member(good, "evidence\\..\\..\\x", owned), "evidence\\..\\..\\x"),
        "backslash_in_evidence": (with_member(good, f"evidence\\{sha(owned)[:2]}\\{sha(owned)}", owned), "反斜杠"),
        "nul_in_name": (with_member(good, NUL_PLACEHOLDER, owned, listed=False), "auditor.db\\x00"),
        "directory_member": (with_member(good, "evidence/", b"", listed=False), "evidence/"),
        "duplicate": (with_member(good, "auditor.db", contents(good)[1]["auditor.db"], listed=False), "重复"),
        "symlink": (with_member(good, f"evidence/{sha(b'/etc/passwd')[:2]}/{sha(b'/etc/passwd')}", b"/etc/passwd",
                                LINK), "符号链接"),
        "bomb": (with_member(good, f"evidence/{sha(ZEROS)[:2]}/{sha(ZEROS)}", ZEROS), "压缩比"),
        "tampered_member": (with_member(good, f"evidence/{sha(owned)[:2]}/{sha(owned)}", owned + b"!",
                                        digest=sha(owned)), "校验值不符"),
        "name_not_its_hash": (with_member(good, f"evidence/{bogus[:2]}/{bogus}", owned), bogus),
        "wrong_pattern_upper": (with_member(good, f"evidence/{sha(owned)[:2].upper()}/{sha(owned).upper()}", owned),
                                sha(owned).upper()),
        "wrong_pattern_suffix": (with_member(good, f"evidence/{sha(owned)[:2]}/{sha(owned)}.pdf", owned), ".pdf"),
        "wrong_pattern_other": (with_member(good, "notes.txt", owned), "notes.txt"),
        "wrong_prefix": (with_member(good, f"evidence/{other}/{sha(owned)}", owned), f"evidence/{other}/{sha(owned)}"),
        "not_in_manifest": (with_member(good, f"evidence/{sha(owned)[:2]}/{sha(owned)}", owned, listed=False),
                            "不在清单中"),
        "missing_member": ((lambda m: (m[0] | {"files": m[0]["files"] | {f"evidence/{sha(owned)[:2]}/{sha(owned)}":
                                                                          sha(owned)}}, list(m[1].items())))(
            contents(good)), "缺少"),
        "tampered_manifest": ((lambda m: ({**m[0], "files": {**m[0]["files"], "auditor.db": bogus}},
                                          list(m[1].items())))(contents(good)), "auditor.db"),
        "manifest_not_json": ((b"{not json", list(contents(good)[1].items())), "manifest.json"),
        "manifest_wrong_format": (({"format": "something-else", "files": {}}, list(contents(good)[1].items())),
                                  "不是本程序的备份"),
        "no_manifest": ((None, list(contents(good)[1].items())), "manifest.json"),
        "newer_schema_in_manifest": ((lambda m: ({**m[0], "schema_version": 999}, list(m[1].items())))(
            contents(good)), "更新版本"),
        "newer_schema_in_database": (with_database(good, lambda c: c.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('auditor', '0099_future', '2099-01-01')")), "更新版本"),
        "foreign_schema": (with_database(good, lambda c: c.executescript(
            "".join(f"DROP TABLE IF EXISTS {t};" for t, in c.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'contracts'"
            ).fetchall()))), "不是本程序"),
        "extra_trigger": (with_database(good, lambda c: c.execute(
            "CREATE TRIGGER evil AFTER INSERT ON months BEGIN DELETE FROM contracts; END")), "不是本程序"),
        "garbage_db": ((lambda m: ({**m[0], "files": {**m[0]["files"],
                                                      "auditor.db": sha(b"SQLite format 3\0" + b"\xff" * 4080)}},
                                   [*((n, d) for n, d in m[1].items() if n != "auditor.db"),
                                    ("auditor.db", b"SQLite format 3\0" + b"\xff" * 4080)]))(contents(good)), "已损坏"),
        "not_a_database": ((lambda m: ({**m[0], "files": {**m[0]["files"], "auditor.db": sha(b"hello")}},
                                       [*((n, d) for n, d in m[1].items() if n != "auditor.db"),
                                        ("auditor.db", b"hello")]))(contents(good)), "auditor.db"),
        "not_a_zip": (b"PK\x03\x04 not really a zip", "不是本程序的备份"),
        "zero_bytes": (b"", "不是本程序的备份"),
        "truncated": (good.read_bytes()[: good.stat().st_size // 2], "不是本程序的备份"),
    }


CASES = ["zip_slip", "double_slash_absolute", "absolute", "drive", "unc", "backslashes", "backslash_in_evidence",
         "nul_in_name", "directory_member", "duplicate", "symlink", "bomb", "tampered_member", "name_not_its_hash",
         "wrong_pattern_upper", "wrong_pattern_suffix", "wrong_pattern_other", "wrong_prefix", "not_in_manifest",
         "missing_member", "tampered_manifest", "manifest_not_json", "manifest_wrong_format", "no_manifest",
         "newer_schema_in_manifest", "newer_schema_in_database", "foreign_schema", "extra_trigger", "garbage_db",
         "not_a_database", "not_a_zip", "zero_bytes", "truncated"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_backup_is_refused_and_nothing_is_written(db, good, tmp_path, capsys, case):
    content, named = cases(good, tmp_path)[case]
    bad = tmp_path / "in" / f"{case}.zip"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        build(bad, *content)
        if case == "nul_in_name":
            bad.write_bytes(bad.read_bytes().replace(NUL_PLACEHOLDER.encode(), b"auditor.db\0/../../x"))
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=(bad.name, named))
    assert tree(tmp_path) == before
    with pytest.raises(InputError):
        check_backup(bad)                     # what the app's menu asks first
    assert tree(tmp_path) == before


def patch_sizes(path: Path, member: str, file_size: int) -> None:
    """Rewrite the uncompressed size ``member`` declares, in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    encoded = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, at + offset, file_size)
            start = at + 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("declared", [1000, 0xFFFFFFF0])
def test_a_bomb_that_lies_about_its_size_is_refused(db, good, tmp_path, capsys, declared):
    """The header says 1000 bytes (or 4 GiB) but the data inflates to 24 MiB: the reader counts what it gets."""
    name = f"evidence/{sha(ZEROS)[:2]}/{sha(ZEROS)}"
    bad = build(tmp_path / "in" / "liar.zip", *with_member(good, name, ZEROS))
    patch_sizes(bad, name, declared)
    before = tree(tmp_path)
    refused(db, ["restore", str(bad)], capsys, names=(bad.name,))
    assert tree(tmp_path) == before


def test_limits_on_the_total_size_and_the_number_of_members(db, good, tmp_path, capsys, monkeypatch):
    """Many small honest members add up: the total is capped (limits lowered here, the logic is the same)."""
    import auditor.backup as backup

    manifest, members = contents(good)
    for n in range(20):
        data = f"证据 {n}\n".encode() * 1000
        manifest["files"][f"evidence/{sha(data)[:2]}/{sha(data)}"] = sha(data)
        members[f"evidence/{sha(data)[:2]}/{sha(data)}"] = data
    many = build(tmp_path / "in" / "many.zip", manifest, list(members.items()))
    before = tree(tmp_path)
    monkeypatch.setattr(backup, "MAX_TOTAL_BYTES", sum(len(d) for d in members.values()) - 1)
    refused(db, ["restore", str(many)], capsys, names=(many.name, "总大小"))
    monkeypatch.undo()
    monkeypatch.setattr(backup, "MAX_MEMBERS", 10)
    refused(db, ["restore", str(many)], capsys, names=(many.name, "成员"))
    assert tree(tmp_path) == before


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_a_backup_path_that_is_not_a_file(db, tmp_path, capsys, what):
    target = tmp_path / "nowhere.zip"
    if what == "folder":
        target.mkdir()
    refused(db, ["restore", str(target)], capsys, names=target.name)


def test_the_restored_evidence_lives_under_its_computed_hash_only(db, good, tmp_path, capsys):
    """The control: the good backup restores, and writes nothing but the database and hash-named evidence."""
    assert main(["--db", str(db), "restore", str(good)]) == 0
    evidence = db.with_name("live-evidence")
    files = [p for p in evidence.rglob("*") if p.is_file()]
    assert files and all(p.name == sha(p.read_bytes()) and p.parent.name == p.name[:2] for p in files)
    outside = {p.name for p in (tmp_path / "home").iterdir()}
    assert outside == {"data"}
