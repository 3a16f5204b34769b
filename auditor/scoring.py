"""The scoring engine: one month's checklist, then each installment's money.

Two scheme families, both driven by the contract's data:

* points (luoyang-2025, 附件2): an item passed or exempt earns its points,
  failed or missing earns 0; annual items not yet due count full.  An
  installment's score X is the mean of its months' scores; the band is chosen
  on the exact mean (the display is rounded), and by default the annual items
  weigh in the installment that holds their assessment as a whole (X = mean of
  the monthly items + annual points earned); late service (第十二条1) is
  deducted as money.
* deductions (henan-2025, 第七条2 and 第十一条): each failed item deducts its
  share of the total; 严重舆论事件 follow the incident steps over the whole
  term; each person short per month deducts its share; deductions beyond an
  installment carry to the next, and past the last one are the remainder:
  claimable from the performance bond up to the bond held, the rest to be
  recovered from the operator.
* A paid installment is frozen: its figures are the ones stored when it was
  paid, and what changed since in its window is an adjustment line on the next
  unpaid installment.

Decisions where the contracts are silent (see docs/decisions.md):
* HN-06 appears in every month, derived from that month's incident count,
  and its money is the incident rule's (SPEC §4.2: never both).
* Items not entered make the month incomplete (it cannot be finalised) and
  every figure that includes it provisional; the provisional figure assumes
  they failed (points: 0; deductions: deducted as failed, marked provisional).
* Late-service penalties are deducted from the installment whose window
  holds the month of the delay (the next one to be paid).
* Entries the contract attaches no money to (late days without a per-day
  penalty, an incident past the last step, a headcount gap without a per-person
  rate) deduct nothing and say so, naming the clause that does apply.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from .calendar import CalendarError, Period, WorkCalendar, months_between, quarter_of
from .contract_text import incident_name, termination_clause
from .model import Contract, Family, Frequency, Indicator, Installment, MeasurementKind, Role, Status
from .money import fen, format_yuan, percent_of
from .submissions import KIND_LABELS, PERSONNEL_KINDS, assessed, due_on

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


DEDUCTION_KINDS = {"indicator": "指标不达标", "incident": "约定事件", "staffing": "人员缺口", "late": "逾期违约金",
                   "adjustment": "付款后调整"}


@dataclass(frozen=True, slots=True)
class Deduction:
    kind: str          # indicator | incident | staffing | late | adjustment
    period: Period
    code: str          # indicator code, or "" for incidents, staffing and late service
    amount: Decimal    # an adjustment may be negative: money owed back to the operator
    basis: str
    clause: str
    provisional: bool = False  # an item not entered, deducted as if it failed (暂估)
    name: str = ""     # what the contract calls it, where the kind alone does not say (incidents: henan 严重舆论事件)

    @property
    def label(self) -> str:
        return (self.name or DEDUCTION_KINDS[self.kind]) + (f" {self.code}" if self.code else "") + \
            ("（暂估）" if self.provisional else "")


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
    assessed: bool = True          # False: before the first assessed month (settings.assessment_start)

    @property
    def deduction_total(self) -> Decimal:
        return fen(sum((d.amount for d in self.deductions), ZERO))

    @property
    def recorded_deduction_total(self) -> Decimal:
        """Without the provisional deductions of items not entered: what the entries themselves cost."""
        return fen(sum((d.amount for d in self.deductions if not d.provisional), ZERO))

    @property
    def provisional(self) -> bool:
        return any(d.provisional for d in self.deductions) or not self.complete

    @property
    def missing(self) -> tuple[str, ...]:
        if not self.assessed:
            return ()
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
    score: Decimal | None          # X as shown: 2 dp, more where 2 dp would hide which band it is in
    band_percent: Decimal | None
    gross: Decimal
    deductions: tuple[Deduction, ...]
    carried_in: Decimal
    payable: Decimal
    carried_over: Decimal          # to the next installment; after the last one the whole remainder
    bond_claim: Decimal            # of the remainder: what the bond held covers (0.00 without a bond)
    incomplete_months: tuple[Period, ...]
    unfinalized_months: tuple[Period, ...]
    refusal_conditions: tuple[str, ...]
    warnings: tuple[str, ...]
    to_recover: Decimal = ZERO     # of the remainder: beyond the bond, to be recovered from the operator
    is_last: bool = False
    bond_held: Decimal | None = None
    bond_return_on: dt.date | None = None
    annual_points: Decimal | None = None  # points contracts, annual items weighed in the installment
    paid: Paid | None = None

    @property
    def number(self) -> int:
        return self.installment.number

    @property
    def deduction_total(self) -> Decimal:
        return fen(sum((d.amount for d in self.deductions), ZERO))

    @property
    def adjustments(self) -> tuple[Deduction, ...]:
        return tuple(d for d in self.deductions if d.kind == "adjustment")

    @property
    def provisional(self) -> bool:
        return bool(self.incomplete_months or self.unfinalized_months)

    @property
    def score_text(self) -> str | None:
        return None if self.score is None else str(self.score)


@dataclass(frozen=True, slots=True)
class Paid:
    """A payment recorded for an installment: from then on its figures are the ones frozen here."""

    number: int
    paid_on: dt.date
    amount: Decimal
    voucher: str                  # the voucher's file name as kept among the evidence, "" without one
    recorded_at: str
    frozen: InstallmentResult     # the installment as it stood when the payment was recorded


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
        if measurement.kind in (MeasurementKind.RATIO, MeasurementKind.COMPUTED):  # computed: scored when present
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
        if measurement.kind is MeasurementKind.COMPUTED:
            detail += "（工单记录计算）"
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


def _not_assessed(contract: Contract, entries: MonthEntries, incidents_before: int) -> MonthResult:
    """A month before the first assessed one (settings.assessment_start = signing): nothing due, nothing owed."""
    detail = "合同签订前·不考核"
    items = tuple(ItemResult(i, Status.NOT_DUE, None, None, ZERO, detail) for i in contract.indicators)
    roles = tuple(RoleResult(r, r.required, None, 0) for r in contract.roles)
    return MonthResult(contract.id, entries.period, items, roles, Status.NOT_DUE, 0, None, (), entries.incidents,
                       incidents_before, 0, (), entries.finalized, assessed=False)


def assess_month(contract: Contract, entries: MonthEntries, calendar: WorkCalendar,
                 incidents_before: int = 0, approved: Mapping[str, int] | None = None) -> MonthResult:
    """One month; ``incidents_before``: the incidents entered in the term's earlier months."""
    period = entries.period
    if not assessed(contract, period) and contract.in_term(period):
        return _not_assessed(contract, entries, incidents_before)
    deductions: list[Deduction] = []
    warnings: list[str] = []
    total = contract.total
    points_family = contract.family is Family.POINTS

    # incidents (henan 第十一条): cumulative over the term; a month not entered counts as one, provisionally
    incidents_to_date = incidents_before + (entries.incidents or 0)
    counted = incidents_before + 1 if entries.incidents is None else incidents_to_date
    incident_money = ZERO
    events = incident_name(contract)
    steps = contract.incident_steps
    if steps and counted > incidents_before:
        step = _incident_percent(contract, counted) - _incident_percent(contract, incidents_before)
        incident_money = percent_of(total, step)
        if incident_money:
            deductions.append(Deduction(
                "incident", period, "", incident_money,
                (f"本月{events}数未录入，暂按发生 1 次扣减（服务期此前累计 {incidents_before} 次）"
                 if entries.incidents is None else
                 f"{events} {entries.incidents} 次（服务期累计 {incidents_to_date} 次）")
                + f"，累计扣减比例 {_incident_percent(contract, counted)}%",
                contract.clauses.get("incident", ""), provisional=entries.incidents is None, name=events))
    if (contract.incident_termination_count
            and incidents_to_date >= contract.incident_termination_count > incidents_before):
        clause = termination_clause(contract, "incidents") or "合同约定"
        warnings.append(f"{events}累计 {incidents_to_date} 次，甲方可依 {clause} 解除合同")
    if steps and entries.incidents and incidents_to_date > len(steps):
        first = max(incidents_before + 1, len(steps) + 1)
        which = f"第 {first} 次" if first == incidents_to_date else f"第 {first}～{incidents_to_date} 次"
        warnings.append(f"服务期累计{which}{events}不再扣款：合同（{contract.clauses.get('incident', '')}）"
                        f"只约定前 {len(steps)} 次累计扣减 {steps[-1]}%；适用的是甲方解除合同的权利"
                        f"（{termination_clause(contract, 'incidents') or '合同约定'}）")

    items: list[ItemResult] = []
    points = ZERO  # the month's score, for the points family only
    for indicator in contract.indicators:
        if indicator.derived == "incidents":
            if entries.incidents is None:
                status, actual, detail = Status.MISSING, None, f"未录入本月{incident_name(contract)}数"
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
        elif status in (Status.FAIL, Status.MISSING) and indicator.deduction_percent:
            money = percent_of(total, indicator.deduction_percent)
            missing = status is Status.MISSING
            deductions.append(Deduction("indicator", period, indicator.code, money,
                                        f"{indicator.code} {indicator.name} "
                                        + ("未录入，暂按不达标扣减" if missing else
                                           f"不达标（{detail}，要求 {indicator.target_text}）"),
                                        indicator.clause, provisional=missing))
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
        elif shortfall:
            warnings.append(f"人员不足 {shortfall} 人不扣款：合同未约定按人扣减的比例；"
                            f"适用的是人员配置的约定（{contract.clauses.get('staffing', '')}）")

    if entries.late_days and contract.late_penalty_percent_per_day:
        amount = percent_of(total, contract.late_penalty_percent_per_day * entries.late_days)
        deductions.append(Deduction("late", period, "", amount,
                                    f"逾期提供服务 {entries.late_days} 日，"
                                    f"每日 {contract.late_penalty_percent_per_day}%",
                                    contract.clauses.get("late", "")))
    elif entries.late_days:
        clause = termination_clause(contract, "late_service")
        warnings.append(f"逾期提供服务 {entries.late_days} 日不扣款：合同没有按日计算的逾期违约金条款"
                        + (f"；适用的是甲方解除合同的权利（{clause}）" if clause else ""))

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


