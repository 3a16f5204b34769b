"""Editing a contract on the 合同 page: finalised months keep their version, the dialog names them."""
import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from auditor.calendar import Period
from auditor.service import finalize_month
from tests.core.builders import record

from .helpers import open_window

HN02_FAILS = {"HN-02": {"value": "99.5"}}   # 99.5 % against ≥ 100 % (第十一条 表第2项)


def _prepare(store) -> None:
    """Sep and Oct (HN-02 failing) finalised under version 1; Nov (HN-02 failing) open."""
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-09")
    record(store, henan, "2025-10", HN02_FAILS)
    record(store, henan, "2025-11", HN02_FAILS)
    finalize_month(store, henan, Period(2025, 9))
    finalize_month(store, henan, Period(2025, 10))


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, "henan-2025", "2025-10", dt.date(2025, 12, 1), prepare=_prepare,
                      name="contract-edit.db")
    yield win
    win.store.close()


def _leaf(item, path):
    from ui.pages.contracts import PathRole

    if item.data(1, PathRole) == path:
        return item
    for i in range(item.childCount()):
        found = _leaf(item.child(i), path)
        if found is not None:
            return found
    return None


def _edit_total(window, value: str):
    page = window.contracts_page
    window.tabs.setCurrentWidget(page)
    page.reload(select="henan-2025")
    _leaf(page.tree.invisibleRootItem(), "total").setText(1, value)
    return page


def test_cancelling_the_dialog_stores_nothing(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Cancel)
    page = _edit_total(window, "7000000.00")
    assert not page.save()
    assert asked and "2025-10（第 1 版）" in asked[0]
    assert window.store.contracts.get("henan-2025").total == Decimal("6468000.00")
    assert [v.number for v in window.store.contracts.versions("henan-2025")] == [1]
    assert "未保存" in page.message.text()


def test_the_dialog_lists_kept_and_reassessed_months_and_the_views_keep_signed_figures(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Save)
    page = _edit_total(window, "7000000.00")
    assert page.save()
    text = asked[0]
    assert "已定稿的 2 个月份保留定稿时的合同版本" in text
    assert "2025-09（第 1 版）" in text and "2025-10（第 1 版）" in text
    assert "未定稿的 1 个月份将按修改后的合同重新考核" in text and "2025-11" in text
    status = window.statusBar().currentMessage()
    assert "第 2 版" in status and "total: 6468000.00 → 7000000.00" in status
    assert "2 个已定稿月份保留原版本，1 个未定稿月份按新版本重新考核" in status
    assert page.message.text() == status
    versions = [page.versions.item(i).text() for i in range(page.versions.count())]
    assert versions[0].startswith("第 2 版") and versions[1].startswith("第 1 版")
    assert "定稿月份：2025-09、2025-10" in versions[1]

    # 第十一条: October, finalised under version 1, still deducts 1 % of 6,468,000.00 = ¥64,680.00;
    # November, open, deducts 1 % of 7,000,000.00 = ¥70,000.00
    window.go_to(Period(2025, 10))
    assert "¥64,680.00" in window.walkthrough.month_total.text()
    window.go_to(Period(2025, 11))
    assert "¥70,000.00" in window.walkthrough.month_total.text()
    # #2 (Sep–Nov) keeps version 1's terms (Oct is its last finalised month): 40 % × 6,468,000.00 = 2,587,200.00,
    # less 64,680.00 + 70,000.00 = 2,452,520.00
    second = window.payments.model.row_object(1)
    assert (second.amount, second.payable) == (Decimal("2587200.00"), Decimal("2452520.00"))


def test_without_finalised_months_there_is_nothing_to_ask(qtbot, tmp_path, monkeypatch):
    win = open_window(qtbot, tmp_path, "luoyang-2025", "2025-03", dt.date(2025, 4, 1), name="no-final.db")
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: pytest.fail("asked"))
        page = win.contracts_page
        win.tabs.setCurrentWidget(page)
        page.reload(select="luoyang-2025")
        _leaf(page.tree.invisibleRootItem(), "total").setText(1, "10000000.00")
        assert page.save()
        assert "已保存为第 2 版" in win.statusBar().currentMessage()
    finally:
        win.store.close()
