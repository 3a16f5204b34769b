"""Reconciliation of a month's personnel submissions (SPEC §6): 名单 / 工资表 / 五险一金 / 转账记录 must agree.

Persons are matched by ID number where both files give one, else by name.
Decisions (docs/decisions.md):
* the minimum-wage check applies to persons employed the whole month;
* a submission is late when received after its day (roster & co. the 10th,
  schedule the 5th); it is missing once that day has passed without one;
* an insurance component counts as paid when its amount is above 0.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import idcard
from .calendar import Period
from .findings import FindingDraft
from .imports import INSURANCE_FIELDS
from .model import Contract
from .staffing import Person, days_employed, leavers, manager_qualified, people
from .submissions import KIND_LABELS, PERSONNEL_KINDS, due, state

TYPES = {
    "invalid_id": "身份证号无效", "duplicate_id": "身份证号重复", "not_in_payroll": "在名单但不在工资表",
    "not_on_roster": "不在人员名单（疑似虚列人员）", "missing_insurance": "五险一金缺项",
    "not_in_transfers": "工资未见转账记录", "transfer_mismatch": "转账金额与实发工资不符",
    "below_minimum_wage": "应发工资低于最低工资标准", "late_submission": "逾期报送", "missing_submission": "未报送",
    "manager_unqualified": "管理人员资质不符", "departure_unapproved": "人员离职未经甲方同意",
}


@dataclass(frozen=True, slots=True)
class Dataset:
    kind: str
    source: str
    received_on: dt.date
    records: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class ReconFinding:
    type: str
    name: str
    masked_id: str
    file: str
    row: int | None
    detail: str
    clause: str
    id_number: str = field(default="", repr=False, compare=False)  # never printed; for a logged reveal

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "label": TYPES[self.type], "name": self.name, "id": self.masked_id,
                "file": self.file, "row": self.row, "detail": self.detail, "clause": self.clause}

    def draft(self, index: int) -> FindingDraft:
        who = f"{self.name}（{self.masked_id}）" if self.masked_id else self.name
        where = f"（{self.file} 第 {self.row} 行）" if self.row else (f"（{self.file}）" if self.file else "")
        return FindingDraft("reconciliation", f"{self.type}:{index}",
                            f"{TYPES[self.type]}{('：' + who) if who else ''}", f"{self.detail}{where}", self.clause)


def _key(record: Mapping[str, Any]) -> str:
    return record.get("id_number") or f"name:{record.get('name')}"


_ByName = dict[str | None, Mapping[str, Any]]


def _index(records: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Mapping[str, Any]], _ByName]:
    by_id: dict[str, Mapping[str, Any]] = {}
    by_name: _ByName = {}
    for r in records:
        if r.get("id_number"):
            by_id.setdefault(r["id_number"], r)
        by_name.setdefault(r.get("name"), r)
    return by_id, by_name


def _lookup(person: Person, by_id: Mapping[str, Mapping[str, Any]],
            by_name: _ByName) -> Mapping[str, Any] | None:
    if person.id_number and person.id_number in by_id:
        return by_id[person.id_number]
    record = by_name.get(person.name)
    if record is not None and (not record.get("id_number") or not person.id_number):
        return record
    return None


def reconcile(contract: Contract, period: Period, datasets: Mapping[str, Dataset], today: dt.date,
              approvals: set[str] | None = None) -> list[ReconFinding]:
    findings: list[ReconFinding] = []
    add = findings.append
    clause_people = (contract.obligation("personnel_submission") or contract.obligation("staffing"))
    clause = clause_people.clause if clause_people else ""
    insurance_rule = contract.obligation("social_insurance")
    insurance_clause = insurance_rule.clause if insurance_rule else ""

    for kind in PERSONNEL_KINDS + ("schedule",):
        found = due(contract, period, kind)
        if found is None:
            continue
        rule, deadline = found
        data = datasets.get(kind)
        when = state(deadline, data.received_on if data else None, today)
        if when == "missing":
            add(ReconFinding("missing_submission", "", "", KIND_LABELS[kind], None,
                             f"{period.label()}{KIND_LABELS[kind]}截至 {deadline} 未报送", rule.clause))
        elif when == "late" and data is not None:
            add(ReconFinding("late_submission", "", "", data.source, None,
                             f"{KIND_LABELS[kind]}应于 {deadline} 前报送，实际 {data.received_on} 收到"
                             f"（逾期 {(data.received_on - deadline).days} 天）", rule.clause))

    roster = datasets.get("roster")
    if roster is None:
        return findings
    staff = people(roster.records)
    first_day, last_day = period.first_day, period.last_day
    active = [p for p in staff if days_employed(p, first_day, last_day)]
    seen: dict[str, Person] = {}
    for person in staff:
        if person.id_number:
            reason = idcard.problem(person.id_number, today)
            if reason:
                add(ReconFinding("invalid_id", person.name, person.masked_id, roster.source, person.row,
                                 f"身份证号{reason}", clause, person.id_number))
            elif person.id_number in seen:
                add(ReconFinding("duplicate_id", person.name, person.masked_id, roster.source, person.row,
                                 f"与第 {seen[person.id_number].row} 行（{seen[person.id_number].name}）身份证号相同",
                                 clause, person.id_number))
            else:
                seen[person.id_number] = person

    roster_ids = {p.id_number for p in staff if p.id_number}
    roster_names = {p.name for p in staff}
    whole_month = {p for p in active if p.employed_on(first_day) and p.employed_on(last_day)}
    payroll, insurance, transfers = datasets.get("payroll"), datasets.get("insurance"), datasets.get("transfers")

    for data in (payroll, insurance, transfers):
        if data is None:
            continue
        for record in data.records:
            on_roster = (record["id_number"] in roster_ids if record.get("id_number")
                         else record.get("name") in roster_names)
            if not on_roster:
                masked = idcard.mask(record["id_number"]) if record.get("id_number") else ""
                add(ReconFinding("not_on_roster", record.get("name", ""), masked, data.source, record.get("_row"),
                                 f"{KIND_LABELS[data.kind]}中有此人，人员名单中没有", clause,
                                 record.get("id_number") or ""))

    if payroll is not None:
        by_id, by_name = _index(payroll.records)
        wage = contract.settings.minimum_wage
        for person in active:
            pay = _lookup(person, by_id, by_name)
            if pay is None:
                add(ReconFinding("not_in_payroll", person.name, person.masked_id, roster.source, person.row,
                                 "本月在职，工资表中没有", clause, person.id_number))
            elif person in whole_month and pay.get("gross") is not None and pay["gross"] < wage:
                add(ReconFinding("below_minimum_wage", person.name, person.masked_id, payroll.source, pay["_row"],
                                 f"应发工资 {pay['gross']:.2f} 元低于最低工资 {wage:.2f} 元"
                                 f"（{contract.settings.minimum_wage_source}）", insurance_clause, person.id_number))
    if insurance is not None:
        by_id, by_name = _index(insurance.records)
        for person in active:
            cover = _lookup(person, by_id, by_name)
            missing = [label for key, label in INSURANCE_FIELDS.items()
                       if cover is None or not cover.get(key) or cover[key] <= 0]
            if missing:
                add(ReconFinding("missing_insurance", person.name, person.masked_id,
                                 insurance.source if cover is not None else roster.source,
                                 cover["_row"] if cover is not None else person.row,
                                 f"未缴：{'、'.join(missing)}", insurance_clause, person.id_number))
    if payroll is not None and transfers is not None:
        t_id, t_name = _index(transfers.records)
        for record in payroll.records:
            person = Person(record.get("name", ""), record.get("id_number") or "", "", "", None, None, "", None, 0)
            transfer = _lookup(person, t_id, t_name)
            masked = idcard.mask(record["id_number"]) if record.get("id_number") else ""
            if transfer is None:
                add(ReconFinding("not_in_transfers", record.get("name", ""), masked, payroll.source, record["_row"],
                                 f"实发 {record['net']:.2f} 元，转账记录中没有", clause, record.get("id_number") or ""))
            elif transfer.get("amount") != record.get("net"):
                add(ReconFinding("transfer_mismatch", record.get("name", ""), masked, transfers.source,
                                 transfer["_row"],
                                 f"转账 {transfer['amount']:.2f} 元，工资表实发 {record['net']:.2f} 元", clause,
                                 record.get("id_number") or ""))

    qualification = contract.obligation("manager_qualification")
    if qualification:
        for person in active:
            if person.role == "management" and not manager_qualified(person):
                add(ReconFinding("manager_unqualified", person.name, person.masked_id, roster.source, person.row,
                                 f"学历“{person.education or '未填'}”，同类管理经验 {person.experience_years or 0} 年",
                                 qualification.clause, person.id_number))
    departure = contract.obligation("departure_approval")
    if departure:
        for person in leavers(staff, period):
            if person.id_number not in (approvals or set()):
                add(ReconFinding("departure_unapproved", person.name, person.masked_id, roster.source, person.row,
                                 f"{person.leave_date} 离职，未见甲方同意记录", departure.clause, person.id_number))
    return findings



@dataclass(frozen=True, slots=True)
class RecordsDiff:
    """What a file imported again changes against the one it replaces: persons added, removed, and the
    persons whose figures or details changed (who, and each field as before → after)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _who(record: Mapping[str, Any]) -> str:
    name = record.get("name") or ""
    return f"{name}（{idcard.mask(record['id_number'])}）" if record.get("id_number") else name


def _shown(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)


def diff_records(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]],
                 labels: Mapping[str, str]) -> RecordsDiff:
    """Persons matched by ID number, else by name (a person listed twice is compared in order); the row
    numbers are not a change. ``labels`` names the fields (imports.FIELD_LABELS)."""
    def keyed(records: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], Mapping[str, Any]]:
        out: dict[tuple[str, int], Mapping[str, Any]] = {}
        for record in records:
            key = _key(record)
            n = sum(1 for k in out if k[0] == key)
            out[(key, n)] = record
        return out

    before, after = keyed(old), keyed(new)
    added = tuple(_who(after[k]) for k in after if k not in before)
    removed = tuple(_who(before[k]) for k in before if k not in after)
    changed = []
    for k in before.keys() & after.keys():
        a, b = before[k], after[k]
        fields = tuple((labels.get(f, f), _shown(a.get(f)), _shown(b.get(f)))
                       for f in dict.fromkeys([*a, *b]) if not f.startswith("_") and a.get(f) != b.get(f))
        if fields:
            changed.append((_who(b), fields))
    return RecordsDiff(added, removed, tuple(sorted(changed)))
