"""Edits as data: each knows how to apply itself and returns its own inverse (undo/redo)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .calendar import Period
from .scoring import Measurement
from .storage import Store


@dataclass(frozen=True, slots=True)
class MeasurementEdit:
    """Set one item of a month (``after`` None clears it)."""

    contract_id: str
    period: Period
    code: str
    before: Measurement | None
    after: Measurement | None

    @property
    def label(self) -> str:
        return f"{self.period} {self.code}"

    def apply(self, store: Store) -> None:
        store.months.put_measurement(store.contracts.get(self.contract_id), self.period, self.after, code=self.code)

    def inverse(self) -> "MeasurementEdit":
        return replace(self, before=self.after, after=self.before)


@dataclass(frozen=True, slots=True)
class FactEdit:
    """Set a month fact: ``headcount`` (dict role → Decimal), ``incidents`` or ``late_days``."""

    contract_id: str
    period: Period
    field: str
    before: Any
    after: Any

    @property
    def label(self) -> str:
        return f"{self.period} {self.field}"

    def apply(self, store: Store) -> None:
        store.months.set_fact(store.contracts.get(self.contract_id), self.period, self.field, self.after)

    def inverse(self) -> "FactEdit":
        return replace(self, before=self.after, after=self.before)


def current_fact(store: Store, contract_id: str, period: Period, field: str) -> Any:
    entries = store.months.load(contract_id, period)
    if entries is None:
        return None
    value = getattr(entries, field)
    return dict(value) if isinstance(value, dict) else value


def current_measurement(store: Store, contract_id: str, period: Period, code: str) -> Measurement | None:
    entries = store.months.load(contract_id, period)
    return entries.measurements.get(code) if entries else None

