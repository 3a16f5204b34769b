"""Import and reconcile a 2,000-person month (roster, payroll, insurance, transfers as .xlsx),
next to merely reading the same four files with openpyxl.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook  # noqa: E402

from auditor import idcard  # noqa: E402
from auditor.calendar import Period  # noqa: E402
from auditor.personnel import import_file, reconcile_month  # noqa: E402
from auditor.storage import open_store  # noqa: E402

PEOPLE = 2000
PERIOD = Period(2025, 10)


def make_files(folder: Path) -> dict[str, Path]:
    rng = random.Random(7)
    people = []
    for n in range(PEOPLE):
        first17 = f"410105{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        role = "一线" if n % 10 < 7 else ("运营支撑" if n % 10 < 9 else "管理")
        people.append((f"员工{n:04d}", first17 + idcard.check_digit(first17), f"E{n:05d}", role))
    sheets = {
        "roster": [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历"]] +
                  [[p[0], p[1], p[2], p[3], dt.date(2024, 1 + n % 12, 1), None, "本科"] for n, p in enumerate(people)],
        "payroll": [["姓名", "身份证号", "应发工资", "实发工资"]] +
                   [[p[0], p[1], 5200 + n % 700, 4500 + n % 700] for n, p in enumerate(people)],
        "insurance": [["姓名", "身份证号", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"]] +
                     [[p[0], p[1], 400, 200, 10, 5, 0 if rng.random() < 0.01 else 300] for p in people],
        "transfers": [["户名", "账号", "金额"]] +
                     [[p[0], f"6222{n:012d}", 4500 + n % 700 + (1 if rng.random() < 0.005 else 0)]
                      for n, p in enumerate(people)],
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


def main() -> None:
    import cProfile
    import pstats

    from python_calamine import CalamineWorkbook

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_files(folder)
        started = time.perf_counter()
        for path in paths.values():
            wb = load_workbook(path, data_only=True)
            sum(1 for _ in wb.active.iter_rows(values_only=True))
        read = time.perf_counter() - started
        started = time.perf_counter()
        for path in paths.values():
            CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        calamine = time.perf_counter() - started

        store = open_store(folder / "bench.db")
        henan = store.contracts.get("henan-2025")
        started = time.perf_counter()
        for kind, path in paths.items():
            import_file(store, henan, PERIOD, kind, path, dt.date(2025, 10, 9))
        imported = time.perf_counter() - started
        started = time.perf_counter()
        findings = reconcile_month(store, henan, PERIOD, dt.date(2025, 10, 20))
        reconciled = time.perf_counter() - started
        profile = cProfile.Profile()  # the same month again (its files replaced), for the breakdown only
        profile.enable()
        for kind, path in paths.items():
            import_file(store, henan, PERIOD, kind, path, dt.date(2025, 10, 9))
        profile.disable()
        store.close()
    total = imported + reconciled
    print(f"reading the four .xlsx files: openpyxl {read:.2f} s; python-calamine {calamine:.2f} s (baseline)")
    print(f"import (parse, check every cell, store in one transaction each): {imported:.2f} s; "
          f"reconcile {PEOPLE} persons: {reconciled:.2f} s ({len(findings)} findings)")
    print(f"import + reconcile: {total:.2f} s = {total / read:.2f}× the openpyxl read, {total / calamine:.1f}× the "
          f"calamine read (issue 15's target ≤ 1.5×; the calamine reader is deferred: auditor/imports.py is being "
          f"changed for work-order imports)")
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    def spent(name: str) -> float:
        return max((v[3] for k, v in stats.items() if k[2] == name), default=0.0)

    reading, parsing, storing = spent("read_rows"), spent("parse_table"), spent("save_import")
    shares = [f"reading the cells (auditor.imports.read_rows) {reading:.2f} s",
              f"checking them (the rest of parse_table) {parsing - reading:.2f} s",
              f"storing (PersonnelRepo.save_import) {storing:.2f} s"]
    print("where the import's time goes (cProfile, cumulative, profiler overhead included): " + "; ".join(shares))


if __name__ == "__main__":
    main()
