"""Operators' files as they come: a blank contribution is the finding (not paid), never a refusal; a file
imported again is compared with the one it replaces before anything changes; a header mapped by hand
can be forgotten again.

henan-2025 第六条8 (social_insurance): staff are insured (五险一金); SPEC §6: a component counts as paid
when its amount is above 0.
"""
from __future__ import annotations

import datetime as dt

from auditor.operations.personnel import compare_import, forget_columns
from auditor.personnel import import_file, reconcile_month

from .hostile import refused
from .test_personnel import IDS, OCT, ROSTER, write_csv, write_xlsx

INSURANCE = [["姓名", "证件号码", "基本养老", "医疗（含生育）", "失业", "工伤", "住房公积金"],
             ["张伟", IDS[0], 400, 200, 10, 5, 300],
             ["王芳", IDS[1], 400, 200, 10, 5, None],          # 住房公积金 left blank: not paid
             ["刘洋", IDS[3], 400, 200, None, 5, 300]]         # 失业 blank


def test_a_blank_contribution_is_imported_and_becomes_the_finding(store, tmp_path):
    henan = store.contracts.get("henan-2025")
    import_file(store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER), dt.date(2025, 10, 8))
    summary = import_file(store, henan, OCT, "insurance", write_xlsx(tmp_path / "五险一金.xlsx", INSURANCE),
                          dt.date(2025, 10, 8))
    assert summary.rows == 3
    findings = {(f.name, f.detail) for f in reconcile_month(store, henan, OCT, dt.date(2025, 10, 20))
                if f.type == "missing_insurance"}
    assert ("王芳", "未缴：住房公积金") in findings and ("刘洋", "未缴：失业保险") in findings
    assert not any(name == "张伟" for name, _ in findings)


def test_a_blank_name_is_still_refused(file_store, tmp_path, capsys):
    rows = [INSURANCE[0], ["", IDS[0], 400, 200, 10, 5, 300]]
    path = write_csv(tmp_path / "五险一金.csv", rows)
    db = file_store.path
    file_store.close()
    refused(db, ["import", "henan-2025", "2025-10", "insurance", str(path), "--received", "2025-10-08"], capsys,
            names="五险一金.csv 第 2 行 A 列（姓名）: 不能为空")


def test_reimport_is_compared_with_the_file_it_replaces(store, tmp_path):
    henan = store.contracts.get("henan-2025")
    assert compare_import(store, "henan-2025", OCT, "roster", write_xlsx(tmp_path / "a.xlsx", ROSTER)).value is None
    import_file(store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER), dt.date(2025, 10, 8))
    again = [row[:] for row in ROSTER if row[0] != "王芳"]               # 王芳 gone
    again[2][5] = "2025-10-20"                                            # 李娜 left later
    again.append(["赵磊", IDS[5], "A009", "一线", "2025-10-01", None, "大专", 0])
    before = store.personnel.dataset("henan-2025", OCT, "roster")
    source, diff = compare_import(store, "henan-2025", OCT, "roster", write_xlsx(tmp_path / "新名单.xlsx", again)).value
    assert source == "名单.xlsx"
    assert len(diff.added) == 1 and diff.added[0].startswith("赵磊（4101")        # masked, never the full number
    assert len(diff.removed) == 1 and diff.removed[0].startswith("王芳（4101")
    assert [(who.split("（")[0], fields) for who, fields in diff.changed] == [
        ("李娜", (("离职日期", "2025-10-15", "2025-10-20"),))]
    assert store.personnel.dataset("henan-2025", OCT, "roster") == before   # compared, nothing replaced


def test_a_hand_mapped_header_can_be_forgotten(store, tmp_path):
    henan = store.contracts.get("henan-2025")
    rows = [["员工", "身份证号", "应发工资", "实发工资"], ["张伟", IDS[0], 5200, 4500]]
    import_file(store, henan, OCT, "payroll", write_csv(tmp_path / "工资.csv", rows), dt.date(2025, 10, 8),
                column_map={"员工": "name"})
    operator = henan.party_b.name
    assert store.personnel.column_maps(operator) == [("payroll", "员工", "name")]
    assert forget_columns(store, "henan-2025", "payroll", ["员工"]).value == 1
    assert store.personnel.column_map(operator, "payroll") == {}
