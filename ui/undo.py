"""QUndoCommand is a thin wrapper over the core's edits, which carry their own inverse."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from auditor.storage import Store

from .i18n import tr


def fact_names() -> dict[str, str]:
    """The month facts as the undo menu names them (the core's field names are English keys)."""
    return {"headcount": tr("人员配置"), "incidents": tr("严重舆论事件数"), "late_days": tr("逾期天数")}


def edit_label(edit) -> str:
    """「2025年10月 人员配置」, 「2025年10月 HN-02」: what 撤销/重做 will undo, in the user's words."""
    field = getattr(edit, "field", None)
    what = fact_names().get(field, field) if field is not None else getattr(edit, "code", "")
    return f"{edit.period.label()} {what}"


class EditCommand(QUndoCommand):
    def __init__(self, store: Store, edit, after_change: Callable[[object], None]) -> None:
        super().__init__(edit_label(edit))
        self.store = store
        self.edit = edit
        self.after_change = after_change

    def redo(self) -> None:
        self.edit.apply(self.store)
        self.after_change(self.edit)

    def undo(self) -> None:
        self.edit.inverse().apply(self.store)
        self.after_change(self.edit)