def band_of_mean(contract: Contract, total: Decimal, count: int) -> Decimal:
    """The band of the exact mean ``total / count``, compared as ``total ≥ minimum × count`` (no division)."""
    for band in contract.bands:
        if total >= band.minimum * count:
            return band.percent
    return ZERO


def shown_score(contract: Contract, total: Decimal, count: int) -> Decimal:
    """The mean for display: 2 dp half-up, or more digits (rounded towards the exact value) where 2 dp
    would put it in another band than the exact mean (89.995 → 89.9950, not 90.00)."""
    exact = total / count
    shown = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    band = band_of_mean(contract, total, count)
    for places in ("0.0001", "0.000001", "0.00000001"):
        if band_for(contract, shown) == band:
            break
        shown = exact.quantize(Decimal(places), rounding=ROUND_DOWN if exact < shown else ROUND_UP)
    return shown


def _monthly_points(month: MonthResult | None) -> Decimal:
    """A month's points from its items other than the annual ones (0 for a month without a result, or
    without a score: assessed under a deductions version of the contract)."""
    if month is None or month.score is None:
        return ZERO
    return sum((i.points or ZERO for i in month.items if i.indicator.frequency is not Frequency.YEAR), ZERO)


def _annual_points(contract: Contract, window: Sequence[Period], months: Mapping[Period, MonthResult]) -> Decimal:
    """The annual items' points for an installment: earned where assessed in its window, else full (not yet due)."""
    total = ZERO
    for indicator in contract.indicators:
        if indicator.frequency is not Frequency.YEAR or indicator.derived:
            continue
        earned: list[Decimal] = []
        for period in window:
            month = months.get(period)
            item = next((i for i in month.items if i.code == indicator.code), None) \
                if month and month.score is not None else None
            if item is not None and item.status is not Status.NOT_DUE:
                earned.append(item.points or ZERO)
            elif month is None and is_due(contract, indicator, period):
                earned.append(ZERO)
        total += sum(earned, ZERO) / len(earned) if earned else (indicator.points or ZERO)
    return total


