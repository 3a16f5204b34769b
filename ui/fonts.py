"""The interface font: the system's own Chinese sans, as Chinese desktop software uses it.

Windows has Microsoft YaHei UI, macOS PingFang SC, Linux Noto Sans CJK SC or WenQuanYi; only a machine
with none of them gets the shipped sans (Auditor Hei, with Auditor Song behind it for rarer characters).
Song is the documents' face (GB/T 9704), never the interface's.
"""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from auditor.paths import resources_dir

# Preferred first; whichever the machine has wins.
SYSTEM_SANS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
               "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
               "Droid Sans Fallback")
SHIPPED = ("AuditorHei-Regular.ttf", "AuditorSong-Regular.ttf")  # the fallback sans, then Song for rare characters


def system_cjk_sans() -> str | None:
    """The first of :data:`SYSTEM_SANS` the font database knows, or None."""
    known = set(QFontDatabase.families())
    return next((family for family in SYSTEM_SANS if family in known), None)


def _shipped_families() -> list[str]:
    families = []
    for name in SHIPPED:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)[:1]
    return families


def install_app_font(app: QApplication, point_size: float | None = None) -> str | None:
    """Make the system CJK sans (else the shipped one) the application's font; return the family used.

    The size is the platform's own (9 pt on Windows) unless ``point_size`` says otherwise."""
    family = system_cjk_sans()
    families = [family] if family else _shipped_families()
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies(families)
    size = point_size or font.pointSizeF()
    font.setPointSizeF(size if size > 0 else 10.0)
    app.setFont(font)
    return families[0]
