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
