"""Render and sign a month's score sheet and a rectification notice, next to what inspectors do today:
``libreoffice --headless --convert-to pdf`` on an equivalent .docx (python-docx builds it).

    .venv/bin/pip install python-docx && apt-get install libreoffice-writer-nogui
    .venv/bin/python benchmarks/bench_documents.py
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 5


def timed(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_docx(path: Path, title: str, rows: list[list[str]], paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, 0)
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))


def main() -> None:
    from auditor import notices
    from auditor.calendar import Period
    from auditor.documents import service as docs
    from auditor.documents.notice import NoticeRenderer
    from auditor.serialize import month_to_dict
    from auditor.service import month_result
    from scripts.screenshots import demo_store
    from tests.core.builders import inspector

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = demo_store(folder)
        henan = store.contracts.get("henan-2025")
        identity = inspector(store)
        day = dt.date(2025, 11, 17)
        docs.score_sheet(store, "henan-2025", "2025-10", identity, on=day)  # warm imports once, as the app would

        sheet = timed(lambda: docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=day))
        sheet_charts = timed(lambda: docs.score_sheet(store, "henan-2025", "2025-10", identity, on=day))
        sheet_preview = timed(lambda: docs.score_sheet(store, "henan-2025", "2025-10", None, with_charts=False))

        def draft():
            return notices.draft(store, henan, Period(2025, 10), inspection_date=dt.date(2025, 11, 3),
                                 place="运营中心", inspectors="李全奇",
                                 finding_ids=[f.id for f in store.findings.list("henan-2025", Period(2025, 10))])

        notice = timed(lambda: notices.issue(store, draft().id, day, identity=identity))
        one = draft()
        notice_unsigned = timed(
            lambda: NoticeRenderer(notices.notice_data(one, "豫政数整改〔2025〕99号", day)).render())

        month = month_to_dict(month_result(store, henan, Period(2025, 10)))
        office = shutil.which("libreoffice") or shutil.which("soffice")
        store.close()
        print(f"auditor (median of {RUNS}): score sheet rendered and signed {sheet * 1000:.0f} ms "
              f"({sheet_charts * 1000:.0f} ms with the chart annex); notice drafted, numbered, rendered, "
              f"signed and registered {notice * 1000:.0f} ms")
        print(f"the same documents rendered without signing or registering: score sheet {sheet_preview * 1000:.0f} ms, "
              f"notice {notice_unsigned * 1000:.0f} ms → signing and registering add "
              f"{(sheet - sheet_preview) * 1000:.0f} ms and {(notice - notice_unsigned) * 1000:.0f} ms "
              f"({sheet / sheet_preview:.1f}× and {notice / notice_unsigned:.1f}×)")
        if office is None or importlib.util.find_spec("docx") is None:
            print("libreoffice or python-docx not installed: no comparison with LibreOffice")
            return
        month = month_to_dict(month_result(store, henan, Period(2025, 10)))
        rows = [["编号", "考核指标", "要求", "实测", "结果", "扣款"]] + [
            [i["code"], i["name"], i["target"], i["actual"] or "—", i["status"], i["deduction"]]
            for i in month["items"]]
        sheet_docx = folder / "score-sheet.docx"
        make_docx(sheet_docx, "考核评分表", rows, [f"本月扣减合计：{month['deduction_total']}"])
        notice_docx = folder / "notice.docx"
        make_docx(notice_docx, "关于2025年10月履约问题的整改通知书", [["问题", "依据"], ["HN-02 未达标", "第十一条"]],
                  ["河南龙翼信息技术有限公司：", "根据合同约定……发现以下问题：" * 5, "请于2025年11月24日前完成整改。"])

        profile = folder / "lo-profile"

        def convert(path: Path):
            subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(folder), str(path)], check=True, capture_output=True)

        convert(sheet_docx)  # first start creates the profile
        lo_sheet = timed(lambda: convert(sheet_docx), 3)
        lo_notice = timed(lambda: convert(notice_docx), 3)
        print(f"libreoffice --headless --convert-to pdf (median of 3, unsigned): score sheet {lo_sheet * 1000:.0f} ms; "
              f"notice {lo_notice * 1000:.0f} ms")
        print(f"ratio libreoffice / auditor: score sheet {lo_sheet / sheet:.1f}× "
              f"({lo_sheet / sheet_charts:.1f}× with charts); notice {lo_notice / notice:.1f}×")


if __name__ == "__main__":
    main()
