"""Start-up time to the first painted main window, next to a bare PySide6 window.

A database with both built-in contracts and 12 finalised months each is made
first; then each variant is started N times in a fresh process (offscreen),
timing from process start to the first paint event of the window.
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
import time, sys
from PySide6.QtCore import QObject, QEvent, QTimer
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is WINDOW:
            print(f"{time.perf_counter() - START:.4f}")
            QTimer.singleShot(0, APP.quit)
            self.done = True
        return False
"""

BARE = """
import time; START = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
APP = QApplication([])
""" + PAINT_PROBE + """
WINDOW = QMainWindow(); WINDOW.setCentralWidget(QLabel("12345")); probe = Probe(); WINDOW.installEventFilter(probe)
WINDOW.resize(1100, 700); WINDOW.show(); APP.exec()
"""

APP = """
import time; START = time.perf_counter()
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
APP = QApplication([])
""" + PAINT_PROBE + """
from ui.fonts import install_app_font
from auditor.opening import open_database
from ui.main_window import MainWindow
install_app_font(APP)
WINDOW = MainWindow(open_database(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
probe = Probe(); WINDOW.installEventFilter(probe); WINDOW.show(); APP.exec()
"""


def make_database(path: Path) -> None:
    from auditor.calendar import months_between
    from auditor.service import finalize_month
    from auditor.storage import open_store
    from tests.core.builders import record

    store = open_store(path)
    for contract in store.contracts.list():
        for period in months_between(contract.first_period, contract.last_period):
            record(store, contract, str(period))
            finalize_month(store, contract, period)
    store.close()


def measure(code: str, *args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "startup.db"
        make_database(db)
        bare = measure(BARE)
        app = measure(APP, str(db), str(Path(tmp) / "settings.ini"))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window: median {b * 1000:.0f} ms over {RUNS} runs (min {min(bare) * 1000:.0f})")
    print(f"auditor main window (2 contracts × 12 finalised months): median {a * 1000:.0f} ms "
          f"(min {min(app) * 1000:.0f})")
    print(f"ratio: {a / b:.2f}×")


if __name__ == "__main__":
    main()
