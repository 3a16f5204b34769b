"""Imports through the 人员与薪资 page's buttons: a blank contribution becomes the finding, an unknown
header is mapped in a dialog that starts empty and checks itself (and can be forgotten later), and a
file imported again shows what it changes and replaces nothing until the user says so."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from tests.core.test_personnel import IDS, ROSTER, write_csv, write_xlsx
from ui.dialogs.column_map import ColumnMapDialog, RememberedColumnsDialog
from ui.dialogs.reimport import ReimportDialog

from .helpers import open_window, press, when_shown

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path)
    win.tabs.setCurrentWidget(win.personnel)
    win.personnel.today = dt.date(2025, 10, 20)
    win.personnel.received.setDate(QDate(2025, 10, 8))
    yield win
    win.store.close()


def imported(page, kind: str, name: str):
    return lambda: name in page.kind_labels[kind].text()


def test_a_blank_housing_fund_cell_is_the_finding_not_a_refusal(qtbot, window, tmp_path):
    page = window.personnel
    page.import_kind("roster", str(write_xlsx(tmp_path / "名单.xlsx", ROSTER)))
    qtbot.waitUntil(imported(page, "roster", "名单.xlsx"), timeout=10000)
    insurance = [["姓名", "身份证号", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"],
                 ["张伟", IDS[0], 400, 200, 10, 5, 300], ["王芳", IDS[1], 400, 200, 10, 5, ""]]
    page.import_kind("insurance", str(write_csv(tmp_path / "五险一金.csv", insurance)))
    qtbot.waitUntil(imported(page, "insurance", "五险一金.csv，2 行"), timeout=10000)
    assert window.statusBar().currentMessage() == "已导入五险一金缴纳记录：五险一金.csv，2 行"
    qtbot.mouseClick(page.reconcile_button, CLICK)
    shown = [page.findings_view.object_at(page.findings_view.model().index(r, 0))
             for r in range(page.findings_view.model().rowCount())]
    assert any(f.type == "missing_insurance" and f.name == "王芳" and f.detail == "未缴：住房公积金" for f in shown)


def test_an_unknown_header_is_mapped_in_a_dialog_that_starts_empty(qtbot, window, tmp_path):
    page = window.personnel
    rows = [["员工", "身份证号", "应发工资", "实发工资"], ["张伟", IDS[0], 5200, 4500]]
    path = write_csv(tmp_path / "工资.csv", rows)

    def map_name(dialog: ColumnMapDialog) -> None:
        box = dialog.boxes["name"]
        assert box.currentData() is None and box.currentText() == "（请选择）"   # nothing guessed
        qtbot.keyClick(dialog, Qt.Key.Key_Return)                            # a hurried Enter …
        assert dialog.isVisible() and "姓名" in dialog.problem.text()         # … is refused, not looped
        box.setCurrentIndex(box.findData("员工"))
        press(dialog, "确定")

    seen = when_shown(ColumnMapDialog, map_name)
    page.import_kind("payroll", str(path))
    qtbot.waitUntil(imported(page, "payroll", "工资.csv"), timeout=10000)
    assert len(seen) == 1
    operator = window.store.contracts.get("henan-2025").party_b.name
    assert window.store.personnel.column_maps(operator) == [("payroll", "员工", "name")]

    def forget(dialog: RememberedColumnsDialog) -> None:
        assert dialog.list.item(0).text() == "工资表：员工 → 姓名"
        dialog.list.item(0).setSelected(True)
        press(dialog, "忘记所选")

    when_shown(RememberedColumnsDialog, forget)
    qtbot.mouseClick(page.columns_button, CLICK)
    assert window.store.personnel.column_maps(operator) == []
    assert window.statusBar().currentMessage() == "已忘记 1 个表头对应；下次导入时重新指定"


def test_cancelling_the_mapping_imports_nothing_and_says_so(qtbot, window, tmp_path):
    page = window.personnel
    rows = [["员工", "号码", "应发", "实发"], ["张伟", IDS[0], 5200, 4500]]
    seen = when_shown(ColumnMapDialog, lambda dialog: press(dialog, "取消"))
    page.import_kind("payroll", str(write_csv(tmp_path / "工资.csv", rows)))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "未导入 工资.csv：未指定表头", timeout=10000)
    assert len(seen) == 1 and seen[0].windowTitle() == "指定表头"
    assert page.kind_labels["payroll"].text() == "未报送"


def test_reimport_shows_the_differences_and_asks(qtbot, window, tmp_path):
    page = window.personnel
    page.import_kind("roster", str(write_xlsx(tmp_path / "名单.xlsx", ROSTER)))
    qtbot.waitUntil(imported(page, "roster", "名单.xlsx"), timeout=10000)
    assert page.import_buttons["roster"].text() == "重新导入…"
    again = [row for row in ROSTER if row[0] != "王芳"]
    new = write_xlsx(tmp_path / "名单-更正.xlsx", again)

    def look_and_cancel(dialog: ReimportDialog) -> None:
        top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
        assert top == ["删除（1）"] and dialog.tree.topLevelItem(0).child(0).text(0).startswith("王芳（4101")
        press(dialog, "取消")

    when_shown(ReimportDialog, look_and_cancel)
    page.import_kind("roster", str(new))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "未替换：人员名单仍为 名单.xlsx", timeout=10000)
    assert "名单.xlsx，5 行" in page.kind_labels["roster"].text()

    when_shown(ReimportDialog, lambda dialog: press(dialog, "替换"))
    page.import_kind("roster", str(new))
    qtbot.waitUntil(imported(page, "roster", "名单-更正.xlsx，4 行"), timeout=10000)
