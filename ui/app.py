"""Start the desktop application: ``auditor-app`` or ``make run``."""
from __future__ import annotations

import sys


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

    install_app_font(app)
    db_path = argv[argv.index("--db") + 1] if "--db" in argv[:-1] else default_db_path()
    try:
        store = open_store(db_path)
    except AuditorError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 2
    from .main_window import MainWindow

    window = MainWindow(store, QSettings())
    window.show()
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
