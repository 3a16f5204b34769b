"""现场抽查 — for standing on the floor: type a few characters, Enter marks 在岗; F2 请假, F3 缺岗.

A finished check that failed leaves its findings in the month (each person 缺岗, each person at work but
not on the roster), ready for a 整改通知书. Past checks are listed: one not finished can be taken up
again, a finished one looked at, previewed, printed, and its 现场抽查记录 issued signed. Two roster rows
with one ID number are two people here (the duplicate itself is a reconciliation finding).
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import Period
from auditor.errors import AuditorError
from auditor.model import Contract
from auditor.operations import documents as document_ops
from auditor.operations import personnel as personnel_ops
from auditor.staffing import SPOT_STATUSES, SpotCheck, SpotEntry, find, spot_result
from auditor.storage import Store

from .. import documents, errors
from ..feedback import say
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import announce
from .summary import make_table

STATUS_COLORS = {"present": "#1e8449", "leave": "#2471a3", "absent": "#c0392b", "unmarked": "#7f8c8d"}
_SUBJECT = re.compile(r"抽查#(\d+)$")


def check_columns(numbers: dict[int, str]):
    def result(c: SpotCheck) -> str:
        if not c["finished_at"]:
            return tr("进行中")
        return tr("不达标") if c["failed"] else tr("达标")

    return (
        Column("at", tr("时间"), lambda c: c["started_at"].replace("T", " ")),
        Column("place", tr("地点"), lambda c: c["place"]),
        Column("inspectors", tr("检查人员"), lambda c: c["inspectors"]),
        Column("result", tr("结果"), result,
               color=lambda c: "#c0392b" if c["failed"] else ("#1e8449" if c["finished_at"] else "#7f8c8d")),
        Column("number", tr("记录文号"), lambda c: numbers.get(c["id"], "")),
        Column("summary", tr("说明"), lambda c: c["summary"] or ""),
    )


class SpotCheckPage(QWidget):
    finished = Signal(int)
    draft_notice = Signal(object)  # Period: draft a 整改通知书 from that month's findings

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.contract: Contract | None = None
        self.check_id: int | None = None
        self.viewing: SpotCheck | None = None  # a finished check shown, not marked
        self.entries: list[SpotEntry] = []
        self.numbers: dict[int, str] = {}
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(tr("抽查的时间：按排班表列出此刻应在岗的人员（无排班表时为全部在职人员）"))
        self.place = QLineEdit()
        self.place.setToolTip(tr("抽查的地点，印在现场抽查记录上"))
        self.inspectors = QLineEdit()
        self.inspectors.setToolTip(tr("参加抽查的人员，多人用顿号分隔"))
        self.start_button = QPushButton(tr("开始抽查"))
        self.start_button.setToolTip(tr("按所填时间列出应在岗人员，开始逐人核对"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("输入姓名或工号的几个字，回车=在岗，F2=请假，F3=缺岗"))
        self.search.setToolTip(tr("输入姓名或工号的几个字找到人员；回车记为在岗，F2 请假，F3 缺岗"))
        self.list = QListWidget()
        self.list.setToolTip(tr("应在岗的人员及核对结果；选中后按回车、F2 或 F3 记录"))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.add_button = QPushButton(tr("登记名单外在岗人员…"))
        self.add_button.setToolTip(tr("在岗但不在人员名单上的人：登记后抽查不达标，并记为问题"))
        self.finish_button = QPushButton(tr("结束抽查"))
        self.finish_button.setToolTip(tr("结束并判定结果；不达标的人员记为本月问题，可纳入整改通知书"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.history_model: ObjectTableModel[SpotCheck] = ObjectTableModel(check_columns(self.numbers), parent=self)
        self.history = make_table(self.history_model, tr("现场抽查"))
        self.history.setToolTip(tr("本合同的历次抽查；双击打开"))
        self.open_button = QPushButton(tr("打开"))
        self.open_button.setToolTip(tr("打开所选抽查：未结束的继续核对，已结束的查看结果"))
        self.preview_button = QPushButton(tr("预览 / 打印…"))
        self.preview_button.setToolTip(tr("现场抽查记录：已签发的为登记的签名件，否则为预览"))
        self.sign_button = QPushButton(tr("签发记录…"))
        self.sign_button.setToolTip(tr("以检查人员证书签名并登记现场抽查记录（编号，此后不能修改）"))
        self.notice_button = QPushButton(tr("起草整改通知书…"))
        self.notice_button.setToolTip(tr("以该月的问题（含本次抽查的缺岗、名单外人员）起草整改通知书"))
        for button, slot in ((self.open_button, self.reopen), (self.preview_button, self.preview),
                             (self.sign_button, self.sign), (self.notice_button, self.to_notice)):
            button.clicked.connect(lambda _=False, s=slot: s())

        form = QFormLayout()
        form.addRow(tr("时间"), self.when)
        form.addRow(tr("地点"), self.place)
        form.addRow(tr("检查人员"), self.inspectors)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.start_button)
        marking = QWidget()
        left = QVBoxLayout(marking)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(top)
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.counts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        left.addLayout(buttons)
        left.addWidget(self.result)
        past = QGroupBox(tr("以往抽查"))
        right = QVBoxLayout(past)
        right.addWidget(self.history.toolbar())
        right.addWidget(self.history, 1)
        row = QHBoxLayout()
        for button in (self.open_button, self.preview_button, self.sign_button, self.notice_button):
            row.addWidget(button)
        row.addStretch(1)
        right.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(marking)
        splitter.addWidget(past)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.start_button.clicked.connect(lambda: self.start())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(lambda: self.mark_current("present"))
        QShortcut(QKeySequence("F2"), self, lambda: self.mark_current("leave"))
        QShortcut(QKeySequence("F3"), self, lambda: self.mark_current("absent"))
        self.add_button.clicked.connect(lambda: self.add_unlisted())
        self.finish_button.clicked.connect(lambda: self.finish())
        self.history.doubleClicked.connect(lambda _i: self.reopen())
        self.history.selectionModel().currentRowChanged.connect(lambda *_: self._update_history_buttons())
        self._set_running(False)

    # ------------------------------------------------------------- loading
    def load(self, contract: Contract) -> None:
        if self.contract is not None and contract.id != self.contract.id:
            self.check_id, self.viewing, self.entries = None, None, []
            self.list.clear()
            self.result.clear()
            self.place.clear()  # the other contract's place
            self._set_running(False)
        self.contract = contract
        if self.check_id is None:
            self.when.setDateTime(dt.datetime.now().replace(second=0, microsecond=0))
            if not self.place.text():  # what is nearly always so: nothing to type on the floor
                self.place.setText(contract.service_place)
            if not self.inspectors.text():
                from ..dialogs.identity import current_inspector

                inspector = current_inspector(self.store)
                self.inspectors.setText(inspector["name"] if inspector else "")
        self.load_history()

    def load_history(self) -> None:
        if self.contract is None:
            return
        keep = self.selected_check()
        self.numbers.clear()
        for document in self.store.register.list(kind="spot-check", contract_id=self.contract.id):
            match = _SUBJECT.search(document.subject)
            if match:
                self.numbers[int(match.group(1))] = document.number
        self.history_model.set_rows(self.store.personnel.spot_checks(self.contract.id))
        if keep is not None:
            self.history.select_where(lambda c: c["id"] == keep["id"])
        self._update_history_buttons()

    def selected_check(self) -> SpotCheck | None:
        return self.history.current_object()

    def _update_history_buttons(self) -> None:
        check = self.selected_check()
        for button in (self.open_button, self.preview_button):
            button.setEnabled(check is not None)
        done = bool(check and check["finished_at"])
        self.sign_button.setEnabled(done and check["id"] not in self.numbers)
        self.notice_button.setEnabled(bool(done and check["failed"]))

    def _set_running(self, running: bool) -> None:
        for widget in (self.search, self.list, self.add_button, self.finish_button):
            widget.setEnabled(running)
        for widget in (self.when, self.place, self.inspectors, self.start_button):
            widget.setEnabled(not running)

    # ------------------------------------------------------------- a check
    def start(self, at: dt.datetime | None = None) -> bool:
        at = at or self.when.dateTime().toPython()
        try:
            outcome = personnel_ops.start_spot_check(self.store, self.contract.id, at, self.place.text().strip(),
                                                     self.inspectors.text().strip())
        except AuditorError as exc:
            errors.warn(self, tr("无法开始"), exc)
            return False
        announce(outcome.changes)
        self._take_up(outcome.value)
        say(self, tr("已开始抽查：{n} 人应在岗").format(n=len(self.entries)))
        return True

    def _take_up(self, check_id: int) -> None:
        """Mark (again) the check ``check_id``: its entries as stored."""
        self.check_id, self.viewing = check_id, None
        self.entries = self.store.personnel.spot_entries(check_id)
        self.result.clear()
        self._set_running(True)
        self._filter()
        self.search.setFocus()
        self.load_history()

    def reopen(self, check_id: int | None = None) -> None:
        """A past check: one not finished is taken up again, a finished one shown as it was marked."""
        check = self.store.personnel.spot_check(check_id) if check_id is not None else self.selected_check()
        if check is None:
            return
        if not check["finished_at"]:
            self._take_up(check["id"])
            say(self, tr("继续抽查（{at}）").format(at=check["started_at"].replace("T", " ")))
            return
        self.check_id, self.viewing = None, check
        self.entries = self.store.personnel.spot_entries(check["id"])
        self._set_running(False)
        self.search.clear()
        self._filter()
        self._show_result(bool(check["failed"]), [])
        say(self, tr("查看 {at} 的抽查结果").format(at=check["started_at"].replace("T", " ")))

    def _filter(self) -> None:
        text = self.search.text()
        shown = find(self.entries, text) if text.strip() else self.entries
        self.list.clear()
        for entry in shown:
            twin = tr("（名单中另有一人身份证号相同）") if "#" in entry.key else ""
            item = QListWidgetItem(f"{entry.name}　{entry.employee_no}　{self._role_name(entry.role)}　"
                                   f"{tr(SPOT_STATUSES[entry.status])}" + ("" if entry.on_roster else tr("（名单外）"))
                                   + twin)
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
        marked = SpotEntry(entry.key, entry.name, entry.employee_no, entry.role, entry.on_roster, status)
        try:
            personnel_ops.mark(self.store, self.contract.id, self.check_id, marked)
        except AuditorError as exc:
            errors.warn(self, tr("未记录"), exc)
            return
        self.entries[index] = marked
        self.search.clear()
        self._filter()
        self.search.setFocus()
        say(self, tr("{name}：{status}").format(name=entry.name, status=tr(SPOT_STATUSES[status])), 4000)

    def add_unlisted(self, name: str | None = None, role: str | None = None) -> None:
        if self.check_id is None:
            return
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
        personnel_ops.mark(self.store, self.contract.id, self.check_id, entry)
        self.entries.append(entry)
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
        try:
            outcome = personnel_ops.finish_spot_check(self.store, self.contract.id, self.check_id)
        except AuditorError as exc:
            errors.warn(self, tr("未结束"), exc)
            return
        failed, warnings = outcome.value
        finished = self.check_id
        self.check_id = None
        self._set_running(False)
        announce(outcome.changes)
        self._show_result(failed, warnings)
        self.load_history()
        self.history.select_where(lambda c: c["id"] == finished)
        self._update_history_buttons()
        say(self, self.result.text().split("\n")[0])
        self.finished.emit(finished)

    def _show_result(self, failed: bool, warnings: list[str]) -> None:
        reasons = spot_result(self.contract, self.entries).reasons
        text = (tr("抽查不达标：") + "；".join(reasons) + "\n" + tr("已记为本月问题，可纳入整改通知书。")) if failed \
            else tr("抽查达标")
        self.result.setText("\n".join([text] + warnings))
        self.result.setStyleSheet(f"color: {'#c0392b' if failed else '#1e8449'};")

    # ------------------------------------------------------------- its record
    def _record_make(self, check_id: int):
        return lambda own, identity, day: document_ops.spot_check_record(own, check_id, identity, on=day)

    def preview(self, wait: bool = False) -> None:
        check = self.selected_check()
        if check is None:
            return
        name = f"现场抽查记录-{self.contract.id}-{check['started_at'][:10]}.pdf"
        number = self.numbers.get(check["id"])
        if number:  # the registered, signed copy, never a new rendering
            document = self.store.register.get(number)
            documents.show_pdf(self, self.store.register.pdf(document.id), f"{tr('现场抽查记录')} {number}",
                               f"{number}.pdf")
            return
        documents.preview(self, self.store, tr("现场抽查记录"), name, self._record_make(check["id"]), wait)

    def sign(self, passphrase: str | None = None, wait: bool = False, on: dt.date | None = None) -> None:
        check = self.selected_check()
        if check is None or not check["finished_at"]:
            return
        documents.issue(self, self.store, tr("现场抽查记录"), "", self._record_make(check["id"]), wait=wait,
                        passphrase=passphrase, on=on, after=lambda _issued: self.load_history())

    def to_notice(self) -> None:
        check = self.selected_check()
        if check is not None:
            self.draft_notice.emit(Period.of(dt.datetime.fromisoformat(check["started_at"]).date()))
