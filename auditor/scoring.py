"""The scoring engine: one month's checklist, then each installment's money.

Two scheme families, both driven by the contract's data:

* points (luoyang-2025, 附件2): an item passed or exempt earns its points,
  failed or missing earns 0; annual items not yet due count full.  An
  installment's score X is the mean of its months' scores (2 dp, half-up) and
  picks a payment band; late service (第十二条1) is deducted as money.
* deductions (henan-2025, 第七条2 and 第十一条): each failed item deducts its
  share of the total; 严重舆论事件 follow the incident steps over the whole
  term; each person short per month deducts its share; deductions beyond an
  installment carry to the next, and past the last one are claimable from the
  performance bond.

Decisions where the contracts are silent (see docs/decisions.md):
* HN-06 appears in every month, derived from that month's incident count,
  and its money is the incident rule's (SPEC §4.2: never both).
* Items not entered earn nothing and deduct nothing; the month is
  incomplete and cannot be finalised, and any installment that includes it
  is provisional.
* Late-service penalties are deducted from the installment whose window
  holds the month of the delay (the next one to be paid).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .calendar import Period, WorkCalendar, months_between, quarter_of
from .model import Contract, Family, Frequency, Indicator, Installment, MeasurementKind, Role, Status
from .money import fen, percent_of
from .submissions import KIND_LABELS, PERSONNEL_KINDS, due_on

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Event:
    """One case of a timeliness item: when it came in, when it was done (None: not done)."""

    received_at: dt.datetime
    done_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Measurement:
    code: str
    kind: MeasurementKind
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    events: tuple[Event, ...] = ()
    reason: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class MonthEntries:
    """What the inspector recorded for one month."""

    period: Period
    measurements: Mapping[str, Measurement] = field(default_factory=dict)
    headcount: Mapping[str, Decimal] | None = None
    incidents: int | None = None
    late_days: int = 0
    finalized: bool = False


@dataclass(frozen=True, slots=True)
class ItemResult:
    indicator: Indicator
    status: Status
    actual: Decimal | None
    points: Decimal | None
    deduction: Decimal
    detail: str = ""

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass(frozen=True, slots=True)
class RoleResult:
    role: Role
    required: int
    actual: Decimal | None
    shortfall: int


DEDUCTION_KINDS = {"indicator": "指标不达标", "incident": "严重舆论事件", "staffing": "人员缺口", "late": "逾期违约金"}


@dataclass(frozen=True, slots=True)
class Deduction:
    kind: str          # indicator | incident | staffing | late
    period: Period
    code: str          # indicator code, or "" for incidents, staffing and late service
    amount: Decimal
    basis: str
    clause: str

    @property
    def label(self) -> str:
        return DEDUCTION_KINDS[self.kind] + (f" {self.code}" if self.code else "")


@dataclass(frozen=True, slots=True)
class MonthResult:
    contract_id: str
    period: Period
    items: tuple[ItemResult, ...]
    roles: tuple[RoleResult, ...]
    staffing_status: Status
    staffing_shortfall: int
    score: Decimal | None
    deductions: tuple[Deduction, ...]
    incidents: int | None
    incidents_to_date: int
    late_days: int
    warnings: tuple[str, ...]
    finalized: bool

    @property
    def deduction_total(self) -> Decimal:
        return fen(sum((d.amount for d in self.deductions), ZERO))

    @property
    def missing(self) -> tuple[str, ...]:
        names = [f"{i.code} {i.indicator.name}" for i in self.items if i.status is Status.MISSING]
        if self.staffing_status is Status.MISSING:
            names.append("人员配置（月均在岗人数）")
        return tuple(names)

    @property
    def complete(self) -> bool:
        return not self.missing

    def item(self, code: str) -> ItemResult:
        return next(i for i in self.items if i.code == code)


@dataclass(frozen=True, slots=True)
class InstallmentResult:
    contract_id: str
    installment: Installment
    amount: Decimal
    months: tuple[Period, ...]
    score: Decimal | None
    band_percent: Decimal | None
    gross: Decimal
    deductions: tuple[Deduction, ...]
    carried_in: Decimal
    payable: Decimal
    carried_over: Decimal
    bond_claim: Decimal
    incomplete_months: tuple[Period, ...]
    unfinalized_months: tuple[Period, ...]
    refusal_conditions: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def number(self) -> int:
        return self.installment.number

    @property
    def deduction_total(self) -> Decimal:
        return fen(sum((d.amount for d in self.deductions), ZERO))

    @property
    def provisional(self) -> bool:
        return bool(self.incomplete_months or self.unfinalized_months)


# ---------------------------------------------------------------- due items

def is_due(contract: Contract, indicator: Indicator, period: Period) -> bool:
    """Whether ``indicator`` is assessed in ``period`` (SPEC §2)."""
    if not contract.in_term(period):
        return False
    if indicator.derived or indicator.frequency is Frequency.MONTH:
        return True
    if indicator.frequency is Frequency.QUARTER:
        aligned = contract.settings.quarter_alignment == "service"
        _, last = quarter_of(period, contract.first_period, aligned)
        return period == min(last, contract.last_period)
    return period == annual_assessment_period(contract, period)


def annual_assessment_period(contract: Contract, period: Period) -> Period:
    """Last month of the service year holding ``period``."""
    years = (period.index - contract.first_period.index) // 12
    return min(contract.first_period.shift(12 * years + 11), contract.last_period)


def due_period(contract: Contract, indicator: Indicator, period: Period) -> Period:
    """The month in which the assessment covering ``period`` takes place."""
    for index in range(period.index, contract.last_period.index + 1):
        candidate = Period.from_index(index)
        if is_due(contract, indicator, candidate):
            return candidate
    return contract.last_period


# ---------------------------------------------------------------- one item

def event_rate(events: Iterable[Event], indicator: Indicator, calendar: WorkCalendar) -> tuple[int, int]:
    """(on time, total) for an event log against the item's time limit."""
    limit = indicator.time_limit
    if limit is None:
        raise ValueError(f"{indicator.code} has no time limit")
    on_time = total = 0
    for event in events:
        total += 1
        if (event.done_at is not None
                and event.done_at <= calendar.deadline(event.received_at, limit.amount, limit.unit)):
            on_time += 1
    return on_time, total


