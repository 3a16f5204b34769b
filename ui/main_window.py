"""The main window: pick a contract and month, see the checklist result and the payments."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow, QMessageBox, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from auditor.calendar import Period, months_between
from auditor.errors import AuditorError
from auditor.model import Status
from auditor.money import format_yuan
from auditor.scoring import InstallmentResult, ItemResult, format_measure
from auditor.service import installment_results, term_results
from auditor.storage import Store

from .models.table_model import Column, ObjectTableModel
from .pages.walkthrough import WalkthroughPage

RIGHT = Qt.AlignmentFlag.AlignRight
STATUS_COLORS = {Status.FAIL: "#c0392b", Status.MISSING: "#b9770e", Status.PASS: "#1e8449"}


def _points(item: ItemResult) -> str:
    if item.points is not None:
        return f"{item.points.normalize():f}"
    return format_yuan(item.deduction) if item.deduction else ""


ITEM_COLUMNS = (
    Column("code", "编号", lambda i: i.code),
    Column("name", "考核指标", lambda i: i.indicator.name),
    Column("target", "要求", lambda i: i.indicator.target_text),
    Column("actual", "实测", lambda i: format_measure(i.actual, i.indicator) if i.actual is not None else ""),
    Column("status", "结果", lambda i: i.status.label, color=lambda i: STATUS_COLORS.get(i.status)),
    Column("money", "得分 / 扣款", _points, RIGHT),
    Column("detail", "说明", lambda i: i.detail),
)

INSTALLMENT_COLUMNS = (
    Column("number", "期次", lambda r: f"第{r.number}期"),
    Column("due", "付款时间", lambda r: r.installment.due_text),
    Column("window", "考核月份", lambda r: f"{r.months[0]}～{r.months[-1]}" if r.months else "不扣减"),
    Column("amount", "金额", lambda r: format_yuan(r.amount), RIGHT),
    Column("score", "得分 / 比例", lambda r: f"{r.score} / {r.band_percent.normalize():f}%" if r.score is not None else "",
           RIGHT),
    Column("deductions", "扣减", lambda r: format_yuan(r.deduction_total + r.carried_in), RIGHT),
    Column("payable", "实付", lambda r: format_yuan(r.payable), RIGHT),
    Column("state", "状态", lambda r: "暂估" if r.provisional else "已定",
           color=lambda r: "#b9770e" if r.provisional else None),
)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self.setWindowTitle("12345 热线服务合同履约考核")
        self.contract_box = QComboBox()
        self.month_box = QComboBox()
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items_model: ObjectTableModel[ItemResult] = ObjectTableModel(ITEM_COLUMNS, parent=self)
        self.payments_model: ObjectTableModel[InstallmentResult] = ObjectTableModel(INSTALLMENT_COLUMNS, parent=self)
        self.items_view = self._table(self.items_model)
        self.payments_view = self._table(self.payments_model)

        top = QHBoxLayout()
        top.addWidget(QLabel("合同："))
        top.addWidget(self.contract_box, 1)
        top.addWidget(QLabel("月份："))
        top.addWidget(self.month_box)
        month_page = QWidget()
        month_layout = QVBoxLayout(month_page)
        month_layout.addWidget(self.items_view)
        month_layout.addWidget(self.summary)
        self.walkthrough = WalkthroughPage(store)
        self.walkthrough.changed.connect(self._refresh_tables)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.walkthrough, "逐项录入")
        self.tabs.addTab(month_page, "月度考核")
        self.tabs.addTab(self.payments_view, "付款核算")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        for contract in store.contracts.list():
            self.contract_box.addItem(f"{contract.name}（{contract.id}）", contract.id)
        self.contract_box.currentIndexChanged.connect(self._contract_changed)
        self.month_box.currentIndexChanged.connect(self._refresh)
        last = self.settings.value("last_contract", "")
        index = self.contract_box.findData(last)
        self.contract_box.setCurrentIndex(max(index, 0))
        self._contract_changed()
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    @staticmethod
    def _table(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def contract_id(self) -> str:
        return self.contract_box.currentData()

    def period(self) -> Period | None:
        text = self.month_box.currentData()
        return Period.parse(text) if text else None

    def _contract_changed(self) -> None:
        contract = self.store.contracts.get(self.contract_id())
        self.month_box.blockSignals(True)
        self.month_box.clear()
        for period in months_between(contract.first_period, contract.last_period):
            self.month_box.addItem(period.label(), str(period))
        last = self.settings.value(f"last_month/{contract.id}", "")
        self.month_box.setCurrentIndex(max(self.month_box.findData(last), 0))
        self.month_box.blockSignals(False)
        self.settings.setValue("last_contract", contract.id)
        self._refresh()

    def _refresh(self) -> None:
        period = self.period()
        if period is None:
            return
        try:
            self.walkthrough.load(self.store.contracts.get(self.contract_id()), period)
        except AuditorError as exc:
            QMessageBox.warning(self, "无法计算", str(exc))
            return
        self._refresh_tables()

    def _refresh_tables(self) -> None:
        period = self.period()
        try:
            contract = self.store.contracts.get(self.contract_id())
            results = term_results(self.store, contract)
            month = results[period]
            self.items_model.set_rows(month.items)
            self.payments_model.set_rows(installment_results(self.store, contract, results))
        except AuditorError as exc:
            QMessageBox.warning(self, "无法计算", str(exc))
            return
        self.settings.setValue(f"last_month/{contract.id}", str(period))
        parts = []
        if month.score is not None:
            parts.append(f"本月得分 {month.score:.2f}")
        parts.append(f"本月扣减 {format_yuan(month.deduction_total)}")
        roles = "，".join(f"{r.role.name} {r.actual if r.actual is not None else '未录入'}/{r.required}" for r in month.roles)
        parts.append(f"人员 {roles}")
        parts += [f"{d.label}扣 {format_yuan(d.amount)}" for d in month.deductions if d.kind != "indicator"]
        if not month.complete:
            parts.append(f"未录入 {len(month.missing)} 项")
        parts.append("已定稿" if month.finalized else "未定稿")
        self.summary.setText("　".join(parts))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
