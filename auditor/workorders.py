"""Indicators computed from the hotline's own work-order records, not the operator's word (issue 16).

The 12345 platform (or the operator's system) exports the month's work orders: tens of thousands of rows
with 工单编号, 渠道, 受理时间, 首次回应时间, 办结时间, 是否回访… Each contract says, as data (an indicator's
``derivation``), which of its indicators follow from those records and how: which orders count (channels,
types, marks), which are left out (需申诉, 不合理工单), and what an order must show to count in the numerator
(a time within the item's limit, in hours, seconds or Chinese working days; a mark such as 已回访).

Nothing is taken on trust: a row with an unparseable time, a time before its 受理时间, a duplicated 工单编号,
an empty key field or a cell that looks like a formula is listed with its row and column, and the file is
refused unless the inspector chooses to leave those rows out (``exclude_bad``). The computed figure fills
the month's measurement (kind ``computed``, with its numerator, denominator and the file's SHA-256); an
operator's figure entered for the same item is kept apart, and a difference beyond the contract's tolerance
becomes a finding 「自报数据与工单记录不符」 with the failing orders as its annex.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import limits
from .calendar import Period, WorkCalendar, months_between, quarter_of
from .errors import InputError, TemplateError
from .imports import Row, Vocabulary, collector_paused, column_letter, find_header, read_code, read_rows
from .model import Comparator, Contract, Frequency, Indicator, MeasurementKind, TimeLimit
from .text import halfwidth

if TYPE_CHECKING:
    from .findings import FindingDraft
    from .scoring import Measurement

KIND = "workorders"   # the key of the column maps kept per operator, beside the personnel files'
SOURCE = "work_orders"

# ---------------------------------------------------------------- the columns of an export

TEXTS = ("order_no", "channel", "category", "satisfaction")
TIMES = ("received_at", "responded_at", "done_at", "assigned_at", "visited_at", "signed_at", "disputed_at",
         "redispatched_at")
FLAGS = ("transferred", "visited", "returned", "reassigned", "disputed", "appeal", "unreasonable", "unit_caused")
# a flag is also set by the time of what it marks (回访时间 filled: 已回访)
FLAG_TIMES = {"transferred": "assigned_at", "visited": "visited_at", "disputed": "disputed_at",
              "reassigned": "redispatched_at"}
# times only as dates are enough for these (their presence is what counts)
DATE_ENOUGH = ("visited_at",)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "order_no": ("工单编号", "工单号", "工单编码", "工单流水号", "受理编号", "受理号", "单号"),
    "channel": ("渠道", "来源渠道", "受理渠道", "诉求渠道", "来源", "诉求来源", "来电渠道"),
    "category": ("工单类型", "工单类别", "诉求类型", "业务类型", "类型", "类别"),
    "satisfaction": ("满意度", "满意度评价", "回访满意度", "评价结果", "评价"),
    "received_at": ("受理时间", "登记时间", "来电时间", "创建时间", "接收时间", "诉求时间"),
    "responded_at": ("首次回应时间", "响应时间", "首次响应时间", "回应时间", "首次回复时间", "回复时间"),
    "done_at": ("办结时间", "完成时间", "结案时间", "办结日期"),
    "assigned_at": ("转办时间", "交办时间", "派单时间", "派发时间"),
    "visited_at": ("回访时间", "回访日期"),
    "signed_at": ("签收时间", "接单时间"),
    "disputed_at": ("争议时间", "争议提出时间", "申请退回时间"),
    "redispatched_at": ("转派时间", "重新派单时间", "改派时间", "二次交办时间"),
    "transferred": ("是否转办", "是否交办", "转办", "交办"),
    "visited": ("是否回访", "回访情况", "回访状态", "回访"),
    "returned": ("是否退回", "被退回", "退回", "退单"),
    "reassigned": ("是否二次交办", "二次交办", "二次派单"),
    "disputed": ("是否争议", "争议工单", "争议"),
    "appeal": ("需申诉工单", "需申诉", "是否申诉", "申诉"),
    "unreasonable": ("不合理或超出受理范围", "超出受理范围", "不合理工单", "是否不合理", "不合理"),
    "unit_caused": ("因承办单位原因", "承办单位原因"),
}
LABELS = {"order_no": "工单编号", "channel": "渠道", "category": "工单类型", "satisfaction": "满意度",
          "received_at": "受理时间", "responded_at": "首次回应时间", "done_at": "办结时间", "assigned_at": "转办时间",
          "visited_at": "回访时间", "signed_at": "签收时间", "disputed_at": "争议时间", "redispatched_at": "转派时间",
          "transferred": "是否转办", "visited": "是否回访", "returned": "是否退回", "reassigned": "是否二次交办",
          "disputed": "争议工单", "appeal": "需申诉", "unreasonable": "不合理工单", "unit_caused": "承办单位原因"}
# times before flags: "回访时间（系统）" is the time, not the mark 回访
VOCABULARY = Vocabulary("工单记录", ("order_no", "received_at"),
                        tuple(f for f in TEXTS + TIMES + FLAGS if f not in ("order_no", "received_at")),
                        SYNONYMS, LABELS)

_YES = frozenset({"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "有", "已", "已回访", "已退回", "已转办",
                  "已交办", "需申诉", "已申诉", "争议", "不合理", "二次交办", "已二次交办"})
_NO = frozenset({"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "无", "未", "未回访", "未退回", "未转办",
                 "不需申诉", "无需申诉", "-", "—", "/"})
_MARKS = {**{w: True for w in ("是", "Y", "y", "√", "1", "有", "已回访", "已退回", "已转办")},
          **{w: False for w in ("否", "N", "n", "×", "0", "无", "", "未回访", "未退回", "未转办")}}
_MOMENT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                     r"(?:\s*T?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?"
                     r"(?:(?:\s*[:：]|(?<=分))\s*(\d{1,2})(?:\.\d{1,6})?\s*秒?)?)?")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SUSPECT_STARTS = frozenset(FORMULA_STARTS)
_TZINFO, _MICROSECOND = operator.attrgetter("tzinfo"), operator.attrgetter("microsecond")
_TOTALS = ("合计", "总计", "小计")
MAX_TEXT = 100            # characters of a 工单编号, 渠道 or 类型 (a hostile cell can be megabytes)
SHOWN_PROBLEMS = 200      # bad cells listed in a refusal; the count is always given


@dataclass(frozen=True, slots=True)
class Orders:
    """A month's work orders as columns (a list per field, one entry per order, in file order): 100,000
    orders are a few lists, not 100,000 objects. ``times`` and ``marks`` hold the fields the file had;
    a time is None where the cell was empty, a mark is set by its column or by the time it stands for."""

    rows: list[int]
    numbers: list[str]
    channels: list[str]
    categories: list[str]
    times: dict[str, list[dt.datetime | None]]
    marks: dict[str, list[bool]]

    def __len__(self) -> int:
        return len(self.rows)

    def fields(self) -> set[str]:
        """The fields these orders can answer for (a mark also from the time it stands for)."""
        return {*self.times, *self.marks, "order_no", "channel", "category"}


@dataclass(frozen=True, slots=True)
class BadCell:
    row: int
    column: str          # the spreadsheet letter, "" when the problem is the row's
    field: str           # the label of the field (工单编号…)
    problem: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f" {self.column} 列（{self.field}）" if self.column else "")
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A whole export, read and checked: the orders kept and every bad cell (rows with one are not kept)."""

    source: str
    sha256: str
    columns: Mapping[str, str]          # field → header as written
    orders: Orders
    bad: tuple[BadCell, ...]
    unmapped: tuple[str, ...]

    @property
    def bad_rows(self) -> int:
        return len({b.row for b in self.bad})


