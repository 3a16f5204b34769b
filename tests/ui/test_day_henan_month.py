"""A whole henan month through the window (tests/ui/henan_month.py): every step leaves what the inspector
expects, and the month takes the keystrokes and clicks counted here (the README's figure).

henan-2025 October: HN-02 at 99 % fails (第十一条 表第2项), 一线 48.5 and 管理 3 of 50 and 4 (第六条5);
王芳's blank 住房公积金 is the finding 未缴; 陈静 absent at the spot check; the notice cites all of it.
"""
from __future__ import annotations

from pypdf import PdfReader

from auditor import notices
from tests.core.builders import inspector

from .helpers import open_window
from .henan_month import OCT, TODAY, Count, steps


def test_a_henan_month_from_entries_to_a_printed_notice(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, today=TODAY, prepare=inspector)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.personnel.today = TODAY
    window.tabs.setCurrentWidget(window.walkthrough)
    count = Count()
    printed = tmp_path / "printed.pdf"
    for step in steps(window, tmp_path, count, printed):
        before = (count.keys, count.clicks)
        step.act()
        qtbot.waitUntil(step.done, timeout=30000)
        count.steps[step.name] = (count.keys - before[0], count.clicks - before[1])

    result = window.walkthrough.result
    assert result.item("HN-02").status.value == "fail" and result.staffing_shortfall == 3
    labels = {f.title for f in window.store.findings.list("henan-2025", OCT)}
    assert "现场抽查缺岗：陈静" in labels
    assert any(title.startswith("五险一金缺项：王芳") for title in labels)
    notice = notices.get(window.store, "豫政数整改〔2025〕1号")
    cited = [f["title"] for f in notice.content["findings"]]
    assert "HN-02 网络工单回应率未达标" in cited and "现场抽查缺岗：陈静" in cited
    assert len(PdfReader(str(printed)).pages) == window.notices.printed_pages >= 2
    # what the month takes, step by step (README): keystrokes, clicks
    assert count.steps == {
        "逐项录入（6 项指标与人员配置）": (30, 0), "导入 5 份乙方文件": (9, 5), "核对": (0, 1),
        "现场抽查 4 人": (21, 2), "定稿": (1, 2), "起草并签发整改通知书": (14, 4), "预览并打印通知书": (0, 3)}
    assert (count.keys, count.clicks) == (75, 17)
    window.store.close()
