"""GB/T 9704-2012 measured on the rendered notice (pdfplumber), and the other documents' pages as a clerk sees them.

Figures from the standard: A4, 版心 156 × 225 mm at 37 mm (天头) / 28 mm (订口); 22 lines × 28 characters;
the issuer's mark 35 mm into the block (7.2.2); the 发文字号 two lines below it and the red rule 4 mm under it
(7.2.4, 7.2.5); the title two lines below the rule in 2号小标宋 (7.3.2); text in 3号仿宋, level-1 headings in
黑体, level-2 in 楷体 (7.3.3); the 版记 at the foot of the last page, its last rule on the block's edge (7.4);
the 落款 never alone on a page (7.3.5.1).
"""
import datetime as dt
import io
import re
from collections import defaultdict

import pdfplumber
import pytest
from pypdf import PdfReader

from auditor import notices
from auditor.calendar import Period
from auditor.documents import service as docs
from auditor.documents.base import BLOCK_H, BLOCK_W, CELL, LEFT, LINES, MM, PITCH, TOP
from auditor.documents.notice import NoticeData, NoticeFinding, NoticeRenderer
from auditor.documents.typeset import CLOSING, LEFT_INK, OPENING
from auditor.service import finalize_month

from .builders import inspector, record

OCT = Period(2025, 10)
RARE_NAMES = ("王䶮", "𠮷田雅", "宋𬌗", "郑鿏")          # Ext A, Ext B, Ext E, URO (U+9FCF)
TOKENS = re.compile(r"[¥$]?[0-9A-Za-z*]+(?:[.,:/_-][0-9A-Za-z*]+)*%?")


def notice_data(findings: int, number: str = "豫政数整改〔2025〕7号", **changes) -> NoticeData:
    items = tuple(NoticeFinding(f"HN-0{n % 9 + 1} 网络工单回应率未达标",
                                "2025年10月网络工单回应率实测 95.37%，合同要求≥100%，扣减 ¥64,680.00，"
                                "合同编号 YS2025-FW-GKZB-001，责任人身份证号 410102********123X", "第十一条 表第2项")
                  for n in range(findings))
    fields = dict(number=number, issuer="河南省政务大数据中心", addressee="河南龙翼信息技术有限公司",
                  contract_name="河南省省级12345政务服务便民热线运营中心服务采购合同", contract_no="YS2025-FW-GKZB-001",
                  basis_clauses="第十一条 表第2项", period_label="2025年10月", inspection_date=dt.date(2025, 11, 3),
                  place="省12345热线运营中心", inspectors="李全奇、" + "、".join(RARE_NAMES), findings=items,
                  deadline=dt.date(2025, 11, 24), consequences="逾期未整改的，依约扣减相应服务费用。",
                  issue_date=dt.date(2025, 11, 17), qr="ADQR1;k=notice;n=x;d=2025-11-17;h=00",
                  cc="河南省政务服务和数据管理局")
    fields.update(changes)
    return NoticeData(**fields)


