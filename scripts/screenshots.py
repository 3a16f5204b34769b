"""Take the README's screenshots from the running app, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

A throw-away database with henan-2025 recorded from 2025-09 to 2026-02 (some
failures, a staffing shortfall), as seen on 2026-03-12. Chinese is drawn with
the app's own font (resources/fonts), so no system font is needed.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MONTHS = {
    "2025-09": ({"HN-02": {"numerator": 1183, "denominator": 1190}},
                {"frontline": "50", "support": 16, "management": 4}),
    "2025-10": ({"HN-02": {"value": "99"}}, {"frontline": "48.5", "support": 16, "management": 3}),
    "2025-11": ({"HN-01": {"numerator": 41210, "denominator": 43180}},
                {"frontline": "50.2", "support": 16, "management": 4}),
    "2025-12": ({"HN-03": {"numerator": 14, "denominator": 1260}}, {"frontline": "51", "support": 16, "management": 4}),
    "2026-01": ({}, {"frontline": "49.6", "support": 15, "management": 4}),
}


def demo_store(folder: Path):
    from auditor.calendar import Period
    from auditor.service import finalize_month
    from auditor.storage import open_store
    from tests.core.builders import record

    store = open_store(folder / "demo.db")
    henan = store.contracts.get("henan-2025")
    for month, (overrides, headcount) in MONTHS.items():
        record(store, henan, month, overrides, headcount=headcount)
        if month < "2026-01":
            finalize_month(store, henan, Period.parse(month))
    record(store, henan, "2026-02", {"HN-04": None, "HN-09": None, "HN-01": {"value": "96.4"}},
           headcount={"frontline": "50", "support": 16, "management": 4})
    return store


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from auditor.calendar import Period
    from ui.fonts import install_app_font
    from ui.main_window import MainWindow

    app = QApplication([])
    install_app_font(app)
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = demo_store(Path(tmp))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_contract", "henan-2025")
        settings.setValue("last_month/henan-2025", "2025-10")
        window = MainWindow(store, settings, today=dt.date(2026, 3, 12))
        window.resize(1280, 800)
        window.show()
        shots = {"walkthrough": window.walkthrough, "summary": window.summary, "payments": window.payments,
                 "dashboard": window.dashboard}
        window.go_to(Period(2026, 2), "HN-04")
        for name, page in shots.items():
            if name == "summary":
                window.go_to(Period(2025, 10))
            if name == "payments":
                window.payments.view.selectRow(1)
            window.tabs.setCurrentWidget(page)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
        window.close()
        store.close()
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
