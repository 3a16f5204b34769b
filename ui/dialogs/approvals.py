"""甲方同意与节假日安排: what 甲方 approved, and the official calendar — the writes that change what is owed
without a new month's entries (issue 12).

* 人员变更 (经甲方同意, henan 第七条2): a role's requirement for some months, so an approved reduction is
  not deducted;
* 离职同意 (henan 第六条6(2)): an approved leaver is no finding (the months are reconciled again);
* 节假日安排: a day of the State Council's notice with its 文号, for any year (2027 and later included).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import months_between
from auditor.model import Contract
from auditor.storage import Store

from .. import errors
from ..i18n import tr
from ..ops import run_op


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


class ApprovalsDialog(QDialog):
    def __init__(self, store: Store, contract: Contract, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.contract = store, contract
        self.setWindowTitle(tr("甲方同意与节假日安排"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._staffing_tab(), tr("人员变更"))
        self.tabs.addTab(self._departure_tab(), tr("离职同意"))
        self.tabs.addTab(self._calendar_tab(), tr("节假日安排"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("合同：{name}").format(name=contract.name)))
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._load_year()

    # ------------------------------------------------------------- tabs
    def _staffing_tab(self) -> QWidget:
        self.role = QComboBox()
        for role in self.contract.roles:
            self.role.addItem(f"{role.name}（{role.required}）", role.key)
        self.first = QComboBox()
        self.last = QComboBox()
        for period in months_between(self.contract.first_period, self.contract.last_period):
            self.first.addItem(str(period), period)
            self.last.addItem(str(period), period)
        self.required = QSpinBox()
        self.required.setRange(0, 100_000)
        self.required.setValue(self.contract.roles[0].required if self.contract.roles else 0)
        self.role.currentIndexChanged.connect(
            lambda i: self.required.setValue(self.contract.roles[i].required) if i >= 0 else None)
        self.staffing_on = _date_edit()
        self.staffing_reference = QLineEdit()
        self.role.setToolTip(tr("人数要求经甲方同意变更的岗位（括号内为合同约定的人数）"))
        self.first.setToolTip(tr("按核准人数考核的第一个月"))
        self.last.setToolTip(tr("按核准人数考核的最后一个月"))
        self.required.setToolTip(tr("甲方同意的该岗位人数：这些月份按此人数考核，不再按合同约定的人数"))
        self.staffing_on.setToolTip(tr("甲方同意变更的日期，不能晚于今天"))
        self.staffing_reference.setToolTip(tr("甲方同意的文号或会议纪要等记录，作为依据保存"))
        button = QPushButton(tr("登记人员变更"))
        button.setToolTip(tr("登记甲方同意的人员变更：这些月份按核准人数考核；已定稿的月份须先重新打开"))
        button.clicked.connect(lambda: self.approve_staffing())
        form = QFormLayout()
        form.addRow(tr("岗位"), self.role)
        form.addRow(tr("起始月份"), self.first)
        form.addRow(tr("结束月份"), self.last)
        form.addRow(tr("核准人数"), self.required)
        form.addRow(tr("甲方同意日期"), self.staffing_on)
        form.addRow(tr("文号或记录"), self.staffing_reference)
        form.addRow(button)
        page = QWidget()
        page.setLayout(form)
        return page

    def _departure_tab(self) -> QWidget:
        self.person = QLineEdit()
        self.person.setPlaceholderText(tr("身份证号，或人员名单上的姓名、工号"))
        self.departure_on = _date_edit()
        self.departure_reference = QLineEdit()
        self.person.setToolTip(tr("经甲方同意离职的人员：身份证号，或人员名单上的姓名、工号"))
        self.departure_on.setToolTip(tr("甲方同意离职的日期，不能晚于今天"))
        self.departure_reference.setToolTip(tr("甲方同意的文号或会议纪要等记录，作为依据保存"))
        button = QPushButton(tr("登记离职同意"))
        button.setToolTip(tr("登记离职经甲方同意：该人员离职不再记为问题，相关月份立即重新核对"))
        button.clicked.connect(lambda: self.approve_departure())
        form = QFormLayout()
        form.addRow(tr("离职人员"), self.person)
        form.addRow(tr("甲方同意日期"), self.departure_on)
        form.addRow(tr("文号或记录"), self.departure_reference)
        form.addRow(button)
        page = QWidget()
        page.setLayout(form)
        return page

    def _calendar_tab(self) -> QWidget:
        self.year = QSpinBox()
        self.year.setRange(1900, 2100)
        self.year.setValue(dt.date.today().year + 1)
        self.year.valueChanged.connect(lambda _y: self._load_year())
        self.days = QListWidget()
        self.day = _date_edit()
        self.holiday = QRadioButton(tr("放假"))
        self.workday = QRadioButton(tr("调休上班"))
        self.holiday.setChecked(True)
        kind = QButtonGroup(self)
        kind.addButton(self.holiday)
        kind.addButton(self.workday)
        kinds = QHBoxLayout()
        kinds.addWidget(self.holiday)
        kinds.addWidget(self.workday)
        kinds.addStretch(1)
        self.notice = QLineEdit()
        self.notice.setPlaceholderText(tr("如 国办发明电〔2026〕X号"))
        self.year.setToolTip(tr("要查看或录入的年份；下面列出该年已录入的安排"))
        self.days.setToolTip(tr("该年已录入的放假日和调休上班日及其通知文号"))
        self.day.setToolTip(tr("国务院节假日安排通知中的一天"))
        self.holiday.setToolTip(tr("这一天放假：不算工作日"))
        self.workday.setToolTip(tr("这一天调休上班：算作工作日"))
        self.notice.setToolTip(tr("国务院办公厅节假日安排通知的文号，作为依据保存"))
        button = QPushButton(tr("录入这一天"))
        button.setToolTip(tr("录入这一天的安排：办理时限按工作日计算，会影响相关月份的考核结果"))
        button.clicked.connect(lambda: self.set_day())
        form = QFormLayout()
        form.addRow(tr("年份"), self.year)
        form.addRow(self.days)
        form.addRow(tr("日期"), self.day)
        form.addRow(tr("安排"), kinds)
        form.addRow(tr("通知文号"), self.notice)
        form.addRow(button)
        page = QWidget()
        page.setLayout(form)
        return page

    def _load_year(self) -> None:
        from auditor.operations.approvals import calendar_year

        self.days.clear()
        for day, workday, notice in calendar_year(self.store, self.year.value()):
            self.days.addItem(f"{day.isoformat()}　{tr('上班') if workday else tr('放假')}　{notice}")
        if not self.days.count():
            self.days.addItem(tr("（本年尚未录入）"))

    # ------------------------------------------------------------- actions
    def _run(self, title: str, work: Any, said: Any, wait: bool) -> None:
        def done(value: Any) -> None:
            self.status.setText(said(value))
            self._load_year()

        def failed(exc: BaseException) -> None:
            self.status.setText(errors.describe(exc))

        run_op(self, self.store, title, lambda store, progress, cancelled: work(store), done, failed, wait)

    def approve_staffing(self, wait: bool = False) -> None:
        from auditor.operations.approvals import approve_staffing

        contract_id, role = self.contract.id, self.role.currentData()
        first, last, required = self.first.currentData(), self.last.currentData(), self.required.value()
        reference, on = self.staffing_reference.text(), _day(self.staffing_on)
        self._run(tr("正在登记…"),
                  lambda store: approve_staffing(store, contract_id, role, first, last, required, reference, on),
                  lambda key: tr("已登记：{role} {first}～{last} 要求 {n} 人").format(
                      role=key, first=first, last=last, n=required), wait)

    def approve_departure(self, wait: bool = False) -> None:
        from auditor.operations.approvals import approve_departure

        contract_id, person = self.contract.id, self.person.text()
        reference, on = self.departure_reference.text(), _day(self.departure_on)
        self._run(tr("正在登记…"), lambda store: approve_departure(store, contract_id, person, on, reference),
                  lambda masked: tr("已登记 {person} 离职经甲方同意；相关月份已重新核对").format(person=masked), wait)

    def set_day(self, wait: bool = False) -> None:
        from auditor.operations.approvals import set_calendar_day

        day, workday, notice = _day(self.day), self.workday.isChecked(), self.notice.text()
        self.year.setValue(day.year)
        self._run(tr("正在录入…"), lambda store: set_calendar_day(store, day, workday, notice),
                  lambda _none: tr("{day} 已记为{kind}").format(
                      day=day.isoformat(), kind=tr("调休上班日") if workday else tr("放假日")), wait)
