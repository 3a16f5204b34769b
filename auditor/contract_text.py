"""What documents and screens say about a contract's rules, generated from the contract's own data.

A score sheet's 约定解读, the band table, the incident steps, a notice's consequences, the termination
rights and the chart's band lines all come from here, so a third contract prints its own bands and
clauses and never another contract's. A remedy or a termination right the contract has no clause for is
never printed: the notice of a contract without a third-party clause does not threaten one.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from .model import Clause, Contract, Family, Frequency
from .money import format_yuan

__all__ = ["band_rows", "band_text", "chart_bands", "consequences", "incident_name", "incident_text", "readings",
           "remedies",
           "match_role", "role_names", "termination_clause", "termination_rights", "termination_warning"]

# the counted events whose termination clause older templates kept under scoring.*_clause
_LEGACY_TERMINATION = {"incidents": "incident", "spot_checks": "spot_check", "late_service": "late_service"}


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _cited(text: str, clause: str) -> str:
    return f"{text}（{clause}）" if clause else text


# ---------------------------------------------------------------- bands (points contracts)

def band_rows(contract: Contract) -> list[tuple[str, str]]:
    """(range of X, share paid) per band, half-open from the highest minimum down: the contract's own table."""
    rows: list[tuple[str, str]] = []
    upper: Decimal | None = None
    for band in contract.bands:
        low = _num(band.minimum)
        if upper is None:
            span = f"X≥{low}"
        elif band.minimum <= 0:
            span = f"X<{_num(upper)}"
        else:
            span = f"{low}≤X<{_num(upper)}"
        rows.append((span, "不付" if band.percent == 0 else f"付{_pct(band.percent)}"))
        upper = band.minimum
    return rows


def band_text(contract: Contract) -> str:
    if not contract.bands:
        return ""
    table = "；".join(f"{span} {paid}" for span, paid in band_rows(contract))
    return _cited(f"分档采用左闭右开区间：{table}", contract.clauses.get("scoring", ""))


def chart_bands(contract: Contract) -> list[tuple[float, str]]:
    """The band minima a score chart draws as lines (the floor of 0 is the axis), with the share they pay."""
    return [(float(b.minimum), _pct(b.percent)) for b in contract.bands if b.minimum > 0]


# ---------------------------------------------------------------- remedies and termination

def remedies(contract: Contract) -> list[Clause]:
    """What 甲方 may do when a notice is not complied with, each with its clause.

    Contracts stored before the ``remedies`` key keep the third-party remedy of their ``rectification``
    obligation (henan 第五条4); a contract with neither has no remedy to print."""
    if contract.remedies:
        return [r for r in contract.remedies if r.clause]
    legacy = contract.obligation("rectification")
    if legacy is not None and legacy.clause and "第三方" in legacy.text:
        return [Clause("third_party", "邀请第三方提供服务，相关服务费用由你单位承担", legacy.clause)]
    return []


def consequences(contract: Contract) -> str:
    """The consequences paragraph of a rectification notice: only the remedies the contract has."""
    found = remedies(contract)
    if not found:
        return "逾期未整改或整改不到位的，我单位将依据合同约定处理。"
    return "逾期未整改或整改不到位的，我单位将依据合同约定" + "，并".join(
        f"{r.text}（{r.clause}）" for r in found) + "。"


def termination_clause(contract: Contract, key: str) -> str:
    """The clause giving 甲方 the right to terminate for ``key`` (incidents, spot_checks, late_service…)."""
    for right in contract.termination:
        if right.key == key:
            return right.clause
    if contract.termination:
        return ""
    return contract.clauses.get(_LEGACY_TERMINATION.get(key, key), "") if key in _LEGACY_TERMINATION else ""


def termination_warning(contract: Contract, key: str, what: str) -> str:
    """``what`` followed by the termination right and its own clause (never another contract's)."""
    clause = termination_clause(contract, key)
    return f"{what}，甲方可依 {clause} 解除合同" if clause else f"{what}，已达合同约定的解除合同情形"


def termination_rights(contract: Contract) -> list[str]:
    return [_cited(right.text, right.clause) for right in contract.termination]


# ---------------------------------------------------------------- the rules, line by line

def incident_name(contract: Contract) -> str:
    """What the contract calls the events its incident steps count (henan HN-06 严重舆论事件)."""
    return next((i.name for i in contract.indicators if i.derived == "incidents"), "约定事件")


def incident_text(contract: Contract) -> str:
    """The incident steps as the contract sets them (henan 第十一条), cumulative over the term."""
    steps = contract.incident_steps
    if not steps:
        return ""
    parts = []
    previous = Decimal(0)
    for n, step in enumerate(steps, 1):
        if n == 1:
            parts.append(f"第1次扣合同总金额{_pct(step)}")
        else:
            parts.append(f"第{n}次累计扣{_pct(step)}（再扣{_pct(step - previous)}）")
        previous = step
    parts.append(f"第{len(steps) + 1}次及以后不再加扣（合同未约定）")
    text = f"{incident_name(contract)}按服务期累计：" + "，".join(parts)
    derived = [i.code for i in contract.indicators if i.derived == "incidents"]
    if derived:
        text += f"，不再按 {'、'.join(derived)} 另扣"
    text = _cited(text, contract.clauses.get("incident", ""))
    if contract.incident_termination_count:
        text += "；" + termination_warning(contract, "incidents", f"累计{contract.incident_termination_count}次")
    return text


