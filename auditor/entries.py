"""Reading a month's checklist entries (the ``auditor record`` file, and the UI's form).

Every problem is collected and reported at once, each with where it is
(``measurements[2].numerator``) and in Chinese; nothing is stored unless the
whole file is valid.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import limits
from .calendar import Period, PeriodError
from .errors import InputError
from .model import Contract, MeasurementKind
from .scoring import Event, Measurement, MonthEntries, due_period, is_due
from .text import halfwidth


def read_number(value: Any, where: str, problems: list[str], *, limit: limits.Limit = limits.COUNT,
                integer: bool = False, allow_percent_sign: bool = False) -> Decimal | None:
    """An exact number from JSON (int, Decimal from parse_float/parse_int, or text) within ``limit``.

    The range is checked on the digits and exponent before any arithmetic, so
    ``1e999999999`` is refused here instead of hanging ``int()`` later.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        shown = limits.shown(json.dumps(value, ensure_ascii=False, default=str))
        problems.append(f"{where}: 应为数字，实为 {shown}")
        return None
    text = halfwidth(str(value).strip()).replace(",", "")
    if allow_percent_sign:
        text = text.removesuffix("%").strip()
    if len(text) > limits.MAX_TEXT:
        problems.append(f"{where}: “{limits.shown(value)}”过长，不是合理的数字")
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        problems.append(f"{where}: “{limits.shown(value)}”不是数字")
        return None
    if integer and not limit.integer:
        limit = dataclasses.replace(limit, integer=True)
    reason = limits.problem(number, limit)
    if reason:
        problems.append(f"{where}: {reason}（{limits.shown(value)}）")
        return None
    return number


def _read_datetime(value: Any, where: str, problems: list[str], earliest: dt.datetime,
                   latest: dt.datetime) -> dt.datetime | None:
    """A time of the month's log; far-off years would send the working-day count past the calendar."""
    if not isinstance(value, str):
        problems.append(f"{where}: 应为日期时间文本，如 2025-10-09 14:30")
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("/", "-")[:limits.MAX_TEXT])
    except ValueError:
        problems.append(f"{where}: “{limits.shown(value)}”不是有效的日期时间（如 2025-10-09 14:30）")
        return None
    if not earliest <= moment.replace(tzinfo=None) <= latest:
        problems.append(f"{where}: {limits.shown(value)} 超出范围（应在当月前后 {limits.EVENT_WINDOW_DAYS} 天内）")
        return None
    return moment


