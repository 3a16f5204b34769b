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
