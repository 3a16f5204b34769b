"""整改通知书: draft from findings, preview, issue (signed, frozen), then follow it until it is closed.

Every step is an operation (``auditor.operations.notices``): issuing renders and signs on a worker; the
quick steps (签收, 已整改, 核验关闭, 升级处理) run on the GUI thread and announce their changes the same
way. Each step's date is chosen in its dialog (today unless told otherwise, never later), 已整改 keeps
the operator's 整改报告 as evidence in the same transaction, and after any step the notice stays
selected with the buttons of its new state enabled at once. Open notices show the days left or overdue.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
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
from ..dialogs.trust import dialog_buttons, fit_to_screen, read_input
from ..feedback import say
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import announce, run_op
from .summary import make_table

OPEN = ("issued", "received", "escalated")  # the states in which the deadline still runs
OVERDUE_COLOR, SOON_COLOR = "#c0392b", "#b9770e"


def days_left(notice: notices.Notice, today: dt.date) -> int | None:
    """Days to the rectification deadline (negative: overdue), for a notice still open; else None."""
    if notice.deadline is None or notice.status not in OPEN:
        return None
    return (notice.deadline - today).days


def countdown(notice: notices.Notice, today: dt.date) -> str:
    left = days_left(notice, today)
    if left is None:
        return ""
    if left < 0:
        return tr("逾期 {n} 天").format(n=-left)
    return tr("今天到期") if left == 0 else tr("还剩 {n} 天").format(n=left)


def urgency_color(notice: notices.Notice, today: dt.date) -> str | None:
    left = days_left(notice, today)
    if left is None:
        return None
    return OVERDUE_COLOR if left < 0 else SOON_COLOR if left <= 3 else None


class DraftDialog(QDialog):
    def __init__(self, store: Store, contract: Contract, period: Period, inspector: str, parent=None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("起草整改通知书"))
        today = today or dt.date.today()
        self.place = QLineEdit(contract.service_place)
        self.place.setToolTip(tr("现场检查的地点，印在通知书上"))
        self.inspectors = QLineEdit(inspector)
        self.inspectors.setToolTip(tr("参加检查的人员，多人用顿号分隔"))
        self.date = date_edit(today, max(today, dt.date.today()))
        self.date.setToolTip(tr("现场检查的日期"))
        self.findings = QListWidget()
        self.findings.setWordWrap(True)  # a finding's detail is read whole, never cut off
        self.findings.setToolTip(tr("勾选纳入本通知书的问题；去掉勾选的问题留待以后处理"))
        for finding in store.findings.list(contract.id, period, status="open"):
            item = QListWidgetItem(f"{finding.title}：{finding.detail}")
            item.setToolTip(f"{finding.title}\n{finding.detail}\n{finding.clause}")
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
        layout.addWidget(self.findings, 1)
        layout.addWidget(dialog_buttons(self, tr("起草"),
                                        tip=tr("以勾选的问题和上面的检查信息起草通知书；草稿签发后才生效")))
        fit_to_screen(self, 760, 560)

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
        self.date.setToolTip(tr("签发日期：默认今天，不能晚于今天"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setToolTip(tr("检查人员签名证书的口令"))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("签发 {label}：编号、签名并登记，此后不能修改。").format(label=label)))
        form.addRow(tr("签发日期"), self.date)
        form.addRow(tr("签名口令"), self.passphrase)
        form.addRow(dialog_buttons(self, tr("签发"), tip=tr("以签名口令签名、编号并登记；签发后不能修改")))


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
        self.by_name.setToolTip(tr("乙方在纸质回执上签收：填写签收人和日期"))
        self.by_file.setToolTip(tr("乙方在 PDF 回执签收栏电子签名后发回：签收人和日期从签名中读取，文件作为证据保存"))
        self.name = QLineEdit()
        self.name.setToolTip(tr("在回执上签字的乙方人员姓名"))
        self.date = date_edit(today, max(today, dt.date.today()))
        self.date.setToolTip(tr("乙方签收的日期：默认今天，不能晚于今天"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("乙方签名后发回的 PDF"))
        self.path.setToolTip(tr("乙方在回执签收栏电子签名后发回的 PDF：签收人和日期从签名中读取"))
        choose = QPushButton(tr("选择文件…"))
        choose.setToolTip(tr("选择乙方签收的 PDF"))
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
        form.addRow(dialog_buttons(self, tr("签收"), tip=tr("登记乙方已签收通知书")))
        self.setMinimumWidth(min(480, self.screen().availableGeometry().width() - 40) if self.screen() else 480)
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


class RectifiedDialog(QDialog):
    """已整改: the day the operator reported it and its 整改报告, kept as evidence. Pressing 记为已整改
    is the confirmation: the step cannot be taken back (only closed or escalated)."""

    def __init__(self, label: str, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("已整改"))
        self.date = date_edit(today, max(today, dt.date.today()))
        self.date.setToolTip(tr("乙方报告整改完成的日期：默认今天，不能晚于今天"))
        self.report = QLineEdit()
        self.report.setPlaceholderText(tr("乙方的整改报告（PDF、图片或 Word 文件）"))
        self.report.setToolTip(tr("作为证据保存（记录 SHA-256），与“已整改”在同一事务中登记"))
        choose = QPushButton(tr("选择文件…"))
        choose.setToolTip(tr("选择乙方的整改报告"))
        choose.clicked.connect(self.choose)
        note = QLabel(tr("记为已整改后，{label} 等待核验关闭；此步不能撤销。").format(label=label))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(tr("整改日期"), self.date)
        row = QHBoxLayout()
        row.addWidget(self.report, 1)
        row.addWidget(choose)
        form.addRow(tr("整改报告"), row)
        form.addRow(dialog_buttons(self, tr("记为已整改"),
                                   tip=tr("登记乙方已整改，整改报告作为证据保存；此步不能撤销")))
        fit_to_screen(self, 560, 200)

    def choose(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择整改报告"), "",
                                                  tr("整改报告 (*.pdf *.png *.jpg *.jpeg *.doc *.docx);;所有文件 (*)"))
        if path:
            self.report.setText(path)


class StepDialog(QDialog):
    """A person (核验人) or an opinion (处理意见), and the date of the step."""

    def __init__(self, title: str, label: str, tip: str, today: dt.date, ok: str, parent=None,
                 ok_tip: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLineEdit()
        self.text.setToolTip(tip)
        self.date = date_edit(today, max(today, dt.date.today()))
        self.date.setToolTip(tr("默认今天，不能晚于今天"))
        form = QFormLayout(self)
        form.addRow(label, self.text)
        form.addRow(tr("日期"), self.date)
        form.addRow(dialog_buttons(self, ok, tip=ok_tip))
        fit_to_screen(self, 460, 140)

    @classmethod
    def closing(cls, today: dt.date, parent=None) -> StepDialog:
        """As 核验关闭 asks: one place for its words, so the tests see what the user sees."""
        return cls(tr("核验关闭"), tr("核验人"), tr("核验整改结果的人员"), today, tr("关闭"), parent,
                   tr("关闭通知书及其问题；关闭后不能再登记签收、整改或升级"))

    @classmethod
    def escalating(cls, today: dt.date, parent=None) -> StepDialog:
        return cls(tr("升级处理"), tr("处理意见"), tr("逾期未整改的处理意见，如约谈、扣款、解约"), today,
                   tr("升级处理"), parent, tr("记录处理意见和日期；通知书仍可登记签收和整改"))


def notice_columns(today: dt.date):
    return (
        Column("number", tr("文号"), lambda n: n.label),
        Column("period", tr("月份"), lambda n: str(n.period)),
        Column("status", tr("状态"), lambda n: tr(notices.STATUS_LABELS[n.status]) +
               (tr("（逾期）") if n.overdue(today) else ""),
               color=lambda n: OVERDUE_COLOR if n.overdue(today) else None),
        Column("deadline", tr("整改期限"), lambda n: str(n.deadline or "")),
        Column("left", tr("剩余"), lambda n: countdown(n, today), color=lambda n: urgency_color(n, today)),
        Column("findings", tr("问题数"), lambda n: str(len(n.content["findings"])), Qt.AlignmentFlag.AlignRight),
        Column("received", tr("签收"), lambda n: f"{n.received_by or ''} {n.received_at or ''}".strip()),
    )


class NoticesPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.contract: Contract | None = None
        self.period: Period | None = None
        self.model: ObjectTableModel[notices.Notice] = ObjectTableModel(notice_columns(self.today), parent=self)
        self.view = make_table(self.model, tr("整改通知书"))
        self.buttons: dict[str, QPushButton] = {}
        tips = {"draft": tr("从本月未处理的问题起草一份通知书"),
                "preview": tr("查看通知书（已签发的为登记的签名件），可打印、另存（双击一行亦可）"),
                "issue": tr("编号、签名并登记；签发后不能修改"),
                "receive": tr("登记乙方签收：签收人和日期，或乙方电子签收的 PDF"),
                "rectified": tr("登记乙方报告已整改：日期和整改报告（作为证据保存）"),
                "close": tr("核验整改结果后关闭通知书及其问题"),
                "escalate": tr("逾期未整改：记录处理意见"),
                "supersede": tr("起草一份更正并替代所选通知书的新通知书")}
        row = QHBoxLayout()
        for key, label in (("draft", tr("起草（本月问题）…")), ("preview", tr("预览 / 打印…")), ("issue", tr("签发…")),
                           ("receive", tr("签收…")), ("rectified", tr("已整改…")), ("close", tr("核验关闭…")),
                           ("escalate", tr("升级处理…")), ("supersede", tr("起草更正…"))):
            button = QPushButton(label)
            button.setToolTip(tips[key])
            button.clicked.connect(lambda _=False, k=key: getattr(self, f"do_{k}")())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.alert = QLabel()
        self.alert.setStyleSheet(f"color: {OVERDUE_COLOR};")
        self.alert.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.alert)
        layout.addWidget(self.view.toolbar())
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _i: self.do_preview())

    def load(self, contract: Contract, period: Period) -> None:
        keep = self.selected()
        self.contract, self.period = contract, period
        rows = notices.list_notices(self.store, contract.id)
        self.model.set_rows(rows)
        late = [n for n in rows if n.overdue(self.today)]
        soon = [n for n in rows if (left := days_left(n, self.today)) is not None and 0 <= left <= 3]
        parts = []
        if late:
            parts.append(tr("{n} 份通知书逾期未整改：{numbers}").format(
                n=len(late), numbers="、".join(f"{n.label}（{countdown(n, self.today)}）" for n in late)))
        if soon:
            parts.append(tr("{n} 份三天内到期：{numbers}").format(
                n=len(soon), numbers="、".join(f"{n.label}（{countdown(n, self.today)}）" for n in soon)))
        self.alert.setText("\n".join(parts))
        self.alert.setVisible(bool(parts))
        if keep is not None:
            self.select(keep.id)
        elif rows and self.selected() is None:
            self.view.select_where(lambda n: True)  # the first notice shown, so its steps are at hand
        self._update_buttons()

    def selected(self) -> notices.Notice | None:
        return self.view.current_object()

    def select(self, notice_id: int) -> None:
        self.view.select_where(lambda n: n.id == notice_id)
        self._update_buttons()

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

    def _after(self, notice_id: int | None, changes=None, message: str = "") -> None:
        """After a step: the views that show notices refresh, and this notice stays selected."""
        if changes:
            announce(changes)
        self.load(self.contract, self.period)
        if notice_id:
            self.select(notice_id)
        self.changed.emit()
        if message:
            say(self, message)

    def _warn(self, exc: BaseException) -> None:
        errors.warn(self, tr("未完成"), exc)

    # ------------------------------------------------------------- actions
    def do_draft(self, supersedes: str | None = None, dialog: DraftDialog | None = None) -> int | None:
        inspector = current_inspector(self.store)
        dialog = dialog or DraftDialog(self.store, self.contract, self.period,
                                       inspector["name"] if inspector else "", self, self.today)
        if dialog.findings.count() == 0 and not supersedes:
            QMessageBox.information(self, tr("无可纳入的问题"),
                                    tr("本月没有未处理的问题（问题在月度定稿或核对时生成）。"))
            return None
        if dialog.result() != QDialog.DialogCode.Accepted and not dialog.exec():
            return None
        try:
            outcome = notice_ops.draft(self.store, self.contract.id, self.period,
                                       inspection_date=chosen_date(dialog.date), place=dialog.place.text(),
                                       inspectors=dialog.inspectors.text(), finding_ids=dialog.chosen(),
                                       supersedes=supersedes)
        except AuditorError as exc:
            self._warn(exc)
            return None
        notice = outcome.value
        self._after(notice.id, outcome.changes, tr("已起草 {label}（{n} 个问题）").format(
            label=notice.label, n=len(notice.content["findings"])))
        return notice.id

    def do_supersede(self) -> None:
        notice = self.selected()
        if notice:
            self.do_draft(supersedes=notice.number)

    def do_preview(self) -> None:
        """The selected notice's PDF, read and readied on a worker, then in the preview window."""
        notice = self.selected()
        if notice is None:
            return
        from auditor.documents.service import notice_pdf

        from ..documents import preview_stored

        preview_stored(self, self.store, notice.label, f"{notice.label}.pdf", lambda own: notice_pdf(own, notice.id))

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

        def done(result) -> None:
            issued = result[0]
            self._after(issued.id, None, tr("已签发 {number}，整改期限 {deadline}").format(
                number=issued.number, deadline=issued.deadline))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, StateError) and not backdate_reason and self._earlier_than_series(day):
                reason = self.ask_backdate_reason(str(exc))
                if reason:
                    self.do_issue(passphrase, wait, day, reason)
                return
            self._warn(exc)

        run_op(self, self.store, tr("正在签发…"), work, done, failed, wait)

    def _earlier_than_series(self, day: dt.date) -> bool:
        last = self.store.register.last_issued("notice", self.contract.party_a.short_name)
        return last is not None and day < last[0]

    def ask_backdate_reason(self, refusal: str) -> str | None:
        text, ok = QInputDialog.getText(self, tr("补发"), refusal + "\n\n" + tr("补发理由（印在通知书上）："))
        return text.strip() if ok and text.strip() else None

    def _step(self, operation, *args, message: Callable[[notices.Notice], str]) -> bool:
        """A lifecycle step of the selected notice, as an operation on the GUI thread (a single row); a
        refusal is shown, never raised."""
        notice = self.selected()
        if notice is None:
            return False
        try:
            outcome = operation(self.store, notice.number, *args)
        except AuditorError as exc:
            self._warn(exc)
            return False
        self._after(notice.id, outcome.changes, message(outcome.value))
        return True

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
            self._step(notice_ops.receive_signed, Path(signed_pdf), message=lambda n: tr(
                "{label} 已凭乙方电子签收登记签收：{by} {day}").format(label=n.label, by=n.received_by,
                                                               day=n.received_at))
        else:
            self._step(notice_ops.receive, by, on or self.today, message=lambda n: tr(
                "{label} 已签收：{by} {day}").format(label=n.label, by=n.received_by, day=n.received_at))

    def do_rectified(self, on: dt.date | None = None, report: str | None = None) -> None:
        """已整改 on a chosen day with the operator's 整改报告 (kept as evidence in the same transaction)."""
        notice = self.selected()
        if notice is None:
            return
        if on is None:
            dialog = RectifiedDialog(notice.label, self.today, self)
            if not dialog.exec():
                return
            on, report = chosen_date(dialog.date), dialog.report.text().strip() or None
            if report is None and QMessageBox.question(
                    self, tr("已整改"), tr("未附整改报告。仍记为已整改？")) != QMessageBox.StandardButton.Yes:
                return
        if report:
            try:
                read_input(report, tr("整改报告"))
            except AuditorError as exc:
                return self._warn(exc)
        kept = tr("，整改报告已作为证据保存") if report else ""
        self._step(notice_ops.rectified, on, Path(report) if report else None,
                   message=lambda n: tr("{label} 已整改（{day}）").format(label=n.label, day=on) + kept)

    def do_close(self, by: str | None = None, on: dt.date | None = None) -> None:
        if by is None:
            dialog = StepDialog.closing(self.today, self)
            inspector = current_inspector(self.store)
            dialog.text.setText(inspector["name"] if inspector else "")
            if not dialog.exec():
                return
            by, on = dialog.text.text(), chosen_date(dialog.date)
        self._step(notice_ops.close, by, on or self.today, message=lambda n: tr("{label} 已核验关闭").format(
            label=n.label))

    def do_escalate(self, reason: str | None = None, on: dt.date | None = None) -> None:
        if reason is None:
            dialog = StepDialog.escalating(self.today, self)
            if not dialog.exec():
                return
            reason, on = dialog.text.text(), chosen_date(dialog.date)
        self._step(notice_ops.escalate, reason, on or self.today, message=lambda n: tr("{label} 已升级处理").format(
            label=n.label))
