"""Monthly checklists: measurements, event logs, headcount and month facts."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from ..calendar import Period, months_between
from ..errors import InputError, StateError
from ..model import Contract, MeasurementKind
from ..scoring import Event, Measurement, MonthEntries
from .db import Store, now

# A month fact's value: headcount (role → average), incidents (int or None) or late_days (int).
MonthFact = Mapping[str, Decimal] | int | None


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class MonthsRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # ------------------------------------------------------------- reading
    def status(self, contract_id: str, period: Period) -> str | None:
        row = self.db.execute("SELECT status FROM months WHERE contract_id = ? AND period = ?",
                              [contract_id, str(period)]).fetchone()
        return row[0] if row else None

    def statuses(self, contract_id: str) -> dict[Period, str]:
        rows = self.db.execute("SELECT period, status FROM months WHERE contract_id = ?", [contract_id])
        return {Period.parse(p): s for p, s in rows}

    def finalised_versions(self, contract_id: str) -> dict[Period, int | None]:
        """Each finalised month → the contract version it was assessed under (None: none was recorded)."""
        rows = self.db.execute("SELECT period, contract_version FROM months WHERE contract_id = ? AND status = 'final'",
                               [contract_id])
        return {Period.parse(p): v for p, v in rows}

    def load(self, contract_id: str, period: Period) -> MonthEntries | None:
        return self.load_all(contract_id, [period]).get(period)

    def load_all(self, contract_id: str, periods: Iterable[Period] | None = None) -> dict[Period, MonthEntries]:
        wanted = None if periods is None else {str(p) for p in periods}
        months = {}
        for period, status, incidents, late_days in self.db.execute(
                "SELECT period, status, incidents, late_days FROM months WHERE contract_id = ?", [contract_id]):
            if wanted is None or period in wanted:
                months[period] = (status, incidents, late_days)
        events: dict[tuple[str, str], list[Event]] = {}
        for period, code, received, done in self.db.execute(
                "SELECT period, code, received_at, done_at FROM measurement_events WHERE contract_id = ? "
                "ORDER BY period, code, seq", [contract_id]):
            events.setdefault((period, code), []).append(
                Event(dt.datetime.fromisoformat(received), dt.datetime.fromisoformat(done) if done else None))
        measurements: dict[str, dict[str, Measurement]] = {}
        for period, code, kind, value, num, den, reason, note in self.db.execute(
                "SELECT period, code, kind, value, numerator, denominator, reason, note FROM measurements "
                "WHERE contract_id = ?", [contract_id]):
            measurements.setdefault(period, {})[code] = Measurement(
                code, MeasurementKind(kind), _dec(value), _dec(num), _dec(den),
                tuple(events.get((period, code), ())), reason, note)
        headcounts: dict[str, dict[str, Decimal]] = {}
        for period, role, average in self.db.execute(
                "SELECT period, role, average FROM headcounts WHERE contract_id = ?", [contract_id]):
            headcounts.setdefault(period, {})[role] = Decimal(average)
        return {
            Period.parse(period): MonthEntries(Period.parse(period), measurements.get(period, {}),
                                               headcounts.get(period), incidents, late_days, status == "final")
            for period, (status, incidents, late_days) in months.items()
        }

    # ------------------------------------------------------------- writing
    def _require_open(self, contract_id: str, period: Period) -> None:
        if self.status(contract_id, period) == "final":
            raise StateError(f"{contract_id} {period} 已定稿，不能修改；如需修改请先说明理由重新打开")

    def record(self, contract: Contract, entries: MonthEntries) -> None:
        """Replace the whole month with ``entries``, atomically."""
        key = [contract.id, str(entries.period)]
        stamp = now()
        with self.db.atomic():
            self._require_open(contract.id, entries.period)
            self.db.execute(
                "INSERT INTO months (contract_id, period, status, incidents, late_days, updated_at) "
                "VALUES (?, ?, 'open', ?, ?, ?) ON CONFLICT (contract_id, period) DO UPDATE SET "
                "incidents = excluded.incidents, late_days = excluded.late_days, updated_at = excluded.updated_at",
                key + [entries.incidents, entries.late_days, stamp])
            kept = sorted(self.store.workorders.divert_month(contract, entries.period, entries.measurements.values()))
            self.db.execute("DELETE FROM measurements WHERE contract_id = ? AND period = ?"  # computed figures stay
                            + (f" AND code NOT IN ({','.join('?' * len(kept))})" if kept else ""), key + kept)
            self.db.execute("DELETE FROM headcounts WHERE contract_id = ? AND period = ?", key)
            self._insert_measurements(contract.id, entries.period,
                                      [m for m in entries.measurements.values() if m.code not in kept], stamp)
            if entries.headcount is not None:
                self.db.conn.executemany(
                    "INSERT INTO headcounts (contract_id, period, role, average) VALUES (?, ?, ?, ?)",
                    [key + [role, str(value)] for role, value in entries.headcount.items()])
            self.db.execute("INSERT INTO month_history (contract_id, period, at, action) VALUES (?, ?, ?, 'record')",
                            key + [stamp])

    def put_measurement(self, contract: Contract, period: Period, measurement: Measurement | None,
                        code: str | None = None) -> None:
        """Set (or with ``None`` clear) one item of an open month."""
        stamp = now()
        code = measurement.code if measurement else code
        with self.db.atomic():
            self._ensure_month(contract.id, period, stamp)
            if measurement is not None and self.store.workorders.divert(contract, period, measurement):
                return  # the records fill this item: the operator's figure is kept beside the computed one
            self.db.execute("DELETE FROM measurements WHERE contract_id = ? AND period = ? AND code = ?",
                            [contract.id, str(period), code])
            if measurement is not None:
                self._insert_measurements(contract.id, period, [measurement], stamp)

    def set_fact(self, contract: Contract, period: Period, field: str, value: MonthFact) -> None:
        """Set ``headcount`` (role → Decimal, or None), ``incidents`` (int or None) or ``late_days`` (int)."""
        stamp = now()
        key = [contract.id, str(period)]
        with self.db.atomic():
            self._ensure_month(contract.id, period, stamp)
            if field == "headcount":
                if isinstance(value, int):
                    raise ValueError("headcount is a mapping of role → average")
                self.db.execute("DELETE FROM headcounts WHERE contract_id = ? AND period = ?", key)
                self.db.conn.executemany("INSERT INTO headcounts (contract_id, period, role, average) VALUES (?,?,?,?)",
                                         [key + [r, str(v)] for r, v in (value or {}).items()])
            elif field in ("incidents", "late_days"):
                self.db.execute(f"UPDATE months SET {field} = ? WHERE contract_id = ? AND period = ?",
                                [value if value is not None or field == "incidents" else 0] + key)
            else:
                raise ValueError(f"unknown month fact {field!r}")

    def _ensure_month(self, contract_id: str, period: Period, stamp: str) -> None:
        self._require_open(contract_id, period)
        self.db.execute("INSERT INTO months (contract_id, period, updated_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (contract_id, period) DO UPDATE SET updated_at = excluded.updated_at",
                        [contract_id, str(period), stamp])

    def _insert_measurements(self, contract_id: str, period: Period, measurements: Iterable[Measurement],
                             stamp: str) -> None:
        for m in measurements:
            self.db.execute(
                "INSERT INTO measurements (contract_id, period, code, kind, value, numerator, denominator, reason, "
                "note, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [contract_id, str(period), m.code, m.kind.value,
                 None if m.value is None else str(m.value), None if m.numerator is None else str(m.numerator),
                 None if m.denominator is None else str(m.denominator), m.reason, m.note, stamp])
            self.db.conn.executemany(
                "INSERT INTO measurement_events (contract_id, period, code, seq, received_at, done_at) "
                "VALUES (?,?,?,?,?,?)",
                [[contract_id, str(period), m.code, i, e.received_at.isoformat(),
                  e.done_at.isoformat() if e.done_at else None] for i, e in enumerate(m.events)])

    def finalize(self, contract_id: str, period: Period, complete: bool, missing: Iterable[str] = (),
                 version: int | None = None) -> None:
        """Freeze the month under contract ``version`` (default: the one in force now)."""
        if not complete:
            raise StateError(f"{period} 还有未录入的项目，不能定稿：", list(missing))
        stamp = now()
        with self.db.atomic():
            status = self.status(contract_id, period)
            if status is None:
                raise StateError(f"{period} 尚无任何录入，不能定稿")
            if status == "final":
                raise StateError(f"{period} 已经定稿")
            from ..audit import month_digest

            if version is None:
                version = self.db.execute("SELECT MAX(version) FROM contract_versions WHERE contract_id = ?",
                                          [contract_id]).fetchone()[0]
            self.db.execute("UPDATE months SET status = 'final', finalized_at = ?, sealed_sha256 = ?, "
                            "contract_version = ? WHERE contract_id = ? AND period = ?",
                            [stamp, month_digest(self.db, contract_id, str(period)), version, contract_id,
                             str(period)])
            self.db.execute("INSERT INTO month_history (contract_id, period, at, action) VALUES (?, ?, ?, 'finalize')",
                            [contract_id, str(period), stamp])

    def reopen(self, contract_id: str, period: Period, reason: str) -> None:
        if not reason.strip():
            raise InputError("重新打开已定稿的月份须说明理由")
        stamp = now()
        with self.db.atomic():
            if self.status(contract_id, period) != "final":
                raise StateError(f"{period} 未定稿，无需重新打开")
            self.db.execute("UPDATE months SET status = 'open', finalized_at = NULL, sealed_sha256 = NULL, "
                            "contract_version = NULL WHERE contract_id = ? AND period = ?",
                            [contract_id, str(period)])
            self.db.execute("INSERT INTO month_history (contract_id, period, at, action, reason) "
                            "VALUES (?, ?, ?, 'reopen', ?)", [contract_id, str(period), stamp, reason.strip()])

    def history(self, contract_id: str, period: Period) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT at, action, reason FROM month_history WHERE contract_id = ? AND period = ? ORDER BY id",
            [contract_id, str(period)])]

    # ------------------------------------------------------------- staffing changes, submissions
    def add_staffing_change(self, contract: Contract, role: str, first: Period, last: Period,
                            required: int, reference: str, approved_on: dt.date) -> None:
        """A change of headcount approved by 甲方 (经甲方同意, henan 第七条2)."""
        if role not in {r.key for r in contract.roles}:
            raise InputError(f"合同 {contract.id} 没有岗位“{role}”")
        if last < first or not (contract.in_term(first) and contract.in_term(last)):
            raise InputError(f"核准的人员变更期间 {first}～{last} 不在服务期内或起止颠倒")
        if not reference.strip():
            raise InputError("须注明甲方同意的依据（文号或记录）")
        with self.db.atomic():
            self.db.execute("INSERT INTO staffing_changes (contract_id, role, first_month, last_month, required, "
                            "reference, approved_on) VALUES (?,?,?,?,?,?,?)",
                            [contract.id, role, str(first), str(last), required, reference.strip(),
                             approved_on.isoformat()])

    def approved_requirements(self, contract: Contract) -> dict[Period, dict[str, int]]:
        result: dict[Period, dict[str, int]] = {}
        for role, first, last, required in self.db.execute(
                "SELECT role, first_month, last_month, required FROM staffing_changes "
                "WHERE contract_id = ? ORDER BY id", [contract.id]):
            for period in months_between(Period.parse(first), Period.parse(last)):
                result.setdefault(period, {})[role] = required
        return result

    def record_submission(self, contract_id: str, period: Period, kind: str, received_on: dt.date,
                          source: str = "", sha256: str = "") -> None:
        with self.db.atomic():
            self.db.execute("INSERT INTO submissions (contract_id, period, kind, received_on, source, sha256) "
                            "VALUES (?,?,?,?,?,?)", [contract_id, str(period), kind, received_on.isoformat(),
                                                      source, sha256])

    def personnel_received(self, contract_id: str) -> dict[Period, frozenset[str]]:
        received: dict[Period, set[str]] = {}
        rows = self.db.execute("SELECT period, kind FROM submissions WHERE contract_id = ?", [contract_id])
        for period, kind in rows:
            received.setdefault(Period.parse(period), set()).add(kind)
        return {p: frozenset(k) for p, k in received.items()}
