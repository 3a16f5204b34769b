"""Windows that fit the screen they open on: a 1366×768 laptop, or 1920×1080 at 150 % (1280×720 logical).

The usable area is the screen's available geometry (the taskbar already left out) less the window's title
bar, which Qt's client geometry does not include. A window asks for its usual size and gets at most that
area, placed inside it; a saved geometry from a larger screen is brought back onto this one.
"""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 32  # logical pixels of a window's title bar and frame (Windows 10/11, GNOME, at any scale)
MARGIN = 8


def usable_area(widget: QWidget) -> QRect | None:
    """Where a window's client area may lie: the available geometry less a title bar at the top."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return area.adjusted(0, TITLE_BAR, 0, 0)


def fit_window(widget: QWidget, width: int, height: int, center: bool = False) -> None:
    """``width`` × ``height``, or less on a small screen. A dialog is then placed by Qt over its window
    (inside the screen); ``center`` places a main window in the middle of the usable area."""
    area = usable_area(widget)
    if area is None:
        widget.resize(width, height)
        return
    minimum = widget.minimumSizeHint()
    width = max(min(width, area.width() - 2 * MARGIN), min(minimum.width(), area.width()))
    height = max(min(height, area.height() - MARGIN), min(minimum.height(), area.height()))
    widget.resize(width, height)
    if center:
        widget.move(area.left() + (area.width() - width) // 2, area.top() + (area.height() - height) // 2)


def keep_on_screen(widget: QWidget) -> None:
    """Shrink a window larger than the usable area and move it back inside (a geometry saved on another
    screen, a dialog grown by its contents)."""
    area = usable_area(widget)
    if area is None:
        return
    geometry = widget.geometry()
    width, height = min(geometry.width(), area.width()), min(geometry.height(), area.height())
    if (width, height) != (geometry.width(), geometry.height()):
        widget.resize(width, height)
    x = min(max(geometry.x(), area.left()), area.right() + 1 - width)
    y = min(max(geometry.y(), area.top()), area.bottom() + 1 - height)
    if (x, y) != (geometry.x(), geometry.y()):
        widget.move(x, y)
