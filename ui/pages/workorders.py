"""工单记录: a month's work-order export imported on a worker (progress, cancel), the items it computes beside the
operator's own figures, the failing orders of the item chosen, and those orders exported to .xlsx."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.calendar import Period
from auditor.errors import AuditorError
from auditor.imports import ColumnsError
from auditor.model import Contract
from auditor.operations.workorders import import_file
from auditor.storage import Store
from auditor.workorder_service import ItemView, failing_workbook, month_view
from auditor.workorders import LABELS, BadRowsError, Cancelled, Failing, late_text

from .. import errors
from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..ops import run_op
from .summary import make_table

SHOWN_BAD = 500   # rows listed in the dialog; the count is always given


def _moment(value) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if value else ""


def item_columns() -> tuple[Column[ItemView], ...]:
    right = Qt.AlignmentFlag.AlignRight

    def verdict(v: ItemView) -> str:
        if v.result.status != "computed":
            return tr("未计算")
        return tr("达标") if v.passes else tr("不达标")

    return (
        Column("code", tr("指标"), lambda v: v.code),
        Column("name", tr("名称"), lambda v: v.indicator.name),
        Column("target", tr("要求"), lambda v: v.indicator.target_text),
        Column("numerator", tr("分子"), lambda v: str(v.result.numerator), right),
        Column("denominator", tr("分母"), lambda v: str(v.result.denominator), right),
        Column("rate", tr("工单计算"), lambda v: v.rate_text, right),
        Column("reported", tr("乙方自报"), lambda v: v.reported_text, right,
               lambda v: "#b00020" if v.comparison is not None and v.comparison.beyond else None),
        Column("verdict", tr("结论"), verdict, color=lambda v: "#b00020" if v.passes is False else None),
        Column("note", tr("说明"), lambda v: v.note),
    )


def failing_columns() -> tuple[Column[Failing], ...]:
    return (
        Column("number", tr("工单编号"), lambda f: f.number),
        Column("row", tr("行"), lambda f: str(f.row), Qt.AlignmentFlag.AlignRight),
        Column("received", tr("受理时间"), lambda f: _moment(f.received_at)),
        Column("end", tr("完成时间"), lambda f: _moment(f.end)),
        Column("deadline", tr("时限截止"), lambda f: _moment(f.deadline)),
        Column("late", tr("超时"), lambda f: late_text(f.late_seconds), Qt.AlignmentFlag.AlignRight),
        Column("reason", tr("情形"), lambda f: f.reason),
    )


class BadRowsDialog(QDialog):
    """The bad rows of a refused file, and the inspector's choice to leave them out (recorded with the import)."""

    def __init__(self, error: BadRowsError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("工单记录有误"))
        self.rows = QListWidget()
        for cell in error.cells[:SHOWN_BAD]:
            self.rows.addItem(str(cell))
        self.rows.setToolTip(tr("有误的各行：行号、列和问题"))
        self.exclude = QCheckBox(tr("剔除以上 {n} 行后导入（剔除的行随导入记录保存）").format(n=error.rows))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("{n} 行有误，未导入。逐行核对后，可选择剔除这些行：").format(n=error.rows)))
        layout.addWidget(self.rows)
        if len(error.cells) > SHOWN_BAD:
            layout.addWidget(QLabel(tr("另有 {n} 处未列出").format(n=len(error.cells) - SHOWN_BAD)))
        self.exclude.setToolTip(tr("勾选后才能导入：这些行不计入考核，随导入记录保存"))
        layout.addWidget(self.exclude)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(tr("剔除所列各行，导入其余工单"))
        self.exclude.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class WorkOrdersPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.contract: Contract | None = None
        self.period: Period | None = None
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.import_button = QPushButton(tr("导入工单记录…"))
        self.import_button.clicked.connect(lambda: self.import_orders())
        self.export_button = QPushButton(tr("导出未达标工单…"))
        self.export_button.clicked.connect(lambda: self.export_failing())
        self.items_model: ObjectTableModel[ItemView] = ObjectTableModel(item_columns(), parent=self)
        self.items_view = make_table(self.items_model)
        self.items_view.selectionModel().currentRowChanged.connect(  # a view row is not a model row once sorted
            lambda current, _: self.show_failing(self.items_view.proxy.mapToSource(current).row()))
        self.failing_title = QLabel()
        self.failing_model: ObjectTableModel[Failing] = ObjectTableModel(failing_columns(), parent=self)
        self.failing_view = make_table(self.failing_model)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.info)
        layout.addWidget(self.items_view, 2)
        layout.addWidget(self.failing_title)
        layout.addWidget(self.failing_view, 3)

    def load(self, contract: Contract, period: Period) -> None:
        self.contract, self.period = contract, period
        info = self.store.workorders.import_info(contract.id, period)
        if info is None:
            self.info.setText(tr("本月尚未导入工单记录。导入后，由工单计算的指标将填入本月，乙方自报数另行保留。"))
        else:
            text = tr("{source}：{rows} 单，SHA-256 {sha}，{at} 导入").format(
                source=info["source"], rows=info["row_count"], sha=info["sha256"], at=info["imported_at"])
            if info["excluded_count"]:
                text += tr("；按检查人员的选择剔除有误的 {n} 行").format(n=info["excluded_count"])
            self.info.setText(text)
        self.items_model.set_rows(month_view(self.store, contract, period))
        self.export_button.setEnabled(info is not None)
        self.show_failing(0 if self.items_model.rowCount() else -1)

    def show_failing(self, row: int) -> None:
        if not 0 <= row < self.items_model.rowCount():
            self.failing_title.setText("")
            self.failing_model.set_rows([])
            return
        view = self.items_model.row_object(row)
        label = tr("计入工单") if view.indicator.comparator.value == "<=" else tr("未达标工单")
        self.failing_title.setText(f"{view.code} {view.indicator.name}：{label} {len(view.result.failing)}")
        self.failing_model.set_rows(view.result.failing)

    def import_orders(self, path: str | None = None, wait: bool = False, exclude_bad: bool = False,
                      column_map: dict[str, str] | None = None) -> None:
        if self.contract is None or self.period is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择工单记录"), "", tr("表格 (*.xlsx *.xls *.csv)"))
            if not path:
                return
        contract, period = self.contract, self.period

        def work(store, progress, cancelled):
            return import_file(store, contract.id, period, Path(path), column_map, exclude_bad=exclude_bad,
                               progress=progress, cancelled=cancelled)

        def done(summary) -> None:
            self.load(contract, period)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.info.setText(tr("已取消导入，未做任何修改"))
                return
            if isinstance(exc, BadRowsError):
                if self.ask_exclude(exc):
                    self.import_orders(path, wait, True, column_map)
                return
            if isinstance(exc, ColumnsError) and exc.headers:
                mapping = self.ask_columns(exc)
                if mapping:
                    self.import_orders(path, wait, exclude_bad, {**(column_map or {}), **mapping})
                return
            errors.warn(self, tr("未导入"), exc)

        run_op(self, self.store, tr("正在导入工单记录…"), work, done, failed, wait)

    def ask_exclude(self, error: BadRowsError) -> bool:
        return BadRowsDialog(error, self).exec() == QDialog.DialogCode.Accepted

    def ask_columns(self, error: ColumnsError) -> dict[str, str] | None:
        from ..dialogs.column_map import ColumnMapDialog

        dialog = ColumnMapDialog(error.missing, error.headers, self.contract.party_b.name, self, LABELS)
        return dialog.mapping() if dialog.exec() else None

    def export_failing(self, path: str | None = None) -> bool:
        if self.contract is None or self.period is None:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("导出未达标工单"),
                                                  f"{self.contract.id}-{self.period}-未达标工单.xlsx",
                                                  "Excel (*.xlsx)")
            if not path:
                return False
        try:
            data, rows = failing_workbook(self.store, self.contract, self.period)
            partial = Path(path + ".partial")
            partial.write_bytes(data)
            partial.replace(path)
        except (AuditorError, OSError) as exc:
            QMessageBox.warning(self, tr("未导出"), errors.describe(exc) if isinstance(exc, AuditorError) else str(exc))
            return False
        self.info.setText(self.info.text() + "\n" + tr("已导出 {n} 单到 {path}").format(n=rows, path=path))
        return True
