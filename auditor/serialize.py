"""The JSON forms of a month's and an installment's results.

One form serves ``auditor score/payment --json`` and the content of the documents issued from them (the
register hashes it), so it lives beside the results, below both the CLI and the documents. Amounts are
text with two decimals, never floats.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .calendar import Period
from .model import Installment
from .money import format_yuan
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
        "provisional": result.provisional,
        "assessed": result.assessed,
        "readings": list(readings or []),
    }


def deduction_to_dict(d: Deduction) -> dict[str, Any]:
    return {"kind": d.kind, "period": str(d.period), "code": d.code or None, "amount": money_text(d.amount),
            "basis": d.basis, "clause": d.clause, "provisional": d.provisional}


def deduction_from_dict(data: dict[str, Any]) -> Deduction:
    return Deduction(data["kind"], Period.parse(data["period"]), data.get("code") or "", Decimal(data["amount"]),
                     data["basis"], data["clause"], bool(data.get("provisional", False)))


def month_notes(result: MonthResult) -> list[str]:
    """What the CLI says under a month's figures, and the score sheet prints: warnings, what is missing."""
    lines = [f"注意：{warning}" for warning in result.warnings]
    if result.provisional:
        lines.append("暂估：含未录入项目的暂估扣减（按不达标计）" if any(d.provisional for d in result.deductions)
                     else "暂估：本月尚有未录入的项目")
    if not result.complete:
        lines.append(f"未录入：{'、'.join(result.missing)}")
    return lines


def remainder_rows(result: InstallmentResult) -> list[tuple[str, str]]:
    """What is left after the installment pays: carried to the next one, or after the last one the whole
    remainder with its split into the bond claim (contracts with a bond) and what is to be recovered."""
    if not result.carried_over:
        return []
    if not result.is_last:
        return [("结转下期扣减", format_yuan(result.carried_over))]
    rows = [("末期后仍余扣减", format_yuan(result.carried_over))]
    if result.bond_held is not None:
        rows.append(("可从履约保证金中扣除", format_yuan(result.bond_claim)))
    if result.to_recover:
        rows.append(("须另行向乙方追偿", format_yuan(result.to_recover)))
    return rows


def installment_notes(result: InstallmentResult) -> list[str]:
    """What the CLI says under an installment's figures, and every sheet of it prints: the payment, the bond's
    return, provisional months, refusal conditions and warnings (the remainder after the last one among them)."""
    lines = []
    if result.paid is not None:
        paid = result.paid
        lines.append(f"已付款：{paid.paid_on} 实付 {format_yuan(paid.amount)}"
                     + (f"（凭证 {paid.voucher}）" if paid.voucher else "") + "；本期数字按付款时冻结")
    if result.is_last and result.bond_return_on is not None and result.bond_held is not None:
        lines.append(f"履约保证金 {format_yuan(result.bond_held)} 的退还日：{result.bond_return_on}")
    months = "、".join(str(p) for p in result.unfinalized_months)
    if result.provisional and result.paid is not None:
        lines.append(f"付款时为暂估（未完成或未定稿的月份 {months}），此后的变动列入下一未付期次的调整")
    elif result.provisional:
        lines.append(f"暂估：未完成或未定稿的月份 {months}")
    lines += [f"注意：{line}" for line in result.refusal_conditions + result.warnings]
    return lines


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
        "score": result.score_text,
        "annual_points": number_text(result.annual_points),
        "band_percent": number_text(result.band_percent),
        "gross": money_text(result.gross),
        "deduction_total": money_text(result.deduction_total),
        "carried_in": money_text(result.carried_in),
        "payable": money_text(result.payable),
        "carried_over": money_text(result.carried_over),
        "bond_claim": money_text(result.bond_claim),
        "to_recover": money_text(result.to_recover),
        "last": result.is_last,
        "bond_held": money_text(result.bond_held),
        "bond_return_on": result.bond_return_on.isoformat() if result.bond_return_on else None,
        "provisional": result.provisional,
        "incomplete_months": [str(p) for p in result.incomplete_months],
        "unfinalized_months": [str(p) for p in result.unfinalized_months],
        "deductions": [deduction_to_dict(d) for d in result.deductions],
        "refusal_conditions": list(result.refusal_conditions),
        "warnings": list(result.warnings),
        "deducts": inst.deducts,
        "clause": inst.clause,
        "paid": None if result.paid is None else {
            "paid_on": result.paid.paid_on.isoformat(), "amount": money_text(result.paid.amount),
            "voucher": result.paid.voucher or None, "recorded_at": result.paid.recorded_at},
    }


def installment_from_dict(data: dict[str, Any]) -> InstallmentResult:
    """The figures an installment was frozen with (``installment_to_dict`` when it was paid), read back."""
    months = tuple(Period.parse(p) for p in data["months"])
    installment = Installment(int(data["installment"]), Decimal(data["percent"]),
                              dt.date.fromisoformat(data["due"]) if data.get("due") else None, data["due_text"],
                              months[0] if months else None, months[-1] if months else None,
                              bool(data.get("deducts", bool(months))), data.get("clause", ""))

    def money(key: str) -> Decimal:
        return Decimal(data[key]) if data.get(key) is not None else Decimal("0.00")

    return InstallmentResult(
        contract_id=data["contract"], installment=installment, amount=money("amount"), months=months,
        score=Decimal(data["score"]) if data.get("score") is not None else None,
        band_percent=Decimal(data["band_percent"]) if data.get("band_percent") is not None else None,
        gross=money("gross"), deductions=tuple(deduction_from_dict(d) for d in data["deductions"]),
        carried_in=money("carried_in"), payable=money("payable"), carried_over=money("carried_over"),
        bond_claim=money("bond_claim"),
        incomplete_months=tuple(Period.parse(p) for p in data.get("incomplete_months", [])),
        unfinalized_months=tuple(Period.parse(p) for p in data.get("unfinalized_months", [])),
        refusal_conditions=tuple(data.get("refusal_conditions", [])), warnings=tuple(data.get("warnings", [])),
        to_recover=money("to_recover"), is_last=bool(data.get("last", False)),
        bond_held=Decimal(data["bond_held"]) if data.get("bond_held") is not None else None,
        bond_return_on=dt.date.fromisoformat(data["bond_return_on"]) if data.get("bond_return_on") else None,
        annual_points=Decimal(data["annual_points"]) if data.get("annual_points") is not None else None,
    )
