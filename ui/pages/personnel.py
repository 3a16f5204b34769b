"""人员与薪资: the month's five submissions, reconciliation, headcount and confidentiality."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import Period
from auditor.errors import AuditorError
from auditor.imports import ColumnsError
from auditor.model import Contract
from auditor.operations.personnel import import_file
from auditor.payroll import TYPES, ReconFinding
from auditor.personnel import DUTY_STATUSES, confidentiality_findings, reconcile_month, staffing_figures
from auditor.staffing import people
from auditor.storage import Store
from auditor.submissions import KIND_LABELS, KINDS

from .. import errors
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import run_op
from .summary import make_table


def finding_columns():
    return (
        Column("type", tr("类别"), lambda f: TYPES[f.type]),
        Column("name", tr("姓名"), lambda f: f.name),
        Column("id", tr("身份证号"), lambda f: f.masked_id),
        Column("where", tr("文件与行"), lambda f: f"{f.file} {tr('第 {n} 行').format(n=f.row)}" if f.row else f.file),
        Column("detail", tr("说明"), lambda f: f.detail),
    )


class PersonnelPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.contract: Contract | None = None
        self.period: Period | None = None
        self.today = dt.date.today()
        self.received = QLineEdit(self.today.isoformat())
        self.kind_labels: dict[str, QLabel] = {}
        imports = QGroupBox(tr("乙方报送（收到日期）"))
        grid = QGridLayout(imports)
        grid.addWidget(QLabel(tr("收到日期：")), 0, 0)
        grid.addWidget(self.received, 0, 1)
        for row, kind in enumerate(KINDS, start=1):
            label = QLabel()
            button = QPushButton(tr("导入…"))
            button.clicked.connect(lambda _=False, k=kind: self.import_kind(k))
            grid.addWidget(QLabel(tr(KIND_LABELS[kind])), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.kind_labels[kind] = label
        self.figures = QLabel()
        self.reconcile_button = QPushButton(tr("核对"))
        self.reconcile_button.clicked.connect(self.reconcile)
        self.findings_model: ObjectTableModel[ReconFinding] = ObjectTableModel(finding_columns(), parent=self)
        self.findings_view = make_table(self.findings_model)
        self.findings_view.setToolTip(tr("双击查看完整身份证号（须说明理由，记入日志）"))
        self.findings_view.doubleClicked.connect(lambda index: self.reveal(index.row()))
        self.duty_boxes: dict[str, QComboBox] = {}
        self.duty_notes: dict[str, QLineEdit] = {}
        self.duties_box = QGroupBox(tr("保密义务"))
        self.duties_layout = QGridLayout(self.duties_box)
        self.unsigned = QListWidget()
        self.unsigned.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.sign_button = QPushButton(tr("标记所选人员已签保密承诺"))
        self.sign_button.clicked.connect(self.mark_signed)
        left = QVBoxLayout()
        left.addWidget(imports)
        left.addWidget(self.figures)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("核对结果：")))
        row.addStretch(1)
        row.addWidget(self.reconcile_button)
        left.addLayout(row)
        left.addWidget(self.findings_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.duties_box)
        right.addWidget(QLabel(tr("未签保密承诺的在职人员：")))
        right.addWidget(self.unsigned, 1)
        right.addWidget(self.sign_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def load(self, contract: Contract, period: Period) -> None:
        self.contract, self.period = contract, period
        present = {i["kind"]: i for i in self.store.personnel.imports(contract.id, period)}
        for kind, label in self.kind_labels.items():
            info = present.get(kind)
            label.setText(tr("{source}，{rows} 行，{day} 收到").format(
                source=info["source"], rows=info["row_count"], day=info["received_on"]) if info else tr("未报送"))
        figures = staffing_figures(self.store, contract, period)
        if figures:
            names = {r.key: r.name for r in contract.roles}
            heads = "、".join(f"{names[k]} {v}" for k, v in figures["headcount"].items())
            self.figures.setText(tr("名单月均在岗：{heads}；人员流失率 {rate}%").format(
                heads=heads, rate=figures["turnover_percent"] if figures["turnover_percent"] is not None else "—"))
        else:
            self.figures.setText(tr("尚未导入人员名单"))
        self._load_duties()
        self._load_unsigned()
        self.findings_model.set_rows([])

    def _load_duties(self) -> None:
        while self.duties_layout.count():
            self.duties_layout.takeAt(0).widget().deleteLater()
        self.duty_boxes.clear()
        saved = self.store.personnel.duties(self.contract.id, self.period)
        for row, duty in enumerate(self.contract.confidentiality):
            text = QLabel(f"{duty.text}（{duty.clause}）")
            text.setWordWrap(True)
            box = QComboBox()
            box.addItem(tr("未检查"), "")
            for key, label in DUTY_STATUSES.items():
                box.addItem(tr(label), key)
            status, note = saved.get(duty.key, ("", ""))
            box.setCurrentIndex(max(box.findData(status), 0))
            note_edit = QLineEdit(note)
            note_edit.setPlaceholderText(tr("检查情况"))
            box.currentIndexChanged.connect(lambda _=0, k=duty.key: self.save_duty(k))
            note_edit.editingFinished.connect(lambda k=duty.key: self.save_duty(k))
            self.duties_layout.addWidget(text, row, 0)
            self.duties_layout.addWidget(box, row, 1)
            self.duties_layout.addWidget(note_edit, row, 2)
            self.duty_boxes[duty.key] = box
            self.duty_notes[duty.key] = note_edit

    def save_duty(self, key: str) -> None:
        status = self.duty_boxes[key].currentData()
        if status:
            self.store.personnel.set_duty(self.contract.id, self.period, key, status, self.duty_notes[key].text())
            confidentiality_findings(self.store, self.contract, self.period)
            self.changed.emit()

    def _load_unsigned(self) -> None:
        self.unsigned.clear()
        roster = self.store.personnel.dataset(self.contract.id, self.period, "roster")
        if roster is None:
            return
        signed = self.store.personnel.commitments(self.contract.id)
        for person in people(roster.records):
            if person.id_number and person.id_number not in signed and person.employed_on(self.period.last_day):
                item = QListWidgetItem(f"{person.name}　{person.masked_id}")
                item.setData(Qt.ItemDataRole.UserRole, (person.id_number, person.name))
                self.unsigned.addItem(item)

    def mark_signed(self, confirmed: bool = False) -> int:
        """The selected persons recorded as having signed the commitment today, once confirmed (it is kept)."""
        from auditor.operations.personnel import sign_commitments

        from ..feedback import confirm, say
        from ..ops import announce

        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self.unsigned.selectedItems()]
        if not chosen:
            say(self, tr("请先在列表中选择已签保密承诺的人员"))
            return 0
        names = "、".join(name for _, name in chosen)
        if not confirmed and not confirm(
                self, tr("保密承诺"), tr("记录以下 {n} 人已签署保密承诺？").format(n=len(chosen)), tr("标记已签"),
                names + "\n" + tr("签署日期记为 {day}；记录不能撤销。").format(day=self.today)):
            return 0
        try:
            outcome = sign_commitments(self.store, self.contract.id, self.period, chosen, self.today)
        except AuditorError as exc:
            errors.warn(self, tr("未记录"), exc)
            return 0
        self._load_unsigned()
        announce(outcome.changes)
        self.changed.emit()
        say(self, tr("已记录 {n} 人签署保密承诺：{names}").format(n=len(chosen), names=names))
        return len(chosen)

    def received_on(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.received.text().strip())
        except ValueError:
            QMessageBox.warning(self, tr("日期有误"), tr("收到日期应写作 YYYY-MM-DD"))
            return None

    def import_kind(self, kind: str, path: str | None = None, wait: bool = False,
                    column_map: dict[str, str] | None = None) -> None:
        received = self.received_on()
        if received is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择{kind}").format(kind=tr(KIND_LABELS[kind])), "",
                                                  tr("表格 (*.xlsx *.xls *.csv)"))
            if not path:
                return
        contract, period = self.contract, self.period

        def work(store, progress, cancelled):
            return import_file(store, contract.id, period, kind, Path(path), received, column_map, progress)

        def done(summary) -> None:
            pass  # the views that show personnel files refresh from the operation's changes

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ColumnsError) and exc.headers:
                mapping = self.ask_columns(exc)
                if mapping:
                    self.import_kind(kind, path, wait, {**(column_map or {}), **mapping})
                return
            errors.warn(self, tr("未导入"), exc)

        run_op(self, self.store, tr("正在导入…"), work, done, failed, wait)

    def ask_columns(self, error: ColumnsError) -> dict[str, str] | None:
        from ..dialogs.column_map import ColumnMapDialog

        dialog = ColumnMapDialog(error.missing, error.headers, self.contract.party_b.name, self)
        return dialog.mapping() if dialog.exec() else None

    def reveal(self, row: int, reason: str | None = None) -> str | None:
        """Show one full ID number on purpose; the reveal is logged with its reason."""
        from PySide6.QtWidgets import QInputDialog

        from auditor.storage.personnel_repo import reveal_id

        finding = self.findings_view.object_at(self.findings_view.model().index(row, 0))  # a row as shown
        if finding is None or not finding.id_number:
            return None
        if reason is None:
            reason, ok = QInputDialog.getText(self, tr("查看完整身份证号"), tr("理由（将记入日志）："))
            if not ok:
                return None
        try:
            number = reveal_id(self.store, finding.id_number, reason,
                               f"{self.contract.id} {self.period} {finding.type}")
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未显示"), str(exc))
            return None
        QMessageBox.information(self, tr("完整身份证号"), f"{finding.name}：{number}")
        return number

    def reconcile(self) -> list[ReconFinding]:
        findings = reconcile_month(self.store, self.contract, self.period, self.today)
        self.findings_model.set_rows(findings)
        self.changed.emit()
        return findings
