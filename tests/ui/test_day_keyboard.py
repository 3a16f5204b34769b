"""Keyboard: undo, redo and the month keys work while a figure's field has the focus, and are shown."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from auditor.calendar import Period
from auditor.edits import current_measurement

from .helpers import open_window

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused_window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.tabs.setCurrentWidget(window.walkthrough)
    return window


def test_undo_and_redo_while_typing_in_a_field(qtbot, tmp_path):
    window = focused_window(qtbot, tmp_path)
    page = window.walkthrough
    assert page.current_code() == "HN-02"
    qtbot.keyClicks(page.value, "99")
    qtbot.keyClick(page.value, Qt.Key.Key_Return)
    stored = lambda: current_measurement(window.store, "henan-2025", Period(2025, 10), "HN-02")  # noqa: E731
    assert stored() is not None and page.current_code() == "HN-03"
    field = page.numerator if page.mode.currentData() == "ratio" else page.value
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)                 # the field does not swallow it
    assert stored() is None
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)                 # Ctrl+Y redoes
    assert stored() is not None
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)         # and so does Ctrl+Shift+Z
    assert stored() is not None
    window.store.close()


def test_ctrl_arrows_change_the_month_and_the_item_while_typing(qtbot, tmp_path):
    window = focused_window(qtbot, tmp_path)
    page = window.walkthrough
    qtbot.keyClicks(page.value, "9")
    qtbot.keyClick(page.value, Qt.Key.Key_Right, CTRL)
    assert window.period() == Period(2025, 11)
    assert window.statusBar().currentMessage() == "已转到 2025年11月"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, CTRL)
    assert window.period() == Period(2025, 10)
    row = page.step_list.currentRow()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down, CTRL)
    assert page.step_list.currentRow() == row + 1
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Up, CTRL)
    assert page.step_list.currentRow() == row
    window.store.close()


def test_shortcuts_are_shown_in_menus_and_tooltips(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [k.toString() for k in window.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert "Ctrl+Shift+Z / Ctrl+Y" in window.redo_action.toolTip()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    go = {a.text(): a.shortcut().toString() for a in menus["转到"].actions() if a.text()}
    assert go["上一月"] == "Ctrl+Left" and go["下一月"] == "Ctrl+Right" and go["付款核算"] == "Ctrl+4"
    assert window.month_box.toolTip() == "考核月份（Ctrl+← / Ctrl+→）"
    assert window.tabs.tabToolTip(1) == "逐项录入（Ctrl+2）"
    window.store.close()


def test_a_dialogs_field_keeps_its_own_undo(qtbot, tmp_path):
    window = focused_window(qtbot, tmp_path)
    dialog = QDialog(window)
    edit = QLineEdit()
    QVBoxLayout(dialog).addWidget(edit)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    edit.setFocus()
    qtbot.keyClicks(edit, "A001")
    depth = window.undo_stack.index()
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == "" and window.undo_stack.index() == depth
    dialog.close()
    window.store.close()
