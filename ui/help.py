"""F1: the Chinese manual (docs/manual.md) in the app, opened at the section of the page in front.

The manual is the same Markdown file the repository shows; the app splits it at its ``## `` headings into
a table of contents and renders the chosen section (Qt's Markdown). The installer ships it beside the
resources (build_installer.spec).
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from .i18n import tr

# the page (MainWindow attribute) → its section of the manual
PAGE_SECTIONS = {"dashboard": "仪表盘", "walkthrough": "逐项录入", "summary": "月度汇总", "payments": "付款核算",
                 "notices": "整改通知书", "personnel": "人员与薪资", "spot_check": "现场抽查",
                 "workorders": "工单记录", "contracts_page": "合同"}


def manual_path() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root / "docs" / "manual.md"


def sections(text: str) -> list[tuple[str, str]]:
    """(title, Markdown) of each ``## `` section; what comes before the first is the manual's own title."""
    found: list[tuple[str, str]] = []
    for part in text.split("\n## ")[1:]:
        title, _, body = part.partition("\n")
        found.append((title.strip(), f"# {title.strip()}\n{body}"))
    return found


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("使用手册"))
        try:
            text = manual_path().read_text(encoding="utf-8")
        except OSError:
            text = "\n## " + tr("使用手册") + "\n" + tr("找不到使用手册文件（docs/manual.md）。")
        self.parts = sections(text)
        self.contents = QListWidget()
        self.contents.setToolTip(tr("手册的各节；单击查看"))
        self.contents.addItems([title for title, _ in self.parts])
        self.contents.setMaximumWidth(max(self.contents.sizeHintForColumn(0) + 24, 140))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setToolTip(tr("手册内容；可选中文字复制"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, 1)
        self.contents.currentRowChanged.connect(self._show)
        from .fit import fit_window

        fit_window(self, 900, 640)
        self.contents.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.parts):
            self.browser.setMarkdown(self.parts[row][1])

    def show_section(self, title: str) -> bool:
        titles = [t for t, _ in self.parts]
        if title not in titles:
            return False
        self.contents.setCurrentRow(titles.index(title))
        return True


def open_help(window) -> HelpDialog:
    """The manual at the section of the page in front (one window, brought forward again)."""
    dialog = getattr(window, "help_dialog", None)
    if dialog is None:
        dialog = HelpDialog(window)
        window.help_dialog = dialog
    page = window.tabs.currentWidget()
    name = next((attr for attr in PAGE_SECTIONS if getattr(window, attr, None) is page), None)
    if name is None or not dialog.show_section(PAGE_SECTIONS[name]):
        dialog.show_section("快速开始")
    dialog.show()
    dialog.raise_()
    return dialog
