"""The personnel commands: import the operator's spreadsheets, reconcile them."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import EXIT_OK, _day, _period, _text
from .files import print_json

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    import datetime as dt

    from ..operations.personnel import import_file
    from ..serialize import number_text
    from ..service import parse_period

    contract = store.contracts.get(args.contract)
    received = None
    if args.received:
        try:
            received = dt.date.fromisoformat(args.received)
        except ValueError:
            raise InputError(f"--received “{args.received}”不是有效日期（YYYY-MM-DD）") from None
    summary = import_file(store, contract.id, parse_period(contract, args.period), args.kind, Path(args.file),
                          received, sheet=args.sheet).value
    data = {"contract": contract.id, "period": args.period, "kind": summary.kind, "file": summary.source,
            "rows": summary.rows, "received_on": summary.received_on.isoformat(),
            "headcount": {k: number_text(v) for k, v in (summary.headcount or {}).items()} or None,
            "headcount_applied": summary.headcount_applied, "unmapped_columns": list(summary.unmapped)}
    if args.json:
        print_json(data)
    else:
        print(f"已导入 {summary.source}：{summary.rows} 行（{summary.kind}，{summary.received_on} 收到）")
        if summary.headcount:
            names = {role.key: role.name for role in contract.roles}
            print("月均在岗：" + "、".join(f"{names.get(k, k)} {number_text(v)}" for k, v in summary.headcount.items())
                  + ("（已填入本月人员配置）" if summary.headcount_applied else "（本月已有录入，未覆盖）"))
    return EXIT_OK


def cmd_reconcile(store: Store, args: argparse.Namespace) -> int:
    import datetime as dt

    from ..operations.personnel import reconcile
    from ..service import parse_period

    contract = store.contracts.get(args.contract)
    today = dt.date.fromisoformat(args.today) if args.today else None
    findings = reconcile(store, contract.id, parse_period(contract, args.period), today).value
    if args.json:
        print_json({"contract": contract.id, "period": args.period, "findings": [f.as_dict() for f in findings]})
        return EXIT_OK
    from ..payroll import TYPES

    for f in findings:
        where = f"{f.file} 第 {f.row} 行" if f.row else f.file
        print(f"{TYPES[f.type]}\t{f.name} {f.masked_id}\t{where}\t{f.detail}")
    print(f"共 {len(findings)} 项")
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("import", help="导入乙方报送的表格（全部正确才导入）")
    p.add_argument("contract")
    p.add_argument("period")
    p.add_argument("kind", choices=["roster", "schedule", "payroll", "insurance", "transfers"])
    p.add_argument("file")
    p.add_argument("--received", help="收到日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--sheet", help="工作表名称（默认第一个可见的工作表）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("reconcile", help="核对名单、工资、五险一金与转账记录")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--today", type=_day, help="按此日期判断是否逾期（默认今天）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reconcile)
