"""A file that replaces the month's file of its kind: what it changes, shown before anything is replaced."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from auditor.payroll import RecordsDiff

from ..i18n import tr
from .trust import fit_to_screen


class ReimportDialog(QDialog):
    """Persons added, removed and changed (each field before → after); 替换 or 取消 (the default)."""

    def __init__(self, kind_label: str, previous: str, new: str, diff: RecordsDiff, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("替换已导入的{kind}").format(kind=kind_label))
        layout = QVBoxLayout(self)
        summary = (tr("本月已导入 {previous}。用 {new} 替换它：新增 {a} 人，删除 {r} 人，变更 {c} 人。").format(
            previous=previous, new=new, a=len(diff.added), r=len(diff.removed), c=len(diff.changed))
            if not diff.empty else tr("{new} 与已导入的 {previous} 内容相同；替换只更新文件记录。").format(
                new=new, previous=previous))
        text = QLabel(summary)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("人员"), tr("变化")])
        self.tree.setToolTip(tr("替换后各人员的变化；身份证号只显示前四位和后四位"))
        for title, people in ((tr("新增"), diff.added), (tr("删除"), diff.removed)):
            if people:
                group = QTreeWidgetItem(self.tree, [f"{title}（{len(people)}）", ""])
                for who in people:
                    QTreeWidgetItem(group, [who, title])
                group.setExpanded(True)
        if diff.changed:
            group = QTreeWidgetItem(self.tree, [tr("变更（{n}）").format(n=len(diff.changed)), ""])
            for who, fields in diff.changed:
                QTreeWidgetItem(group, [who, "；".join(f"{label}：{a} → {b}" for label, a, b in fields)])
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox()
        self.replace_button = buttons.addButton(tr("替换"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.setToolTip(tr("用新文件替换本月已导入的同类文件，上面列出的变化随之生效"))
        cancel = buttons.addButton(tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)  # a stray Enter replaces nothing
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 480)
