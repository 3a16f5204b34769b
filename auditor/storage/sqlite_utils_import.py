"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas when installed, only to map their column types. We never pass
either, and numpy alone is ~40 ms of the app's start-up (matplotlib installs it), so they are hidden
while sqlite-utils loads; later imports are unaffected.
"""
from __future__ import annotations

import sys
from types import ModuleType


def load() -> ModuleType:
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import numpy` now raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            del sys.modules[name]
    return sqlite_utils
