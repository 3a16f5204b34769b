"""Paid installments: when, how much, the voucher, and the figures frozen when the payment was recorded.

The rows are never changed or deleted (triggers, migration 0012): a payment is a fact, and its
installment's figures stay what they were when it was paid.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ..calendar import Period
from ..errors import StateError
from ..hashing import json_sha256
from ..scoring import InstallmentResult, Paid
from .db import Store, now


class PaymentsRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def record(self, frozen: InstallmentResult, paid_on: dt.date, amount: Decimal,
               voucher_id: int | None = None) -> None:
        """Store the payment of ``frozen``'s installment with ``frozen`` as its figures from now on."""
        from ..serialize import installment_to_dict

        content = installment_to_dict(frozen)
        with self.db.atomic():
            if self.paid_numbers(frozen.contract_id) & {frozen.number}:
                raise StateError(f"{frozen.contract_id} 第 {frozen.number} 期已登记付款，付款记录不能修改")
            self.db.execute(
                "INSERT INTO payments (contract_id, number, paid_on, amount, voucher_id, frozen, frozen_sha256, "
                "recorded_at) VALUES (?,?,?,?,?,?,?,?)",
                [frozen.contract_id, frozen.number, paid_on.isoformat(), f"{amount:.2f}", voucher_id,
                 json.dumps(content, ensure_ascii=False, sort_keys=True),
                 json_sha256(content, sort_keys=True, compact=True), now()])

    def paid_numbers(self, contract_id: str) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT number FROM payments WHERE contract_id = ?", [contract_id])}

    def load(self, contract_id: str) -> dict[int, Paid]:
        """Each paid installment's number → its payment, the frozen figures read back."""
        from ..serialize import installment_from_dict

        paid: dict[int, Paid] = {}
        for number, paid_on, amount, frozen, recorded_at, filename in self.db.execute(
                "SELECT p.number, p.paid_on, p.amount, p.frozen, p.recorded_at, e.filename FROM payments p "
                "LEFT JOIN evidence e ON e.id = p.voucher_id WHERE p.contract_id = ? ORDER BY p.number",
                [contract_id]):
            paid[number] = Paid(number, dt.date.fromisoformat(paid_on), Decimal(amount), filename or "", recorded_at,
                                installment_from_dict(json.loads(frozen)))
        return paid

    def month_changes(self, contract_id: str) -> dict[Period, dt.date]:
        """The day each month's entries were last changed (recorded, edited, finalised or reopened), to date
        the adjustments a change after a payment causes."""
        changed: dict[Period, dt.date] = {}
        rows = self.db.execute(
            "SELECT period, MAX(at) FROM (SELECT period, updated_at AS at FROM months WHERE contract_id = ? "
            "UNION ALL SELECT period, finalized_at FROM months WHERE contract_id = ? AND finalized_at IS NOT NULL "
            "UNION ALL SELECT period, at FROM month_history WHERE contract_id = ?) GROUP BY period",
            [contract_id, contract_id, contract_id])
        for period, at in rows:
            if at:
                changed[Period.parse(period)] = dt.datetime.fromisoformat(at).date()
        return changed
