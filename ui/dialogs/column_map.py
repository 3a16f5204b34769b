"""Map the columns the program did not recognise, once per operator (remembered)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from auditor.imports import FIELD_LABELS

from ..i18n import tr


class ColumnMapDialog(QDialog):
    def __init__(self, missing: list[str], headers: list[str], operator: str, parent=None,
                 labels: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("指定表头"))
        self.boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("以下必需的列未能识别，请指出文件中对应的列（将为 {operator} 记住）：").format(
            operator=operator)))
        form = QFormLayout()
        for field in missing:
            box = QComboBox()
            box.addItems(headers)
            form.addRow(tr((labels or FIELD_LABELS)[field]), box)
            self.boxes[field] = box
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        return {box.currentText(): field for field, box in self.boxes.items()}
