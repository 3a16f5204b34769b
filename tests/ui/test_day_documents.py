"""Every document from the app, through the 文书 window: previewed first, then issued signed with the
inspector's identity (and verified valid); the blank checklist previewed for print; the month list shows
each month's state."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from auditor.documents.service import verify
from tests.core.builders import PASS, inspector
from ui.dialogs.documents import DocumentsDialog
from ui.pages.notices import IssueDialog

from .helpers import finalised_october, open_window, press, when_shown

CLICK = Qt.MouseButton.LeftButton


def prepared(store) -> None:
    finalised_october(store)
    inspector(store)


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, prepare=prepared, today=dt.date(2025, 11, 17))
    yield win
    win.store.close()


def sign(dialog: IssueDialog) -> None:
    dialog.passphrase.setText(PASS.decode())
    press(dialog, "签发")


def issue_from(qtbot, window, dialog: DocumentsDialog, number: str) -> bytes:
    window.preview = None
    dialog.preview(wait=True)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None, timeout=15000)
    assert "预览" in window.preview.windowTitle() or window.preview.document.pageCount() >= 1
    window.preview = None
    when_shown(IssueDialog, sign)
    qtbot.mouseClick(dialog.issue_button, CLICK)
    qtbot.waitUntil(lambda: window.preview is not None, timeout=20000)
    assert number in window.preview.windowTitle()
    assert dialog.issued.text() == f"已签发：{number}"
    return window.preview.pdf


def test_the_month_score_sheet_from_the_summary_is_previewed_then_signed(qtbot, window):
    window.tabs.setCurrentWidget(window.summary)
    qtbot.mouseClick(window.summary.score_sheet_button, CLICK)
    dialog = window.documents_dialog
    assert dialog.kind.currentData() == "score-sheet" and dialog.subject.currentText() == "2025年10月"
    assert dialog.issued.text() == "尚未签发"
    pdf = issue_from(qtbot, window, dialog, "豫政数考评〔2025〕1号")
    result = verify(window.store, pdf)
    assert result.outcome == "valid" and result.number == "豫政数考评〔2025〕1号"


def test_installment_sheet_and_payment_statement_signed(qtbot, window):
    window.tabs.setCurrentWidget(window.payments)
    window.payments.view.selectRow(1)                                    # 第2期, which October counts in
    from ui.documents import open_dialog

    dialog = open_dialog(window)
    assert dialog.kind.currentData() == "payment" and dialog.subject.currentData() == 2
    payment = issue_from(qtbot, window, dialog, "豫政数付款〔2025〕1号")
    assert verify(window.store, payment).outcome == "valid"
    dialog.kind.setCurrentIndex(dialog.kind.findData("installment"))
    dialog.subject.setCurrentIndex(dialog.subject.findData(2))
    sheet = issue_from(qtbot, window, dialog, "豫政数期评〔2025〕1号")
    assert verify(window.store, sheet).outcome == "valid"


def test_the_blank_checklist_is_a_form_to_print(qtbot, window):
    action = next(a for a in window.menuBar().actions() if a.text() == "文书").menu().actions()[1]
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    action.trigger()
    dialog = window.documents_dialog
    assert dialog.kind.currentData() == "checklist" and not dialog.issue_button.isEnabled()
    dialog.preview(wait=True)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None, timeout=15000)
    assert window.preview.windowTitle() == "现场检查表" and window.preview.document.pageCount() >= 1
    assert window.store.register.list() == []


def test_the_month_list_shows_each_months_state(qtbot, window):
    box = window.month_box
    tips = {box.itemData(i): box.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(box.count())}
    assert tips["2025-10"] == "2025年10月：已定稿"
    assert tips["2026-01"] == "2026年1月：未到期"
    assert not box.itemIcon(box.findData("2025-10")).isNull()
