"""Operations on the personnel side (SPEC §5–§7), shared by the CLI and the UI."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from .calendar import Period
from .contract_text import role_names, termination_warning
from .errors import InputError
from .imports import collector_paused, parse_table
from .model import Contract
from .payroll import ReconFinding, RecordsDiff, diff_records, reconcile
from .staffing import SpotEntry, average_headcount, people, scheduled_now, spot_result, turnover_percent
from .storage import Store
from .submissions import KIND_LABELS, KINDS

if TYPE_CHECKING:
    from .findings import FindingDraft

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    kind: str
    source: str
    rows: int
    received_on: dt.date
    headcount: dict[str, Decimal] | None
    headcount_applied: bool
    unmapped: tuple[str, ...]


def import_file(store: Store, contract: Contract, period: Period, kind: str, path: Path,
                received_on: dt.date | None = None, column_map: dict[str, str] | None = None,
                progress: Callable[[float, str], None] | None = None, sheet: str | None = None) -> ImportSummary:
    """Read and check the whole file, then store it in one transaction (replacing that month's file of that kind).

    A roster also gives the month's average headcount per role; it is entered
    into the month only when the inspector has not entered one.
    """
    if kind not in KINDS:
        raise InputError(f"未知的文件类别“{kind}”，应为 {'、'.join(KINDS)} 之一")
    if not contract.in_term(period):
        raise InputError(f"{period} 不在合同 {contract.id} 的服务期内")
    operator = contract.party_b.name
    mapping = {**store.personnel.column_map(operator, kind), **(column_map or {})}
    result = parse_table(kind, path, role_names(contract), mapping, sheet=sheet, progress=progress)
    received = received_on or dt.date.today()
    headcount = None
    applied = False
    with store.db.atomic():
        store.personnel.save_import(contract.id, period, result, received)
        if column_map:
            store.personnel.remember_columns(operator, kind, column_map)
        if kind == "roster":
            headcount = average_headcount(people(result.records), period, [r.key for r in contract.roles])
            entries = store.months.load(contract.id, period)
            if (entries is None or entries.headcount is None) and store.months.status(contract.id, period) != "final":
                store.months.set_fact(contract, period, "headcount", headcount)
                applied = True
    log.info("imported %s for %s %s: %d rows, file sha256 %s…, received %s%s", kind, contract.id, period,
             len(result.records), result.sha256[:12], received, ", headcount filled in" if applied else "")
    return ImportSummary(kind, result.source, len(result.records), received, headcount, applied, result.unmapped)


def compare_import(store: Store, contract: Contract, period: Period, kind: str, path: Path,
                   column_map: dict[str, str] | None = None, sheet: str | None = None
                   ) -> tuple[str, RecordsDiff] | None:
    """Before a file replaces the month's file of its kind: the source it replaces and what changes
    (persons added, removed, changed). None when nothing of that kind was imported yet. Reads only."""
    from .imports import FIELD_LABELS

    previous = store.personnel.dataset(contract.id, period, kind)
    if previous is None:
        return None
    mapping = {**store.personnel.column_map(contract.party_b.name, kind), **(column_map or {})}
    result = parse_table(kind, path, role_names(contract), mapping, sheet=sheet)
    return previous.source, diff_records(previous.records, result.records, FIELD_LABELS)


def reconcile_month(store: Store, contract: Contract, period: Period,
                    today: dt.date | None = None) -> list[ReconFinding]:
    """Check the month's submissions against each other and store the discrepancies as findings."""
    with collector_paused():   # four files' rows become objects, none in a cycle
        datasets = store.personnel.datasets(contract.id, period)
    masked = sorted(kind for kind, data in datasets.items() if any(r.get("_masked") for r in data.records))
    if masked:  # rows from a masked audit bundle: pseudonyms and blanks would be read as the operator's errors
        raise InputError(f"{period} 的{'、'.join(KIND_LABELS[k] for k in masked)}来自脱敏的审计包（身份证号、工资或账号"
                         "已隐去），不能在本机核对；核对结果见审计包带来的问题清单，或请对方导出含完整数据的审计包")
    findings = reconcile(contract, period, datasets, today or dt.date.today(),
                         store.personnel.approved_departures(contract.id))
    store.findings.sync(contract.id, period, [f.draft(n) for n, f in enumerate(findings)], sources=("reconciliation",))
    return findings


class StaffingFigures(TypedDict):
    headcount: dict[str, Decimal]      # role key → the month's average on the roster
    turnover_percent: Decimal | None


def staffing_figures(store: Store, contract: Contract, period: Period) -> StaffingFigures | None:
    """None before the month's roster is imported."""
    roster = store.personnel.dataset(contract.id, period, "roster")
    if roster is None:
        return None
    staff = people(roster.records)
    roles = [r.key for r in contract.roles]
    return {"headcount": average_headcount(staff, period, roles),
            "turnover_percent": turnover_percent(staff, period, roles)}


def spot_candidates(store: Store, contract: Contract, at: dt.datetime) -> list[SpotEntry]:
    period = Period.of(at.date())
    roster = store.personnel.dataset(contract.id, period, "roster")
    if roster is None:
        raise InputError(f"{period} 尚未导入人员名单，无法现场抽查")
    shifts: list[Mapping[str, Any]] = []
    # on the 1st, last night's shift is in the previous month's 排班表
    for month in {period, Period.of(at.date() - dt.timedelta(days=1))}:
        schedule = store.personnel.dataset(contract.id, month, "schedule")
        shifts += schedule.records if schedule else []
    staff = scheduled_now(people(roster.records), shifts, at)
    entries, seen = [], set()
    for p in staff:  # two roster rows with one ID number (itself a reconciliation finding) stay two people
        key = p.key if p.key not in seen else f"{p.key}#第{p.row}行"
        seen.add(key)
        entries.append(SpotEntry(key, p.name, p.employee_no, p.role, True))
    return entries


def finish_spot_check(store: Store, contract: Contract, check_id: int) -> tuple[bool, list[str]]:
    """Record the result; returns (failed, warnings). henan 第八条3(2): a 2nd failed check gives a termination right."""
    entries = store.personnel.spot_entries(check_id)
    result = spot_result(contract, entries)
    counts = "；".join(f"{role}：" + "、".join(f"{k} {v}" for k, v in c.items() if v)
                      for role, c in result.by_role.items())
    store.personnel.finish_spot_check(check_id, result.failed, "；".join(result.reasons) or counts)
    started = dt.datetime.fromisoformat(store.personnel.spot_check(check_id)["started_at"])
    spot_check_findings(store, contract, Period.of(started.date()))
    warnings = []
    limit = contract.spot_check_termination_count
    if result.failed and limit and store.personnel.failed_spot_checks(contract.id) >= limit:
        warnings.append(termination_warning(contract, "spot_checks", "服务期内现场抽查已 "
                                            f"{store.personnel.failed_spot_checks(contract.id)} 次不达标"))
    return result.failed, warnings


def spot_check_findings(store: Store, contract: Contract, period: Period) -> list[FindingDraft]:
    """SPEC §5: the month's finished spot checks as findings, one per person 缺岗 and one per person at work
    but not on the roster, so that a notice can cite them. Rebuilt whole each time (a check finished later
    in the month adds its own, earlier ones stay)."""
    from .findings import FindingDraft

    rule = contract.obligation("personnel_submission")
    roster_clause = rule.clause if rule else contract.clauses.get("staffing", "")
    roles = {r.key: r.name for r in contract.roles}
    drafts: list[FindingDraft] = []
    for check in reversed(store.personnel.spot_checks(contract.id)):
        when = dt.datetime.fromisoformat(check["started_at"])
        if not check["finished_at"] or Period.of(when.date()) != period:
            continue
        at = f"{when:%Y-%m-%d %H:%M} 现场抽查（{check['place'] or '现场'}）"
        for n, e in enumerate(store.personnel.spot_entries(check["id"])):
            who = f"{e.name}（{'工号 ' + e.employee_no + '，' if e.employee_no else ''}{roles.get(e.role, e.role)}）"
            if e.status == "absent":
                drafts.append(FindingDraft("spot_check", f"{check['id']}:{n}", f"现场抽查缺岗：{e.name}",
                                           f"{at}，{who}缺岗，未见经批准的请假", contract.clauses.get("staffing", "")))
            elif e.status == "present" and not e.on_roster:
                drafts.append(FindingDraft("spot_check", f"{check['id']}:{n}", f"现场抽查发现名单外人员：{e.name}",
                                           f"{at}，{who}在岗但不在本月人员名单上", roster_clause))
    store.findings.sync(contract.id, period, drafts, sources=("spot_check",))
    return drafts


DUTY_STATUSES = {"ok": "已落实", "gap": "未落实", "na": "不适用"}


def confidentiality_findings(store: Store, contract: Contract, period: Period) -> list[FindingDraft]:
    """SPEC §7: duties marked 未落实 or not yet checked, and roster persons without a signed commitment."""
    from .findings import FindingDraft

    duties = store.personnel.duties(contract.id, period)
    drafts: list[FindingDraft] = []
    for duty in contract.confidentiality:
        status, note = duties.get(duty.key, (None, ""))
        if status == "gap":
            drafts.append(FindingDraft("confidentiality", duty.key, "保密义务未落实",
                                       f"{duty.text}{('：' + note) if note else ''}", duty.clause))
    roster = store.personnel.dataset(contract.id, period, "roster")
    if roster is not None:
        signed = store.personnel.commitments(contract.id)
        clause = next((d.clause for d in contract.confidentiality if d.key == "staff_commitment"),
                      contract.confidentiality[0].clause if contract.confidentiality else "")
        missing = [p for p in people(roster.records) if p.id_number and p.id_number not in signed
                   and p.employed_on(period.last_day)]
        if missing:
            names = "、".join(f"{p.name}（{p.masked_id}）" for p in missing[:20])
            more = f"等 {len(missing)} 人" if len(missing) > 20 else f"共 {len(missing)} 人"
            drafts.append(FindingDraft("confidentiality", "commitments", "人员未签署保密承诺",
                                       f"{names}{more}未签署保密承诺即接触保密信息", clause))
    store.findings.sync(contract.id, period, drafts, sources=("confidentiality",))
    return drafts


def unchecked_duties(store: Store, contract: Contract, period: Period) -> list[str]:
    duties = store.personnel.duties(contract.id, period)
    return [d.key for d in contract.confidentiality if d.key not in duties]
