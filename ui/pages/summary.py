"""Summary of a month: items by category, money, and the findings its failures make."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.findings import month_findings
from auditor.model import Contract, Frequency, Status
from auditor.money import format_yuan
from auditor.scoring import ItemResult, MonthResult, format_measure

from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..widgets.table import TableView

RIGHT = Qt.AlignmentFlag.AlignRight
STATUS_COLORS = {Status.FAIL: "#c0392b", Status.MISSING: "#b9770e", Status.PASS: "#1e8449"}


def _money(item: ItemResult) -> str:
    if item.points is not None:
        return f"{item.points.normalize():f}"
    return format_yuan(item.deduction) if item.deduction else ""


def item_columns():
    return (
        Column("code", tr("编号"), lambda i: i.code),
        Column("name", tr("考核指标"), lambda i: i.indicator.name),
        Column("target", tr("要求"), lambda i: i.indicator.target_text),
        Column("actual", tr("实测"), lambda i: format_measure(i.actual, i.indicator) if i.actual is not None else ""),
        Column("status", tr("结果"), lambda i: i.status.label, color=lambda i: STATUS_COLORS.get(i.status)),
        Column("money", tr("得分 / 扣款"), _money, RIGHT),
        Column("detail", tr("说明"), lambda i: i.detail),
    )


def make_table(model, name: str = "") -> TableView:
    """A sortable, searchable table that copies and exports (ui/widgets/table.py); its rows are the view's,
    so ask it for objects (``view.current_object()``, ``view.object_at(index)``), not the model for rows."""
    return TableView(model, name)


class SummaryPage(QWidget):
    open_item = Signal(str)          # indicator code: show it in the walk-through
    document_requested = Signal(str)  # "score-sheet" | "notice"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items_model: ObjectTableModel[ItemResult] = ObjectTableModel(item_columns(), parent=self)
        self.items_view = make_table(self.items_model, tr("月度考核明细"))
        self.items_view.doubleClicked.connect(lambda i: self.open_item.emit(self.items_view.object_at(i).code))
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.categories = QLabel()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)  # a finding's detail read whole, never cut off at the edge
        self.score_sheet_button = QPushButton(tr("考核评分表…"))
        self.notice_button = QPushButton(tr("整改通知书…"))
        for button, kind in ((self.score_sheet_button, "score-sheet"), (self.notice_button, "notice")):
            button.clicked.connect(lambda _=False, k=kind: self.document_requested.emit(k))
        layout = QVBoxLayout(self)
        layout.addWidget(self.items_view, 3)
        layout.addWidget(self.totals)
        layout.addWidget(self.categories)
        layout.addWidget(QLabel(tr("本月问题（不达标项生成，定稿时保存）：")))
        layout.addWidget(self.findings, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.score_sheet_button)
        buttons.addWidget(self.notice_button)
        layout.addLayout(buttons)

    def show_month(self, contract: Contract, month: MonthResult) -> None:
        self.items_model.set_rows(month.items)
        parts = []
        if month.score is not None:
            parts.append(tr("本月得分 {score}").format(score=f"{month.score:.2f}"))
        parts.append(tr("本月扣减 {amount}").format(amount=format_yuan(month.deduction_total)))
        parts += [f"{d.label} {format_yuan(d.amount)}" for d in month.deductions if d.kind != "indicator"]
        roles = "，".join(f"{r.role.name} {r.actual if r.actual is not None else tr('未录入')}/{r.required}"
                         for r in month.roles)
        parts.append(tr("人员") + " " + roles)
        if not month.complete:
            parts.append(tr("未录入 {n} 项").format(n=len(month.missing)))
        parts.append(tr("已定稿") if month.finalized else tr("未定稿"))
        self.totals.setText("　".join(parts))
        lines = []
        for frequency in Frequency:
            items = [i for i in month.items if i.indicator.frequency is frequency]
            if not items:
                continue
            failed = sum(1 for i in items if i.status is Status.FAIL)
            money = sum(i.deduction for i in items)
            points = sum((i.points for i in items if i.points is not None), start=0)
            text = f"{frequency.label}：{len(items)} " + tr("项") + f"，{tr('不达标')} {failed}"
            text += f"，{tr('得分')} {points}" if month.score is not None else f"，{tr('扣款')} {format_yuan(money)}"
            lines.append(text)
        self.categories.setText("；".join(lines))
        self.findings.clear()
        for draft in month_findings(contract, month):
            self.findings.addItem(f"{draft.title}：{draft.detail}（{draft.clause}）")
