"""Undo/redo, reopening, evidence, event logs, luoyang's month, dashboard, contracts, file import — real widgets."""
import datetime as dt
import json
import sys

import pytest
from PySide6.QtCore import Qt

from auditor.calendar import Period
from tests.core.builders import month_doc, record

from .helpers import answer, open_window
from .test_walkthrough import type_and_enter


def make_window(qtbot, tmp_path, contract="henan-2025", month="2025-10", today=dt.date(2025, 11, 20)):
    return open_window(qtbot, tmp_path, contract, month, today, name="pages.db")


@pytest.fixture
def window(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    yield win
    win.store.close()


def test_undo_and_redo_an_entry(qtbot, window):
    page = window.walkthrough
    type_and_enter(qtbot, page.value, "99")
    assert "¥64,680.00" in page.month_total.text()
    window.undo_action.trigger()
    assert page.result.item("HN-02").status.value == "missing"
    assert "¥0.00" in page.month_total.text()
    window.redo_action.trigger()
    assert page.result.item("HN-02").status.value == "fail"
    assert window.summary.items_model.index(1, 5).data() == "¥64,680.00"


def test_reopen_keeps_the_reason(qtbot, window):
    henan = window.store.contracts.get("henan-2025")
    record(window.store, henan, "2025-10")
    window.go_to(Period(2025, 10))
    window.walkthrough.finalize(confirmed=True)
    assert window.walkthrough.reopen_button.isVisible()
    window.walkthrough.reopen("乙方补交原始话单")
    assert window.store.months.status("henan-2025", Period(2025, 10)) == "open"
    assert window.store.months.history("henan-2025", Period(2025, 10))[-1][1:] == ("reopen", "乙方补交原始话单")
    assert window.walkthrough.editor.isEnabled()


def test_evidence_is_attached_to_the_item(qtbot, window, tmp_path):
    source = tmp_path / "话务报表.xlsx"
    source.write_bytes(b"report")
    window.walkthrough.add_evidence(str(source))
    assert window.walkthrough.evidence_list.count() == 1
    assert window.walkthrough.evidence_list.item(0).text().startswith("话务报表.xlsx")
    assert window.store.evidence.list("henan-2025", Period(2025, 10), "HN-02")[0].filename == "话务报表.xlsx"


def test_pasted_event_log(qtbot, window):
    page = window.walkthrough
    page.mode.setCurrentIndex(page.mode.findData("events"))
    page.events.setPlainText("2025-10-09 09:00\t2025-10-09 15:00\n2025-10-10 17:00\t2025-10-13 09:00\n")
    qtbot.keyClick(page.events, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    item = page.result.item("HN-02")
    assert item.detail.startswith("1/2")            # the second misses the make-up Saturday deadline
    assert item.status.value == "fail"


def test_a_whole_luoyang_month(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path, "luoyang-2025", "2025-05")
    page = win.walkthrough
    assert len(page.steps) == 20     # 17 monthly items (annual ones not due) + staffing, payroll, confidentiality
    while page.current_code() != "__staffing__":
        code = page.current_code()
        type_and_enter(qtbot, page.value, "1.5" if code == "LY-07" else str(win.store.contracts.get(
            "luoyang-2025").indicator(code).target))
    type_and_enter(qtbot, page.role_edits["total"], "112")
    # 附件2: LY-07 致命差错率 1.5% > 1% loses 5 points → 95
    assert page.result.score == 95
    assert page.step_list.item(page.steps.index("LY-07")).text().startswith("×")
    answer("定稿")
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    assert win.store.months.status("luoyang-2025", Period(2025, 5)) == "final"
    assert "LY-07" in win.summary.findings.item(0).text()
    win.store.close()


def test_dashboard_grid_and_deadlines(qtbot, window):
    henan = window.store.contracts.get("henan-2025")
    record(window.store, henan, "2025-09")
    window.store.months.finalize("henan-2025", Period(2025, 9), True)
    record(window.store, henan, "2025-10")
    window._refresh_views()
    states = {p: b.property("state") for p, b in window.dashboard.month_buttons.items()}
    assert states[Period(2025, 9)] == "done"
    # not final by 2025-11-10, but that day came before the signing (2025-11-17): never 「逾期」 (issue 12)
    assert states[Period(2025, 10)] == "in_progress"
    assert states[Period(2025, 11)] == "not_started"
    assert states[Period(2025, 12)] == "future"
    texts = [window.dashboard.deadlines.item(i).text() for i in range(window.dashboard.deadlines.count())]
    assert texts[0].startswith("2025-12-05") and "排班表" in texts[0]
    assert any("第1期付款" in t and t.startswith("2025-12-08") for t in texts)


def test_dashboard_charts_are_drawn_when_shown(qtbot, window):
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: len(window.dashboard._canvases) == 3)
    assert "matplotlib" in sys.modules


def test_editing_a_contract_validates_and_names_the_field(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = window.contracts_page
    page.reload(select="henan-2025")
    target = _leaf(page.tree.invisibleRootItem(), "indicators[0].target")
    target.setText(1, "九十六")
    assert not page.save()
    assert "indicators[0].target" in warnings[-1]
    assert window.store.contracts.get("henan-2025").indicator("HN-01").target == 96
    target.setText(1, "95")
    assert page.save()
    assert window.store.contracts.get("henan-2025").indicator("HN-01").target == 95


def test_create_contract_from_template(qtbot, window):
    new_id = window.contracts_page.create_from_template("luoyang-2025", "luoyang-copy")
    assert new_id == "luoyang-copy"
    assert window.contract_box.findData("luoyang-copy") >= 0


def _leaf(item, path):
    from ui.pages.contracts import PathRole

    if item.data(1, PathRole) == path:
        return item
    for i in range(item.childCount()):
        found = _leaf(item.child(i), path)
        if found is not None:
            return found
    return None


def test_import_entries_file_on_a_worker(qtbot, window, tmp_path):
    henan = window.store.contracts.get("henan-2025")
    path = tmp_path / "entries.json"
    path.write_text(json.dumps(month_doc(henan, "2025-11", {"HN-01": {"value": "95"}})), encoding="utf-8")
    window.import_entries_file(str(path))
    qtbot.waitUntil(lambda: window.period() == Period(2025, 11), timeout=5000)
    assert window.walkthrough.result.item("HN-01").status.value == "fail"


def test_bad_import_says_why_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    before = window.store.content_digest()
    path = tmp_path / "bad.json"
    path.write_text('{"contract": "henan-2025", "period": "2027-01"}', encoding="utf-8")
    window.import_entries_file(str(path))
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "不在合同 henan-2025 的服务期" in warnings[0]
    assert window.store.content_digest() == before
