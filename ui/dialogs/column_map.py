"""Headers the program did not recognise: the user points at the file's column for each, once per operator.

Each box starts empty (a guess preselected would be accepted by a hurried Enter and then remembered for
the operator); 确定 checks that every field has a column and no column serves two fields, and says what
is wrong instead of closing. What was remembered can be looked at and forgotten later
(:class:`RememberedColumnsDialog`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from auditor.imports import FIELD_LABELS
from auditor.submissions import KIND_LABELS

from ..i18n import tr
from .trust import dialog_buttons, fit_to_screen


class ColumnMapDialog(QDialog):
    def __init__(self, missing: list[str], headers: list[str], operator: str, parent=None, kind: str = "",
                 source: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("指定表头"))
        self.boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        what = tr("{kind}（{source}）").format(kind=tr(KIND_LABELS[kind]), source=source) if kind else source
        intro = QLabel(tr("{what}中以下必需的列未能识别。请指出文件中对应的列"
                          "（将为 {operator} 记住，可在“表头对应…”中更正）：").format(what=what, operator=operator))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        for field in missing:
            box = QComboBox()
            box.addItem(tr("（请选择）"), None)
            for header in headers:
                box.addItem(header, header)
            box.setToolTip(tr("文件中哪一列是“{field}”").format(field=tr(FIELD_LABELS[field])))
            box.currentIndexChanged.connect(lambda _i: self.problem.clear())
            form.addRow(tr(FIELD_LABELS[field]), box)
            self.boxes[field] = box
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addWidget(dialog_buttons(self, tr("确定"), on_ok=self.check,
                                        tip=tr("按所选的列继续导入，并为该乙方记住；以后导入时自动使用")))
        fit_to_screen(self, 520, 160 + 36 * len(missing))

    def check(self) -> bool:
        """Accept only a complete mapping with each column used once; else say why and stay open."""
        unset = [tr(FIELD_LABELS[f]) for f, box in self.boxes.items() if box.currentData() is None]
        if unset:
            self.problem.setText(tr("请为以下各项选择列：{fields}").format(fields="、".join(unset)))
            return False
        used: dict[str, str] = {}
        for field, box in self.boxes.items():
            header = box.currentData()
            if header in used:
                self.problem.setText(tr("“{header}”一列不能同时作为“{a}”和“{b}”").format(
                    header=header, a=tr(FIELD_LABELS[used[header]]), b=tr(FIELD_LABELS[field])))
                return False
            used[header] = field
        self.accept()
        return True

    def mapping(self) -> dict[str, str]:
        return {box.currentData(): field for field, box in self.boxes.items() if box.currentData() is not None}


class RememberedColumnsDialog(QDialog):
    """The headers remembered for the operator, by file kind; the selected ones can be forgotten."""

    def __init__(self, remembered: list[tuple[str, str, str]], operator: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("表头对应"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("为 {operator} 记住的表头对应。选中后按“忘记所选”，下次导入时重新指定。").format(
            operator=operator))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setToolTip(tr("文件类别：文件中的表头 → 程序中的项目"))
        for kind, header, field in remembered:
            kind_label, field_label = tr(KIND_LABELS.get(kind, kind)), tr(FIELD_LABELS.get(field, field))
            item = QListWidgetItem(f"{kind_label}：{header} → {field_label}")
            item.setData(Qt.ItemDataRole.UserRole, (kind, header))
            self.list.addItem(item)
        if not remembered:
            self.list.addItem(tr("（尚未记住任何表头）"))
        layout.addWidget(self.list, 1)
        layout.addWidget(dialog_buttons(self, tr("忘记所选"), tip=tr("忘记所选的表头对应：下次导入时重新指定")))
        fit_to_screen(self, 520, 360)

    def chosen(self) -> list[tuple[str, str]]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()
                if item.data(Qt.ItemDataRole.UserRole)]
