"""Backup and restore round trip, refusals, and the previous database kept."""
import json
import sqlite3
import zipfile

import pytest

from auditor.calendar import Period
from auditor.cli import main
from auditor.opening import open_database

from .builders import digest, record


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "live.db"
    store = open_database(path)
    record(store, store.contracts.get("henan-2025"), "2025-10")
    evidence = tmp_path / "话单.csv"
    evidence.write_text("a,b\n1,2\n", encoding="utf-8")
    store.evidence.add("henan-2025", Period(2025, 10), "HN-02", evidence)
    store.close()
    return path


def test_round_trip_keeps_the_previous_database(db, tmp_path, capsys):
    backup = tmp_path / "b.zip"
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    saved = digest(db)
    store = open_database(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")          # work after the backup
    evidence_dir = store.evidence_dir
    store.close()
    after = digest(db)
    for f in evidence_dir.rglob("*"):
        if f.is_file():
            f.unlink()                                                   # evidence lost on this laptop
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert digest(db) == saved
    kept = next(db.parent.glob("live.before-restore-*.db"))
    assert digest(kept) == after and kept.name in out
    store = open_database(db)
    [evidence] = store.evidence.list("henan-2025", Period(2025, 10))
    assert store.evidence.verify(evidence)                               # the evidence came back too
    assert store.verify_audit().ok
    store.close()


@pytest.mark.parametrize("case", ["not_zip", "no_manifest", "tampered", "newer_schema", "broken_db"])
def test_restore_refuses_what_is_not_a_valid_backup(db, tmp_path, capsys, case):
    good = tmp_path / "good.zip"
    main(["--db", str(db), "backup", str(good)])
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        database = archive.read("auditor.db")
    if case == "not_zip":
        bad.write_bytes(b"PK not really a zip")
    else:
        with zipfile.ZipFile(bad, "w") as archive:
            if case != "no_manifest":
                if case == "newer_schema":
                    manifest["schema_version"] = 999
                if case == "broken_db":
                    database = b"SQLite format 3\x00" + b"\x00" * 200
                    import hashlib

                    manifest["files"]["auditor.db"] = hashlib.sha256(database).hexdigest()
                archive.writestr("manifest.json", json.dumps(manifest))
            archive.writestr("auditor.db", database + (b"x" if case == "tampered" else b""))
    before = digest(db)
    capsys.readouterr()
    assert main(["--db", str(db), "restore", str(bad)]) == 2
    assert "错误" in capsys.readouterr().err
    assert digest(db) == before
    assert not list(db.parent.glob("live.before-restore-*"))


def test_backup_is_consistent_while_the_app_writes(db, tmp_path):
    from auditor.backup import backup

    store = open_database(db)
    writer = sqlite3.connect(db, isolation_level=None)                   # another writer, mid-transaction
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE months SET late_days = 3")
    backup(store, tmp_path / "mid.zip")
    writer.execute("ROLLBACK")
    writer.close()
    store.close()
    with zipfile.ZipFile(tmp_path / "mid.zip") as archive:
        (tmp_path / "x.db").write_bytes(archive.read("auditor.db"))
    copy = sqlite3.connect(tmp_path / "x.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT late_days FROM months").fetchall() == [(0,)]  # the committed state only


def test_two_restores_in_the_same_second_keep_both_previous_states(db, tmp_path, capsys):
    """Each restore keeps what it replaced under its own name (time + random suffix), however fast."""
    backup = tmp_path / "b.zip"
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    saved = digest(db)
    store = open_database(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")
    store.close()
    after = digest(db)
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    kept = sorted(db.parent.glob("live.before-restore-*.db"))
    assert len(kept) == 2
    assert sorted(digest(k) for k in kept) == sorted([after, saved])
    for k in kept:                                                       # each with its own evidence
        assert (k.with_name(k.stem + "-evidence")).is_dir()


@pytest.mark.parametrize("target", ["live.db", "live.db.audit-head", "live-evidence/x.zip", "missing/x.zip"])
def test_backup_never_lands_on_the_live_files(db, capsys, target):
    from .hostile import refused

    refused(db, ["backup", str(db.parent / target)], capsys, names=str((db.parent / target).parent))
    assert not list(db.parent.glob("*.partial"))


def test_evidence_that_no_longer_matches_its_hash_is_left_out_and_named(db, tmp_path, capsys):
    """A damaged evidence file would make the whole backup unrestorable (its bytes are not its name)."""
    store = open_database(db)
    [evidence] = store.evidence.list("henan-2025", Period(2025, 10))
    store.evidence.path_of(evidence.sha256).write_text("changed", encoding="utf-8")
    store.close()
    backup = tmp_path / "b.zip"
    capsys.readouterr()
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    assert evidence.sha256 in capsys.readouterr().err
    with zipfile.ZipFile(backup) as archive:
        assert json.loads(archive.read("manifest.json"))["missing"] == [evidence.sha256]
    assert main(["--db", str(db), "restore", str(backup)]) == 0


def test_restore_into_a_folder_with_no_database_yet(tmp_path, db):
    from auditor.backup import backup, restore

    store = open_database(db)
    backup(store, tmp_path / "b.zip")
    saved = store.content_digest()
    store.close()
    fresh = tmp_path / "elsewhere" / "new.db"
    fresh.parent.mkdir()
    assert restore(fresh, tmp_path / "b.zip") is None
    assert digest(fresh) == saved
    assert [p.name for p in fresh.parent.iterdir() if "before-restore" in p.name or "restor" in p.name] == []


def test_a_lost_database_comes_back_from_its_backup_in_place(tmp_path, capsys):
    from auditor.cli import main

    db = tmp_path / "lost.db"
    assert main(["--db", str(db), "init"]) == 0
    assert main(["--db", str(db), "backup", str(tmp_path / "b.zip")]) == 0
    db.unlink()
    capsys.readouterr()
    assert main(["--db", str(db), "contracts"]) == 2                      # not silently recreated empty
    assert "auditor restore" in capsys.readouterr().err
    assert main(["--db", str(db), "restore", str(tmp_path / "b.zip")]) == 0
    assert main(["--db", str(db), "contracts"]) == 0 and "henan-2025" in capsys.readouterr().out
    assert main(["--db", str(db), "audit", "verify"]) == 0
