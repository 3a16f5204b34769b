"""A restore killed at every step leaves exactly the old state or exactly the new one, never none and
never a mix; and a database that is missing but evidently existed is not silently recreated empty."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.backup import KILL_POINTS
from auditor.calendar import Period
from auditor.cli import main
from auditor.opening import open_database

from .builders import record
from .hostile import refused

ROOT = Path(__file__).resolve().parents[2]
BEFORE_JOURNAL = {"staging-db", "staging-evidence", "staged", "journal-written"}


def evidence_of(db: Path) -> dict[str, str]:
    folder = db.with_name(db.stem + "-evidence")
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def opened(db: Path) -> tuple[str, dict[str, str]]:
    """Open as the next command would (finishing an interrupted restore): content digest and evidence,
    after checking the audit chain is clean."""
    store = open_database(db)
    try:
        report = store.verify_audit()
        assert report.ok, report.problems[:5]
        return store.content_digest(), evidence_of(db)
    finally:
        store.close()


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """A data folder whose database has work after its backup (left in a -wal, as by a crash), the
    backup, and the old and new states as (digest, evidence)."""
    root = tmp_path_factory.mktemp("restore-kill")
    template = root / "template"
    template.mkdir()
    db = template / "live.db"
    store = open_database(db)
    record(store, store.contracts.get("henan-2025"), "2025-10")
    first = root / "话单.csv"
    first.write_text("a,b\n1,2\n", encoding="utf-8")
    store.evidence.add("henan-2025", Period(2025, 10), "HN-02", first)
    store.close()
    backup = root / "backup.zip"
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    second = root / "排班表.csv"
    second.write_text("x\n3\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tests.core.restore_worker", "leave-wal", str(db), str(second)],
                   cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    for shm in template.glob("*-shm"):
        shm.unlink()
    assert Path(f"{db}-wal").stat().st_size > 0
    scratch = root / "scratch"
    shutil.copytree(template, scratch)
    old = opened(scratch / "live.db")
    assert main(["--db", str(scratch / "live.db"), "restore", str(backup)]) == 0
    new = opened(scratch / "live.db")
    assert old != new and len(old[1]) == 2 and len(new[1]) == 1
    return template, backup, old, new


def run_killed(point: str, db: Path, backup: Path) -> None:
    if point == "moved-wal":  # only reachable with a -wal left behind; the CLI checkpoints it away
        command = [sys.executable, "-m", "tests.core.restore_worker", "restore", str(db), str(backup)]
    else:
        command = [sys.executable, "-m", "auditor.cli", "--db", str(db), "restore", str(backup)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), AUDITOR_TEST_KILL_AT=point)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr.decode(errors="replace"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_at_every_step_leaves_the_old_or_the_new_state(states, tmp_path, point):
    template, backup, old, new = states
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    db = folder / "live.db"
    run_killed(point, db, backup)
    state = opened(db)
    names = {p.name for p in folder.iterdir()}
    assert "live.db.restore-journal" not in names and "live.db.restore-journal.tmp" not in names
    kept = sorted(folder.glob("live.before-restore-*.db"))
    if point in BEFORE_JOURNAL:  # the journal is the commit point: before it, nothing was touched
        assert state == old, point
        assert not kept and not any("before-restore" in n for n in names)
        assert all(n.startswith("live.db") or n == "live-evidence" or ".restoring-" in n for n in names), names
        assert main(["--db", str(db), "restore", str(backup)]) == 0   # the next restore clears what was left
        assert opened(db) == new
        assert not any(".restoring-" in p.name for p in folder.iterdir())
    else:                        # after it, the next open finishes the swap
        assert state == new, point
        assert len(kept) == 1, kept
        assert opened(kept[0]) == old                           # the previous state, whole, with its evidence
        assert not any(".restoring-" in n for n in names)


# ------------------------------------------------------------------ a database that went missing

@pytest.fixture
def lived(tmp_path) -> Path:
    db = tmp_path / "live.db"
    store = open_database(db)
    record(store, store.contracts.get("henan-2025"), "2025-10")
    evidence = tmp_path / "话单.csv"
    evidence.write_text("a,b\n1,2\n", encoding="utf-8")
    store.evidence.add("henan-2025", Period(2025, 10), "HN-02", evidence)
    store.close()
    return db


@pytest.mark.parametrize("left", ["head", "evidence", "wal", "kept", "journal_tmp"])
def test_a_lost_database_is_not_recreated_empty(lived, tmp_path, capsys, left):
    """Each sign alone is enough: the database existed, so a new empty one would hide the loss."""
    db = lived
    head, evidence = Path(f"{db}.audit-head"), db.with_name("live-evidence")
    db.unlink()
    if left != "head":
        head.unlink()
    if left != "evidence":
        shutil.rmtree(evidence)
    if left == "wal":
        Path(f"{db}-wal").write_bytes(b"")
    if left == "kept":
        db.with_name("live.before-restore-20250101-000000-0123abcd.db").write_bytes(b"")
    if left == "journal_tmp":  # a journal never put in place is not a sign; nothing else is left
        Path(f"{db}.restore-journal.tmp").write_text("{}", encoding="utf-8")
        assert main(["--db", str(db), "contracts"]) == 0
        assert not Path(f"{db}.restore-journal.tmp").exists()
        return
    message = refused(db, ["contracts"], capsys, names=(str(db), "不会新建"))
    assert not db.exists(), message


def test_a_new_path_still_creates_a_database(tmp_path, capsys):
    db = tmp_path / "new" / "fresh.db"
    assert main(["--db", str(db), "contracts"]) == 0
    assert db.exists()


@pytest.mark.parametrize("content", ["not json", json.dumps({"format": "auditor-restore-journal", "version": 1,
                                                             "staging": "../../etc", "keep": "x", "present": []}),
                                     json.dumps([1, 2])])
def test_a_damaged_restore_journal_stops_the_open(lived, capsys, content):
    """The journal says which files to rename: one that does not name our own files is not followed."""
    Path(f"{lived}.restore-journal").write_text(content, encoding="utf-8")
    refused(lived, ["contracts"], capsys, names=("live.db.restore-journal", "已损坏"))
