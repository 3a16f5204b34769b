"""示例数据: a database to try the program on, built the way a user would fill one, through the operations.

For each shipped contract, one finished month: every item due entered (most pass, one does not), the
staffing with a person short where the contract deducts for it, the operator's roster imported from a
spreadsheet (on time), a spot check with one person on leave and one absent, and the month finalised, so
the summary, the payments, the findings, a notice and every document have something real to show. The
database says it is a demo (``settings.demo``), and the app marks its window so nobody mistakes it for
an agency's records. The people are made up; their ID numbers carry valid check digits and a birth date,
and an area code (410199: province 41, a district number no place has).
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar import Period
from ..model import Contract, Indicator
from . import Changes, Outcome

if TYPE_CHECKING:
    from ..storage import Store

MARK = "demo"
NOTE = "示例数据：演示用的虚构数据，不是任何单位的考核记录"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "海燕", "晨", "雪", "宇", "浩然", "思雨", "子涵")
AREA = "410199"  # 河南 (41), a district number (99) no place has: valid to check, nobody's


def is_demo(store: Store) -> bool:
    return bool(store.trust.setting(MARK))


def _id_number(serial: int, birth: dt.date) -> str:
    from ..idcard import check_digit

    body = f"{AREA}{birth:%Y%m%d}{serial % 1000:03d}"
    return body + check_digit(body)


def demo_month(contract: Contract, today: dt.date) -> Period:
    """The latest month of the term that ended before ``today`` (the first, when the term lies ahead)."""
    last = min(contract.last_period, Period.of(today).previous())
    return max(last, contract.first_period)


def _value(indicator: Indicator, fail: bool) -> str:
    """A measured value a month might really have: passing with some margin, or just short of the target."""
    target = Decimal(indicator.target)
    if indicator.comparator.value == "<=":
        value = target * Decimal("1.5") if fail else target / 2
    else:
        ceiling = Decimal(100) if indicator.is_percentage else target * 2
        value = target - Decimal("0.8") if fail else min(ceiling, target + Decimal("1.2"))
    return f"{value.quantize(Decimal('0.01')):f}"


def _entries(store: Store, contract: Contract, period: Period) -> dict[str, Any]:
    from ..scoring import is_due

    due = [i for i in contract.indicators if not i.derived and is_due(contract, i, period)]
    failing = due[1].code if len(due) > 1 else None
    headcount: dict[str, Any] = {role.key: role.required for role in contract.roles}
    if contract.family.value != "points" and contract.roles:
        headcount[contract.roles[0].key] = contract.roles[0].required - 1   # one person short
    doc: dict[str, Any] = {"contract": contract.id, "period": str(period), "headcount": headcount,
                           "measurements": [{"indicator": i.code, "value": _value(i, i.code == failing),
                                             "note": "示例数据"} for i in due]}
    if contract.incident_steps:
        doc["incidents"] = 0
    return doc


def _roster(contract: Contract, period: Period, headcount: dict[str, Any], path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.append(["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历", "同类管理经验年限"])
    serial = 0
    for role in contract.roles:
        for _ in range(int(Decimal(str(headcount.get(role.key, role.required))))):
            serial += 1
            name = SURNAMES[(serial * 7) % len(SURNAMES)] + GIVEN[(serial * 11) % len(GIVEN)]
            birth = dt.date(1985 + serial % 15, 1 + serial % 12, 1 + serial % 28)
            hired = dt.date(period.year - 1 - serial % 3, 1 + serial % 12, 1)
            manager = role.key == "management"
            sheet.append([name, _id_number(serial, birth), f"{role.key[:1].upper()}{serial:03d}", role.name,
                          hired, None, "本科" if manager or serial % 3 == 0 else "大专", 4 if manager else 0])
    book.save(path)
    return path


def build(store: Store, today: dt.date | None = None) -> Outcome[list[str]]:
    """Fill an empty database with a finished month for each contract; returns what it made, one line each.
    Each step is the operation a user's action would run (entries file, roster import, spot check,
    finalise), so the demo is made by the same rules as real data."""
    from ..staffing import SpotEntry
    from . import months as month_ops
    from . import personnel as personnel_ops

    today = today or dt.date.today()
    made: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for contract in store.contracts.list():
            period = demo_month(contract, today)
            doc = _entries(store, contract, period)
            entries = Path(folder) / f"{contract.id}-{period}.json"
            entries.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            month_ops.record_file(store, entries)
            received = dt.date(period.next().year, period.next().month, 8)
            roster = _roster(contract, period, doc["headcount"], Path(folder) / f"{period.label()}人员名单.xlsx")
            personnel_ops.import_file(store, contract.id, period, "roster", roster, min(received, today))
            at = dt.datetime(period.year, period.month, 15, 10, 0)
            check = personnel_ops.start_spot_check(store, contract.id, at, contract.service_place or "运营中心",
                                                   "示例检查员").value
            for n, entry in enumerate(store.personnel.spot_entries(check)):
                status = "leave" if n == 3 else "absent" if n == 7 else "present"
                personnel_ops.mark(store, contract.id, check, SpotEntry(entry.key, entry.name, entry.employee_no,
                                                                        entry.role, entry.on_roster, status))
            personnel_ops.finish_spot_check(store, contract.id, check)
            month_ops.finalize(store, contract.id, period)
            made.append(f"{contract.name}：{period.label()}已录入、导入人员名单、现场抽查并定稿")
    store.trust.set_setting(MARK, NOTE)
    return Outcome(made, Changes.everything())
