"""What 甲方 approved, and the official calendar: the writes that change what is owed without new entries.

* An approved staffing change (经甲方同意, henan 第七条2) lowers the requirement for its months, so an
  approved reduction is not deducted.
* A departure approval (henan 第六条6(2)) makes an approved leaver no finding: the months whose roster
  shows the person leaving are reconciled again in the same transaction.
* A calendar day from the State Council's holiday notice, with the notice's 文号, for any year; a year the
  calendar package does not know counts as known once one of its days was entered with its notice.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import idcard, limits
from ..calendar import Period, months_between
from ..errors import InputError, StateError
from ..model import Contract
from ..staffing import Person, leavers, people
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..scoring import MonthResult
    from ..storage import Store

log = logging.getLogger(__name__)

MAX_REFERENCE = 500


def clean(text: str, what: str = "输入") -> str:
    """Free text as typed, without control characters (a NUL would end a C string in the audit trail)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in str(text or "")):
        raise InputError(f"{what}含有控制字符")
    return str(text or "").strip()


def _reference(text: str, what: str) -> str:
    reference = clean(text, what)
    if not reference:
        raise InputError(f"须注明{what}（文号或记录）")
    if len(reference) > MAX_REFERENCE:
        raise InputError(f"{what}过长（最多 {MAX_REFERENCE} 字）")
    return reference


def _not_future(day: dt.date, what: str, today: dt.date | None) -> None:
    today = today or dt.date.today()
    if day > today:
        raise InputError(f"{what} {day} 晚于今天（{today}）")


def role_key(contract: Contract, text: str) -> str:
    """A role by its key (``management``) or its name in the contract (``管理人员``)."""
    wanted = clean(text, "岗位")
    for role in contract.roles:
        if wanted in (role.key, role.name):
            return role.key
    names = "、".join(f"{r.key}（{r.name}）" for r in contract.roles)
    raise InputError(f"合同 {contract.id} 没有岗位“{limits.shown(wanted)}”；岗位有：{names}")


def approve_staffing(store: Store, contract_id: str, role: str, first: Period, last: Period, required: int,
                     reference: str, approved_on: dt.date, today: dt.date | None = None) -> Outcome[str]:
    """甲方 agreed that ``role`` needs ``required`` persons from ``first`` to ``last`` (经甲方同意, 第七条2)."""
    reason = limits.problem(Decimal(required), limits.HEADCOUNT_REQUIRED)
    if reason:
        raise InputError(f"核准人数 {required}：{reason}")
    reference = _reference(reference, "甲方同意的依据")
    _not_future(approved_on, "同意日期", today)
    with store.db.atomic():
        contract = store.contracts.get(contract_id)
        key = role_key(contract, role)
        finalised = sorted(p for p, status in store.months.statuses(contract.id).items()
                           if status == "final" and first <= p <= last)
        if finalised:
            raise StateError(f"{'、'.join(map(str, finalised))} 已定稿：核准的人员变更会改变其扣减，"
                             "请先说明理由重新打开这些月份")
        store.months.add_staffing_change(contract, key, first, last, required, reference, approved_on)
    log.info("recorded an approved staffing change for %s: %s %s…%s → %d", contract_id, key, first, last, required)
    return Outcome(key, Changes.of(Area.PERSONNEL, Area.ENTRIES, Area.PAYMENTS, contract=contract_id,
                                   periods=months_between(first, last)))


def _find_person(store: Store, contract: Contract, who: str) -> tuple[str, list[tuple[Period, Person]]]:
    """The ID number of ``who`` (an ID number, a name or an employee number on the contract's rosters), and
    the months whose roster shows that person leaving."""
    text = clean(who, "离职人员")
    if not text:
        raise InputError("须指明离职人员（身份证号、姓名或工号）")
    number = idcard.normalize(text)
    found: dict[str, list[tuple[Period, Person]]] = {}
    for period in months_between(contract.first_period, contract.last_period):
        roster = store.personnel.dataset(contract.id, period, "roster")
        if roster is None:
            continue
        for person in people(roster.records):
            if person.id_number and text in (person.name, person.employee_no) or person.id_number == number:
                found.setdefault(person.id_number, [])
                if person in leavers([person], period):
                    found[person.id_number].append((period, person))
    if len(found) > 1:
        shown = "、".join(idcard.mask(n) for n in sorted(found))
        raise InputError(f"人员名单中有 {len(found)} 人与“{limits.shown(text)}”相符（{shown}）：请用身份证号指明")
    if found:
        return next(iter(found.items()))
    reason = idcard.problem(number)
    if reason:
        raise InputError(f"在合同 {contract.id} 的人员名单中找不到“{limits.shown(text)}”，它也不是有效的身份证号"
                         f"（{reason}）")
    return number, []


