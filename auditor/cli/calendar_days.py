"""The official calendar: ``calendar set DAY --holiday|--workday --notice 文号`` and ``calendar list YEAR``."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from .args import EXIT_OK, _day, _text, _whole

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_calendar_set(store: Store, args: argparse.Namespace) -> int:
    from ..operations.approvals import set_calendar_day

    day = dt.date.fromisoformat(args.day)
    set_calendar_day(store, day, args.workday, args.notice)
    print(f"{day} 记为{'调休上班日' if args.workday else '放假日'}（{args.notice}）")
    if not _package_knows(day.year):
        print(f"注意：{day.year} 年其余未录入的日期按周一至周五上班推定；请录入该通知中的全部放假日和调休上班日")
    return EXIT_OK


def cmd_calendar_list(store: Store, args: argparse.Namespace) -> int:
    from ..operations.approvals import calendar_year

    entries = calendar_year(store, args.year)
    known = _package_knows(args.year)
    state = "按录入的通知计算" if entries else "尚未录入，含该年的期限无法计算"
    print(f"{args.year} 年：" + ("已内置国务院节假日安排" if known else f"未内置节假日安排，{state}"))
    weekdays = "一二三四五六日"
    for day, workday, notice in entries:
        print(f"  {day} 周{weekdays[day.weekday()]}  {'上班' if workday else '放假'}  {notice}")
    return EXIT_OK


def _package_knows(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _year(text: str) -> int:
    return _whole(text, 1900, 2100)


def add_parsers(sub: Subparsers) -> None:
    calendar = sub.add_parser("calendar", help="法定节假日与调休上班日（国务院办公厅通知）")
    actions = calendar.add_subparsers(dest="action", required=True)
    p = actions.add_parser("set", help="录入一天：放假或调休上班，注明通知文号")
    p.add_argument("day", type=_day, help="日期 YYYY-MM-DD")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--holiday", dest="workday", action="store_false", help="放假（不上班）")
    kind.add_argument("--workday", dest="workday", action="store_true", help="调休上班")
    p.add_argument("--notice", type=_text, required=True, help="节假日安排通知的文号，如 国办发明电〔2026〕X号")
    p.set_defaults(func=cmd_calendar_set)
    p = actions.add_parser("list", help="列出某年已录入的日期")
    p.add_argument("year", type=_year)
    p.set_defaults(func=cmd_calendar_list)
