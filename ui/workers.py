"""Long work off the GUI thread, with a progress dialog and Cancel (STYLE pattern 2).

The work is a plain function ``fn(progress, cancelled)``; it never touches
widgets. Results and errors come back through signals on the GUI thread.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .i18n import tr


class _Signals(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)


class _CollectOnGuiThread(QObject):
    """Python's cyclic garbage collector runs in whichever thread happens to allocate, and a Qt object
    freed by it is destroyed in that thread: a dialog after ``exec()`` (PySide hands it back to Python)
    destroyed on a worker crashes the window. So the collector pauses while any worker runs, the garbage
    so far is collected on the GUI thread before a worker starts, and collecting resumes there after."""

    running = 0

    def hold(self) -> None:
        if _CollectOnGuiThread.running == 0:
            gc.collect()
            gc.disable()
        _CollectOnGuiThread.running += 1

    def release(self, *_args: object) -> None:
        _CollectOnGuiThread.running = max(_CollectOnGuiThread.running - 1, 0)
        if _CollectOnGuiThread.running == 0:
            gc.enable()


_collector: _CollectOnGuiThread | None = None


def _gc_guard() -> _CollectOnGuiThread:
    global _collector
    if _collector is None:
        _collector = _CollectOnGuiThread()
    return _collector


class Worker(QRunnable):
    def __init__(self, fn: Callable[[Callable[[float, str], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancelled = False
        self.setAutoDelete(False)
        guard = _gc_guard()  # made on the GUI thread (workers are made there): its slot runs there
        guard.hold()
        self.signals.done.connect(guard.release)
        self.signals.failed.connect(guard.release)

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
