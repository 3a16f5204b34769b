"""Operations the CLI and the UI share: load what is stored, run the engine, write atomically."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from .calendar import Period, months_between
from .entries import load_entries_file, parse_entries
from .errors import InputError
from .model import Contract
from .scoring import InstallmentResult, MonthEntries, MonthResult, assess_installments, assess_month
from .storage import Store
from .submissions import assessed

log = logging.getLogger(__name__)


def parse_period(contract: Contract, text: str) -> Period:
    period = Period.parse(text)
    if not contract.in_term(period):
        raise InputError(f"{period} 不在合同 {contract.id} 的服务期"
                         f"（{contract.first_period} 至 {contract.last_period}）内")
    return period


def _assessed_under(store: Store, contract: Contract, finalised: Mapping[Period, int | None]
                    ) -> dict[Period, tuple[Contract, str | None]]:
    """Each finalised month → the contract version it is assessed with, and a warning when that version
    is not held here (a month that came from a bundle): then the current content is the best available."""
    held = store.contracts.at_versions(contract.id, (v for v in finalised.values() if v))
    under: dict[Period, tuple[Contract, str | None]] = {}
    for period, number in finalised.items():
        if number in held:
            under[period] = (held[number], None)
        else:
            missing = f"定稿时记录的合同第 {number} 版在本机不存在" if number else "定稿时未记录合同版本"
            under[period] = (contract, f"{missing}，按现行合同考核")
    return under


def assessed_under(store: Store, contract: Contract, period: Period) -> Contract:
    """The contract a month is assessed with: its recorded version once finalised, else the current one."""
    finalised = store.months.finalised_versions(contract.id)
    if period not in finalised:
        return contract
    return _assessed_under(store, contract, {period: finalised[period]})[period][0]


def term_results(store: Store, contract: Contract, until: Period | None = None, *,
                 known: Mapping[Period, MonthResult] | None = None, since: Period | None = None,
                 tally_before: Period | None = None) -> dict[Period, MonthResult]:
    """Every month of the term in order; a finalised month with the contract version it was finalised
    under (an edit made since cannot move a signed figure), an open month with ``contract``.

    ``known`` and ``since``: the months before ``since`` are taken from ``known`` (nothing they depend on
    changed: the app's cache after an edit of one month), the later ones assessed again, as incidents carry
    over from month to month. ``tally_before``: the months before it are not assessed, only the incidents
    entered in them added up as ``assess_month`` does (nor are they in the result)."""
    last = min(until, contract.last_period) if until else contract.last_period
    first = contract.first_period
    if known is not None and since is not None and first < since <= last:
        if all(p in known for p in months_between(first, since.shift(-1))):
            first = since
    keep = {p: known[p] for p in months_between(contract.first_period, first.shift(-1))} if known else {}
    entries = store.months.load_all(contract.id, None if first == contract.first_period else
                                    months_between(first, last))
    under = _assessed_under(store, contract, store.months.finalised_versions(contract.id))
    calendar = store.calendar()
    approved = store.months.approved_requirements(contract)
    results: dict[Period, MonthResult] = dict(keep)
    incidents = keep[first.shift(-1)].incidents_to_date if keep else 0
    for period in months_between(first, last):
        month = entries.get(period) or MonthEntries(period)
        version, warning = under.get(period, (contract, None)) if month.finalized else (contract, None)
        if tally_before is not None and period < tally_before:
            if assessed(version, period) or not version.in_term(period):  # else _not_assessed: nothing counted
                incidents += month.incidents or 0
            continue
        result = assess_month(version, month, calendar, incidents, approved.get(period))
        if warning:
            result = replace(result, warnings=result.warnings + (warning,))
        incidents = result.incidents_to_date
        results[period] = result
    return results


def month_result(store: Store, contract: Contract, period: Period) -> MonthResult:
    """One month. Incidents accumulate over the term: of the earlier months only those are added up, so
    ``auditor score`` of the 36th month does not assess the 35 before it."""
    return term_results(store, contract, until=period, tally_before=period)[period]


def installment_terms(store: Store, contract: Contract) -> list[Contract]:
    """For each installment, the contract version its own terms (amount, percent, bands) come from: the
    version in force at its last finalised month; the current one while none of its months is finalised
    (or when that version had other installments)."""
    finalised = store.months.finalised_versions(contract.id)
    under = _assessed_under(store, contract, finalised)
    terms = []
    for installment in contract.installments:
        window = (months_between(installment.first_month, installment.last_month)
                  if installment.first_month and installment.last_month else [])
        done = [p for p in window if p in under]
        version = under[done[-1]][0] if done else contract
        same_shape = [i.number for i in version.installments] == [i.number for i in contract.installments]
        terms.append(version if same_shape else contract)
    return terms


def installment_results(store: Store, contract: Contract,
                        months: dict[Period, MonthResult] | None = None) -> list[InstallmentResult]:
    """Every installment; pass ``months`` when the term was just assessed, to not do it twice.

    Each month's figures come from its own version; each installment's own terms from installment_terms; a paid
    installment's figures are the ones frozen when it was paid (what changed since adjusts the next one)."""
    return assess_installments(contract, months if months is not None else term_results(store, contract),
                               store.months.personnel_received(contract.id), terms=installment_terms(store, contract),
                               payments=store.payments.load(contract.id), calendar=store.calendar(),
                               changed_on=store.payments.month_changes(contract.id))


def installment_result(store: Store, contract: Contract, number: int) -> InstallmentResult:
    results = installment_results(store, contract)
    if not 1 <= number <= len(results):
        raise InputError(f"合同 {contract.id} 共有 {len(results)} 期付款，没有第 {number} 期")
    return results[number - 1]


def record_file(store: Store, path: Path) -> tuple[Contract, MonthEntries]:
    """Validate an entries file completely, then replace that month in one transaction."""
    data = load_entries_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("contract"), str):
        raise InputError(f"{path.name}: 缺少 contract（合同编号）")
    contract = store.contracts.get(data["contract"])
    entries = parse_entries(contract, data, source=path.name)
    store.months.record(contract, entries)
    log.info("recorded the entries of %s %s: %d measurements", contract.id, entries.period, len(entries.measurements))
    return contract, entries


def finalize_month(store: Store, contract: Contract, period: Period) -> MonthResult:
    """Freeze the month under the contract version in force and store its findings, in one transaction.

    The contract is read again inside the transaction: the version recorded is the one assessed, even
    when the caller's copy is older than an edit made meanwhile."""
    from .findings import month_findings

    with store.db.atomic():
        version = store.contracts.ensure_version(contract.id)
        current = store.contracts.get(contract.id)
        result = month_result(store, current, period)
        store.months.finalize(contract.id, period, result.complete, result.missing, version=version)
        findings = month_findings(current, result)
        store.findings.sync(contract.id, period, findings)
    log.info("finalised %s %s under contract version %s: %s, %d findings", contract.id, period, version,
             "complete" if result.complete else f"{len(result.missing)} items missing", len(findings))
    return result
