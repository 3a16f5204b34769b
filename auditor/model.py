"""Frozen domain objects. Everything here is data; rules live in scoring.py."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .calendar import Period


class Family(StrEnum):
    POINTS = "points"          # luoyang: points per item, payment bands
    DEDUCTIONS = "deductions"  # henan: a share of the total per failure


class Comparator(StrEnum):
    GE = ">="
    LE = "<="
    EQ = "="

    @property
    def symbol(self) -> str:
        return {">=": "≥", "<=": "≤", "=": "="}[self.value]

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        if self is Comparator.GE:
            return actual >= target
        if self is Comparator.LE:
            return actual <= target
        return actual == target


class Frequency(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"month": "月度", "quarter": "季度", "year": "年度"}[self.value]


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    EXEMPT = "exempt"
    NOT_DUE = "not_due"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return {"pass": "达标", "fail": "不达标", "exempt": "免考", "not_due": "本期不涉及",
                "missing": "未录入"}[self.value]


class MeasurementKind(StrEnum):
    VALUE = "value"
    RATIO = "ratio"
    EVENTS = "events"
    EXEMPT = "exempt"
    COMPUTED = "computed"  # from the work-order records (numerator/denominator, the file's hash in the note)


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    short_name: str
    address: str = ""
    legal_rep: str = ""
    contact: str = ""
    phone: str = ""
    bank: str = ""
    account: str = ""
    tax_no: str = ""


@dataclass(frozen=True, slots=True)
class TimeLimit:
    amount: int
    unit: str  # seconds | minutes | hours | working_days | calendar_days

    @property
    def label(self) -> str:
        names = {"seconds": "秒", "minutes": "分钟", "hours": "小时",
                 "working_days": "个工作日", "calendar_days": "日"}
        return f"{self.amount}{names[self.unit]}"


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    definition: str
    comparator: Comparator
    target: Decimal
    unit: str
    frequency: Frequency
    points: Decimal | None
    deduction_percent: Decimal | None
    notes: str
    clause: str
    time_limit: TimeLimit | None = None
    derived: str | None = None

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"

    @property
    def target_text(self) -> str:
        return f"{self.comparator.symbol}{self.target}{self.unit}"


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    name: str
    required: int
    aliases: tuple[str, ...] = ()  # the names operators' rosters use for it (「话务坐席」)


@dataclass(frozen=True, slots=True)
class Installment:
    number: int
    percent: Decimal
    due: dt.date | None
    due_text: str
    first_month: Period | None
    last_month: Period | None
    deducts: bool
    clause: str

    def covers(self, period: Period) -> bool:
        return (self.first_month is not None and self.last_month is not None
                and self.first_month <= period <= self.last_month)


@dataclass(frozen=True, slots=True)
class Band:
    minimum: Decimal
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Bond:
    percent: Decimal
    amount: Decimal
    amount_in_words: str
    form: str
    clause: str
    return_working_days: int | None = None  # returned this many working days after the term (henan 第二条5)


@dataclass(frozen=True, slots=True)
class Clause:
    key: str
    text: str
    clause: str
    day_of_month: int | None = None
    after_signing: TimeLimit | None = None  # due this long after signing (henan 第一条4: 15 日历天)


@dataclass(frozen=True, slots=True)
class Settings:
    """Readings chosen where a contract is ambiguous (SPEC preamble)."""

    quarter_alignment: str = "service"  # service | calendar
    staffing_basis: str = "per_role"    # per_role | total
    notice_deadline_days: int = 7
    minimum_wage: Decimal = Decimal("2100.00")
    minimum_wage_source: str = ""
    minimum_wage_effective: dt.date | None = None
    # money readings (issue 12; docs/decisions.md "Money paths"), printed by money_readings()
    band_basis: str = "exact"            # exact | rounded: the band from the exact mean, or from the 2-dp one
    annual_items: str = "installment"    # installment | assessment_month: where annual points weigh
    personnel_due: str = "next_month"    # next_month | same_month: the day of month M's personnel files
    assessment_start: str = "service"    # service | signing: the first month assessed

    def readings(self, family: Family, *, annual_items: bool = True, personnel_files: bool = True) -> list[str]:
        """The readings these settings choose (a reading about annual items or personnel files only for a
        contract that has them). The contract's own rules (bands, incident steps, staffing,
        remedies, termination) are generated from its data by ``auditor.contract_text.readings``."""
        return [
            "考核期为自然月；季度指标在季度最后一个月考核，季度"
            + ("自服务期起始月起算" if self.quarter_alignment == "service" else "按自然季度划分"),
            "比率精确比较（例如 96.00% 满足 ≥96%，95.999% 不满足）；未录入的指标不视为达标",
            *self.money_readings(family, annual_items=annual_items, personnel_files=personnel_files),
        ]

    def money_readings(self, family: Family, *, annual_items: bool = True, personnel_files: bool = True) -> list[str]:
        """The money readings (issue 12), each naming the setting that would read it the other way."""
        lines = ["未录入的指标使核算成为暂估，暂估按该项不达标计（计分制不得分，扣款制按不达标扣减）；"
                 "人员人数未录入的月份不暂扣人员缺口"]
        if family is Family.POINTS:
            lines.append("期次得分 X 为该期各月得分的算术平均，" + (
                "按精确值确定支付比例，显示保留两位小数（设置 band_basis=rounded：先四舍五入到两位小数再定档）"
                if self.band_basis == "exact" else
                "先四舍五入到两位小数再确定支付比例（设置 band_basis=exact：按精确值定档）"))
            if annual_items:
                lines.append("年度指标：" + (
                    "在含年度考核月的期次中整体计分，X = 期内各月月度指标得分的平均 + 年度指标实得分"
                    "（设置 annual_items=assessment_month：只计入考核月的月度得分）"
                    if self.annual_items == "installment" else
                    "只计入年度考核月的月度得分（设置 annual_items=installment：在期次得分中整体计分）"))
        else:
            lines.append("扣减额超过当期应付款的部分结转下期；末期后仍有余额的，"
                         "在所持履约保证金额度内列为可从保证金中扣除，其余须另行向乙方追偿（无保证金的合同全部追偿）")
        lines.append("已登记付款的期次冻结，其考核月份此后的变动作为带日期和理由的调整列入下一未付期次")
        if personnel_files:
            lines.append("第 M 月的人员名单、工资表、五险一金缴纳记录、工资发放转账记录" + (
                "于第 M+1 月约定日前报送，排班表于第 M 月约定日前报送（设置 personnel_due=same_month：均于第 M 月）"
                if self.personnel_due == "next_month" else
                "与排班表均于第 M 月约定日前报送（设置 personnel_due=next_month：人员信息于次月）"))
        lines.append(
            "考核自服务期开始之月起；报送期限在合同签订前的，不作为期限（不计逾期、未报送）"
            "（设置 assessment_start=signing：自签订之月起考核）" if self.assessment_start == "service" else
            "考核自合同签订之月起，此前的月份不考核、不要求报送（设置 assessment_start=service：自服务期开始）")
        return lines


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    family: Family
    name: str
    contract_no: str
    project_no: str
    signed_on: dt.date | None
    party_a: Party
    party_b: Party
    total: Decimal
    total_in_words: str
    tax_rate: Decimal | None
    service_start: dt.date
    service_end: dt.date
    service_place: str
    bond: Bond | None
    roles: tuple[Role, ...]
    penalty_percent_per_person: Decimal | None
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]
    incident_steps: tuple[Decimal, ...]
    incident_termination_count: int | None
    spot_check_termination_count: int | None
    late_penalty_percent_per_day: Decimal | None
    installments: tuple[Installment, ...]
    obligations: tuple[Clause, ...]
    confidentiality: tuple[Clause, ...]
    settings: Settings
    contract_numbers_in_text: tuple[str, ...] = ()
    clauses: Mapping[str, str] = field(default_factory=dict)
    remedies: tuple[Clause, ...] = ()     # what 甲方 may do when a notice is ignored, each with its clause
    termination: tuple[Clause, ...] = ()  # 甲方's termination rights (key: incidents, spot_checks, …)
    readings: tuple[Clause, ...] = ()     # the contract's own recorded interpretations, printed
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def first_period(self) -> Period:
        return Period.of(self.service_start)

    @property
    def last_period(self) -> Period:
        return Period.of(self.service_end)

    def indicator(self, code: str) -> Indicator:
        for item in self.indicators:
            if item.code == code:
                return item
        raise KeyError(code)

    def in_term(self, period: Period) -> bool:
        return self.first_period <= period <= self.last_period

    @property
    def required_headcount(self) -> int:
        return sum(role.required for role in self.roles)

    def obligation(self, key: str) -> Clause | None:
        return next((o for o in self.obligations if o.key == key), None)
