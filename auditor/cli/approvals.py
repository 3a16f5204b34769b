"""What 甲方 approved: ``staffing approve`` (经甲方同意, henan 第七条2) and ``departure approve`` (第六条6(2))."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from .args import EXIT_OK, _day, _period, _text, _whole

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_staffing_approve(store: Store, args: argparse.Namespace) -> int:
    from ..calendar import Period
    from ..operations.approvals import approve_staffing

    first = Period.parse(args.first)
    last = Period.parse(args.last) if args.last else first
    key = approve_staffing(store, args.contract, args.role, first, last, args.required, args.reference,
                           dt.date.fromisoformat(args.on)).value
    print(f"已登记 {args.contract} 甲方同意的人员变更：{key} {first}～{last} 要求 {args.required} 人"
          f"（{args.reference}）")
    return EXIT_OK


def cmd_departure_approve(store: Store, args: argparse.Namespace) -> int:
    from ..operations.approvals import approve_departure

    masked = approve_departure(store, args.contract, args.person, dt.date.fromisoformat(args.on),
                               args.reference).value
    print(f"已登记 {args.contract} {masked} 离职经甲方同意（{args.reference}）；相关月份已重新核对")
    return EXIT_OK


def _required(text: str) -> int:
    return _whole(text, 0, 100_000)


def add_parsers(sub: Subparsers) -> None:
    staffing = sub.add_parser("staffing", help="人员配置：登记甲方同意的人员变更")
    actions = staffing.add_subparsers(dest="action", required=True)
    p = actions.add_parser("approve",
                           help="甲方同意的人员数量变化（henan 第七条2 经甲方同意）：该岗位在这些月份的要求人数")
    p.add_argument("contract", type=_text)
    p.add_argument("role", type=_text, help="岗位（键或名称，如 management 或 管理人员）")
    p.add_argument("first", type=_period, help="起始月份 YYYY-MM")
    p.add_argument("last", type=_period, nargs="?", help="结束月份 YYYY-MM（默认同起始月份）")
    p.add_argument("--required", type=_required, required=True, help="核准后的要求人数")
    p.add_argument("--on", type=_day, required=True, help="甲方同意的日期 YYYY-MM-DD")
    p.add_argument("--reference", type=_text, required=True, help="甲方同意的文号或记录")
    p.set_defaults(func=cmd_staffing_approve)
    departure = sub.add_parser("departure", help="人员离职：登记甲方同意")
    actions = departure.add_subparsers(dest="action", required=True)
    p = actions.add_parser("approve", help="人员离职经甲方同意（henan 第六条6(2)）：不再列为问题")
    p.add_argument("contract", type=_text)
    p.add_argument("person", type=_text, help="身份证号，或人员名单上的姓名、工号")
    p.add_argument("--on", type=_day, required=True, help="甲方同意的日期 YYYY-MM-DD")
    p.add_argument("--reference", type=_text, required=True, help="甲方同意的文号或记录")
    p.set_defaults(func=cmd_departure_approve)
