"""English is selectable: every marked UI string has a translation, and the window shows it."""
import ast
import importlib.util
from pathlib import Path

from PySide6.QtCore import QSettings

from auditor.storage import open_store
from ui.i18n import install_language, tr
from ui.pages.dashboard import STATE_STYLE

ROOT = Path(__file__).resolve().parents[2]


def _english_table() -> dict:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EN


def _marked_strings() -> set[str]:
    from auditor.imports import KIND_LABELS
    from auditor.personnel import DUTY_STATUSES
    from auditor.staffing import SPOT_STATUSES

    found = {label for _, label in STATE_STYLE.values()}
    from auditor.imports import FIELD_LABELS

    found |= set(KIND_LABELS.values()) | set(DUTY_STATUSES.values()) | set(SPOT_STATUSES.values())
    from auditor.notices import STATUS_LABELS

    found |= set(FIELD_LABELS.values()) | set(STATUS_LABELS.values())
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_marked_string_has_an_english_translation():
    missing = sorted(_marked_strings() - set(_english_table()))
    assert not missing, missing


def test_the_compiled_table_is_up_to_date():
    ts = (ROOT / "resources" / "translations" / "auditor_en.ts").read_text(encoding="utf-8")
    assert all(f"<source>{s}</source>" in ts for s in _english_table() if "&" not in s and "<" not in s)


def test_window_in_english(qapp, qtbot, tmp_path):
    assert install_language(qapp, "en")
    try:
        assert tr("付款核算") == "Payments"
        from ui.main_window import MainWindow

        store = open_store(tmp_path / "en.db")
        window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == ["Dashboard", "Walk-through", "Month summary", "Payments", "Rectification notices",
                          "Staff & payroll", "Spot check", "Work orders", "Contracts"]
        assert window.walkthrough.accept_button.text() == "Accept and next"
        store.close()
    finally:
        install_language(qapp, "zh_CN")
    assert tr("付款核算") == "付款核算"
