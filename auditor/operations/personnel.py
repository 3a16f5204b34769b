"""Personnel operations: an operator's file imported, a month reconciled, spot checks, confidentiality."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..calendar import Period
from ..staffing import SpotEntry
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..payroll import ReconFinding, RecordsDiff
    from ..personnel import ImportSummary
    from ..storage import Store


def import_file(store: Store, contract_id: str, period: Period, kind: str, path: Path,
                received_on: dt.date | None = None, column_map: dict[str, str] | None = None,
                progress: Callable[[float, str], None] | None = None, sheet: str | None = None
                ) -> Outcome[ImportSummary]:
    """The file read and checked whole (before the write lock is taken), then stored in one transaction."""
    from .. import personnel

    contract = store.contracts.get(contract_id)
    summary = personnel.import_file(store, contract, period, kind, path, received_on, column_map, progress, sheet)
    areas = (Area.PERSONNEL, Area.ENTRIES) if summary.headcount_applied else (Area.PERSONNEL,)
    return Outcome(summary, Changes.of(*areas, contract=contract_id, periods=[period]))


def reconcile(store: Store, contract_id: str, period: Period, today: dt.date | None = None
              ) -> Outcome[list[ReconFinding]]:
    """The month's submissions checked against each other; the discrepancies stored as findings."""
    from .. import personnel

    with store.db.atomic():
        findings = personnel.reconcile_month(store, store.contracts.get(contract_id), period, today)
    return Outcome(findings, Changes.of(Area.FINDINGS, contract=contract_id, periods=[period]))


def start_spot_check(store: Store, contract_id: str, at: dt.datetime, place: str, inspectors: str
                     ) -> Outcome[int]:
    """A spot check of who is on the floor at ``at``: the roster's scheduled staff, all marked present."""
    from .. import personnel

    with store.db.atomic():
        contract = store.contracts.get(contract_id)
        entries = personnel.spot_candidates(store, contract, at)
        check_id = store.personnel.start_spot_check(contract.id, at, place, inspectors, entries)
    return Outcome(check_id, Changes.of(Area.PERSONNEL, contract=contract_id, periods=[Period.of(at.date())]))


def mark(store: Store, contract_id: str, check_id: int, entry: SpotEntry) -> Outcome[None]:
    with store.db.atomic():
        store.personnel.mark(check_id, entry)
    return Outcome(None, Changes.of(Area.PERSONNEL, contract=contract_id))


def finish_spot_check(store: Store, contract_id: str, check_id: int) -> Outcome[tuple[bool, list[str]]]:
    """The result recorded; (failed, warnings) — henan 第八条3(2): a 2nd failure gives a termination right."""
    from .. import personnel

    with store.db.atomic():
        result = personnel.finish_spot_check(store, store.contracts.get(contract_id), check_id)
    return Outcome(result, Changes.of(Area.PERSONNEL, Area.FINDINGS, contract=contract_id))


def set_duty(store: Store, contract_id: str, period: Period, duty: str, status: str, note: str = "") -> Outcome[None]:
    """A confidentiality duty checked (已落实 / 未落实 / 不适用); the month's confidentiality findings follow
    in the same transaction."""
    from .. import personnel

    with store.db.atomic():
        contract = store.contracts.get(contract_id)
        store.personnel.set_duty(contract.id, period, duty, status, note)
        personnel.confidentiality_findings(store, contract, period)
    return Outcome(None, Changes.of(Area.PERSONNEL, Area.FINDINGS, contract=contract_id, periods=[period]))


def sign_commitments(store: Store, contract_id: str, period: Period, signed: list[tuple[str, str]],
                     on: dt.date) -> Outcome[int]:
    """Persons (ID number, name) recorded as having signed the confidentiality commitment on ``on``; the
    month's confidentiality findings follow in the same transaction."""
    from .. import personnel

    with store.db.atomic():
        for id_number, name in signed:
            store.personnel.add_commitment(contract_id, id_number, name, on)
        personnel.confidentiality_findings(store, store.contracts.get(contract_id), period)
    return Outcome(len(signed), Changes.of(Area.PERSONNEL, Area.FINDINGS, contract=contract_id, periods=[period]))


def forget_columns(store: Store, contract_id: str, kind: str, headers: list[str]) -> Outcome[int]:
    """Headers once mapped by hand for the contract's operator, forgotten: the next file of that kind is
    read by the usual header names again, and asks for what it cannot find."""
    with store.db.atomic():
        operator = store.contracts.get(contract_id).party_b.name
        for header in headers:
            store.personnel.forget_column(operator, kind, header)
    return Outcome(len(headers), Changes.of(Area.PERSONNEL, contract=contract_id))


def compare_import(store: Store, contract_id: str, period: Period, kind: str, path: Path,
                   column_map: dict[str, str] | None = None) -> Outcome[tuple[str, RecordsDiff] | None]:
    """A read, on the worker like the import it precedes: what the file would change (nothing written)."""
    from .. import personnel

    return Outcome(personnel.compare_import(store, store.contracts.get(contract_id), period, kind, path, column_map))
