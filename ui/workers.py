"""Long work off the GUI thread, with a progress dialog and Cancel (STYLE pattern 2).

The work is a plain function ``fn(progress, cancelled)``; it never touches
widgets. Results and errors come back through signals on the GUI thread.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .i18n import tr


class _Signals(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    def __init__(self, fn: Callable[[Callable[[float, str], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            result = self.fn(lambda f, m="": self.signals.progress.emit(f, m), lambda: self._cancelled)
        except BaseException as exc:  # noqa: BLE001 — reported to the GUI thread (its traceback kept), never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def run_with_progress(parent: QWidget, title: str, fn, on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> Worker:
    dialog = QProgressDialog(title, tr("取消"), 0, 1000, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    worker = Worker(fn)
    worker.signals.progress.connect(lambda f, m: (dialog.setValue(int(f * 1000)), m and dialog.setLabelText(m)))
    worker.signals.done.connect(lambda r: (dialog.reset(), on_done(r)))
    worker.signals.failed.connect(lambda e: (dialog.reset(), on_error(e)))
    dialog.canceled.connect(worker.cancel)
    parent._worker = worker  # keep it alive until it finishes  # type: ignore[attr-defined]
    QThreadPool.globalInstance().start(worker)
    return worker
