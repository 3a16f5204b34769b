"""Keyboard: the window's shortcuts work while a text field has the focus, and every one is shown.

A QLineEdit claims Ctrl+Z, Ctrl+Shift+Z and Ctrl+←/→ for itself (its own undo, word moves) through a
``ShortcutOverride`` event, so a window action with the same keys never fires while the inspector types
a figure, which is nearly always. :class:`WindowKeys` refuses those claims inside the main window (its
dialogs keep their fields' own keys), and the actions carry the keys into the menus and tooltips.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from .i18n import tr

UNDO = ("Ctrl+Z",)
REDO = ("Ctrl+Shift+Z", "Ctrl+Y")
PREVIOUS_MONTH, NEXT_MONTH = ("Ctrl+Left",), ("Ctrl+Right",)
PREVIOUS_ITEM, NEXT_ITEM = ("Ctrl+Up",), ("Ctrl+Down",)
HELP = ("F1",)


ARROWS = {"Left": "←", "Right": "→", "Up": "↑", "Down": "↓"}


def shown(keys: Iterable[str]) -> str:
    """「Ctrl+Shift+Z / Ctrl+Y」, 「Ctrl+←」: arrows drawn, not named."""
    texts = []
    for key in keys:
        *mods, last = key.split("+")
        texts.append("+".join([*mods, ARROWS.get(last, last)]))
    return " / ".join(texts)


def with_keys(text: str, keys: Iterable[str]) -> str:
    """A tooltip that names its keys: 「撤销上一步录入（Ctrl+Z）」."""
    return f"{text}（{shown(keys)}）"


def set_keys(action: QAction, keys: Iterable[str], tip: str | None = None) -> QAction:
    """The keys on the action (the first is what the menu shows) and in its tooltip."""
    keys = tuple(keys)
    action.setShortcuts([QKeySequence(k) for k in keys])
    text = tip or action.text().replace("&", "")
    action.setToolTip(with_keys(text, keys) if keys else text)
    return action


def make_action(parent: QObject, text: str, keys: Iterable[str], slot: Callable[[], object],
                tip: str | None = None) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(lambda _=False: slot())
    return set_keys(action, keys, tip)


class WindowKeys(QObject):
    """Lets the window's own shortcuts win over a text field of that window; dialogs are left alone."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.keys: set[QKeySequence] = set()
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(lambda *_: self._remove())

    def claim(self, actions: Iterable[QAction]) -> None:
        for action in actions:
            self.keys.update(action.shortcuts())

    def _remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(obj, QWidget):
            return False
        try:
            ours = obj.window() is self.window
        except RuntimeError:  # the window is being destroyed
            return False
        if ours and QKeySequence(event.keyCombination()) in self.keys:
            event.ignore()  # not the field's: the shortcut map now finds the window's action
            return True
        return False


def step_month(window, delta: int) -> None:
    """The month before or after the one shown (the walk-through follows the month box)."""
    box = window.month_box
    index = box.currentIndex() + delta
    if 0 <= index < box.count():
        box.setCurrentIndex(index)
        window.statusBar().showMessage(tr("已转到 {month}").format(month=box.currentText()), 4000)


def step_item(window, delta: int) -> None:
    window.tabs.setCurrentWidget(window.walkthrough)
    window.walkthrough.move(delta)


def install(window) -> WindowKeys:
    """The 转到 menu (months, items, pages) and the undo keys, all working while a field has the focus."""
    set_keys(window.undo_action, UNDO, tr("撤销上一步录入"))
    set_keys(window.redo_action, REDO, tr("重做刚撤销的录入"))
    menu = window.menuBar().addMenu(tr("转到"))
    actions = [make_action(window, tr("上一月"), PREVIOUS_MONTH, lambda: step_month(window, -1)),
               make_action(window, tr("下一月"), NEXT_MONTH, lambda: step_month(window, 1)),
               make_action(window, tr("上一项"), PREVIOUS_ITEM, lambda: step_item(window, -1), tr("逐项录入的上一项")),
               make_action(window, tr("下一项"), NEXT_ITEM, lambda: step_item(window, 1), tr("逐项录入的下一项"))]
    for action in actions[:2]:
        menu.addAction(action)
    menu.addSeparator()
    for action in actions[2:]:
        menu.addAction(action)
    menu.addSeparator()
    for index in range(min(window.tabs.count(), 9)):
        page = window.tabs.widget(index)
        action = make_action(window, window.tabs.tabText(index), (f"Ctrl+{index + 1}",),
                             lambda p=page: window.tabs.setCurrentWidget(p))
        menu.addAction(action)
        window.tabs.setTabToolTip(index, action.toolTip())
    window.go_actions = actions
    keeper = WindowKeys(window)
    keeper.claim([window.undo_action, window.redo_action, *actions])
    window.month_box.setToolTip(with_keys(tr("考核月份"), PREVIOUS_MONTH + NEXT_MONTH))
    return keeper
