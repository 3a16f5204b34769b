"""新手导览: a few steps that point at the parts of the window a month's work goes through, each framed in
orange with a short note beside it; 上一步 / 下一步 / 结束, and Esc ends it."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import tr

# (the widget to point at, the page to show first or None, title, text)
Step = tuple[Callable[[object], QWidget], str | None, str, str]


def steps() -> list[Step]:
    return [
        (lambda w: w.contract_box, None, tr("合同"),
         tr("先选择要考核的合同。合同的条款、指标和付款约定都在“合同”页中，可从模板新建或导入合同文件。")),
        (lambda w: w.month_box, None, tr("月份"),
         tr("再选择月份。月份前的圆点表示状态：绿色已定稿，橙色录入中，红色逾期未定稿。Ctrl+← / Ctrl+→ 切换月份。")),
        (lambda w: w.walkthrough.step_list, "walkthrough", tr("逐项录入"),
         tr("本月应考核的各项按顺序列在这里。右侧录入实测值，回车保存并进入下一项，结论立即显示。")),
        (lambda w: w.walkthrough.finalize_button, "walkthrough", tr("定稿"),
         tr("全部录入后定稿：结果和问题固定下来。定稿前会请您确认。")),
        (lambda w: w.personnel.import_buttons["roster"], "personnel", tr("乙方报送的文件"),
         tr("导入人员名单、工资表、五险一金和转账记录，再点“核对”：差异记为本月问题。")),
        (lambda w: w.spot_check.start_button, "spot_check", tr("现场抽查"),
         tr("在现场逐人核对：输入几个字找到人员，回车在岗，F2 请假，F3 缺岗。缺岗和名单外人员记为问题。")),
        (lambda w: w.notices.buttons["draft"], "notices", tr("整改通知书"),
         tr("以本月问题起草通知书，签名签发后跟踪签收、整改和核验关闭；逾期的标红。")),
        (lambda w: w.menuBar(), None, tr("文书与帮助"),
         tr("“文书”菜单（Ctrl+P）预览并签发评分表、付款核算单和抽查记录，或打印空白现场检查表。"
            "随时按 F1 打开本页的使用说明。")),
    ]


class Highlight(QWidget):
    """An orange frame drawn over the window around the widget being explained (clicks pass through)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def frame(self, target: QWidget) -> None:
        corner = target.mapTo(self.parentWidget(), QPoint(0, 0))
        self.setGeometry(QRect(corner, target.size()).adjusted(-4, -4, 4, 4))
        self.show()
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#e67e22"), 3))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 6, 6)


class Tour(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window, Qt.WindowType.Tool)
        self.window_ = window
        self.steps = steps()
        self.index = 0
        self.setWindowTitle(tr("新手导览"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.counter = QLabel()
        self.back = QPushButton(tr("上一步"))
        self.back.setToolTip(tr("回到上一步"))
        self.forward = QPushButton(tr("下一步"))
        self.forward.setToolTip(tr("看下一步"))
        self.forward.setDefault(True)
        self.done_button = QPushButton(tr("结束导览"))
        self.done_button.setToolTip(tr("结束导览（Esc）；可随时从“帮助”菜单再看"))
        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addStretch(1)
        for button in (self.back, self.forward, self.done_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.setFixedWidth(380)
        self.highlight = Highlight(window)
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.forward.clicked.connect(lambda: self.go(self.index + 1))
        self.done_button.clicked.connect(self.close)
        self.finished.connect(lambda _r: self.highlight.hide())

    def start(self) -> None:
        self.show()
        self.go(0)

    def target(self) -> QWidget:
        return self.steps[self.index][0](self.window_)

    def go(self, index: int) -> None:
        if index >= len(self.steps):
            self.close()
            return
        self.index = max(index, 0)
        getter, page, title, text = self.steps[self.index]
        if page is not None:
            self.window_.tabs.setCurrentWidget(getattr(self.window_, page))
        target = getter(self.window_)
        self.title.setText(title)
        self.text.setText(text)
        self.counter.setText(f"{self.index + 1}/{len(self.steps)}")
        self.back.setEnabled(self.index > 0)
        self.forward.setText(tr("完成") if self.index == len(self.steps) - 1 else tr("下一步"))
        self.adjustSize()
        self.highlight.frame(target)
        self._place_beside(target)

    def _place_beside(self, target: QWidget) -> None:
        """Below the target if there is room, else above; always inside the screen."""
        screen = (self.window_.screen() or self.screen()).availableGeometry()
        corner = target.mapToGlobal(QPoint(0, target.height() + 12))
        x = min(max(corner.x(), screen.left()), screen.right() - self.width())
        y = corner.y()
        if y + self.height() > screen.bottom():
            y = target.mapToGlobal(QPoint(0, 0)).y() - self.height() - 12
        self.move(x, max(y, screen.top() + 32))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.highlight.hide()
        super().closeEvent(event)
