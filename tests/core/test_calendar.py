"""SPEC §2 periods and quarters; §3 Chinese working days (民法典 第二百零一条、第二百零三条)."""
import datetime as dt

import pytest

from auditor.calendar import CalendarError, Period, PeriodError, WorkCalendar, format_date_cn, quarter_of


def test_quarters_align_to_service_start_by_default():
    start = Period(2025, 9)  # henan: Sep–Nov, Dec–Feb, Mar–May, Jun–Aug
    assert quarter_of(Period(2025, 10), start) == (Period(2025, 9), Period(2025, 11))
    assert quarter_of(Period(2026, 1), start) == (Period(2025, 12), Period(2026, 2))
    assert quarter_of(Period(2026, 8), start) == (Period(2026, 6), Period(2026, 8))
    assert quarter_of(Period(2025, 10), start, aligned_to_service=False) == (Period(2025, 10), Period(2025, 12))


@pytest.mark.parametrize("text", ["2025-13", "2025-1", "25-10", "2025/10", "", "2025-00"])
def test_bad_periods_are_refused(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_first_installment_due_fifteen_working_days_after_signing():
    # henan 第二条2: signed Mon 2025-11-17; 15 working days, the signing day not counted
    assert WorkCalendar().add_workdays(dt.date(2025, 11, 17), 15) == dt.date(2025, 12, 8)


def test_one_working_day_spans_the_national_day_holiday():
    # 2025-10-01…08 are holidays; received 09-30 16:00 → the next working day is 10-09, deadline 24:00
    deadline = WorkCalendar().deadline(dt.datetime(2025, 9, 30, 16, 0), 1, "working_days")
    assert deadline == dt.datetime(2025, 10, 10, 0, 0)


def test_make_up_workday_counts():
    # Saturday 2025-10-11 is a make-up working day (调休上班)
    deadline = WorkCalendar().deadline(dt.datetime(2025, 10, 10, 17, 0), 1, "working_days")
    assert deadline == dt.datetime(2025, 10, 12, 0, 0)


def test_hours_are_exact():
    assert WorkCalendar().deadline(dt.datetime(2025, 10, 9, 10), 24, "hours") == dt.datetime(2025, 10, 10, 10)


def test_unknown_year_is_refused_until_filled_in():
    with pytest.raises(CalendarError, match="2030"):
        WorkCalendar().is_workday(dt.date(2030, 1, 2))
    assert WorkCalendar({dt.date(2030, 1, 2): True}).is_workday(dt.date(2030, 1, 2))


def test_chinese_date_has_no_zero_padding():
    assert format_date_cn(dt.date(2025, 11, 7)) == "2025年11月7日"
