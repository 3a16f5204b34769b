"""现场抽查 — for standing on the floor: type a few characters, Enter marks 在岗; F2 请假, F3 缺岗."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import AuditorError
from auditor.model import Contract
from auditor.personnel import finish_spot_check, spot_candidates
from auditor.staffing import SPOT_STATUSES, SpotEntry, find, spot_result
from auditor.storage import Store

from ..i18n import tr

STATUS_COLORS = {"present": "#1e8449", "leave": "#2471a3", "absent": "#c0392b", "unmarked": "#7f8c8d"}


class SpotCheckPage(QWidget):
    finished = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.contract: Contract | None = None
        self.check_id: int | None = None
        self.entries: list[SpotEntry] = []
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.inspectors = QLineEdit()
        self.start_button = QPushButton(tr("开始抽查"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("输入姓名或工号的几个字，回车=在岗，F2=请假，F3=缺岗"))
        self.list = QListWidget()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.add_button = QPushButton(tr("登记名单外在岗人员…"))
        self.finish_button = QPushButton(tr("结束抽查"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("时间"), self.when)
        form.addRow(tr("地点"), self.place)
        form.addRow(tr("检查人员"), self.inspectors)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.counts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.start_button.clicked.connect(lambda: self.start())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(lambda: self.mark_current("present"))
        QShortcut(QKeySequence("F2"), self, lambda: self.mark_current("leave"))
        QShortcut(QKeySequence("F3"), self, lambda: self.mark_current("absent"))
        self.add_button.clicked.connect(lambda: self.add_unlisted())
        self.finish_button.clicked.connect(self.finish)
        self._set_running(False)

    def load(self, contract: Contract) -> None:
        self.contract = contract
        if self.check_id is None:
            self.when.setDateTime(dt.datetime.now())

    def _set_running(self, running: bool) -> None:
        for widget in (self.search, self.list, self.add_button, self.finish_button):
            widget.setEnabled(running)
        for widget in (self.when, self.place, self.inspectors, self.start_button):
            widget.setEnabled(not running)

    def start(self, at: dt.datetime | None = None) -> bool:
        at = at or self.when.dateTime().toPython()
        try:
            self.entries = spot_candidates(self.store, self.contract, at)
        except AuditorError as exc:
            QMessageBox.warning(self, tr("无法开始"), str(exc))
            return False
        self.check_id = self.store.personnel.start_spot_check(self.contract.id, at, self.place.text().strip(),
                                                            self.inspectors.text().strip(), self.entries)
        self.result.clear()
        self._set_running(True)
        self._filter()
        self.search.setFocus()
        return True

    def _filter(self) -> None:
        text = self.search.text()
        shown = find(self.entries, text) if text.strip() else self.entries
        self.list.clear()
        for entry in shown:
            item = QListWidgetItem(f"{entry.name}　{entry.employee_no}　{self._role_name(entry.role)}　"
                                   f"{tr(SPOT_STATUSES[entry.status])}" + ("" if entry.on_roster else tr("（名单外）")))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setForeground(QColor(STATUS_COLORS[entry.status]))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_counts()

    def _role_name(self, key: str) -> str:
        return next((r.name for r in self.contract.roles if r.key == key), key)

    def mark_current(self, status: str) -> None:
        item = self.list.currentItem()
        if item is None or self.check_id is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        index = next(i for i, e in enumerate(self.entries) if e.key == key)
        entry = self.entries[index]
        self.entries[index] = SpotEntry(entry.key, entry.name, entry.employee_no, entry.role, entry.on_roster, status)
        self.store.personnel.mark(self.check_id, self.entries[index])
        self.search.clear()
        self._filter()
        self.search.setFocus()

    def add_unlisted(self, name: str | None = None, role: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, tr("名单外在岗人员"), tr("姓名："))
            if not ok or not name.strip():
                return
        if role is None:
            names = [r.name for r in self.contract.roles]
            chosen, ok = QInputDialog.getItem(self, tr("名单外在岗人员"), tr("岗位："), names, 0, False)
            if not ok:
                return
            role = self.contract.roles[names.index(chosen)].key
        entry = SpotEntry(f"walk-in:{name.strip()}:{len(self.entries)}", name.strip(), "", role, False, "present")
        self.entries.append(entry)
        self.store.personnel.mark(self.check_id, entry)
        self._filter()

    def _update_counts(self) -> None:
        if self.contract is None:
            return
        result = spot_result(self.contract, self.entries)
        parts = []
        for role in self.contract.roles:
            counts = result.by_role.get(role.key, {})
            parts.append(f"{role.name}：{tr('在岗')} {counts.get('present', 0)}/{role.required}，"
                         f"{tr('请假')} {counts.get('leave', 0)}，{tr('缺岗')} {counts.get('absent', 0)}，"
                         f"{tr('未核')} {counts.get('unmarked', 0)}")
        self.counts.setText("；".join(parts))

    def finish(self) -> None:
        if self.check_id is None:
            return
        failed, warnings = finish_spot_check(self.store, self.contract, self.check_id)
        reasons = spot_result(self.contract, self.entries).reasons
        text = (tr("抽查不达标：") + "；".join(reasons)) if failed else tr("抽查达标")
        self.result.setText("\n".join([text] + warnings))
        self.result.setStyleSheet(f"color: {'#c0392b' if failed else '#1e8449'};")
        finished = self.check_id
        self.check_id = None
        self._set_running(False)
        self.finished.emit(finished)

