"""Work-order records in use (issue 16): an export imported and its items computed, a month's figures
shown, the failing orders exported and attached to findings. The CLI and the app share these; the rules
(reading, derivations, computing) are in :mod:`auditor.workorders`."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .calendar import Period
from .errors import InputError, StateError
from .model import Contract, Indicator
from .workorders import (
    ANNEX_HEADERS,
    FORMULA_STARTS,
    KIND,
    LABELS,
    Cancelled,
    Comparison,
    Orders,
    Result,
    annex_row,
    compare,
    compute,
    computed_measurement,
    derivations,
    other_months,
    pack,
    pack_orders,
    percent_text,
    read_orders,
    refusal,
    tolerance,
)

if TYPE_CHECKING:
    from .storage import Store
    from .storage.findings_repo import Finding

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source: str
    sha256: str
    orders: int
    excluded_rows: int
    results: tuple[Result, ...]
    filled: tuple[str, ...]          # codes whose measurement the records now fill
    mismatches: tuple[str, ...]      # codes with a finding 「自报数据与工单记录不符」
    unmapped: tuple[str, ...]


def import_file(store: Store, contract: Contract, period: Period, path: Path,
                column_map: Mapping[str, str] | None = None, sheet: str | None = None, exclude_bad: bool = False,
                progress: Callable[[float, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Read and check the whole export, compute the month's derived items, then store everything in one
    transaction: the file as evidence (by its SHA-256), the orders, the results, the computed measurements
    and the findings. Bad rows refuse the file unless ``exclude_bad`` (they are then kept, listed)."""
    if not contract.in_term(period):
        raise InputError(f"{period} 不在合同 {contract.id} 的服务期内")
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    if store.months.status(contract.id, period) == "final":
        raise StateError(f"{contract.id} {period} 已定稿，不能再导入工单记录；如需导入请先说明理由重新打开")
    if not derivations(contract):
        raise InputError(f"合同 {contract.id} 没有可由工单记录计算的指标（指标的 derivation）")
    operator = contract.party_b.name
    mapping = {**store.personnel.column_map(operator, KIND), **(column_map or {})}
    unknown = sorted(set((column_map or {}).values()) - set(LABELS))
    if unknown:
        raise InputError(f"列映射中的字段“{'、'.join(unknown)}”不存在；可用字段：{'、'.join(LABELS)}")
    parsed = read_orders(path, period, mapping, sheet, progress, cancelled)
    if parsed.bad and not exclude_bad:
        raise refusal(parsed)
    if not parsed.orders:
        raise InputError(f"{parsed.source}: 没有可用的工单（全部 {parsed.bad_rows} 行有误）")
    if progress is not None:
        progress(0.92, "计算指标")
    calendar = store.calendar()
    months: dict[Period, Orders] = {period: parsed.orders}
    for other in other_months(contract, period):     # a quarterly item counts the quarter's earlier imports
        stored = store.workorders.orders(contract.id, other)
        if stored is not None:
            months[other] = stored
    results = compute(contract, period, months, calendar)
    if cancelled is not None and cancelled():
        raise Cancelled("已取消导入，未做任何修改")
    if progress is not None:
        progress(0.95, "保存")
    with store.db.atomic():
        if store.months.status(contract.id, period) == "final":   # again, under the write lock
            raise StateError(f"{contract.id} {period} 已定稿，不能再导入工单记录")
        evidence = store.evidence.add(contract.id, period, "", path)
        if evidence.sha256 != parsed.sha256:
            raise InputError(f"{path.name} 在读取期间被改动（SHA-256 前后不一致），未导入；请重新导入")
        store.workorders.save_import(contract.id, period, parsed, evidence.id, pack_orders(parsed.orders),
                                     pack({"row": b.row, "column": b.column, "field": b.field, "problem": b.problem}
                                          for b in parsed.bad))
        store.workorders.save_results(contract.id, period, results)
        filled = []
        for result in results:
            if result.status == "computed":
                measurement = computed_measurement(result, parsed.source, parsed.sha256)
                if store.workorders.fill(contract, period, measurement):
                    filled.append(result.code)
            else:
                store.workorders.fill(contract, period, None, code=result.code)
        mismatches = store.workorders.sync_findings(contract, period)
        if column_map:
            store.personnel.remember_columns(operator, KIND, dict(column_map))
    log.info("imported work orders for %s %s: %d orders (%d bad rows excluded), file sha256 %s…, filled %s",
             contract.id, period, len(parsed.orders), parsed.bad_rows, parsed.sha256[:12], ",".join(filled) or "none")
    if progress is not None:
        progress(1.0, "完成")
    return ImportSummary(parsed.source, parsed.sha256, len(parsed.orders), parsed.bad_rows, tuple(results),
                         tuple(filled), tuple(mismatches), parsed.unmapped)


