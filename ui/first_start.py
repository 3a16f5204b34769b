"""The first start, and the 帮助 menu: 使用手册 (F1), 新手导览, 示例数据.

On an empty database the first time, a welcome offers the demo database (in a window of its own, the
user's records untouched), a short tour, or to start at once. A demo database says so in its window's
title and in a banner at the top, so nothing entered there is taken for an agency's records.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from auditor.operations import demo

from . import errors
from .feedback import say
from .i18n import tr

log = logging.getLogger(__name__)
DEMO_NAME = "示例数据.db"


def demo_path(window) -> Path:
    """Beside the user's database (same folder), never in place of it."""
    from auditor.paths import default_db_path

    base = Path(window.store.path).parent if window.store.path is not None else default_db_path().parent
    return base / DEMO_NAME


def launch(path: Path) -> bool:
    """Another window of the program on ``path`` (a process of its own: each window has one database)."""
    from PySide6.QtCore import QProcess

    if getattr(sys, "frozen", False):
        return QProcess.startDetached(sys.executable, ["--db", str(path)])[0]
    return QProcess.startDetached(sys.executable, ["-m", "ui.app", "--db", str(path)],
                                  str(Path(__file__).resolve().parent.parent))[0]


def open_demo(window, wait: bool = False, start: Callable[[Path], bool] = launch) -> Path | None:
    """Build the demo database on a worker (the first time), then open it in a window of its own."""
    if demo.is_demo(window.store):
        say(window, tr("当前窗口已是示例数据"))
        return None
    path = demo_path(window)

    def opened(_value=None) -> None:
        if start(path):
            say(window, tr("已在新窗口中打开示例数据：{path}").format(path=path))
        else:
            QMessageBox.warning(window, tr("示例数据"), tr("无法启动新窗口；可用 --db {path} 打开。").format(path=path))

    if path.exists():
        opened()
        return path

    def work(progress, cancelled):
        from auditor.storage import open_store

        progress(0.1, tr("正在生成示例数据…"))
        store = open_store(path)
        try:
            return demo.build(store).value
        finally:
            store.close()

    def failed(exc: BaseException) -> None:
        path.unlink(missing_ok=True)
        errors.warn(window, tr("未生成示例数据"), exc)

    from .workers import run_with_progress

    run_with_progress(window, tr("正在生成示例数据…"), work, opened, failed)
    if wait:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()
    return path


def start_tour(window):
    from .tour import Tour

    window.tour = Tour(window)
    window.tour.start()
    return window.tour


def mark_demo(window) -> None:
    """A demo database's window says so, in its title and above everything else."""
    if not demo.is_demo(window.store):
        return
    window.setWindowTitle(tr("【示例数据】") + window.windowTitle())
    banner = QLabel(tr("这是示例数据库：其中的合同月份、人员和问题都是虚构的，只供试用，不是正式的考核记录。"))
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #fcf3cf; color: #7d6608; padding: 6px; border: 1px solid #f4d03f;")
    banner.setToolTip(str(window.store.path or ""))
    window.demo_banner = banner
    window.centralWidget().layout().insertWidget(0, banner)


def install(window) -> None:
    """The 帮助 menu, and the demo's marks."""
    from .help import open_help
    from .keys import HELP, make_action

    menu = window.menuBar().addMenu(tr("帮助"))
    menu.addAction(make_action(window, tr("使用手册"), HELP, lambda: open_help(window), tr("本页的使用说明")))
    menu.addAction(make_action(window, tr("新手导览"), (), lambda: start_tour(window),
                               tr("逐一指出窗口中的主要部分")))
    menu.addAction(make_action(window, tr("示例数据"), (), lambda: open_demo(window),
                               tr("在新窗口中打开示例数据库试用（与正式数据分开）")))
    mark_demo(window)


class WelcomeDialog(QDialog):
    """The first start: the demo, the tour, or straight to work."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("欢迎使用"))
        self.choice = ""
        text = QLabel(tr("这是 12345 热线服务合同履约考核程序。每月：逐项录入考核指标，导入乙方报送的人员与薪资文件，"
                         "到现场抽查，定稿后起草并签发整改通知书和各类文书。\n\n"
                         "第一次使用，可以先打开示例数据试一试（在新窗口中，与正式数据分开），或看一遍新手导览。"
                         "随时按 F1 查看使用手册。"))
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        for key, label, tip in (("demo", tr("打开示例数据"), tr("在新窗口中打开虚构的示例数据库试用")),
                                ("tour", tr("新手导览"), tr("逐一指出窗口中的主要部分")),
                                ("start", tr("直接开始"), tr("关闭本窗口，开始使用")) ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            buttons.addWidget(button)
            setattr(self, f"{key}_button", button)
        self.start_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        from .fit import fit_window

        fit_window(self, 560, 220)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def is_empty(store) -> bool:
    return not any(store.months.statuses(contract_id) for contract_id in store.contracts.ids())


def offer(window, settings=None) -> str:
    """On the first start with an empty database: the welcome, and what was chosen ('' when not shown)."""
    settings = settings or window.settings
    if str(settings.value("welcomed", "")) == "1" or not is_empty(window.store) or demo.is_demo(window.store):
        return ""
    settings.setValue("welcomed", "1")
    dialog = WelcomeDialog(window)
    dialog.exec()
    if dialog.choice == "demo":
        open_demo(window)
    elif dialog.choice == "tour":
        start_tour(window)
    return dialog.choice
