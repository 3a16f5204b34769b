"""A real agency's database at 0, 1 and 3 years, built once and kept for the benchmarks.

Two contracts (the built-in henan and luoyang templates with a 36-month term from 2023-11), and for
each month of each: the month recorded through the program (benchmarks/bench_scoring.py's
months: ratios, values, event logs for some time limits, random failures), 2,000 persons' roster, payroll, insurance
and transfers imported (the real import pipeline, from .csv), reconciled, finalised, and a signed score
sheet issued. Built with the program's own functions, so every row is sealed into the audit chain as the
app seals it. The files are kept under ``$AUDITOR_BENCH_DATA`` (default: the system's temporary folder)
keyed by this generator's version and the schema version; each benchmark works on a fresh copy.
"""
from __future__ import annotations

import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATOR = 2
PEOPLE = 2000
START = (2023, 11)  # three years end before today: a score sheet cannot be signed ahead of time
YEARS = (0, 1, 3)
CONTRACTS = (("henan-2025", "bench-henan"), ("luoyang-2025", "bench-luoyang"))


def cache_root() -> Path:
    from auditor.storage.migrations import SCHEMA_VERSION

    base = Path(os.environ.get("AUDITOR_BENCH_DATA") or Path(tempfile.gettempdir()) / "auditor-bench-data")
    return base / f"g{GENERATOR}-s{SCHEMA_VERSION}-p{PEOPLE}"


def _term(template: str) -> dict[str, object]:
    from auditor.calendar import Period
    from benchmarks.bench_scoring import term_changes

    return term_changes(template, Period(*START))


def _people_files(folder: Path, period) -> dict[str, Path]:
    """The operator's four files for ``period`` (.csv, UTF-8): the same 2,000 persons every month."""
    from auditor import idcard

    rows: dict[str, list[list[object]]] = {
        "roster": [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历"]],
        "payroll": [["姓名", "身份证号", "应发工资", "实发工资"]],
        "insurance": [["姓名", "身份证号", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金"]],
        "transfers": [["户名", "账号", "金额"]],
    }
    for n in range(PEOPLE):
        first17 = f"410105{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        number = first17 + idcard.check_digit(first17)
        name = f"员工{n:04d}"
        role = "一线" if n % 10 < 7 else ("运营支撑" if n % 10 < 9 else "管理")
        net = 4500 + (n + period.month) % 700
        rows["roster"].append([name, number, f"E{n:05d}", role, "2024-01-01", "", "本科"])
        rows["payroll"].append([name, number, net + 700, net])
        rows["insurance"].append([name, number, 400, 200, 10, 5, 300])
        rows["transfers"].append([name, f"6222{n:012d}", net])
    paths = {}
    for kind, table in rows.items():
        paths[kind] = folder / f"{kind}-{period}.csv"
        with paths[kind].open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(table)
    return paths


def _add_year(store, folder: Path, first_month: int, months: int, log=print) -> None:
    from auditor.calendar import Period
    from auditor.documents import service as docs
    from auditor.entries import parse_entries
    from auditor.personnel import import_file, reconcile_month
    from auditor.service import finalize_month
    from benchmarks.bench_scoring import month_document
    from tests.core.builders import inspector

    identity = inspector(store)
    rng = random.Random(first_month)
    for offset in range(first_month, first_month + months):
        period = Period(*START).shift(offset)
        started = time.perf_counter()
        files = _people_files(folder, period)
        for _template, contract_id in CONTRACTS:
            contract = store.contracts.get(contract_id)
            store.months.record(contract, parse_entries(contract, month_document(contract, period, rng)))
            received = period.first_day.replace(day=9)
            for kind, path in files.items():
                import_file(store, contract, period, kind, path, received)
            reconcile_month(store, contract, period, period.first_day.replace(day=20))
            finalize_month(store, contract, period)
            docs.score_sheet(store, contract_id, str(period), identity, on=period.next().first_day)
        log(f"  {period}: {time.perf_counter() - started:.1f} s")


def build(years: int, target: Path, log=print) -> None:
    """A database with ``years`` of data at ``target`` (made from the previous size when it is cached)."""
    from auditor.storage import open_store

    smaller = max((y for y in YEARS if y < years), default=None)
    if smaller is not None:
        source = dataset(smaller, log)
        _copy(source, target)
        done = smaller * 12
    else:
        done = 0
    store = open_store(target)
    try:
        if smaller is None:
            for template, contract_id in CONTRACTS:
                store.contracts.create_from_template(template, contract_id, _term(template))
        with tempfile.TemporaryDirectory() as tmp:
            _add_year(store, Path(tmp), done, years * 12 - done, log)
    finally:
        store.close()


def files_of(db: Path) -> list[Path]:
    """The database and what lives beside it (head file, evidence folder)."""
    return [p for p in (db, db.with_name(db.name + ".audit-head"), db.with_name(db.stem + "-evidence"))
            if p.exists()]


def _copy(source: Path, target: Path) -> None:
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as conn:  # everything in the main file (no -wal beside it)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in files_of(source):
        name = path.name.replace(source.stem, target.stem, 1)
        if path.is_dir():
            shutil.copytree(path, target.parent / name, dirs_exist_ok=True)
        else:
            shutil.copy2(path, target.parent / name)


def dataset(years: int, log=print) -> Path:
    """The cached database with ``years`` of data, built on first use (minutes for three years)."""
    state = os.environ.get("AUDITOR_STATE_DIR")
    folder = cache_root() / f"{years}y"
    db = folder / "auditor.db"
    if (folder / "done").exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["AUDITOR_STATE_DIR"] = str(folder / "state")  # the build's anchors are not the benchmark's
    log(f"building the {years}-year database in {folder} (once) …")
    started = time.perf_counter()
    try:
        build(years, db, log)
    finally:
        if state is None:
            os.environ.pop("AUDITOR_STATE_DIR", None)
        else:
            os.environ["AUDITOR_STATE_DIR"] = state
    (folder / "done").write_text(f"{time.perf_counter() - started:.0f} s\n")
    return db


def fresh_copy(years: int, into: Path, log=print) -> Path:
    """A copy of the ``years`` database in ``into`` that a benchmark may change."""
    target = into / f"{years}y" / "auditor.db"
    _copy(dataset(years, log), target)
    return target


def size_mb(db: Path) -> float:
    return db.stat().st_size / 1e6


if __name__ == "__main__":
    for y in YEARS:
        path = dataset(y)
        print(f"{y} years: {path} ({size_mb(path):.1f} MB)")
