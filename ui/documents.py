"""Documents from the app: previewed first (unsigned, 「预览」 on every page), then issued — numbered, signed
with the inspector's identity and registered — on a worker, and shown again as issued.

Every kind goes the same way (``auditor.operations.documents``): the 考核评分表 of a month, the installment
score sheet and the 付款核算单 of an installment, the 现场抽查记录 of a spot check; the blank on-site
checklist is a preview only (a form to fill in by hand, never registered).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from auditor.storage import Store

from . import errors
from .feedback import say
from .i18n import tr
from .ops import run_op

# (store, identity or None, issue date or None) → Outcome[Issued]
Make = Callable[[Store, Any, "dt.date | None"], Any]


def show_pdf(parent: QWidget, pdf: bytes, title: str, name: str, shown: bytes | None = None):
    """The PDF in the preview window (print, save as); the window is returned (tests look at it). ``shown``:
    its display copy (``with_display_copy``), made on the worker that made the PDF."""
    from .pdf_preview import PdfPreviewDialog  # QtPdf and QtPrintSupport load only when needed

    dialog = PdfPreviewDialog(pdf, title, name, parent, shown)
    dialog.show()
    parent.window().preview = dialog  # kept alive, and where a test finds it
    return dialog


def ask_signature(parent: QWidget, store: Store, label: str, today: dt.date | None = None,
                  passphrase: str | None = None, on: dt.date | None = None) -> tuple[Any, dt.date] | None:
    """The inspector's identity (set up first when there is none) and the issue date and passphrase, asked
    in one dialog (today unless told otherwise, never later). None when the user stops."""
    from auditor.documents.service import Identity

    from .dialogs.identity import IdentityDialog, current_inspector
    from .pages.notices import IssueDialog, chosen_date

    inspector = current_inspector(store)
    if inspector is None:
        organisation = store.contracts.list()[0].party_a.name if store.contracts.ids() else ""
        if not IdentityDialog(store, organisation, parent).exec():
            return None
        inspector = current_inspector(store)
    if passphrase is None:
        dialog = IssueDialog(label, on or today or dt.date.today(), parent)
        if not dialog.exec():
            return None
        passphrase, on = dialog.passphrase.text(), chosen_date(dialog.date)
    identity = Identity(inspector["p12"], passphrase.encode("utf-8"), inspector["signature_png"])
    return identity, on or today or dt.date.today()


def with_display_copy(outcome):
    """On the worker: an operation's outcome whose value is a document, with the display copy of its PDF made
    there too (the preview then opens without reworking the file on the GUI thread)."""
    from auditor.operations import Outcome

    from .pdf_preview import display_copy

    return Outcome((outcome.value, display_copy(outcome.value.pdf)), outcome.changes)


def preview(parent: QWidget, store: Store, title: str, name: str, make: Make, wait: bool = False) -> None:
    """Render the unsigned preview on a worker, then show it."""
    def work(own, progress, cancelled):
        progress(0.3, tr("正在生成{title}…").format(title=title))
        return with_display_copy(make(own, None, None))

    run_op(parent, store, tr("正在生成…"), work,
           lambda made: show_pdf(parent, made[0].pdf, title, name, made[1]),
           lambda exc: errors.warn(parent, tr("未生成"), exc), wait)


def preview_stored(parent: QWidget, store: Store, title: str, name: str, read: Callable[[Store], bytes]) -> None:
    """A document already made (``read(store)`` gives its PDF): read and readied for display on a worker
    with a connection of its own, then shown."""
    from .workers import run_with_progress

    def work(progress, cancelled):
        from .pdf_preview import display_copy

        own = store.sibling() if store.path is not None else store
        try:
            pdf = read(own)
        finally:
            if own is not store:
                own.close()
        return pdf, display_copy(pdf)

    run_with_progress(parent, tr("正在打开…"), work, lambda made: show_pdf(parent, made[0], title, name, made[1]),
                      lambda exc: errors.warn(parent, tr("无法预览"), exc))


def issue(parent: QWidget, store: Store, title: str, name: str, make: Make, today: dt.date | None = None,
          wait: bool = False, passphrase: str | None = None, on: dt.date | None = None,
          after: Callable[[Any], None] | None = None) -> None:
    """Ask for the signature, then number, sign and register on a worker; the issued document is shown."""
    asked = ask_signature(parent, store, title, today, passphrase, on)
    if asked is None:
        return
    identity, day = asked

    def work(own, progress, cancelled):
        progress(0.3, tr("正在生成并签名…"))
        return with_display_copy(make(own, identity, day))

    def done(made) -> None:
        issued, shown = made
        say(parent, tr("已签发 {title} {number}").format(title=title, number=issued.number))
        show_pdf(parent, issued.pdf, f"{title} {issued.number}", f"{issued.number}.pdf", shown)
        if after is not None:
            after(issued)

    run_op(parent, store, tr("正在签发…"), work, done, lambda exc: errors.warn(parent, tr("未签发"), exc), wait)


def open_dialog(window, kind: str | None = None, wait: bool = False):
    """The 文书 window for the contract and month shown; the kind follows the page (summary: the month's
    score sheet, payments: the selected installment, spot check: its record) unless named."""
    from .dialogs.documents import DocumentsDialog

    page = window.tabs.currentWidget()
    installments = [window.payments.model.row_object(n) for n in range(window.payments.model.rowCount())]
    current = window.payments.current() if hasattr(window.payments, "current") else None
    if kind is None:
        kind = {window.payments: "payment", window.spot_check: "spot-check"}.get(page, "score-sheet")
    dialog = DocumentsDialog(window.store, window.contract_id(), window.period(), installments, kind,
                             current.number if current is not None else None, getattr(window.dashboard, "today", None),
                             window)
    if kind == "spot-check" and window.spot_check.selected_check() is not None:
        dialog.subject.setCurrentIndex(max(dialog.subject.findData(window.spot_check.selected_check()["id"]), 0))
    window.documents_dialog = dialog
    dialog.show()
    return dialog


def install_menu(window) -> None:
    """文书 in the menu bar: every document kind (Ctrl+P), and the blank on-site checklist."""
    from .keys import make_action

    menu = window.menuBar().addMenu(tr("文书"))
    menu.addAction(make_action(window, tr("文书（预览、签发、打印）…"), ("Ctrl+P",), lambda: open_dialog(window),
                               tr("考核评分表、分期考核评分表、付款核算单、现场抽查记录：先预览，再签名签发")))
    menu.addAction(make_action(window, tr("空白现场检查表…"), ("Ctrl+Shift+P",),
                               lambda: open_dialog(window, "checklist"),
                               tr("本月的考核指标、人员配置和人员名单（勾选框），打印后带到现场填写")))
