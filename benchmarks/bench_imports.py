"""Import and reconcile a month of 2,000 persons (名单, 工资表, 五险一金, 转账记录 as .xlsx) next to a bare
python-calamine read of the same four files (issue 15's target: ≤ 1.5×), each step timed on its own; then
20,000 persons in a fresh process, its time and peak memory next to a fresh process that only reads the
four files with python-calamine (target: ≤ 150 MB).

    python benchmarks/bench_imports.py [--people 2000] [--peak-people 20000] [--runs 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from auditor import idcard  # noqa: E402
from auditor.calendar import Period  # noqa: E402

PERIOD = Period(2025, 10)
KINDS = ("roster", "payroll", "insurance", "transfers")


def make_files(folder: Path, people: int = 2000) -> dict[str, Path]:
    rng = random.Random(7)
    persons = []
    for n in range(people):   # distinct up to 21,000 persons: (birth date, sequence) pairs repeat after that
        first17 = f"410105{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        role = "一线" if n % 10 < 7 else ("运营支撑" if n % 10 < 9 else "管理")
        persons.append((f"员工{n:05d}", first17 + idcard.check_digit(first17), f"E{n:05d}", role))
    sheets = {
        "roster": [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历"]] +
                  [[p[0], p[1], p[2], p[3], dt.date(2024, 1 + n % 12, 1), None, "本科"] for n, p in enumerate(persons)],
        "payroll": [["姓名", "身份证号", "应发工资", "实发工资"]] +
                   [[p[0], p[1], 5200 + n % 700, 4500 + n % 700] for n, p in enumerate(persons)],
        "insurance": [["姓名", "身份证号", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"]] +
                     [[p[0], p[1], 400, 200, 10, 5, 0 if rng.random() < 0.01 else 300] for p in persons],
        "transfers": [["户名", "账号", "金额"]] +
                     [[p[0], f"6222{n:012d}", 4500 + n % 700 + (1 if rng.random() < 0.005 else 0)]
                      for n, p in enumerate(persons)],
    }
    paths = {}
    for kind, rows in sheets.items():
        wb = Workbook()
        ws = wb.active
        for row in rows:
            ws.append(row)
        paths[kind] = folder / f"{kind}.xlsx"
        wb.save(paths[kind])
    return paths


def best(runs: int, work: Callable[[], Any]) -> float:
    """The fastest of ``runs`` runs (after one not counted), in seconds."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
mode, folder = sys.argv[1:3]
from pathlib import Path
kinds = ("roster", "payroll", "insurance", "transfers")
paths = [Path(folder) / f"{{kind}}.xlsx" for kind in kinds]

def peak():
    # the peak of this process itself: /proc's VmHWM starts afresh at exec, getrusage's ru_maxrss keeps the
    # parent's peak across it (the fallback elsewhere)
    try:
        return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) // 1024
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

if mode == "read":
    from python_calamine import CalamineWorkbook
    loaded = peak()
    started = time.perf_counter()
    for path in paths:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
else:
    import datetime as dt
    from auditor.calendar import Period
    from auditor.personnel import import_file, reconcile_month
    from auditor.storage import open_store
    store = open_store(Path(folder) / sys.argv[3])
    henan = store.contracts.get("henan-2025")
    loaded = peak()
    started = time.perf_counter()
    for kind, path in zip(kinds, paths):
        import_file(store, henan, Period(2025, 10), kind, path, dt.date(2025, 10, 9))
    reconcile_month(store, henan, Period(2025, 10), dt.date(2025, 10, 20))
    store.close()
print(time.perf_counter() - started, loaded, peak())
"""


def child(mode: str, folder: Path, db: str = "") -> tuple[float, int, int]:
    done = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(folder), db],
                          capture_output=True, text=True, check=True)
    took, loaded, peak = done.stdout.split()[-3:]
    return float(took), int(loaded), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--peak-people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from python_calamine import CalamineWorkbook

    from auditor.contract_text import role_names
    from auditor.imports import parse_table, read_rows
    from auditor.personnel import import_file, reconcile_month
    from auditor.storage import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # a state folder of its own (audit anchors, kept contract checks), as a new user's: not this machine's
        os.environ.update(AUDITOR_STATE_DIR=str(folder / "state"), AUDITOR_LOG_DIR=str(folder / "logs"))
        paths = make_files(folder, options.people)
        store = open_store(folder / "bench.db")
        henan = store.contracts.get("henan-2025")
        roles = role_names(henan)
        runs = options.runs

        def imports() -> None:
            for kind, path in paths.items():
                import_file(store, henan, PERIOD, kind, path, dt.date(2025, 10, 9))

        calamine = best(runs, lambda: [CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
                                       for p in paths.values()])
        reading = best(runs, lambda: [read_rows(p) for p in paths.values()])
        checking = best(runs, lambda: [parse_table(k, p, roles) for k, p in paths.items()])
        importing = best(runs, imports)
        kept = best(runs, lambda: store.personnel.datasets(henan.id, PERIOD))   # the month just stored
        later = open_store(folder / "bench.db")   # another session: the rows read back from the database
        loading = best(runs, lambda: later.personnel.datasets(henan.id, PERIOD))
        later.close()
        reconciling = best(runs, lambda: reconcile_month(store, henan, PERIOD, dt.date(2025, 10, 20)))
        findings = reconcile_month(store, henan, PERIOD, dt.date(2025, 10, 20))
        store.close()
        total = importing + reconciling
        print(f"{options.people:,} persons, four .xlsx files; python-calamine read of the four: "
              f"{calamine * 1000:.0f} ms (baseline)")
        print(f"import + reconcile: {total * 1000:.0f} ms = {total / calamine:.1f}× the calamine read (issue 15's "
              f"target ≤ 1.5×); import {importing * 1000:.0f} ms, reconcile {reconciling * 1000:.0f} ms "
              f"({len(findings)} findings)")
        steps = [("reading (safety scan, calamine, merged cells, blank rows)", reading),
                 ("checking every cell", checking - reading),
                 ("storing (rows as JSON, one transaction per file, the month's headcount)", importing - checking),
                 ("reconciling: the four files' rows, kept from the import", kept),
                 ("reconciling: the checks and storing the findings", reconciling - kept),
                 ("(the four files' rows read back from the database, as a later session reads them)", loading)]
        print(f"where the time goes (each step timed alone, best of {runs}): "
              + "; ".join(f"{what} {spent * 1000:.0f} ms = {spent / calamine:.2f}×" for what, spent in steps))

        peak_folder = folder / "peak"
        peak_folder.mkdir()
        make_files(peak_folder, options.peak_people)
        reads = [child("read", peak_folder) for _ in range(2)]
        done = [child("import", peak_folder, f"peak{n}.db") for n in range(2)]
        read_s, read_loaded, read_peak = min(reads)
        import_s, import_loaded, import_peak = min(done)
        print(f"{options.peak_people:,} persons in a fresh process: import + reconcile {import_s:.2f} s = "
              f"{import_s / read_s:.1f}× a calamine read of the four files ({read_s:.2f} s); peak memory "
              f"{import_peak} MB (target ≤ 150 MB; {import_loaded} MB once the program's modules are loaded) "
              f"next to {read_peak} MB for the bare read ({read_loaded} MB with only python-calamine loaded)")


if __name__ == "__main__":
    main()
