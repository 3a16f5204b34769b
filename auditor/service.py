"""Operations the CLI and the UI share: load what is stored, run the engine, write atomically."""
from __future__ import annotations

from pathlib import Path

from .calendar import Period
from .entries import load_entries_file, parse_entries
from .errors import InputError
from .model import Contract
from .scoring import InstallmentResult, MonthEntries, MonthResult, assess_installments, assess_term
from .storage import Store


def parse_period(contract: Contract, text: str) -> Period:
    period = Period.parse(text)
    if not contract.in_term(period):
        raise InputError(f"{period} 不在合同 {contract.id} 的服务期（{contract.first_period} 至 {contract.last_period}）内")
    return period


def term_results(store: Store, contract: Contract, until: Period | None = None) -> dict[Period, MonthResult]:
    return assess_term(contract, store.months.load_all(contract.id), store.calendar(),
                       store.months.approved_requirements(contract), until=until)


def month_result(store: Store, contract: Contract, period: Period) -> MonthResult:
    # incidents accumulate over the term, so earlier months are assessed too
    return term_results(store, contract, until=period)[period]


def installment_results(store: Store, contract: Contract,
                        months: dict[Period, MonthResult] | None = None) -> list[InstallmentResult]:
    """Every installment; pass ``months`` when the term was just assessed, to not do it twice."""
    return assess_installments(contract, months if months is not None else term_results(store, contract),
                               store.months.personnel_received(contract.id))


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
    return contract, entries


def finalize_month(store: Store, contract: Contract, period: Period) -> MonthResult:
    """Freeze the month and store its findings, in one transaction."""
    from .findings import month_findings

    result = month_result(store, contract, period)
    with store.db.atomic():
        store.months.finalize(contract.id, period, result.complete, result.missing)
        store.findings.sync(contract.id, period, month_findings(contract, result))
    return result
