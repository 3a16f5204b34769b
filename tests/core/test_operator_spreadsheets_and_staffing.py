"""The operator's spreadsheets as Excel really writes them, and the staffing figures read from them
(SPEC §5): times typed as Excel times, the spot check's shift, LY-14 人员流失率, and files refused."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook

from auditor import idcard
from auditor.calendar import Period
from auditor.personnel import import_file, spot_candidates, staffing_figures

from .hostile import refused

OCT = Period(2025, 10)
IDS = [p + idcard.check_digit(p) for p in (f"41010519900101{n:03d}" for n in range(1, 30))]


def roster_csv(path, rows: list[tuple[str, str, str]]):
    """(name, role, leave date) per person, all hired in 2024."""
    lines = ["姓名,身份证号,工号,岗位类别,入职日期,离职日期"]
    lines += [f"{name},{IDS[n]},A{n:03d},{role},2024-03-01,{leave}" for n, (name, role, leave) in enumerate(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def henan_floor(store, tmp_path):
    """张伟 on the day shift of 10-09 (Excel times), 陈静 on its night shift 22:00–06:00 (fractions of a day,
    as a cell formatted as time holds them), 王芳 on the night shift of 10-10."""
    henan = store.contracts.get("henan-2025")
    import_file(store, henan, OCT, "roster", roster_csv(tmp_path / "名单.csv", [
        ("张伟", "一线", ""), ("王芳", "一线", ""), ("陈静", "一线", "")]), dt.date(2025, 10, 3))
    import_file(store, henan, OCT, "schedule", xlsx(tmp_path / "排班表.xlsx", [
        ["姓名", "日期", "上班时间", "下班时间"],
        ["张伟", dt.datetime(2025, 10, 9), dt.time(8, 0), dt.time(16, 0)],
        ["陈静", dt.datetime(2025, 10, 9), 22 / 24, 6 / 24],
        ["张伟", dt.datetime(2025, 10, 10), dt.time(8, 0), dt.time(16, 0)],
        ["王芳", dt.datetime(2025, 10, 10), "22:00", "06:00"]]), dt.date(2025, 10, 3))
    return henan


@pytest.mark.parametrize("at, names", [
    (dt.datetime(2025, 10, 9, 10, 30), ["张伟"]),
    (dt.datetime(2025, 10, 9, 23, 30), ["陈静"]),
    (dt.datetime(2025, 10, 9, 21, 59), []),           # between the shifts: nobody is due on the floor
    (dt.datetime(2025, 10, 11, 10, 0), ["张伟", "王芳", "陈静"]),   # no schedule that day: the whole roster
    (dt.datetime(2025, 10, 11, 2, 0), ["王芳"]),      # 10-10's night shift, though 10-11 has no schedule
])
def test_the_spot_check_lists_who_the_schedule_puts_on_the_floor(store, henan_floor, at, names):
    assert [c.name for c in spot_candidates(store, henan_floor, at)] == names


def test_after_midnight_the_night_shift_of_the_day_before_is_on_the_floor(store, henan_floor):
    assert [c.name for c in spot_candidates(store, henan_floor, dt.datetime(2025, 10, 10, 2, 0))] == ["陈静"]


def test_ly14_turnover_is_leavers_over_the_average_headcount(store, tmp_path):
    # 20 persons, one of them leaving on 10-16: average 19 + 16/31 = 19.52; 1 / 19.52 × 100 = 5.12 % > 5 %
    luoyang = store.contracts.get("luoyang-2025")
    assert staffing_figures(store, luoyang, OCT) is None                  # before the roster arrives
    people = [(f"员工{n:02d}", "话务员", "2025-10-16" if n == 0 else "") for n in range(20)]
    import_file(store, luoyang, OCT, "roster", roster_csv(tmp_path / "名单.csv", people), dt.date(2025, 10, 3))
    assert staffing_figures(store, luoyang, OCT) == {"headcount": {"total": Decimal("19.52")},
                                                     "turnover_percent": Decimal("5.12")}


def test_average_headcount_counts_each_persons_days_of_the_month():
    # October 2025, 31 days. 话务员: A all month (31), B hired 10-11 (21 days: 11th..31st), C left 10-05 (5),
    # D hired 10-20 and left 10-21 (2), E left in September (0), F hired in November (0), G hire after leave (0);
    # 班长: H hired on the 31st (1). 话务员 59 / 31 = 1.903 → 1.90; 班长 1 / 31 = 0.032 → 0.03; 质检: none → 0.00.
    from auditor.staffing import Person, average_headcount

    def person(role, hired=None, left=None):
        return Person("某", "", "", role, dt.date.fromisoformat(hired) if hired else None,
                      dt.date.fromisoformat(left) if left else None, "", None, 0)

    staff = [person("agent"), person("agent", "2025-10-11"), person("agent", left="2025-10-05"),
             person("agent", "2025-10-20", "2025-10-21"), person("agent", "2024-01-01", "2025-09-30"),
             person("agent", "2025-11-01"), person("agent", "2025-10-15", "2025-10-10"),
             person("lead", "2025-10-31"), person("cleaner")]
    assert average_headcount(staff, OCT, ["agent", "lead", "qa"]) == {
        "agent": Decimal("1.90"), "lead": Decimal("0.03"), "qa": Decimal("0.00")}


def test_no_one_employed_has_no_turnover_rate(store, tmp_path):
    luoyang = store.contracts.get("luoyang-2025")
    roster = roster_csv(tmp_path / "名单.csv", [("员工00", "话务员", "2025-09-30")])   # left before October
    import_file(store, luoyang, OCT, "roster", roster, dt.date(2025, 10, 3))
    assert staffing_figures(store, luoyang, OCT)["turnover_percent"] is None


def test_a_csv_in_neither_utf8_nor_gbk_is_refused(db, tmp_path, capsys):
    path = tmp_path / "工资表.csv"
    path.write_bytes("姓名,应发工资,实发工资\n张伟,5200,4500\n".encode() + b"\x80")
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
            names=("工资表.csv", "无法识别文件编码"))


def test_a_spreadsheet_larger_than_any_month_is_refused_unread(db, tmp_path, capsys):
    path = tmp_path / "名单.xlsx"
    with path.open("wb") as out:                      # sparse: 64 MB + 1 byte without writing them
        out.truncate(64 * 2**20 + 1)
    refused(db, ["import", "henan-2025", "2025-10", "roster", str(path)], capsys, names=("名单.xlsx", "文件过大"))


def test_a_true_false_cell_is_not_an_amount_of_pay(db, tmp_path, capsys):
    path = xlsx(tmp_path / "工资表.xlsx", [["姓名", "身份证号", "应发工资", "实发工资"],
                                         ["张伟", IDS[0], True, 4500]])
    refused(db, ["import", "henan-2025", "2025-10", "payroll", str(path)], capsys,
            names=("工资表.xlsx 第 2 行 C 列（应发工资）", "不是数字"))
