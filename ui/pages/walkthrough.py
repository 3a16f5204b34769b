"""The monthly walk-through: every item due this month, one step at a time, keyboard first.

Entries are validated by the core (``auditor.entries``) and each accepted step
is saved at once in its own transaction, so nothing typed is lost.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from auditor.calendar import Period
from auditor.entries import parse_measurement, read_number
from auditor.errors import AuditorError
from auditor.model import Contract, Indicator, MeasurementKind, Status
from auditor.money import format_yuan
from auditor.scoring import MonthResult, is_due
from auditor.service import finalize_month, month_result
from auditor.storage import Store

STAFFING = "__staffing__"
STATUS_MARK = {Status.PASS: "√", Status.FAIL: "×", Status.EXEMPT: "免", Status.MISSING: "○"}  # all in the shipped font
MODES = (("value", "数值"), ("ratio", "分子 / 分母"), ("exempt", "免考"))


class WalkthroughPage(QWidget):
    """One month of one contract. Emits ``changed`` after every saved step."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.contract: Contract | None = None
        self.period: Period | None = None
        self.result: MonthResult | None = None
        self.steps: list[str] = []

        self.step_list = QListWidget()
        self.step_list.setMinimumWidth(260)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.target = QLabel()
        self.mode = QComboBox()
        for key, label in MODES:
            self.mode.addItem(label, key)
        self.value = QLineEdit()
        self.numerator = QLineEdit()
        self.denominator = QLineEdit()
        self.reason = QLineEdit()
        self.note = QLineEdit()
        self.value.setPlaceholderText("如 96.5 或 96.5%")
        self.reason.setPlaceholderText("免考理由（必填）")
        self.inputs = QStackedWidget()
        self.inputs.addWidget(self._form(("实测值", self.value)))
        self.inputs.addWidget(self._form(("分子", self.numerator), ("分母", self.denominator)))
        self.inputs.addWidget(self._form(("理由", self.reason)))
        self.role_edits: dict[str, QLineEdit] = {}
        self.staffing_form = QFormLayout()
        staffing_box = QWidget()
        staffing_box.setLayout(self.staffing_form)
        self.incidents = QLineEdit()
        self.incidents.setPlaceholderText("本月严重舆论事件数")
        self.editor = QStackedWidget()
        indicator_box = QWidget()
        box = QVBoxLayout(indicator_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._form(("录入方式", self.mode)))
        box.addWidget(self.inputs)
        box.addWidget(self._form(("备注", self.note)))
        self.editor.addWidget(indicator_box)
        self.editor.addWidget(staffing_box)
        self.editor.addWidget(self._form(("事件数", self.incidents)))
        self.verdict = QLabel()
        self.verdict.setStyleSheet("font-size: 13pt;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.month_total = QLabel()
        self.progress = QProgressBar()
        self.previous_button = QPushButton("上一项")
        self.accept_button = QPushButton("确认并下一项")
        self.accept_button.setDefault(True)
        self.finalize_button = QPushButton("本月定稿")

        right = QVBoxLayout()
        for widget in (self.title, self.definition, self.target, self.editor, self.verdict, self.message):
            right.addWidget(widget)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finalize_button)
        right.addLayout(buttons)
        right.addWidget(self.month_total)
        right.addWidget(self.progress)
        layout = QHBoxLayout(self)
        layout.addWidget(self.step_list)
        layout.addLayout(right, 1)

        self.mode.currentIndexChanged.connect(lambda: self.inputs.setCurrentIndex(self.mode.currentIndex()))
        self.step_list.currentRowChanged.connect(self._show_step)
        self.accept_button.clicked.connect(self.accept_step)
        self.previous_button.clicked.connect(lambda: self.move(-1))
        self.finalize_button.clicked.connect(self.finalize)
        for edit in (self.value, self.numerator, self.denominator, self.reason, self.note, self.incidents):
            edit.returnPressed.connect(self.accept_step)
        QShortcut(QKeySequence("Ctrl+Right"), self, lambda: self.move(1))
        QShortcut(QKeySequence("Ctrl+Left"), self, lambda: self.move(-1))
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save_step())

    @staticmethod
    def _form(*rows: tuple[str, QWidget]) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in rows:
            form.addRow(label, field)
        return widget

    # ----------------------------------------------------------------- loading
    def load(self, contract: Contract, period: Period) -> None:
        self.contract, self.period = contract, period
        self.steps = [i.code for i in contract.indicators if is_due(contract, i, period)] + [STAFFING]
        while self.staffing_form.rowCount():
            self.staffing_form.removeRow(0)
        self.role_edits = {}
        for role in contract.roles:
            edit = QLineEdit()
            edit.setPlaceholderText(f"要求 {role.required} 人")
            edit.returnPressed.connect(self.accept_step)
            self.role_edits[role.key] = edit
            self.staffing_form.addRow(f"{role.name}（月均）", edit)
        self._recompute()
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for code in self.steps:
            self.step_list.addItem(QListWidgetItem())
        self.step_list.blockSignals(False)
        self._label_steps()
        first_missing = next((n for n, code in enumerate(self.steps) if self._status(code) is Status.MISSING), 0)
        self.step_list.setCurrentRow(first_missing)
        self._show_step(first_missing)

    def _recompute(self) -> None:
        self.result = month_result(self.store, self.contract, self.period)
        done = sum(1 for code in self.steps if self._status(code) is not Status.MISSING)
        self.progress.setRange(0, len(self.steps))
        self.progress.setValue(done)
        self.progress.setFormat(f"已录入 {done}/{len(self.steps)}")
        final = self.result.finalized
        self.finalize_button.setEnabled(self.result.complete and not final)
        self.finalize_button.setText("已定稿" if final else "本月定稿")
        self.editor.setEnabled(not final)
        self.accept_button.setEnabled(not final)
        parts = [f"本月得分 {self.result.score:.2f}"] if self.result.score is not None else []
        parts.append(f"本月扣减 {format_yuan(self.result.deduction_total)}")
        self.month_total.setText("　".join(parts))

    def _status(self, code: str) -> Status:
        if code == STAFFING:
            return self.result.staffing_status
        return self.result.item(code).status

    def _label_steps(self) -> None:
        for row, code in enumerate(self.steps):
            item = self.step_list.item(row)
            status = self._status(code)
            name = "人员配置" if code == STAFFING else f"{code} {self.contract.indicator(code).name}"
            item.setText(f"{STATUS_MARK.get(status, '')} {name}")
            item.setForeground(Qt.GlobalColor.red if status is Status.FAIL else Qt.GlobalColor.black)

    # ----------------------------------------------------------------- one step
    def current_code(self) -> str | None:
        row = self.step_list.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) else None

    def _show_step(self, row: int) -> None:
        if not 0 <= row < len(self.steps):
            return
        code = self.steps[row]
        self.message.clear()
        if code == STAFFING:
            self._show_staffing()
            return
        indicator = self.contract.indicator(code)
        self.title.setText(f"{indicator.code}　{indicator.name}")
        self.definition.setText(indicator.definition + (f"\n备注：{indicator.notes}" if indicator.notes else ""))
        self.target.setText(f"要求：{indicator.target_text}（{indicator.frequency.label}）　依据：{indicator.clause}")
        if indicator.derived == "incidents":
            self.editor.setCurrentIndex(2)
            entries = self.store.months.load(self.contract.id, self.period)
            self.incidents.setText("" if entries is None or entries.incidents is None else str(entries.incidents))
            self.incidents.setFocus()
        else:
            self.editor.setCurrentIndex(0)
            self._fill_measurement(indicator)
        self._show_verdict(code)

    def _fill_measurement(self, indicator: Indicator) -> None:
        entries = self.store.months.load(self.contract.id, self.period)
        m = entries.measurements.get(indicator.code) if entries else None
        for edit in (self.value, self.numerator, self.denominator, self.reason, self.note):
            edit.clear()
        mode = "value"
        if m is not None:
            self.note.setText(m.note)
            if m.kind is MeasurementKind.RATIO:
                mode = "ratio"
                self.numerator.setText(str(m.numerator))
                self.denominator.setText(str(m.denominator))
            elif m.kind is MeasurementKind.EXEMPT:
                mode = "exempt"
                self.reason.setText(m.reason)
            elif m.kind is MeasurementKind.VALUE:
                self.value.setText(str(m.value))
        self.mode.setCurrentIndex([k for k, _ in MODES].index(mode))
        self.mode.model().item(1).setEnabled(indicator.is_percentage)
        {"value": self.value, "ratio": self.numerator, "exempt": self.reason}[mode].setFocus()

    def _show_staffing(self) -> None:
        self.editor.setCurrentIndex(1)
        self.title.setText("人员配置")
        self.definition.setText(self.contract.data.get("staffing", {}).get("requirement_text", ""))
        self.target.setText(f"依据：{self.contract.clauses.get('staffing', '')}")
        for role in self.result.roles:
            self.role_edits[role.role.key].setText("" if role.actual is None else str(role.actual))
        if self.role_edits:
            next(iter(self.role_edits.values())).setFocus()
        self._show_verdict(STAFFING)

    def _show_verdict(self, code: str) -> None:
        status = self._status(code)
        if code == STAFFING:
            money = sum((d.amount for d in self.result.deductions if d.kind == "staffing"), Decimal(0))
            text = f"{status.label}：缺口 {self.result.staffing_shortfall} 人"
        else:
            item = self.result.item(code)
            money = item.deduction
            text = f"{status.label}：{item.detail}"
            if item.points is not None:
                text += f"　得分 {item.points.normalize():f}"
        if money:
            text += f"　扣款 {format_yuan(money)}"
        color = {Status.FAIL: "#c0392b", Status.PASS: "#1e8449"}.get(status, "#7f8c8d")
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"font-size: 13pt; color: {color};")

    def save_step(self) -> bool:
        """Validate and store the current step; show the problem and keep the step if it is wrong."""
        code = self.current_code()
        if code is None or self.result is None or self.result.finalized:
            return False
        problems: list[str] = []
        try:
            if code == STAFFING:
                values = {key: edit.text().strip() for key, edit in self.role_edits.items()}
                if any(not v for v in values.values()):
                    problems.append("请填写每个岗位的月均在岗人数")
                headcount = {k: read_number(v, k, problems) for k, v in values.items() if v}
                if not problems:
                    self.store.months.set_fact(self.contract, self.period, "headcount", headcount)
            elif self.contract.indicator(code).derived == "incidents":
                number = read_number(self.incidents.text(), "严重舆论事件数", problems, integer=True)
                if not problems:
                    self.store.months.set_fact(self.contract, self.period, "incidents", int(number))
            else:
                raw: dict = {"indicator": code, "note": self.note.text().strip()}
                mode = self.mode.currentData()
                if mode == "value":
                    raw["value"] = self.value.text()
                elif mode == "ratio":
                    raw.update(numerator=self.numerator.text(), denominator=self.denominator.text())
                else:
                    raw.update(exempt=True, reason=self.reason.text())
                measurement = parse_measurement(self.contract, self.period, raw, code, problems)
                if measurement is not None and not problems:
                    self.store.months.put_measurement(self.contract, self.period, measurement)
        except AuditorError as exc:
            problems.append(str(exc))
        if problems:
            self.message.setText("\n".join(p.split(": ", 1)[-1] for p in problems))
            return False
        self.message.clear()
        self._recompute()
        self._label_steps()
        self._show_verdict(code)
        self.changed.emit()
        return True

    def accept_step(self) -> None:
        if self.save_step():
            self.move(1)

    def move(self, delta: int) -> None:
        row = self.step_list.currentRow() + delta
        if 0 <= row < len(self.steps):
            self.step_list.setCurrentRow(row)

    def finalize(self) -> None:
        try:
            finalize_month(self.store, self.contract, self.period)
        except AuditorError as exc:
            QMessageBox.warning(self, "不能定稿", str(exc))
            return
        self._recompute()
        self.changed.emit()
