"""The blank 现场检查表 for a contract and month: the indicators due with their targets, the staffing grid,
the roster with a tick box per person, the confidentiality duties; a form, never registered.

henan-2025 (第十一条 表): HN-02 网络工单回应率 ≥100% is monthly; 第六条5: 一线员工 50、运营支撑人员 16、
管理人员 4 = 70.
"""
from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from auditor.calendar import Period
from auditor.operations.documents import checklist
from auditor.operations.personnel import import_file

from .test_personnel import ROSTER, write_xlsx


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_checklist_lists_what_the_inspector_checks_on_site(store, tmp_path):
    import_file(store, "henan-2025", Period(2025, 10), "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER),
                dt.date(2025, 10, 3))
    outcome = checklist(store, "henan-2025", "2025-11")
    assert not outcome.changes and store.register.list() == []           # a form: nothing registered
    text = text_of(outcome.value.pdf)
    assert "现场检查表" in text and "2025年11月" in text
    assert "HN-02" in text and "网络工单回应率" in text and "≥100%" in text
    assert "一线员工" in text and "50" in text and "70" in text           # the staffing grid and its total
    # November's roster is not due yet: October's, without 李娜 (left 2025-10-15)
    assert "按 2025年10月 人员名单" in text
    for name in ("张伟", "王芳", "刘洋", "陈静"):
        assert name in text
    assert "李娜" not in text
    assert text.count("□") >= 3 * 9                                      # 在岗/请假/缺岗 for 4 + 5 blank rows
    assert "保密义务" in text and "预 览" not in text


def test_without_a_roster_the_rows_are_left_blank(store):
    text = text_of(checklist(store, "luoyang-2025", "2025-05").value.pdf)
    assert "尚未导入人员名单" in text and "LY-01" in text


def test_the_checklist_from_the_command_line(tmp_path, capsys):
    from auditor.cli import main

    db, out = tmp_path / "a.db", tmp_path / "检查表.pdf"
    assert main(["--db", str(db), "init"]) == 0
    assert main(["--db", str(db), "render", "checklist", "henan-2025", "2025-11", "--out", str(out)]) == 0
    assert "预览，未签名、未登记" in capsys.readouterr().out
    assert "现场检查表" in text_of(out.read_bytes()) and "HN-02" in text_of(out.read_bytes())
    refused = tmp_path / "不应生成.pdf"
    assert main(["--db", str(db), "render", "checklist", "henan-2025", "--out", str(refused)]) == 2
    assert "render checklist CONTRACT PERIOD" in capsys.readouterr().err and not refused.exists()