@dataclass(frozen=True, slots=True)
class ItemView:
    """One derived item of a month as the inspector sees it: computed and reported side by side."""

    indicator: Indicator
    result: Result
    comparison: Comparison | None
    measurement_kind: str | None     # what the month's measurement is now (computed, exempt, value…)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def rate_text(self) -> str:
        rate = self.result.rate(self.indicator)
        return percent_text(rate) if rate is not None else "—"

    @property
    def reported_text(self) -> str:
        if self.comparison is None or self.comparison.reported is None:
            return "—"
        return percent_text(self.comparison.reported)

    @property
    def note(self) -> str:
        """What the figure leaves out and why it may be missing (剔除 需申诉 1 单；…)."""
        left_out = "、".join(f"{LABELS[k]} {n} 单" for k, n in self.result.excluded.items())
        return "；".join(part for part in (f"剔除 {left_out}" if left_out else "", self.result.reason) if part)

    @property
    def passes(self) -> bool | None:
        rate = self.result.rate(self.indicator)
        return None if rate is None else self.indicator.comparator.holds(rate, self.indicator.target)


def month_view(store: Store, contract: Contract, period: Period) -> list[ItemView]:
    """The month's derived items with their figures (empty before an import)."""
    entries = store.months.load(contract.id, period)
    reported = store.workorders.reported(contract.id, period)
    calendar = store.calendar()
    limit = tolerance(contract)
    views = []
    for result in store.workorders.results(contract.id, period):
        indicator = contract.indicator(result.code)
        current = entries.measurements.get(result.code) if entries else None
        views.append(ItemView(indicator, result, compare(indicator, result, reported.get(result.code), limit,
                                                         calendar), current.kind.value if current else None))
    return views


def view_to_dict(view: ItemView) -> dict[str, Any]:
    result, comparison = view.result, view.comparison
    return {"code": view.code, "name": view.indicator.name, "status": result.status,
            "numerator": result.numerator, "denominator": result.denominator,
            "rate": None if result.rate(view.indicator) is None else str(result.rate(view.indicator)),
            "target": view.indicator.target_text, "passes": view.passes, "months": list(result.months),
            "excluded": dict(result.excluded), "reason": result.reason,
            "reported": None if comparison is None or comparison.reported is None else str(comparison.reported),
            "difference": None if comparison is None or comparison.difference is None else str(comparison.difference),
            "beyond_tolerance": bool(comparison and comparison.beyond), "measurement": view.measurement_kind,
            "failing": [f.as_dict() for f in result.failing]}


def annex_rows(store: Store, finding: Finding) -> list[tuple[str, ...]]:
    """The annex table of a finding about a computed item (「自报数据与工单记录不符」, or the item's own
    failure): its failing orders, one row each under ANNEX_HEADERS; empty for any other finding."""
    if finding.source not in ("workorders", "indicator"):
        return []
    result = next((r for r in store.workorders.results(finding.contract_id, finding.period) if r.code == finding.key),
                  None)
    if result is None:
        return []
    return [annex_row(f) for f in result.failing]


def failing_workbook(store: Store, contract: Contract, period: Period) -> tuple[bytes, int]:
    """The month's computed items and their failing orders as an .xlsx (a summary sheet, then one sheet per
    item), and how many order rows it holds.

    Every string is written as text, never a formula: an order number the operator wrote as
    ``=HYPERLINK(…)`` stays text in the inspector's file (such cells are refused on import anyway)."""
    import io

    from openpyxl import Workbook

    views = month_view(store, contract, period)
    if not views:
        raise InputError(f"{contract.id} {period} 尚未导入工单记录")
    book = Workbook(write_only=True)
    summary = book.create_sheet("汇总")
    summary.append(["指标", "名称", "要求", "分子", "分母", "工单计算", "乙方自报", "列出工单", "说明"])
    written = 0
    for view in views:
        summary.append([_safe(summary, v) for v in (
            view.code, view.indicator.name, view.indicator.target_text, view.result.numerator,
            view.result.denominator, view.rate_text, view.reported_text, len(view.result.failing),
            view.result.reason)])
        if not view.result.failing:
            continue
        sheet = book.create_sheet(view.code)
        sheet.append(list(ANNEX_HEADERS))
        for failing in view.result.failing:
            sheet.append([_safe(sheet, value) for value in annex_row(failing)])
            written += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), written


def _safe(sheet: Any, value: Any) -> Any:
    """A string cell stays text even when it starts with "=" (openpyxl would write it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