def pages_of(pdf: bytes) -> list[dict]:
    """Per page: its lines of text (chars grouped by size and baseline), rules and chars."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            rows: dict[tuple[float, float], list] = defaultdict(list)
            for c in page.chars:
                rows[(round(c["size"], 1), round(c["bottom"], 0))].append(c)
            lines = [sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(rows.items(), key=lambda kv: kv[0][1])]
            found.append({"lines": lines, "rules": page.lines, "chars": page.chars, "images": page.images,
                          "height": page.height, "width": page.width})
    return found


def text(line) -> str:
    return "".join(c["text"] for c in line)


def font(c) -> str:
    return c["fontname"].split("+")[-1]


@pytest.fixture(scope="module")
def short_notice() -> bytes:
    return NoticeRenderer(notice_data(2)).render()


@pytest.fixture(scope="module")
def long_notice() -> bytes:
    return NoticeRenderer(notice_data(60)).render()


def test_page_block_and_grid(short_notice):
    first = pages_of(short_notice)[0]
    assert (round(first["width"] / MM), round(first["height"] / MM)) == (210, 297)
    body = [c for c in first["chars"] if abs(c["size"] - 16) < 0.1]
    assert min(c["x0"] for c in body) >= LEFT - 0.5 * MM and max(c["x1"] for c in body) <= LEFT + BLOCK_W + 0.5 * MM
    assert min(c["top"] for c in body) >= TOP and max(c["bottom"] for c in body) <= TOP + BLOCK_H
    tops = sorted({round(c["top"], 2) for c in body})
    assert all(abs((b - a) / PITCH - round((b - a) / PITCH)) < 0.02 for a, b in zip(tops, tops[1:]))   # on the grid
    full = [ln for ln in first["lines"] if abs(ln[0]["size"] - 16) < 0.1 and abs(ln[0]["x0"] - LEFT) < 0.5 * MM
            and abs(ln[-1]["x1"] - (LEFT + BLOCK_W)) < 0.8 * MM]
    assert full, "justified lines fill the 156 mm measure"


def test_title_text_and_headings_in_four_distinct_embedded_fonts(short_notice):
    pages = pages_of(short_notice)
    lines = [ln for p in pages for ln in p["lines"]]
    title = next(ln for ln in lines if text(ln).startswith("关于"))
    heading1 = next(ln for ln in lines if text(ln).startswith("一、检查发现的问题"))
    heading2 = next(ln for ln in lines if "（一）" in text(ln))
    body = next(ln for ln in lines if text(ln).startswith("河南龙翼"))
    assert abs(title[0]["size"] - 22) < 0.1 and abs(body[0]["size"] - 16) < 0.1        # 2号 and 3号
    roles = {"title": font(title[2]), "heading1": font(heading1[0]), "heading2": font(heading2[2]),
             "body": font(body[0])}
    assert len(set(roles.values())) == 4, roles
    embedded = set()
    for page in PdfReader(io.BytesIO(short_notice)).pages:
        for f in page["/Resources"]["/Font"].values():
            descriptor = f.get_object()["/FontDescriptor"]
            if "/FontFile2" in descriptor:
                embedded.add(str(f.get_object()["/BaseFont"]).split("+")[-1])
    assert set(roles.values()) <= embedded
    info = PdfReader(io.BytesIO(short_notice)).metadata
    assert "标题（小标宋）" in info["/AuditorFonts"] and "二级标题（楷体）" in info["/AuditorFonts"]


def test_header_mark_number_rule_and_title_spacing(short_notice):
    first = pages_of(short_notice)[0]
    mark = next(ln for ln in first["lines"] if text(ln) == "河南省政务大数据中心" and ln[0]["size"] > 22)
    number = next(ln for ln in first["lines"] if text(ln) == "豫政数整改〔2025〕7号")
    title = next(ln for ln in first["lines"] if text(ln).startswith("关于"))
    assert mark[0]["non_stroking_color"] == (0.8, 0.0, 0.0)
    assert abs(mark[0]["top"] - (TOP + 35 * MM)) < 0.5 * MM                 # 35 mm into the block
    assert number[0]["top"] - mark[0]["bottom"] >= 2 * PITCH - 0.5 * MM     # two blank lines above the 发文字号
    rule = next(r for r in first["rules"] if r.get("stroking_color") == (0.8, 0.0, 0.0))
    assert abs(rule["x0"] - LEFT) < 0.1 * MM and abs(rule["x1"] - (LEFT + BLOCK_W)) < 0.1 * MM
    assert abs(rule["top"] - number[0]["bottom"] - 4 * MM) < 0.3 * MM      # the red rule 4 mm under it
    assert title[0]["top"] - rule["top"] >= 2 * PITCH - 0.5 * MM             # two blank lines above the title
    centre = (title[0]["x0"] + title[-1]["x1"]) / 2
    assert abs(centre - (LEFT + BLOCK_W / 2)) < 1 * MM


def test_signature_block_date_seal_and_banji(short_notice):
    pages = pages_of(short_notice)
    closing_page = next(p for p in pages if any(text(ln) == "2025年11月17日" and abs(ln[0]["size"] - 16) < 0.1
                                                for ln in p["lines"]))
    body = [ln for ln in closing_page["lines"] if abs(ln[0]["size"] - 16) < 0.1]
    date = next(ln for ln in body if text(ln) == "2025年11月17日")
    issuer = [ln for ln in body if text(ln) == "河南省政务大数据中心"][-1]
    assert abs(date[-1]["x1"] - (LEFT + BLOCK_W - 4 * CELL)) < 0.5 * MM     # 右空四字
    assert abs((issuer[0]["x0"] + issuer[-1]["x1"]) / 2 - (date[0]["x0"] + date[-1]["x1"]) / 2) < 0.5 * MM
    last = pages[-1]
    bottom = max(r["top"] for r in last["rules"])
    assert abs(bottom - (TOP + BLOCK_H)) < 0.3 * MM                          # 版记's last rule on the block edge
    banji = [text(ln) for ln in last["lines"] if ln[0]["top"] > TOP + BLOCK_H - 2 * PITCH]
    assert "抄送：河南省政务服务和数据管理局。" in banji
    assert any("河南省政务大数据中心" in t and "2025年11月17日印发" in t for t in
               ["".join(text(ln) for ln in last["lines"] if abs(ln[0]["bottom"] - lnb) < 1)
                for lnb in {ln[0]["bottom"] for ln in last["lines"]}])
    receipt = [text(ln) for ln in last["lines"]]
    assert receipt[0] == "附件" and "整改通知书回执" in receipt
    for ln in last["lines"]:                                                  # the 回执 inside the block
        assert ln[0]["x0"] >= LEFT - 0.1 * MM and ln[-1]["x1"] <= LEFT + BLOCK_W + 0.1 * MM
    for rule in last["rules"]:
        assert rule["x0"] >= LEFT - 0.1 * MM and rule["x1"] <= LEFT + BLOCK_W + 0.1 * MM


def closing_pages_have_text(pdf: bytes) -> None:
    for page in pages_of(pdf):
        lines = [ln for ln in page["lines"] if abs(ln[0]["size"] - 16) < 0.1]
        dates = [i for i, ln in enumerate(lines) if text(ln) == "2025年11月17日"]
        if not dates:
            continue
        before = [text(ln) for ln in lines[:dates[0] - 1] if not text(ln).startswith("附件：")]
        assert len(before) >= 2, f"the 落款 shares its page with text: {before}"


def test_no_page_holds_only_the_closing_whatever_the_length():
    for findings in range(1, 16):
        closing_pages_have_text(NoticeRenderer(notice_data(findings)).render())


def test_sixty_findings_flow_over_pages_keeping_headings_and_numbers(long_notice):
    pages = pages_of(long_notice)
    assert len(pages) >= 8
    closing_pages_have_text(long_notice)
    for page in pages[:-1]:
        body = [ln for ln in page["lines"] if abs(ln[0]["size"] - 16) < 0.1]
        assert not text(body[-1]).startswith(("一、", "二、")), "a heading never ends a page"
    check_lines(long_notice)


def check_lines(pdf: bytes, sources: list[str] | None = None) -> int:
    """Every line inside the block, none starting with closing or ending with opening punctuation, and every
    number, amount, percentage, code and masked ID of the text whole on one line. Returns lines checked."""
    checked = 0
    seen = []
    for page in pages_of(pdf):
        for ln in page["lines"]:
            if abs(ln[0]["size"] - 16) > 0.1 or ln[0]["top"] > TOP + BLOCK_H:
                continue
            t = text(ln).strip()
            if not t:
                continue
            last = ln[-1]   # a squeezed closing mark keeps its ink in its left half: its box may overhang by that
            ink = min(last["x1"], last["x0"] + last["size"] / 2) if last["text"] in LEFT_INK else last["x1"]
            assert ink <= LEFT + BLOCK_W + 0.5 * MM, t
            assert t[0] not in CLOSING, f"line starts with closing punctuation: {t}"
            assert t[-1] not in OPENING, f"line ends with opening punctuation: {t}"
            seen.append(t)
            checked += 1
    joined = "\n".join(seen)
    for source in sources or []:
        for token in TOKENS.findall(source):
            assert any(token in line for line in seen), f"{token} split over lines:\n{joined}"
    return checked


def test_numbers_and_codes_never_split(long_notice):
    finding = notice_data(1).findings[0]
    check_lines(long_notice, [finding.detail])


def test_rare_names_are_drawn_and_copied_back(short_notice):
    import subprocess

    extracted = "".join(text(ln) for p in pages_of(short_notice) for ln in p["lines"])
    poppler = subprocess.run(["pdftotext", "-", "-"], input=short_notice, capture_output=True, check=True).stdout
    for name in RARE_NAMES:
        assert name in extracted, name
        assert name in poppler.decode("utf-8").replace("\n", ""), name


def test_draft_marked_on_every_page():
    pdf = NoticeRenderer(notice_data(30, number="")).render()
    pages = pages_of(pdf)
    assert len(pages) >= 4
    for page in pages:
        assert any(c["text"] == "草" and c["size"] > 60 for c in page["chars"])


def test_grid_line_count_on_full_pages(long_notice):
    counts = [len([ln for ln in page["lines"] if abs(ln[0]["size"] - 16) < 0.1 and ln[0]["top"] < TOP + BLOCK_H])
              for page in pages_of(long_notice)]
    assert max(counts) == LINES and counts.count(LINES) >= 3


# ---------------------------------------------------------------- issued documents through the service


@pytest.fixture
def issued_sheet(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    from pathlib import Path

    signature = (Path(__file__).resolve().parents[2] / "docs" / "demo-signature.png").read_bytes()
    identity = inspector(store, signature_png=signature)
    return docs.score_sheet(store, "henan-2025", "2025-10", identity, on=dt.date(2025, 11, 17)).pdf, identity


def signature_table(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages):
            for table in page.find_tables():
                cells = table.extract()
                if cells and cells[0] and (cells[0][0] or "").startswith("甲方："):
                    rects = [r for r in page.rects if r["non_stroking_color"] not in (None, (1,), (1, 1, 1), [1])
                             and r.get("fill") and table.bbox[1] <= r["top"] <= table.bbox[3]]
                    return number, page, table, cells, rects, page.images
    raise AssertionError("no signature table")


def test_signature_table_is_usable_with_a_pen(store, issued_sheet):
    pdf, _ = issued_sheet
    _, page, table, cells, filled, images = signature_table(pdf)
    assert not filled, "white"
    heights = [row.bbox[3] - row.bbox[1] for row in table.rows]
    assert min(heights) >= 12 * MM - 0.1
    assert "2025年11月17日" in cells[2][0]                                  # 日期 filled for the issuer
    pen = next(img for img in images if img["width"] < 50 * MM)
    cell = table.rows[1].cells[0]
    assert cell[0] <= pen["x0"] and pen["x1"] <= cell[2] and cell[1] <= pen["top"] and pen["bottom"] <= cell[3]
    assert docs.verify(store, pdf).outcome == "valid"
    reader = PdfReader(io.BytesIO(pdf))
    assert "Auditor" in reader.metadata["/AuditorFonts"]


def test_unsigned_preview_has_no_empty_signature_box_and_a_watermark_on_every_page(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    pdf = docs.score_sheet(store, "henan-2025", "2025-10").pdf
    pages = pages_of(pdf)
    assert "电子签名" not in "".join(c["text"] for p in pages for c in p["chars"])
    for page in pages:
        assert any(c["text"] == "预" and c["size"] > 60 for c in page["chars"])


def test_report_tables_keep_text_inside_their_cells(store):
    check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10), "二楼", "李全奇", [])
    from auditor.staffing import SpotEntry

    for n, name in enumerate(("欧阳𠮷田雅子（新入职，身份证号 410102********123X，备注：代班）", "郑鿏") * 6):
        store.personnel.mark(check, SpotEntry(f"p{n}", name, f"YS2025-FW-GKZB-{n:03d}", "frontline", True,
                                              "present"))
    pdf = docs.spot_check_record(store, check).pdf
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for table in page.find_tables():
                for row in table.rows:
                    for cell in row.cells:
                        if cell is None:
                            continue
                        inside = [c for c in page.chars if cell[0] - 1 < (c["x0"] + c["x1"]) / 2 < cell[2] + 1
                                  and cell[1] - 1 < (c["top"] + c["bottom"]) / 2 < cell[3] + 1 and c["size"] < 20]
                        for c in inside:
                            assert cell[0] - 0.2 <= c["x0"] and c["x1"] <= cell[2] + 0.2, c["text"]
    assert "郑鿏" in "".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_chart_legends_leave_the_latest_point_free(store):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from auditor import charts
    from auditor.service import term_results

    henan = store.contracts.get("henan-2025")
    for month, value in (("2025-09", "99.5"), ("2025-10", "98")):   # the lowest last: the lower right corner
        record(store, henan, month, {"HN-02": {"value": value}},
               headcount={"frontline": "48.5", "support": 16, "management": 3})
    months = term_results(store, henan, until=OCT)
    for fig in (charts.indicator_trend(henan, months, "HN-02"), charts.headcount_chart(henan, months)):
        FigureCanvasAgg(fig).draw()
        ax = fig.axes[0]
        legend = ax.get_legend().get_window_extent()
        for line in ax.get_lines():
            xs, ys = line.get_data()
            if len(xs) and len(set(ys)) > 1:
                x, y = ax.transData.transform((xs[-1], ys[-1]))
                assert not legend.contains(x, y)
        assert legend.y0 >= ax.get_window_extent().y1 - 1, "above the plot"


def test_render_notice_of_a_draft_says_unsigned(tmp_path, capsys):
    from auditor.cli import main

    db = tmp_path / "a.db"
    main(["--db", str(db), "init"])
    from auditor.storage import open_store

    s = open_store(db)
    henan = s.contracts.get("henan-2025")
    record(s, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(s, henan, OCT)
    draft = notices.draft(s, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    s.close()
    capsys.readouterr()
    assert main(["--db", str(db), "render", "notice", str(draft.id), "--out", str(tmp_path / "d.pdf")]) == 0
    said = capsys.readouterr().out
    assert "未签名" in said and "已签名" not in said
    pages = pages_of((tmp_path / "d.pdf").read_bytes())
    assert all(any(c["text"] == "草" for c in p["chars"]) for p in pages)