def judge(indicator: Indicator, measurement: Measurement | None,
          calendar: WorkCalendar) -> tuple[Status, Decimal | None, str]:
    """Status, the measured figure, and a short explanation."""
    if measurement is None:
        return Status.MISSING, None, "未录入"
    if measurement.kind is MeasurementKind.EXEMPT:
        return Status.EXEMPT, None, f"免考：{measurement.reason}"
    target = indicator.target
    if measurement.kind is MeasurementKind.VALUE:
        actual = measurement.value
        assert actual is not None
        ok = indicator.comparator.holds(actual, target)
        detail = f"实测 {format_measure(actual, indicator)}"
    else:
        if measurement.kind is MeasurementKind.RATIO:
            num, den = measurement.numerator, measurement.denominator
            assert num is not None and den is not None
        else:
            on_time, total = event_rate(measurement.events, indicator, calendar)
            num, den = Decimal(on_time), Decimal(total)
        scale = HUNDRED if indicator.is_percentage else Decimal(1)
        # exact: num/den·scale ⋚ target  ⇔  num·scale ⋚ target·den  (den > 0)
        ok = indicator.comparator.holds(num * scale, target * den)
        actual = num * scale / den
        detail = f"{_plain(num)}/{_plain(den)} = {format_measure(actual, indicator)}"
    return (Status.PASS if ok else Status.FAIL), actual, detail


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def format_measure(actual: Decimal | None, indicator: Indicator) -> str:
    """2 decimals, or 4 where 2 would hide which side of the target the figure is on."""
    if actual is None:
        return "—"
    shown = actual.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if indicator.comparator.holds(shown, indicator.target) != indicator.comparator.holds(actual, indicator.target):
        shown = actual.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        if shown == indicator.target:
            shown = actual.quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP)
    if indicator.unit != "%" and actual == actual.to_integral():
        shown = actual.to_integral()
    return f"{shown}{indicator.unit}"


# ---------------------------------------------------------------- one month

def _incident_percent(contract: Contract, count: int) -> Decimal:
    if count <= 0 or not contract.incident_steps:
        return ZERO
    return contract.incident_steps[min(count, len(contract.incident_steps)) - 1]


def staffing_requirement(contract: Contract, period: Period,
                         approved: Mapping[str, int] | None = None) -> dict[str, int]:
    """Required headcount per role, after changes approved by 甲方 for this month."""
    return {role.key: (approved or {}).get(role.key, role.required) for role in contract.roles}


