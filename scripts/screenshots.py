"""Take the screenshots of every page from the running app, offscreen, on two screens:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

* a 1366×768 laptop (docs/screenshots/<page>-1366x768.png; the README's four shots are these too), and
* 1920×1080 at 150 % (docs/screenshots/<page>-150pct.png), 1280×720 logical pixels.

Each screen is a child process on the offscreen platform with that screen (``configfile``, the taskbar
left out) and scale (``QT_SCALE_FACTOR``). A throw-away database with henan-2025 recorded from 2025-09 to
2026-02 (some failures, a staffing shortfall), its January roster imported and reconciled, a failed spot
check, and a notice issued; seen on 2026-03-12. The interface font is the system's CJK sans, as in the app.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MONTHS = {
    "2025-09": ({"HN-02": {"numerator": 1183, "denominator": 1190}},
                {"frontline": "50", "support": 16, "management": 4}),
    "2025-10": ({"HN-02": {"value": "99"}}, {"frontline": "48.5", "support": 16, "management": 3}),
    "2025-11": ({"HN-01": {"numerator": 41210, "denominator": 43180}},
                {"frontline": "50.2", "support": 16, "management": 4}),
    "2025-12": ({"HN-03": {"numerator": 14, "denominator": 1260}}, {"frontline": "51", "support": 16, "management": 4}),
    "2026-01": ({}, {"frontline": "49.6", "support": 15, "management": 4}),
}
SCREENS = {"1366x768": (1366, 768 - 40, 1.0), "150pct": (1920, 1080 - 60, 1.5)}
PAGES = {"dashboard": "dashboard", "walkthrough": "walkthrough", "summary": "summary", "payments": "payments",
         "notices": "notices", "personnel": "personnel", "spot_check": "spot-check", "workorders": "workorders",
         "contracts_page": "contracts"}
TODAY = dt.date(2026, 3, 12)


def demo_store(folder: Path, notices_too: bool = True):
    """``notices_too``: October's notice issued and January's drafted (scripts/render_docs.py issues its own)."""
    from auditor import notices
    from auditor.calendar import Period
    from auditor.operations import personnel as personnel_ops
    from auditor.operations.demo import _roster
    from auditor.service import finalize_month
    from auditor.staffing import SpotEntry
    from auditor.storage import open_store
    from tests.core.builders import inspector, record

    store = open_store(folder / "demo.db")
    henan = store.contracts.get("henan-2025")
    for month, (overrides, headcount) in MONTHS.items():
        record(store, henan, month, overrides, headcount=headcount)
        if month < "2026-01":
            finalize_month(store, henan, Period.parse(month))
    record(store, henan, "2026-02", {"HN-04": None, "HN-09": None, "HN-01": {"value": "96.4"}},
           headcount={"frontline": "50", "support": 16, "management": 4})
    january = Period(2026, 1)
    roster = _roster(henan, january, {"frontline": 49, "support": 15, "management": 4},
                     folder / "2026年1月人员名单.xlsx")
    personnel_ops.import_file(store, henan.id, january, "roster", roster, dt.date(2026, 2, 12))
    personnel_ops.reconcile(store, henan.id, january, TODAY)
    check = personnel_ops.start_spot_check(store, henan.id, dt.datetime(2026, 1, 20, 10, 0), "运营中心二楼",
                                           "李全奇、王行宇").value
    for n, entry in enumerate(store.personnel.spot_entries(check)):
        status = "absent" if n in (4, 17) else "leave" if n == 9 else "present"
        personnel_ops.mark(store, henan.id, check, SpotEntry(entry.key, entry.name, entry.employee_no, entry.role,
                                                              True, status))
    personnel_ops.finish_spot_check(store, henan.id, check)
    if not notices_too:
        return store
    identity = inspector(store)
    draft = notices.draft(store, henan, Period(2025, 10), inspection_date=dt.date(2025, 11, 3),
                          place=henan.service_place, inspectors="李全奇、王行宇")
    notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
    notices.draft(store, henan, january, inspection_date=dt.date(2026, 1, 20), place=henan.service_place,
                  inspectors="李全奇、王行宇")
    return store


def shoot(out: Path, suffix: str) -> None:
    """In a child process on the screen named by ``suffix``: every page, and the README's shots at 1366."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from auditor.calendar import Period
    from ui.fit import fit_window
    from ui.fonts import install_app_font
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    app = QApplication([])
    install_app_font(app)
    install_language(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        store = demo_store(Path(tmp))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_contract", "henan-2025")
        settings.setValue("last_month/henan-2025", "2025-10")
        window = MainWindow(store, settings, today=TODAY)
        window.personnel.today = TODAY
        window.personnel.received.setDate(TODAY)
        fit_window(window, 4000, 4000, center=True)   # as large as the usable screen allows
        window.show()

        def settle() -> None:
            import time

            for _ in range(40):
                app.processEvents()
                time.sleep(0.02)

        for attr, name in PAGES.items():
            page = getattr(window, attr, None)
            if page is None:
                continue
            if attr == "walkthrough":
                window.go_to(Period(2026, 2), "HN-04")
            elif attr in ("personnel", "spot_check"):
                window.go_to(Period(2026, 1))
            else:
                window.go_to(Period(2025, 10))
            window.tabs.setCurrentWidget(page)  # shown first: a page is read when it is shown
            if attr == "payments":
                window.payments.view.selectRow(1)
            if attr == "spot_check":
                window.spot_check.history.select_where(lambda c: True)
                window.spot_check.reopen()
            if attr == "personnel":
                window.personnel.reconcile()
            settle()
            window.grab().save(str(out / f"{name}-{suffix}.png"))
            if suffix == "1366x768" and name in ("walkthrough", "summary", "payments", "dashboard"):
                window.grab().save(str(out / f"{name}.png"))
        window.tabs.setCurrentWidget(window.summary)
        from ui.documents import open_dialog

        dialog = open_dialog(window)
        settle()
        dialog.grab().save(str(out / f"documents-dialog-{suffix}.png"))
        dialog.close()
        window.close()
        store.close()


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 2 and sys.argv[1] == "--screen":
        shoot(out, sys.argv[2])
        return
    for suffix, (width, height, scale) in SCREENS.items():
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "screen.json"
            config.write_text(json.dumps({"screens": [{"name": suffix, "x": 0, "y": 0, "width": width,
                                                       "height": height, "logicalDpi": 96, "dpr": 1}]}))
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--screen", suffix], env=env, check=True)
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
