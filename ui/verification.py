"""The audit check when the app opens a database: quick before the first paint, in full on a worker after it.

Before the window is painted, only what changed since the last full check on this machine is checked
(``audit.verify_since``: milliseconds, whatever the size of the history). The full check (every row,
every import's rows, the signed heads: a second or more with years of data) then runs on a worker with
a connection of its own. Until its result is in, every write of the program waits for it
(``audit.set_write_gate``); a failed result is shown in a blocking warning before the write goes on, so
an edit of an old row made outside the program is always reported before anything is saved.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from auditor import anchors, audit

from .i18n import tr
from .workers import Worker

if TYPE_CHECKING:
    from auditor.audit import AuditReport
    from auditor.storage import Store


def show_problems(parent: QWidget | None, report: AuditReport) -> None:
    """The blocking warning: the user reads it before anything else happens."""
    shown = "\n".join(f"• {p}" for p in report.problems[:12])
    more = tr("\n……另有 {n} 处").format(n=len(report.problems) - 12) if len(report.problems) > 12 else ""
    QMessageBox.warning(parent, tr("审计日志发现问题"), tr("数据库在程序之外被改动过：") + "\n" + shown + more)


def full_check(store: Store, deep: bool = False) -> AuditReport:
    """The full check on a connection of its own (a worker's), the checkpoint kept when the chain is intact."""
    own = store.sibling() if store.path is not None else store
    try:
        return audit.verify_full(own.db, own.path, evidence_dir=own.evidence_dir, deep=deep)
    finally:
        if own is not store:
            own.close()


def run_full_check(parent: QWidget, store: Store, deep: bool = False) -> AuditReport:
    """The full check asked for (the menu): on a worker behind a progress note, the window kept alive."""
    if store.path is None:  # an in-memory database has one connection only
        return audit.verify_full(store.db, None, evidence_dir=store.evidence_dir, deep=deep)
    outcome: list[object] = []
    loop = QEventLoop()
    worker = Worker(lambda _progress, _cancelled: full_check(store, deep))
    worker.signals.done.connect(lambda report: (outcome.append(report), loop.quit()))
    worker.signals.failed.connect(lambda exc: (outcome.append(exc), loop.quit()))
    note = QProgressDialog(tr("核验审计日志…"), "", 0, 0, parent)
    note.setCancelButton(None)
    note.setWindowModality(Qt.WindowModality.WindowModal)
    note.setMinimumDuration(300)
    _pool().start(worker)
    if not outcome:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    note.reset()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]  # type: ignore[return-value]


_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    """The checks' own thread: never queued behind (or blocking) the operations waiting for them."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class StartupCheck(QObject):
    """Started once by the app for its database; ``finished(report)`` when the full check is done and shown."""

    finished = Signal(object)

    def __init__(self, window: QWidget, store: Store) -> None:
        super().__init__(window)
        self.window, self.store = window, store
        self.report: AuditReport | None = None
        self._released = threading.Event()
        self._worker: Worker | None = None
        gate, released = self.wait, self._released

        def closed() -> None:  # the window went before the result: nothing may wait on it any more
            if audit.write_gate() == gate:
                audit.set_write_gate(None)
            released.set()

        window.destroyed.connect(closed)

    def quick(self) -> AuditReport:
        """Before the first paint: what changed since the last full check; its problems shown at once."""
        audit.set_write_gate(self.wait)
        report = audit.verify_since(self.store.db, self.store.path, anchors.checkpoint(self.store.db, self.store.path))
        if not report.ok:
            show_problems(self.window, report)
        return report

    def start(self) -> None:
        """The full check on a worker (every write already waits for its result)."""
        audit.set_write_gate(self.wait)
        self._worker = Worker(lambda _progress, _cancelled: full_check(self.store))
        self._worker.signals.done.connect(self._done)
        self._worker.signals.failed.connect(self._failed)
        _pool().start(self._worker)

    @property
    def done(self) -> bool:
        return self._released.is_set()

    def wait(self) -> None:
        """The write gate. A worker's write waits; the window's write waits with the window alive (a modal
        note; the result arrives meanwhile and a failed one is shown first)."""
        if self._released.is_set():
            return
        if threading.current_thread() is not threading.main_thread():  # the GUI thread is the main thread
            self._released.wait()
            return
        self._note = note = QProgressDialog(tr("核验审计日志…"), "", 0, 0, self.window)
        note.setCancelButton(None)
        note.setWindowModality(Qt.WindowModality.ApplicationModal)
        QTimer.singleShot(300, lambda: None if self.done else note.show())
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        gone: list[bool] = []
        self.window.destroyed.connect(lambda *_: (gone.append(True), loop.quit()))  # closed: nothing will finish
        if not self._released.is_set():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if gone:
            return
        self.finished.disconnect(loop.quit)
        note.hide()

    def _done(self, report: AuditReport) -> None:
        self.report = report
        if report.ok:
            self.window.statusBar().showMessage(  # type: ignore[attr-defined]
                tr("审计日志完整：{n} 条记录，数据与记录一致。").format(n=report.entries), 8000)
        else:
            show_problems(self.window, report)
        self._release()

    def _failed(self, exc: BaseException) -> None:
        report = audit.AuditReport(problems=[f"{tr('无法核验')}：{exc}"])
        self._done(report)

    def _release(self) -> None:
        audit.set_write_gate(None)
        self._released.set()
        self.finished.emit(self.report)
