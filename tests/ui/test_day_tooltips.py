"""Every field and button of every dialog says what it does (issue 13): a tooltip, as on the pages
(test_day_first_start.py checks those).

The rule is the pages' rule: each visible button, line edit, combo box, spin box (dates included), list,
table or text box has a non-empty tooltip, on every tab of the dialog; the parts Qt builds inside a combo
box, spin box or item view, and Qt's own ``qt_*`` widgets, are not ours to explain.

Decision: in a dialog's button row (QDialogButtonBox) the buttons that only close — 取消, 关闭 (the reject
role) — need none: nothing happens, and the word says it. The button that does the dialog's work (保存,
签发, 信任, 记为已整改, OK…) needs one, because that is where the consequence is ("签发后不能修改").

Each dialog is built for real over a database with a finalised month and a registered inspector, in each
state that shows different widgets (a machine with and without its agency root), and a failure names the
dialog and each silent widget.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from auditor.calendar import Period
from auditor.storage import open_store
from tests.core.builders import inspector
from tests.ui.helpers import finalised_october

TODAY = dt.date(2025, 11, 17)
OCTOBER = Period(2025, 10)
KINDS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit)
INNER = (QComboBox, QAbstractSpinBox, QAbstractItemView)


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One main window for all the dialogs: henan 2025-10 finalised, an inspector under the agency root."""
    from ui.main_window import MainWindow

    folder = tmp_path_factory.mktemp("tooltips")
    store = open_store(folder / "tips.db")
    finalised_october(store)
    inspector(store)
    settings = QSettings(str(folder / "tips.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_contract", "henan-2025")
    settings.setValue("last_month/henan-2025", "2025-10")
    win = MainWindow(store, settings, today=TODAY)
    win.fresh = open_store(folder / "fresh.db")  # a machine without an agency root
    yield win
    win.close()
    win.fresh.close()
    store.close()


def _identity(win, fresh: bool = False):
    from ui.dialogs.identity import IdentityDialog

    return IdentityDialog(win.fresh if fresh else win.store, "河南省政务大数据中心", win)


def _trust(win, fresh: bool = False):
    from ui.dialogs.trust import TrustDialog

    return TrustDialog(win.fresh if fresh else win.store, "河南省政务大数据中心", win)


def _add_root(win):
    from auditor import pki
    from ui.dialogs.trust import AddRootDialog

    return AddRootDialog(pki.load_certificate(win.store.trust.agency_root()[1]), win)


def _create_root(win):
    from ui.dialogs.trust import CreateRootDialog

    return CreateRootDialog("河南省政务大数据中心", win)


def _verify(win):
    from ui.dialogs.verify import VerifyDialog

    return VerifyDialog(win.store, win)


def _approvals(win):
    from ui.dialogs.approvals import ApprovalsDialog

    return ApprovalsDialog(win.store, win.store.contracts.get("henan-2025"), win)


def _column_map(win):
    from ui.dialogs.column_map import ColumnMapDialog

    return ColumnMapDialog(["name", "gross"], ["姓名", "应发工资", "实发工资"], "乙方公司", win, "payroll",
                           "工资表.xlsx")


def _remembered(win):
    from ui.dialogs.column_map import RememberedColumnsDialog

    return RememberedColumnsDialog([("payroll", "应发合计", "gross")], "乙方公司", win)


def _reimport(win):
    from auditor.payroll import RecordsDiff
    from ui.dialogs.reimport import ReimportDialog

    changed = (("李四（4101****5678）", (("应发工资", "5200.00", "5300.00"),)),)
    diff = RecordsDiff(("张三（4101****1234）",), (), changed)
    return ReimportDialog("工资表", "工资表-旧.xlsx", "工资表-新.xlsx", diff, win)


def _documents(win):
    from ui.dialogs.documents import DocumentsDialog

    installments = [win.payments.model.row_object(n) for n in range(win.payments.model.rowCount())]
    return DocumentsDialog(win.store, "henan-2025", OCTOBER, installments, "score-sheet", 1, TODAY, win)


def _welcome(win):
    from ui.first_start import WelcomeDialog

    return WelcomeDialog(win)


def _preview(win):
    from auditor.operations.documents import score_sheet
    from ui.pdf_preview import PdfPreviewDialog

    return PdfPreviewDialog(score_sheet(win.store, "henan-2025", "2025-10").value.pdf, "考核评分表", "x.pdf", win)


def _tour(win):
    from ui.tour import Tour

    tour = Tour(win)
    tour.go(0)
    return tour


def _help(win):
    from ui.help import HelpDialog

    return HelpDialog(win)


def _draft(win):
    from ui.pages.notices import DraftDialog

    return DraftDialog(win.store, win.store.contracts.get("henan-2025"), OCTOBER, "李全奇", win, TODAY)


def _issue(win):
    from ui.pages.notices import IssueDialog

    return IssueDialog("豫政数整改〔2025〕1号", TODAY, win)


def _receive(win):
    from ui.pages.notices import ReceiveDialog

    return ReceiveDialog(TODAY, win)


def _rectified(win):
    from ui.pages.notices import RectifiedDialog

    return RectifiedDialog("豫政数整改〔2025〕1号", TODAY, win)


def _close_step(win):
    from ui.pages.notices import StepDialog

    return StepDialog.closing(TODAY, win)


def _escalate_step(win):
    from ui.pages.notices import StepDialog

    return StepDialog.escalating(TODAY, win)


def _bad_rows(win):
    from auditor.workorders import BadCell, BadRowsError
    from ui.pages.workorders import BadRowsDialog

    cells = (BadCell(12, "A", "工单编号", "“HN-A”与第 2 行重复"),)
    return BadRowsDialog(BadRowsError("工单记录有误", ["第 12 行"], cells, 1), win)


def _payment(win):
    from ui.pages.payments import PaymentDialog

    return PaymentDialog(win.payments.model.row_object(0), win)


DIALOGS: dict[str, Callable] = {
    "IdentityDialog": _identity,
    "IdentityDialog (no agency root yet)": lambda win: _identity(win, fresh=True),
    "TrustDialog": _trust,
    "TrustDialog (no agency root yet)": lambda win: _trust(win, fresh=True),
    "AddRootDialog": _add_root,
    "CreateRootDialog": _create_root,
    "VerifyDialog": _verify,
    "ApprovalsDialog": _approvals,
    "ColumnMapDialog": _column_map,
    "RememberedColumnsDialog": _remembered,
    "ReimportDialog": _reimport,
    "DocumentsDialog": _documents,
    "WelcomeDialog": _welcome,
    "PdfPreviewDialog": _preview,
    "Tour": _tour,
    "HelpDialog": _help,
    "DraftDialog": _draft,
    "IssueDialog": _issue,
    "ReceiveDialog": _receive,
    "RectifiedDialog": _rectified,
    "StepDialog (核验关闭)": _close_step,
    "StepDialog (升级处理)": _escalate_step,
    "BadRowsDialog": _bad_rows,
    "PaymentDialog": _payment,
}


def _name(widget: QWidget, dialog: QWidget) -> str:
    """How the failure names a widget: its text, else its form label (of its row), else its placeholder."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    rows = [widget, *(layout for layout in dialog.findChildren(QLayout) if layout.indexOf(widget) >= 0)]
    for form in dialog.findChildren(QFormLayout):
        for row in rows:
            label = form.labelForField(row)
            if label is not None and hasattr(label, "text"):
                return label.text()
    return getattr(widget, "placeholderText", lambda: "")() or widget.objectName()


def _closes_only(widget: QWidget) -> bool:
    box = widget.parent()
    return (isinstance(box, QDialogButtonBox) and isinstance(widget, QAbstractButton)
            and box.buttonRole(widget) == QDialogButtonBox.ButtonRole.RejectRole)


def silent(dialog: QWidget, where: str = "") -> dict[QWidget, str]:
    """The widgets shown now that have no tooltip, each with how the failure names it."""
    return {widget: f"{where}{type(widget).__name__} {_name(widget, dialog)!r}"
            for widget in dialog.findChildren(QWidget)
            if (isinstance(widget, KINDS) and widget.isVisibleTo(dialog) and not widget.toolTip()
                and not isinstance(widget.parent(), INNER) and not widget.objectName().startswith("qt_")
                and not _closes_only(widget))}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_field_and_button_of_the_dialog_says_what_it_does(qtbot, window, name):
    dialog = DIALOGS[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    found: dict[QWidget, str] = {}
    for tabs in dialog.findChildren(QTabWidget):  # each tab in turn: only the one in front is visible
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            found = silent(dialog, f"{tabs.tabText(index)}: ") | found
    found = silent(dialog) | found
    assert any(isinstance(w, KINDS) for w in dialog.findChildren(QWidget)), f"{name}: nothing to check"
    assert not found, f"{name}: {list(found.values())}"
    dialog.close()
