"""Render each kind of document from a demo database, signed, and turn the pages into PNGs under docs/documents/.

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
        store = demo_store(folder)
        henan = store.contracts.get("henan-2025")
        signature = (ROOT / "docs" / "demo-signature.png").read_bytes()
        identity = inspector(store, signature_png=signature)
        draft = notices.draft(store, henan, Period(2025, 10), inspection_date=dt.date(2025, 11, 3),
                              place="河南省省级12345热线运营中心", inspectors="李全奇、王行宇")
        _, notice = notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
        check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10, 30), "运营中心二楼",
                                                 "李全奇、王行宇", [])
        for n, (name, role, status) in enumerate([("张伟", "frontline", "present"), ("王芳", "frontline", "leave"),
                                                  ("李娜", "support", "absent"), ("刘洋", "management", "present")]):
            store.personnel.mark(check, SpotEntry(f"p{n}", name, f"A00{n + 1}", role, True, status))
        files = {
            "notice": notice,
            "score-sheet": docs.score_sheet(store, "henan-2025", "2025-10", identity, on=dt.date(2025, 11, 17)).pdf,
            "installment": docs.installment_sheet(store, "henan-2025", 2, identity, on=dt.date(2025, 12, 8)).pdf,
            "payment": docs.payment_statement(store, "henan-2025", 2, identity, on=dt.date(2025, 12, 8)).pdf,
            "spot-check": docs.spot_check_record(store, check, identity, on=dt.date(2025, 10, 9)).pdf,
        }
        store.close()
        for name, pdf in files.items():
            path = folder / f"{name}.pdf"
            path.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(out / name)], check=True)
    print("\n".join(sorted(p.name for p in out.glob("*.png"))))


if __name__ == "__main__":
    main()
