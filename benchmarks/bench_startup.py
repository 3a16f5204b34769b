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

# The real start path: ``ui.app.main`` (single instance, logs, translations, database, window). Prints the
# first paint of the main window, then when it is built and showing its month ("ready": clickable).
APP = """
import time; START = time.perf_counter()
import os, sys
SETTLE = sys.argv[2] == "settle"
from PySide6.QtCore import QObject, QEvent
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            print(f"{time.perf_counter() - START:.4f}", flush=True)
            HEART.start(0)
        return False
from PySide6.QtCore import QTimer
LAST, LONGEST = [0.0], [0.0]
def beat():  # from the first paint to ready: the longest time the event loop did not run (a stall)
    now = time.perf_counter()
    if LAST[0]:
        LONGEST[0] = max(LONGEST[0], now - LAST[0])
    LAST[0] = now
HEART = QTimer(); HEART.timeout.connect(beat)
from PySide6.QtWidgets import QMessageBox
QMessageBox.warning = lambda *a: print("warning:", a[2], file=sys.stderr, flush=True)  # never wait for a click
import ui.app
opened = ui.app.open_window
def probed(store, settings):
    window = opened(store, settings)
    window.installEventFilter(PROBE)
    def ready():
        beat()
        print(f"{time.perf_counter() - START:.4f}", flush=True)
        print(f"{LONGEST[0]:.4f}", flush=True)
        if SETTLE:  # as a session that ran to the end of its full check: the checkpoint is kept
            window.audit_check.finished.connect(lambda report: (print("ok" if report.ok else report.problems,
                                                                      flush=True), os._exit(0)))
        else:
            os._exit(0)  # at once: the full check may still run on its worker
    window.ready.connect(ready)
    return window
PROBE = Probe()
ui.app.open_window = probed
ui.app.main(["auditor-app", "--db", sys.argv[1]])
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
WINDOW = MainWindow(open_database(sys.argv[1]), QSettings(sys.argv[2] + "/auditor/auditor.conf",
                                                           QSettings.Format.IniFormat))
probe = Probe(); WINDOW.installEventFilter(probe); WINDOW.show()
WINDOW.store.verify_audit()
APP.exec()
"""


def settings_for(folder: Path, years: int) -> Path:
    """The window opens on the first contract's latest month with data (as a user left it); ``main`` reads
    QSettings("auditor", "auditor"), which lives under $XDG_CONFIG_HOME on Linux (given to the child)."""
    from PySide6.QtCore import QSettings

    from auditor.calendar import Period
    from benchmarks.data import CONTRACTS, START

    config = folder / f"config-{years}"
    path = config / "auditor" / "auditor.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    contract = CONTRACTS[0][1]
    settings.setValue("last_contract", contract)
    settings.setValue(f"last_month/{contract}", str(Period(*START).shift(max(years * 12 - 1, 0))))
    settings.setValue("welcomed", "1")
    settings.sync()
    return config


def run(code: str, *args: str, env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip().splitlines()


def measure(code: str, *args: str, env: dict[str, str], runs: int = RUNS) -> list[list[float]]:
    """Each run's printed times (first paint[, ready, longest stall between them])."""
    return [[float(line) for line in run(code, *args, env=env)[:3]] for _ in range(runs)]


def main() -> None:
    from benchmarks.data import YEARS, fresh_copy, size_mb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                   AUDITOR_STATE_DIR=str(folder / "state"), AUDITOR_LOG_DIR=str(folder / "logs"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc: never time the compiler
        databases = {years: fresh_copy(years, folder) for years in YEARS}
        run(BARE, env=env)  # warm-up (page cache, .pyc)
        print(f"Each start is paired with a bare PySide6 window started just before it (the baseline; a busy "
              f"machine slows both); medians of {RUNS} pairs.")
        for years, db in databases.items():
            # each its own anchors: the three databases share one identity (each grew from the smaller one)
            env["AUDITOR_STATE_DIR"] = str(folder / f"state-{years}")
            config = settings_for(folder, years)
            env["XDG_CONFIG_HOME"] = str(config)
            first = [float(t) for t in run(APP, str(db), "settle", env=env)[:2]]  # no checkpoint yet here
            bare, later = [], []
            for _ in range(RUNS):
                bare += [times[0] for times in measure(BARE, env=env, runs=1)]
                later += measure(APP, str(db), "paint", env=env, runs=1)
            b = statistics.median(bare)
            before = statistics.median(times[0] for times in measure(BEFORE, str(db), str(config), env=env, runs=3))
            paint = statistics.median(t[0] / w for t, w in zip(later, bare, strict=True))
            ready = statistics.median(t[1] / w for t, w in zip(later, bare, strict=True))
            stall = max(times[2] for times in later)
            print(f"{years} years ({size_mb(db):.0f} MB): bare window {b * 1000:.0f} ms; auditor (ui.app.main) first "
                  f"paint {statistics.median(t[0] for t in later) * 1000:.0f} ms = {paint:.2f}× the bare window "
                  f"(target ≤ 1.5×: {'met' if paint <= 1.5 else 'NOT met'}); ready (pages built, the month shown) "
                  f"{statistics.median(t[1] for t in later) * 1000:.0f} ms = {ready:.2f}×, the longest GUI-thread "
                  f"stall in between {stall * 1000:.0f} ms (the worst of {RUNS}); first start on this machine (no "
                  f"checkpoint): paint {first[0] * 1000:.0f} ms, ready {first[1] * 1000:.0f} ms; with the full "
                  f"check before the first paint (the start path before issue 15) {before * 1000:.0f} ms = "
                  f"{before / b:.2f}×")


if __name__ == "__main__":
    main()
