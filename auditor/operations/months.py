"""Month operations: record a month from a file, set one item or fact, finalise, reopen, calendar days."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar import Period
from ..model import Contract
from ..scoring import Measurement, MonthEntries, MonthResult
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..storage import Store

log = logging.getLogger(__name__)


def record_file(store: Store, path: Path) -> Outcome[tuple[Contract, MonthEntries]]:
    """A whole month from an entries file, validated completely before anything is written."""
    from ..service import record_file as record

    with store.db.atomic():
        contract, entries = record(store, path)
    return Outcome((contract, entries), Changes.of(Area.ENTRIES, contract=contract.id, periods=[entries.period]))


def set_measurement(store: Store, contract_id: str, period: Period, code: str,
                    measurement: Measurement | None) -> Outcome[None]:
    """One item of an open month (None clears it)."""
    with store.db.atomic():
        store.months.put_measurement(store.contracts.get(contract_id), period, measurement, code=code)
    return Outcome(None, Changes.of(Area.ENTRIES, contract=contract_id, periods=[period]))


def set_fact(store: Store, contract_id: str, period: Period, field: str, value: Any) -> Outcome[None]:
    """A month fact of an open month: ``headcount`` (role → Decimal), ``incidents`` or ``late_days``."""
    with store.db.atomic():
        store.months.set_fact(store.contracts.get(contract_id), period, field, value)
    return Outcome(None, Changes.of(Area.ENTRIES, contract=contract_id, periods=[period]))


def finalize(store: Store, contract_id: str, period: Period) -> Outcome[MonthResult]:
    """Freeze the month under the contract version in force; its findings stored with it."""
    from ..service import finalize_month

    with store.db.atomic():
        result = finalize_month(store, store.contracts.get(contract_id), period)
    return Outcome(result, Changes.of(Area.ENTRIES, Area.FINDINGS, contract=contract_id, periods=[period]))


def reopen(store: Store, contract_id: str, period: Period, reason: str) -> Outcome[None]:
    with store.db.atomic():
        store.months.reopen(store.contracts.get(contract_id).id, period, reason)
    log.info("reopened %s %s", contract_id, period)
    return Outcome(None, Changes.of(Area.ENTRIES, contract=contract_id, periods=[period]))


def set_calendar_day(store: Store, day: dt.date, is_workday: bool, note: str = "") -> Outcome[None]:
    """A working-day override (an official holiday notice): every deadline and score may move."""
    store.set_calendar_day(day, is_workday, note)
    return Outcome(None, Changes.of(Area.CALENDAR, Area.ENTRIES))
