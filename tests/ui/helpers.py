"""A main window over a real database file, opened on a given contract and month."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from auditor.storage import open_store
from ui.main_window import MainWindow


def open_window(qtbot, tmp_path, contract: str = "henan-2025", month: str = "2025-10", today=None, prepare=None,
                name: str = "ui.db", show: bool = True) -> MainWindow:
    """``prepare(store)`` runs before the window opens (to record months, finalise…)."""
    store = open_store(tmp_path / name)
    if prepare is not None:
        prepare(store)
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_contract", contract)
    settings.setValue(f"last_month/{contract}", month)
    window = MainWindow(store, settings, today=today)
    qtbot.addWidget(window)
    if show:
        window.show()
    return window


def finalised_october(store) -> None:
    """henan 2025-10 recorded and finalised: HN-02 at 99 % and three persons short (¥258,720.00 deducted)."""
    from auditor.calendar import Period
    from auditor.service import finalize_month
    from tests.core.builders import record

    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, Period(2025, 10))


def answer(button: str, times: int = 1) -> list[str]:
    """Press ``button`` in the next ``times`` modal boxes (confirmations, questions) as each shows, the way a
    user would; returns the texts the boxes asked, for the test to check."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

    asked: list[str] = []

    def press(left: int) -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, lambda: press(left))
            return
        asked.append(box.text() if isinstance(box, QMessageBox) else box.windowTitle())
        match = [b for b in box.findChildren(QAbstractButton) if b.text() == button]
        if match:
            match[0].click()
        else:  # never leave a test hanging on a box: close it, and let the test see what it asked
            asked.append(f"no button {button!r}")
            box.close()
        if left > 1:
            QTimer.singleShot(0, lambda: press(left - 1))

    QTimer.singleShot(0, lambda: press(times))
    return asked


def when_shown(kind: type, act) -> list:
    """Run ``act(dialog)`` on the next modal dialog of class ``kind`` as soon as it shows, the way a user
    fills it in and presses its button; returns the dialogs seen, for the test to check."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog)
        try:
            act(dialog)
        except BaseException:
            dialog.reject()  # never leave a test hanging on a box the act could not fill in
            raise

    QTimer.singleShot(0, look)
    return seen


def press(dialog, text: str) -> None:
    """Click the button labelled ``text`` in ``dialog``."""
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text() == text]
    assert buttons, f"no button {text!r} in {dialog.windowTitle()}"
    buttons[0].click()
