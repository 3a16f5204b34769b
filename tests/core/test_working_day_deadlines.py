"""Time limits in Chinese working days across the holidays and their make-up days (SPEC §3; 民法典 第二百零一条、
第二百零三条: the day of receipt is not counted, the limit ends at 24:00 of its last day).

Holiday arrangements from the State Council's notices:
2025 春节 1月28日–2月4日 off, Sunday 1月26日 and Saturday 2月8日 worked;
2025 国庆 10月1日–8日 off, Sunday 9月28日 and Saturday 10月11日 worked;
2026 春节 2月15日–23日 off, Saturdays 2月14日 and 2月28日 worked.
"""
from __future__ import annotations

import datetime as dt

import pytest

from auditor.calendar import Period, WorkCalendar

T = dt.datetime


@pytest.mark.parametrize("received, amount, deadline", [
    # HN-09 分析报告 8 working days from Friday 2025-01-24: 1/26 (make-up Sunday), 1/27, then the holiday,
    # 2/5, 2/6, 2/7, 2/8 (make-up Saturday), 2/10, 2/11 → ends 24:00 on 2/11
    (T(2025, 1, 24, 10, 0), 8, T(2025, 2, 12)),
    # received on Saturday 2025-09-27: the next day is the make-up Sunday before 国庆
    (T(2025, 9, 27, 10, 0), 1, T(2025, 9, 29)),
    # received on the last day of 国庆 (a holiday): 10/9 is the first working day
    (T(2025, 10, 8, 22, 0), 1, T(2025, 10, 10)),
    # 2026 春节: Friday 2/13, then 2/14 (make-up Saturday), the holiday, 2/24, 2/25
    (T(2026, 2, 13, 17, 0), 1, T(2026, 2, 15)),
    (T(2026, 2, 13, 17, 0), 3, T(2026, 2, 26)),
])
def test_working_days_skip_holidays_and_count_make_up_days(received, amount, deadline):
    assert WorkCalendar().deadline(received, amount, "working_days") == deadline


def test_calendar_days_ignore_holidays():
    assert WorkCalendar().deadline(T(2025, 9, 30, 16, 0), 2, "calendar_days") == T(2025, 10, 3)


def test_a_deadline_keeps_the_time_zone_it_was_received_in():
    zone = dt.timezone(dt.timedelta(hours=8))
    assert WorkCalendar().deadline(T(2025, 10, 9, 10, 0, tzinfo=zone), 1, "working_days") == T(2025, 10, 11,
                                                                                               tzinfo=zone)
    assert WorkCalendar().deadline(T(2025, 10, 9, 10, 0, tzinfo=zone), 180, "seconds") == T(2025, 10, 9, 10, 3,
                                                                                            tzinfo=zone)


def test_a_day_the_user_marks_as_a_holiday_is_skipped():
    # Thursday 2025-10-16 declared a local holiday: received Wednesday, the next working day is Friday
    calendar = WorkCalendar({dt.date(2025, 10, 16): False})
    assert calendar.deadline(T(2025, 10, 15, 9, 0), 1, "working_days") == T(2025, 10, 18)


def test_months_step_across_the_year():
    assert Period(2025, 1).previous() == Period(2024, 12)
    assert Period(2025, 12).next() == Period(2026, 1)
    assert Period(2024, 2).last_day == dt.date(2024, 2, 29)
    assert Period(2025, 10).label() == "2025年10月"
