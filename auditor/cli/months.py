"""The month commands: record, score, finalize, reopen (payments: cli/payments.py)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .args import EXIT_OK, _input_file, _period, _reason, _text
from .files import print_json

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_record(store: Store, args: argparse.Namespace) -> int:
    from ..operations.months import record_file
    from ..service import month_result

    contract, entries = record_file(store, Path(args.file)).value
    result = month_result(store, contract, entries.period)
    print(f"已录入 {contract.id} {entries.period}：{len(entries.measurements)} 项指标"
          + ("" if result.complete else f"；尚缺 {len(result.missing)} 项"))
    return EXIT_OK


def cmd_score(store: Store, args: argparse.Namespace) -> int:
    from ..money import format_yuan
    from ..serialize import month_notes, month_to_dict, number_text
    from ..service import month_result, parse_period

    contract = store.contracts.get(args.contract)
    result = month_result(store, contract, parse_period(contract, args.period))
    if args.json:
        from ..contract_text import readings

        print_json(month_to_dict(result, readings(contract)))
        return EXIT_OK
    print(f"{contract.name}  {result.period.label()}")
    for item in result.items:
        money = f"  扣 {format_yuan(item.deduction)}" if item.deduction else ""
        points = f"  {number_text(item.points)} 分" if item.points is not None else ""
        print(f"  {item.code} {item.indicator.name}：{item.status.label}（{item.detail}）{points}{money}")
    staffing = "、".join(f"{r.role.name} {number_text(r.actual) if r.actual is not None else '未录入'}/{r.required}"
                         for r in result.roles)
    print(f"  人员：{staffing}，缺口 {result.staffing_shortfall} 人")
    if result.score is not None:
        print(f"本月得分：{result.score:.2f}")
    print(f"本月扣减：{format_yuan(result.deduction_total)}")
    for line in month_notes(result):
        print(line)
    return EXIT_OK


def cmd_finalize(store: Store, args: argparse.Namespace) -> int:
    from ..operations.months import finalize
    from ..service import parse_period

    contract = store.contracts.get(args.contract)
    finalize(store, contract.id, parse_period(contract, args.period))
    print(f"{contract.id} {args.period} 已定稿")
    return EXIT_OK


def cmd_reopen(store: Store, args: argparse.Namespace) -> int:
    from ..operations.months import reopen
    from ..service import parse_period

    contract = store.contracts.get(args.contract)
    reopen(store, contract.id, parse_period(contract, args.period), args.reason)
    print(f"{contract.id} {args.period} 已重新打开")
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("record", help="录入一个月的考核数据（JSON 文件，整月替换）")
    p.add_argument("file", type=_input_file)
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("score", help="某月考核结果")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("finalize", help="月度定稿")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.set_defaults(func=cmd_finalize)
    p = sub.add_parser("reopen", help="重新打开已定稿的月份（须说明理由）")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--reason", required=True, type=_reason)
    p.set_defaults(func=cmd_reopen)
