"""The operator's monthly files imported and reconciled from the command line (SPEC §5–§6), as printed for
a person: each discrepancy with its file and row, IDs masked; what henan's clauses add over luoyang's.

October 2025: 张伟 (一线) all month; 王芳 (一线) leaves on 10-16 without 甲方's approval; 刘洋 (管理) has
大专 and 2 years of management (henan 第六条6(1) wants 本科 or 3 years) and no 公积金; 赵磊 is paid and
transferred but not on the roster; 刘洋's transfer is ¥7,000.00 against ¥7,600.00 net pay.
Every file arrives on 2025-10-03, before any day it could be due.
"""
from __future__ import annotations

import pytest

from auditor import idcard
from auditor.cli import main

from .builders import cli as run
from .hostile import refused

IDS = [p + idcard.check_digit(p) for p in (f"41010519900101{n:03d}" for n in range(1, 5))]
FILES = {
    "roster": ("名单.csv", [["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期", "学历",
                           "同类管理经验年限"],
                          ["张伟", IDS[0], "A001", "一线", "2024-03-01", "", "本科", "0"],
                          ["王芳", IDS[1], "A002", "一线", "2024-03-01", "2025-10-16", "本科", "0"],
                          ["刘洋", IDS[2], "M001", "管理人员", "2024-03-01", "", "大专", "2"]]),
    "payroll": ("工资表.csv", [["姓名", "身份证号码", "应发合计", "实发金额"], ["张伟", IDS[0], "5200.00", "4500.00"],
                            ["王芳", IDS[1], "1200.00", "1100.00"], ["刘洋", IDS[2], "9000.00", "7600.00"],
                            ["赵磊", IDS[3], "4000.00", "3500.00"]]),
    "insurance": ("五险一金.csv", [["姓名", "证件号码", "基本养老", "医疗（含生育）", "失业", "工伤", "公积金"],
                               ["张伟", IDS[0], "400", "200", "10", "5", "300"],
                               ["王芳", IDS[1], "400", "200", "10", "5", "300"],
                               ["刘洋", IDS[2], "400", "200", "10", "5", "0"]]),
    "transfers": ("转账.csv", [["户名", "收款账号", "交易金额"], ["张伟", "6222000011112222", "4500.00"],
                             ["王芳", "6222000011113333", "1100.00"], ["刘洋", "6222000011114444", "7000.00"],
                             ["赵磊", "6222000011115555", "3500.00"]]),
    "schedule": ("排班.csv", [["姓名", "日期", "上班时间", "下班时间"], ["张伟", "2025-10-09", "08:00", "16:00"]]),
}
M = {name: idcard.mask(number) for name, number in zip(("张伟", "王芳", "刘洋", "赵磊"), IDS)}
BOTH = [
    f"不在人员名单（疑似虚列人员）\t赵磊 {M['赵磊']}\t工资表.csv 第 5 行\t工资表中有此人，人员名单中没有",
    "不在人员名单（疑似虚列人员）\t赵磊 \t转账.csv 第 5 行\t工资发放转账记录中有此人，人员名单中没有",
    f"五险一金缺项\t刘洋 {M['刘洋']}\t五险一金.csv 第 4 行\t未缴：住房公积金",
    f"转账金额与实发工资不符\t刘洋 {M['刘洋']}\t转账.csv 第 4 行\t转账 7000.00 元，工资表实发 7600.00 元",
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "audit.db"
    assert main(["--db", str(path), "init"]) == 0
    for name, rows in FILES.values():
        (tmp_path / name).write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    return path


def import_all(db, capsys, contract: str) -> None:
    for kind, (name, _) in FILES.items():
        run(db, capsys, "import", contract, "2025-10", kind, db.parent / name, "--received", "2025-10-03")


def test_a_roster_import_says_what_it_read_and_fills_in_the_headcount_once(db, capsys):
    # 一线: 张伟 31/31 + 王芳 16/31 (to 10-16) = 1.52; 支撑 none; 管理: 刘洋 = 1
    roster = db.parent / "名单.csv"
    assert run(db, capsys, "import", "henan-2025", "2025-10", "roster", roster, "--received", "2025-10-03") == [
        "已导入 名单.csv：3 行（roster，2025-10-03 收到）",
        "月均在岗：一线员工 1.52、运营支撑人员 0、管理人员 1（已填入本月人员配置）"]
    again = run(db, capsys, "import", "henan-2025", "2025-10", "roster", roster, "--received", "2025-10-04")
    assert again[1] == "月均在岗：一线员工 1.52、运营支撑人员 0、管理人员 1（本月已有录入，未覆盖）"


def test_a_received_date_that_does_not_exist_is_refused(db, capsys):
    refused(db, ["import", "henan-2025", "2025-10", "roster", str(db.parent / "名单.csv"), "--received", "2025-10-32"],
            capsys, names=("--received", "2025-10-32"))


def test_henan_reconciliation_printed_with_files_rows_and_masked_ids(db, capsys):
    import_all(db, capsys, "henan-2025")
    out = run(db, capsys, "reconcile", "henan-2025", "2025-10", "--today", "2025-11-20")
    assert out == BOTH + [
        f"管理人员资质不符\t刘洋 {M['刘洋']}\t名单.csv 第 4 行\t学历“大专”，同类管理经验 2 年",
        f"人员离职未经甲方同意\t王芳 {M['王芳']}\t名单.csv 第 3 行\t2025-10-16 离职，未见甲方同意记录",
        "共 6 项"]
    assert not any(number in line for line in out for number in IDS)


def test_luoyang_has_no_clause_on_qualification_departures_or_submission_days(db, capsys):
    import_all(db, capsys, "luoyang-2025")
    assert run(db, capsys, "reconcile", "luoyang-2025", "2025-10", "--today", "2025-11-20") == BOTH + ["共 4 项"]


def test_octobers_payroll_is_due_on_the_tenth_of_november(db, capsys):
    # SPEC §6 default (settings.personnel_due = next_month): October's payroll exists only after October, so the
    # 10th of November is its day (henan 第二条2); received on 8 November it is on time
    import_all(db, capsys, "henan-2025")
    run(db, capsys, "import", "henan-2025", "2025-10", "payroll", db.parent / "工资表.csv", "--received", "2025-11-08")
    out = run(db, capsys, "reconcile", "henan-2025", "2025-10", "--today", "2025-11-20")
    assert not any(line.startswith("逾期报送") for line in out)