class Cancelled(InputError):
    """The inspector cancelled the import: nothing was changed."""


class BadRowsError(InputError):
    """A file refused for its bad rows: carries them, so the app can list them and let the inspector choose
    to leave them out."""

    def __init__(self, message: str, problems: list[str], cells: tuple[BadCell, ...], rows: int) -> None:
        super().__init__(message, problems)
        self.cells = cells
        self.rows = rows


# ---------------------------------------------------------------- values

def read_moment(value: Any) -> dt.datetime | dt.date:
    """A time as exports write it: a date-time cell, an Excel serial, or text (2025-10-09 10:00:05,
    2025/10/9 10:00, 2025年10月9日10时0分). Text with a date alone comes back as a date (a cell cannot be
    told from midnight: Excel keeps both as the same number). ValueError with the reason."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):   # a date-time cell at 00:00:00 (calamine gives it as a date): midnight
        moment = dt.datetime.combine(_dated(value, value), dt.time())
    elif isinstance(value, bool):
        raise ValueError(f"“{value}”不是时间")
    elif isinstance(value, (int, float)):
        if value != value or not 20000 < value < 80000:   # NaN, or no Excel date of our years
            raise ValueError(f"“{limits.shown(value)}”不是时间（如 2025-10-09 10:00:00）")
        moment = dt.datetime(1899, 12, 30) + dt.timedelta(seconds=round(value * 86400))
    else:
        text = halfwidth(str(value).strip())
        if len(text) > limits.MAX_TEXT:
            raise ValueError(f"“{limits.shown(value)}”不是时间（如 2025-10-09 10:00:00）")
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            match = _MOMENT.fullmatch(text)
            if not match:
                raise ValueError(f"“{limits.shown(value)}”不是时间（如 2025-10-09 10:00:00）") from None
            y, mo, d, h, mi, s = (int(g) if g else None for g in match.groups())
            try:
                if h is None:
                    return _dated(dt.date(y, mo, d), value)  # type: ignore[arg-type]
                moment = dt.datetime(y, mo, d, h, mi or 0, s or 0)  # type: ignore[arg-type]
            except ValueError:
                raise ValueError(f"时间“{limits.shown(value)}”不存在") from None
        else:
            if len(text) == 10:   # fromisoformat read "2025-10-09" as midnight
                return _dated(moment.date(), value)
    if moment.tzinfo is not None:
        raise ValueError(f"“{limits.shown(value)}”带有时区，应为北京时间")
    _dated(moment.date(), value)
    return moment.replace(microsecond=0)


def _dated(day: dt.date, value: Any) -> dt.date:
    if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        raise ValueError(f"时间“{limits.shown(value)}”超出范围（应在 {limits.EARLIEST_DATE.year} 至 "
                         f"{limits.LATEST_DATE.year} 年之间）")
    return day


def read_mark(value: Any) -> bool:
    """是/否 as exports write it; a time in the column (退回时间 mapped to 是否退回) means yes."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    text = halfwidth(str(value).strip()).lower()
    if text in _YES:
        return True
    if text in _NO or not text:
        return False
    try:
        read_moment(value)
        return True
    except ValueError:
        raise ValueError(f"无法识别“{limits.shown(value)}”（应为 是/否）") from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# ---------------------------------------------------------------- reading a file