def parse_measurement(contract: Contract, period: Period, raw: Any, where: str,
                      problems: list[str]) -> Measurement | None:
    """One measurement, checked against its indicator."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: 应为对象")
        return None
    code = raw.get("indicator")
    if not isinstance(code, str):
        problems.append(f"{where}.indicator: 缺少指标编号")
        return None
    where = f"{where}（{code}）"
    try:
        indicator = contract.indicator(code)
    except KeyError:
        problems.append(f"{where}.indicator: 合同 {contract.id} 中没有指标 {code}")
        return None
    if indicator.derived == "incidents":
        problems.append(f"{where}: {code} 由本月{indicator.name}数（incidents）自动得出，无需录入")
        return None
    if not is_due(contract, indicator, period):
        problems.append(f"{where}: {code} 为{indicator.frequency.label}指标，{period} 不考核"
                        f"（考核月为 {due_period(contract, indicator, period)}）")
        return None
    known = {"indicator", "value", "numerator", "denominator", "events", "exempt", "reason", "note"}
    unknown = sorted(set(raw) - known)
    if unknown:
        problems.append(f"{where}: 未知字段 {'、'.join(unknown)}")
    note = str(raw.get("note", "") or "")
    forms = [k for k in ("value", "numerator", "events") if k in raw] + (["exempt"] if raw.get("exempt") else [])
    if "denominator" in raw and "numerator" not in raw:
        forms.append("denominator")
    if len(forms) != 1:
        problems.append(f"{where}: 须且只能给出一种：value（数值）、numerator/denominator（分子/分母）、"
                        "events（事件日志）或 exempt（免考）")
        return None
    form = forms[0]
    if form == "exempt":
        reason = str(raw.get("reason", "") or "").strip()
        if not reason:
            problems.append(f"{where}.reason: 免考须说明理由")
            return None
        return Measurement(code, MeasurementKind.EXEMPT, reason=reason, note=note)
    if form == "value":
        count = len(problems)
        value = read_number(raw["value"], f"{where}.value", problems, allow_percent_sign=indicator.is_percentage,
                            limit=limits.PERCENT if indicator.is_percentage else limits.COUNT)
        return Measurement(code, MeasurementKind.VALUE, value=value, note=note) if len(problems) == count else None
    if form in ("numerator", "denominator"):
        if not indicator.is_percentage:
            problems.append(f"{where}: {code} 的单位是“{indicator.unit}”，不是比率，请录入 value")
            return None
        if "denominator" not in raw:
            problems.append(f"{where}.denominator: 给出分子时须同时给出分母")
            return None
        if "numerator" not in raw:
            problems.append(f"{where}.numerator: 给出分母时须同时给出分子")
            return None
        count = len(problems)
        num = read_number(raw["numerator"], f"{where}.numerator", problems, limit=limits.COUNT)
        den = read_number(raw["denominator"], f"{where}.denominator", problems, limit=limits.COUNT)
        if num is not None and den is not None:
            if den == 0:
                problems.append(f"{where}.denominator: 分母为 0，无法计算比率；本月若无此类业务，请标记免考并说明理由")
            elif num > den:
                problems.append(f"{where}: 分子 {raw['numerator']} 大于分母 {raw['denominator']}，比率将超过 100%")
        if len(problems) != count:
            return None
        return Measurement(code, MeasurementKind.RATIO, numerator=num, denominator=den, note=note)
    # events
    if indicator.time_limit is None:
        problems.append(f"{where}.events: {code} 没有办理时限，不能用事件日志计算")
        return None
    rows = raw["events"]
    if not isinstance(rows, list) or not rows:
        problems.append(f"{where}.events: 应为非空列表，每项含 received_at 与 done_at")
        return None
    if len(rows) > limits.MAX_EVENTS:
        problems.append(f"{where}.events: {len(rows)} 条超出范围（最多 {limits.MAX_EVENTS} 条）")
        return None
    earliest = dt.datetime.combine(period.first_day - dt.timedelta(days=limits.EVENT_WINDOW_DAYS), dt.time())
    latest = dt.datetime.combine(period.last_day + dt.timedelta(days=limits.EVENT_WINDOW_DAYS), dt.time.max)
    events: list[Event] = []
    count = len(problems)
    for i, row in enumerate(rows):
        here = f"{where}.events[{i}]"
        if not isinstance(row, dict) or "received_at" not in row:
            problems.append(f"{here}: 须含 received_at（受理时间）与 done_at（办结时间，未办结为 null）")
            continue
        received = _read_datetime(row["received_at"], f"{here}.received_at", problems, earliest, latest)
        done = (None if row.get("done_at") is None
                else _read_datetime(row["done_at"], f"{here}.done_at", problems, earliest, latest))
        if received and (received.tzinfo is None) != (done is None or done.tzinfo is None):
            problems.append(f"{here}: 时间须同时带或同时不带时区")  # and cannot be compared
        elif received and done and done < received:
            problems.append(f"{here}: 办结时间早于受理时间")
        if received:
            events.append(Event(received, done))
    if len(problems) != count:
        return None
    return Measurement(code, MeasurementKind.EVENTS, events=tuple(events), note=note)


def parse_entries(contract: Contract, data: Any, source: str = "录入文件") -> MonthEntries:
    """A whole month's entries for ``contract`` from a decoded JSON document."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: 内容应为 JSON 对象")
    problems: list[str] = []
    try:
        period = Period.parse(str(data.get("period", "")))
    except PeriodError as exc:
        raise InputError(f"{source}: period: {exc}") from None
    if not contract.in_term(period):
        raise InputError(f"{source}: {period} 不在合同 {contract.id} 的服务期"
                         f"（{contract.first_period} 至 {contract.last_period}）内")
    unknown = sorted(set(data) - {"contract", "period", "measurements", "headcount", "incidents", "late_days"})
    if unknown:
        problems.append(f"未知字段 {'、'.join(unknown)}")
    measurements: dict[str, Measurement] = {}
    raw_list = data.get("measurements", [])
    if not isinstance(raw_list, list):
        problems.append("measurements: 应为列表")
        raw_list = []
    for i, raw in enumerate(raw_list):
        m = parse_measurement(contract, period, raw, f"measurements[{i}]", problems)
        if m is not None:
            if m.code in measurements:
                problems.append(f"measurements[{i}]（{m.code}）: 同一指标重复录入")
            measurements[m.code] = m

    headcount = None
    if data.get("headcount") is not None:
        raw_hc = data["headcount"]
        if not isinstance(raw_hc, dict):
            problems.append("headcount: 应为对象，如 {\"frontline\": 48.5}")
        else:
            keys = {r.key for r in contract.roles}
            headcount = {}
            for key, value in raw_hc.items():
                if key not in keys:
                    problems.append(f"headcount.{key}: 合同 {contract.id} 没有岗位“{key}”"
                                    f"（应为 {'、'.join(sorted(keys))}）")
                    continue
                number = read_number(value, f"headcount.{key}", problems, limit=limits.HEADCOUNT)
                if number is not None:
                    headcount[key] = number
            for key in sorted(keys - set(raw_hc)):
                problems.append(f"headcount.{key}: 缺少岗位“{key}”的月均在岗人数")

    incidents = None
    if data.get("incidents") is not None:
        number = read_number(data["incidents"], "incidents", problems, limit=limits.INCIDENTS)
        incidents = int(number) if number is not None else None
    late_days = 0
    if data.get("late_days") is not None:
        number = read_number(data["late_days"], "late_days", problems, limit=limits.DAYS)
        late_days = int(number) if number is not None else 0
        if number is not None and number > (period.last_day - period.first_day).days + 1:
            problems.append(f"late_days: {number} 天超过当月天数")
    if problems:
        raise InputError(f"{source} 有 {len(problems)} 处错误，未做任何修改：", problems)
    return MonthEntries(period, measurements, headcount, incidents, late_days)


