"""The notice's whole life from the app, through its buttons and dialogs: drafted, issued (the next steps
enabled at once), received and closed on chosen dates, rectified with the operator's 整改报告 kept as
evidence, and an overdue notice shown with the days it is late.

henan-2025 第六条7: the rectification period is 7 days from issue (settings.notice_deadline_days).
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from auditor import notices
from auditor.calendar import Period
from tests.core.builders import PASS, inspector
from ui.pages.notices import DraftDialog, IssueDialog, ReceiveDialog, RectifiedDialog, StepDialog

from .helpers import finalised_october, open_window, press, when_shown

OCT = Period(2025, 10)
CLICK = Qt.MouseButton.LeftButton


def prepared(store) -> None:
    finalised_october(store)
    inspector(store)


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, today=dt.date(2025, 11, 17), prepare=prepared)
    win.tabs.setCurrentWidget(win.notices)
    yield win
    win.store.close()


def click(qtbot, page, key: str) -> None:
    assert page.buttons[key].isEnabled(), key
    qtbot.mouseClick(page.buttons[key], CLICK)


def draft_and_issue(qtbot, page) -> notices.Notice:
    def fill_draft(dialog: DraftDialog) -> None:
        assert dialog.findings.count() == 2                      # HN-02 and the staffing shortfall
        dialog.date.setDate(QDate(2025, 11, 3))
        press(dialog, "起草")

    when_shown(DraftDialog, fill_draft)
    click(qtbot, page, "draft")
    assert page.selected().status == "draft"

    def fill_issue(dialog: IssueDialog) -> None:
        assert dialog.date.date() == QDate(2025, 11, 17)        # today by default
        dialog.passphrase.setText(PASS.decode())
        press(dialog, "签发")

    when_shown(IssueDialog, fill_issue)
    click(qtbot, page, "issue")
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().status == "issued", timeout=10000)
    return page.selected()


def test_after_issue_the_next_steps_are_enabled_at_once(qtbot, window):
    page = window.notices
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    notice = draft_and_issue(qtbot, page)
    assert notice.number == "豫政数整改〔2025〕1号" and notice.deadline == dt.date(2025, 11, 24)
    assert all(page.buttons[k].isEnabled() for k in ("receive", "rectified", "supersede", "preview"))
    assert not page.buttons["issue"].isEnabled()
    assert window.statusBar().currentMessage() == "已签发 豫政数整改〔2025〕1号，整改期限 2025-11-24"
    assert page.view.model().index(0, 4).data() == "还剩 7 天"


def test_receipt_rectification_with_report_and_closing_on_chosen_dates(qtbot, window, tmp_path):
    page = window.notices
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    notice = draft_and_issue(qtbot, page)

    def receive(dialog: ReceiveDialog) -> None:
        dialog.name.setText("武明亮")
        dialog.date.setDate(QDate(2025, 11, 14))                # before today: a receipt entered late
        press(dialog, "签收")

    when_shown(ReceiveDialog, receive)
    click(qtbot, page, "receive")
    received = notices.get(window.store, notice.number)
    assert (received.status, received.received_by, received.received_at) == ("received", "武明亮", "2025-11-14")
    assert page.buttons["rectified"].isEnabled()

    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4 the operator's rectification report")

    def rectify(dialog: RectifiedDialog) -> None:
        dialog.choose(str(report))
        dialog.date.setDate(QDate(2025, 11, 16))
        press(dialog, "记为已整改")

    when_shown(RectifiedDialog, rectify)
    click(qtbot, page, "rectified")
    assert notices.get(window.store, notice.number).status == "rectified"
    kept = window.store.evidence.list("henan-2025", OCT, "notice")
    assert [e.filename for e in kept] == ["整改报告.pdf"]
    assert "整改报告已作为证据保存" in window.statusBar().currentMessage()

    def close(dialog: StepDialog) -> None:
        assert dialog.text.text() == "李全奇"                    # the inspector, filled in
        dialog.date.setDate(QDate(2025, 11, 17))
        press(dialog, "关闭")

    when_shown(StepDialog, close)
    click(qtbot, page, "close")
    closed = notices.get(window.store, notice.number)
    assert closed.status == "closed" and closed.closed_at == "2025-11-17"
    assert not any(page.buttons[k].isEnabled() for k in ("issue", "receive", "rectified", "close"))


def test_a_date_after_today_cannot_be_chosen(qtbot):
    dialog = RectifiedDialog("豫政数整改〔2025〕1号", dt.date.today())
    qtbot.addWidget(dialog)
    dialog.date.setDate(dialog.date.date().addDays(30))
    assert dialog.date.date() == QDate.currentDate()


def test_overdue_notices_stand_out_with_the_days_late(qtbot, tmp_path):
    def issued(store) -> None:
        prepared(store)
        draft = notices.draft(store, store.contracts.get("henan-2025"), OCT, inspection_date=dt.date(2025, 11, 3),
                              place="运营中心", inspectors="李全奇")
        notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store))

    window = open_window(qtbot, tmp_path, today=dt.date(2025, 11, 27), prepare=issued)   # deadline 11-24
    page = window.notices
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    assert page.view.model().index(0, 4).data() == "逾期 3 天"
    assert page.view.model().index(0, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"
    assert page.alert.text() == "1 份通知书逾期未整改：豫政数整改〔2025〕1号（逾期 3 天）"
    page.view.select_where(lambda n: True)
    assert page.buttons["escalate"].isEnabled()

    def escalate(dialog: StepDialog) -> None:
        dialog.text.setText("约谈乙方负责人")
        press(dialog, "升级处理")

    when_shown(StepDialog, escalate)
    click(qtbot, page, "escalate")
    assert notices.get(window.store, "豫政数整改〔2025〕1号").status == "escalated"
    window.store.close()
