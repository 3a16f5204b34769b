"""Import and compute a 100,000-order month of work orders (issue 16), next to a bare python-calamine read of
the same .xlsx, each in a fresh process (time, and the peak memory the process itself reached: /proc's
VmHWM); where the import's time goes, each step timed alone; then the month's view and the term's scores
with several months imported. Every figure is printed next to the calamine read of the same run.

    python benchmarks/bench_workorders.py [--orders 100000] [--months 3]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.workorder_files import month_of_orders, write_raw_xlsx  # noqa: E402

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
mode, path, db = sys.argv[1:4]
if mode == "read":
    from python_calamine import CalamineWorkbook
    started = time.perf_counter()
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    took = time.perf_counter() - started
    count = len(rows) - 1
else:
    from pathlib import Path
    from auditor.calendar import Period
    from auditor.operations.workorders import import_file
    from auditor.storage import open_store
    store = open_store(db)
    started = time.perf_counter()
    count = import_file(store, "henan-2025", Period.parse(sys.argv[4]), Path(path)).value.orders
    took = time.perf_counter() - started
    store.close()
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(count, took, hwm // 1024)
"""


def child(mode: str, path: Path, db: Path, period: str = "2025-10") -> tuple[int, float, int]:
    done = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(path), str(db), period],
                          capture_output=True, text=True, check=True)
    count, took, peak = done.stdout.split()[-3:]
    return int(count), float(took), int(peak)


def best(runs: list[tuple[int, float, int]]) -> tuple[int, float, int]:
    return min(runs, key=lambda r: r[1])


def steps(path: Path, empty: Path, runs: int) -> list[tuple[str, float]]:
    """The import's steps, each the fastest of ``runs``: the safety scan, the rest of reading (calamine, merged
    cells, blank rows), checking every cell, computing the items, storing (the whole import less the others)."""
    from auditor import imports
    from auditor.calendar import Period
    from auditor.operations.workorders import import_file
    from auditor.storage import open_store
    from auditor.workorders import compute, read_orders

    period = Period(2025, 10)

    def fastest(work: Callable[[], Any]) -> tuple[float, Any]:
        times, result = [], None
        for _ in range(runs):
            started = time.perf_counter()
            result = work()
            times.append(time.perf_counter() - started)
        return min(times), result

    scan, _ = fastest(lambda: imports._scan_xlsx(path))
    reading, _ = fastest(lambda: imports.read_rows(path))
    checking, parsed = fastest(lambda: read_orders(path, period))
    db = path.with_name("steps.db")
    shutil.copy(empty, db)
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    computing, _ = fastest(lambda: compute(henan, period, {period: parsed.orders}, store.calendar()))
    whole, _ = fastest(lambda: import_file(store, "henan-2025", period, path))
    store.close()
    return [("the XML safety scan", scan), ("calamine's read, merged cells, blank rows", reading - scan),
            ("checking every cell", checking - reading),
            ("computing the items", computing), ("storing (orders packed, evidence, results, findings)",
                                                 whole - checking - computing)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        path = write_raw_xlsx(folder / "2025-10.xlsx", month_of_orders(options.orders))
        print(f"{options.orders:,} orders written to {path.name} ({path.stat().st_size / 2**20:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        from auditor.storage import open_store

        empty = folder / "empty.db"
        open_store(empty).close()
        reads, imports = [], []
        for n in range(options.runs):
            reads.append(child("read", path, empty))
            db = folder / f"run{n}.db"
            shutil.copy(empty, db)
            imports.append(child("import", path, db))
        count, read_s, read_mb = best(reads)
        orders, import_s, import_mb = best(imports)
        assert count == orders == options.orders, (count, orders)
        print(f"python-calamine read: {read_s:.2f} s, peak {read_mb} MB (baseline)")
        print(f"import + compute (read, check every cell, compute, store in one transaction with the file as "
              f"evidence): {import_s:.2f} s = {import_s / read_s:.2f}× the bare read (target ≤ 2×), "
              f"peak {import_mb} MB = {import_mb / read_mb:.2f}× the bare read's {read_mb} MB")
        print("where the import's time goes (each step timed alone in this process, best of "
              f"{options.runs}): " + "; ".join(f"{what} {spent:.2f} s = {spent / read_s:.2f}×"
                                               for what, spent in steps(path, empty, options.runs)))

        # a year in use: several months imported, then what the app reads on every refresh
        db = folder / "year.db"
        shutil.copy(empty, db)
        from auditor.calendar import Period

        period = Period(2025, 9)
        for n in range(options.months):
            month = write_raw_xlsx(folder / f"{period}.xlsx",
                                   month_of_orders(options.orders, period.year, period.month, seed=n))
            child("import", month, db, str(period))
            period = period.next()
        store = open_store(db)
        henan = store.contracts.get("henan-2025")
        from auditor.service import term_results
        from auditor.workorder_service import month_view

        started = time.perf_counter()
        views = month_view(store, henan, Period(2025, 9))
        view_s = time.perf_counter() - started
        started = time.perf_counter()
        term_results(store, henan)
        term_s = time.perf_counter() - started
        store.close()
        size = db.stat().st_size / 2**20
        print(f"{options.months} months of {options.orders:,} orders imported: database {size:.1f} MB "
              f"(the export itself {path.stat().st_size / 2**20:.1f} MB); a month's view ({len(views)} items with "
              f"their failing orders) {view_s * 1000:.0f} ms = {view_s / read_s:.3f}× the bare read, the term's "
              f"scores {term_s * 1000:.0f} ms = {term_s / read_s:.3f}×")


if __name__ == "__main__":
    main()
