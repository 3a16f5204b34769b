"""A henan month through the window (tests/ui/henan_month.py): the keystrokes and clicks of each step, and the
longest stall of the GUI thread in each (bench_gui.py's 2 ms heartbeat, from the step's first event until
its work on the workers is done and the window is idle again). The event loop runs between two of the
step's keystrokes or clicks, as it does between a user's: a stall is what one event (or a worker's result)
holds the thread, not a step's whole burst of typing.

    .venv/bin/python benchmarks/bench_day.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_gui import Heartbeat, stall

    app = QApplication([])
    beat = Heartbeat()
    from auditor.storage import open_store
    from tests.core.builders import inspector
    from tests.ui.henan_month import TODAY, Count, steps
    from ui.fonts import install_app_font
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    install_app_font(app)
    install_language(app, "zh_CN")
    baseline = bare_tab_switch(app, beat)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["AUDITOR_STATE_DIR"] = str(folder / "state")
        store = open_store(folder / "month.db")
        inspector(store)
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_contract", "henan-2025")
        settings.setValue("last_month/henan-2025", "2025-10")
        window = MainWindow(store, settings, today=TODAY)
        window.personnel.today = TODAY
        window.show()
        window.activateWindow()
        window.tabs.setCurrentWidget(window.walkthrough)
        count = Count()
        count.between = app.processEvents  # the heartbeat ticks between two keystrokes: a stall is one event's
        rows = []
        for step in steps(window, folder, count, folder / "printed.pdf"):
            before = (count.keys, count.clicks)
            longest = stall(app, beat, step.act, busy=lambda s=step: not s.done())
            rows.append((step.name, count.keys - before[0], count.clicks - before[1], longest * 1000))
        window.close()
        store.close()
    width = max(len(name) for name, *_ in rows) + 2
    print(f"{'step':<{width}} keys clicks  longest GUI stall")
    for name, keys, clicks, ms in rows:
        print(f"{name:<{width}} {keys:>4} {clicks:>6}  {ms:8.1f} ms")
    longest = max(r[3] for r in rows)
    print(f"{'total':<{width}} {count.keys:>4} {count.clicks:>6}  {longest:8.1f} ms (longest) = "
          f"{longest / baseline:.1f}× a bare QTabWidget switch ({baseline:.1f} ms, same run, same measure); "
          f"target: no stall over 100 ms")


def bare_tab_switch(app, beat) -> float:
    """The baseline: the same stall measure over a bare window's tab switch (median of five), in ms."""
    from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

    from benchmarks.bench_gui import stall

    bare, tabs = QMainWindow(), QTabWidget()
    tabs.addTab(QLabel("12345"), "a")
    tabs.addTab(QLabel("67890"), "b")
    bare.setCentralWidget(tabs)
    bare.resize(1200, 760)
    bare.show()
    spent = sorted(stall(app, beat, lambda n=n: tabs.setCurrentIndex(n % 2)) for n in range(1, 6))[2]
    bare.close()
    return spent * 1000


if __name__ == "__main__":
    main()
