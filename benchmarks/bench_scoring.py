"""Score 10 contracts × 36 months and every installment; print the time.

Each contract is made from a built-in template with a 36-month service term,
every month recorded (random passes and failures, event logs for some items),
then the whole term and all installments are assessed from the database,
as the app does when it opens a contract.
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.calendar import Period, months_between  # noqa: E402
from auditor.entries import parse_entries  # noqa: E402
from auditor.scoring import is_due  # noqa: E402
from auditor.service import installment_results, term_results  # noqa: E402
from auditor.storage import open_store  # noqa: E402

MONTHS = 36


def term_changes(template: str, start: Period) -> dict[str, object]:
    end = start.shift(MONTHS - 1)
    changes: dict[str, object] = {"service.start": str(start.first_day), "service.end": str(end.last_day),
                                  "signed_on": str(start.first_day)}
    count = 3 if template == "luoyang-2025" else 4
    first_window = 0 if template == "luoyang-2025" else 1
    windows = count - first_window
    size = MONTHS // windows
    for n in range(first_window, count):
        k = n - first_window
        first = start.shift(k * size)
        last = end if n == count - 1 else start.shift((k + 1) * size - 1)
        changes[f"installments[{n}].first_month"] = str(first)
        changes[f"installments[{n}].last_month"] = str(last)
        changes[f"installments[{n}].due"] = str(last.next().first_day.replace(day=10))
    return changes


def month_document(contract, period: Period, rng: random.Random) -> dict:
    measurements = []
    for ind in contract.indicators:
        if ind.derived or not is_due(contract, ind, period):
            continue
        # working-day limits need the official holiday notice of that year (published to 2026)
        known_year = ind.time_limit is not None and (ind.time_limit.unit != "working_days" or period.year <= 2026)
        if known_year and rng.random() < 0.3:
            day = period.first_day.isoformat()
            events = [{"received_at": f"{day} 09:{m:02d}", "done_at": f"{day} {10 + rng.randint(0, 12):02d}:00"}
                      for m in range(20)]
            measurements.append({"indicator": ind.code, "events": events})
        elif ind.unit == "%" and rng.random() < 0.5:
            den = rng.randint(1000, 50000)
            num = den if ind.comparator.value == ">=" and rng.random() < 0.9 else rng.randint(0, den // 100)
            measurements.append({"indicator": ind.code, "numerator": num, "denominator": den})
        else:
            ok = rng.random() < 0.85
            value = ind.target if ok else (ind.target + 1 if ind.comparator.value == "<=" else max(ind.target - 1, 0))
            measurements.append({"indicator": ind.code, "value": str(value)})
    doc = {"contract": contract.id, "period": str(period), "measurements": measurements,
           "headcount": {r.key: str(r.required - (1 if rng.random() < 0.1 else 0)) for r in contract.roles},
           "late_days": 1 if rng.random() < 0.02 else 0}
    if contract.incident_steps:
        doc["incidents"] = 1 if rng.random() < 0.02 else 0
    return json.loads(json.dumps(doc), parse_float=Decimal)


def main() -> None:
    rng = random.Random(12345)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        contracts = []
        for n in range(10):
            template = "luoyang-2025" if n % 2 == 0 else "henan-2025"
            start = Period(2025, 1 + n)
            contract = store.contracts.create_from_template(template, f"bench-{n:02d}", term_changes(template, start))
            for period in months_between(contract.first_period, contract.last_period):
                store.months.record(contract, parse_entries(contract, month_document(contract, period, rng)))
            contracts.append(contract)
        recorded = time.perf_counter() - started

        started = time.perf_counter()
        months = installments = 0
        for contract in contracts:
            results = term_results(store, contract)
            months += len(results)
            installments += len(installment_results(store, contract, results))
        scored = time.perf_counter() - started
        store.close()
    print(f"recorded {len(contracts)} contracts × {MONTHS} months in {recorded:.2f} s "
          f"({recorded / (len(contracts) * MONTHS) * 1000:.1f} ms per month, one transaction each)")
    print(f"scored {months} months and {installments} installments from the database in {scored:.3f} s "
          f"({scored / months * 1000:.2f} ms per month)")


if __name__ == "__main__":
    main()