def assess_month(contract: Contract, entries: MonthEntries, calendar: WorkCalendar,
                 incidents_before: int = 0, approved: Mapping[str, int] | None = None) -> MonthResult:
    period = entries.period
    deductions: list[Deduction] = []
    warnings: list[str] = []
    total = contract.total
    points_family = contract.family is Family.POINTS

    # incidents (henan 第十一条): cumulative over the term
    incidents_to_date = incidents_before + (entries.incidents or 0)
    incident_money = ZERO
    if contract.incident_steps and entries.incidents:
        step = _incident_percent(contract, incidents_to_date) - _incident_percent(contract, incidents_before)
        incident_money = percent_of(total, step)
        if incident_money:
            deductions.append(Deduction(
                "incident", period, "", incident_money,
                f"严重舆论事件 {entries.incidents} 次（服务期累计 {incidents_to_date} 次），"
                f"累计扣减比例 {_incident_percent(contract, incidents_to_date)}%",
                contract.clauses.get("incident", "")))
    if (contract.incident_termination_count
            and incidents_to_date >= contract.incident_termination_count > incidents_before):
        warnings.append(f"严重舆论事件累计 {incidents_to_date} 次，甲方可依 第八条3(3) 解除合同")

    items: list[ItemResult] = []
    points = ZERO  # the month's score, for the points family only
    for indicator in contract.indicators:
        if indicator.derived == "incidents":
            if entries.incidents is None:
                status, actual, detail = Status.MISSING, None, "未录入本月严重舆论事件数"
            else:
                status = Status.FAIL if entries.incidents else Status.PASS
                actual, detail = Decimal(entries.incidents), f"本月 {entries.incidents} 件"
            earned = (indicator.points if status is Status.PASS else ZERO) if points_family else None
            items.append(ItemResult(indicator, status, actual, earned, incident_money, detail))
            if points_family and status is Status.PASS:
                points += indicator.points or ZERO
            continue
        if not is_due(contract, indicator, period):
            earned = indicator.points if (points_family and indicator.frequency is Frequency.YEAR) else None
            detail = "年度考核·本期不涉及" if indicator.frequency is Frequency.YEAR else \
                f"{indicator.frequency.label}考核·本期不涉及（考核月 {due_period(contract, indicator, period)}）"
            items.append(ItemResult(indicator, Status.NOT_DUE, None, earned, ZERO, detail))
            if points_family and earned:
                points += earned
            continue
        status, actual, detail = judge(indicator, entries.measurements.get(indicator.code), calendar)
        money = ZERO
        earned = None
        if points_family:
            earned = indicator.points if status in (Status.PASS, Status.EXEMPT) else ZERO
            points += earned or ZERO
        elif status is Status.FAIL and indicator.deduction_percent:
            money = percent_of(total, indicator.deduction_percent)
            deductions.append(Deduction("indicator", period, indicator.code, money,
                                        f"{indicator.code} {indicator.name} 不达标"
                                        f"（{detail}，要求 {indicator.target_text}）",
                                        indicator.clause))
        items.append(ItemResult(indicator, status, actual, earned, money, detail))

    # staffing (henan 第七条2; luoyang 附件1 第4项 without a money rule)
    required = staffing_requirement(contract, period, approved)
    roles: list[RoleResult] = []
    if entries.headcount is None:
        staffing_status, shortfall = Status.MISSING, 0
        roles = [RoleResult(r, required[r.key], None, 0) for r in contract.roles]
    else:
        for role in contract.roles:
            actual = entries.headcount.get(role.key)
            gap = max(0, math.ceil(required[role.key] - actual)) if actual is not None else 0
            roles.append(RoleResult(role, required[role.key], actual, gap))
        if contract.settings.staffing_basis == "total":
            shortfall = max(0, math.ceil(sum(required.values()) - sum(entries.headcount.values(), ZERO)))
        else:
            shortfall = sum(r.shortfall for r in roles)
        staffing_status = Status.FAIL if shortfall else Status.PASS
        if shortfall and contract.penalty_percent_per_person:
            amount = percent_of(total, contract.penalty_percent_per_person * shortfall)
            detail = "、".join(f"{r.role.name}缺 {r.shortfall} 人" for r in roles if r.shortfall) \
                if contract.settings.staffing_basis == "per_role" else f"总人数缺 {shortfall} 人"
            deductions.append(Deduction("staffing", period, "", amount,
                                        f"人员不足：{detail}，每人扣 {contract.penalty_percent_per_person}%",
                                        contract.clauses.get("staffing", "")))

    if entries.late_days and contract.late_penalty_percent_per_day:
        amount = percent_of(total, contract.late_penalty_percent_per_day * entries.late_days)
        deductions.append(Deduction("late", period, "", amount,
                                    f"逾期提供服务 {entries.late_days} 日，"
                                    f"每日 {contract.late_penalty_percent_per_day}%",
                                    contract.clauses.get("late", "")))

    return MonthResult(
        contract_id=contract.id, period=period, items=tuple(items), roles=tuple(roles),
        staffing_status=staffing_status, staffing_shortfall=shortfall, score=points if points_family else None,
        deductions=tuple(deductions), incidents=entries.incidents, incidents_to_date=incidents_to_date,
        late_days=entries.late_days, warnings=tuple(warnings), finalized=entries.finalized,
    )


