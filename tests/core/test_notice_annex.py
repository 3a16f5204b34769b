"""Issue 16's last piece: the failing work orders of a finding computed from the records go with the 整改通知书
as its 附件2, 附件3… (GB/T 9704 §8: each on a new page, 「附件N」 top left, listed in the 附件说明), a ruled
table inside the 156 mm block with its header atop every page; every order is also in a CSV embedded in the
signed PDF, its SHA-256 printed, so the operator can dispute the list order by order."""
import datetime as dt
import hashlib
import io
import subprocess

import pdfplumber
from pypdf import PdfReader

from auditor import notices
from auditor.calendar import Period
from auditor.documents import service as docs
from auditor.documents.base import BLOCK_H, BLOCK_W, LEFT, MM, TOP
from auditor.documents.notice import PRINTED_ROWS
from auditor.operations.workorders import import_file
from auditor.service import finalize_month
from tests.core.builders import inspector, record
from tests.core.workorder_files import HEADERS, write_xlsx

from .test_document_layout import check_lines, closing_pages_have_text

OCT = Period(2025, 10)
T = dt.datetime
ISSUED_ON = dt.date(2025, 11, 17)


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def pages_from(pdf: bytes, first: int) -> bytes:
    """The pages from ``first`` on, as a PDF of their own."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages[first:]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def table_rows(pdf: bytes, page: int) -> list[list[str]]:
    """The ruled table of a page, each cell's lines joined by a space (a date-time turns after its date)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        table = doc.pages[page].extract_table()
    return [[" ".join((cell or "").split("\n")) for cell in row] for row in table]


def late_orders(count: int, first: str = "WEB") -> list[list]:
    """``count`` 网站 orders received 2025-10-15 (Wed) from 10:00, each answered three days later: every one
    misses HN-02's 1 working day (due 10-17 00:00)."""
    rows = [HEADERS]
    for n in range(count):
        received = T(2025, 10, 15, 10) + dt.timedelta(minutes=n)
        rows.append([f"{first}{n + 1:05d}", "网站", "咨询", received, received + dt.timedelta(days=3),
                     received + dt.timedelta(days=4), "否", None, None, None, "否"])
    return rows


def october(store, tmp_path, rows) -> object:
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")          # the operator reports every item at its target
    import_file(store, "henan-2025", OCT, write_xlsx(tmp_path / "工单.xlsx", rows))
    finalize_month(store, henan, OCT)        # the items' own failures become findings too
    return henan


def draft(store, henan, keys=None):
    chosen = None if keys is None else [f.id for f in store.findings.list("henan-2025", OCT, status="open")
                                        if f.key in keys]
    return notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="省12345热线运营中心",
                         inspectors="李全奇", finding_ids=chosen)


def attachments(pdf: bytes) -> dict[str, bytes]:
    return {name: data[0] for name, data in PdfReader(io.BytesIO(pdf)).attachments.items()}