def approve_departure(store: Store, contract_id: str, who: str, approved_on: dt.date, reference: str,
                      today: dt.date | None = None) -> Outcome[str]:
    """甲方 agreed to a person's leaving (henan 第六条6(2)); returns the masked ID number. The months whose
    roster shows the departure are reconciled again, so the finding goes in the same transaction."""
    from ..personnel import reconcile_month

    reference = _reference(reference, "甲方同意离职的依据")
    _not_future(approved_on, "同意日期", today)
    with store.db.atomic():
        contract = store.contracts.get(contract_id)
        if contract.obligation("departure_approval") is None:
            raise InputError(f"合同 {contract.id} 没有人员离职须经甲方同意的条款，无需登记")
        number, months = _find_person(store, contract, who)
        if number in store.personnel.approved_departures(contract.id):
            raise StateError(f"{idcard.mask(number)} 的离职已登记甲方同意")
        store.personnel.approve_departure(contract.id, number, approved_on, reference)
        periods = sorted({period for period, _ in months})
        for period in periods:
            reconcile_month(store, contract, period, today)
    log.info("recorded a departure approval for %s (%d months reconciled again)", contract_id, len(periods))
    return Outcome(idcard.mask(number), Changes.of(Area.PERSONNEL, Area.FINDINGS, contract=contract_id,
                                                  periods=periods))


def set_calendar_day(store: Store, day: dt.date, is_workday: bool, notice: str) -> Outcome[None]:
    """One day of an official holiday notice (国务院办公厅关于…部分节假日安排的通知), with its 文号."""
    notice = _reference(notice, "节假日安排通知的文号")
    if not 1900 <= day.year <= 2100:
        raise InputError(f"日期 {day} 超出范围（1900 至 2100 年）")
    with store.db.atomic():
        before = _finalised_figures(store)
        store.set_calendar_day(day, is_workday, notice)
        moved = [key for key, result in _finalised_figures(store, before).items() if result != before[key]]
        if moved:
            months = "、".join(f"{contract_id} {period}" for contract_id, period in sorted(moved))
            raise StateError(f"{months} 已定稿：把 {day} 记为{'上班' if is_workday else '放假'}会改变其考核结果"
                             "（办理时限按工作日计算），请先说明理由重新打开这些月份")
    log.info("calendar: %s is a %s (%s)", day, "workday" if is_workday else "holiday", notice)
    return Outcome(None, Changes.of(Area.CALENDAR, Area.ENTRIES, Area.PAYMENTS))


def _finalised_figures(store: Store, only: Mapping[tuple[str, Period], MonthResult] | None = None
                       ) -> dict[tuple[str, Period], MonthResult]:
    """Each finalised month's result under the calendar as stored now (of the months in ``only``, if given):
    a calendar entry must not move a signed figure, as an approval may not (a time limit in working days
    would turn a late answer into an on-time one). A contract whose months cannot be assessed yet (a year
    the calendar does not know) has no figure to keep."""
    from ..calendar import CalendarError
    from ..service import term_results

    figures: dict[tuple[str, Period], MonthResult] = {}
    for contract in store.contracts.list():
        finalised = [p for p in store.months.finalised_versions(contract.id)
                     if only is None or (contract.id, p) in only]
        if not finalised:
            continue
        try:
            results = term_results(store, contract, until=max(finalised))
        except CalendarError:
            continue
        figures.update({(contract.id, p): results[p] for p in finalised if p in results})
    return figures


def calendar_year(store: Store, year: int) -> list[tuple[dt.date, bool, str]]:
    """The days entered for ``year`` (day, is a workday, notice); a read, for ``calendar list``."""
    return store.calendar_entries(year)
