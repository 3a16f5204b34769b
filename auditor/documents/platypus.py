"""reportlab.platypus, imported without its 23 ms pattern.

Importing ``reportlab.platypus`` imports its paragraph module, which compiles at import a case-insensitive
pattern for web addresses over the range ``\\xa1-\\uffff`` (``uri_pat``): 23 ms of every process that makes a
document, a tenth of a signed score sheet's, for a pattern only a paragraph with links uses (ours have none).
While that one module is imported, the patterns it compiles are made on first use instead: an object that
compiles its pattern when any attribute is asked of it (``uri_pat.match``), so the module behaves the same.
Nothing else is touched: a pattern compiled elsewhere in the meantime (another thread) is compiled as usual.
"""
from __future__ import annotations

import re
import sys
import threading
from typing import Any

_MODULE = "reportlab.platypus.paragraph"
_lock = threading.Lock()


class OnFirstUse:
    """A pattern compiled when it is first used."""

    __slots__ = ("_compiled", "_compile", "_pattern", "_flags")

    def __init__(self, compile_: Any, pattern: Any, flags: Any) -> None:
        self._compile, self._pattern, self._flags = compile_, pattern, flags
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._compile(self._pattern, self._flags)
        return getattr(compiled, name)


def load() -> None:
    """Import reportlab.platypus (once), its paragraph module's patterns compiled on first use."""
    if _MODULE in sys.modules:
        return
    with _lock:
        if _MODULE in sys.modules:
            return
        compile_now = re.compile

        def compile_(pattern: Any, flags: Any = 0) -> Any:
            if sys._getframe(1).f_globals.get("__name__") == _MODULE:
                return OnFirstUse(compile_now, pattern, flags)
            return compile_now(pattern, flags)

        re.compile = compile_
        try:
            import reportlab.platypus  # noqa: F401
        finally:
            re.compile = compile_now


load()

from reportlab.platypus import Flowable  # noqa: E402 — after load()

__all__ = ["Flowable", "OnFirstUse", "load"]