def _item_rule(contract: Contract) -> str:
    clause = contract.clauses.get("scoring", "")
    if contract.family is Family.POINTS:
        text = "单项不达标该项不得分，达标或免考得该项全部分值"
        annual = [i.code for i in contract.indicators if i.frequency is Frequency.YEAR]
        if annual:
            text += f"；年度指标（{'、'.join(annual)}）于服务年度最后一个月考核"
        return _cited(text, clause)
    shares = {i.deduction_percent for i in contract.indicators if i.deduction_percent is not None and not i.derived}
    share = f"合同总金额的{_pct(shares.pop())}" if len(shares) == 1 else "该指标约定的比例"
    return _cited(f"考核指标在其考核期不达标的，每项扣减{share}", clause)


def _staffing(contract: Contract) -> str:
    roles = contract.roles
    if contract.settings.staffing_basis == "per_role" and len(roles) > 1:
        names = "/".join(r.name for r in roles)
        text = f"人员缺口按各岗位分别计算后相加（{names}），每岗位缺口=向上取整(要求人数−月均在岗人数)"
    else:
        text = (f"人员缺口按总人数计算（要求 {contract.required_headcount} 人），"
                "缺口=向上取整(要求人数−月均在岗人数)")
    if contract.penalty_percent_per_person:
        text += f"；每月每缺 1 人扣减合同总金额{_pct(contract.penalty_percent_per_person)}"
    else:
        text += "；合同未约定人员缺口扣款，缺口列为问题"
    return _cited(text, contract.clauses.get("staffing", ""))


def _late(contract: Contract) -> str:
    if contract.late_penalty_percent_per_day:
        return _cited(f"逾期提供服务每日按合同总金额{_pct(contract.late_penalty_percent_per_day)}计违约金，"
                      "从逾期月份所在期次的付款中扣除", contract.clauses.get("late", ""))
    clause = termination_clause(contract, "late_service")
    text = "合同未约定逾期违约金：逾期天数不计金额"
    return text + (f"，但甲方可依 {clause} 解除合同" if clause else "")


def _bond(contract: Contract) -> str:
    bond = contract.bond
    if bond is None:
        return "本合同无履约保证金：末期后仍有扣减余额的，须另行向乙方追偿"
    text = f"履约保证金 {format_yuan(bond.amount)}（合同总价的{_pct(bond.percent)}"
    text += (f"，{bond.form}" if bond.form else "") + "）"
    if bond.return_working_days is not None:
        text += f"，服务期满后 {bond.return_working_days} 个工作日内退还"
    return _cited(text, bond.clause)


def readings(contract: Contract) -> list[str]:
    """Every reading a score sheet prints: the settings' readings, then the contract's rules from its data,
    then the contract's own recorded interpretations."""
    lines = list(contract.settings.readings(
        contract.family, annual_items=any(i.frequency is Frequency.YEAR for i in contract.indicators),
        personnel_files=contract.obligation("personnel_submission") is not None))
    lines.append(_item_rule(contract))
    if contract.family is Family.POINTS:
        lines.append(band_text(contract))
    lines.append(_staffing(contract))
    lines.append(incident_text(contract))
    lines.append(_late(contract))
    lines.append(_bond(contract))
    rights = termination_rights(contract)
    if rights:
        lines.append("甲方可解除合同的情形：" + "；".join(rights))
    lines += [_cited(r.text, r.clause) for r in contract.readings]
    return [line for line in lines if line]


# ---------------------------------------------------------------- roles

def role_names(contract: Contract) -> dict[str, tuple[str, ...]]:
    """Role key → the names a roster may use for it: the key, the contract's name, the operators' aliases."""
    return {r.key: (r.key, r.name, *r.aliases) for r in contract.roles}


def match_role(text: str, names: Mapping[str, Sequence[str]]) -> str | None:
    """The role a roster's cell names: an exact key, name or alias first; else the alias written last in the
    cell (Chinese job titles end with their head: 「话务组长」 is a 组长, 「一线话务员」 a 话务员), the longer on
    a tie. None when nothing matches."""
    wanted = text.strip().casefold()
    for key, aliases in names.items():
        if any(wanted == a.strip().casefold() for a in aliases):
            return key
    best: tuple[int, int, str] | None = None
    for key, aliases in names.items():
        for alias in aliases:
            alias = alias.strip().casefold()
            at = wanted.rfind(alias) if alias else -1
            if at >= 0:
                candidate = (at + len(alias), len(alias), key)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
    return best[2] if best else None
