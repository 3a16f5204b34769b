"""人员与薪资 and 现场抽查 with real widgets: imports on the worker, reconciliation, a spot check by keyboard."""
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from auditor.calendar import Period
from tests.core.test_personnel import IDS, ROSTER, write_csv, write_xlsx

from .helpers import answer, open_window

OCT = Period(2025, 10)


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path)
    yield win
    win.store.close()


def test_import_reconcile_and_commitments(qtbot, window, tmp_path):
    page = window.personnel
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    page.today = dt.date(2025, 10, 20)
    page.received.setDate(QDate(2025, 10, 12))
    page.import_kind("roster", str(write_xlsx(tmp_path / "名单.xlsx", ROSTER)), wait=True)
    qtbot.waitUntil(lambda: "2025-10-12" in page.kind_labels["roster"].text(), timeout=5000)
    assert "名单.xlsx，5 行" in page.kind_labels["roster"].text()     # five persons; the blank row is skipped
    assert "一线员工 3.00" in page.figures.text()
    payroll = write_csv(tmp_path / "工资.csv", [["姓名", "身份证号", "应发工资", "实发工资"],
                                              ["张伟", IDS[0], 5200, 4500]])
    page.import_kind("payroll", str(payroll), wait=True)
    qtbot.waitUntil(lambda: "工资.csv" in page.kind_labels["payroll"].text(), timeout=5000)
    findings = page.reconcile()
    types = {f.type for f in findings}
    assert "not_in_payroll" in types
    # October's files were due (5 Oct, 10 Nov) before the signing on 2025-11-17: neither late nor missing
    assert not types & {"late_submission", "missing_submission"}
    model = page.findings_model
    assert model.rowCount() == len(findings)
    assert all(IDS[n] not in model.index(r, 2).data() for r in range(model.rowCount()) for n in range(8))
    before = page.unsigned.count()
    page.unsigned.item(0).setSelected(True)
    asked = answer("标记已签")
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert asked == ["记录以下 1 人已签署保密承诺？"]
    assert page.unsigned.count() == before - 1
    page.duty_boxes["data_laws"].setCurrentIndex(page.duty_boxes["data_laws"].findData("gap"))
    assert any(f.key == "data_laws" for f in window.store.findings.list("henan-2025", OCT))


def test_spot_check_by_keyboard_alone(qtbot, window, tmp_path):
    from auditor.personnel import import_file

    henan = window.store.contracts.get("henan-2025")
    import_file(window.store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER), dt.date(2025, 10, 3))
    page = window.spot_check
    window.tabs.setCurrentWidget(page)
    page.place.setText("运营中心二楼")
    page.inspectors.setText("李全奇、王行宇")
    assert page.start(dt.datetime(2025, 10, 9, 10, 0))
    # no schedule: the whole active roster — 张伟, 王芳, 李娜 (until 10-15), 刘洋, 陈静
    assert len(page.entries) == 5
    qtbot.keyClicks(page.search, "A001")                 # 张伟 by employee number
    qtbot.keyClick(page.search, Qt.Key.Key_Return)       # → 在岗
    qtbot.keyClicks(page.search, "A002")
    qtbot.keyClick(page.search, Qt.Key.Key_F2)           # 王芳 → 请假
    qtbot.keyClicks(page.search, "B001")
    qtbot.keyClick(page.search, Qt.Key.Key_F3)           # 李娜 → 缺岗
    qtbot.keyClicks(page.search, "M001")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)       # 刘洋 → 在岗
    status = {e.name: e.status for e in page.entries}
    assert status == {"张伟": "present", "王芳": "leave", "李娜": "absent", "刘洋": "present", "陈静": "unmarked"}
    assert "一线员工：在岗 1/50，请假 1，缺岗 0，未核 1" in page.counts.text()
    assert "运营支撑人员：在岗 0/16，请假 0，缺岗 1" in page.counts.text()
    assert "管理人员：在岗 1/4" in page.counts.text()
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert "抽查不达标" in page.result.text() and "李娜 缺岗" in page.result.text()
    assert window.store.personnel.failed_spot_checks("henan-2025") == 1


def test_unknown_columns_are_mapped_in_a_dialog(qtbot, window, tmp_path, monkeypatch):
    page = window.personnel
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    asked = []

    def answer(error):
        asked.append((error.missing, error.headers))
        return {"人员": "name", "本月应得": "gross", "到手": "net"}

    monkeypatch.setattr(page, "ask_columns", answer)
    path = write_xlsx(tmp_path / "p.xlsx", [["人员", "本月应得", "到手"], ["张伟", 5200, 4500]])
    page.import_kind("payroll", str(path), wait=True)
    qtbot.waitUntil(lambda: "p.xlsx" in page.kind_labels["payroll"].text(), timeout=5000)
    assert asked == [(["name", "gross", "net"], ["人员", "本月应得", "到手"])]


def test_reveal_asks_a_reason_and_logs(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from auditor.personnel import import_file

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    henan = window.store.contracts.get("henan-2025")
    import_file(window.store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER), dt.date(2025, 10, 3))
    window.tabs.setCurrentWidget(window.personnel)
    window.personnel.today = dt.date(2025, 10, 20)
    findings = window.personnel.reconcile()
    row = next(n for n, f in enumerate(findings) if f.type == "departure_unapproved" or f.id_number)
    number = window.personnel.reveal(row, reason="核对离职手续")
    assert number == findings[row].id_number and number in shown[0]
    assert window.store.db.execute("SELECT reason FROM id_reveals").fetchone()[0] == "核对离职手续"
