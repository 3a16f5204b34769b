"""Work-order imports (issue 16): one per month, the orders and bad rows kept compressed in the import's row
(100,000 orders × 12 months stay a few MB each, and one audited row: the audit chain hashes the blob);
the computed results with their failing orders; the operator's figures set aside where the records
fill an item."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from ..calendar import Period
from ..model import Contract, MeasurementKind
from ..scoring import Event, Measurement
from .db import Store, inserted_id, now

if TYPE_CHECKING:
    from ..workorders import Orders, Parsed, Result


class ImportInfo(TypedDict):
    id: int
    source: str
    sha256: str
    evidence_id: int | None
    sheet: str | None
    columns: dict[str, str]
    row_count: int
    excluded_count: int
    imported_at: str


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class WorkOrdersRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # ------------------------------------------------------------- imports
    def save_import(self, contract_id: str, period: Period, parsed: Parsed, evidence_id: int | None, orders: bytes,
                    excluded: bytes, sheet: str | None = None) -> int:
        """Replace the month's import (its results go with it)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM workorder_imports WHERE contract_id = ? AND period = ?",
                            [contract_id, str(period)])
            cursor = self.db.execute(
                "INSERT INTO workorder_imports (contract_id, period, source, sha256, evidence_id, sheet, columns, "
                "row_count, excluded_count, orders, excluded, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [contract_id, str(period), parsed.source, parsed.sha256, evidence_id, sheet,
                 json.dumps(dict(parsed.columns), ensure_ascii=False), len(parsed.orders), parsed.bad_rows,
                 orders, excluded, now()])
        return inserted_id(cursor)

    def import_info(self, contract_id: str, period: Period) -> ImportInfo | None:
        row = self.db.execute(
            "SELECT id, source, sha256, evidence_id, sheet, columns, row_count, excluded_count, imported_at "
            "FROM workorder_imports WHERE contract_id = ? AND period = ?", [contract_id, str(period)]).fetchone()
        if row is None:
            return None
        return ImportInfo(id=row[0], source=row[1], sha256=row[2], evidence_id=row[3], sheet=row[4],
                          columns=json.loads(row[5]), row_count=row[6], excluded_count=row[7], imported_at=row[8])

    def imported_months(self, contract_id: str) -> list[Period]:
        return [Period.parse(p) for (p,) in self.db.execute(
            "SELECT period FROM workorder_imports WHERE contract_id = ? ORDER BY period", [contract_id])]

    def orders(self, contract_id: str, period: Period) -> Orders | None:
        """A month's orders as imported."""
        from ..workorders import unpack_orders

        row = self.db.execute("SELECT orders FROM workorder_imports WHERE contract_id = ? AND period = ?",
                              [contract_id, str(period)]).fetchone()
        return None if row is None else unpack_orders(bytes(row[0]))

    def excluded(self, contract_id: str, period: Period) -> list[dict[str, Any]]:
        """The bad rows the inspector chose to leave out, each with its row, column and problem."""
        from ..workorders import unpack

        row = self.db.execute("SELECT excluded FROM workorder_imports WHERE contract_id = ? AND period = ?",
                              [contract_id, str(period)]).fetchone()
        return [] if row is None else unpack(bytes(row[0]))

    # ------------------------------------------------------------- results
    def save_results(self, contract_id: str, period: Period, results: Iterable[Result]) -> None:
        from ..workorders import pack

        stamp = now()
        with self.db.atomic():
            import_id = self.db.execute("SELECT id FROM workorder_imports WHERE contract_id = ? AND period = ?",
                                        [contract_id, str(period)]).fetchone()[0]
            self.db.execute("DELETE FROM workorder_results WHERE contract_id = ? AND period = ?",
                            [contract_id, str(period)])
            for r in results:
                self.db.execute(
                    "INSERT INTO workorder_results (contract_id, period, code, import_id, status, numerator, "
                    "denominator, excluded, reason, months, failing_count, failing, computed_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [contract_id, str(period), r.code, import_id, r.status, r.numerator, r.denominator,
                     json.dumps(dict(r.excluded), ensure_ascii=False), r.reason, json.dumps(list(r.months)),
                     len(r.failing), pack(f.as_dict() for f in r.failing), stamp])

    def results(self, contract_id: str, period: Period) -> list[Result]:
        from ..workorders import Failing, Result, unpack

        return [Result(code, status, numerator, denominator, json.loads(excluded), reason,
                       tuple(Failing.from_dict(f) for f in unpack(bytes(failing) if failing else None)),
                       tuple(json.loads(months)))
                for code, status, numerator, denominator, excluded, reason, months, failing in self.db.execute(
                    "SELECT code, status, numerator, denominator, excluded, reason, months, failing "
                    "FROM workorder_results WHERE contract_id = ? AND period = ? ORDER BY code",
                    [contract_id, str(period)])]

    # ------------------------------------------------------------- the month's measurement, and the operator's figure
    def _current(self, contract_id: str, period: Period, code: str) -> str | None:
        row = self.db.execute("SELECT kind FROM measurements WHERE contract_id = ? AND period = ? AND code = ?",
                              [contract_id, str(period), code]).fetchone()
        return row[0] if row else None

    def fill(self, contract: Contract, period: Period, measurement: Measurement | None, code: str | None = None
             ) -> bool:
        """Put the computed ``measurement`` in the month, setting aside the operator's figure found there
        (an exemption stays: it is the inspector's decision); with None, take a computed figure out and
        put back the operator's. Returns whether the records now fill the item."""
        code = measurement.code if measurement is not None else code
        assert code is not None
        with self.db.atomic():
            current = self._current(contract.id, period, code)
            if measurement is None:
                if current == MeasurementKind.COMPUTED.value:
                    self.store.months.put_measurement(contract, period, None, code=code)
                    kept = self.reported(contract.id, period).get(code)
                    if kept is not None:
                        self.db.execute("DELETE FROM workorder_reported WHERE contract_id = ? AND period = ? "
                                        "AND code = ?", [contract.id, str(period), code])
                        self.store.months.put_measurement(contract, period, kept)
                return False
            if current == MeasurementKind.EXEMPT.value:
                return False
            if current is not None and current != MeasurementKind.COMPUTED.value:
                entries = self.store.months.load(contract.id, period)
                assert entries is not None
                self._stash(contract.id, period, entries.measurements[code])
            self.store.months.put_measurement(contract, period, measurement)
        return True

    def divert(self, contract: Contract, period: Period, measurement: Measurement) -> bool:
        """An operator's figure entered for an item the records fill: kept apart (the computed figure stays
        and is scored), the mismatch finding brought in step. False when the item is not computed, or the
        entry is an exemption or a computed figure (those take the item's place)."""
        if measurement.kind in (MeasurementKind.EXEMPT, MeasurementKind.COMPUTED):
            return False
        if self._current(contract.id, period, measurement.code) != MeasurementKind.COMPUTED.value:
            return False
        with self.db.atomic():
            self._stash(contract.id, period, measurement)
            self.sync_findings(contract, period)
        return True

    def divert_month(self, contract: Contract, period: Period, measurements: Iterable[Measurement]) -> set[str]:
        """A whole month recorded again (``auditor record``): the codes whose computed figure stays (all but
        those the entries exempt); the entries' figures for them kept apart, the others' cleared."""
        given = {m.code: m for m in measurements}
        computed = {code for (code,) in self.db.execute(
            "SELECT code FROM measurements WHERE contract_id = ? AND period = ? AND kind = 'computed'",
            [contract.id, str(period)])}
        kept = {code for code in computed
                if code not in given or given[code].kind is not MeasurementKind.EXEMPT}
        if not computed:
            return kept
        with self.db.atomic():
            for code in computed:
                self.db.execute("DELETE FROM workorder_reported WHERE contract_id = ? AND period = ? AND code = ?",
                                [contract.id, str(period), code])
                if code in kept and code in given:
                    self._stash(contract.id, period, given[code])
            self.sync_findings(contract, period)
        return kept

    def _stash(self, contract_id: str, period: Period, m: Measurement) -> None:
        self.db.execute(
            "INSERT INTO workorder_reported (contract_id, period, code, kind, value, numerator, denominator, note, "
            "events, set_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (contract_id, period, code) DO UPDATE SET "
            "kind = excluded.kind, value = excluded.value, numerator = excluded.numerator, "
            "denominator = excluded.denominator, note = excluded.note, events = excluded.events, "
            "set_at = excluded.set_at",
            [contract_id, str(period), m.code, m.kind.value, None if m.value is None else str(m.value),
             None if m.numerator is None else str(m.numerator),
             None if m.denominator is None else str(m.denominator), m.note,
             json.dumps([[e.received_at.isoformat(), e.done_at.isoformat() if e.done_at else None]
                         for e in m.events]), now()])

    def reported(self, contract_id: str, period: Period) -> Mapping[str, Measurement]:
        """The operator's figures set aside for the items the records fill."""
        found = {}
        for code, kind, value, numerator, denominator, note, events in self.db.execute(
                "SELECT code, kind, value, numerator, denominator, note, events FROM workorder_reported "
                "WHERE contract_id = ? AND period = ?", [contract_id, str(period)]):
            found[code] = Measurement(
                code, MeasurementKind(kind), _dec(value), _dec(numerator), _dec(denominator),
                tuple(Event(dt.datetime.fromisoformat(r), dt.datetime.fromisoformat(d) if d else None)
                      for r, d in json.loads(events)), note=note)
        return found

    # ------------------------------------------------------------- findings
    def sync_findings(self, contract: Contract, period: Period) -> list[str]:
        """The month's findings 「自报数据与工单记录不符」 in step with what is stored now; returns their codes.

        After an import, and whenever the operator's figure for a computed item is entered."""
        from ..workorders import compare, mismatch_draft, tolerance

        info = self.import_info(contract.id, period)
        drafts = []
        if info is not None:
            calendar = self.store.calendar()
            reported = self.reported(contract.id, period)
            limit = tolerance(contract)
            for result in self.results(contract.id, period):
                indicator = contract.indicator(result.code)
                comparison = compare(indicator, result, reported.get(result.code), limit, calendar)
                if comparison is not None and comparison.beyond:
                    drafts.append(mismatch_draft(contract, period, indicator, result, comparison, info["source"],
                                                 info["sha256"]))
        self.store.findings.sync(contract.id, period, drafts, sources=("workorders",))
        return [d.key for d in drafts]
