"""A bundle import killed at every step leaves the office as it was or fully imported, never a mix: the
audit chain is clean, the evidence folder holds exactly the files of one state or the other (nothing
stray, nothing missing), and no staging is left once the database has been opened again."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import pki
from auditor.bundle import KILL_POINTS, export_bundle
from auditor.cli import main
from auditor.opening import open_database

from .builders import PASS
from .test_bundle import build_laptop

ROOT = Path(__file__).resolve().parents[2]
BEFORE_COMMIT = {"bundle-staged", "bundle-written"}
TABLES = ("contracts", "months", "month_history", "measurements", "measurement_events", "headcounts", "findings",
          "evidence", "submissions", "imports", "import_rows", "spot_checks", "spot_marks", "commitments",
          "departure_approvals", "confidentiality_checks", "staffing_changes", "received_documents", "certificates")


def evidence_of(db: Path) -> dict[str, str]:
    folder = db.with_name(db.stem + "-evidence")
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def opened(db: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Open as the next command would (finishing or clearing an interrupted import): rows per table and the
    evidence files, after checking the audit chain and that every evidence row has its file."""
    store = open_database(db)
    try:
        report = store.verify_audit()
        assert report.ok, report.problems[:5]
        for (sha,) in store.db.execute("SELECT sha256 FROM evidence"):
            assert store.evidence.path_of(sha).is_file(), sha
        counts = {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        store.close()
    assert not any(".incoming-" in p.name for p in db.parent.iterdir())
    return counts, evidence_of(db)


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The office's folder before the import, the bundle, and the states before and after it."""
    root = tmp_path_factory.mktemp("bundle-kill")
    laptop, identity = build_laptop(root / "laptop")
    bundle = root / "a.bundle"
    export_bundle(laptop, "henan-2025", bundle, identity.p12, PASS)
    template = root / "template"
    template.mkdir()
    office = open_database(template / "office.db", seed=False)
    office.trust.add_root(pki.load_certificate(laptop.trust.agency_root()[1]))
    office.close()
    laptop.close()
    scratch = root / "scratch"
    shutil.copytree(template, scratch)
    old = opened(scratch / "office.db")
    assert main(["--db", str(scratch / "office.db"), "bundle", "import", str(bundle)]) == 0
    new = opened(scratch / "office.db")
    assert old != new and not old[1] and len(new[1]) == 1
    return template, bundle, old, new


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_at_every_step_leaves_the_office_as_it_was_or_fully_imported(states, tmp_path, point):
    template, bundle, old, new = states
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    db = folder / "office.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT), AUDITOR_TEST_KILL_AT=point)
    done = subprocess.run([sys.executable, "-m", "auditor.cli", "--db", str(db), "bundle", "import", str(bundle)],
                          cwd=ROOT, env=env, capture_output=True)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr.decode(errors="replace"))
    if point in ("bundle-staged", "bundle-committed"):  # the staged file is beside (not in) the evidence folder
        assert any(".incoming-" in p.name for p in folder.iterdir()) and evidence_of(db) == old[1]
    state = opened(db)
    assert state == (old if point in BEFORE_COMMIT else new), point
    assert main(["--db", str(db), "bundle", "import", str(bundle)]) == 0   # and the import can be run again
    assert opened(db) == new
