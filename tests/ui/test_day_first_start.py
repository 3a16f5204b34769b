"""The first start: a welcome on an empty database offering the demo (in a window of its own, marked as a
demo), a short tour, or to start; F1 opens the Chinese manual at the page in front; every field and button
says what it does."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from auditor.operations import demo
from auditor.storage import open_store
from ui.first_start import WelcomeDialog, offer, open_demo

from .helpers import finalised_october, open_window, press, when_shown


def test_f1_opens_the_manual_at_the_page_in_front(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.tabs.setCurrentWidget(window.notices)
    qtbot.keyClick(window.notices.view, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog.isVisible() and dialog.contents.currentItem().text() == "整改通知书"
    assert "签收" in dialog.browser.toPlainText() and "整改报告" in dialog.browser.toPlainText()
    titles = [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
    assert titles[0] == "快速开始" and "快捷键" in titles and "现场抽查" in titles
    window.tabs.setCurrentWidget(window.walkthrough)
    qtbot.keyClick(window.walkthrough.value, Qt.Key.Key_F1)             # while typing too
    assert dialog.contents.currentItem().text() == "逐项录入"
    window.store.close()


def test_the_tour_points_at_each_part_in_turn(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助")
    next(a for a in menu.actions() if a.text() == "新手导览").trigger()
    tour = window.tour
    seen = []
    while tour.isVisible():
        target = tour.target()
        corner = target.mapTo(window, target.rect().topLeft())
        assert tour.highlight.geometry().contains(QRect(corner, target.size()))   # framed
        seen.append((tour.title.text(), window.tabs.currentWidget()))
        qtbot.mouseClick(tour.forward, Qt.MouseButton.LeftButton)
    assert [title for title, _ in seen][:3] == ["合同", "月份", "逐项录入"] and len(seen) == 8
    assert dict(seen)["现场抽查"] is window.spot_check
    assert not tour.highlight.isVisible()
    window.store.close()


def test_the_demo_opens_in_its_own_window_marked_as_a_demo(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, name="mine.db")
    started = []
    path = open_demo(window, wait=True, start=lambda p: started.append(p) or True)
    qtbot.waitUntil(lambda: started == [path], timeout=30000)
    assert path == tmp_path / "示例数据.db" and not demo.is_demo(window.store)     # the user's data untouched
    assert window.statusBar().currentMessage() == f"已在新窗口中打开示例数据：{path}"
    store = open_store(path)
    assert demo.is_demo(store)
    month = demo.demo_month(store.contracts.get("henan-2025"), dt.date.today())
    shown = open_window(qtbot, tmp_path, month=str(month), prepare=None, name="示例数据.db")
    assert shown.windowTitle().startswith("【示例数据】")
    assert shown.demo_banner.isVisible() and "虚构" in shown.demo_banner.text()
    assert shown.walkthrough.result.finalized
    assert any(f.source == "spot_check" for f in shown.store.findings.list("henan-2025", month))
    shown.store.close()
    store.close()
    window.store.close()


def test_the_welcome_comes_once_on_an_empty_database(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    seen = when_shown(WelcomeDialog, lambda dialog: press(dialog, "新手导览"))
    assert offer(window) == "tour"
    assert seen and window.tour.isVisible()
    window.tour.close()
    assert offer(window) == ""                                            # only the first time
    used = open_window(qtbot, tmp_path, prepare=finalised_october, name="used.db")
    assert offer(used) == ""                                              # a database in use: no welcome
    window.store.close()
    used.store.close()


def test_every_field_and_button_says_what_it_does(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, prepare=finalised_october, today=dt.date(2025, 11, 17))
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit)
    silent = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        for widget in page.findChildren(QWidget):
            inner = isinstance(widget.parent(), (QComboBox, QAbstractSpinBox, QAbstractItemView))
            if (isinstance(widget, kinds) and widget.isVisibleTo(page) and not inner
                    and not widget.objectName().startswith("qt_") and not widget.toolTip()):
                silent.append(f"{window.tabs.tabText(index)}: {type(widget).__name__} "
                              f"{widget.text() if isinstance(widget, QAbstractButton) else ''}")
    assert not silent, silent
    assert window.contract_box.toolTip() and window.month_box.toolTip()
    window.store.close()
