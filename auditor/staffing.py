"""Who works there (SPEC §5): roster people, monthly average headcount, turnover, managers, departures,
and the on-site spot check.

Decisions (docs/decisions.md): the monthly average headcount is the mean over the
month's calendar days of the persons employed that day (hired on or before it,
not yet left); turnover is leavers in the month / that average.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict

from . import idcard
from .calendar import Period
from .model import Contract


class SpotCheck(TypedDict):
    """A spot check's record; it goes into the register as the document's content, as it is."""

    id: int
    contract_id: str
    started_at: str
    place: str
    inspectors: str
    finished_at: str | None
    failed: int | None
    summary: str


DEGREE_WORDS = ("本科", "学士", "硕士", "研究生", "博士")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    id_number: str
    employee_no: str
    role: str
    hire_date: dt.date | None
    leave_date: dt.date | None
    education: str
    experience_years: Decimal | None
    row: int

    @property
    def key(self) -> str:
        return self.id_number or f"{self.name}#{self.employee_no}"

    @property
    def masked_id(self) -> str:
        return idcard.mask(self.id_number) if self.id_number else ""

    def employed_on(self, day: dt.date) -> bool:
        return (self.hire_date is None or self.hire_date <= day) and (self.leave_date is None or day <= self.leave_date)


def people(records: Iterable[Mapping[str, Any]]) -> list[Person]:
    return [Person(r.get("name") or "", r.get("id_number") or "", r.get("employee_no") or "", r.get("role") or "",
                   r.get("hire_date"), r.get("leave_date"), r.get("education") or "", r.get("experience_years"),
                   r.get("_row", 0)) for r in records]


def days_employed(person: Person, first_day: dt.date, last_day: dt.date) -> int:
    """The days from ``first_day`` to ``last_day`` that ``person`` is on the roster (hire and leave day counted)."""
    first = max(person.hire_date, first_day) if person.hire_date else first_day
    last = min(person.leave_date, last_day) if person.leave_date else last_day
    return max((last - first).days + 1, 0)


def average_headcount(staff: list[Person], period: Period, roles: Iterable[str]) -> dict[str, Decimal]:
    """Each role's person-days on the roster / the month's days (the daily headcount averaged over the month).

    Counted per person (the days of the month they are employed) rather than per day and person: the same
    sum, and 2,000 persons × 31 days is 62,000 comparisons that a month change on the GUI thread cannot afford.
    """
    first_day, last_day = period.first_day, period.last_day
    days = (last_day - first_day).days + 1
    totals = dict.fromkeys(roles, 0)
    for person in staff:
        if person.role in totals:
            totals[person.role] += days_employed(person, first_day, last_day)
    return {role: (Decimal(total) / days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            for role, total in totals.items()}


def leavers(staff: list[Person], period: Period) -> list[Person]:
    first_day, last_day = period.first_day, period.last_day
    return [p for p in staff if p.leave_date and first_day <= p.leave_date <= last_day]


def turnover_percent(staff: list[Person], period: Period, roles: Iterable[str]) -> Decimal | None:
    """LY-14 人员流失率: leavers in the month / monthly average headcount × 100."""
    average = sum(average_headcount(staff, period, roles).values(), Decimal(0))
    if not average:
        return None
    return (Decimal(len(leavers(staff, period))) * 100 / average).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def manager_qualified(person: Person) -> bool:
    """henan 第六条6(1): 本科以上学历 or 同类业务 3 年以上管理经验."""
    return any(w in person.education for w in DEGREE_WORDS) or (person.experience_years or 0) >= 3


# ----------------------------------------------------------------- spot check

SPOT_STATUSES = {"present": "在岗", "leave": "请假", "absent": "缺岗", "unmarked": "未核"}


@dataclass(frozen=True, slots=True)
class SpotEntry:
    key: str
    name: str
    employee_no: str
    role: str
    on_roster: bool
    status: str = "unmarked"


@dataclass(frozen=True, slots=True)
class SpotResult:
    by_role: Mapping[str, Mapping[str, int]]   # role → status → count
    failed: bool
    reasons: tuple[str, ...]


def scheduled_now(staff: list[Person], schedule: Iterable[Mapping[str, Any]], at: dt.datetime) -> list[Person]:
    """Persons on the 排班表 for the shift holding ``at``; the whole active roster when there is no schedule.

    A night shift (its end before its start) runs into the next day: after midnight it is the shift that
    began the evening before that is on the floor, not the one of the same date starting tonight."""
    today, yesterday = at.date(), at.date() - dt.timedelta(days=1)
    now = at.time()

    def still_on(row: Mapping[str, Any]) -> bool:  # last night's shift, reaching into today
        start, end = row.get("start"), row.get("end")
        return bool(start and end and start > end and now < end)

    rows = [r for r in schedule if r.get("date") == today]
    carried = [r for r in schedule if r.get("date") == yesterday and still_on(r)]
    if not rows and not carried:
        return [p for p in staff if p.employed_on(today)]
    on_shift = set()
    for row in rows:
        start, end = row.get("start"), row.get("end")
        if start and end and not (start <= now < end if start < end else now >= start):  # tonight's from its start
            continue
        on_shift.add(row.get("id_number") or row.get("employee_no") or row.get("name"))
    for row in carried:
        on_shift.add(row.get("id_number") or row.get("employee_no") or row.get("name"))
    return [p for p in staff if p.employed_on(today) and
            (p.id_number in on_shift or p.employee_no in on_shift or p.name in on_shift)]


def find(entries: list[SpotEntry], text: str) -> list[SpotEntry]:
    """Entries whose name or employee number contains ``text`` (unmarked first)."""
    needle = text.strip().lower()
    if not needle:
        return []
    hits = [e for e in entries if needle in e.name.lower() or (e.employee_no and needle in e.employee_no.lower())]
    return sorted(hits, key=lambda e: (e.status != "unmarked", not e.name.lower().startswith(needle), e.name))


def spot_result(contract: Contract, entries: list[SpotEntry]) -> SpotResult:
    """SPEC §5: the check fails when anyone is 缺岗 without approval, or someone working is not on the roster."""
    by_role: dict[str, dict[str, int]] = {r.key: {s: 0 for s in SPOT_STATUSES} for r in contract.roles}
    for entry in entries:
        by_role.setdefault(entry.role, {s: 0 for s in SPOT_STATUSES})[entry.status] += 1
    reasons = [f"{e.name} 缺岗" for e in entries if e.status == "absent"]
    reasons += [f"{e.name} 在岗但不在人员名单上" for e in entries if not e.on_roster and e.status == "present"]
    return SpotResult(by_role, bool(reasons), tuple(reasons))

