"""整改通知书: draft from findings, preview, issue (signed, frozen), then follow it until it is closed."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditor import notices
from auditor.calendar import Period
from auditor.errors import AuditorError, StateError
from auditor.model import Contract
from auditor.operations import notices as notice_ops
from auditor.storage import Store

from .. import errors
from ..dialogs.identity import IdentityDialog, current_inspector
from ..dialogs.trust import dialog_buttons, read_input
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import run_op
from .summary import make_table


class DraftDialog(QDialog):
    def __init__(self, store: Store, contract: Contract, period: Period, inspector: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("起草整改通知书"))
        self.place = QLineEdit(contract.service_place)
        self.inspectors = QLineEdit(inspector)
        self.date = QLineEdit(dt.date.today().isoformat())
        self.findings = QListWidget()
        for finding in store.findings.list(contract.id, period, status="open"):
            item = QListWidgetItem(f"{finding.title}：{finding.detail}")
            item.setData(Qt.ItemDataRole.UserRole, finding.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.findings.addItem(item)
        form = QFormLayout()
        form.addRow(tr("检查日期"), self.date)
        form.addRow(tr("检查地点"), self.place)
        form.addRow(tr("检查人员"), self.inspectors)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("纳入通知书的问题：")))
        layout.addWidget(self.findings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [self.findings.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.findings.count())
                if self.findings.item(i).checkState() == Qt.CheckState.Checked]


def date_edit(day: dt.date, latest: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    return edit


def chosen_date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class IssueDialog(QDialog):
    """The issue date (today unless told otherwise; never later) and the signing passphrase."""

    def __init__(self, label: str, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("签发"))
        self.date = date_edit(today, max(today, dt.date.today()))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(QLabel(tr("签发 {label}：编号、签名并登记，此后不能修改。").format(label=label)))
        form.addRow(tr("签发日期"), self.date)
        form.addRow(tr("签名口令"), self.passphrase)
        form.addRow(dialog_buttons(self, tr("签发")))


class ReceiveDialog(QDialog):
    """Receipt by the operator: a name written down, or its countersigned PDF (the proof)."""

    def __init__(self, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("签收"))
        self.by_name = QRadioButton(tr("乙方签收人（纸质签收）"))
        self.by_file = QRadioButton(tr("乙方电子签收的 PDF（回执签收栏已签名）"))
        group = QButtonGroup(self)
        group.addButton(self.by_name)
        group.addButton(self.by_file)
        self.by_name.setChecked(True)
        self.name = QLineEdit()
        self.date = date_edit(today, max(today, dt.date.today()))
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("乙方签名后发回的 PDF"))
        choose = QPushButton(tr("选择文件…"))
        choose.clicked.connect(self.choose)
        form = QFormLayout(self)
        form.addRow(self.by_name)
        form.addRow(tr("签收人"), self.name)
        form.addRow(tr("签收日期"), self.date)
        form.addRow(self.by_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form.addRow(tr("文件"), row)
        form.addRow(dialog_buttons(self, tr("签收")))
        self.setMinimumWidth(480)
        self.by_name.toggled.connect(self._mode_changed)
        self._mode_changed()

    def _mode_changed(self) -> None:
        for widget in (self.name, self.date):
            widget.setEnabled(self.by_name.isChecked())
        self.path.setEnabled(self.by_file.isChecked())

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择乙方签收的 PDF"), "", "PDF (*.pdf)")
        if path:
            self.path.setText(path)
            self.by_file.setChecked(True)


class NoticesPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.contract: Contract | None = None
        self.period: Period | None = None
        columns = (
            Column("number", tr("文号"), lambda n: n.label),
            Column("period", tr("月份"), lambda n: str(n.period)),
            Column("status", tr("状态"), lambda n: tr(notices.STATUS_LABELS[n.status]) +
                   (tr("（逾期）") if n.overdue(self.today) else ""),
                   color=lambda n: "#c0392b" if n.overdue(self.today) else None),
            Column("deadline", tr("整改期限"), lambda n: str(n.deadline or "")),
            Column("received", tr("签收"), lambda n: f"{n.received_by or ''} {n.received_at or ''}".strip()),
            Column("findings", tr("问题数"), lambda n: str(len(n.content["findings"]))),
        )
        self.model: ObjectTableModel[notices.Notice] = ObjectTableModel(columns, parent=self)
        self.view = make_table(self.model)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label in (("draft", tr("起草（本月问题）…")), ("preview", tr("预览 / 打印…")), ("issue", tr("签发…")),
                           ("receive", tr("签收…")), ("rectified", tr("已整改…")), ("close", tr("核验关闭…")),
                           ("escalate", tr("升级处理…")), ("supersede", tr("起草更正…"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, k=key: getattr(self, f"do_{k}")())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _i: self.do_preview())

    def load(self, contract: Contract, period: Period) -> None:
        self.contract, self.period = contract, period
        self.model.set_rows(notices.list_notices(self.store, contract.id))
        self._update_buttons()

    def selected(self) -> notices.Notice | None:
        row = self.view.currentIndex().row()
        return self.model.row_object(row) if 0 <= row < self.model.rowCount() else None

    def select(self, notice_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).id == notice_id:
                self.view.selectRow(row)

    def _update_buttons(self) -> None:
        n = self.selected()
        status = n.status if n else None
        allowed = {"preview": n is not None, "issue": status == "draft",
                   "receive": status in ("issued", "escalated"),
                   "rectified": status in ("issued", "received", "escalated"),
                   "close": status == "rectified", "escalate": bool(n and n.overdue(self.today)),
                   "supersede": status in ("issued", "received", "rectified", "escalated")}
        for key, button in self.buttons.items():
            if key != "draft":
                button.setEnabled(allowed[key])

    def _after(self, notice_id: int | None = None) -> None:
        self.load(self.contract, self.period)
        if notice_id:
            self.select(notice_id)
        self.changed.emit()

    def _warn(self, exc: BaseException) -> None:
        errors.warn(self, tr("未完成"), exc)

    # ------------------------------------------------------------- actions
    def do_draft(self, supersedes: str | None = None, dialog: DraftDialog | None = None) -> int | None:
        inspector = current_inspector(self.store)
        dialog = dialog or DraftDialog(self.store, self.contract, self.period,
                                       inspector["name"] if inspector else "", self)
        if dialog.findings.count() == 0 and not supersedes:
            QMessageBox.information(self, tr("无可纳入的问题"),
                                    tr("本月没有未处理的问题（问题在月度定稿或核对时生成）。"))
            return None
        if dialog.result() != QDialog.DialogCode.Accepted and not dialog.exec():
            return None
        try:
            notice = notices.draft(self.store, self.contract, self.period,
                                   inspection_date=dt.date.fromisoformat(dialog.date.text().strip()),
                                   place=dialog.place.text(), inspectors=dialog.inspectors.text(),
                                   finding_ids=dialog.chosen(), supersedes=supersedes)
        except (AuditorError, ValueError) as exc:
            self._warn(exc if isinstance(exc, AuditorError) else AuditorError(tr("检查日期应写作 YYYY-MM-DD")))
            return None
        self._after(notice.id)
        return notice.id

    def do_supersede(self) -> None:
        notice = self.selected()
        if notice:
            self.do_draft(supersedes=notice.number)

    def do_preview(self):
        notice = self.selected()
        if notice is None:
            return None
        from auditor.documents.service import notice_pdf

        from ..pdf_preview import PdfPreviewDialog  # QtPdf and QtPrintSupport load only when needed

        dialog = PdfPreviewDialog(notice_pdf(self.store, notice.id), notice.label, f"{notice.label}.pdf", self)
        dialog.show()
        return dialog

    def do_issue(self, passphrase: str | None = None, wait: bool = False, on: dt.date | None = None,
                 backdate_reason: str | None = None) -> None:
        """Issue the selected draft on a date asked for (today by default). A date before the series' latest
        is refused by the core; the user may then give the reason, printed on the notice, and it is retried."""
        notice = self.selected()
        if notice is None:
            return
        inspector = current_inspector(self.store)
        if inspector is None:
            if not IdentityDialog(self.store, self.contract.party_a.name, self).exec():
                return
            inspector = current_inspector(self.store)
        if passphrase is None:
            dialog = IssueDialog(notice.label, on or self.today, self)
            if not dialog.exec():
                return
            passphrase, on = dialog.passphrase.text(), chosen_date(dialog.date)
        from auditor.documents.service import Identity

        identity = Identity(inspector["p12"], passphrase.encode("utf-8"), inspector["signature_png"])
        day = on or self.today

        def work(store, progress, cancelled):
            progress(0.2, tr("正在生成并签名…"))
            return notice_ops.issue(store, notice.id, day, identity=identity, backdate_reason=backdate_reason)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, StateError) and not backdate_reason and self._earlier_than_series(day):
                reason = self.ask_backdate_reason(str(exc))
                if reason:
                    self.do_issue(passphrase, wait, day, reason)
                return
            self._warn(exc)

        run_op(self, self.store, tr("正在签发…"), work, lambda result: self.select(result[0].id), failed, wait)

    def _earlier_than_series(self, day: dt.date) -> bool:
        last = self.store.register.last_issued("notice", self.contract.party_a.short_name)
        return last is not None and day < last[0]

    def ask_backdate_reason(self, refusal: str) -> str | None:
        text, ok = QInputDialog.getText(self, tr("补发"), refusal + "\n\n" + tr("补发理由（印在通知书上）："))
        return text.strip() if ok and text.strip() else None

    def _ask(self, title: str, label: str, text: str | None) -> str | None:
        if text is not None:
            return text
        value, ok = QInputDialog.getText(self, title, label)
        return value if ok else None

    def _act(self, action, *args) -> None:
        """Apply a lifecycle step to the selected notice; a refusal is shown, never raised."""
        notice = self.selected()
        if notice is None or any(a is None for a in args):
            return
        try:
            action(self.store, notice.number, *args)
        except AuditorError as exc:
            return self._warn(exc)
        self._after(notice.id)

    def do_receive(self, by: str | None = None, signed_pdf: str | None = None, on: dt.date | None = None) -> None:
        """Receipt by a typed name, or proven by the operator's countersigned PDF (signer and date from it)."""
        if by is None and signed_pdf is None:
            dialog = ReceiveDialog(self.today, self)
            if not dialog.exec():
                return
            if dialog.by_file.isChecked():
                signed_pdf = dialog.path.text().strip()
                if not signed_pdf:
                    return self._warn(AuditorError(tr("请选择乙方签收的 PDF")))
            else:
                by, on = dialog.name.text(), chosen_date(dialog.date)
        if signed_pdf is not None:
            try:
                read_input(signed_pdf, tr("签收文件"))  # a FIFO or a huge file is refused before the core reads it
            except AuditorError as exc:
                return self._warn(exc)
            self._act(notices.receive_signed, signed_pdf)
        else:
            self._act(notices.receive, by, on or self.today)

    def do_rectified(self) -> None:
        self._act(notices.rectified, self.today)

    def do_close(self, by: str | None = None) -> None:
        self._act(notices.close, self._ask(tr("核验关闭"), tr("核验人："), by), self.today)

    def do_escalate(self, reason: str | None = None) -> None:
        self._act(notices.escalate, self._ask(tr("升级处理"), tr("处理意见："), reason), self.today)
