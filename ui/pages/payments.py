"""Payments: each installment, its deductions (linked to their month and item), carry-over, refusal conditions;
recording a payment as it happens (its figures are frozen from then on, issue 12)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor.money import amount_in_words, format_yuan
from auditor.scoring import Deduction, InstallmentResult
from auditor.serialize import installment_notes, remainder_rows
from auditor.storage import Store

from .. import errors
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import run_op
from .summary import make_table

RIGHT = Qt.AlignmentFlag.AlignRight


def _state(r: InstallmentResult) -> str:
    if r.paid is not None:
        return tr("已付 {day}").format(day=r.paid.paid_on.isoformat())
    return tr("暂估") if r.provisional else tr("已定")


def installment_columns():
    return (
        Column("number", tr("期次"), lambda r: tr("第{n}期").format(n=r.number)),
        Column("due", tr("付款时间"), lambda r: r.installment.due_text),
        Column("window", tr("考核月份"), lambda r: f"{r.months[0]}～{r.months[-1]}" if r.months else tr("不扣减")),
        Column("amount", tr("金额"), lambda r: format_yuan(r.amount), RIGHT),
        Column("score", tr("得分 / 比例"),
               lambda r: f"{r.score_text} / {r.band_percent.normalize():f}%" if r.score is not None else "", RIGHT),
        Column("deductions", tr("扣减"), lambda r: format_yuan(r.deduction_total + r.carried_in), RIGHT),
        Column("payable", tr("实付"), lambda r: format_yuan(r.payable), RIGHT),
        Column("state", tr("状态"), _state,
               color=lambda r: "#1e8449" if r.paid else ("#b9770e" if r.provisional else None)),
    )


def deduction_columns():
    return (
        Column("period", tr("月份"), lambda d: str(d.period)),
        Column("kind", tr("类别"), lambda d: d.label),
        Column("amount", tr("金额"), lambda d: format_yuan(d.amount), RIGHT),
        Column("basis", tr("依据"), lambda d: f"{d.basis}（{d.clause}）"),
    )


class PaymentDialog(QDialog):
    """登记付款: the day, the amount actually paid (the installment's figure offered), the bank's voucher."""

    def __init__(self, result: InstallmentResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("登记第{n}期付款").format(n=result.number))
        self.paid_on = QDateEdit(QDate.currentDate())
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        self.amount = QLineEdit(f"{result.payable:.2f}")
        self.voucher = QLineEdit()
        browse = QPushButton(tr("选择…"))
        browse.clicked.connect(self._browse)
        self.paid_on.setToolTip(tr("甲方实际付款的日期（银行回单上的日期）"))
        self.amount.setToolTip(tr("实际支付的金额（元）：默认为核算实付，按银行回单填写"))
        self.voucher.setToolTip(tr("付款凭证（如银行回单）的文件，作为证据保存；可不填"))
        browse.setToolTip(tr("选择付款凭证的文件"))
        voucher_row = QHBoxLayout()
        voucher_row.addWidget(self.voucher, 1)
        voucher_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("付款日期"), self.paid_on)
        form.addRow(tr("实付金额（元）"), self.amount)
        form.addRow(tr("付款凭证"), voucher_row)
        note = QLabel(tr("核算实付 {amount}。登记后本期数字冻结，此后考核月份的变动列入下一未付期次。").format(
            amount=format_yuan(result.payable)))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(tr("登记本期付款：登记后本期数字冻结"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择付款凭证"))
        if path:
            self.voucher.setText(path)

    def values(self) -> tuple[dt.date, str, Path | None]:
        day = self.paid_on.date()
        voucher = self.voucher.text().strip()
        return dt.date(day.year(), day.month(), day.day()), self.amount.text(), Path(voucher) if voucher else None


class PaymentsPage(QWidget):
    open_month = Signal(object, str)  # Period, indicator code ("" for facts)

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model: ObjectTableModel[InstallmentResult] = ObjectTableModel(installment_columns(), parent=self)
        self.deductions_model: ObjectTableModel[Deduction] = ObjectTableModel(deduction_columns(), parent=self)
        self.view = make_table(self.model)
        self.deductions_view = make_table(self.deductions_model)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_button = QPushButton(tr("登记付款…"))
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(lambda: self.record_payment())
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(actions)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.deductions_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.view.selectionModel().currentRowChanged.connect(  # a view row is not a model row once sorted
            lambda cur, _prev: self._show(self.view.proxy.mapToSource(cur).row()))
        self.deductions_view.doubleClicked.connect(self._jump)

    def show_installments(self, results: list[InstallmentResult]) -> None:
        row = max(self.view.proxy.mapToSource(self.view.currentIndex()).row(), 0)
        self.model.set_rows(results)
        if results:
            self.view.select_source_row(min(row, len(results) - 1))
            self._show(min(row, len(results) - 1))

    def current(self) -> InstallmentResult | None:
        row = self.view.proxy.mapToSource(self.view.currentIndex()).row()
        return self.model.row_object(row) if 0 <= row < self.model.rowCount() else None

    def _payable_next(self, r: InstallmentResult) -> bool:
        """Installments are paid in order, once each."""
        earlier = [self.model.row_object(n) for n in range(self.model.rowCount())][:r.number - 1]
        return r.paid is None and all(e.paid is not None for e in earlier)

    def _show(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        r = self.model.row_object(row)
        lines = [tr("第{n}期 应付 {gross}，扣减 {ded}，上期结转 {carry}，实付 {pay}（{words}）").format(
            n=r.number, gross=format_yuan(r.gross), ded=format_yuan(r.deduction_total),
            carry=format_yuan(r.carried_in), pay=format_yuan(r.payable), words=amount_in_words(r.payable))]
        lines += [f"{label}：{value}" for label, value in remainder_rows(r)]
        lines += installment_notes(r)  # what the CLI and the sheets say
        self.detail.setText("\n".join(lines))
        self.deductions_model.set_rows(r.deductions)
        self.record_button.setEnabled(self.store is not None and self._payable_next(r))

    def record_payment(self, values: tuple[dt.date, str, Path | None] | None = None, wait: bool = False) -> None:
        """Ask for the day, amount and voucher (or take ``values``), then record on a worker."""
        r = self.current()
        if r is None or self.store is None:
            return
        if values is None:
            dialog = PaymentDialog(r, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
        paid_on, amount_text, voucher = values
        contract_id, number = r.contract_id, r.number

        def work(store, progress, cancelled):
            from auditor.operations.payments import parse_amount, record_payment

            progress(0.2, tr("正在登记付款…"))
            return record_payment(store, contract_id, number, paid_on, parse_amount(amount_text, tr("实付金额")),
                                  voucher)

        run_op(self, self.store, tr("正在登记付款…"), work, lambda _result: None,
               lambda exc: errors.warn(self, tr("未登记"), exc), wait)

    def _jump(self, index) -> None:
        d = self.deductions_view.object_at(index)
        self.open_month.emit(d.period, d.code)
