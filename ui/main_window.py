"""The main window: contract and month at the top; dashboard, walk-through, summary, payments, contracts."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal  # not Qt: its enums alone take 14 ms, after the first paint
from PySide6.QtWidgets import QLabel, QMainWindow  # the rest where used: the frame is painted before they load

from auditor.calendar import Period, months_between
from auditor.errors import AuditorError

from . import fit
from .i18n import LANGUAGES, tr

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from auditor.operations import Changes
    from auditor.storage import Store


class MainWindow(QMainWindow):
    ready = Signal()  # built and showing its month (at once unless ``staged``)

    def __init__(self, store: Store, settings: QSettings | None = None, today: dt.date | None = None,
                 staged: bool = False) -> None:
        """``staged``: only the frame now (title, size, 「正在打开…」), so that it is painted at once; the pages,
        their modules and the month's figures in ``build()``, which the caller runs from the event loop."""
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self._today = today
        self.setWindowTitle(tr("12345 热线服务合同履约考核"))
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit.keep_on_screen(self)  # saved on a larger screen: brought back onto this one
        else:
            fit.fit_window(self, 1200, 760, center=True)  # never taller than the usable screen (1366×768, 150 %)
        self.built = False
        if staged:
            opening = QLabel("<p align='center'>" + tr("正在打开…") + "</p>")
            self.setCentralWidget(opening)
        else:
            self.build()

    def build(self) -> None:
        """The pages, the menus and the month shown last time, at once."""
        for _ in self.build_steps():
            pass

    def build_steps(self) -> Iterator[None]:
        """``build`` in steps of a few dozen milliseconds each, for the event loop to run between (the window
        stays responsive while it opens): the modules in two halves, the pages and menus, the month."""
        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

        from .cache import TermCache
        from .ops import hub
        from .pages.notices import NoticesPage
        yield
        from .pages.contracts import ContractsPage
        from .pages.personnel import PersonnelPage
        yield
        from . import documents, first_start, keys, tips  # noqa: F401 — loaded here, used by the menus
        from .pages.dashboard import DashboardPage
        from .pages.payments import PaymentsPage
        from .pages.spot_check import SpotCheckPage
        from .pages.summary import SummaryPage
        from .pages.walkthrough import WalkthroughPage
        from .pages.workorders import WorkOrdersPage
        yield

        store, today = self.store, self._today
        self.undo_stack = QUndoStack(self)
        self.terms = TermCache(store)  # every view's figures, refreshed from what changed
        self.contract_box = QComboBox()
        self.month_box = QComboBox()
        self.month_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # filled after it is shown
        self.dashboard = DashboardPage(today)
        self.walkthrough = WalkthroughPage(store, self.undo_stack)
        self.walkthrough.terms = self.terms
        self.summary = SummaryPage()
        self.payments = PaymentsPage(store)
        self.notices = NoticesPage(store, today)
        self.personnel = PersonnelPage(store)
        self.spot_check = SpotCheckPage(store)
        self.workorders = WorkOrdersPage(store)
        self.contracts_page = ContractsPage(store)
        self.tabs = QTabWidget()
        for page, title in ((self.dashboard, tr("仪表盘")), (self.walkthrough, tr("逐项录入")),
                            (self.summary, tr("月度汇总")), (self.payments, tr("付款核算")),
                            (self.notices, tr("整改通知书")),
                            (self.personnel, tr("人员与薪资")), (self.spot_check, tr("现场抽查")),
                            (self.workorders, tr("工单记录")),
                            (self.contracts_page, tr("合同"))):
            self.tabs.addTab(page, title)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("合同：")))
        top.addWidget(self.contract_box, 1)
        top.addWidget(QLabel(tr("月份：")))
        top.addWidget(self.month_box)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._build_menus()

        self.walkthrough.edited.connect(self._edit_applied)
        self.walkthrough.changed.connect(self._refresh_views)
        self.summary.open_item.connect(self._open_item)
        self.walkthrough.open_page.connect(lambda _name: self.tabs.setCurrentWidget(self.personnel))
        self.personnel.changed.connect(self._personnel_changed)
        self.summary.document_requested.connect(self.open_document)
        self.notices.changed.connect(self._refresh_views)
        self.payments.open_month.connect(self.go_to)
        self.spot_check.draft_notice.connect(lambda p: (self.go_to(p), self.open_document("notice")))
        self.dashboard.open_month.connect(lambda p: self.go_to(p, ""))
        self.contracts_page.contracts_changed.connect(self._contracts_changed)
        self._pending: dict[QWidget, Callable[[], None]] = {}  # a hidden page's load, run when it is shown
        self.tabs.currentChanged.connect(self._tab_shown)
        self.contract_box.currentIndexChanged.connect(self._contract_changed)
        self.month_box.currentIndexChanged.connect(self._month_changed)

        hub().executed.connect(self.apply_changes)
        yield
        last = self.settings.value("last_contract", "")
        contracts = {c.id: c for c in store.contracts.list()}  # parsed once (kept by the repository)
        yield
        if contracts:  # the term's figures of the contract to be shown, kept by the term cache
            self.terms.results(contracts.get(last) or contracts[min(contracts)])
            yield

        self._fill_contracts(last)
        self.tabs.setCurrentIndex(int(self.settings.value("last_tab", 1)))
        self.built = True
        self.ready.emit()

    # ----------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence

        from . import documents, first_start, keys, tips

        file_menu = self.menuBar().addMenu(tr("文件"))
        import_action = QAction(tr("导入月度录入文件…"), self)
        import_action.triggered.connect(lambda: self.import_entries_file())
        file_menu.addAction(import_action)
        verify_action = QAction(tr("核验文书签名…"), self)
        verify_action.triggered.connect(lambda: self.verify_file())
        file_menu.addAction(verify_action)
        backup_action = QAction(tr("备份…"), self)
        backup_action.triggered.connect(lambda: self.backup_to())
        file_menu.addAction(backup_action)
        restore_action = QAction(tr("从备份恢复…"), self)
        restore_action.triggered.connect(lambda: self.restore_from())
        file_menu.addAction(restore_action)
        export_action = QAction(tr("导出审计包…"), self)
        export_action.triggered.connect(lambda: self.export_bundle())
        file_menu.addAction(export_action)
        import_bundle_action = QAction(tr("导入审计包…"), self)
        import_bundle_action.triggered.connect(lambda: self.import_bundle())
        file_menu.addAction(import_bundle_action)
        audit_action = QAction(tr("核验审计日志…"), self)
        audit_action.triggered.connect(lambda: self.check_audit())
        file_menu.addAction(audit_action)
        identity_action = QAction(tr("检查人员签名…"), self)
        identity_action.triggered.connect(self.edit_identity)
        file_menu.addAction(identity_action)
        trust_action = QAction(tr("信任与证书…"), self)
        trust_action.triggered.connect(self.manage_trust)
        file_menu.addAction(trust_action)
        quit_action = QAction(tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(tr("编辑"))
        self.undo_action = self.undo_stack.createUndoAction(self, tr("撤销"))
        self.redo_action = self.undo_stack.createRedoAction(self, tr("重做"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.keys = keys.install(self)  # Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y, Ctrl+←/→ work while typing
        documents.install_menu(self)
        first_start.install(self)  # 帮助: the manual (F1), the tour, the demo database
        tips.explain(self)
        settings_menu = self.menuBar().addMenu(tr("设置"))
        approvals_action = QAction(tr("甲方同意与节假日安排…"), self)
        approvals_action.triggered.connect(lambda: self.open_approvals())
        settings_menu.addAction(approvals_action)
        language_menu = settings_menu.addMenu(tr("界面语言"))
        group = QActionGroup(self)
        current = self.settings.value("language", "zh_CN")
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

    def set_language(self, code: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.settings.setValue("language", code)
        QMessageBox.information(self, "auditor",
                                tr("界面语言将在重新启动后生效。") + "\nThe language takes effect after a restart.")

    # ----------------------------------------------------------------- selection
    def contract_id(self) -> str:
        return self.contract_box.currentData()

    def period(self) -> Period | None:
        text = self.month_box.currentData()
        return Period.parse(text) if text else None

    def _fill_contracts(self, select: str) -> None:
        self.contract_box.blockSignals(True)
        self.contract_box.clear()
        for contract in self.store.contracts.list():
            self.contract_box.addItem(f"{contract.name}（{contract.id}）", contract.id)
        self.contract_box.setCurrentIndex(max(self.contract_box.findData(select), 0))
        self.contract_box.blockSignals(False)
        self._contract_changed()

    def _contracts_changed(self, contract_id: str) -> None:
        self._fill_contracts(contract_id if contract_id else self.contract_id())

    def _contract_changed(self) -> None:
        contract = self.store.contracts.get(self.contract_id())
        self.month_box.blockSignals(True)
        self.month_box.clear()
        for period in months_between(contract.first_period, contract.last_period):
            self.month_box.addItem(period.label(), str(period))
        last = self.settings.value(f"last_month/{contract.id}", "")
        self.month_box.setCurrentIndex(max(self.month_box.findData(last), 0))
        self.month_box.blockSignals(False)
        self.settings.setValue("last_contract", contract.id)
        self._month_changed()

    def _month_changed(self, _index: int | None = None, code: str | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox

        period = self.period()
        if period is None:
            return
        self.settings.setValue(f"last_month/{self.contract_id()}", str(period))
        try:
            contract = self.store.contracts.get(self.contract_id())
            results = self.terms.results(contract)  # for the walk-through and every view
            self.walkthrough.load(contract, period, code, results[period])
            self._load(self.personnel, lambda: self.personnel.load(contract, period))
            self._load(self.notices, lambda: self.notices.load(contract, period))
            self._load(self.spot_check, lambda: self.spot_check.load(contract))
            self._load(self.workorders, lambda: self.workorders.load(contract, period))
        except AuditorError as exc:
            QMessageBox.warning(self, tr("无法计算"), str(exc))
            return
        self._refresh_views(results)

    def _load(self, page, load) -> None:
        """``load`` the page now if it is the one shown, else when it is next shown (the last ``load`` wins): a
        month change reads only what is on the screen (the personnel page alone decodes a 2,000-person roster)."""
        if self.tabs.currentWidget() is page:
            self._pending.pop(page, None)
            load()
        else:
            self._pending[page] = load

    def _tab_shown(self, _index: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        load = self._pending.pop(self.tabs.currentWidget(), None)
        if load is None:
            return
        try:
            load()
        except AuditorError as exc:
            QMessageBox.warning(self, tr("无法计算"), str(exc))

    def go_to(self, period: Period, code: str = "") -> None:
        """Show ``period`` (and item ``code``) in the walk-through."""
        index = self.month_box.findData(str(period))
        if index < 0:
            return
        self.month_box.blockSignals(True)
        self.month_box.setCurrentIndex(index)
        self.month_box.blockSignals(False)
        self._month_changed(code=code or None)
        self.tabs.setCurrentWidget(self.walkthrough)

    def _personnel_changed(self) -> None:
        self.walkthrough.refresh()
        self._refresh_views()

    def _open_item(self, code: str) -> None:
        self.go_to(self.period(), code)

    def _edit_applied(self, edit) -> None:
        """An edit or its undo, already announced (the views refreshed): show its month if another."""
        if edit.contract_id != self.contract_id() or edit.period != self.period():
            self.contract_box.setCurrentIndex(self.contract_box.findData(edit.contract_id))
            self.go_to(edit.period, getattr(edit, "code", ""))

    def apply_changes(self, changes: Changes) -> None:
        """After an operation: refresh only the views that show what it changed (of the contract shown)."""
        from auditor.operations import Area

        self.terms.apply(changes)
        if changes.touches(Area.CONTRACTS):  # also a restore or a bundle import (everything)
            self._fill_contracts(self.contract_id())
            return
        if changes.touches(Area.CALENDAR):  # every deadline and score may move
            self._month_changed()
            return
        contract_id, period = self.contract_id(), self.period()
        if contract_id is None or period is None:
            return
        contract = self.store.contracts.get(contract_id)
        if changes.touches(Area.PERSONNEL, contract=contract_id):
            self._load(self.personnel, lambda: self.personnel.load(contract, period))
            self._load(self.spot_check, lambda: self.spot_check.load(contract))
        if changes.touches(Area.NOTICES, Area.DOCUMENTS, Area.FINDINGS, contract=contract_id):
            self._load(self.notices, lambda: self.notices.load(contract, period))
        if changes.touches(Area.ENTRIES, Area.FINDINGS, contract=contract_id):
            self._load(self.workorders, lambda: self.workorders.load(contract, period))
        if changes.touches(Area.ENTRIES, Area.PERSONNEL, Area.FINDINGS, Area.PAYMENTS, contract=contract_id):
            self.walkthrough.refresh()
            self._refresh_views()

    def _refresh_views(self, results=None) -> None:
        from PySide6.QtWidgets import QMessageBox

        period = self.period()
        try:
            contract = self.store.contracts.get(self.contract_id())
            results = results if results is not None else self.terms.results(contract)
            self.summary.show_month(contract, results[period])
            from auditor.service import installment_results

            self.payments.show_installments(installment_results(self.store, contract, results))
            statuses = self.store.months.statuses(contract.id)
            self.dashboard.show_contract(contract, results, statuses)
            from . import month_icons

            month_icons.decorate(self.month_box, contract, statuses, self.dashboard.today)  # a state per month
            from . import tips

            tips.explain_months(self.dashboard)
        except AuditorError as exc:
            QMessageBox.warning(self, tr("无法计算"), str(exc))

    # ----------------------------------------------------------------- import
    def import_entries_file(self, path: str | None = None, wait: bool = False) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择月度录入文件"), "", "JSON (*.json)")
            if not path:
                return

        def work(store, progress, cancelled):
            progress(0.1, tr("正在校验…"))
            from auditor.operations import months as month_ops

            return month_ops.record_file(store, Path(path))

        def done(result) -> None:
            contract, entries = result
            if contract.id != self.contract_id():
                self.contract_box.setCurrentIndex(self.contract_box.findData(contract.id))
            if entries.period != self.period():
                self.go_to(entries.period)
            self.tabs.setCurrentWidget(self.walkthrough)
            self.statusBar().showMessage(tr("已导入 {contract} {period}").format(
                contract=contract.id, period=entries.period), 8000)

        from . import errors
        from .ops import run_op

        run_op(self, self.store, tr("正在导入…"), work, done, lambda exc: errors.warn(self, tr("未导入"), exc), wait)

    # ----------------------------------------------------------------- documents
    def open_document(self, kind: str, wait: bool = False):
        """Score sheet: rendered on a worker, then previewed; notice: draft one from the month's findings."""
        if kind == "notice":
            self.tabs.setCurrentWidget(self.notices)
            return self.notices.do_draft()
        if not wait:  # from the summary: the 文书 window, to preview and then issue it signed
            from . import documents

            return documents.open_dialog(self, kind)
        from auditor.operations.documents import score_sheet

        contract_id, period = self.contract_id(), str(self.period())

        def work(store, progress, cancelled):
            progress(0.3, tr("正在生成考核评分表…"))
            from .documents import with_display_copy

            return with_display_copy(score_sheet(store, contract_id, period))

        def done(made) -> None:
            from .documents import show_pdf

            show_pdf(self, made[0].pdf, tr("考核评分表"), f"考核评分表-{contract_id}-{period}.pdf", made[1])

        from . import errors
        from .ops import run_op

        run_op(self, self.store, tr("正在生成…"), work, done, lambda exc: errors.warn(self, tr("未生成"), exc), wait)

    def verify_file(self, path: str | None = None) -> str:
        """The verification dialog (PDF and QR code); with ``path``, that file checked at once. Returns what
        the dialog says, as text."""
        from .dialogs.verify import VerifyDialog

        self.verify_dialog = VerifyDialog(self.store, self)
        self.verify_dialog.show()
        if path:
            self.verify_dialog.check_file(path)
        return self.verify_dialog.report_text()

    def open_approvals(self):  # -> ApprovalsDialog, imported when first opened
        """Approved staffing changes, departure approvals and holiday notices (issue 12): the dialog's
        operations announce their changes, so the views refresh themselves."""
        from .dialogs.approvals import ApprovalsDialog

        dialog = ApprovalsDialog(self.store, self.store.contracts.get(self.contract_id()), self)
        dialog.open()
        return dialog

    def manage_trust(self) -> None:
        from .dialogs.trust import TrustDialog

        TrustDialog(self.store, self.store.contracts.get(self.contract_id()).party_a.name, self).exec()

    def backup_to(self, path: str | None = None) -> bool:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from auditor.backup import backup

        if not path:
            name = f"auditor-backup-{dt.date.today():%Y%m%d}.zip"
            path, _ = QFileDialog.getSaveFileName(self, tr("备份到"), name, tr("备份 (*.zip)"))
            if not path:
                return False
        try:
            backup(self.store, Path(path))
        except (AuditorError, OSError) as exc:
            QMessageBox.warning(self, tr("未备份"), str(exc))
            return False
        self.statusBar().showMessage(tr("已备份到 {path}").format(path=path), 8000)
        return True

    def restore_from(self, path: str | None = None, confirmed: bool = False) -> bool:
        """Replace the database by a backup (the current one is kept beside it); the app then closes."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from auditor.backup import check_backup, restore

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择备份"), "", tr("备份 (*.zip)"))
            if not path:
                return False
        key = self.store.key
        try:
            check_backup(Path(path), key)
        except AuditorError as exc:
            QMessageBox.warning(self, tr("不能恢复"), str(exc))
            return False
        if not confirmed and QMessageBox.question(
                self, tr("从备份恢复"),
                tr("用该备份替换当前数据？当前数据库会保留一份副本。")) != QMessageBox.StandardButton.Yes:
            return False
        db_path, evidence = self.store.path, self.store.evidence_dir
        self.store.close()
        try:  # checked again inside, before anything is renamed: a refusal leaves the database as it was
            kept = restore(db_path, Path(path), evidence, key)
        except AuditorError as exc:
            QMessageBox.warning(self, tr("不能恢复"), str(exc) + "\n" + tr("数据未改动。请重新启动程序。"))
            self.close()
            return False
        QMessageBox.information(self, tr("已恢复"),
                                tr("已恢复。原数据库保留为 {kept}。\n请重新启动程序。").format(kept=kept))
        self.close()
        return True

    def export_bundle(self, path: str | None = None, passphrase: str | None = None) -> bool:
        """The current contract's audit as one signed file, for the office."""
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

        from auditor.bundle import export_bundle

        from .dialogs.identity import IdentityDialog, current_inspector

        inspector = current_inspector(self.store)
        if inspector is None:
            if not IdentityDialog(self.store, self.store.contracts.get(self.contract_id()).party_a.name, self).exec():
                return False
            inspector = current_inspector(self.store)
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("导出审计包"), f"{self.contract_id()}.auditor-bundle",
                                                  tr("审计包 (*.auditor-bundle)"))
            if not path:
                return False
        if passphrase is None:
            passphrase, ok = QInputDialog.getText(self, tr("导出审计包"), tr("签名口令："), QLineEdit.EchoMode.Password)
            if not ok:
                return False
        try:
            export_bundle(self.store, self.contract_id(), Path(path), inspector["p12"], passphrase.encode("utf-8"))
        except (AuditorError, OSError) as exc:
            QMessageBox.warning(self, tr("未导出"), str(exc))
            return False
        self.statusBar().showMessage(tr("已导出 {path}（身份证号已脱敏）").format(path=path), 8000)
        return True

    def import_bundle(self, path: str | None = None) -> bool:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from auditor.bundle import import_bundle

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("导入审计包"), "", tr("审计包 (*.auditor-bundle)"))
            if not path:
                return False
        try:
            report = import_bundle(self.store, Path(path))
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未导入"), str(exc))
            return False
        QMessageBox.information(self, tr("已导入"), tr("签名人：{who}\n新增 {added} 条，已有且相同 {same} 条").format(
            who=report.signer, added=sum(report.added.values()), same=report.same))
        self._fill_contracts(self.contract_id())
        return True

    def check_audit(self, quiet_when_ok: bool = False) -> bool:
        """Verify the tamper-evident history and the anchors outside the file, on a worker (ui/verification.py);
        say where it breaks. Asked for (not quiet), it also re-hashes the evidence and re-verifies signed PDFs."""
        from PySide6.QtWidgets import QMessageBox

        from .verification import run_full_check, show_problems

        report = run_full_check(self, self.store, deep=not quiet_when_ok)
        if report.ok:
            if not quiet_when_ok:
                QMessageBox.information(self, tr("审计日志"), tr("审计日志完整：{n} 条记录，数据与记录一致。").format(
                    n=report.entries))
            return True
        show_problems(self, report)
        return False

    def edit_identity(self) -> None:
        from .dialogs.identity import IdentityDialog

        IdentityDialog(self.store, self.store.contracts.get(self.contract_id()).party_a.name, self).exec()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.settings.setValue("geometry", self.saveGeometry())
        if self.built:
            self.settings.setValue("last_tab", self.tabs.currentIndex())
        # a closed window (its database closed with it) no longer refreshes on others' operations; closed twice
        # (a test's cleanup), it is disconnected once
        if self.built and not getattr(self, "_closed", False):
            from .ops import hub

            self._closed = True
            try:
                hub().executed.disconnect(self.apply_changes)
            except (RuntimeError, TypeError):
                pass
        super().closeEvent(event)
