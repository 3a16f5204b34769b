"""The sane range of every number a user or the operator can type, in one place.

The operator writes the files this program reads, so an absurd figure is an
attack, not a typo to be tolerated: ``1e999999999`` compares fine but hangs
``int()`` and ``format(…, "f")`` and overflows ``quantize``; a 28-digit count
overflows every sum after it. Each entry point (entries files, spreadsheets,
contract edits) checks its numbers here, before any arithmetic, by looking only
at the sign, digits and exponent of the ``Decimal``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_TEXT = 64        # characters of a number as written, checked before Decimal() reads it
MAX_PLACES = 20      # digits after the point (a float from Excel has at most 17 significant digits)
MAX_MAGNITUDE = 15   # digits before the point, looked at before any comparison


@dataclass(frozen=True, slots=True)
class Limit:
    """The inclusive range of one kind of number, with its name for messages."""

    label: str
    high: Decimal
    low: Decimal = Decimal(0)
    integer: bool = False

    def describe(self) -> str:
        kind = "整数" if self.integer else "数"
        return f"{self.label}应为 {_plain(self.low)} 至 {_plain(self.high)} 之间的{kind}"


PERCENT = Limit("百分比", Decimal(100))
SCORE = Limit("分值", Decimal(100))
COUNT = Limit("数量", Decimal(10) ** 9)                 # numerator, denominator, events, non-% values and targets
INCIDENTS = Limit("事件数", Decimal(10) ** 9, integer=True)
HEADCOUNT = Limit("人数", Decimal(10) ** 5)
HEADCOUNT_REQUIRED = Limit("人数", Decimal(10) ** 5, integer=True)
DAYS = Limit("天数", Decimal(366), integer=True)         # late_days, deadlines, time limits in days
YEARS = Limit("年数", Decimal(100))                      # experience in years
MONEY = Limit("金额", Decimal(10) ** 12)
TIME_LIMIT_UNITS = {"seconds": 366 * 86400, "minutes": 366 * 1440, "hours": 366 * 24,
                    "working_days": 366, "calendar_days": 366}
MAX_EVENTS = 10 ** 9
EARLIEST_DATE = dt.date(1900, 1, 1)   # dates in the operator's spreadsheets
LATEST_DATE = dt.date(2100, 12, 31)
MAX_TERM_YEARS = 10                   # a contract's service term
EVENT_WINDOW_DAYS = 366               # an event of a month's log lies within this many days of the month
MAX_FILE_BYTES = 64 * 2**20           # an entries file or a spreadsheet as stored on disk
MAX_UNZIPPED_BYTES = 256 * 2**20      # what an .xlsx says its parts hold once inflated
MAX_ROWS = 200_000                    # cells that exist in a sheet, not what its <dimension> claims
MAX_COLUMNS = 200
MAX_MERGED_RANGES = 10_000
MAX_LOADED_CELLS = 5_000_000          # the rectangles calamine builds, A1 to the furthest cell: each sheet of an
                                      # .xlsx (it reads one), all sheets of an .xls/.ods together (it reads all)
MAX_SHARED_STRINGS = 2_000_000       # entries of an .xlsx's shared-string table (calamine reads it whole first)


def _plain(number: Decimal) -> str:
    return f"{number:,f}" if number >= 10000 else f"{number:f}"


def shown(value: object) -> str:
    """The value as written, cut short: a hostile cell can be megabytes long."""
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "…"


def problem(number: Decimal, limit: Limit) -> str | None:
    """Why ``number`` is not a sane ``limit`` (Chinese), or None; arithmetic only once it is known small."""
    if not number.is_finite():
        return "不是有限的数字"
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if exponent < -MAX_PLACES:
        return f"小数位数过多（最多 {MAX_PLACES} 位）"
    if sign and any(digits) and limit.low >= 0:
        return "不能为负数"
    if len(digits) + exponent > MAX_MAGNITUDE:
        return f"超出范围（{limit.describe()}）"
    if not limit.low <= number <= limit.high:
        return f"超出范围（{limit.describe()}）"
    if limit.integer and number != number.to_integral_value():
        return "应为整数"
    return None


def check(number: Decimal, limit: Limit) -> Decimal:
    """``number`` when sane, else ValueError with the Chinese reason."""
    reason = problem(number, limit)
    if reason:
        raise ValueError(reason)
    return number


def parse(text: str, limit: Limit) -> Decimal:
    """A decimal from text already cleaned of ¥, %, separators; ValueError with the reason."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"“{shown(text)}”过长，不是合理的数字")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{shown(text)}”不是数字") from None
    return check(number, limit)
