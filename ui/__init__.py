"""The Qt application. Importing it first makes None immortal on CPython 3.11 (see ``_keep_none``)."""
from __future__ import annotations

import sys


def _keep_none() -> None:
    """PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing. CPython 3.12+ never
    frees None (it is immortal); 3.11 does, and aborts with "deallocating None" after ~13,000 such calls —
    minutes of real use. On 3.11 None's count is raised far beyond any session's calls, which is what 3.12's
    immortality does (tests/ui/test_qt_binding.py runs 50,000 calls)."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none()