def read_orders(path: Path, period: Period, column_map: Mapping[str, str] | None = None, sheet: str | None = None,
                progress: Callable[[float, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Parsed:
    """Read and check a whole export (xlsx, xls or csv); every bad cell is listed, none is dropped here."""
    with collector_paused():
        return _read_orders(path, period, column_map, sheet, progress, cancelled)


def _read_orders(path: Path, period: Period, column_map: Mapping[str, str] | None, sheet: str | None,
                 progress: Callable[[float, str], None] | None, cancelled: Callable[[], bool] | None) -> Parsed:
    import hashlib

    data_sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    rows = read_rows(path, sheet)
    if not rows:
        raise InputError(f"{path.name}: 没有任何数据")
    header_index, mapping, unmapped = find_header(KIND, rows, column_map or {}, path.name, VOCABULARY)
    columns = {name: _text(rows[header_index][1][col]) for name, col in mapping.items()}
    body = rows[header_index + 1:]
    number_at = mapping["order_no"]
    totals = [i for i, (_, cells) in enumerate(body) if number_at < len(cells)
              and type(value := cells[number_at]) is str and "计" in value and value.strip() in _TOTALS]
    if totals:   # a 合计 row under the orders is a sum, not an order
        body = [row for i, row in enumerate(body) if i not in set(totals)]
    if not body:
        raise InputError(f"{path.name}: 表头之下没有数据")
    check = _Checker(body, mapping, path.name, progress, cancelled)
    numbers = check.texts("order_no", required=True)
    channels = check.texts("channel") if "channel" in mapping else [""] * len(body)
    categories = check.texts("category") if "category" in mapping else [""] * len(body)
    check.duplicates(numbers)
    times = {name: check.moments(name) for name in TIMES if name in mapping}
    check.order(times, period)
    marks = {name: check.marks(name) for name in FLAGS if name in mapping}
    for name, time_field in FLAG_TIMES.items():
        if time_field in times:
            stamped = [t is not None for t in times[time_field]]
            marks[name] = [a or b for a, b in zip(marks[name], stamped)] if name in marks else stamped
    keep = [i for i in range(len(body)) if i not in check.bad_at]
    if len(keep) == len(body):
        orders = Orders([n for n, _ in body], numbers, channels, categories, times, marks)
    else:
        orders = Orders([body[i][0] for i in keep], [numbers[i] for i in keep], [channels[i] for i in keep],
                        [categories[i] for i in keep], {k: [v[i] for i in keep] for k, v in times.items()},
                        {k: [v[i] for i in keep] for k, v in marks.items()})
    order_of = {name: n for n, name in enumerate(mapping)}
    bad = sorted(check.problems, key=lambda b: (b.row, order_of.get(b.key, 0)))
    return Parsed(path.name, data_sha, columns, orders, tuple(b.cell for b in bad), tuple(unmapped))


@dataclass(frozen=True, slots=True)
class _Problem:
    row: int
    key: str
    cell: BadCell


class _Checker:
    """The columns of an export read one field at a time (a comprehension per column runs several times
    faster than a loop per row), each bad cell noted with its row and column."""

    def __init__(self, body: list[Row], mapping: Mapping[str, int], source: str,
                 progress: Callable[[float, str], None] | None, cancelled: Callable[[], bool] | None) -> None:
        self.body, self.mapping, self.source = body, mapping, source
        self.progress, self.cancelled = progress, cancelled
        width = max(mapping.values()) + 1   # the columns transposed once, in C (short rows padded with None)
        rows = [cells for _, cells in body]
        if min(map(len, rows), default=0) >= width:   # calamine's rows are all the sheet's width
            self.columns: list[tuple[Any, ...]] = list(zip(*rows))[:width]
        else:
            self.columns = list(itertools.zip_longest(*(cells[:width] for cells in rows), fillvalue=None))
        self.problems: list[_Problem] = []
        self.bad_at: set[int] = set()
        self.steps = 0

    def _column(self, name: str) -> list[Any]:
        self.steps += 1
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("已取消导入，未做任何修改")
        if self.progress is not None:
            self.progress(min(0.85, 0.05 * self.steps), f"{self.source}：{LABELS[name]}")
        col = self.mapping[name]
        return list(self.columns[col]) if col < len(self.columns) else [None] * len(self.body)

    def note(self, index: int, name: str, problem: str) -> None:
        row = self.body[index][0]
        self.problems.append(_Problem(row, name, BadCell(row, column_letter(self.mapping[name]), LABELS[name],
                                                         problem)))
        self.bad_at.add(index)

    def texts(self, name: str, required: bool = False) -> list[str]:
        cells = self._column(name)
        kinds = set(map(type, cells))
        values = list(map(str.strip, cells)) if kinds == {str} else [
            v.strip() if type(v) is str else _text(v) for v in cells]
        if float in kinds:
            for i in [i for i, v in enumerate(cells) if type(v) is float and not -1e15 < v < 1e15]:
                try:   # a 工单编号 of 16+ digits kept as a number: its last digits are gone
                    read_code(cells[i])
                except ValueError as exc:
                    self.note(i, name, str(exc))
        starts = {v[:1] for v in values}   # most columns have no cell to look at twice
        if not (starts & _SUSPECT_STARTS or (required and "" in starts) or max(map(len, values)) > MAX_TEXT):
            return values
        for i in [i for i, v in enumerate(values) if len(v) > MAX_TEXT or v.startswith(FORMULA_STARTS)
                  or (required and not v)]:
            text = values[i]
            if not text:
                self.note(i, name, "不能为空")
            elif len(text) > MAX_TEXT:
                self.note(i, name, f"过长（{len(text)} 个字符）")
                values[i] = text[:MAX_TEXT]
            else:
                self.note(i, name, f"“{limits.shown(text)}”以“{text[0]}”开头，疑似公式注入")
        return values

    def duplicates(self, numbers: list[str]) -> None:
        if len(set(numbers)) == len(numbers):
            return
        seen: dict[str, int] = {}
        for i, number in enumerate(numbers):
            if number in seen:
                self.note(i, "order_no", f"“{limits.shown(number)}”与第 {self.body[seen[number]][0]} 行重复")
            elif number:
                seen[number] = i

    def moments(self, name: str) -> list[dt.datetime | None]:
        values = self._column(name)
        low, high = limits.EARLIEST_DATE.year, limits.LATEST_DATE.year
        if (set(map(type, values)) == {dt.datetime} and not any(map(_TZINFO, values))   # a full column, in C
                and not any(map(_MICROSECOND, values)) and low < min(values).year and max(values).year < high):
            return list(values)
        out: list[dt.datetime | None] = [v if type(v) is dt.datetime and low < v.year < high
                                         and v.tzinfo is None and not v.microsecond else None for v in values]
        for i in [] if None not in out else [i for i, v in enumerate(values)
                                             if out[i] is None and v is not None and v != ""]:
            try:
                moment = read_moment(values[i])
            except ValueError as exc:
                self.note(i, name, str(exc))
                continue
            if not isinstance(moment, dt.datetime):
                if name not in DATE_ENOUGH:
                    self.note(i, name, f"“{limits.shown(values[i])}”只有日期，缺少时刻")
                    continue
                moment = dt.datetime.combine(moment, dt.time())
            out[i] = moment
        if name == "received_at":
            for i in [i for i, v in enumerate(out) if v is None and i not in self.bad_at]:
                self.note(i, name, "不能为空")
        return out

    def order(self, times: Mapping[str, list[dt.datetime | None]], period: Period) -> None:
        """受理时间 inside the month; no other time before it; 转派 not before 争议."""
        received = times["received_at"]
        first = dt.datetime.combine(period.first_day, dt.time())
        after = dt.datetime.combine(period.next().first_day, dt.time())
        for i in [i for i, r in enumerate(received) if r is not None and not first <= r < after]:
            self.note(i, "received_at", f"{received[i]:%Y-%m-%d %H:%M:%S} 不在 {period.label()}内")
        for name, values in times.items():
            if name == "received_at" or name in DATE_ENOUGH:
                continue
            for i in [i for i, (t, r) in enumerate(zip(values, received)) if t is not None and r is not None and t < r]:
                self.note(i, name, f"{values[i]:%Y-%m-%d %H:%M:%S} 早于受理时间 {received[i]:%Y-%m-%d %H:%M:%S}")
        if "disputed_at" in times and "redispatched_at" in times:
            disputed, redispatched = times["disputed_at"], times["redispatched_at"]
            for i in [i for i, (d, r) in enumerate(zip(disputed, redispatched)) if d and r and r < d]:
                self.note(i, "redispatched_at",
                          f"{redispatched[i]:%Y-%m-%d %H:%M:%S} 早于争议时间 {disputed[i]:%Y-%m-%d %H:%M:%S}")

    def marks(self, name: str) -> list[bool]:
        values = self._column(name)
        out = list(map(_MARKS.get, values)) if set(map(type, values)) == {str} else [
            _MARKS.get(v) if type(v) is str else (False if v is None else None) for v in values]
        if None not in out:
            return out   # type: ignore[return-value]   # every cell a known 是/否
        for i in [i for i, known in enumerate(out) if known is None]:
            try:
                out[i] = read_mark(values[i])
            except ValueError as exc:
                self.note(i, name, str(exc))
                out[i] = False
        return [bool(v) for v in out]


def refusal(parsed: Parsed) -> BadRowsError:
    """The bad cells of a file, as the message that refuses it (the first ones shown, all counted)."""
    shown = [str(b) for b in parsed.bad[:SHOWN_PROBLEMS]]
    if len(parsed.bad) > SHOWN_PROBLEMS:
        shown.append(f"……另有 {len(parsed.bad) - SHOWN_PROBLEMS} 处")
    return BadRowsError(f"{parsed.source} 有 {parsed.bad_rows} 行（{len(parsed.bad)} 处）有误，未导入任何数据；"
                        "核对后可选择剔除这些行再导入（命令行 --exclude-bad）：", shown, parsed.bad, parsed.bad_rows)


# ---------------------------------------------------------------- derivations (contract data)

@dataclass(frozen=True, slots=True)
class Window:
    """The numerator of a timeliness item: ``end`` no later than ``limit`` after ``start``."""

    start: str
    end: str
    limit: TimeLimit


@dataclass(frozen=True, slots=True)
class Derivation:
    """How one indicator follows from work orders (an indicator's ``derivation`` in the contract)."""

    code: str
    channels: tuple[str, ...] = ()     # orders whose 渠道 contains one of these words
    categories: tuple[str, ...] = ()   # … whose 工单类型 contains one of these words
    marked: tuple[str, ...] = ()       # … that carry each of these marks
    having: tuple[str, ...] = ()       # … that have each of these times
    exclude: tuple[str, ...] = ()      # marks that take an order out of the count (需申诉, 不合理)
    mark: str | None = None            # numerator: orders with (or, ``negate``, without) this mark
    negate: bool = False
    window: Window | None = None       # numerator: orders whose time falls within the limit
    reading: str = ""

    def needs(self) -> list[str]:
        """The fields the export must have for this item to be computed."""
        fields: list[str] = []
        if self.channels:
            fields.append("channel")
        if self.categories:
            fields.append("category")
        fields += [*self.marked, *self.having]
        if self.mark:
            fields.append(self.mark)
        if self.window:
            fields += [self.window.start, self.window.end]
        return fields


def derivations(contract: Contract) -> dict[str, Derivation]:
    """The contract's derivations by indicator code (the template was validated when it was stored)."""
    found: dict[str, Derivation] = {}
    for raw in contract.data.get("indicators", []):
        spec = raw.get("derivation")
        if not spec or spec.get("source") != SOURCE:
            continue
        indicator = contract.indicator(raw["code"])
        orders = spec.get("orders", {})
        numerator = spec["numerator"]
        window = None
        if "within" in numerator:
            within = numerator["within"]
            limit = within.get("limit")
            time_limit = TimeLimit(limit["amount"], limit["unit"]) if limit else indicator.time_limit
            if time_limit is None:
                raise TemplateError(f"{indicator.code} 的工单计算规则缺少时限")
            window = Window(within.get("from", "received_at"), within["to"], time_limit)
        found[indicator.code] = Derivation(
            indicator.code, tuple(orders.get("channels", ())), tuple(orders.get("categories", ())),
            tuple(orders.get("marked", ())), tuple(orders.get("having", ())), tuple(spec.get("exclude", ())),
            numerator.get("marked") or numerator.get("unmarked"), "unmarked" in numerator, window,
            spec.get("reading", ""))
    return found


def tolerance(contract: Contract) -> Decimal:
    """Percentage points by which the operator's figure may differ from the records (settings; default 0.5)."""
    return Decimal(str(contract.data.get("settings", {}).get("reported_tolerance_points", "0.5")))


def assessed_months(contract: Contract, indicator: Indicator, period: Period) -> list[Period]:
    """The months whose orders an item assessed in ``period`` counts: the month, or its quarter or year."""
    if indicator.frequency is Frequency.MONTH:
        return [period]
    if indicator.frequency is Frequency.QUARTER:
        first, last = quarter_of(period, contract.first_period, contract.settings.quarter_alignment == "service")
    else:
        years = (period.index - contract.first_period.index) // 12
        first, last = contract.first_period.shift(12 * years), period
    return months_between(max(first, contract.first_period), min(last, contract.last_period))


def other_months(contract: Contract, period: Period) -> list[Period]:
    """The earlier months whose orders the items due in ``period`` also count (a quarter's, a year's)."""
    from .scoring import is_due

    wanted: set[Period] = set()
    for code in derivations(contract):
        indicator = contract.indicator(code)
        if is_due(contract, indicator, period):
            wanted.update(assessed_months(contract, indicator, period))
    wanted.discard(period)
    return sorted(wanted)


# ---------------------------------------------------------------- computing

@dataclass(frozen=True, slots=True)
class Failing:
    """An order that fails its item (or, for a ≤ item, one that counts against it), and by how much."""

    number: str
    row: int
    month: str
    received_at: dt.datetime
    start: dt.datetime | None
    end: dt.datetime | None
    deadline: dt.datetime | None
    late_seconds: int | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "row": self.row, "month": self.month,
                "received_at": _iso(self.received_at), "start": _iso(self.start), "end": _iso(self.end),
                "deadline": _iso(self.deadline), "late_seconds": self.late_seconds,
                "late": late_text(self.late_seconds), "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Failing:
        def moment(key: str) -> dt.datetime | None:
            return dt.datetime.fromisoformat(data[key]) if data.get(key) else None

        received = moment("received_at")
        assert received is not None
        return cls(data["number"], data["row"], data["month"], received, moment("start"), moment("end"),
                   moment("deadline"), data.get("late_seconds"), data["reason"])


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def late_text(seconds: int | None) -> str:
    """How late, as an inspector writes it: 2天3小时5分, 47秒."""
    if seconds is None:
        return ""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else "", f"{minutes}分" if minutes else ""]
    text = "".join(parts)
    return text if days or hours else (text + f"{secs}秒" if secs or not text else text)


@dataclass(frozen=True, slots=True)
class Result:
    """One derived item for one assessment: computed, without any order to count (empty), or not computable."""

    code: str
    status: str                         # computed | empty | unavailable
    numerator: int = 0
    denominator: int = 0
    excluded: Mapping[str, int] = field(default_factory=dict)   # mark → orders left out
    reason: str = ""
    failing: tuple[Failing, ...] = ()
    months: tuple[str, ...] = ()

    def rate(self, indicator: Indicator) -> Decimal | None:
        if self.status != "computed" or not self.denominator:
            return None
        return Decimal(self.numerator) * (100 if indicator.is_percentage else 1) / Decimal(self.denominator)


_REASONS = {"responded_at": "未回应", "done_at": "未办结", "signed_at": "未签收", "redispatched_at": "未转派",
            "visited_at": "未回访", "assigned_at": "未转办"}
_MARK_REASONS = {"visited": ("已回访", "未回访"), "returned": ("被退回", "未退回"),
                 "reassigned": ("二次交办", "未二次交办"), "transferred": ("已转办", "未转办")}


def _has(columns: Iterable[str], name: str) -> bool:
    return name in columns or (name in FLAG_TIMES and FLAG_TIMES[name] in columns)


Months = Mapping[Period, Orders]


def compute(contract: Contract, period: Period, months: Months, calendar: WorkCalendar) -> list[Result]:
    """Every derived item due in ``period``, from the orders of the months it counts.

    An item whose months are not all imported, or whose columns a file lacks, is *unavailable*; one without
    any order to count is *empty* (0/0 is no figure: the inspector enters it, or marks it exempt)."""
    from .scoring import is_due

    results = []
    for code, rule in derivations(contract).items():
        indicator = contract.indicator(code)
        if not is_due(contract, indicator, period):
            continue
        wanted = assessed_months(contract, indicator, period)
        absent = [str(p) for p in wanted if p not in months]
        if absent:
            results.append(Result(code, "unavailable", reason=f"缺少 {'、'.join(absent)} 的工单记录"))
            continue
        lacking = sorted({LABELS[f] for p in wanted for f in rule.needs() if not _has(months[p].fields(), f)})
        if lacking:
            results.append(Result(code, "unavailable", reason=f"工单记录中没有“{'、'.join(lacking)}”列"))
            continue
        results.append(_compute_one(indicator, rule, wanted, months, calendar))
    return results


def _matching(values: list[str], words: tuple[str, ...]) -> dict[str, bool]:
    """Each distinct 渠道 (or 类型) → whether it contains one of ``words`` (a month has a handful of them)."""
    lowered = tuple(w.lower() for w in words)
    return {v: any(w in v.lower() for w in lowered) for v in set(values)}


def _compute_one(indicator: Indicator, rule: Derivation, wanted: list[Period], months: Months,
                 calendar: WorkCalendar) -> Result:
    deadlines: dict[dt.date, dt.datetime] = {}   # working or calendar days: one deadline per day

    def deadline(start: dt.datetime, limit: TimeLimit) -> dt.datetime:
        if limit.unit in ("working_days", "calendar_days"):
            day = start.date()
            if day not in deadlines:
                deadlines[day] = calendar.deadline(start, limit.amount, limit.unit)
            return deadlines[day]
        return start + dt.timedelta(**{limit.unit: limit.amount})

    listed_when_counted = indicator.comparator is Comparator.LE   # a ≤ item lists the orders it counts
    numerator = denominator = 0
    excluded: dict[str, int] = {}
    failing: list[Failing] = []
    notes: list[str] = []
    for month in wanted:
        orders = months[month]
        notes += [f"{month} 的工单记录中没有“{LABELS[m]}”列，未剔除" for m in rule.exclude
                  if not _has(orders.fields(), m)]
        chosen: Sequence[int] | range = range(len(orders))
        if rule.channels:
            fits = _matching(orders.channels, rule.channels)
            chosen = [i for i in chosen if fits[orders.channels[i]]]
        if rule.categories:
            fits = _matching(orders.categories, rule.categories)
            chosen = [i for i in chosen if fits[orders.categories[i]]]
        for mark in rule.marked:
            flags = orders.marks[mark]
            chosen = [i for i in chosen if flags[i]]
        for name in rule.having:
            moments = orders.times[name]
            chosen = [i for i in chosen if moments[i] is not None]
        for mark in rule.exclude:
            if mark in orders.marks:
                flags = orders.marks[mark]
                out = [i for i in chosen if flags[i]]
                if out:
                    excluded[mark] = excluded.get(mark, 0) + len(out)
                    chosen = [i for i in chosen if not flags[i]]
        denominator += len(chosen)
        received = orders.times["received_at"]
        if rule.window is not None:
            starts, ends = orders.times[rule.window.start], orders.times[rule.window.end]
            limit = rule.window.limit
            for i in chosen:
                start, end = starts[i], ends[i]
                due = None if start is None else deadline(start, limit)
                counted = due is not None and end is not None and end <= due
                if counted:
                    numerator += 1
                if counted != listed_when_counted:
                    continue
                if due is None:
                    reason = f"缺少{LABELS[rule.window.start]}"
                elif end is None:
                    reason = _REASONS.get(rule.window.end, f"缺少{LABELS[rule.window.end]}")
                else:
                    reason = "超时" if not counted else "按时"
                late = int((end - due).total_seconds()) if end is not None and due is not None and end > due else None
                moment = received[i]
                assert moment is not None
                failing.append(Failing(orders.numbers[i], orders.rows[i], str(month), moment, start, end, due, late,
                                       reason))
        else:
            assert rule.mark is not None
            flags = orders.marks[rule.mark]
            yes, no = _MARK_REASONS.get(rule.mark, (LABELS[rule.mark], f"非{LABELS[rule.mark]}"))
            for i in chosen:
                counted = flags[i] != rule.negate
                if counted:
                    numerator += 1
                if counted == listed_when_counted:
                    moment = received[i]
                    assert moment is not None
                    failing.append(Failing(orders.numbers[i], orders.rows[i], str(month), moment, None, None, None,
                                           None, yes if flags[i] else no))
    months_text = tuple(map(str, wanted))
    if not denominator:
        return Result(indicator.code, "empty", 0, 0, excluded, "；".join(["没有应计入的工单", *notes]),
                      months=months_text)
    return Result(indicator.code, "computed", numerator, denominator, excluded, "；".join(notes), tuple(failing),
                  months_text)


def computed_measurement(result: Result, source: str, sha256: str) -> Measurement:
    """The month's measurement from the records: numerator and denominator, the file named with its hash."""
    from .scoring import Measurement

    return Measurement(result.code, MeasurementKind.COMPUTED, numerator=Decimal(result.numerator),
                       denominator=Decimal(result.denominator), note=f"工单记录计算：{source}（SHA-256 {sha256}）")


# ---------------------------------------------------------------- the operator's figure against the records

@dataclass(frozen=True, slots=True)
class Comparison:
    code: str
    reported: Decimal | None       # the operator's rate, None when not entered (or exempt)
    computed: Decimal
    difference: Decimal | None     # in percentage points
    beyond: bool


def compare(indicator: Indicator, result: Result, reported: Measurement | None, limit: Decimal,
            calendar: WorkCalendar) -> Comparison | None:
    """The operator's figure against the computed one; None when nothing was computed."""
    from .scoring import judge

    rate = result.rate(indicator)
    if rate is None:
        return None
    figure = None
    if reported is not None and reported.kind is not MeasurementKind.EXEMPT:
        try:
            _, figure, _ = judge(indicator, reported, calendar)
        except (ArithmeticError, ValueError):
            figure = None
    if figure is None:
        return Comparison(indicator.code, None, rate, None, False)
    difference = abs(figure - rate)
    return Comparison(indicator.code, figure, rate, difference, difference > limit)


def percent_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def mismatch_draft(contract: Contract, period: Period, indicator: Indicator, result: Result, comparison: Comparison,
                   source: str, sha256: str) -> FindingDraft:
    from .findings import FindingDraft

    assert comparison.reported is not None and comparison.difference is not None
    late = len(result.failing)
    counted = "计入" if indicator.comparator is Comparator.LE else "未达标"
    return FindingDraft(
        "workorders", indicator.code, f"{indicator.code} {indicator.name}：自报数据与工单记录不符",
        f"{period.label()}{indicator.name}乙方自报 {percent_text(comparison.reported)}，按工单记录计算为 "
        f"{percent_text(comparison.computed)}（{result.numerator}/{result.denominator}，{source}，"
        f"SHA-256 {sha256[:16]}…），"
        f"相差 {comparison.difference.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} 个百分点，"
        f"超出容差 {tolerance(contract)} 个百分点"
        + (f"；{counted}工单 {late} 单，明细见附表" if late else ""),
        indicator.clause)


# ---------------------------------------------------------------- storing: orders and failing lists, compactly

_EPOCH = dt.datetime(2000, 1, 1)
_SECOND = dt.timedelta(seconds=1)
_NO_TIME = -(2**62)
_PACKED = 1   # the version of the stored layout below


def pack_orders(orders: Orders) -> bytes:
    """The orders, compressed: a JSON head (layout version, count, the texts, the fields present), then the
    spreadsheet rows as 32-bit and each time as 64-bit little-endian integers (seconds from 2000-01-01,
    ``_NO_TIME`` for none), then each mark as one byte an order. 100,000 orders pack in a tenth of a second
    to about 2 MB."""
    import array
    import struct

    head = json.dumps({"layout": _PACKED, "count": len(orders), "numbers": orders.numbers,
                       "channels": orders.channels, "categories": orders.categories,
                       "times": list(orders.times), "marks": list(orders.marks)},
                      ensure_ascii=False, separators=(",", ":")).encode()
    parts = [struct.pack("<I", len(head)), head, _little(array.array("i", orders.rows))]
    for values in orders.times.values():
        parts.append(_little(array.array("q", [_NO_TIME if t is None else (t - _EPOCH) // _SECOND for t in values])))
    parts += [bytes(values) for values in orders.marks.values()]
    return zlib.compress(b"".join(parts), 1)


def _little(numbers: Any) -> bytes:
    import sys

    if sys.byteorder == "big":
        numbers.byteswap()
    return bytes(numbers.tobytes())


def unpack_orders(blob: bytes) -> Orders:
    import array
    import struct
    import sys

    data = zlib.decompress(blob)
    size, = struct.unpack_from("<I", data)
    head = json.loads(data[4:4 + size])
    if head.get("layout") != _PACKED:
        raise InputError(f"工单记录的存储格式（{head.get('layout')}）不是本程序的，请升级程序")
    count, at = head["count"], 4 + size

    def numbers(code: str, width: int) -> list[int]:
        nonlocal at
        values = array.array(code)
        values.frombytes(data[at:at + count * width])
        if sys.byteorder == "big":
            values.byteswap()
        at += count * width
        return values.tolist()

    rows = numbers("i", 4)
    times = {name: [None if t == _NO_TIME else _EPOCH + dt.timedelta(seconds=t) for t in numbers("q", 8)]
             for name in head["times"]}
    marks = {}
    for name in head["marks"]:
        marks[name] = [bool(m) for m in data[at:at + count]]
        at += count
    return Orders(rows, head["numbers"], head["channels"], head["categories"], times, marks)


def pack(items: Iterable[Mapping[str, Any]]) -> bytes:
    return zlib.compress(json.dumps(list(items), ensure_ascii=False, separators=(",", ":")).encode(), 6)


def unpack(blob: bytes | None) -> list[dict[str, Any]]:
    return json.loads(zlib.decompress(blob)) if blob else []


ANNEX_HEADERS = ("工单编号", "所在行", "月份", "受理时间", "起算时间", "完成时间", "时限截止", "超时", "情形")


def annex_row(f: Failing) -> tuple[str, ...]:
    def moment(value: dt.datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M:%S}" if value else ""

    return (f.number, str(f.row), f.month, moment(f.received_at), moment(f.start), moment(f.end),
            moment(f.deadline), late_text(f.late_seconds), f.reason)
