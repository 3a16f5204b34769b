"""Every table of the app: sorted by any column, searched (in all columns or one), copied as
tab-separated text and exported to .xlsx, the way the inspector works with tables elsewhere.

The view shows a ``QSortFilterProxyModel`` over the page's :class:`ObjectTableModel`, so a row of the
view is not a row of the model once it is sorted or searched: pages ask the view for the object
(:meth:`TableView.current_object`, :meth:`TableView.object_at`), never the model for a row number.

The search box is the view's own: shown at its top right by Ctrl+F or the context menu, or placed in a
page's layout through :meth:`TableView.toolbar` (search, column, copy, export) where the page has room.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from ..i18n import tr

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def sort_key(text: str, numeric: bool) -> Any:
    """What a column sorts by: the first number in a right-aligned (figures) column, else the text."""
    if numeric:
        match = _NUMBER.search(text or "")
        if match:
            try:
                return float(Decimal(match.group(0).replace(",", "")))
            except InvalidOperation:
                pass
        return float("-inf")
    return text or ""


class ObjectProxy(QSortFilterProxyModel):
    """Sorts figures as numbers and text as text; searches every column, or the one chosen."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setDynamicSortFilter(True)

    def key(self, source: QModelIndex | QPersistentModelIndex) -> Any:
        model = self.sourceModel()
        text = model.data(source, Qt.ItemDataRole.DisplayRole)
        align = model.data(source, Qt.ItemDataRole.TextAlignmentRole) or 0
        return sort_key(str(text) if text is not None else "", bool(int(align) & int(Qt.AlignmentFlag.AlignRight)))

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 (Qt name)
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = self.key(left), self.key(right)
        if type(a) is not type(b):
            return isinstance(a, float)
        return a < b


