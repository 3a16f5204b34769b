"""How often fontTools parses a font, and how long a signed score sheet takes, warm, in one process.

    .venv/bin/python scripts/measure_fonts.py

Counts every ``fontTools.ttLib.TTFont`` construction (with the file it read) during one warm render+sign
of a month's score sheet with its chart annex, then times five more (median).
"""
from __future__ import annotations

import collections
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from fontTools import ttLib

    from auditor.documents import service as docs
    from scripts.screenshots import demo_store
    from tests.core.builders import inspector

    opened: collections.Counter[str] = collections.Counter()
    original = ttLib.TTFont.__init__

    def counting(self, file=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        name = getattr(file, "name", file)
        opened[Path(str(name)).name if isinstance(name, str | Path) else type(file).__name__] += 1
        return original(self, file, *args, **kwargs)

    ttLib.TTFont.__init__ = counting  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        store = demo_store(Path(tmp))
        identity = inspector(store)
        day = dt.date(2025, 11, 17)

        def sheet() -> bytes:
            return docs.score_sheet(store, "henan-2025", "2025-10", identity, on=day).pdf

        sheet()
        first = dict(opened)
        opened.clear()
        sheet()
        warm = dict(opened)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            sheet()
            times.append(time.perf_counter() - started)
        store.close()
    print(f"fontTools TTFont constructions, first signed score sheet in the process: {sum(first.values())} {first}")
    print(f"fontTools TTFont constructions, each later one: {sum(warm.values())} {warm}")
    print(f"signed score sheet with charts, warm, median of 5: {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