def load_entries_file(path: Path) -> object:
    """Decode an entries file exactly (decimals stay decimals); its shape is :func:`parse_entries`' to check."""
    try:
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raise InputError(f"{path.name}: 文件过大（超过 {limits.MAX_FILE_BYTES // 2**20} MB），不是一个月的录入")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到文件 {path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: 不是 UTF-8 编码的文本文件") from None
    try:  # integers as Decimal too: a 5,000-digit integer must reach the range check, not int()'s own limit
        return json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name}: 第 {exc.lineno} 行第 {exc.colno} 列 JSON 格式错误（{exc.msg}）") from None
    except RecursionError:
        raise InputError(f"{path.name}: JSON 嵌套过深") from None


def parse_event_text(text: str) -> list[dict[str, Any]]:
    """Rows pasted from a spreadsheet: received time, then done time (blank: not done).

    Columns are separated by tabs (a spreadsheet copy) or commas; a header row
    is skipped; ``2025/10/9 14:30`` and ``2025-10-09 14:30`` are both read.
    """
    rows: list[dict[str, Any]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(","))]
        if not rows and cells and not any(ch.isdigit() for ch in cells[0]):
            continue  # header
        received = cells[0].replace("/", "-") if cells else ""
        done = cells[1].replace("/", "-") if len(cells) > 1 and cells[1] else None
        rows.append({"received_at": _pad_datetime(received), "done_at": _pad_datetime(done) if done else None})
    return rows


def _pad_datetime(text: str) -> str:
    """2025-10-9 9:05 → 2025-10-09 09:05 (fromisoformat wants two digits)."""
    import re

    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$", text.strip())
    if not match:
        return text
    y, mo, d, h, mi, s = match.groups()
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if h is not None:
        out += f" {int(h):02d}:{mi}" + (f":{s}" if s else "")
    return out
