"""Payments: each installment, its deductions (linked to their month and item), carry-over, refusal conditions."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from auditor.money import amount_in_words, format_yuan
from auditor.scoring import Deduction, InstallmentResult

from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from .summary import make_table

RIGHT = Qt.AlignmentFlag.AlignRight


def installment_columns():
    return (
        Column("number", tr("期次"), lambda r: tr("第{n}期").format(n=r.number)),
        Column("due", tr("付款时间"), lambda r: r.installment.due_text),
        Column("window", tr("考核月份"), lambda r: f"{r.months[0]}～{r.months[-1]}" if r.months else tr("不扣减")),
        Column("amount", tr("金额"), lambda r: format_yuan(r.amount), RIGHT),
        Column("score", tr("得分 / 比例"),
               lambda r: f"{r.score} / {r.band_percent.normalize():f}%" if r.score is not None else "", RIGHT),
        Column("deductions", tr("扣减"), lambda r: format_yuan(r.deduction_total + r.carried_in), RIGHT),
        Column("payable", tr("实付"), lambda r: format_yuan(r.payable), RIGHT),
        Column("state", tr("状态"), lambda r: tr("暂估") if r.provisional else tr("已定"),
               color=lambda r: "#b9770e" if r.provisional else None),
    )


def deduction_columns():
    return (
        Column("period", tr("月份"), lambda d: str(d.period)),
        Column("kind", tr("类别"), lambda d: d.label),
        Column("amount", tr("金额"), lambda d: format_yuan(d.amount), RIGHT),
        Column("basis", tr("依据"), lambda d: f"{d.basis}（{d.clause}）"),
    )


class PaymentsPage(QWidget):
    open_month = Signal(object, str)  # Period, indicator code ("" for facts)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ObjectTableModel[InstallmentResult] = ObjectTableModel(installment_columns(), parent=self)
        self.deductions_model: ObjectTableModel[Deduction] = ObjectTableModel(deduction_columns(), parent=self)
        self.view = make_table(self.model)
        self.deductions_view = make_table(self.deductions_model)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.deductions_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        self.deductions_view.doubleClicked.connect(self._jump)

    def show_installments(self, results: list[InstallmentResult]) -> None:
        row = max(self.view.currentIndex().row(), 0)
        self.model.set_rows(results)
        if results:
            self.view.selectRow(min(row, len(results) - 1))
            self._show(min(row, len(results) - 1))

    def _show(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        r = self.model.row_object(row)
        lines = [tr("第{n}期 应付 {gross}，扣减 {ded}，上期结转 {carry}，实付 {pay}（{words}）").format(
            n=r.number, gross=format_yuan(r.gross), ded=format_yuan(r.deduction_total),
            carry=format_yuan(r.carried_in), pay=format_yuan(r.payable), words=amount_in_words(r.payable))]
        if r.carried_over:
            lines.append(tr("结转下期扣减 {amount}").format(amount=format_yuan(r.carried_over)))
        if r.bond_claim:
            lines.append(tr("可从履约保证金中扣除 {amount}").format(amount=format_yuan(r.bond_claim)))
        if r.provisional:
            lines.append(tr("暂估：未完成或未定稿的月份 {months}").format(
                months="、".join(str(p) for p in r.unfinalized_months)))
        lines += [tr("可拒绝付款：") + c for c in r.refusal_conditions]
        lines += [tr("注意：") + w for w in r.warnings]
        self.detail.setText("\n".join(lines))
        self.deductions_model.set_rows(r.deductions)

    def _jump(self, index) -> None:
        d = self.deductions_model.row_object(index.row())
        self.open_month.emit(d.period, d.code)

