"""Contracts: list, create from a template (built-in or the user's), import and export contract files, edit
every field (validated by the core), lint findings.

Each saved edit is a new version of the contract; months already finalised keep the version they were
assessed under, so saving when such months exist asks first and names them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor.contracts import available_templates, document_text, user_templates_dir
from auditor.errors import AuditorError
from auditor.lint import lint_contract
from auditor.operations import contracts as contract_ops
from auditor.storage import Store
from auditor.storage.contracts_repo import EditImpact, FinalisedMonthsKeepTheirVersion

from ..contract_labels import field_label, path_label
from ..i18n import tr
from ..ops import announce

PathRole = Qt.ItemDataRole.UserRole + 1
OriginalRole = Qt.ItemDataRole.UserRole + 2


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    return str(value)


def _parse(text: str, original: Any) -> Any:
    """Read the edited text back with the original's type (the core validates the result)."""
    text = text.strip()
    if isinstance(original, bool):
        return text.lower() in ("true", "1", "是", "yes")
    if isinstance(original, int):
        try:
            return int(text)
        except ValueError:
            return text  # the schema names the field and says it must be an integer
    if original is None:
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text


class ContractsPage(QWidget):
    contracts_changed = Signal(str)  # id of the contract created or changed

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.list = QListWidget()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("字段"), tr("值")])
        self.tree.setColumnWidth(0, 280)
        self.lint = QListWidget()
        self.new_button = QPushButton(tr("从模板新建…"))
        self.import_button = QPushButton(tr("导入合同文件…"))
        self.export_button = QPushButton(tr("导出合同文件…"))
        self.save_button = QPushButton(tr("保存修改"))
        self.revert_button = QPushButton(tr("放弃修改"))
        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addWidget(self.new_button)
        left.addWidget(self.import_button)
        left.addWidget(self.export_button)
        left_box = QWidget()
        left_box.setLayout(left)
        right = QVBoxLayout()
        right.addWidget(self.tree, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        right.addWidget(QLabel(tr("合同检查（内在矛盾）：")))
        right.addWidget(self.lint, 1)
        self.versions = QListWidget()
        right.addWidget(QLabel(tr("版本记录（已定稿的月份按定稿时的版本考核）：")))
        right.addWidget(self.versions, 1)
        right_box = QWidget()
        right_box.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.list.currentRowChanged.connect(self._show)
        self.new_button.clicked.connect(lambda: self.create_from_template())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.export_button.clicked.connect(lambda: self.export_file())
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self._show(self.list.currentRow()))
        self._loaded = False

    def showEvent(self, event) -> None:  # noqa: N802 — filled when first seen, not at start-up
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self, select: str | None = None) -> None:
        self._loaded = True
        self.list.blockSignals(True)
        self.list.clear()
        for contract in self.store.contracts.list():
            item = QListWidgetItem(f"{contract.name}\n{contract.id}")
            item.setData(Qt.ItemDataRole.UserRole, contract.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, row: int) -> None:
        contract_id = self.current_id()
        if contract_id is None:
            return
        contract = self.store.contracts.get(contract_id)
        self.tree.clear()
        self._add(self.tree.invisibleRootItem(), dict(contract.data), "")
        self.tree.expandToDepth(0)
        self.lint.clear()
        labels = {"error": tr("错误"), "warning": tr("警告"), "info": tr("提示")}
        for finding in lint_contract(contract):
            self.lint.addItem(f"{labels[finding.severity]}　{path_label(finding.where)}：{finding.message}")
        if not self.lint.count():
            self.lint.addItem(tr("未发现矛盾"))
        self._show_versions(contract_id)

    def _show_versions(self, contract_id: str) -> None:
        """Newest first, each with the finalised months assessed under it."""
        kept: dict[int | None, list[str]] = {}
        for period, number in sorted(self.store.months.finalised_versions(contract_id).items()):
            kept.setdefault(number, []).append(str(period))
        self.versions.clear()
        for version in reversed(self.store.contracts.versions(contract_id)):
            line = tr("第 {n} 版　{at}　{who}　{summary}").format(
                n=version.number, at=version.at.replace("T", " "), who=version.who, summary=version.summary)
            if version.number in kept:
                line += "\n　" + tr("定稿月份：{months}").format(months="、".join(kept[version.number]))
            self.versions.addItem(line)

    def _add(self, parent: QTreeWidgetItem, value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                child_path = f"{path}.{key}" if path else key
                item = QTreeWidgetItem(parent, [field_label(key), ""])
                item.setToolTip(0, child_path)  # the field's place in the contract file, for whoever edits it
                self._add(item, child, child_path)
        elif isinstance(value, list):
            parent.setText(1, tr("{n} 项").format(n=len(value)))
            for index, child in enumerate(value):
                label = (child.get("code") or child.get("name") or str(child.get("text") or "")[:24]
                         or child.get("key") or "" if isinstance(child, dict) else "")  # in words, not its key
                item = QTreeWidgetItem(parent, [f"{index + 1}. {label}", ""])
                self._add(item, child, f"{path}[{index}]")
        else:
            parent.setText(1, _display(value))
            parent.setData(1, PathRole, path)
            parent.setData(1, OriginalRole, value)
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsEditable)

    def changes(self) -> dict[str, Any]:
        found: dict[str, Any] = {}

        def walk(item: QTreeWidgetItem) -> None:
            path = item.data(1, PathRole)
            if path:
                original = item.data(1, OriginalRole)
                if item.text(1) != _display(original):
                    found[path] = _parse(item.text(1), original)
            for i in range(item.childCount()):
                walk(item.child(i))

        walk(self.tree.invisibleRootItem())
        return found

    def save(self) -> bool:
        """Validate and store the edits as a new version; with finalised months, only once confirmed."""
        contract_id = self.current_id()
        changes = self.changes()
        if contract_id is None or not changes:
            return False
        before = self.store.contracts.current_version(contract_id)
        impact: EditImpact | None = None
        try:
            try:
                self.store.contracts.update(contract_id, changes)
            except FinalisedMonthsKeepTheirVersion as exc:  # valid, but months are finalised: ask
                impact = exc.impact
                if not self.confirm_open_months_only(impact):
                    self._say(tr("未保存：已定稿的月份保持不变"))
                    return False
                self.store.contracts.update(contract_id, changes, open_months_only=True)
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
            return False
        self._show(self.list.currentRow())
        self._say(self._saved_text(contract_id, before, impact))
        self.contracts_changed.emit(contract_id)
        return True

    def confirm_open_months_only(self, impact: EditImpact) -> bool:
        kept = "\n".join(f"　{p}（" + tr("第 {n} 版").format(n=v) + "）" if v else f"　{p}"
                         for p, v in impact.finalised)
        text = tr("已定稿的 {n} 个月份保留定稿时的合同版本，不重新考核：").format(n=len(impact.finalised)) + "\n" + kept
        if impact.open:
            text += "\n\n" + tr("未定稿的 {n} 个月份将按修改后的合同重新考核：").format(n=len(impact.open)) + "\n" + \
                "\n".join(f"　{p}" for p in impact.open)
        text += "\n\n" + tr("已定稿的月份只能逐月说明理由重新打开、再次定稿后，才按新内容考核。") + "\n" + \
            tr("保存修改（只适用于未定稿的月份）？")
        answer = QMessageBox.question(self, tr("修改合同"), text,
                                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def _saved_text(self, contract_id: str, before: int, impact: EditImpact | None) -> str:
        version = self.store.contracts.current_version(contract_id)
        if version == before:
            return tr("未改变：所填的值与现行内容相同")
        text = tr("已保存为第 {n} 版：{summary}").format(n=version,
                                                    summary=self.store.contracts.versions(contract_id)[-1].summary)
        if impact is not None:
            text += tr("；{kept} 个已定稿月份保留原版本，{open} 个未定稿月份按新版本重新考核").format(
                kept=len(impact.finalised), open=len(impact.open))
        return text

    def _say(self, text: str) -> None:
        self.message.setText(text)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def create_from_template(self, template: str | None = None, new_id: str | None = None) -> str | None:
        if template is None:
            templates = available_templates(user_templates_dir(self.store.path))
            template, ok = QInputDialog.getItem(self, tr("从模板新建合同"), tr("模板："), templates, 0, False)
            if not ok:
                return None
        if new_id is None:
            new_id, ok = QInputDialog.getText(self, tr("从模板新建合同"), tr("新合同编号（小写字母、数字和连字符）："))
            if not ok:
                return None
        try:
            outcome = contract_ops.create_from_template(self.store, template, new_id.strip())
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未创建"), str(exc))
            return None
        return self._created(outcome.value.id, outcome.changes)

    def import_file(self, path: str | None = None) -> str | None:
        """A contract file (JSON) from disk: validated whole, stored, and kept as a user template."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("导入合同文件"), "", tr("合同文件 (*.json)"))
            if not path:
                return None
        try:
            outcome = contract_ops.import_contract(self.store, Path(path))
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未导入"), str(exc))
            return None
        self._say(tr("已导入合同 {id}（{name}）").format(id=outcome.value.id, name=outcome.value.name))
        return self._created(outcome.value.id, outcome.changes)

    def export_file(self, path: str | None = None) -> bool:
        """The selected contract as a file that 「导入合同文件」 (or ``auditor contract import``) reads back."""
        contract_id = self.current_id()
        if contract_id is None:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("导出合同文件"), f"{contract_id}.json",
                                                  tr("合同文件 (*.json)"))
            if not path:
                return False
        try:
            target = Path(path)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(document_text(self.store.contracts.data(contract_id)), encoding="utf-8")
            partial.replace(target)
        except OSError as exc:
            QMessageBox.warning(self, tr("未导出"), tr("无法写入 {path}：{reason}").format(path=path,
                                                                                   reason=exc.strerror))
            return False
        self._say(tr("已导出合同 {id} 到 {path}").format(id=contract_id, path=path))
        return True

    def _created(self, contract_id: str, changes) -> str:
        self.reload(select=contract_id)
        announce(changes)
        self.contracts_changed.emit(contract_id)
        return contract_id
