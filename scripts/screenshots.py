"""Take the README's screenshots from the running app, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Uses a throw-away database with a recorded month of each built-in contract.
Chinese is drawn with the app's own font (resources/fonts), so no system font is needed.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from auditor.storage import open_store
    from tests.core.builders import record
    from ui.main_window import MainWindow

    from ui.fonts import install_app_font

    app = QApplication([])
    install_app_font(app)
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.db")
        henan = store.contracts.get("henan-2025")
        record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
               headcount={"frontline": "48.5", "support": 16, "management": 3})
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_contract", "henan-2025")
        settings.setValue("last_month/henan-2025", "2025-10")
        window = MainWindow(store, settings)
        window.resize(1200, 560)
        window.show()
        app.processEvents()
        window.walkthrough.step_list.setCurrentRow(1)
        app.processEvents()
        window.grab().save(str(out / "walkthrough.png"))
        window.tabs.setCurrentIndex(1)
        app.processEvents()
        window.grab().save(str(out / "main-window.png"))
        window.tabs.setCurrentIndex(2)
        app.processEvents()
        window.grab().save(str(out / "payments.png"))
        window.close()
        store.close()
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
