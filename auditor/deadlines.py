"""Month states and upcoming deadlines for the dashboard.

A month is *overdue* when it has ended and is still not finalised by the
10th of the following month (the day henan's personnel information of the month is due;
the same day is used for luoyang). This is a product decision (docs/decisions.md). A month whose day
came before the contract was signed, or that is not assessed (``assessment_start = signing``), is never
overdue: nobody could have finalised it in time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import Period, months_between
from .model import Contract
from .submissions import PERSONNEL_KINDS, assessed, before_signing, due

OVERDUE_DAY = 10


@dataclass(frozen=True, slots=True)
class Deadline:
    day: dt.date
    text: str
    kind: str  # schedule | personnel | installment | notice


def month_state(period: Period, status: str | None, today: dt.date, contract: Contract | None = None) -> str:
    """done | in_progress | not_started | overdue | future."""
    if status == "final":
        return "done"
    if period.first_day > today:
        return "future"
    overdue_from = dt.date(period.next().year, period.next().month, OVERDUE_DAY)
    if today >= overdue_from and (contract is None or (assessed(contract, period)
                                                       and not before_signing(contract, overdue_from))):
        return "overdue"
    return "in_progress" if status == "open" else "not_started"


def upcoming(contract: Contract, today: dt.date, days: int = 60) -> list[Deadline]:
    horizon = today + dt.timedelta(days=days)
    found: list[Deadline] = []
    for period in months_between(contract.first_period, contract.last_period):
        # the four personnel files fall under one obligation, so one line (and the roster's day) stands for them
        for kind, sample, what in (("schedule", "schedule", "排班表"),
                                   ("personnel", PERSONNEL_KINDS[0], "人员名单、工资表、五险一金、转账记录")):
            dated = due(contract, period, sample)
            if dated is not None and today <= dated[1] <= horizon:
                rule, day = dated
                found.append(Deadline(day, f"{period.label()}{what}报送截止（{rule.clause}）", kind))
    for inst in contract.installments:
        if inst.due and today <= inst.due <= horizon:
            found.append(Deadline(inst.due, f"第{inst.number}期付款（{inst.due_text}）", "installment"))
    return sorted(found, key=lambda d: d.day)