def test_the_failing_orders_are_annexed_to_the_issued_notice(file_store, tmp_path):
    from tests.core.test_workorders import henan_october

    henan = october(file_store, tmp_path, henan_october())
    notice = draft(file_store, henan)
    # HN-02 fails (3/6) and differs from the operator's 100 %: two findings, one annex (附件2), cited by both
    hn02 = [f for f in notice.content["findings"] if f["title"].startswith("HN-02")]
    annexes = {a["code"]: a for a in notice.content["annexes"]}
    assert list(annexes) == ["HN-02", "HN-03", "HN-04", "HN-08"]
    assert len(hn02) == 2 and {f["annex"] for f in hn02} == {2}
    assert [row[0] for row in annexes["HN-02"]["rows"]] == ["HN-B", "HN-D", "HN-F"]
    assert annexes["HN-02"]["title"] == "HN-02 网络工单回应率 不达标工单清单"

    identity = inspector(file_store)
    issued, pdf = notices.issue(file_store, notice.id, ISSUED_ON, identity=identity)
    assert issued.content["annexes"] == notice.content["annexes"]        # frozen with the notice
    assert docs.verify(file_store, pdf).outcome == "valid"

    said = pdf_text(pdf)
    flat = "".join(said.split())
    assert "附件：1.整改通知书回执" in flat and "2.HN-02网络工单回应率不达标工单清单" in flat
    assert "5.HN-08" in flat and "工单清单见附件2" in flat
    pages = page_texts(pdf)
    starts = [p.split("\n")[0] for p in pages]
    assert "附件1" in starts and "附件2" in starts and "附件5" in starts        # each annex on a page of its own
    annex2 = "".join(pages[starts.index("附件2")].split())
    for number in ("HN-B", "HN-D", "HN-F"):
        assert number in annex2
    assert "共3单，逐单列示如下" in annex2 and "50.00%（3/6，剔除需申诉1单）" in annex2
    # HN-D: received Fri 10-10 15:00, due 10-12 00:00 (10-11 a make-up Saturday), answered 10-12 09:00
    assert table_rows(pdf, starts.index("附件2"))[1:] == [
        ["1", "HN-B", "2025-10-08 20:00:00", "2025-10-10 00:00:01", "2025-10-10 00:00:00", "1秒", "超时"],
        ["2", "HN-D", "2025-10-10 15:00:00", "2025-10-12 09:00:00", "2025-10-12 00:00:00", "9小时", "超时"],
        ["3", "HN-F", "2025-10-15 10:00:00", "", "2025-10-17 00:00:00", "", "未回应"]]
    # the source file named by its hash, and the whole list embedded, signed with the notice
    source_hash = file_store.workorders.import_info("henan-2025", OCT)["sha256"]
    assert source_hash in annex2
    files = attachments(pdf)
    csv = files["附件2-HN-02-工单清单.csv"].decode("utf-8-sig").splitlines()
    assert csv[0].split(",")[:2] == ["序号", "工单编号"] and [line.split(",")[1] for line in csv[1:]] == [
        "HN-B", "HN-D", "HN-F"]
    digest = hashlib.sha256(files["附件2-HN-02-工单清单.csv"]).hexdigest()
    assert digest == annexes["HN-02"]["csv_sha256"] and digest in annex2
    check_lines(pages_from(pdf, starts.index("附件2")))      # the annexes' text under the 禁则, inside the block
    closing_pages_have_text(pdf)


def test_three_hundred_failing_orders_flow_over_pages_with_the_header_on_each(file_store, tmp_path):
    henan = october(file_store, tmp_path, late_orders(300))
    notice = draft(file_store, henan, keys={"HN-02"})
    pdf = notices.render_draft(file_store, notice.id)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        annex = [p for p in doc.pages if (p.extract_text() or "").startswith("附件2")]
        first = doc.pages.index(annex[0])
        table_pages = doc.pages[first:]
        assert len(table_pages) >= 10
        seen = []
        for page in table_pages:
            page = page.filter(lambda o: o.get("object_type") != "char" or o["size"] < 60)   # not the 草稿 mark
            (table,) = page.find_tables()
            rows = table.extract()
            assert rows[0] == ["序号", "工单编号", "受理时间", "完成时间", "时限截止", "超时", "情形"], \
                "the header heads the table on every page"
            assert page.page_number == first + 1 or table.bbox[1] < TOP + 1, "each next page's table starts at the top"
            seen += [(row[0], row[1]) for row in rows[1:]]
            body = [c for c in page.chars if c["size"] < 20 and abs(c["size"] - 14) > 0.1]   # not the page number
            assert min(c["x0"] for c in body) >= LEFT - 0.1 and max(c["x1"] for c in body) <= LEFT + BLOCK_W + 0.5 * MM
            assert min(c["top"] for c in body) >= TOP - 0.1 and max(c["bottom"] for c in body) <= TOP + BLOCK_H + 0.1
            for rule in page.lines:
                assert LEFT - 0.1 <= rule["x0"] and rule["x1"] <= LEFT + BLOCK_W + 0.1
                assert rule["bottom"] <= TOP + BLOCK_H + 0.1
            for row in table.rows:
                for cell in row.cells:
                    inside = [c for c in body if cell[0] < (c["x0"] + c["x1"]) / 2 < cell[2]
                              and cell[1] < (c["top"] + c["bottom"]) / 2 < cell[3]]
                    assert inside, "no empty cell in this table"
                    for c in inside:
                        assert cell[0] + 1 <= c["x0"] and c["x1"] <= cell[2] - 1, f"{c['text']} touches a rule"
                        assert cell[1] <= c["top"] and c["bottom"] <= cell[3], f"{c['text']} crosses a rule"
    numbers = [(str(n), f"WEB{n:05d}") for n in range(1, 301)]
    assert seen == numbers, "every order printed once, in order, its number on one line"
    flat = "".join(pdf_text(pdf).split())
    assert "不符合要求的工单共300单，逐单列示如下" in flat
    check_lines(pages_from(pdf, first))


