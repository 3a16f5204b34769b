"""QUndoCommand is a thin wrapper over the core's edits, which carry their own inverse."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from auditor.storage import Store


class EditCommand(QUndoCommand):
    def __init__(self, store: Store, edit, after_change: Callable[[object], None]) -> None:
        super().__init__(edit.label)
        self.store = store
        self.edit = edit
        self.after_change = after_change

    def redo(self) -> None:
        self.edit.apply(self.store)
        self.after_change(self.edit)

    def undo(self) -> None:
        self.edit.inverse().apply(self.store)
        self.after_change(self.edit)
