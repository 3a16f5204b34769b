"""The first window, driven offscreen with real widgets over a real database."""
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QSettings

from auditor.storage import open_store
from tests.core.builders import record
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    store = open_store(tmp_path / "ui.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_contract", "henan-2025")
    settings.setValue("last_month/henan-2025", "2025-10")
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.summary)
    yield win
    store.close()


def test_month_shows_failure_and_its_deduction(window):
    model = window.summary.items_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    row = rows["HN-02"]
    assert model.index(row, 4).data() == "不达标"
    assert model.index(row, 5).data() == "¥64,680.00"
    # 第七条2: 一线 48.5 → 2 short, 管理 3 → 1 short: 3% = ¥194,040.00, shown beside the item's 1%
    assert "本月扣减 ¥258,720.00" in window.summary.totals.text()
    assert "人员缺口 ¥194,040.00" in window.summary.totals.text()


def test_payments_show_the_deduction(window):
    model = window.payments.model
    assert model.rowCount() == 4
    # 2,587,200.00 − 258,720.00; September and November, not entered, deduct their 16 due items and HN-06 as
    # failed in the provisional figure (1,034,880.00)
    assert model.index(1, 6).data() == "¥1,293,600.00" and model.index(1, 7).data() == "暂估"


def test_switching_contract_lists_its_months(window):
    window.contract_box.setCurrentIndex(window.contract_box.findData("luoyang-2025"))
    assert window.month_box.count() == 12
    assert window.summary.items_model.rowCount() == 24


def test_models_pass_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.summary.items_model)
    qtmodeltester.check(window.payments.model)
    qtmodeltester.check(window.payments.deductions_model)


def test_startup_imports_no_heavy_library(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from auditor.storage import open_store
        from ui.main_window import MainWindow
        w = MainWindow(open_store({str(tmp_path / 's.db')!r}))
        w.show(); app.processEvents()
        heavy = [m for m in ("matplotlib", "reportlab", "pyhanko", "openpyxl") if m in sys.modules]
        print(",".join(heavy))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "HOME": str(tmp_path)})
    assert out.stdout.strip() == ""


def test_shipped_font_draws_chinese_without_system_fonts(tmp_path):
    # a bare machine: fontconfig sees no system font, so every glyph must come from resources/fonts
    (tmp_path / "fonts.conf").write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{tmp_path}/none</dir>"
        f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    code = textwrap.dedent("""
        from PySide6.QtGui import QColor, QFont, QImage, QPainter
        from PySide6.QtWidgets import QApplication
        from ui.fonts import install_app_font
        app = QApplication([])
        family = install_app_font(app)
        font = QFont(family)
        font.setPixelSize(40)
        def ink(text):
            img = QImage(60, 60, QImage.Format.Format_Grayscale8)
            img.fill(255)
            p = QPainter(img); p.setFont(font); p.setPen(QColor(0, 0, 0)); p.drawText(5, 45, text); p.end()
            return bytes(img.constBits())
        absent = ink("\u2252")  # ≒ is not in the font: what a missing glyph looks like
        missing = "".join(ch for ch in "整改通知书知识库壹贰叁℃Ⅴ〔〕¥≤≥" if ink(ch) == absent or min(ink(ch)) > 100)
        print(family, missing)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
                              "PATH": "", "HOME": str(tmp_path)})
    assert out.stdout.split("\n")[0] == "Auditor Hei "   # family, then no character that failed to draw


def test_a_hidden_page_is_read_when_it_is_shown_and_shows_the_month_then(window, tmp_path):
    """A month change reads only the page on the screen: the personnel page (a 2,000-person roster to decode)
    is filled when its tab is next shown, with the month chosen meanwhile."""
    from auditor.calendar import Period
    from auditor.personnel import import_file
    from tests.core.test_personnel import ROSTER, write_xlsx

    import_file(window.store, window.store.contracts.get("henan-2025"), Period.parse("2025-11"), "roster",
                write_xlsx(tmp_path / "名单.xlsx", ROSTER), Period.parse("2025-11").first_day)
    window.go_to(Period.parse("2025-11"))                   # shows the walk-through; the personnel page waits
    assert window.personnel.period is None                  # never shown: never read
    window.tabs.setCurrentWidget(window.personnel)
    assert window.personnel.period == Period.parse("2025-11")
    assert "名单.xlsx，5 行" in window.personnel.kind_labels["roster"].text()
