"""Start the desktop application: ``auditor-app`` or ``make run``."""
from __future__ import annotations

import sys


def _install_error_dialog() -> None:
    """Last line of defence: an unexpected error shows a dialog and is logged, never a traceback."""
    import traceback
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from .i18n import tr

    def hook(kind, value, tb) -> None:
        try:
            from platformdirs import user_log_dir

            log = Path(user_log_dir("auditor", appauthor=False)) / "error.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(kind, value, tb)))
            where = tr("详情已记录在 {path}").format(path=log)
        except OSError:
            where = ""
        QMessageBox.critical(None, tr("内部错误"),
                             tr("程序遇到意外错误（{name}），当前操作未完成，已保存的数据不受影响。").format(name=kind.__name__)
                             + "\n" + where)

    sys.excepthook = hook


def _smoke(app, window) -> None:
    """Bundle smoke test: every page shown (lazy imports happen), a document rendered, signed and verified."""
    try:
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
        window.dashboard._draw_charts()
        from auditor import pki
        from auditor.documents.service import Identity, score_sheet, verify

        contract = window.contract_id()
        root_p12, root = pki.create_root("smoke test", b"smoke-root-pass")
        window.store.trust.add_agency_root(root_p12, root)
        p12, _ = pki.issue_inspector(pki.load_identity(root_p12, b"smoke-root-pass"), "smoke", "smoke test",
                                     b"smoke-pass")
        pdf = score_sheet(window.store, contract, str(window.period()), Identity(p12, b"smoke-pass")).pdf
        assert verify(window.store, pdf).outcome == "valid"
        assert window.store.verify_audit().ok
        print(f"smoke ok: {window.tabs.count()} pages, {len(pdf)} bytes signed and verified", flush=True)
        app.exit(0)
    except BaseException:  # noqa: BLE001 — the smoke test must fail loudly
        import traceback

        traceback.print_exc()
        app.exit(1)


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from auditor.errors import AuditorError
    from auditor.paths import default_db_path
    from auditor.storage import open_store

    argv = list(sys.argv if argv is None else argv)
    QCoreApplication.setOrganizationName("auditor")
    QCoreApplication.setApplicationName("auditor")
    app = QApplication.instance() or QApplication(argv)
    from .fonts import install_app_font
    from .i18n import install_language, tr

    install_app_font(app)
    settings = QSettings()
    install_language(app, str(settings.value("language", "zh_CN")))
    _install_error_dialog()
    db_path = argv[argv.index("--db") + 1] if "--db" in argv[:-1] else default_db_path()
    import os
    from pathlib import Path

    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from auditor.storage import is_encrypted

    key = os.environ.get("AUDITOR_DB_KEY") or None
    if key is None and is_encrypted(Path(db_path)):
        key, ok = QInputDialog.getText(None, tr("加密数据库"), tr("数据库口令："), QLineEdit.EchoMode.Password)
        if not ok:
            return 2
    try:
        store = open_store(db_path, key=key)
    except AuditorError as exc:
        QMessageBox.critical(None, tr("无法打开数据库"), str(exc))
        return 2
    from .main_window import MainWindow

    window = MainWindow(store, settings)
    window.show()
    if "--smoke-test" in argv:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: _smoke(app, window))
    else:
        window.check_audit(quiet_when_ok=True)
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
