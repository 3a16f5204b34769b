"""The operator's monthly files (SPEC §6): which kinds there are, what they are called, when each is due.

One home for the rule, read by the dashboard's deadlines, the reconciliation's late and missing
findings, the payment-refusal conditions and the walk-through, so that they cannot disagree.
A kind is due on the ``day_of_month`` its contract obligation names, in the month it covers
(docs/decisions.md, "Late/missing submissions"); an obligation without a day sets no deadline.
"""
from __future__ import annotations

import datetime as dt

from .calendar import Period
from .model import Clause, Contract

KINDS = ("roster", "schedule", "payroll", "insurance", "transfers")
PERSONNEL_KINDS = ("roster", "payroll", "insurance", "transfers")  # 人员信息 (henan 第二条2)
KIND_LABELS = {"roster": "人员名单", "schedule": "排班表", "payroll": "工资表", "insurance": "五险一金缴纳记录",
               "transfers": "工资发放转账记录"}
OBLIGATIONS = {"schedule": "schedule_submission", **{kind: "personnel_submission" for kind in PERSONNEL_KINDS}}

STATES = ("on_time", "late", "missing", "pending")


def due_on(rule: Clause | None, period: Period, default_day: int | None = None) -> dt.date | None:
    """The day of ``period`` by which ``rule`` wants its files; ``default_day`` (or None) when it names no day."""
    day = (rule.day_of_month if rule is not None else None) or default_day
    return dt.date(period.year, period.month, day) if day else None


def due(contract: Contract, period: Period, kind: str) -> tuple[Clause, dt.date] | None:
    """The obligation ``kind`` falls under and its day in ``period``; None when the contract sets no day."""
    rule = contract.obligation(OBLIGATIONS[kind])
    day = due_on(rule, period)
    return None if rule is None or day is None else (rule, day)


def state(deadline: dt.date, received: dt.date | None, today: dt.date) -> str:
    """on_time | late (received after the day) | missing (the day has passed without it) | pending."""
    if received is not None:
        return "on_time" if received <= deadline else "late"
    return "missing" if today > deadline else "pending"
