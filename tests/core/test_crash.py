"""Crash safety: SIGKILL at random moments during imports and saves, many times (WAL, one transaction each)."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.storage import open_store

from .test_personnel import IDS, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
KILLS = 25


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_at_random_moments(tmp_path):
    roster = [["姓名", "身份证号", "岗位类别", "入职日期"]] + [[f"员工{n}", IDS[n % 8], "一线", "2024-01-01"]
                                                        for n in range(300)]
    write_xlsx(tmp_path / "roster.xlsx", roster)
    write_csv(tmp_path / "payroll.csv",
              [["姓名", "应发工资", "实发工资"]] + [[f"员工{n}", 5000, 4300] for n in range(300)])
    db = tmp_path / "crash.db"
    open_store(db).close()
    rng = random.Random(2025)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    progressed = 0
    for attempt in range(KILLS):
        worker = subprocess.Popen([sys.executable, "-m", "tests.core.crash_worker", str(db), str(tmp_path)],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.4, 1.6))
        worker.send_signal(signal.SIGKILL)
        out, err = worker.communicate()
        assert b"Traceback" not in err, err.decode(errors="replace")
        progressed += len(out.splitlines())
        check_consistent(db, attempt)
    assert progressed > KILLS, "the worker must have done real work between kills"


def check_consistent(db: Path, attempt: int) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", attempt
        # each import wholly there or wholly absent
        for import_id, count in conn.execute("SELECT id, row_count FROM imports"):
            rows = conn.execute("SELECT COUNT(*) FROM import_rows WHERE import_id = ?", [import_id]).fetchone()[0]
            assert rows == count == 300, (attempt, import_id, rows, count)
        # each recorded month whole: every monthly item of henan-2025 and the three roles
        for period, measurements in conn.execute(
                "SELECT period, COUNT(*) FROM measurements GROUP BY period"):
            expected = 9 if period in ("2025-11", "2026-02", "2026-05", "2026-08") else 5
            assert measurements == expected, (attempt, period, measurements)
        for period, roles in conn.execute("SELECT period, COUNT(*) FROM headcounts GROUP BY period"):
            assert roles == 3, (attempt, period, roles)
    finally:
        conn.close()
    store = open_store(db)
    try:
        report = store.verify_audit()
        assert report.ok, (attempt, report.problems[:5])
    finally:
        store.close()