def window_score(contract: Contract, window: Sequence[Period], months: Mapping[Period, MonthResult]
                 ) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(X as shown, band percent, annual points weighed as a whole) of a points installment's window.

    None for X when no month of the window is assessed. ``settings.annual_items``: ``installment`` — X = mean
    of the monthly items' points + the annual points of the window (luoyang 附件2, read as a whole);
    ``assessment_month`` — X = mean of the monthly scores, the annual items inside their month's score.
    ``settings.band_basis``: ``exact`` — the band of the exact mean; ``rounded`` — of the 2-dp mean."""
    counted = [p for p in window if p not in months or months[p].assessed]
    if not counted:
        return None, None, None
    n = len(counted)
    annual = None
    if contract.settings.annual_items == "installment":
        annual = _annual_points(contract, counted, months)
        total = sum((_monthly_points(months.get(p)) for p in counted), ZERO) + annual * n
    else:
        total = sum(((months[p].score or ZERO) if p in months else ZERO for p in counted), ZERO)
    if contract.settings.band_basis == "rounded":
        shown = (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return shown, band_for(contract, shown), annual
    return shown_score(contract, total, n), band_of_mean(contract, total, n), annual


def bond_return_day(contract: Contract, calendar: WorkCalendar | None) -> tuple[dt.date | None, str | None]:
    """The day the bond falls due back (N working days after the term, henan 第二条5), or a reason it is unknown."""
    bond = contract.bond
    if bond is None or bond.return_working_days is None or calendar is None:
        return None, None
    try:
        return calendar.add_workdays(contract.service_end, bond.return_working_days), None
    except CalendarError as exc:
        return None, f"履约保证金退还日无法计算：{exc}"


def assess_installments(contract: Contract, months: Mapping[Period, MonthResult],
                        personnel_received: Mapping[Period, frozenset[str]] | None = None,
                        terms: Sequence[Contract] | None = None, payments: Mapping[int, Paid] | None = None,
                        calendar: WorkCalendar | None = None,
                        changed_on: Mapping[Period, dt.date] | None = None) -> list[InstallmentResult]:
    """All installments in order, carrying excess deductions forward (SPEC §4.2).

    ``terms[i]`` is the contract version installment i's own terms (amount, percent, bands) come from,
    when months were finalised under different versions; by default ``contract`` for all. A paid installment
    (``payments``) keeps its frozen figures; what changed since in its window, and the difference between
    what was paid and what it said, become adjustment lines on the next unpaid installment (``changed_on``:
    the day each month was last changed, to date them); with none left unpaid, they settle after the last."""
    results: list[InstallmentResult] = []
    carried = ZERO
    pending: list[Deduction] = []
    payments = payments or {}
    terms = list(terms) if terms is not None else [contract] * len(contract.installments)
    for index, version in enumerate(terms):
        paid = payments.get(version.installments[index].number)
        carried_in = paid.frozen.carried_in if paid else carried  # a paid one is compared as it was paid
        adjustments = () if paid else tuple(pending)
        computed = _assess_one(contract.id, version, index, len(terms), months, carried_in, adjustments,
                               personnel_received, calendar, paid)
        if paid is None:
            pending = []
            results.append(computed)
            carried = computed.carried_over
            continue
        pending += _changes_since(version, paid, computed, changed_on or {})
        results.append(replace(paid.frozen, paid=paid))
        carried = paid.frozen.carried_over
    if pending and results:
        results[-1] = _settle_after_payments(terms[-1], results[-1], tuple(pending))
    return results


def _assess_one(contract_id: str, version: Contract, index: int, count: int, months: Mapping[Period, MonthResult],
                carried: Decimal, adjustments: tuple[Deduction, ...],
                personnel_received: Mapping[Period, frozenset[str]] | None, calendar: WorkCalendar | None,
                paid: Paid | None) -> InstallmentResult:
    installment = version.installments[index]
    amount = installment_amounts(version)[index]
    window = (months_between(installment.first_month, installment.last_month)
              if installment.first_month and installment.last_month else [])
    counted = [p for p in window if p not in months or months[p].assessed]
    score = band = annual = None
    gross = amount
    warnings: list[str] = []
    if version.family is Family.POINTS and window:
        score, band, annual = window_score(version, window, months)
        if band is not None:
            gross = percent_of(amount, band)
        elif not counted:
            warnings.append("本期考核月份均在合同签订前，未考核（设置 assessment_start=signing），按全额计")
    deductions: list[Deduction] = []
    if installment.deducts:
        for period in counted:
            if period in months:
                result = months[period]
                deductions.extend(d for d in result.deductions
                                  if version.family is Family.DEDUCTIONS or d.kind == "late")
                warnings.extend(f"{result.period}：{w}" for w in result.warnings)
    deductions.extend(adjustments)
    deduction_total = fen(sum((d.amount for d in deductions), ZERO))
    net = gross - deduction_total - carried
    payable = max(net, ZERO)
    remainder = max(-net, ZERO)
    is_last = index == count - 1
    bond_claim = to_recover = ZERO
    bond = version.bond
    bond_return, unknown = bond_return_day(version, calendar)
    if is_last:
        bond_claim = min(remainder, bond.amount) if bond is not None else ZERO
        to_recover = remainder - bond_claim
        if remainder:
            warnings.append(_remainder_warning(version, remainder, bond_claim, to_recover))
        if unknown:
            warnings.append(unknown)
        settled = paid.paid_on if paid else installment.due
        if bond is not None and bond_return is not None and settled is not None and bond_return < settled:
            warnings.append(f"履约保证金应于 {bond_return} 退还（{bond.clause}：服务期满后 {bond.return_working_days} "
                            f"个工作日内），早于末期付款{'日' if paid else '期限'} {settled}：末期结清前保证金已退还，"
                            "超出末期应付款的扣减届时无从保证金中扣除，须在退还前确定")
    incomplete = tuple(p for p in counted if p not in months or not months[p].complete)
    unfinal = tuple(p for p in counted if p not in months or not months[p].finalized)
    return InstallmentResult(
        contract_id=contract_id, installment=installment, amount=amount, months=tuple(window),
        score=score, band_percent=band, gross=fen(gross), deductions=tuple(deductions),
        carried_in=carried, payable=fen(payable), carried_over=fen(remainder), bond_claim=fen(bond_claim),
        incomplete_months=incomplete, unfinalized_months=unfinal,
        refusal_conditions=tuple(_refusal_conditions(version, installment, personnel_received)),
        warnings=tuple(warnings), to_recover=fen(to_recover), is_last=is_last,
        bond_held=bond.amount if bond is not None else None, bond_return_on=bond_return, annual_points=annual,
    )


def _remainder_warning(contract: Contract, remainder: Decimal, bond_claim: Decimal, to_recover: Decimal) -> str:
    head = f"扣减额超出末期应付款 {format_yuan(remainder)}"
    if contract.bond is None:
        return f"{head}，本合同无履约保证金，须另行向乙方追偿"
    if not to_recover:
        return f"{head}，可从履约保证金中扣除（{contract.bond.clause}）"
    return (f"{head}：可从履约保证金中扣除 {format_yuan(bond_claim)}（以所持保证金为限，{contract.bond.clause}），"
            f"其余 {format_yuan(to_recover)} 须另行向乙方追偿")


def _changes_since(contract: Contract, paid: Paid, now: InstallmentResult,
                   changed_on: Mapping[Period, dt.date]) -> list[Deduction]:
    """What a paid installment would say now and did not say when paid, as adjustment lines (positive: the
    operator was paid too much, taken back from the next installment; negative: paid too little)."""
    frozen = paid.frozen
    head = f"第{paid.number}期已于 {paid.paid_on} 付款"
    last = frozen.months[-1] if frozen.months else contract.first_period

    def when(period: Period) -> str:
        day = changed_on.get(period)
        return f"于 {day} 变动" if day is not None and day >= paid.paid_on else "付款后变动"

    lines: list[Deduction] = []
    if now.gross != frozen.gross:
        latest = max(frozen.months, key=lambda p: changed_on.get(p, dt.date.min)) if frozen.months else last
        lines.append(Deduction(
            "adjustment", latest, "", frozen.gross - now.gross,
            f"{head}，{when(latest)}：得分 {frozen.score_text} → {now.score_text}，支付比例 "
            f"{frozen.band_percent}% → {now.band_percent}%，按得分应付 {format_yuan(frozen.gross)} → "
            f"{format_yuan(now.gross)}", contract.clauses.get("scoring", ""), provisional=bool(now.incomplete_months)))
    before = {(d.kind, d.period, d.code): d for d in frozen.deductions if d.kind != "adjustment"}
    after = {(d.kind, d.period, d.code): d for d in now.deductions if d.kind != "adjustment"}
    for key in sorted(set(before) | set(after), key=lambda k: (k[1], k[0], k[2])):
        old, new = before.get(key), after.get(key)
        difference = (new.amount if new else ZERO) - (old.amount if old else ZERO)
        if not difference:
            continue
        _kind, period, code = key
        if new is None:
            assert old is not None
            what = f"原扣减 {format_yuan(old.amount)} 不再成立（原依据：{old.basis}）"
        elif old is None:
            what = f"{new.basis}，扣减 {format_yuan(new.amount)}"
        else:
            what = f"{new.basis}，扣减由 {format_yuan(old.amount)} 变为 {format_yuan(new.amount)}"
        source = new or old
        assert source is not None
        lines.append(Deduction("adjustment", period, code, difference, f"{head}，{period} {when(period)}：{what}",
                               source.clause, provisional=bool(new and new.provisional)))
    if paid.amount != frozen.payable:
        difference = paid.amount - frozen.payable
        what = f"多付 {format_yuan(difference)}，扣回" if difference > 0 else f"少付 {format_yuan(-difference)}，补付"
        lines.append(Deduction("adjustment", last, "", difference,
                               f"第{paid.number}期核算实付 {format_yuan(frozen.payable)}，{paid.paid_on} 实际支付 "
                               f"{format_yuan(paid.amount)}：{what}", frozen.installment.clause))
    return lines


def _settle_after_payments(contract: Contract, last: InstallmentResult,
                           adjustments: tuple[Deduction, ...]) -> InstallmentResult:
    """Every installment is paid and something changed since: the final remainder takes it."""
    change = fen(sum((d.amount for d in adjustments), ZERO))
    remainder = last.carried_over + change
    warnings = [w for w in last.warnings if not w.startswith("扣减额超出末期应付款")]
    if remainder < 0:
        warnings.append(f"各期均已付款，此后的调整合计应向乙方补付 {format_yuan(-remainder)}")
        remainder = ZERO
    bond_claim = min(remainder, contract.bond.amount) if contract.bond is not None else ZERO
    to_recover = remainder - bond_claim
    if remainder:
        warnings.append(_remainder_warning(contract, remainder, bond_claim, to_recover))
    return replace(last, deductions=last.deductions + adjustments, carried_over=fen(remainder),
                   bond_claim=fen(bond_claim), to_recover=fen(to_recover), warnings=tuple(warnings))


def _refusal_conditions(contract: Contract, installment: Installment,
                        received: Mapping[Period, frozenset[str]] | None) -> list[str]:
    """henan 第二条2: payment may be refused while a month's personnel information is missing."""
    rule = contract.obligation("personnel_submission")
    if rule is None or received is None:
        return []
    conditions = []
    for period in months_between(contract.first_period, contract.last_period):
        # the clause's own day when the contract names none
        deadline = due_on(contract, rule, period, PERSONNEL_KINDS[0], default_day=10)
        if deadline is None:
            continue
        if installment.due is not None and deadline > installment.due:
            break
        missing = [KIND_LABELS[k] for k in PERSONNEL_KINDS if k not in received.get(period, frozenset())]
        if missing:
            conditions.append(f"{period.label()}人员信息未报送：{'、'.join(missing)}（{rule.clause}：甲方可拒绝付款且不视为违约）")
    return conditions
