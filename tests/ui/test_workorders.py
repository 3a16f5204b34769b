"""工单记录 with real widgets: an export imported on the worker, the computed items beside the operator's figures,
the failing orders of the item chosen, bad rows listed and left out only when ticked, and the export."""
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialogButtonBox

from tests.core.builders import record
from tests.core.test_workorders import henan_october
from tests.core.workorder_files import month_of_orders, write_raw_xlsx, write_xlsx

from .helpers import open_window


def operator_report(store) -> None:
    record(store, store.contracts.get("henan-2025"), "2025-10")   # every item at its target, as reported


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, prepare=operator_report)
    win.tabs.setCurrentWidget(win.workorders)
    yield win
    win.store.close()


def rows_of(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_import_shows_computed_items_beside_the_report_and_the_failing_orders(qtbot, window, tmp_path,
                                                                             qtmodeltester):
    page = window.workorders
    assert "尚未导入" in page.info.text() and not page.export_button.isEnabled()
    page.import_orders(str(write_xlsx(tmp_path / "工单.xlsx", henan_october())), wait=True)
    qtbot.waitUntil(lambda: page.items_model.rowCount() == 4, timeout=10000)
    assert "工单.xlsx：10 单" in page.info.text()
    assert rows_of(page.items_model, 0) == ["HN-02", "HN-03", "HN-04", "HN-08"]
    # HN-02: 3 of the 6 网络 orders answered within 1 working day (国庆 and its make-up Saturday counted)
    assert [page.items_model.index(0, c).data() for c in (3, 4, 5, 6, 7)] == ["3", "6", "50.00%", "100.00%", "不达标"]
    assert page.items_model.index(0, 8).data() == "剔除 需申诉 1 单"      # the 需申诉 order left out
    assert page.failing_title.text() == "HN-02 网络工单回应率：未达标工单 3"
    assert rows_of(page.failing_model, 0) == ["HN-B", "HN-D", "HN-F"]
    assert rows_of(page.failing_model, 5) == ["1秒", "9小时", ""]
    page.items_view.selectRow(1)                     # HN-03 is a ≤ item: the returned order is listed
    assert page.failing_title.text().endswith("计入工单 1") and rows_of(page.failing_model, 0) == ["HN-G"]
    qtmodeltester.check(page.items_model)
    qtmodeltester.check(page.failing_model)
    # the rest of the window follows the operation's changes: the month's summary scores the records
    summary = window.summary.items_model
    hn02 = next(r for r in range(summary.rowCount()) if summary.index(r, 0).data() == "HN-02")
    assert summary.index(hn02, 4).data() == "不达标" and "工单记录计算" in summary.index(hn02, 6).data()
    assert any("自报数据与工单记录不符" in f.title for f in window.store.findings.list("henan-2025"))
    out = tmp_path / "未达标.xlsx"
    assert page.export_failing(str(out)) and out.stat().st_size > 0
    assert "已导出 6 单" in page.info.text()


def test_bad_rows_are_listed_and_left_out_only_when_ticked(qtbot, window, tmp_path):
    page = window.workorders
    rows = henan_october() + [henan_october()[1], ["HN-X", "网站", "咨询", "昨天", None, None, "否", None, None,
                                                   None, "否"]]
    path = str(write_xlsx(tmp_path / "bad.xlsx", rows))
    shown = []

    def look_but_do_not_tick(error):
        from ui.pages.workorders import BadRowsDialog

        dialog = BadRowsDialog(error, page)
        qtbot.addWidget(dialog)
        shown.append([dialog.rows.item(i).text() for i in range(dialog.rows.count())])
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()            # nothing is left out unless the box is ticked
        dialog.exclude.setChecked(True)
        assert ok.isEnabled()
        return len(shown) > 1                # the first time the inspector cancels

    page.ask_exclude = look_but_do_not_tick
    page.import_orders(path, wait=True)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10000)
    assert shown[0] == ["第 12 行 A 列（工单编号）: “HN-A”与第 2 行重复",
                        "第 13 行 D 列（受理时间）: “昨天”不是时间（如 2025-10-09 10:00:00）"]
    assert window.store.workorders.import_info("henan-2025", page.period) is None
    page.import_orders(path, wait=True)
    qtbot.waitUntil(lambda: page.items_model.rowCount() == 4, timeout=10000)
    assert "剔除有误的 2 行" in page.info.text()


def test_an_import_can_be_cancelled(qtbot, window, tmp_path):
    page = window.workorders
    path = write_raw_xlsx(tmp_path / "big.xlsx", month_of_orders(50_000))
    page.import_orders(str(path))
    page._worker.cancel()                    # the progress dialog's Cancel
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: "已取消" in page.info.text(), timeout=20000)
    assert window.store.workorders.import_info("henan-2025", page.period) is None
