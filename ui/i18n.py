"""UI language: Simplified Chinese in the source, English from resources/translations/auditor_en.qm.

Strings are marked with :func:`tr`; the English table is written by
``scripts/translations.py`` (a test checks that every marked string has one).
Contract content (indicator names, clauses) and the core's messages stay Chinese.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from auditor.paths import resources_dir

CONTEXT = "auditor"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_translators: list[QTranslator] = []  # kept alive at module level, as Qt requires


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install_language(app, language: str) -> bool:
    """Install the translator for ``language`` (``zh_CN`` needs none); return whether it loaded."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return True
    translator = QTranslator()
    if not translator.load(str(resources_dir() / "translations" / f"auditor_{language}.qm")):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True