def test_beyond_the_printed_rows_the_count_is_stated_and_the_csv_holds_every_order(file_store, tmp_path):
    total = PRINTED_ROWS + 20
    henan = october(file_store, tmp_path, late_orders(total))
    notice = draft(file_store, henan, keys={"HN-02"})
    assert notice.content["annexes"][0]["total"] == total
    pdf = notices.render_draft(file_store, notice.id)
    flat = "".join(pdf_text(pdf).split())
    assert f"共{total}单，本附件列出前{PRINTED_ROWS}单，其余20单见随附电子清单" in flat
    assert f"WEB{PRINTED_ROWS:05d}" in flat and f"WEB{PRINTED_ROWS + 1:05d}" not in flat
    data = attachments(pdf)["附件2-HN-02-工单清单.csv"]
    rows = data.decode("utf-8-sig").splitlines()[1:]
    assert len(rows) == total and rows[-1].split(",")[1] == f"WEB{total:05d}"
    assert hashlib.sha256(data).hexdigest() in flat


def test_a_crafted_order_number_cannot_stop_the_notice(file_store, tmp_path):
    """An order number with a right-to-left override and a private-use character (no font draws them) is
    printed as [U+XXXX]; the CSV keeps it exactly, and the notice issues."""
    rows = late_orders(2)
    rows[1][0] = "WEB\u202e00001\ue000"
    henan = october(file_store, tmp_path, rows)
    notice = draft(file_store, henan, keys={"HN-02"})
    _, pdf = notices.issue(file_store, notice.id, ISSUED_ON, identity=inspector(file_store))
    assert docs.verify(file_store, pdf).outcome == "valid"
    annex = [p.split("\n")[0] for p in page_texts(pdf)].index("附件2")
    assert table_rows(pdf, annex)[1][1].replace(" ", "") == "WEB[U+202E]00001[U+E000]"
    assert "\u202e" not in pdf_text(pdf)
    assert "WEB\u202e00001\ue000" in attachments(pdf)["附件2-HN-02-工单清单.csv"].decode("utf-8-sig")


def test_a_notice_without_work_order_findings_has_no_order_annex(file_store):
    henan = file_store.contracts.get("henan-2025")
    record(file_store, henan, "2025-10", {"HN-02": {"value": "99"}})   # typed in, no work-order records
    finalize_month(file_store, henan, OCT)
    notice = draft(file_store, henan)
    assert "annexes" not in notice.content and all("annex" not in f for f in notice.content["findings"])
    _, pdf = notices.issue(file_store, notice.id, ISSUED_ON, identity=inspector(file_store))
    flat = "".join(pdf_text(pdf).split())
    assert "附件：整改通知书回执" in flat and "附件2" not in flat and "附件1" not in flat
    assert page_texts(pdf)[-1].startswith("附件\n")
    assert not attachments(pdf)
    assert docs.verify(file_store, pdf).outcome == "valid"


def test_order_annexes_follow_the_receipt_in_the_order_of_the_attachments_note(file_store, tmp_path):
    from tests.core.test_workorders import henan_october

    henan = october(file_store, tmp_path, henan_october())
    pdf = notices.render_draft(file_store, draft(file_store, henan, keys={"HN-02", "HN-03"}).id)
    starts = [p.split("\n")[0] for p in page_texts(pdf)]
    labels = [s for s in starts if s.startswith("附件")]
    assert labels == ["附件1", "附件2", "附件3"]
    flat = "".join(pdf_text(pdf).split())
    assert flat.index("1.整改通知书回执") < flat.index("2.HN-02") < flat.index("3.HN-03")
