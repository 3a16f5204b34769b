"""Run by test_crash: imports and saves in a loop on one database file until it is killed."""
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

from auditor.calendar import Period, months_between
from auditor.entries import parse_entries
from auditor.personnel import import_file
from auditor.service import finalize_month
from tests.core.builders import month_doc


def main(db_path: str, files: str) -> None:
    from auditor.opening import open_database

    store = open_database(db_path)
    henan = store.contracts.get("henan-2025")
    folder = Path(files)
    n = 0
    while True:
        for period in months_between(Period(2025, 9), Period(2026, 8)):
            n += 1
            doc = month_doc(henan, str(period), {"HN-02": {"value": str(90 + n % 11)}})
            entries = parse_entries(henan, json.loads(json.dumps(doc), parse_float=Decimal))
            if store.months.status(henan.id, period) == "final":
                store.months.reopen(henan.id, period, f"第 {n} 轮")
            store.months.record(henan, entries)
            import_file(store, henan, period, "roster", folder / "roster.xlsx", dt.date(2025, 10, 1))
            import_file(store, henan, period, "payroll", folder / "payroll.csv", dt.date(2025, 10, 1))
            if n % 3 == 0:
                finalize_month(store, henan, period)
            print(n, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