def assess_term(contract: Contract, entries: Mapping[Period, MonthEntries], calendar: WorkCalendar,
                approved: Mapping[Period, Mapping[str, int]] | None = None,
                until: Period | None = None) -> dict[Period, MonthResult]:
    """Every month of the term in order (months without entries count as not entered)."""
    results: dict[Period, MonthResult] = {}
    incidents = 0
    last = min(until, contract.last_period) if until else contract.last_period
    for period in months_between(contract.first_period, last):
        month = entries.get(period) or MonthEntries(period)
        result = assess_month(contract, month, calendar, incidents, (approved or {}).get(period))
        incidents = result.incidents_to_date
        results[period] = result
    return results


# ---------------------------------------------------------------- money

def installment_amounts(contract: Contract) -> list[Decimal]:
    """Each installment's share of the total; the last absorbs rounding so they add up."""
    amounts = [percent_of(contract.total, i.percent) for i in contract.installments]
    amounts[-1] = contract.total - sum(amounts[:-1], ZERO)
    return amounts


def band_for(contract: Contract, score: Decimal) -> Decimal:
    for band in contract.bands:  # sorted from the highest minimum down: half-open [min, next)
        if score >= band.minimum:
            return band.percent
    return ZERO


def assess_installments(contract: Contract, months: Mapping[Period, MonthResult],
                        personnel_received: Mapping[Period, frozenset[str]] | None = None,
                        terms: Sequence[Contract] | None = None) -> list[InstallmentResult]:
    """All installments in order, carrying excess deductions forward (SPEC §4.2).

    ``terms[i]`` is the contract version installment i's own terms (amount, percent, bands) come from,
    when months were finalised under different versions; by default ``contract`` for all."""
    results: list[InstallmentResult] = []
    carried = ZERO
    terms = list(terms) if terms is not None else [contract] * len(contract.installments)
    last_number = contract.installments[-1].number
    for index, version in enumerate(terms):
        installment = version.installments[index]
        amount = installment_amounts(version)[index]
        window = (months_between(installment.first_month, installment.last_month)
                  if installment.first_month and installment.last_month else [])
        window_results = [months[p] for p in window if p in months]
        score = band = None
        gross = amount
        warnings: list[str] = []
        if version.family is Family.POINTS and window:
            scores = [(months[p].score or ZERO) if p in months else ZERO for p in window]
            score = (sum(scores, ZERO) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            band = band_for(version, score)
            gross = percent_of(amount, band)
        deductions: list[Deduction] = []
        if installment.deducts:
            for result in window_results:
                deductions.extend(d for d in result.deductions
                                  if version.family is Family.DEDUCTIONS or d.kind == "late")
                warnings.extend(f"{result.period}：{w}" for w in result.warnings)
        deduction_total = fen(sum((d.amount for d in deductions), ZERO))
        net = gross - deduction_total - carried
        payable = max(net, ZERO)
        shortfall = max(-net, ZERO)
        is_last = installment.number == last_number
        carried_over = ZERO if is_last else shortfall
        bond_claim = shortfall if is_last else ZERO
        if bond_claim and version.bond is None:
            warnings.append(f"扣减额超出末期应付款 {bond_claim}，本合同无履约保证金，须另行向乙方追偿")
        incomplete = tuple(p for p in window if p not in months or not months[p].complete)
        unfinal = tuple(p for p in window if p not in months or not months[p].finalized)
        results.append(InstallmentResult(
            contract_id=contract.id, installment=installment, amount=amount, months=tuple(window),
            score=score, band_percent=band, gross=fen(gross), deductions=tuple(deductions),
            carried_in=carried, payable=fen(payable), carried_over=fen(carried_over), bond_claim=fen(bond_claim),
            incomplete_months=incomplete, unfinalized_months=unfinal,
            refusal_conditions=tuple(_refusal_conditions(version, installment, personnel_received)),
            warnings=tuple(warnings),
        ))
        carried = carried_over
    return results


def _refusal_conditions(contract: Contract, installment: Installment,
                        received: Mapping[Period, frozenset[str]] | None) -> list[str]:
    """henan 第二条2: payment may be refused while a month's personnel information is missing."""
    rule = contract.obligation("personnel_submission")
    if rule is None or received is None:
        return []
    conditions = []
    for period in months_between(contract.first_period, contract.last_period):
        deadline = due_on(rule, period, default_day=10)  # the clause's own day when the contract names none
        if installment.due is not None and deadline is not None and deadline > installment.due:
            break
        missing = [KIND_LABELS[k] for k in PERSONNEL_KINDS if k not in received.get(period, frozenset())]
        if missing:
            conditions.append(f"{period.label()}人员信息未报送：{'、'.join(missing)}（{rule.clause}：甲方可拒绝付款且不视为违约）")
    return conditions
