"""How the costs grow with the data: one table of start-up, audit checks, an import and a document at 0, 1 and 3
years (benchmarks/data.py: 2 contracts × 2,000 persons), each with its baseline from the same run. The README's
growth table is this script's output.

    .venv/bin/python benchmarks/bench_growth.py
"""
from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 3


def median_of(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def checks(db: Path) -> tuple[float, float]:
    """(start-up check before the first paint, full check) in seconds, the checkpoint kept by the first full one."""
    from auditor import anchors, audit
    from auditor.storage import open_store

    store = open_store(db)
    try:
        full = median_of(lambda: audit.verify_full(store.db, store.path))
        point = anchors.checkpoint(store.db, store.path)
        quick = median_of(lambda: audit.verify_since(store.db, store.path, point))
    finally:
        store.close()
    return quick, full


def one_import(db: Path, years: int, folder: Path) -> tuple[float, float]:
    """(import + reconcile of the next month's four 2,000-person files, reading the same files with
    python-calamine) in seconds."""
    from python_calamine import CalamineWorkbook

    from auditor.calendar import Period
    from auditor.personnel import import_file, reconcile_month
    from auditor.storage import open_store
    from benchmarks.data import CONTRACTS, START, _people_files

    period = Period(*START).shift(years * 12) if years < 3 else Period(*START).shift(35)
    folder.mkdir(parents=True, exist_ok=True)
    files = _xlsx(_people_files(folder, period))
    read = median_of(lambda: [CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
                              for p in files.values()])
    store = open_store(db)
    try:
        contract = store.contracts.get(CONTRACTS[1][1])

        def month() -> None:
            for kind, path in files.items():
                import_file(store, contract, period, kind, path, period.first_day.replace(day=9))
            reconcile_month(store, contract, period, period.first_day.replace(day=20))

        month()  # once to warm the imports up; the second replaces the month's files, as a corrected delivery would
        started = time.perf_counter()
        month()
        spent = time.perf_counter() - started
    finally:
        store.close()
    return spent, read


def _xlsx(files: dict[str, Path]) -> dict[str, Path]:
    """The operator's files as .xlsx (what operators send), written once with openpyxl."""
    import csv

    from openpyxl import Workbook

    out = {}
    for kind, path in files.items():
        workbook = Workbook()
        sheet = workbook.active
        with path.open(encoding="utf-8") as source:
            for row in csv.reader(source):
                sheet.append(row)
        out[kind] = path.with_suffix(".xlsx")
        workbook.save(out[kind])
    return out


def document(db: Path, years: int) -> float:
    """A signed score sheet with its chart annex, in process, once one was made (the app's case)."""
    from auditor.calendar import Period
    from auditor.documents import service as docs
    from auditor.service import finalize_month
    from auditor.storage import open_store
    from benchmarks.data import CONTRACTS, START
    from tests.core.builders import inspector, record

    store = open_store(db)
    try:
        contract_id = CONTRACTS[0][1]
        month = Period(*START).shift(max(years * 12 - 1, 0))
        if years == 0:
            record(store, store.contracts.get(contract_id), str(month))
            finalize_month(store, store.contracts.get(contract_id), month)
        identity = inspector(store, name=f"检查员{years}")
        on = month.next().first_day + dt.timedelta(days=1)
        docs.score_sheet(store, contract_id, str(month), identity, on=on)
        return median_of(lambda: docs.score_sheet(store, contract_id, str(month), identity, on=on))
    finally:
        store.close()


def main() -> None:
    from benchmarks.bench_startup import APP, BARE, measure, run, settings_for
    from benchmarks.data import YEARS, fresh_copy, size_mb

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["AUDITOR_STATE_DIR"] = str(folder / "state")
        os.environ["AUDITOR_LOG_DIR"] = str(folder / "logs")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc: never time the compiler
        bare = statistics.median(times[0] for times in measure(BARE, env=env, runs=5))
        for years in YEARS:
            # each its own anchors: the three databases share one identity (each grew from the smaller one)
            os.environ["AUDITOR_STATE_DIR"] = env["AUDITOR_STATE_DIR"] = str(folder / f"state-{years}")
            db = fresh_copy(years, folder)
            env["XDG_CONFIG_HOME"] = str(settings_for(folder, years))
            run(APP, str(db), "settle", env=env)
            starts = measure(APP, str(db), "paint", env=env, runs=5)
            paint = statistics.median(times[0] for times in starts)
            ready = statistics.median(times[1] for times in starts)
            quick, full = checks(db)
            imported, read = one_import(db, years, folder / f"files-{years}")
            signed = document(db, years)
            rows.append((years, size_mb(db), paint, ready, quick, full, imported, read, signed))
    print(f"bare PySide6 window (baseline of the first paint, same run): {bare * 1000:.0f} ms")
    print("| data | database | first paint (× bare window) | ready | start-up check | full check (worker) | "
          "import + reconcile of a 2,000-person month (× calamine read) | signed score sheet, warm |")
    print("|---|---|---|---|---|---|---|---|")
    for years, mb, paint, ready, quick, full, imported, read, signed in rows:
        print(f"| {years} years | {mb:.0f} MB | {paint * 1000:.0f} ms ({paint / bare:.1f}×) | {ready * 1000:.0f} ms | "
              f"{quick * 1000:.1f} ms | {full * 1000:.0f} ms | {imported * 1000:.0f} ms ({imported / read:.1f}×) | "
              f"{signed * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
