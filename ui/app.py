"""Start the desktop application: ``auditor-app`` or ``make run``."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(db_path: str | Path) -> str:
    """One name per user and database file, however the path was written (relative, ``..``, case on Windows)."""
    import getpass
    import hashlib
    import os

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name (some containers): the path alone still separates databases
        user = ""
    where = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    return "auditor-" + hashlib.sha256(f"{user}\0{where}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


class SingleInstance(QObject):
    """One window per database: a second start on the same file brings the first forward and quits.

    Two windows on one database would each write (SQLite lets them take turns, but each would
    show a stale view of what the other saved). The first instance listens on a local socket named
    after the database; a later one that reaches it asks it to come forward.
    """

    activated = Signal()

    def __init__(self, db_path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True: this is the instance for the database (it now listens). False: another one runs and was told."""
        if self._tell_running():
            return False
        if self._listen():
            return True
        if self._tell_running():  # it started between our two tries
            return False
        QLocalServer.removeServer(self.name)  # left behind by an instance that crashed (Unix socket file)
        self._listen()  # should it still fail, run anyway: the database itself lets one writer at a time
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _tell_running(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(b"activate\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        while self._server is not None and (connection := self._server.nextPendingConnection()) is not None:
            connection.disconnected.connect(connection.deleteLater)
            connection.disconnectFromServer()
            self.activated.emit()


def bring_to_front(window) -> None:
    from PySide6.QtCore import Qt

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


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


def open_window(store, settings):
    """The main window on ``store``: its frame painted at once; then, from the event loop, the audit check of
    what changed since the last full check (its problems shown before the pages), the pages and the month; the
    full check on a worker after that (ui/verification.py). Every write waits for the check's result from the
    first moment: one asked for before the pages are built builds them (and so starts the check) first.
    ``main`` and benchmarks/bench_startup.py share it."""
    from PySide6.QtCore import QTimer

    from auditor import audit

    from .main_window import MainWindow

    window = MainWindow(store, settings, staged=True)

    steps, started, end = window.build_steps(), [], object()

    def check() -> None:  # before the first build step: what changed outside is shown before the pages
        if not hasattr(window, "audit_check"):
            from .verification import StartupCheck

            window.audit_check = StartupCheck(window, store)  # type: ignore[attr-defined]
            window.audit_check.quick()  # type: ignore[attr-defined]  # the write gate is now the check's

    def built() -> None:  # then the full check, on a worker
        if not started:
            started.append(True)
            QTimer.singleShot(0, window.audit_check.start)  # type: ignore[attr-defined]

    def step() -> None:  # one step from the event loop, the next queued after it
        from shiboken6 import isValid

        if not isValid(window) or not window.isVisible():  # closed while it was opening
            return
        check()
        if next(steps, end) is end:
            built()
        else:
            QTimer.singleShot(0, step)

    def build() -> None:  # every step left, now
        check()
        for _ in steps:
            pass
        built()

    def gate() -> None:  # a write before the pages: the check started first, then waited for
        import threading
        import time

        if threading.current_thread() is threading.main_thread():
            build()
        while not hasattr(window, "audit_check") and audit.write_gate() is gate:  # a worker's: the GUI thread builds
            time.sleep(0.01)
        if hasattr(window, "audit_check"):
            window.audit_check.wait()  # type: ignore[attr-defined]

    def closed() -> None:  # closed before it was built: nothing waits on it any more
        if audit.write_gate() is gate:
            audit.set_write_gate(None)

    audit.set_write_gate(gate)
    window.destroyed.connect(closed)
    window.show()
    after_first_paint(window, step)
    return window


def after_first_paint(window, step, latest_ms: int = 300) -> None:
    """``step`` from the event loop once ``window`` has been painted (or after ``latest_ms`` when it is not, e.g.
    started minimised), once."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, run)
            return False

    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            window.removeEventFilter(watcher)
            step()

    watcher = Painted(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(latest_ms, run)


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from auditor import logs
    from auditor.errors import AuditorError
    from auditor.opening import open_database
    from auditor.paths import default_db_path

    from . import errors

    logs.configure()
    argv = list(sys.argv if argv is None else argv)
    QCoreApplication.setOrganizationName("auditor")
    QCoreApplication.setApplicationName("auditor")
    app = QApplication.instance() or QApplication(argv)
    db_path = argv[argv.index("--db") + 1] if "--db" in argv[:-1] else default_db_path()
    instance = SingleInstance(db_path)
    if not instance.acquire():
        return 0  # the window already open on this database came forward
    from .fonts import install_app_font
    from .i18n import install_language, tr

    install_app_font(app)
    settings = QSettings()
    install_language(app, str(settings.value("language", "zh_CN")))
    errors.install()
    import os

    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from auditor.storage import is_encrypted

    key = os.environ.get("AUDITOR_DB_KEY") or None
    if key is None and is_encrypted(Path(db_path)):
        key, ok = QInputDialog.getText(None, tr("加密数据库"), tr("数据库口令："), QLineEdit.EchoMode.Password)
        if not ok:
            return 2
    try:
        store = open_database(db_path, key=key)
    except AuditorError as exc:
        QMessageBox.critical(None, tr("无法打开数据库"), str(exc))
        return 2
    window = open_window(store, settings)
    instance.activated.connect(lambda: bring_to_front(window))
    from PySide6.QtCore import QTimer

    if "--smoke-test" in argv:
        window.ready.connect(lambda: QTimer.singleShot(0, lambda: _smoke(app, window)))
    else:
        def welcome() -> None:  # the first time, on an empty database: demo, tour or start
            from .first_start import offer

            offer(window)

        window.ready.connect(lambda: QTimer.singleShot(0, welcome))
    code = app.exec()
    instance.release()
    store.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
