"""Load the shipped Chinese font so the app never depends on the system's fonts."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from auditor.paths import resources_dir

FONT_FILE = "AuditorSong-Regular.ttf"


def install_app_font(app: QApplication, point_size: float = 10.0) -> str | None:
    """Register the bundled font and make it the application's default; return its family."""
    path = resources_dir() / "fonts" / FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSizeF(point_size)
    app.setFont(font)
    return family
