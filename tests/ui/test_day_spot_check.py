"""The spot check from the floor to the notice, through the page's widgets: marked by keyboard, finished
into findings, listed with the contract's past checks, taken up again, previewed, its record issued
signed, and its failures drafted into a 整改通知书."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt

from auditor.operations import personnel as ops
from tests.core.builders import PASS, inspector
from tests.core.test_personnel import OCT, ROSTER, write_xlsx
from ui.pages.notices import DraftDialog, IssueDialog

from .helpers import open_window, press, when_shown

CLICK = Qt.MouseButton.LeftButton


def prepared(tmp_path):
    def prepare(store) -> None:
        ops.import_file(store, "henan-2025", OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER),
                        dt.date(2025, 10, 3))
        inspector(store)
    return prepare


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, prepare=prepared(tmp_path))
    win.tabs.setCurrentWidget(win.spot_check)
    yield win
    win.store.close()


def mark(qtbot, page, text: str, key) -> None:
    qtbot.keyClicks(page.search, text)
    qtbot.keyClick(page.search, key)


def test_a_failed_check_becomes_findings_a_record_and_a_notice(qtbot, window):
    page = window.spot_check
    page.when.setDateTime(QDateTime(2025, 10, 9, 10, 0, 0))
    page.place.setText("运营中心二楼")
    page.inspectors.setText("李全奇")
    qtbot.mouseClick(page.start_button, CLICK)
    assert window.statusBar().currentMessage() == "已开始抽查：5 人应在岗"
    mark(qtbot, page, "A001", Qt.Key.Key_Return)
    mark(qtbot, page, "B001", Qt.Key.Key_F3)                              # 李娜 缺岗
    page.add_unlisted("赵六", "frontline")                                 # at work, not on the roster
    qtbot.mouseClick(page.finish_button, CLICK)
    assert page.result.text().startswith("抽查不达标：李娜 缺岗；赵六 在岗但不在人员名单上")
    assert "已记为本月问题" in page.result.text()
    titles = {f.title for f in window.store.findings.list("henan-2025", OCT, status="open")}
    assert {"现场抽查缺岗：李娜", "现场抽查发现名单外人员：赵六"} <= titles
    history = page.history
    assert history.model().rowCount() == 1
    assert [history.model().index(0, c).data() for c in (0, 1, 3)] == ["2025-10-09 10:00", "运营中心二楼", "不达标"]
    assert page.sign_button.isEnabled() and page.notice_button.isEnabled()

    page.preview(wait=True)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None, timeout=10000)
    assert window.preview.document.pageCount() >= 1 and window.preview.windowTitle() == "现场抽查记录"

    def sign(dialog: IssueDialog) -> None:
        dialog.passphrase.setText(PASS.decode())
        press(dialog, "签发")

    when_shown(IssueDialog, sign)
    qtbot.mouseClick(page.sign_button, CLICK)
    qtbot.waitUntil(lambda: history.model().index(0, 4).data() == f"豫政数抽查〔{dt.date.today().year}〕1号",
                    timeout=15000)
    assert not page.sign_button.isEnabled()                               # issued once
    assert window.preview.windowTitle().startswith("现场抽查记录 豫政数抽查")

    drafted = []

    def look(dialog: DraftDialog) -> None:
        drafted.extend(dialog.findings.item(i).text() for i in range(dialog.findings.count()))
        press(dialog, "取消")

    when_shown(DraftDialog, look)
    qtbot.mouseClick(page.notice_button, CLICK)
    assert window.tabs.currentWidget() is window.notices and window.period() == OCT
    assert any(text.startswith("现场抽查缺岗：李娜") for text in drafted)


def test_an_unfinished_check_is_taken_up_again(qtbot, tmp_path):
    def prepare(store) -> None:
        prepared(tmp_path)(store)
        check = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 9, 10, 0), "二楼", "李全奇").value
        entry = next(e for e in store.personnel.spot_entries(check) if e.name == "张伟")
        ops.mark(store, "henan-2025", check, entry.__class__(entry.key, entry.name, entry.employee_no, entry.role,
                                                              True, "present"))

    window = open_window(qtbot, tmp_path, prepare=prepare, name="again.db")
    page = window.spot_check
    window.tabs.setCurrentWidget(page)
    assert page.history.model().index(0, 3).data() == "进行中"
    page.history.select_where(lambda c: True)
    qtbot.mouseClick(page.open_button, CLICK)
    assert page.search.isEnabled() and page.finish_button.isEnabled()
    assert {e.name: e.status for e in page.entries}["张伟"] == "present"   # what was marked before
    mark(qtbot, page, "A002", Qt.Key.Key_F2)
    qtbot.mouseClick(page.finish_button, CLICK)
    assert page.result.text() == "抽查达标"
    assert page.history.model().index(0, 3).data() == "达标"
    window.store.close()
