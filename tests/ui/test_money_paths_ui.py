"""The app's side of issue 12's money paths: recording a payment on the payments page, and the dialog for what
甲方 approved and the holiday notices, each through its operation over a real database.

henan-2025 (第二条2): #1 20% = ¥1,293,600.00, #2 40% = ¥2,587,200.00; 第七条2: 3 managers of 4 deducts 1%
(¥64,680.00) unless 甲方 agreed.
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from auditor.calendar import Period
from tests.core.builders import record

from .helpers import open_window

TERM = ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
        "2026-06", "2026-07", "2026-08")


def a_passing_year(store) -> None:
    henan = store.contracts.get("henan-2025")
    for period in TERM:
        record(store, henan, period)


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: seen.append((title, text)))
    return seen


def test_recording_a_payment_freezes_the_installment_and_opens_the_next(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, prepare=a_passing_year)
    page = window.payments
    window.tabs.setCurrentWidget(page)
    page.view.selectRow(0)
    assert page.record_button.isEnabled()
    page.view.selectRow(1)
    assert not page.record_button.isEnabled()                 # #2 waits for #1: paid in order
    page.view.selectRow(0)
    voucher = tmp_path / "凭证.pdf"
    voucher.write_bytes(b"%PDF-1.4 voucher")
    page.record_payment((dt.date(2025, 12, 8), "1,293,600.00", voucher), wait=True)
    qtbot.waitUntil(lambda: page.model.index(0, 7).data() == "已付 2025-12-08", timeout=5000)
    assert "已付款：2025-12-08 实付 ¥1,293,600.00（凭证 凭证.pdf）；本期数字按付款时冻结" in page.detail.text()
    assert not page.record_button.isEnabled()
    page.view.selectRow(1)
    assert page.record_button.isEnabled()
    assert [e.filename for e in window.store.evidence.list("henan-2025", Period(2025, 12), "payment-1")] == \
        ["凭证.pdf"]


def test_the_payment_dialog_offers_the_installments_figure(qtbot, tmp_path):
    from ui.pages.payments import PaymentDialog

    window = open_window(qtbot, tmp_path, prepare=a_passing_year)
    dialog = PaymentDialog(window.payments.model.row_object(1))
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "2587200.00"
    dialog.paid_on.setDate(dialog.paid_on.date().fromString("2025-12-31", "yyyy-MM-dd"))
    assert dialog.values() == (dt.date(2025, 12, 31), "2587200.00", None)


def test_a_payment_refused_says_why_and_changes_nothing(qtbot, tmp_path, shown):
    window = open_window(qtbot, tmp_path, prepare=a_passing_year)
    page = window.payments
    page.view.selectRow(0)
    before = window.store.content_digest()
    page.record_payment((dt.date(2025, 12, 8), "12.345", None), wait=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0][0] == "未登记" and "分" in shown[0][1]
    assert window.store.content_digest() == before


def test_an_approved_staffing_change_from_the_dialog_refreshes_the_month(qtbot, tmp_path):
    def prepare(store):
        record(store, store.contracts.get("henan-2025"), "2025-10",
               headcount={"frontline": 50, "support": 16, "management": 3})
    window = open_window(qtbot, tmp_path, prepare=prepare)
    assert "人员缺口 ¥64,680.00" in window.summary.totals.text()
    dialog = window.open_approvals()
    dialog.role.setCurrentIndex(dialog.role.findData("management"))
    dialog.first.setCurrentIndex(dialog.first.findText("2025-10"))
    dialog.last.setCurrentIndex(dialog.last.findText("2025-10"))
    dialog.required.setValue(3)
    dialog.staffing_on.setDate(dialog.staffing_on.date().fromString("2025-09-28", "yyyy-MM-dd"))
    dialog.staffing_reference.setText("豫政数函〔2025〕12号")
    dialog.approve_staffing(wait=True)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("已登记"), timeout=5000)
    assert dialog.status.text() == "已登记：management 2025-10～2025-10 要求 3 人"
    qtbot.waitUntil(lambda: "人员缺口" not in window.summary.totals.text(), timeout=5000)


def test_a_holiday_notice_for_2027_is_entered_and_listed(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    dialog = window.open_approvals()
    dialog.tabs.setCurrentIndex(2)
    dialog.day.setDate(dialog.day.date().fromString("2027-01-01", "yyyy-MM-dd"))
    dialog.notice.setText("")
    dialog.set_day(wait=True)
    qtbot.waitUntil(lambda: bool(dialog.status.text()), timeout=5000)
    assert "文号" in dialog.status.text()                     # refused: the notice is what makes the day official
    assert window.store.calendar_entries(2027) == []
    dialog.notice.setText("国办发明电〔2026〕1号")
    dialog.set_day(wait=True)
    qtbot.waitUntil(lambda: dialog.status.text() == "2027-01-01 已记为放假日", timeout=5000)
    assert [dialog.days.item(i).text() for i in range(dialog.days.count())] == [
        "2027-01-01　放假　国办发明电〔2026〕1号"]
    assert window.store.calendar().is_workday(dt.date(2027, 1, 4))


def test_a_departure_approved_from_the_dialog(qtbot, tmp_path):
    from auditor.personnel import import_file
    from tests.core.test_cli_personnel_text import FILES

    def prepare(store):
        name, rows = FILES["roster"]
        path = tmp_path / name
        path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
        import_file(store, store.contracts.get("henan-2025"), Period(2025, 10), "roster", path,
                    dt.date(2025, 10, 3))
    window = open_window(qtbot, tmp_path, prepare=prepare)
    dialog = window.open_approvals()
    dialog.tabs.setCurrentIndex(1)
    dialog.person.setText("王芳")
    dialog.departure_on.setDate(dialog.departure_on.date().fromString("2025-10-10", "yyyy-MM-dd"))
    dialog.departure_reference.setText("人事函1号")
    dialog.approve_departure(wait=True)
    qtbot.waitUntil(lambda: bool(dialog.status.text()), timeout=5000)
    assert dialog.status.text().startswith("已登记 4101") and "离职经甲方同意" in dialog.status.text()
    assert len(window.store.personnel.approved_departures("henan-2025")) == 1
