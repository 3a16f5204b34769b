"""UI language: Simplified Chinese in the source, English from resources/translations/auditor_en.qm.

Strings are marked with :func:`tr`; the English table is written by
``scripts/translations.py`` (a test checks that every marked string has one).
Contract content (indicator names, clauses) and the core's messages stay Chinese.

Qt's own words (OK/Cancel, the file and print dialogs, a line edit's context menu) come from the
translations that ship with PySide6: ``qtbase_zh_CN.qm`` for Chinese. Without it they would be English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from auditor.paths import resources_dir

CONTEXT = "auditor"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
QT_CATALOGS = ("qtbase",)  # the widgets, dialogs and print support all translate from qtbase
_translators: list[QTranslator] = []  # kept alive at module level, as Qt requires


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _install(app, path: str) -> bool:
    translator = QTranslator()
    if not translator.load(path):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def install_language(app, language: str) -> bool:
    """Install the translators for ``language``; return whether the app's own table loaded (Chinese needs
    none). Chinese also loads Qt's zh_CN catalogue, so Qt's standard buttons and dialogs speak Chinese."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        for catalog in QT_CATALOGS:
            _install(app, f"{qt_translations_dir()}/{catalog}_zh_CN.qm")
        return True
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return _install(app, str(resources_dir() / "translations" / f"auditor_{language}.qm"))
