"""A signed score sheet with its chart annex, next to what inspectors do today: LibreOffice converting an
equivalent .docx (python-docx builds it), in the same run.

- whole process: ``auditor render score-sheet … --sign`` (start, open, assess, render, sign, register) against
  ``soffice --headless --convert-to pdf`` of the .docx (start, load, lay out, write);
- warm, in process: render + sign + register once the process has made one (the app's case); target ≤ 150 ms.
At 0, 1 and 3 years of data (benchmarks/data.py; at 0 years its first month is recorded and finalised first).
The whole process is the median of 5 runs in one state folder: the first parses the fonts and keeps their
metrics there (documents.fonts), as the user's first document does.

    .venv/bin/pip install python-docx && apt-get install libreoffice-writer-nogui
    .venv/bin/python benchmarks/bench_documents.py
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import os
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
WARM_TARGET_MS = 150


def timed(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_docx(path: Path, title: str, rows: list[list[str]], paragraphs: list[str], pictures: list[Path]) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading(title, 0)
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_page_break()
    document.add_heading("附件：趋势图", 1)
    for picture in pictures:
        document.add_picture(str(picture), width=Cm(15))
    document.save(str(path))


def prepare(years: int, folder: Path):
    """(database, contract id, month, p12 file, passphrase file) ready to sign that month's score sheet."""
    from auditor.calendar import Period
    from auditor.service import finalize_month
    from auditor.storage import open_store
    from benchmarks.data import CONTRACTS, START, fresh_copy
    from tests.core.builders import PASS, inspector, record

    db = fresh_copy(years, folder)
    contract_id = CONTRACTS[0][1]
    month = Period(*START).shift(max(years * 12 - 1, 0))
    store = open_store(db)
    try:
        if years == 0:
            contract = store.contracts.get(contract_id)
            record(store, contract, str(month))
            finalize_month(store, contract, month)
        identity = inspector(store, name=f"检查员{years}")
    finally:
        store.close()
    p12 = folder / f"inspector-{years}.p12"
    p12.write_bytes(identity.p12)
    secret = folder / f"pass-{years}.txt"
    secret.write_bytes(PASS)
    return db, contract_id, month, p12, secret, identity


def equivalent_docx(db: Path, contract_id: str, month, folder: Path) -> Path:
    """The same content as a .docx: the items table, the totals, and the annex's three charts as pictures."""
    from auditor import charts
    from auditor.serialize import month_to_dict
    from auditor.service import term_results
    from auditor.storage import open_store

    store = open_store(db)
    try:
        contract = store.contracts.get(contract_id)
        months = term_results(store, contract)
        data = month_to_dict(months[month])
        pictures = []
        for n, fig in enumerate((charts.indicator_trend(contract, months, contract.indicators[0].code),
                                 charts.money_history(contract, months), charts.headcount_chart(contract, months))):
            pictures.append(folder / f"chart-{n}.png")
            pictures[-1].write_bytes(charts.to_bytes(fig))
    finally:
        store.close()
    rows = [["编号", "考核指标", "要求", "实测", "结果", "扣款"]] + [
        [i["code"], i["name"], i["target"], i["actual"] or "—", i["status"], i["deduction"]] for i in data["items"]]
    path = folder / "score-sheet.docx"
    make_docx(path, f"考核评分表 {contract.name} {month.label()}", rows,
              [f"本月扣减合计：{data['deduction_total']}", "检查人员（签名）：        日期："], pictures)
    return path


def main() -> None:
    import compileall

    from benchmarks.data import YEARS

    # an installed program's bytecode is compiled (pip does it); with PYTHONDONTWRITEBYTECODE set, as here, a
    # module edited since its .pyc would be compiled again in every process measured
    compileall.compile_dir(str(ROOT / "auditor"), quiet=1)

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or importlib.util.find_spec("docx") is None:
        office = None
        print("soffice or python-docx not installed (apt-get install libreoffice-writer-nogui; pip install "
              "python-docx): no LibreOffice baseline, in-process figures only")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(ROOT), AUDITOR_STATE_DIR=str(folder / "state"),
                   AUDITOR_LOG_DIR=str(folder / "logs"))
        os.environ.update(AUDITOR_STATE_DIR=env["AUDITOR_STATE_DIR"], AUDITOR_LOG_DIR=env["AUDITOR_LOG_DIR"])
        lo = None
        for years in YEARS:
            # each its own anchors: the three databases share one identity (each grew from the smaller one)
            os.environ["AUDITOR_STATE_DIR"] = env["AUDITOR_STATE_DIR"] = str(folder / f"state-{years}")
            whole, warm, preview, source = measure(years, folder, env)
            if lo is None and office is not None:
                lo = libreoffice(office, source, folder)
                print(f"soffice --headless --convert-to pdf of the equivalent .docx (whole process, unsigned, "
                      f"median of 3; baseline): {lo * 1000:.0f} ms")
            ratio = f" = soffice / auditor {lo / whole:.2f}× (target ≥ 3×)" if lo else ""
            print(f"{years} years: signed score sheet with chart annex, whole process {whole * 1000:.0f} ms{ratio}; "
                  f"warm in process {warm * 1000:.0f} ms (target ≤ {WARM_TARGET_MS} ms: "
                  f"{'met' if warm * 1000 <= WARM_TARGET_MS else 'NOT met'}); unsigned preview {preview * 1000:.0f} ms")


def measure(years: int, folder: Path, env: dict[str, str]) -> tuple[float, float, float, Path]:
    """(whole process, warm in process, unsigned preview) in seconds, and the equivalent .docx."""
    from auditor.documents import service as docs
    from auditor.storage import open_store

    command = Path(sys.executable).with_name("auditor")
    cli = [str(command)] if command.exists() else [sys.executable, "-m", "auditor.cli"]
    db, contract_id, month, p12, secret, identity = prepare(years, folder)
    on = month.next().first_day + dt.timedelta(days=1)
    out = folder / "sheet.pdf"
    whole = timed(lambda: subprocess.run(
        [*cli, "--db", str(db), "render", "score-sheet", contract_id, str(month), "--out", str(out),
         "--sign", str(p12), "--passphrase-file", str(secret), "--on", str(on)], env=env, check=True,
        capture_output=True))
    store = open_store(db)
    try:
        docs.score_sheet(store, contract_id, str(month), identity, on=on)  # the process has made one
        warm = timed(lambda: docs.score_sheet(store, contract_id, str(month), identity, on=on))
        preview = timed(lambda: docs.score_sheet(store, contract_id, str(month), None))
    finally:
        store.close()
    return whole, warm, preview, equivalent_docx(db, contract_id, month, folder)


def libreoffice(office: str, source: Path, folder: Path) -> float:
    profile = folder / "lo-profile"

    def convert() -> None:
        subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder / "lo"), str(source)], check=True, capture_output=True)

    convert()  # its first start creates the profile
    return timed(convert, 3)


if __name__ == "__main__":
    main()
