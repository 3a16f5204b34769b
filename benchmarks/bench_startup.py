"""Start-up time to the first painted main window, next to a bare PySide6 window, at 0, 1 and 3 years of data.

The real start path (``ui.app.open_window``: the window, the audit check before the first paint, the full
check queued on a worker) on the databases of benchmarks/data.py (2 contracts × 2,000 persons, every month
recorded, imported, reconciled, finalised and signed). Each variant is started RUNS times in a fresh
process (offscreen), timed from process start to the first paint event of the window. Before the timed
starts, one start runs until its full check is done, as the previous session on the machine would have:
later starts check only what changed since. The first start on a machine (no checkpoint) is shown too.

    .venv/bin/python benchmarks/bench_startup.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 7

PAINT_PROBE = """
import os, time, sys
from PySide6.QtCore import QObject, QEvent, QTimer
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is WINDOW and not getattr(self, "done", False):
            self.done = True
            print(f"{time.perf_counter() - START:.4f}", flush=True)
            if not SETTLE:
                os._exit(0)  # at once: the full check may still run on its worker
        return False
"""

BARE = """
import time; START = time.perf_counter(); SETTLE = False
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
APP = QApplication([])
""" + PAINT_PROBE + """
WINDOW = QMainWindow(); WINDOW.setCentralWidget(QLabel("12345")); probe = Probe(); WINDOW.installEventFilter(probe)
WINDOW.resize(1100, 700); WINDOW.show(); APP.exec()
"""

APP = """
import time; START = time.perf_counter()
import sys
SETTLE = sys.argv[3] == "settle"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
APP = QApplication([])
""" + PAINT_PROBE + """
from PySide6.QtWidgets import QMessageBox
QMessageBox.warning = lambda *a: print("warning:", a[2], file=sys.stderr, flush=True)  # never wait for a click
from ui.fonts import install_app_font
from auditor.opening import open_database
from ui.app import open_window
install_app_font(APP)
WINDOW = open_window(open_database(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
probe = Probe(); WINDOW.installEventFilter(probe)
if SETTLE:  # as a session that ran to the end of its full check: the checkpoint is kept
    WINDOW.audit_check.finished.connect(lambda report: (print("ok" if report.ok else report.problems, flush=True),
                                                        os._exit(0)))
APP.exec()
"""

# The start path before issue 15, for comparison in the same run: the full check before the first paint.
BEFORE = """
import time; START = time.perf_counter(); SETTLE = False
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
APP = QApplication([])
""" + PAINT_PROBE + """
from ui.fonts import install_app_font
from auditor.opening import open_database
from ui.main_window import MainWindow
install_app_font(APP)
WINDOW = MainWindow(open_database(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
probe = Probe(); WINDOW.installEventFilter(probe); WINDOW.show()
WINDOW.store.verify_audit()
APP.exec()
"""


def settings_for(folder: Path, years: int) -> Path:
    """The window opens on the first contract's latest month with data (as a user left it)."""
    from PySide6.QtCore import QSettings

    from auditor.calendar import Period
    from benchmarks.data import CONTRACTS, START

    path = folder / f"settings-{years}.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    contract = CONTRACTS[0][1]
    settings.setValue("last_contract", contract)
    settings.setValue(f"last_month/{contract}", str(Period(*START).shift(max(years * 12 - 1, 0))))
    settings.sync()
    return path


def run(code: str, *args: str, env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip().splitlines()


def measure(code: str, *args: str, env: dict[str, str], runs: int = RUNS) -> list[float]:
    return [float(run(code, *args, env=env)[-1]) for _ in range(runs)]


def main() -> None:
    from benchmarks.data import YEARS, fresh_copy, size_mb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                   AUDITOR_STATE_DIR=str(folder / "state"), AUDITOR_LOG_DIR=str(folder / "logs"))
        databases = {years: fresh_copy(years, folder) for years in YEARS}
        bare = measure(BARE, env=env)
        b = statistics.median(bare)
        print(f"bare PySide6 window: median {b * 1000:.0f} ms over {RUNS} runs (min {min(bare) * 1000:.0f})")
        for years, db in databases.items():
            # each its own anchors: the three databases share one identity (each grew from the smaller one)
            env["AUDITOR_STATE_DIR"] = str(folder / f"state-{years}")
            ini = str(settings_for(folder, years))
            first = float(run(APP, str(db), ini, "settle", env=env)[0])  # no checkpoint yet on this machine
            later = measure(APP, str(db), ini, "paint", env=env)
            before = statistics.median(measure(BEFORE, str(db), ini, env=env, runs=3))
            a = statistics.median(later)
            print(f"auditor main window, {years} years ({size_mb(db):.0f} MB): median {a * 1000:.0f} ms "
                  f"(min {min(later) * 1000:.0f}) = {a / b:.2f}× the bare window; "
                  f"first start on this machine (no checkpoint) {first * 1000:.0f} ms = {first / b:.2f}×; "
                  f"with the full check before the first paint (the start path before) {before * 1000:.0f} ms "
                  f"= {before / b:.2f}×")


if __name__ == "__main__":
    main()
