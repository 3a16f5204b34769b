"""Dashboard: the term's months as a grid, upcoming deadlines, and charts (drawn on a worker when first seen)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QPixmap
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
from ..workers import Worker

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
        self._canvases: list[QLabel] = []  # the three charts, as pictures
        self._pictures: dict[tuple[str, str], tuple[object, list[bytes]]] = {}
        self._pending: tuple[str, str] | None = None
        self._workers: set[Worker] = set()  # kept alive until they report
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
        changed = contract != self._contract or months != self._months
        self._contract, self._months = contract, months
        periods = sorted(months)
        if list(self.month_buttons) != periods:  # another contract or term: the grid anew
            for button in self.month_buttons.values():
                button.deleteLater()
            self.month_buttons.clear()
            for n, period in enumerate(periods):
                button = QPushButton()
                button.clicked.connect(lambda _=False, p=period: self.open_month.emit(p))
                self.grid.addWidget(button, n // 6, n % 6)
                self.month_buttons[period] = button
        for period, button in self.month_buttons.items():
            state = month_state(period, statuses.get(period), self.today, contract)
            if button.property("state") != state:
                color, label = STATE_STYLE[state]
                button.setText(f"{period.label()}\n{tr(label)}")
                button.setStyleSheet(f"background: {color}; padding: 6px;")
                button.setProperty("state", state)
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
        if changed or not self._canvases:
            self._charts_dirty = True
            if self.isVisible():
                self._draw_charts()

    def showEvent(self, event) -> None:  # noqa: N802 — charts load matplotlib: only when first seen
        super().showEvent(event)
        if self._charts_dirty:
            self._draw_charts()

    def busy(self) -> bool:
        """Charts are being drawn on a worker."""
        return self._pending is not None

    def _draw_charts(self) -> None:
        """The three charts drawn as pictures on a worker (matplotlib never runs on the GUI thread), kept per
        contract and indicator until the figures change; the GUI thread only shows them."""
        if self._contract is None or not self._months:
            return
        code = self.indicator_box.currentData() or self._contract.indicators[0].code
        key = (self._contract.id, code)
        self._charts_dirty = False
        kept = self._pictures.get(key)
        if kept is not None and kept[0] == (self._contract, self._months):
            self._show_pictures(kept[1])
            return
        contract, months = self._contract, self._months
        self._pending = key

        def draw(_progress, _cancelled) -> list[bytes]:
            from auditor import charts

            return [charts.to_bytes(fig) for fig in (charts.indicator_trend(contract, months, code),
                                                     charts.money_history(contract, months),
                                                     charts.headcount_chart(contract, months))]

        def done(pictures: list[bytes]) -> None:
            from shiboken6 import isValid

            self._workers.discard(worker)
            if not isValid(self) or not isValid(self.charts_row):  # the window closed while they were drawn
                return
            self._pictures[key] = ((contract, months), pictures)
            if self._pending == key:
                self._pending = None
                if (self._contract, self._months) == (contract, months):
                    self._show_pictures(pictures)
                else:
                    self._draw_charts()

        def failed(_exc: BaseException) -> None:
            self._workers.discard(worker)
            if self._pending == key:
                self._pending = None

        worker = Worker(draw)
        worker.signals.done.connect(done)
        worker.signals.failed.connect(failed)
        self._workers.add(worker)
        QThreadPool.globalInstance().start(worker)

    def _show_pictures(self, pictures: list[bytes]) -> None:
        if not self._canvases:
            for _ in pictures:
                label = QLabel()
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setMinimumHeight(220)
                self.charts_row.addWidget(label)
                self._canvases.append(label)
        share = max((self.width() - 24) // max(len(pictures), 1), 200)  # three side by side, none off-screen
        for label, png in zip(self._canvases, pictures):
            picture = QPixmap()
            picture.loadFromData(png, "PNG")
            picture.setDevicePixelRatio(max(picture.width() / share, self.devicePixelRatioF(), 1.0))
            label.setMinimumWidth(1)  # the window's width is the screen's to decide, not the pictures'
            label.setPixmap(picture)
