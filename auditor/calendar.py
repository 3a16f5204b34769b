"""Periods (calendar months), quarters and Chinese working days.

Working days come from the State Council's yearly holiday notices (through
``chinese_calendar``), with make-up workdays counted as working days.  Years
the package does not know yet can be filled in by the user (``overrides``);
until then any deadline falling in such a year is refused rather than guessed.

Counting a time limit of N working days follows 民法典 第二百零一条 and
第二百零三条: the day the event happens is not counted, counting starts the
next day, and the period ends at 24:00 of the N-th working day.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from .errors import InputError

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(InputError, ValueError):
    """Text that is not a month such as ``2025-10``."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """One calendar month: the unit of inspection."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise PeriodError(f"月份“{self.year}-{self.month:02d}”不存在")

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PERIOD_RE.match(str(text).strip())
        if not match:
            raise PeriodError(f"“{text}”不是有效的月份，应写作 YYYY-MM，例如 2025-10")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> "Period":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __lt__(self, other: "Period") -> bool:
        return (self.year, self.month) < (other.year, other.month)

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> "Period":
        return cls(index // 12, index % 12 + 1)

    def shift(self, months: int) -> "Period":
        return Period.from_index(self.index + months)

    def next(self) -> "Period":
        return self.shift(1)

    def previous(self) -> "Period":
        return self.shift(-1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def label(self) -> str:
        return f"{self.year}年{self.month}月"


def months_between(first: Period, last: Period) -> list[Period]:
    """Inclusive list of months from ``first`` to ``last``."""
    return [Period.from_index(i) for i in range(first.index, last.index + 1)]


def quarter_of(period: Period, service_start: Period, aligned_to_service: bool = True) -> tuple[Period, Period]:
    """First and last month of the quarter holding ``period``.

    Quarters are aligned to the month the service starts by default (SPEC §2);
    with ``aligned_to_service=False`` they are calendar quarters.
    """
    anchor = service_start.month - 1 if aligned_to_service else 0
    offset = (period.month - 1 - anchor) % 3
    first = period.shift(-offset)
    return first, first.shift(2)


def format_date_cn(day: dt.date) -> str:
    """2025年11月17日 — no zero padding, as GB/T 9704 wants."""
    return f"{day.year}年{day.month}月{day.day}日"


class CalendarError(InputError, ValueError):
    """A date whose working-day status is not known."""


@lru_cache(maxsize=8192)
def _official_workday(day: dt.date) -> bool:
    """The package's answer, kept: it scans its whole holiday table for the years it knows at every call, and a
    term's deadlines ask about the same days thousands of times (a term of 36 months assessed: 60 → 13 ms)."""
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


class WorkCalendar:
    """Chinese working days, with user-supplied entries for unknown years.

    ``notified_years``: years the package does not know whose official holiday notice the user has entered
    (``auditor calendar set DAY … --notice 文号``): their other days follow the week (Monday–Friday work)."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None, notified_years: Iterable[int] = ()) -> None:
        self._overrides = dict(overrides or {})
        self._notified = frozenset(notified_years)

    def is_workday(self, day: dt.date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        try:
            return _official_workday(day)
        except NotImplementedError:
            if day.year in self._notified:
                return day.weekday() < 5
            raise CalendarError(
                f"缺少 {day.year} 年的法定节假日安排，无法判断 {format_date_cn(day)} 是否为工作日；"
                "请按国务院办公厅的节假日安排通知录入该年的放假日和调休上班日（auditor calendar set 日期 "
                "--holiday|--workday --notice 文号，或菜单“日历”）"
            ) from None

    def workdays(self, start: dt.date) -> Iterator[dt.date]:
        """Working days strictly after ``start``."""
        day = start
        while True:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                yield day

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The N-th working day after ``start`` (the start day itself not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        if count == 0:
            return start
        for n, day in enumerate(self.workdays(start), start=1):
            if n == count:
                return day
        raise AssertionError("unreachable")

    def deadline(self, received: dt.datetime, amount: int, unit: str) -> dt.datetime:
        """When something received at ``received`` must be done at the latest."""
        if unit in ("seconds", "minutes", "hours"):
            return received + dt.timedelta(**{unit: amount})
        if unit == "calendar_days":
            last = received.date() + dt.timedelta(days=amount)
        elif unit == "working_days":
            last = self.add_workdays(received.date(), amount)
        else:
            raise ValueError(f"unknown time unit {unit!r}")
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0, 0), tzinfo=received.tzinfo)
