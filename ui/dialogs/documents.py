"""文书: every document kind from the app, for the contract shown — previewed first, then issued signed.

考核评分表 (a month), 分期考核评分表 and 付款核算单 (an installment), 现场抽查记录 (a finished spot check), and
the blank 现场检查表 (a month; a form, previewed and printed, never issued). The documents already issued
for the subject are named, so nothing is issued twice by mistake.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import Period, months_between
from auditor.operations import documents as document_ops
from auditor.scoring import InstallmentResult
from auditor.storage import Store

from .. import documents
from ..i18n import tr
from .trust import fit_to_screen

KINDS = ("score-sheet", "installment", "payment", "spot-check", "checklist")


def kind_names() -> dict[str, str]:
    return {"score-sheet": tr("考核评分表（月度）"), "installment": tr("分期考核评分表"), "payment": tr("付款核算单"),
            "spot-check": tr("现场抽查记录"), "checklist": tr("现场检查表（空白，现场手填）")}


class DocumentsDialog(QDialog):
    def __init__(self, store: Store, contract_id: str, period: Period, installments: list[InstallmentResult],
                 kind: str = "score-sheet", installment: int | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("文书"))
        self.store, self.contract_id, self.today = store, contract_id, today
        self.contract = store.contracts.get(contract_id)
        self.installments = installments
        self.kind = QComboBox()
        self.kind.setToolTip(tr("要生成的文书"))
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        self.subject = QComboBox()
        self.subject.setToolTip(tr("文书针对的月份、期次或抽查"))
        self.issued = QLabel()
        self.issued.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.preview_button = QPushButton(tr("预览…"))
        self.preview_button.setToolTip(tr("生成未签名的预览（每页有“预览”字样），可打印、另存"))
        self.issue_button = QPushButton(tr("签发…"))
        self.issue_button.setToolTip(tr("编号、以检查人员证书签名并登记；签发后不能修改"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setToolTip(tr("关闭本窗口（已打开的预览不受影响）"))
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("文书"), self.kind)
        form.addRow(tr("对象"), self.subject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("合同：{name}").format(name=self.contract.name)))
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.issued)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_subjects())
        self.subject.currentIndexChanged.connect(lambda _i: self._show_issued())
        self.preview_button.clicked.connect(lambda: self.preview())
        self.issue_button.clicked.connect(lambda: self.issue())
        self._period, self._installment = period, installment
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._fill_subjects()
        fit_to_screen(self, 560, 260)

    def _fill_subjects(self) -> None:
        kind = self.kind.currentData()
        self.subject.blockSignals(True)
        self.subject.clear()
        if kind in ("score-sheet", "checklist"):
            for period in months_between(self.contract.first_period, self.contract.last_period):
                self.subject.addItem(period.label(), str(period))
            self.subject.setCurrentIndex(max(self.subject.findData(str(self._period)), 0))
        elif kind in ("installment", "payment"):
            for r in self.installments:
                if kind == "installment" and not r.months:
                    continue  # an installment paid without assessment has no score sheet
                self.subject.addItem(tr("第{n}期（{due}）").format(n=r.number, due=r.installment.due_text), r.number)
            self.subject.setCurrentIndex(max(self.subject.findData(self._installment), 0))
        else:
            for check in self.store.personnel.spot_checks(self.contract_id):
                if check["finished_at"]:
                    result = tr("不达标") if check["failed"] else tr("达标")
                    self.subject.addItem(f"{check['started_at'].replace('T', ' ')}　{check['place']}　{result}",
                                         check["id"])
        self.subject.blockSignals(False)
        notes = {"checklist": tr("空白表格：带到现场手工填写，不编号、不签名、不登记。"),
                 "spot-check": tr("只列出已结束的抽查。"),
                 "installment": tr("按该期考核月份的结果；未定稿的月份为暂估。")}
        self.note.setText(notes.get(kind, ""))
        self.issue_button.setEnabled(kind != "checklist" and self.subject.count() > 0)
        self.preview_button.setEnabled(self.subject.count() > 0)
        self._show_issued()

    def _subject_text(self) -> str:
        """How the register names the subject (documents/service.py)."""
        kind, value = self.kind.currentData(), self.subject.currentData()
        if kind == "score-sheet":
            return f"{self.contract_id} {value}"
        if kind in ("installment", "payment"):
            return f"{self.contract_id} 第{value}期"
        return f"{self.contract_id} 抽查#{value}"

    def _show_issued(self) -> None:
        kind = self.kind.currentData()
        if kind == "checklist" or self.subject.currentData() is None:
            self.issued.clear()
            return
        subject = self._subject_text()
        numbers = [d.number for d in self.store.register.list(kind=kind, contract_id=self.contract_id)
                   if d.subject == subject or re.fullmatch(re.escape(subject) + r"(\D.*)?", d.subject)]
        self.issued.setText(tr("已签发：{numbers}").format(numbers="、".join(numbers)) if numbers
                            else tr("尚未签发"))

    def make(self):
        """The operation that renders (and, given an identity, issues) the chosen document."""
        kind, value, cid = self.kind.currentData(), self.subject.currentData(), self.contract_id
        if kind == "score-sheet":
            return lambda own, identity, day: document_ops.score_sheet(own, cid, value, identity, on=day)
        if kind == "installment":
            return lambda own, identity, day: document_ops.installment_sheet(own, cid, value, identity, on=day)
        if kind == "payment":
            return lambda own, identity, day: document_ops.payment_statement(own, cid, value, identity, on=day)
        if kind == "spot-check":
            return lambda own, identity, day: document_ops.spot_check_record(own, value, identity, on=day)
        return lambda own, identity, day: document_ops.checklist(own, cid, value)

    def _names(self) -> tuple[str, str]:
        kind = self.kind.currentData()
        title = {"score-sheet": tr("考核评分表"), "installment": tr("分期考核评分表"), "payment": tr("付款核算单"),
                 "spot-check": tr("现场抽查记录"), "checklist": tr("现场检查表")}[kind]
        base = {"score-sheet": "考核评分表", "installment": "分期考核评分表", "payment": "付款核算单",
                "spot-check": "现场抽查记录", "checklist": "现场检查表"}[kind]
        return title, f"{base}-{self.contract_id}-{self.subject.currentData()}.pdf"

    def preview(self, wait: bool = False) -> None:
        if self.subject.currentData() is None:
            return
        title, name = self._names()
        documents.preview(self.parentWidget() or self, self.store, title, name, self.make(), wait)

    def issue(self, passphrase: str | None = None, wait: bool = False, on: dt.date | None = None) -> None:
        if self.subject.currentData() is None or self.kind.currentData() == "checklist":
            return
        title, name = self._names()
        documents.issue(self.parentWidget() or self, self.store, title, name, self.make(), self.today, wait,
                        passphrase, on, after=lambda _issued: self._show_issued())
