"""The dashboard's month states and upcoming deadlines (SPEC §6 submissions, §4 installments).

henan-2025: the 排班表 is due by the 5th (第六条6(3)), the four personnel files on the 10th (第二条2);
installment #1 falls 15 working days after signing on 2025-11-17 (2025-12-08), #2 in 2025-12 (2025-12-31).
A month left open past the 10th of the next month is overdue (docs/decisions.md).
"""
from __future__ import annotations

import datetime as dt

import pytest

from auditor.calendar import Period
from auditor.deadlines import month_state, upcoming

D = dt.date


@pytest.mark.parametrize("status, today, state", [
    ("final", D(2026, 3, 1), "done"),              # finalised stays done however late
    (None, D(2025, 10, 31), "future"),             # November has not begun
    ("open", D(2025, 11, 9), "in_progress"),       # October still open on 9 November: not yet overdue
    (None, D(2025, 11, 9), "not_started"),
    ("open", D(2025, 11, 10), "overdue"),          # the 10th of the next month is the last day
    (None, D(2025, 12, 1), "overdue"),
])
def test_month_state_of_october(status, today, state):
    assert month_state(Period(2025, 11) if state == "future" else Period(2025, 10), status, today) == state


def test_henan_deadlines_in_the_next_sixty_days_in_date_order(store):
    henan = store.contracts.get("henan-2025")
    found = upcoming(henan, D(2025, 11, 20))           # horizon 2026-01-19
    assert [(d.day, d.kind) for d in found] == [
        (D(2025, 12, 5), "schedule"),
        (D(2025, 12, 8), "installment"),
        (D(2025, 12, 10), "personnel"),
        (D(2025, 12, 31), "installment"),
        (D(2026, 1, 5), "schedule"),
        (D(2026, 1, 10), "personnel"),
    ]
    assert found[0].text == "2025年12月排班表报送截止（第六条6(3)）"
    assert found[1].text == "第1期付款（签订合同后15个工作日内）"
    assert found[2].text.endswith("人员名单、工资表、五险一金、转账记录报送截止（第二条2）")


def test_a_deadline_on_today_is_still_shown_and_the_horizon_is_inclusive(store):
    henan = store.contracts.get("henan-2025")
    days = [d.day for d in upcoming(henan, D(2025, 12, 5), days=5)]
    assert days == [D(2025, 12, 5), D(2025, 12, 8), D(2025, 12, 10)]


def test_luoyang_names_no_submission_day_so_only_installments_show(store):
    # luoyang's obligations set no day of the month; #3 (质保金) has no fixed date and is never listed
    luoyang = store.contracts.get("luoyang-2025")
    found = upcoming(luoyang, D(2025, 11, 1), days=365)
    assert [(d.day, d.kind, d.text) for d in found] == [
        (D(2025, 12, 15), "installment", "第2期付款（2025年12月15日前）")]


def test_the_tenth_of_december_is_novembers_personnel_files(store):
    # SPEC §6 default: the personnel files of month M are due on the 10th of M+1 (henan 第二条2)
    henan = store.contracts.get("henan-2025")
    personnel = [d for d in upcoming(henan, D(2025, 11, 20)) if d.kind == "personnel"]
    assert personnel[0].text == "2025年11月人员名单、工资表、五险一金、转账记录报送截止（第二条2）"
