"""人员与薪资: the month's five submissions, reconciliation, headcount and confidentiality.

Imports run on a worker. A file replacing the month's file of its kind is first compared with it and
the differences shown (persons added, removed, changed) before anything is replaced. Headers the program
does not know are mapped once in a dialog that starts empty and checks the mapping; what was remembered
for the operator can be forgotten again (表头对应…). Every write is an operation.
"""
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
from auditor.operations import personnel as personnel_ops
from auditor.payroll import TYPES, ReconFinding
from auditor.personnel import DUTY_STATUSES
from auditor.staffing import Person, average_headcount, people, turnover_percent
from auditor.storage import Store
from auditor.submissions import KIND_LABELS, KINDS

from .. import errors
from ..feedback import say
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import announce, run_op
from .notices import chosen_date, date_edit
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
        self.staff: list[Person] | None = None  # the month's roster, decoded once per load
        self.today = dt.date.today()
        self.received = date_edit(self.today)
        self.received.setToolTip(tr("乙方报送的文件收到的日期（判断是否逾期报送）；默认今天"))
        self.kind_labels: dict[str, QLabel] = {}
        self.import_buttons: dict[str, QPushButton] = {}
        imports = QGroupBox(tr("乙方报送（收到日期）"))
        grid = QGridLayout(imports)
        grid.addWidget(QLabel(tr("收到日期：")), 0, 0)
        grid.addWidget(self.received, 0, 1)
        self.columns_button = QPushButton(tr("表头对应…"))
        self.columns_button.setToolTip(tr("查看或忘记为乙方记住的表头对应（指定错了可在此更正）"))
        self.columns_button.clicked.connect(lambda: self.edit_columns())
        grid.addWidget(self.columns_button, 0, 2)
        for row, kind in enumerate(KINDS, start=1):
            label = QLabel()
            label.setWordWrap(True)
            button = QPushButton(tr("导入…"))
            button.setToolTip(tr("导入乙方报送的{kind}（.xlsx、.xls 或 .csv；有误的文件整份不导入）").format(
                kind=tr(KIND_LABELS[kind])))
            button.clicked.connect(lambda _=False, k=kind: self.import_kind(k))
            grid.addWidget(QLabel(tr(KIND_LABELS[kind])), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.kind_labels[kind] = label
            self.import_buttons[kind] = button
        grid.setColumnStretch(1, 1)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.reconcile_button = QPushButton(tr("核对"))
        self.reconcile_button.setToolTip(tr("核对名单、工资表、五险一金与转账记录，差异记为本月问题"))
        self.reconcile_button.clicked.connect(lambda: self.reconcile())
        self.findings_model: ObjectTableModel[ReconFinding] = ObjectTableModel(finding_columns(), parent=self)
        self.findings_view = make_table(self.findings_model, tr("核对结果"))
        self.findings_view.setToolTip(tr("双击查看完整身份证号（须说明理由，记入日志）；右键复制或导出"))
        self.findings_view.doubleClicked.connect(lambda index: self.reveal(index.row()))
        self.duty_boxes: dict[str, QComboBox] = {}
        self.duty_notes: dict[str, QLineEdit] = {}
        self.duties_box = QGroupBox(tr("保密义务"))
        self.duties_layout = QGridLayout(self.duties_box)
        self.duties_layout.setColumnStretch(0, 3)
        self.duties_layout.setColumnStretch(2, 2)
        self.unsigned = QListWidget()
        self.unsigned.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.unsigned.setToolTip(tr("在职但未签保密承诺的人员；可多选（Ctrl/Shift+单击）"))
        self.sign_button = QPushButton(tr("标记所选人员已签保密承诺"))
        self.sign_button.setToolTip(tr("记录所选人员今天已签署保密承诺（先确认，记录不能撤销）"))
        self.sign_button.clicked.connect(lambda: self.mark_signed())
        left = QVBoxLayout()
        left.addWidget(imports)
        left.addWidget(self.figures)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("核对结果：")))
        row.addStretch(1)
        row.addWidget(self.reconcile_button)
        left.addLayout(row)
        left.addWidget(self.findings_view.toolbar())
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
            self.import_buttons[kind].setText(tr("重新导入…") if info else tr("导入…"))
        roster = self.store.personnel.dataset(contract.id, period, "roster")
        staff = people(roster.records) if roster is not None else None  # decoded once for both uses below
        if staff is not None:
            roles = [r.key for r in contract.roles]
            turnover = turnover_percent(staff, period, roles)
            heads = "、".join(f"{r.name} {v}" for r, v in zip(contract.roles, average_headcount(staff, period, roles)
                                                                  .values(), strict=True))
            self.figures.setText(tr("名单月均在岗：{heads}；人员流失率 {rate}%").format(
                heads=heads, rate=turnover if turnover is not None else "—"))
        else:
            self.figures.setText(tr("尚未导入人员名单"))
        self._load_duties()
        self.staff = staff
        self._load_unsigned(staff)
        self.findings_model.set_rows([])

    def _load_duties(self) -> None:
        while self.duties_layout.count():
            old = self.duties_layout.takeAt(0).widget()
            old.hide()  # gone at once, not when the event loop gets to deleting it
            old.deleteLater()
        self.duty_boxes.clear()
        self.duty_notes.clear()
        saved = self.store.personnel.duties(self.contract.id, self.period)
        for row, duty in enumerate(self.contract.confidentiality):
            text = QLabel(f"{duty.text}（{duty.clause}）")
            text.setWordWrap(True)
            box = QComboBox()
            box.setToolTip(tr("本月检查该项保密义务的结果"))
            box.addItem(tr("未检查"), "")
            for key, label in DUTY_STATUSES.items():
                box.addItem(tr(label), key)
            status, note = saved.get(duty.key, ("", ""))
            box.setCurrentIndex(max(box.findData(status), 0))
            note_edit = QLineEdit(note)
            note_edit.setPlaceholderText(tr("检查情况"))
            note_edit.setToolTip(tr("检查情况的说明（未落实时写明问题，印在问题清单上）"))
            note_edit.setMinimumWidth(note_edit.fontMetrics().horizontalAdvance("检") * 12)  # a sentence, not 2 chars
            box.currentIndexChanged.connect(lambda _=0, k=duty.key: self.save_duty(k))
            note_edit.editingFinished.connect(lambda k=duty.key: self.save_duty(k))
            self.duties_layout.addWidget(text, row, 0)
            self.duties_layout.addWidget(box, row, 1)
            self.duties_layout.addWidget(note_edit, row, 2)
            self.duty_boxes[duty.key] = box
            self.duty_notes[duty.key] = note_edit

    def save_duty(self, key: str) -> None:
        status = self.duty_boxes[key].currentData()
        if not status:
            return
        try:
            outcome = personnel_ops.set_duty(self.store, self.contract.id, self.period, key, status,
                                             self.duty_notes[key].text())
        except AuditorError as exc:
            errors.warn(self, tr("未保存"), exc)
            return
        announce(outcome.changes)
        self.changed.emit()
        say(self, tr("已记录保密义务检查：{status}").format(status=self.duty_boxes[key].currentText()))

    def _load_unsigned(self, staff: list[Person] | None) -> None:
        self.unsigned.clear()
        if staff is None:
            return
        signed = self.store.personnel.commitments(self.contract.id)
        last_day = self.period.last_day
        for person in staff:
            if person.id_number and person.id_number not in signed and person.employed_on(last_day):
                item = QListWidgetItem(f"{person.name}　{person.masked_id}")
                item.setData(Qt.ItemDataRole.UserRole, (person.id_number, person.name))
                self.unsigned.addItem(item)

    def mark_signed(self, confirmed: bool = False) -> int:
        """The selected persons recorded as having signed the commitment today, once confirmed (it is kept)."""
        from ..feedback import confirm

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
            outcome = personnel_ops.sign_commitments(self.store, self.contract.id, self.period, chosen, self.today)
        except AuditorError as exc:
            errors.warn(self, tr("未记录"), exc)
            return 0
        self._load_unsigned(self.staff)
        announce(outcome.changes)
        self.changed.emit()
        say(self, tr("已记录 {n} 人签署保密承诺：{names}").format(n=len(chosen), names=names))
        return len(chosen)

    def received_on(self) -> dt.date:
        return chosen_date(self.received)

    # ------------------------------------------------------------- imports
    def import_kind(self, kind: str, path: str | None = None, wait: bool = False,
                    column_map: dict[str, str] | None = None, replace: bool | None = None) -> None:
        """Import a file of ``kind``. One replacing the month's file of that kind is compared with it first
        and replaces it only when the user says so (``replace`` True answers for the user, in scripts)."""
        received = self.received_on()
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择{kind}").format(kind=tr(KIND_LABELS[kind])), "",
                                                  tr("表格 (*.xlsx *.xls *.csv)"))
            if not path:
                return
        contract, period = self.contract, self.period
        asked: list[frozenset[str]] = []  # the missing fields already asked for: never the same question twice

        def failed(exc: BaseException, mapping: dict[str, str] | None) -> None:
            if isinstance(exc, ColumnsError) and exc.headers and frozenset(exc.missing) not in asked:
                asked.append(frozenset(exc.missing))
                self.importing = Path(path).name
                more = self.ask_columns(exc)
                if more:
                    start({**(mapping or {}), **more})
                else:
                    say(self, tr("未导入 {name}：未指定表头").format(name=Path(path).name))
                return
            errors.warn(self, tr("未导入"), exc)

        def imported(summary) -> None:
            text = tr("已导入{kind}：{source}，{rows} 行").format(kind=tr(KIND_LABELS[kind]), source=summary.source,
                                                          rows=summary.rows)
            if summary.headcount_applied:
                text += tr("；已据名单填入本月月均在岗人数")
            if summary.unmapped:
                text += tr("；未使用的列：{columns}").format(columns="、".join(summary.unmapped))
            say(self, text)

        def run_import(mapping: dict[str, str] | None) -> None:
            def work(store, progress, cancelled):
                return personnel_ops.import_file(store, contract.id, period, kind, Path(path), received, mapping,
                                                 progress)

            run_op(self, self.store, tr("正在导入…"), work, imported, lambda exc: failed(exc, mapping), wait)

        def start(mapping: dict[str, str] | None) -> None:
            if replace is True or self.store.personnel.dataset(contract.id, period, kind) is None:
                run_import(mapping)
                return

            def compare(store, progress, cancelled):
                progress(0.3, tr("正在比较新旧文件…"))
                return personnel_ops.compare_import(store, contract.id, period, kind, Path(path), mapping)

            def compared(result) -> None:
                if result is None:
                    run_import(mapping)
                elif replace is None and self.ask_replace(kind, result, Path(path).name):
                    run_import(mapping)
                else:
                    say(self, tr("未替换：{kind}仍为 {source}").format(kind=tr(KIND_LABELS[kind]), source=result[0]))

            run_op(self, self.store, tr("正在比较…"), compare, compared, lambda exc: failed(exc, mapping), wait)

        start(column_map)

    def ask_replace(self, kind: str, compared, new_name: str) -> bool:
        from ..dialogs.reimport import ReimportDialog

        previous, diff = compared
        return bool(ReimportDialog(tr(KIND_LABELS[kind]), previous, new_name, diff, self).exec())

    def ask_columns(self, error: ColumnsError) -> dict[str, str] | None:
        from ..dialogs.column_map import ColumnMapDialog

        dialog = ColumnMapDialog(error.missing, error.headers, self.contract.party_b.name, self, error.kind,
                                 getattr(self, "importing", ""))
        return dialog.mapping() if dialog.exec() else None

    def edit_columns(self) -> int:
        """The headers remembered for the operator; the chosen ones forgotten."""
        from ..dialogs.column_map import RememberedColumnsDialog

        operator = self.contract.party_b.name
        dialog = RememberedColumnsDialog(self.store.personnel.column_maps(operator), operator, self)
        if not dialog.exec() or not dialog.chosen():
            return 0
        forgotten = 0
        for kind in dict.fromkeys(k for k, _ in dialog.chosen()):
            headers = [h for k, h in dialog.chosen() if k == kind]
            outcome = personnel_ops.forget_columns(self.store, self.contract.id, kind, headers)
            forgotten += outcome.value
            announce(outcome.changes)
        say(self, tr("已忘记 {n} 个表头对应；下次导入时重新指定").format(n=forgotten))
        return forgotten

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
        try:
            outcome = personnel_ops.reconcile(self.store, self.contract.id, self.period, self.today)
        except AuditorError as exc:
            errors.warn(self, tr("未核对"), exc)
            return []
        self.findings_model.set_rows(outcome.value)
        announce(outcome.changes)
        self.changed.emit()
        say(self, tr("核对完成：{n} 处差异，已记为本月问题").format(n=len(outcome.value)) if outcome.value
            else tr("核对完成：名单、工资、五险一金与转账记录一致"))
        return outcome.value
