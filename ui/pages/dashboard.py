"""Dashboard: the term's months as a grid, upcoming deadlines, and charts (matplotlib, loaded on first view)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import Period
from auditor.deadlines import month_state, upcoming
from auditor.model import Contract
from auditor.scoring import MonthResult

from ..i18n import tr

STATE_STYLE = {"done": ("#d5f5e3", "已定稿"), "in_progress": ("#fdebd0", "录入中"),
               "not_started": ("#eaeded", "未开始"), "overdue": ("#f5b7b1", "逾期未定稿"),
               "future": ("#ffffff", "未到期")}


class DashboardPage(QWidget):
    open_month = Signal(object)

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.grid = QGridLayout()
        self.month_buttons: dict[Period, QPushButton] = {}
        self.deadlines = QListWidget()
        self.indicator_box = QComboBox()
        self.charts_row = QHBoxLayout()
        self._canvases: list = []
        self._contract: Contract | None = None
        self._months: dict[Period, MonthResult] = {}
        self._charts_dirty = True
        top = QHBoxLayout()
        grid_box = QVBoxLayout()
        grid_box.addWidget(QLabel(tr("服务期各月")))
        grid_box.addLayout(self.grid)
        legend = "　".join(f"<span style='background:{c}'>&nbsp;{tr(t)}&nbsp;</span>" for c, t in STATE_STYLE.values())
        grid_box.addWidget(QLabel(legend))
        top.addLayout(grid_box, 2)
        deadline_box = QVBoxLayout()
        deadline_box.addWidget(QLabel(tr("近期截止事项（60 天内）")))
        deadline_box.addWidget(self.deadlines)
        top.addLayout(deadline_box, 1)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(tr("指标趋势：")))
        chooser.addWidget(self.indicator_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addLayout(chooser)
        layout.addLayout(self.charts_row, 3)
        self.indicator_box.currentIndexChanged.connect(self._draw_charts)

    def show_contract(self, contract: Contract, months: dict[Period, MonthResult], statuses: dict[Period, str]) -> None:
        self._contract, self._months = contract, months
        for button in self.month_buttons.values():
            button.deleteLater()
        self.month_buttons.clear()
        for n, period in enumerate(sorted(months)):
            state = month_state(period, statuses.get(period), self.today, contract)
            color, label = STATE_STYLE[state]
            button = QPushButton(f"{period.label()}\n{tr(label)}")
            button.setStyleSheet(f"background: {color}; padding: 6px;")
            button.setProperty("state", state)
            button.clicked.connect(lambda _=False, p=period: self.open_month.emit(p))
            self.grid.addWidget(button, n // 6, n % 6)
            self.month_buttons[period] = button
        self.deadlines.clear()
        for deadline in upcoming(contract, self.today):
            self.deadlines.addItem(f"{deadline.day:%Y-%m-%d}　{deadline.text}")
        if not self.deadlines.count():
            self.deadlines.addItem(tr("（无）"))
        self.indicator_box.blockSignals(True)
        current = self.indicator_box.currentData()
        self.indicator_box.clear()
        for indicator in contract.indicators:
            if not indicator.derived:
                self.indicator_box.addItem(f"{indicator.code} {indicator.name}", indicator.code)
        self.indicator_box.setCurrentIndex(max(self.indicator_box.findData(current), 0))
        self.indicator_box.blockSignals(False)
        self._charts_dirty = True
        if self.isVisible():
            self._draw_charts()

    def showEvent(self, event) -> None:  # noqa: N802 — charts load matplotlib: only when first seen
        super().showEvent(event)
        if self._charts_dirty:  # after the first paint: matplotlib never delays the window
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._draw_charts)

    def _draw_charts(self) -> None:
        if self._contract is None or not self._months:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from auditor import charts

        for canvas in self._canvases:
            canvas.setParent(None)
            canvas.deleteLater()
        code = self.indicator_box.currentData() or self._contract.indicators[0].code
        figures = (charts.indicator_trend(self._contract, self._months, code),
                   charts.money_history(self._contract, self._months),
                   charts.headcount_chart(self._contract, self._months))
        self._canvases = [FigureCanvasQTAgg(fig) for fig in figures]
        for canvas in self._canvases:
            canvas.setMinimumHeight(220)
            self.charts_row.addWidget(canvas)
        self._charts_dirty = False

