"""A henan month as an inspector does it, through the window's widgets, counting every keystroke and click:
the indicators and staffing in the walk-through, the operator's five files imported and reconciled, the
spot check on the floor, the month finalised, a notice drafted, issued, previewed and printed.

Shared by tests/ui/test_day_henan_month.py (which checks what each step leaves behind) and
benchmarks/bench_day.py (which measures the longest GUI-thread stall of each step). Each step is an action
that sends the events, and a test of when its work (on a worker, for some) is done.

Not counted, because no test can drive them: the five file dialogs (pick the file: a double-click each)
and the print dialog's 打印 button; the spot check's clock (set here to a moment in October; on the floor
it is now, which the page fills in).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtTest import QTest

from auditor.calendar import Period

OCT = Period(2025, 10)
TODAY = dt.date(2025, 11, 17)
RECEIVED = dt.date(2025, 11, 8)


@dataclass
class Count:
    keys: int = 0
    clicks: int = 0
    steps: dict[str, tuple[int, int]] = field(default_factory=dict)
    between: Callable[[], object] | None = None  # the benchmark lets the event loop run between two events

    def _after(self) -> None:
        if self.between is not None:
            self.between()

    def type(self, widget, text: str) -> None:
        QTest.keyClicks(widget, text)
        self.keys += len(text)
        self._after()

    def key(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(widget, key, modifier)
        self.keys += 1
        self._after()

    def click(self, widget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.clicks += 1
        self._after()


def active(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    QApplication.processEvents()


@dataclass(frozen=True)
class Step:
    name: str
    act: Callable[[], None]
    done: Callable[[], bool]


def files(folder: Path) -> dict[str, Path]:
    """The operator's October files: five persons on the roster; 王芳's 住房公积金 left blank (not paid)."""
    from tests.core.test_personnel import IDS, ROSTER, write_csv, write_xlsx

    payroll = [["姓名", "身份证号码", "应发合计", "实发金额"], ["张伟", IDS[0], 5200, 4500],
               ["王芳", IDS[1], 4000, 3600], ["李娜", IDS[2], 3000, 2600], ["刘洋", IDS[3], 9000, 7600],
               ["陈静", IDS[4], 4200, 3700]]
    insurance = [["姓名", "证件号码", "基本养老", "医疗（含生育）", "失业", "工伤", "公积金"],
                 *[[r[0], r[1], 400, 200, 10, 5, 300 if r[0] != "王芳" else ""] for r in payroll[1:]]]
    transfers = [["户名", "收款账号", "交易金额"],
                 *[[r[0], f"62220000111{n:05d}", r[3]] for n, r in enumerate(payroll[1:])]]
    schedule = [["姓名", "日期", "班次", "开始时间", "结束时间"],
                *[[r[0], "2025-10-20", "白班", "08:00", "17:00"] for r in ROSTER[1:] if r[0]]]
    return {"roster": write_xlsx(folder / "10月人员名单.xlsx", ROSTER),
            "schedule": write_xlsx(folder / "10月排班表.xlsx", schedule),
            "payroll": write_xlsx(folder / "10月工资表.xlsx", payroll),
            "insurance": write_csv(folder / "10月五险一金.csv", insurance, "gbk"),
            "transfers": write_csv(folder / "10月转账记录.csv", transfers)}


def steps(window, folder: Path, count: Count, printed: Path) -> list[Step]:
    from ui.pages.notices import DraftDialog, IssueDialog

    from .helpers import when_shown

    w, page = window, window.walkthrough
    paths = files(folder)

    def entries() -> None:
        count.key(page.value, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)      # 逐项录入 (Ctrl+2)
        for text in ("99", "1", "100", "0", "100", "100"):                           # HN-02, 03, 04, 06, 08, 09
            field_ = page.incidents if page.current_code() == "HN-06" else page.value
            count.type(field_, text)
            count.key(field_, Qt.Key.Key_Return)
        edits = page.role_edits
        for key, text in (("frontline", "48.5"), ("support", "16"), ("management", "3")):
            count.type(edits[key], text)
            count.key(edits[key], Qt.Key.Key_Tab if key != "management" else Qt.Key.Key_Return)

    def imports() -> None:
        count.key(w.focusWidget() or w, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # 人员与薪资
        p = w.personnel
        p.received.setFocus()
        p.received.setCurrentSection(p.received.sectionAt(0))
        count.type(p.received, RECEIVED.strftime("%Y%m%d"))                          # 收到日期 20251108
        for kind, path in paths.items():
            count.clicks += 1                                 # 导入…, whose file dialog no test can drive:
            p.import_kind(kind, str(path))                    # the file it would pick

    def imported() -> bool:
        return all(path.name in w.personnel.kind_labels[kind].text() for kind, path in paths.items())

    def reconcile() -> None:
        count.click(w.personnel.reconcile_button)

    def spot_check() -> None:
        count.key(w.focusWidget() or w, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # 现场抽查
        s = w.spot_check
        s.when.setDateTime(QDateTime(QDate(2025, 10, 20), QTime(10, 0)))             # on the floor: now
        count.click(s.start_button)
        for text, key in (("A001", Qt.Key.Key_Return), ("A002", Qt.Key.Key_F2), ("M001", Qt.Key.Key_Return),
                          ("A003", Qt.Key.Key_F3)):                        # on the 白班: 李娜 left on the 15th
            count.type(s.search, text)
            count.key(s.search, key)
        count.click(s.finish_button)

    def finalise() -> None:
        from .helpers import answer

        count.key(w.focusWidget() or w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        answer("定稿")
        count.click(page.finalize_button)
        count.clicks += 1                                                             # the confirmation's 定稿

    def draft_and_issue() -> None:
        from .helpers import press

        active(w)  # the window manager gives it back after the confirmation; offscreen Qt does not
        count.key(w.focusWidget() or w, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # 整改通知书
        assert w.tabs.currentWidget() is w.notices  # Ctrl+5 showed the page (it is read when shown)
        when_shown(DraftDialog, lambda dialog: (press(dialog, "起草"), setattr(count, "clicks", count.clicks + 1)))
        count.click(w.notices.buttons["draft"])

        def sign(dialog: IssueDialog) -> None:
            from tests.core.builders import PASS

            count.type(dialog.passphrase, PASS.decode())
            press(dialog, "签发")
            count.clicks += 1

        when_shown(IssueDialog, sign)
        count.click(w.notices.buttons["issue"])

    def issued() -> bool:
        notice = w.notices.selected()
        return notice is not None and notice.status == "issued"

    def print_it() -> None:
        count.click(w.notices.buttons["preview"])  # the PDF is read and readied on a worker, then shown

    def start_printing(preview) -> None:
        from PySide6.QtPrintSupport import QPrinter

        count.clicks += 2                                   # 打印… and the print dialog's 打印 (Qt's: not driven)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        w.notices.preview_shown = preview
        preview.print_on_worker(printer)                    # as 打印 does it: on a worker

    def printed_() -> bool:
        from ui.pdf_preview import PdfPreviewDialog

        preview = getattr(w.notices, "preview_shown", None)
        if preview is None:
            shown = [d for d in w.notices.findChildren(PdfPreviewDialog) if d.isVisible()]
            if shown:
                start_printing(shown[0])
            return False
        if preview is None or not getattr(preview, "printed", 0):
            return False
        w.notices.printed_pages = preview.printed
        preview.close()
        return True

    return [Step("逐项录入（6 项指标与人员配置）", entries, lambda: page.current_code() == "__personnel__"),
            Step("导入 5 份乙方文件", imports, imported),
            Step("核对", reconcile, lambda: w.personnel.findings_model.rowCount() > 0),
            Step("现场抽查 4 人", spot_check, lambda: w.spot_check.result.text() != ""),
            Step("定稿", finalise, lambda: w.store.months.status("henan-2025", OCT) == "final"),
            Step("起草并签发整改通知书", draft_and_issue, issued),
            Step("预览并打印通知书", print_it, printed_)]
