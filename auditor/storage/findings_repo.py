"""Stored findings: a month's are kept in step with its assessment until a notice cites them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..calendar import Period
from ..findings import FindingDraft
from .db import Store, now


@dataclass(frozen=True, slots=True)
class Finding:
    id: int
    contract_id: str
    period: Period
    source: str
    key: str
    title: str
    detail: str
    clause: str
    amount: Decimal
    status: str
    created_at: dt.datetime


_COLUMNS = "id, contract_id, period, source, key, title, detail, clause, amount, status, created_at"


def _finding(row: tuple[Any, ...]) -> Finding:
    return Finding(row[0], row[1], Period.parse(row[2]), row[3], row[4], row[5], row[6], row[7], Decimal(row[8]),
                   row[9], dt.datetime.fromisoformat(row[10]))


class FindingsRepo:
    def __init__(self, store: Store) -> None:
        self.db = store.db

    def sync(self, contract_id: str, period: Period, drafts: Iterable[FindingDraft],
             sources: tuple[str, ...] = ("indicator", "staffing", "incident", "late")) -> None:
        """Make the month's open findings of ``sources`` match ``drafts``; cited ones are never touched."""
        drafts = list(drafts)
        wanted = {(d.source, d.key) for d in drafts}
        stamp = now()
        with self.db.atomic():
            for fid, source, key in self.db.execute(
                    f"SELECT id, source, key FROM findings WHERE contract_id = ? AND period = ? AND status = 'open' "
                    f"AND source IN ({','.join('?' * len(sources))})", [contract_id, str(period), *sources]).fetchall():
                if (source, key) not in wanted:
                    self.db.execute("DELETE FROM findings WHERE id = ?", [fid])
            for d in drafts:
                self.db.execute(
                    "INSERT INTO findings (contract_id, period, source, key, title, detail, clause, amount, "
                    "created_at) VALUES (?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT (contract_id, period, source, key) DO UPDATE SET "
                    "title = excluded.title, detail = excluded.detail, clause = excluded.clause, "
                    "amount = excluded.amount "
                    "WHERE findings.status = 'open'",
                    [contract_id, str(period), d.source, d.key, d.title, d.detail, d.clause, f"{d.amount:.2f}", stamp])

    def list(self, contract_id: str, period: Period | None = None, status: str | None = None) -> list[Finding]:
        sql = f"SELECT {_COLUMNS} FROM findings WHERE contract_id = ?"
        args: list[str] = [contract_id]
        if period is not None:
            sql += " AND period = ?"
            args.append(str(period))
        if status is not None:
            sql += " AND status = ?"
            args.append(status)
        return [_finding(r) for r in self.db.execute(sql + " ORDER BY period, id", args)]

    def get(self, finding_id: int) -> Finding:
        from ..errors import NotFoundError

        row = self.db.execute(f"SELECT {_COLUMNS} FROM findings WHERE id = ?", [finding_id]).fetchone()
        if row is None:
            raise NotFoundError(f"没有编号为 {finding_id} 的问题")
        return _finding(row)
