"""Operations from the app (Anki's ``CollectionOp``): run on a worker with its own database connection,
then every view that shows what changed refreshes, and only those.

The GUI thread keeps its own connection for reads and quick edits; a worker's transaction is never
shared with it, so an edit made while an import runs is neither swept into the import's transaction nor
rolled back with it. The worker's write waits for the window's (SQLite's busy timeout), never the reverse
for long: operations read and check their files before they take the write lock.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from auditor.operations import Changes, Outcome
from auditor.storage import Store

from .workers import run_with_progress


class _Hub(QObject):
    """Where every finished operation announces its changes (on the GUI thread)."""

    executed = Signal(object)  # Changes


_hub: _Hub | None = None


def hub() -> _Hub:
    global _hub
    if _hub is None:
        _hub = _Hub()
    return _hub


def announce(changes: Changes) -> None:
    """An operation run on the GUI thread (a quick edit) announces its changes the same way."""
    if changes:
        hub().executed.emit(changes)


def run_op(parent: QWidget, store: Store, title: str,
           op: Callable[[Store, Callable[[float, str], None], Callable[[], bool]], Outcome[Any]],
           on_done: Callable[[Any], None], on_error: Callable[[BaseException], None], wait: bool = False) -> None:
    """``op(store, progress, cancelled)`` on a worker with a connection of its own; then, on the GUI thread,
    the changes announced and ``on_done(value)``."""
    def work(progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> Outcome[Any]:
        if store.path is None:  # an in-memory database has one connection only
            return op(store, progress, cancelled)
        own = store.sibling()
        try:
            return op(own, progress, cancelled)
        finally:
            own.close()

    def done(outcome: Outcome[Any]) -> None:
        announce(outcome.changes)  # the views first: ``on_done`` may then select what the operation made
        on_done(outcome.value)

    run_with_progress(parent, title, work, done, on_error)
    if wait:
        QThreadPool.globalInstance().waitForDone()
