"""The assessed term of each contract, kept between views and refreshed from what changed (issue 15).

Every view of the window (walk-through, summary, payments, dashboard) shows figures of the whole term;
assessing it again for each view and each month change cost hundreds of milliseconds with three years of
event logs. The cache keeps ``term_results`` per contract. An announced change (``ui.ops``, the walk-through's
edits and their undo) marks the contract's months from the earliest changed month on: those alone are
assessed again (incidents carry over to later months). A write nobody announced (a page that writes
directly, another program) is seen through ``audit.change_stamp``, which every write moves: then the whole
cache is dropped, so a figure is never stale, only slower to come.
"""
from __future__ import annotations

from dataclasses import dataclass

from auditor.calendar import Period
from auditor.model import Contract
from auditor.operations import Area, Changes
from auditor.scoring import MonthResult
from auditor.service import term_results
from auditor.storage import Store

# What the assessed term depends on: entries and month status, imports (a roster fills the headcount) and
# approvals, the contract's terms, the working-day calendar.
TERM_AREAS = (Area.ENTRIES, Area.PERSONNEL, Area.CONTRACTS, Area.CALENDAR)


@dataclass
class _Term:
    contract: Contract
    results: dict[Period, MonthResult]
    stale_from: Period | None = None  # months from here on to be assessed again


class TermCache:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._terms: dict[str, _Term] = {}
        self._stamp = self._current_stamp()

    def results(self, contract: Contract) -> dict[Period, MonthResult]:
        """The whole term, assessed as ``term_results`` would (a copy: callers may keep it)."""
        self._check_stamp()
        term = self._terms.get(contract.id)
        if term is None or term.contract != contract:
            term = _Term(contract, term_results(self.store, contract))
        elif term.stale_from is not None:
            term = _Term(contract, term_results(self.store, contract, known=term.results, since=term.stale_from))
        self._terms[contract.id] = term
        return dict(term.results)

    def month(self, contract: Contract, period: Period) -> MonthResult:
        return self.results(contract)[period]

    def apply(self, changes: Changes) -> None:
        """After an announced change (before the views read): mark what it changed."""
        self._stamp = self._current_stamp()
        if not changes.touches(*TERM_AREAS):
            return
        if changes.touches(Area.CONTRACTS, Area.CALENDAR) or not changes.contracts:
            self._terms.clear()
            return
        for contract_id in changes.contracts:
            term = self._terms.get(contract_id)
            periods = [p for c, p in changes.months if c == contract_id]
            if term is None:
                continue
            if not periods:
                del self._terms[contract_id]
                continue
            first = min(periods)
            term.stale_from = first if term.stale_from is None else min(term.stale_from, first)

    def clear(self) -> None:
        self._terms.clear()
        self._stamp = self._current_stamp()

    def _check_stamp(self) -> None:
        stamp = self._current_stamp()
        if stamp != self._stamp:  # written without an announcement: nothing known about what changed
            self._terms.clear()
            self._stamp = stamp

    def _current_stamp(self) -> tuple[int, ...]:
        from auditor.audit import change_stamp

        return change_stamp(self.store.db)
