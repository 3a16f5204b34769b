"""The work-order commands (issue 16): import a month's export, show what it computes, export the failing orders."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import EXIT_OK, _input_file, _Parser, _path, _period, _text
from .files import check_writable, print_json, write_file

if TYPE_CHECKING:
    from ..calendar import Period
    from ..storage import Store
    from .args import Subparsers


def _column_map(pairs: list[str] | None) -> dict[str, str]:
    """``--map 回复时间=responded_at``: a header of the file → one of the fields (remembered per operator)."""
    from ..workorders import LABELS

    mapping = {}
    for pair in pairs or []:
        header, sep, field = pair.partition("=")
        header, field = header.strip(), field.strip()
        if not sep or not header or not field:
            raise InputError(f"--map “{pair}”应写作 表头=字段，例如 回复时间=responded_at")
        by_label = {label: name for name, label in LABELS.items()}
        field = by_label.get(field, field)
        if field not in LABELS:
            raise InputError(f"--map “{pair}”：没有字段“{field}”；可用字段："
                             + "、".join(f"{name}（{label}）" for name, label in LABELS.items()))
        mapping[header] = field
    return mapping


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    from ..operations.workorders import import_file
    from ..service import parse_period
    from ..workorder_service import view_to_dict

    contract = store.contracts.get(args.contract)
    period = parse_period(contract, args.period)
    summary = import_file(store, contract.id, period, Path(args.file), _column_map(args.map), args.sheet,
                          args.exclude_bad).value
    if args.json:
        from ..workorder_service import month_view

        print_json({"contract": contract.id, "period": str(period), "file": summary.source, "sha256": summary.sha256,
                    "orders": summary.orders, "excluded_rows": summary.excluded_rows, "filled": list(summary.filled),
                    "mismatches": list(summary.mismatches), "unmapped_columns": list(summary.unmapped),
                    "items": [view_to_dict(v) for v in month_view(store, contract, period)]})
        return EXIT_OK
    print(f"已导入 {summary.source}：{summary.orders} 单"
          + (f"（按检查人员的选择剔除有误的 {summary.excluded_rows} 行）" if summary.excluded_rows else "")
          + f"，SHA-256 {summary.sha256}")
    _print_items(store, contract.id, period)
    return EXIT_OK


def _print_items(store: Store, contract_id: str, period: Period) -> None:
    from ..workorder_service import month_view

    contract = store.contracts.get(contract_id)
    for view in month_view(store, contract, period):
        result = view.result
        if result.status != "computed":
            print(f"  {view.code} {view.indicator.name}：未计算（{result.reason}）")
            continue
        verdict = "达标" if view.passes else "不达标"
        line = (f"  {view.code} {view.indicator.name}：{result.numerator}/{result.denominator} = {view.rate_text}"
                f"（要求 {view.indicator.target_text}，{verdict}）")
        if view.comparison is not None and view.comparison.reported is not None:
            line += f"；乙方自报 {view.reported_text}" + ("，与工单记录不符" if view.comparison.beyond else "")
        if view.measurement_kind == "exempt":
            line += "；本月该项已免考，未填入"
        print(line)
        if view.note:
            print(f"    说明：{view.note}")
        if result.failing:
            label = "计入工单" if view.indicator.comparator.value == "<=" else "未达标工单"
            shown = "、".join(f.number for f in result.failing[:10])
            print(f"    {label} {len(result.failing)} 单：{shown}" + ("……" if len(result.failing) > 10 else ""))


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    from ..service import parse_period
    from ..workorder_service import month_view, view_to_dict

    contract = store.contracts.get(args.contract)
    period = parse_period(contract, args.period)
    info = store.workorders.import_info(contract.id, period)
    if info is None:
        raise InputError(f"{contract.id} {period} 尚未导入工单记录")
    if args.json:
        print_json({"contract": contract.id, "period": str(period), "file": info["source"], "sha256": info["sha256"],
                    "orders": info["row_count"], "excluded_rows": info["excluded_count"],
                    "excluded": store.workorders.excluded(contract.id, period),
                    "items": [view_to_dict(v) for v in month_view(store, contract, period)]})
        return EXIT_OK
    print(f"{contract.name}  {period.label()}  工单记录：{info['source']}（{info['row_count']} 单，"
          f"SHA-256 {info['sha256']}，{info['imported_at']} 导入）")
    if info["excluded_count"]:
        print(f"  按检查人员的选择剔除有误的 {info['excluded_count']} 行")
    _print_items(store, contract.id, period)
    return EXIT_OK


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    from ..service import parse_period
    from ..workorder_service import failing_workbook

    if not args.out.lower().endswith(".xlsx"):
        raise InputError(f"导出文件应为 .xlsx：{args.out}")
    contract = store.contracts.get(args.contract)
    check_writable(args.out)
    data, rows = failing_workbook(store, contract, parse_period(contract, args.period))
    write_file(args.out, data)
    print(f"已导出 {rows} 单到 {args.out}")
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("workorders", help="工单记录：import|show|export（由工单计算指标，核对乙方自报数据）")
    wsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = wsub.add_parser("import", help="导入一个月的工单导出表（xlsx/xls/csv），计算指标并填入该月")
    q.add_argument("contract", type=_text)
    q.add_argument("period", type=_period)
    q.add_argument("file", type=_input_file)
    q.add_argument("--sheet", type=_text, help="工作表名称（默认第一个可见的工作表）")
    q.add_argument("--map", action="append", type=_text, metavar="表头=字段",
                   help="指定表头对应的字段（可多次），例如 回复时间=responded_at；为该乙方记住")
    q.add_argument("--exclude-bad", action="store_true", help="剔除有误的行（逐行列出）后导入；默认有误即不导入")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_import)
    q = wsub.add_parser("show", help="该月由工单计算的指标、乙方自报数与未达标工单")
    q.add_argument("contract", type=_text)
    q.add_argument("period", type=_period)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)
    q = wsub.add_parser("export", help="导出该月未达标工单（编号、时间、超时多久）为 xlsx")
    q.add_argument("contract", type=_text)
    q.add_argument("period", type=_period)
    q.add_argument("out", type=_path)
    q.set_defaults(func=cmd_export)
