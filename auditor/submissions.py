"""The operator's monthly files (SPEC §6): which kinds there are, what they are called, when each is due.

One home for the rule, read by the dashboard's deadlines, the reconciliation's late and missing
findings, the payment-refusal conditions and the walk-through, so that they cannot disagree.
A kind is due on the ``day_of_month`` its contract obligation names (an obligation without a day sets no
deadline). The month that day falls in is a reading (docs/decisions.md, "Money paths"): by default the
personnel files of month M (人员名单, 工资表, 五险一金, 转账记录) are due in M+1 — the payroll and transfers
of M cannot exist earlier — and the 排班表 of M in M itself; ``settings.personnel_due = same_month`` puts
all of them in M. A day that fell before the contract was signed is no deadline (the obligation did not
exist yet): those files are never late or missing, and their absence is no reason to refuse a payment.
With ``settings.assessment_start = signing`` the months before the signing month are not assessed at all.
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


def first_assessed(contract: Contract) -> Period:
    """The first month assessed: the service start, or with ``assessment_start = signing`` the signing month."""
    start = contract.first_period
    if contract.settings.assessment_start == "signing" and contract.signed_on is not None:
        return max(start, Period.of(contract.signed_on))
    return start


def assessed(contract: Contract, period: Period) -> bool:
    """Whether ``period`` is assessed at all (in the term, and not before the first assessed month)."""
    return contract.in_term(period) and period >= first_assessed(contract)


def _day_in(period: Period, day: int) -> dt.date:
    """The ``day`` of ``period``, or its last day when the month is shorter (a 31st in February)."""
    return min(dt.date(period.year, period.month, 1) + dt.timedelta(days=day - 1), period.last_day)


def before_signing(contract: Contract, day: dt.date) -> bool:
    """Whether ``day`` came before the contract was signed: no deadline of the contract fell on it."""
    return contract.signed_on is not None and day < contract.signed_on


def due_on(contract: Contract, rule: Clause | None, period: Period, kind: str,
           default_day: int | None = None) -> dt.date | None:
    """The day by which ``rule`` wants the ``kind`` file of ``period``; ``default_day`` (or None: no deadline)
    when the rule names no day; None for a month that is not assessed, or a day before the signing."""
    day = (rule.day_of_month if rule is not None else None) or default_day
    if not day or not assessed(contract, period):
        return None
    month = period.next() if kind in PERSONNEL_KINDS and contract.settings.personnel_due == "next_month" else period
    deadline = _day_in(month, day)
    return None if before_signing(contract, deadline) else deadline


def due(contract: Contract, period: Period, kind: str) -> tuple[Clause, dt.date] | None:
    """The obligation ``kind`` falls under and its day for ``period``; None when the contract sets no day."""
    rule = contract.obligation(OBLIGATIONS[kind])
    day = due_on(contract, rule, period, kind)
    return None if rule is None or day is None else (rule, day)


def state(deadline: dt.date, received: dt.date | None, today: dt.date) -> str:
    """on_time | late (received after the day) | missing (the day has passed without it) | pending."""
    if received is not None:
        return "on_time" if received <= deadline else "late"
    return "missing" if today > deadline else "pending"
