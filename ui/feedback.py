"""Telling the inspector what just happened, and asking before what cannot be undone.

Every finished action leaves a line in the window's status bar (``say``); an irreversible one (定稿,
已整改, a file replacing the one imported before, 标记已签) is confirmed first in a box whose buttons
name the act, with 取消 as the default so a stray Enter changes nothing (``confirm``).
"""
from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from .i18n import tr

SHOWN_MS = 10000


def say(widget: QWidget | None, text: str, ms: int = SHOWN_MS) -> None:
    """``text`` in the status bar of the main window ``widget`` is on (nothing when it is on none)."""
    window = widget.window() if widget is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)
    elif window is not None and isinstance(window.parent(), QWidget):
        say(window.parent(), text, ms)  # a dialog: its main window's status bar


def confirm(parent: QWidget | None, title: str, text: str, act: str, detail: str = "") -> bool:
    """Ask before an act that cannot be taken back; True only when the button naming ``act`` was pressed."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    yes = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setObjectName("confirm")
    box.exec()
    return box.clickedButton() is yes
