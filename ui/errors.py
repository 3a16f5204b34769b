"""The UI's last resort for errors the core did not expect (a bug, a full disk): a Chinese message that
says the action did not complete, never a traceback on screen, and the traceback in the program's log
(``auditor/logs.py``) for whoever supports the inspector.

Bad input is an ``AuditorError``: its own message is the whole explanation, and nothing is logged.
Every page and dialog reports a failed action through :func:`describe` or :func:`warn`; anything
that escapes a slot reaches the hook :func:`install` sets.
"""
from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from auditor import logs
from auditor.errors import AuditorError

from .i18n import tr

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """What to tell the user about an action that failed with ``exc``; an unexpected error is logged first."""
    if isinstance(exc, AuditorError):
        return str(exc)
    record(type(exc), exc, exc.__traceback__)
    return tr("内部错误：{name}").format(name=type(exc).__name__) + _where()


def warn(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """The failed action's message in a warning box titled ``title`` (未导入, 未生成…)."""
    QMessageBox.warning(parent, title, describe(exc))


def record(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """The traceback into the log (the worker's, when the error came from a background thread)."""
    log.error("unexpected %s", kind.__name__, exc_info=(kind, value, tb))


def install() -> None:
    """Make an error nothing caught (in a slot, a timer) show a dialog and go to the log, not to a console."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        record(kind, value, tb)
        QMessageBox.critical(None, tr("内部错误"),
                             tr("程序遇到意外错误（{name}），当前操作未完成，已保存的数据不受影响。").format(name=kind.__name__)
                             + _where())

    sys.excepthook = hook


def _where() -> str:
    path = logs.current_file()
    return "\n" + tr("详情已记录在 {path}").format(path=path) if path is not None else ""
