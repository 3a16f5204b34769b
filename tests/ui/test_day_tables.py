"""Every table sorts, searches (all columns or one), copies as tab-separated text and exports to .xlsx;
the page acts on the row the user sees, whatever the sorting."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ui.models.table_model import Column, ObjectTableModel
from ui.pages.summary import make_table

from .helpers import finalised_october, open_window


def test_month_items_sort_search_copy_and_export(qtbot, tmp_path):
    from openpyxl import load_workbook

    window = open_window(qtbot, tmp_path, prepare=finalised_october)
    window.tabs.setCurrentWidget(window.summary)
    view = window.summary.items_view
    codes = lambda: [view.model().index(r, 0).data() for r in range(view.model().rowCount())]  # noqa: E731
    assert codes()[:2] == ["HN-01", "HN-02"] or codes()[0] == "HN-02"
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert codes() == sorted(codes(), reverse=True)
    view.start_search()
    qtbot.keyClicks(view.search, "HN-02")
    assert codes() == ["HN-02"]
    view.doubleClicked.emit(view.model().index(0, 0))          # a double-click opens the item in the walk-through
    assert window.walkthrough.current_code() == "HN-02"        # the row shown, not the model's first row
    window.tabs.setCurrentWidget(window.summary)
    text = view.copy()                                         # nothing selected: the table as shown
    assert text.split("\n")[0].split("\t")[:3] == ["编号", "考核指标", "要求"]
    assert text.split("\n")[1].startswith("HN-02\t网络工单回应率")
    assert QGuiApplication.clipboard().text() == text
    path = view.export(str(tmp_path / "明细.xlsx"))
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:2] == ["编号", "考核指标"] and sheet["A2"].value == "HN-02"
    assert sheet.max_row == 2
    qtbot.keyClick(view, Qt.Key.Key_Escape)                    # Esc clears the search
    assert len(codes()) > 1
    window.store.close()


def test_a_column_filter_and_figures_sorted_as_numbers(qtbot, tmp_path):
    rows = [("赵磊", "¥1,200.00"), ("张伟", "¥64,680.00"), ("李娜", "¥900.00"), ("=HYPERLINK(\"x\")", "12")]
    model = ObjectTableModel((Column("name", "姓名", lambda r: r[0]),
                              Column("amount", "金额", lambda r: r[1], Qt.AlignmentFlag.AlignRight)), rows)
    view = make_table(model, "测试")
    qtbot.addWidget(view)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [view.model().index(r, 1).data() for r in range(4)] == ["12", "¥900.00", "¥1,200.00", "¥64,680.00"]
    view.filter_column(1)
    view.set_search("64")
    assert [view.model().index(r, 0).data() for r in range(view.model().rowCount())] == ["张伟"]
    view.set_search("张")                                       # in 金额 only: no name matches there
    assert view.model().rowCount() == 0
    view.filter_column(-1)
    assert view.model().rowCount() == 1


def test_export_keeps_an_operators_formula_as_text(qtbot, tmp_path):
    from openpyxl import load_workbook

    rows = [("=HYPERLINK(\"http://x\",\"点我\")", "1,200")]
    model = ObjectTableModel((Column("name", "姓名", lambda r: r[0]), Column("n", "人数", lambda r: r[1],
                                                                             Qt.AlignmentFlag.AlignRight)), rows)
    view = make_table(model, "名单")
    qtbot.addWidget(view)
    sheet = load_workbook(view.export(str(tmp_path / "x.xlsx"))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B2"].value == 1200
