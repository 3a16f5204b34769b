"""The monthly walk-through, driven by keyboard over a real database (henan-2025, 2025-10)."""
import pytest
from PySide6.QtCore import Qt

from auditor.calendar import Period
from ui.pages.walkthrough import STATUS_MARK

from .helpers import answer, open_window


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path)
    yield win
    win.store.close()


def type_and_enter(qtbot, widget, text):
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest can only type Latin-1; Chinese arrives through the input method
        widget.insert(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_whole_month_by_keyboard(qtbot, window):
    page = window.walkthrough
    # October is not a quarter-closing month: HN-02, 03, 04, 06, 08, 09 and staffing are due
    # grouped: indicators, then staffing, then payroll/social insurance and confidentiality (on their own pages)
    assert page.steps == ["HN-02", "HN-03", "HN-04", "HN-06", "HN-08", "HN-09", "__staffing__", "__personnel__",
                          "__confidentiality__", "__deadlines__"]
    assert page.current_code() == "HN-02"
    type_and_enter(qtbot, page.value, "99")                 # 99% < 100% → fails, 1% = ¥64,680.00
    assert page.step_list.item(0).text().startswith(STATUS_MARK[page.result.item("HN-02").status])
    assert page.result.item("HN-02").status.value == "fail"
    assert "¥64,680.00" in page.month_total.text()
    assert page.current_code() == "HN-03"
    page.mode.setCurrentIndex(page.mode.findData("ratio"))                          # ratio: 12 / 1200 = 1.00% ≤ 1%
    qtbot.keyClicks(page.numerator, "12")
    type_and_enter(qtbot, page.denominator, "1200")
    assert page.result.item("HN-03").status.value == "pass"
    for text in ("100", "0", "100", "100%"):                 # HN-04, HN-06 (incidents), HN-08, HN-09
        editor = page.incidents if page.current_code() == "HN-06" else page.value
        type_and_enter(qtbot, editor, text)
    assert page.current_code() == "__staffing__"
    assert not page.finalize_button.isEnabled()
    page.role_edits["frontline"].setText("48.5")
    page.role_edits["support"].setText("16")
    type_and_enter(qtbot, page.role_edits["management"], "3")
    # 第七条2: 2 + 1 persons short = 3% = ¥194,040.00; with HN-02 the month deducts ¥258,720.00
    assert "¥258,720.00" in page.month_total.text()
    assert page.progress.value() == page.progress.maximum() == 7
    assert page.finalize_button.isEnabled()
    answer("定稿")                                           # the confirmation, answered as a user would
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    assert window.store.months.status("henan-2025", Period(2025, 10)) == "final"
    assert not page.editor.isEnabled()
    # #2: 2,587,200.00 − 258,720.00, less September's and November's due items and HN-06 deducted as failed
    # while they are not entered (16 × 1% = 1,034,880.00, provisional)
    assert window.payments.model.index(1, 6).data() == "¥1,293,600.00"
    assert window.payments.model.index(1, 7).data() == "暂估"


def test_bad_value_is_explained_and_not_saved(qtbot, window):
    page = window.walkthrough
    before = window.store.content_digest()
    type_and_enter(qtbot, page.value, "一百")
    assert "不是数字" in page.message.text()
    assert page.current_code() == "HN-02"
    type_and_enter(qtbot, page.value, "100.5")
    assert "0 至 100" in page.message.text()
    assert window.store.content_digest() == before


def test_exempt_needs_a_reason(qtbot, window):
    page = window.walkthrough
    page.mode.setCurrentIndex(page.mode.findData("exempt"))
    type_and_enter(qtbot, page.reason, "")
    assert "理由" in page.message.text()
    type_and_enter(qtbot, page.reason, "系统割接，甲方书面同意免考")
    assert page.result.item("HN-02").status.value == "exempt"


def test_status_marks_are_in_the_shipped_font():
    from fontTools.ttLib import TTFont

    from auditor.paths import resources_dir

    cmap = TTFont(str(resources_dir() / "fonts" / "AuditorHei-Regular.ttf"))["cmap"].getBestCmap()  # the UI fallback
    assert all(ord(mark) in cmap for mark in "".join(STATUS_MARK.values()))
