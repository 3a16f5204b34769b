"""The JSON forms of a month's and an installment's results.

One form serves ``auditor score/payment --json`` and the content of the documents issued from them (the
register hashes it), so it lives beside the results, below both the CLI and the documents. Amounts are
text with two decimals, never floats.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from .scoring import Deduction, InstallmentResult, MonthResult, format_measure


def money_text(value: Decimal | None) -> str | None:
    """An amount as ``"1234.50"``; None stays None (not computed, not zero)."""
    return None if value is None else f"{value:.2f}"


def number_text(value: Decimal | None) -> str | None:
    """A figure without trailing zeros (``5`` not ``5.00``, ``0.5`` kept)."""
    if value is None:
        return None
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def month_to_dict(result: MonthResult, readings: list[str] | None = None) -> dict[str, Any]:
    return {
        "contract": result.contract_id,
        "period": str(result.period),
        "score": None if result.score is None else f"{result.score:.2f}",
        "deduction_total": money_text(result.deduction_total),
        "complete": result.complete,
        "finalized": result.finalized,
        "missing": list(result.missing),
        "items": [{
            "code": i.code, "name": i.indicator.name, "status": i.status.value,
            "target": i.indicator.target_text,
            "actual": None if i.actual is None else format_measure(i.actual, i.indicator),
            "points": number_text(i.points), "deduction": money_text(i.deduction), "detail": i.detail,
        } for i in result.items],
        "staffing": {
            "status": result.staffing_status.value,
            "shortfall": result.staffing_shortfall,
            "roles": [{"role": r.role.key, "name": r.role.name, "required": r.required,
                       "actual": number_text(r.actual), "shortfall": r.shortfall} for r in result.roles],
        },
        "incidents": result.incidents,
        "incidents_to_date": result.incidents_to_date,
        "late_days": result.late_days,
        "deductions": [deduction_to_dict(d) for d in result.deductions],
        "warnings": list(result.warnings),
        "readings": list(readings or []),
    }


def deduction_to_dict(d: Deduction) -> dict[str, Any]:
    return {"kind": d.kind, "period": str(d.period), "code": d.code or None, "amount": money_text(d.amount),
            "basis": d.basis, "clause": d.clause}


def installment_to_dict(result: InstallmentResult) -> dict[str, Any]:
    inst = result.installment
    return {
        "contract": result.contract_id,
        "installment": inst.number,
        "percent": number_text(inst.percent),
        "due": inst.due.isoformat() if inst.due else None,
        "due_text": inst.due_text,
        "months": [str(p) for p in result.months],
        "amount": money_text(result.amount),
        "score": None if result.score is None else f"{result.score:.2f}",
        "band_percent": number_text(result.band_percent),
        "gross": money_text(result.gross),
        "deduction_total": money_text(result.deduction_total),
        "carried_in": money_text(result.carried_in),
        "payable": money_text(result.payable),
        "carried_over": money_text(result.carried_over),
        "bond_claim": money_text(result.bond_claim),
        "provisional": result.provisional,
        "incomplete_months": [str(p) for p in result.incomplete_months],
        "unfinalized_months": [str(p) for p in result.unfinalized_months],
        "deductions": [deduction_to_dict(d) for d in result.deductions],
        "refusal_conditions": list(result.refusal_conditions),
        "warnings": list(result.warnings),
    }
