"""The Qt binding itself must not bring the app down.

PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing; on CPython 3.11 (None not
yet immortal) the interpreter aborts with "deallocating None" after ~13,000 such calls — minutes of real
use. Importing ``ui`` (as the app and every page does) makes None immortal there; this test runs far more
calls than that in a child process, as the app would.
"""
from __future__ import annotations

import os
import subprocess
import sys

CALLS = 50_000

PROGRAM = f"""
import ui  # what every part of the app imports first
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range({CALLS}):
    label.setText("在岗")
print("ok")
"""


def test_fifty_thousand_qt_calls_do_not_abort_the_app():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=120,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
