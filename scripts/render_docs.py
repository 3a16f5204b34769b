"""Render each kind of document from a demo database, signed, and turn the pages into PNGs under docs/documents/
(80 dpi): the notice short (two findings) and long (sixty), the score sheet, installment sheet, payment
statement and spot-check record, and a notice with work-order annexes.

    .venv/bin/python scripts/render_docs.py        (needs pdftoppm, from Debian's poppler-utils)
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from auditor import notices
    from auditor.calendar import Period
    from auditor.documents import service as docs
    from auditor.staffing import SpotEntry
    from scripts.screenshots import demo_store
    from tests.core.builders import inspector

    out = ROOT / "docs" / "documents"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = demo_store(folder, notices_too=False)
        henan = store.contracts.get("henan-2025")
        signature = (ROOT / "docs" / "demo-signature.png").read_bytes()
        identity = inspector(store, signature_png=signature)
        draft = notices.draft(store, henan, Period(2025, 10), inspection_date=dt.date(2025, 11, 3),
                              place="河南省省级12345热线运营中心", inspectors="李全奇、王行宇")
        issued_notice, notice = notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
        long_notice = long_version(issued_notice)
        check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10, 30), "运营中心二楼",
                                                 "李全奇、王行宇", [])
        for n, (name, role, status) in enumerate([("张伟", "frontline", "present"), ("王芳", "frontline", "leave"),
                                                  ("李娜", "support", "absent"), ("刘洋", "management", "present")]):
            store.personnel.mark(check, SpotEntry(f"p{n}", name, f"A00{n + 1}", role, True, status))
        files = {
            "notice": notice,
            "notice-60": long_notice,
            "score-sheet": docs.score_sheet(store, "henan-2025", "2025-10", identity, on=dt.date(2025, 11, 17)).pdf,
            "installment": docs.installment_sheet(store, "henan-2025", 2, identity, on=dt.date(2025, 12, 8)).pdf,
            "payment": docs.payment_statement(store, "henan-2025", 2, identity, on=dt.date(2025, 12, 8)).pdf,
            "spot-check": docs.spot_check_record(store, check, identity, on=dt.date(2025, 10, 9)).pdf,
            "notice-annex": annex_notice(folder),
        }
        store.close()
        for name, pdf in files.items():
            path = folder / f"{name}.pdf"
            path.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(out / name)], check=True)
    print("\n".join(sorted(p.name for p in out.glob("*.png"))))


def long_version(notice) -> bytes:
    """The issued notice's text with sixty findings (its own two, and more of the kind a busy month brings),
    rendered unsigned: what page flow does with a long notice."""
    from dataclasses import replace

    from auditor import notices
    from auditor.documents.notice import NoticeFinding, NoticeRenderer

    data = notices.notice_data(notice, notice.number, dt.date(2025, 11, 17))
    extra = [NoticeFinding(f"HN-{n % 9 + 1:02d} 指标未达标（第 {n} 次抽样）",
                           f"2025年10月第 {n} 次抽样实测 95.37%，合同要求≥98%，扣减 ¥64,680.00；涉及工单 "
                           f"YS2025-FW-GKZB-{n:03d}，坐席工号 A{n:04d}，来电人身份证号 410102********{n:03d}X",
                           "第十一条 表第2项") for n in range(3, 61)]
    long = replace(data, findings=data.findings + tuple(extra), cc="河南省政务服务和数据管理局")
    return NoticeRenderer(long).render()


def annex_notice(folder: Path) -> bytes:
    """A notice citing two items computed from a month's work orders (henan 2025-10, across 国庆, plus 45 网站
    orders answered late): its failing orders as 附件2 (over three pages) and 附件3, issued and signed."""
    from auditor import notices
    from auditor.calendar import Period
    from auditor.operations.workorders import import_file
    from auditor.service import finalize_month
    from auditor.storage import open_store
    from tests.core.builders import inspector, record
    from tests.core.test_workorders import henan_october
    from tests.core.workorder_files import write_xlsx

    rows = henan_october()
    for n in range(45):
        received = dt.datetime(2025, 10, 20, 9) + dt.timedelta(minutes=37 * n)
        rows.append([f"GD2025102{n:05d}", "网站", "咨询", received, received + dt.timedelta(hours=30 + n),
                     received + dt.timedelta(days=3), "否", None, None, None, "否"])
    october = Period(2025, 10)
    store = open_store(folder / "annex.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")
    import_file(store, "henan-2025", october, write_xlsx(folder / "2025年10月工单.xlsx", rows))
    finalize_month(store, henan, october)
    chosen = [f.id for f in store.findings.list("henan-2025", october) if f.key in ("HN-02", "HN-04")]
    draft = notices.draft(store, henan, october, inspection_date=dt.date(2025, 11, 3),
                          place="河南省省级12345热线运营中心", inspectors="李全奇、王行宇", finding_ids=chosen)
    signature = (ROOT / "docs" / "demo-signature.png").read_bytes()
    _, pdf = notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store, signature_png=signature))
    store.close()
    return pdf


if __name__ == "__main__":
    main()
