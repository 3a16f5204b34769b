"""Findings (SPEC §8): what failed, with its evidence and clause, ready for a rectification notice.

A month's findings are derived from its assessment; they are stored when the
month is finalised (and kept in step while it is open), so a notice always
cites a fixed record.  Other sources (reconciliation, deadlines,
confidentiality) add theirs through the same repository.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .contract_text import incident_name
from .model import Contract, Status
from .money import format_yuan
from .scoring import MonthResult


@dataclass(frozen=True, slots=True)
class FindingDraft:
    source: str      # indicator | staffing | incident | late | reconciliation | deadline | confidentiality | spot_check
    key: str         # indicator code, role, or the source's own key
    title: str
    detail: str
    clause: str
    amount: Decimal = Decimal("0.00")


def month_findings(contract: Contract, result: MonthResult) -> list[FindingDraft]:
    drafts: list[FindingDraft] = []
    for item in result.items:
        if item.status is not Status.FAIL or item.indicator.derived:
            continue
        consequence = f"，扣减 {format_yuan(item.deduction)}" if item.deduction else \
            (f"，该项不得分（{item.indicator.points.normalize():f} 分）" if item.indicator.points else "")
        drafts.append(FindingDraft("indicator", item.code, f"{item.code} {item.indicator.name}未达标",
                                   f"{result.period.label()}{item.indicator.name}{item.detail}，"
                                   f"合同要求{item.indicator.target_text}{consequence}",
                                   item.indicator.clause, item.deduction))
    for deduction in result.deductions:
        if deduction.kind in ("incident", "staffing", "late") and not (deduction.kind == "incident"
                                                                       and result.incidents is None):
            titles = {"incident": f"发生{incident_name(contract)}", "staffing": "运营团队人员不足",
                      "late": "逾期提供服务"}
            drafts.append(FindingDraft(deduction.kind, deduction.kind, titles[deduction.kind],
                                       f"{result.period.label()}{deduction.basis}，"
                                       f"扣减 {format_yuan(deduction.amount)}",
                                       deduction.clause, deduction.amount))
    if result.staffing_shortfall and not any(d.kind == "staffing" for d in result.deductions):
        roles = "、".join(f"{r.role.name}月均 {r.actual}/{r.required} 人" for r in result.roles if r.shortfall)
        drafts.append(FindingDraft("staffing", "staffing", "运营团队人员不足",
                                   f"{result.period.label()}{roles}，缺口 {result.staffing_shortfall} 人",
                                   contract.clauses.get("staffing", "")))
    return drafts