class TableView(QTableView):
    """A table over an object model, with search, sort, column filter, copy and export."""

    def __init__(self, model, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.name = name or tr("表格")
        self.proxy = ObjectProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's own order until a header is clicked
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self.menu().exec(self.viewport().mapToGlobal(pos)))
        self.search = QLineEdit(self)  # floats over the view unless a page puts the toolbar in its layout
        self.search.setPlaceholderText(tr("搜索…（Esc 清除）"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(tr("只显示含有所输入文字的行（Ctrl+F）"))
        self.search.textChanged.connect(self.set_search)
        self.search.hide()
        self.column = QComboBox(self)
        self.column.hide()
        self.column.setToolTip(tr("在哪一列中搜索"))
        self.column.currentIndexChanged.connect(lambda _i: self.proxy.setFilterKeyColumn(self.column.currentData()))
        model.modelReset.connect(self._fill_columns)
        model.modelReset.connect(self._fit_columns)
        self._fill_columns()
        self._docked = False
        copy = QAction(tr("复制"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy)
        find = QAction(tr("搜索"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.start_search)
        self.addActions([copy, find])
        self.setToolTip(tr("单击表头排序；右键复制、导出或按列筛选；Ctrl+F 搜索"))

    # ------------------------------------------------------------- rows
    def object_at(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """The domain object of a row as shown (the object itself never travels through a QVariant)."""
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index) if index.model() is self.proxy else index
        row = source.row()
        return self.source.row_object(row) if 0 <= row < self.source.rowCount() else None

    def current_object(self) -> Any:
        return self.object_at(self.currentIndex())

    def selected_objects(self) -> list[Any]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [self.object_at(self.proxy.index(r, 0)) for r in rows]

    def visible_objects(self) -> list[Any]:
        return [self.object_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def select_where(self, test: Callable[[Any], bool]) -> bool:
        """Make the first shown row whose object passes ``test`` current and selected."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if test(self.object_at(index)):
                self.setCurrentIndex(index)
                self.selectRow(row)
                return True
        return False

    def select_source_row(self, row: int) -> None:
        """Select the model's ``row`` wherever sorting placed it."""
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        if index.isValid():
            self.setCurrentIndex(index)
            self.selectRow(index.row())

    # ------------------------------------------------------------- search
    def set_search(self, text: str) -> None:
        pattern = QRegularExpression.escape(text.strip())
        self.proxy.setFilterRegularExpression(QRegularExpression(
            pattern, QRegularExpression.PatternOption.CaseInsensitiveOption))
        if self.search.text() != text:
            self.search.setText(text)

    def start_search(self) -> None:
        if not self._docked:
            self.search.show()
            self._place_search()
            self.search.raise_()
        self.search.setFocus()
        self.search.selectAll()

    def filter_column(self, column: int) -> None:
        """Search only in ``column`` (-1: every column)."""
        self.column.setCurrentIndex(max(self.column.findData(column), 0))
        self.proxy.setFilterKeyColumn(column)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_search()

    def _place_search(self) -> None:
        if not self._docked and self.search.isVisible():
            width = min(260, self.viewport().width())
            self.search.setGeometry(self.viewport().x() + self.viewport().width() - width - 4,
                                    self.viewport().y() + 4, width, self.search.sizeHint().height())

    def _fill_columns(self) -> None:
        current = self.column.currentData()
        self.column.blockSignals(True)
        self.column.clear()
        self.column.addItem(tr("全部列"), -1)
        for column in range(self.source.columnCount()):
            self.column.addItem(str(self.source.headerData(column, Qt.Orientation.Horizontal)), column)
        self.column.setCurrentIndex(max(self.column.findData(current), 0))
        self.column.blockSignals(False)

    def _fit_columns(self) -> None:
        """Columns as wide as their content (once per reset: cheap, unlike ResizeToContents on every paint),
        none wider than half the view."""
        self.resizeColumnsToContents()
        limit = max(self.viewport().width() // 2, 200)
        for column in range(self.source.columnCount()):
            if self.columnWidth(column) > limit:
                self.setColumnWidth(column, limit)

    # ------------------------------------------------------------- copy, export
    def rows_as_text(self, only_selected: bool = False) -> list[list[str]]:
        """The header and the rows as shown (sorted, searched): the selected ones only when asked."""
        columns = range(self.proxy.columnCount())
        rows = (sorted({i.row() for i in self.selectionModel().selectedRows()}) if only_selected
                else range(self.proxy.rowCount()))
        header = [str(self.proxy.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
        return [header] + [[str(self.proxy.index(r, c).data() or "") for c in columns] for r in rows]

    def tsv(self, only_selected: bool = False) -> str:
        return "\n".join("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row)
                         for row in self.rows_as_text(only_selected))

    def copy(self) -> str:
        """The selected rows (or, with none selected, the whole table as shown) as tab-separated text, for
        pasting into a spreadsheet or a document."""
        text = self.tsv(only_selected=bool(self.selectionModel().selectedRows()))
        QGuiApplication.clipboard().setText(text)
        from ..feedback import say

        say(self, tr("已复制 {n} 行（制表符分隔，可直接粘贴到表格）").format(n=text.count("\n")))
        return text

    def export(self, path: str | None = None) -> Path | None:
        """The table as shown, to an .xlsx file."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("导出为 Excel"), f"{self.name}.xlsx",
                                                  tr("Excel 表格 (*.xlsx)"))
            if not path:
                return None
        target = Path(path)
        try:
            write_xlsx(target, self.rows_as_text(), self.name)
        except OSError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, tr("未导出"), tr("无法写入 {path}：{reason}").format(
                path=path, reason=exc.strerror or exc))
            return None
        from ..feedback import say

        say(self, tr("已导出 {n} 行到 {path}").format(n=self.proxy.rowCount(), path=target))
        return target

    def menu(self) -> QMenu:
        menu = QMenu(self)
        selected = bool(self.selectionModel().selectedRows())
        copy_rows = menu.addAction(tr("复制所选行"), self.copy)
        copy_rows.setEnabled(selected)
        menu.addAction(tr("复制整个表格"), lambda: QGuiApplication.clipboard().setText(self.tsv()))
        menu.addAction(tr("导出为 Excel…"), lambda: self.export())
        menu.addSeparator()
        menu.addAction(tr("搜索…"), self.start_search)
        return menu

    def _header_menu(self, pos) -> None:
        column = self.horizontalHeader().logicalIndexAt(pos)
        menu = QMenu(self)
        name = str(self.source.headerData(column, Qt.Orientation.Horizontal))
        menu.addAction(tr("升序排列"), lambda: self.sortByColumn(column, Qt.SortOrder.AscendingOrder))
        menu.addAction(tr("降序排列"), lambda: self.sortByColumn(column, Qt.SortOrder.DescendingOrder))
        menu.addAction(tr("恢复原顺序"), lambda: self.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
        menu.addSeparator()
        menu.addAction(tr("只在“{column}”列中搜索…").format(column=name),
                       lambda: (self.filter_column(column), self.start_search()))
        menu.addAction(tr("在全部列中搜索"), lambda: self.filter_column(-1))
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def toolbar(self, *extra: QWidget) -> QWidget:
        """Search, column, copy and export in a row, for a page that has room to show them always."""
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self._docked = True
        self.search.setParent(bar)
        self.search.show()
        row.addWidget(self.search, 2)
        self.column.setParent(bar)
        self.column.show()
        row.addWidget(self.column)
        for widget in extra:
            row.addWidget(widget)
        row.addStretch(1)
        copy = QPushButton(tr("复制"))
        copy.setToolTip(tr("所选行（未选则整个表格）复制为制表符分隔的文字（Ctrl+C）"))
        copy.clicked.connect(self.copy)
        export = QPushButton(tr("导出 Excel…"))
        export.setToolTip(tr("把表格（按当前排序和搜索）导出为 .xlsx 文件"))
        export.clicked.connect(lambda: self.export())
        row.addWidget(copy)
        row.addWidget(export)
        self.copy_button, self.export_button = copy, export
        return bar


_FORMULA_START = ("=", "+", "-", "@")


def write_xlsx(path: Path, rows: list[list[str]], title: str = "") -> None:
    """Rows of text to one sheet, the first row bold. Text that a spreadsheet would run as a formula (an
    operator's name written 「=HYPERLINK(…)」) stays text; figures become numbers. Written beside the
    target and renamed, so a failed write leaves no half file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = (re.sub(r"[\[\]:*?/\\]", " ", title) or "Sheet1")[:31]
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            number = _plain_number(text) if r > 1 else None
            if number is not None:
                cell.value = number
            else:
                cell.value = text
                if text.startswith(_FORMULA_START):
                    cell.data_type = "s"
            if r == 1:
                cell.font = Font(bold=True)
    for c, header in enumerate(rows[0] if rows else [], start=1):
        width = max([len(header)] + [len(row[c - 1]) for row in rows[1:200] if c - 1 < len(row)])
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = min(60, 2 + width * 1.6)
    partial = path.with_name(path.name + ".partial")
    book.save(partial)
    partial.replace(path)


def _plain_number(text: str) -> float | int | None:
    """「1,200」「96.5」 as a number; 「¥64,680.00」「96.5%」「2025-10」 stay text (they say what they are)."""
    if not re.fullmatch(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?", text.strip()):
        return None
    value = Decimal(text.strip().replace(",", ""))
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)
