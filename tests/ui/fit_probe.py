"""Run in a child process on a screen of a given size (offscreen ``configfile``, ``QT_SCALE_FACTOR``): opens
the main window on a month with data, then every dialog of the app, and prints one JSON line per window
with its geometry, its minimum size and the screen's available geometry (test_day_fit.py checks them).

    QT_QPA_PLATFORM=offscreen:configfile=screen.json QT_SCALE_FACTOR=1.5 python -m tests.ui.fit_probe DIR
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def report(name: str, widget: QWidget, **extra) -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    geometry, minimum = widget.geometry(), widget.minimumSizeHint()
    area = (widget.screen() or app.primaryScreen()).availableGeometry()
    print(json.dumps({"name": name, "x": geometry.x(), "y": geometry.y(), "w": geometry.width(),
                      "h": geometry.height(), "min_w": minimum.width(), "min_h": minimum.height(),
                      "screen": [area.x(), area.y(), area.width(), area.height()], **extra},
                     ensure_ascii=False), flush=True)


def shown(name: str, dialog: QWidget, **extra) -> None:
    dialog.show()
    report(name, dialog, **extra)
    dialog.close()


def main(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    app = QApplication([])
    from auditor.calendar import Period
    from auditor.operations import personnel as personnel_ops
    from auditor.payroll import RecordsDiff
    from tests.core.builders import inspector
    from tests.core.test_personnel import ROSTER, write_xlsx
    from tests.ui.helpers import finalised_october
    from ui.fonts import install_app_font
    from ui.i18n import install_language

    install_app_font(app)
    install_language(app, "zh_CN")
    from auditor.storage import open_store
    from ui.main_window import MainWindow

    store = open_store(folder / "fit.db")
    finalised_october(store)
    inspector(store)
    personnel_ops.import_file(store, "henan-2025", Period(2025, 10), "roster",
                              write_xlsx(folder / "名单.xlsx", ROSTER), dt.date(2025, 10, 8))
    settings = QSettings(str(folder / "fit.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_contract", "henan-2025")
    settings.setValue("last_month/henan-2025", "2025-10")
    today = dt.date(2025, 11, 17)
    window = MainWindow(store, settings, today=today)
    window.show()
    window.tabs.setCurrentWidget(window.dashboard)
    for _ in range(200):  # the charts are drawn on a worker: measure with them in place
        app.processEvents()
        if getattr(window.dashboard, "_canvases", None):
            break
        import time

        time.sleep(0.05)
    report("主窗口", window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        report(f"主窗口·{window.tabs.tabText(index)}", window)
    window.tabs.setCurrentWidget(window.personnel)
    notes = [edit.width() for edit in window.personnel.duty_notes.values()]
    char = window.personnel.fontMetrics().horizontalAdvance("检")
    report("保密义务检查情况", window, note_chars=min(notes) / char if notes else 0)

    contract = store.contracts.get("henan-2025")
    october = Period(2025, 10)
    from ui.dialogs.column_map import ColumnMapDialog, RememberedColumnsDialog
    from ui.dialogs.documents import DocumentsDialog
    from ui.dialogs.identity import IdentityDialog
    from ui.dialogs.reimport import ReimportDialog
    from ui.dialogs.trust import TrustDialog
    from ui.dialogs.verify import VerifyDialog
    from ui.pages.notices import DraftDialog, IssueDialog, ReceiveDialog, RectifiedDialog, StepDialog

    shown("起草整改通知书", DraftDialog(store, contract, october, "李全奇、王行宇", window, today))
    shown("签发", IssueDialog("豫政数整改〔2025〕1号", today, window))
    shown("签收", ReceiveDialog(today, window))
    shown("已整改", RectifiedDialog("豫政数整改〔2025〕1号", today, window))
    shown("核验关闭", StepDialog("核验关闭", "核验人", "", today, "关闭", window))
    shown("检查人员签名", IdentityDialog(store, contract.party_a.name, window))
    shown("信任与证书", TrustDialog(store, contract.party_a.name, window))
    shown("核验文书签名", VerifyDialog(store, window))
    shown("指定表头", ColumnMapDialog(["name", "gross", "net", "id_number", "employee_no"],
                                  [f"第{n}列很长的表头名称" for n in range(30)], contract.party_b.name, window,
                                  "payroll", "2025年10月工资表（乙方报送）.xlsx"))
    shown("表头对应", RememberedColumnsDialog([("payroll", f"表头{n}", "gross") for n in range(40)],
                                          contract.party_b.name, window))
    many = tuple(f"人员{n}（4101**********{n:04d}）" for n in range(80))
    diff = RecordsDiff(many, many[:20], tuple((who, (("应发工资", "5200.00", "5300.00"),)) for who in many[:40]))
    shown("替换已导入的文件", ReimportDialog("工资表", "工资表-旧.xlsx", "工资表-新.xlsx", diff, window))
    installments = [window.payments.model.row_object(n) for n in range(window.payments.model.rowCount())]
    shown("文书", DocumentsDialog(store, contract.id, october, installments, "score-sheet", 1, today, window))
    try:
        from ui.dialogs.approvals import ApprovalsDialog

        shown("甲方同意与节假日安排", ApprovalsDialog(store, contract, window))
    except ImportError:
        pass
    try:
        from ui.pages.payments import PaymentDialog

        shown("登记付款", PaymentDialog(installments[0], window))
    except ImportError:
        pass
    box = QMessageBox(QMessageBox.Icon.Question, "本月定稿", "定稿 2025年10月？", QMessageBox.StandardButton.NoButton,
                      window)
    box.setInformativeText("定稿后本月结果和问题固定下来，撤销记录清空；此后修改须说明理由重新打开。")
    box.addButton("定稿", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    shown("确认", box)
    from auditor.operations.documents import score_sheet
    from ui.pdf_preview import PdfPreviewDialog

    shown("预览", PdfPreviewDialog(score_sheet(store, contract.id, "2025-10").value.pdf, "考核评分表", "x.pdf", window))
    extra = getattr(sys.modules[__name__], "EXTRA", None)
    if extra:
        extra(window)
    window.close()
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
