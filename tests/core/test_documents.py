"""Documents (SPEC §8–§9): text read back, fonts embedded, GB/T 9704 geometry, signatures, immutability."""
import datetime as dt
import io
import random
from decimal import Decimal

import pdfplumber
import pytest
from pypdf import PdfReader

from auditor import notices
from auditor.calendar import Period
from auditor.documents import service as docs
from auditor.documents.base import BLOCK_H, BLOCK_W, CHARS, LEFT, LINES, MM, TOP
from auditor.documents.signing import SigningError, sign_pdf, verify_pdf
from auditor.errors import StateError
from auditor.service import finalize_month

from .builders import inspector, record

OCT = Period(2025, 10)


@pytest.fixture
def p12(store):
    """The inspector's identity, issued under the store's agency root."""
    return inspector(store)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def fonts_of(pdf: bytes) -> list[tuple[str, bool]]:
    """(name, embedded) for every font the pages use."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


@pytest.fixture
def henan_month(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    return henan


def issued(store, henan, p12, day=dt.date(2025, 11, 17)):
    notice = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="省12345热线运营中心",
                           inspectors="李全奇、王行宇")
    return notices.issue(store, notice.id, day, identity=p12)


def test_notice_text_numbers_and_deadline(store, henan_month, p12):
    notice, pdf = issued(store, henan_month, p12)
    text = text_of(pdf)
    assert notice.number == "豫政数整改〔2025〕1号"
    assert notice.deadline == dt.date(2025, 11, 24)        # 第五条4: 7 days after issue
    for expected in ("河南省政务大数据中心", "河南龙翼信息技术有限公司：", "豫政数整改〔2025〕1号", "¥64,680.00",
                     "¥194,040.00", "2025年11月24日", "2025年11月17日", "回", "执"):
        assert expected in text.replace(" ", ""), expected


def test_notice_numbers_are_sequential_and_never_reused(store, henan_month, p12):
    first, _ = issued(store, henan_month, p12)
    abandoned = notices.draft(store, henan_month, OCT, inspection_date=dt.date(2025, 11, 3), place="现场",
                              inspectors="李全奇", finding_ids=[f.id for f in store.findings.list("henan-2025", OCT)])
    second = notices.draft(store, henan_month, OCT, inspection_date=dt.date(2025, 11, 3), place="现场",
                           inspectors="李全奇", supersedes=first.number,
                           finding_ids=[f.id for f in store.findings.list("henan-2025", OCT)])
    second, _ = notices.issue(store, second.id, dt.date(2025, 11, 20), identity=p12)
    assert abandoned.number is None
    assert second.number == "豫政数整改〔2025〕2号"
    assert notices.get(store, first.number).status == "superseded"
    next_year = notices.draft(store, henan_month, OCT, inspection_date=dt.date(2026, 1, 5), place="现场",
                              inspectors="李全奇", finding_ids=[store.findings.list("henan-2025", OCT)[0].id])
    assert notices.issue(store, next_year.id, dt.date(2026, 1, 6), identity=p12)[0].number == "豫政数整改〔2026〕1号"


def test_issued_notice_refuses_edits(store, henan_month, p12):
    notice, pdf = issued(store, henan_month, p12)
    with pytest.raises(StateError):
        notices.update_draft(store, notice.id, place="别处")
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE notices SET content = '{}' WHERE id = ?", [notice.id])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE documents SET pdf = x'00' WHERE id = ?", [notice.document_id])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("DELETE FROM notices WHERE id = ?", [notice.id])
    assert docs.notice_pdf(store, notice.number) == pdf


def test_lifecycle(store, henan_month, p12):
    notice, _ = issued(store, henan_month, p12)
    with pytest.raises(StateError):
        notices.close(store, notice.number, "李全奇", dt.date(2025, 11, 20))     # not rectified yet
    assert notices.overdue(store, dt.date(2025, 11, 25)) == [notices.get(store, notice.number)]
    assert notices.escalate(store, notice.number, "逾期未整改", dt.date(2025, 11, 25)).status == "escalated"
    notices.receive(store, notice.number, "武明亮", dt.date(2025, 11, 26))
    notices.rectified(store, notice.number, dt.date(2025, 11, 28))
    closed = notices.close(store, notice.number, "李全奇", dt.date(2025, 11, 30))
    assert closed.status == "closed"
    assert {f.status for f in store.findings.list("henan-2025", OCT)} == {"closed"}


def test_gb9704_geometry_of_the_notice(store, henan_month, p12):
    _, pdf = issued(store, henan_month, p12)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        body = [c for c in page.chars if abs(c["size"] - 16) < 0.1]
        lines: dict[float, list] = {}
        for ch in body:
            lines.setdefault(round(ch["top"], 1), []).append(ch)
        tops = sorted(lines)
        # every body character inside the 156 × 225 mm block at 28 mm / 37 mm
        assert min(c["x0"] for c in body) >= LEFT - 1 * MM
        assert max(c["x1"] for c in body) <= LEFT + BLOCK_W + 1 * MM
        assert min(c["top"] for c in body) >= TOP - 1 * MM
        assert max(c["bottom"] for c in body) <= TOP + BLOCK_H + 1 * MM
        # lines on a 225/22 mm pitch, and the left edge of un-indented lines at 28 mm
        pitches = [b - a for a, b in zip(tops, tops[1:])]
        assert all(abs(p - round(p / (BLOCK_H / LINES)) * BLOCK_H / LINES) < 1 * MM for p in pitches)
        assert abs(min(c["x0"] for c in lines[tops[3]]) - LEFT) < 1 * MM       # the addressee line
        title = [c for c in page.chars if abs(c["size"] - 22) < 0.1]
        assert title, "2号 title"
        numbers = [w for w in page.extract_words() if w["text"].startswith("—")] or \
            [c for c in page.chars if c["text"] == "—" and abs(c["size"] - 14) < 0.1]
        assert numbers and numbers[0]["top"] > TOP + BLOCK_H                     # page number below the block


def test_notice_line_pitch_and_chars_per_line_exactly(store, henan_month):
    notice = notices.draft(store, henan_month, OCT, inspection_date=dt.date(2025, 11, 3), place="运营中心",
                           inspectors="李全奇")
    notices.update_draft(store, notice.id,
                         findings=[{"title": "知识库更新不及时", "detail": "测" * 80, "clause": "第十一条"}])
    pdf = notices.render_draft(store, notice.id)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for c in doc.pages[0].chars if c["text"] == "测"]
    rows: dict[float, list] = {}
    for c in chars:
        rows.setdefault(round(c["top"], 1), []).append(c)
    full_rows = [r for r in rows.values() if len(r) == CHARS]
    assert full_rows, "a line of 28 characters"
    row = sorted(full_rows[0], key=lambda c: c["x0"])
    assert abs(row[0]["x0"] - LEFT) < 1 * MM
    assert abs(row[-1]["x1"] - (LEFT + BLOCK_W)) < 1 * MM
    tops = sorted(rows)
    assert abs((tops[1] - tops[0]) - BLOCK_H / LINES) < 0.1 * MM


def test_every_document_embeds_its_fonts_and_says_its_figures(store, henan_month, p12):
    # henan 第二条2: #2 = 40% = 2,587,200.00; Oct deducts 64,680.00 + 194,040.00 → pays 2,328,480.00
    # (September and November entered and passed: a month not entered would deduct its items provisionally)
    record(store, henan_month, "2025-09")
    record(store, henan_month, "2025-11")
    identity = p12
    sheet = docs.score_sheet(store, "henan-2025", "2025-10", identity).pdf
    installment = docs.installment_sheet(store, "henan-2025", 2, identity).pdf
    payment = docs.payment_statement(store, "henan-2025", 2, identity).pdf
    check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10), "二楼", "李全奇", [])
    spot = docs.spot_check_record(store, check, identity).pdf
    notice, notice_pdf = issued(store, henan_month, p12)
    for pdf in (sheet, installment, payment, spot, notice_pdf):
        fonts = fonts_of(pdf)
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert docs.verify(store, pdf).outcome == "valid"
    assert "¥258,720.00" in text_of(sheet) and "贰拾伍万捌仟柒佰贰拾元整" in text_of(sheet)
    assert "各岗位分别计算后相加" in text_of(sheet).replace("\n", "")      # the reading used is printed
    assert "¥2,328,480.00" in text_of(payment) and "贰佰叁拾贰万捌仟肆佰捌拾元整" in text_of(payment)
    assert "¥2,587,200.00" in text_of(installment)
    assert "现场抽查记录" in text_of(spot)
    assert len(PdfReader(io.BytesIO(sheet)).pages) >= 2          # annex with the charts


def test_luoyang_installment_sheet_band_and_payable(store):
    # 附件2: 4 months of 100 → X = 100.00 → 100% of #1 (5,164,960.00)
    luoyang = store.contracts.get("luoyang-2025")
    for month in ("2025-03", "2025-04", "2025-05", "2025-06"):
        record(store, luoyang, month)
    text = text_of(docs.installment_sheet(store, "luoyang-2025", 1, with_charts=False).pdf).replace(" ", "")
    assert "100.00" in text and "¥5,164,960.00" in text and "伍佰壹拾陆万肆仟玖佰陆拾元整" in text


def test_any_flipped_byte_in_the_signed_range_fails_verification(store, henan_month, p12):
    _, pdf = issued(store, henan_month, p12)
    reader = PdfReader(io.BytesIO(pdf))
    field = next(f for f in reader.get_fields().values() if f.get("/FT") == "/Sig" and "/V" in f)
    start1, length1, start2, length2 = field["/V"]["/ByteRange"]
    positions = [start1, start1 + length1 - 1, start2, start2 + length2 - 1]
    rng = random.Random(11)
    positions += [rng.randrange(start1, start1 + length1) for _ in range(40)]
    positions += [rng.randrange(start2, start2 + length2) for _ in range(20)]
    for position in positions:
        altered = bytearray(pdf)
        altered[position] ^= 0x01
        assert docs.verify(store, bytes(altered)).outcome == "altered", position


def test_appended_change_after_signing_is_altered(store, henan_month, p12):
    _, pdf = issued(store, henan_month, p12)
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": "改过的标题"})
    out = io.BytesIO()
    writer.write(out)
    assert docs.verify(store, out.getvalue()).outcome == "altered"


def test_unsigned_and_garbage_files(tmp_path):
    assert verify_pdf(b"not a pdf at all").outcome == "unsigned"
    from auditor.documents.notice import NoticeData, NoticeFinding, NoticeRenderer

    plain = NoticeRenderer(NoticeData("", "甲方", "乙方", "合同", "", "", "2025年10月", dt.date(2025, 11, 1), "地点",
                                      "人", (NoticeFinding("t", "d", "c"),), dt.date(2025, 11, 8), "",
                                      dt.date(2025, 11, 1))).render()
    assert verify_pdf(plain).outcome == "unsigned"


def test_wrong_passphrase_is_a_clear_error(store, henan_month, p12):
    notice = notices.draft(store, henan_month, OCT, inspection_date=dt.date(2025, 11, 3), place="现场",
                           inspectors="李全奇")
    with pytest.raises(SigningError, match="口令错误"):
        notices.issue(store, notice.id, dt.date(2025, 11, 17), identity=docs.Identity(p12.p12, b"wrong"))
    assert notices.get(store, notice.id).status == "draft"        # nothing was issued or numbered
    assert store.db.execute("SELECT COUNT(*) FROM document_counters").fetchone()[0] == 0


def test_verify_cli_exit_codes(tmp_path, capsys):
    from auditor.cli import main
    from auditor.storage import open_store

    db = tmp_path / "v.db"
    main(["--db", str(db), "init"])
    store = open_store(db)
    identity = inspector(store).load()
    store.close()
    signed = sign_pdf(_blank_pdf(), identity, reason="测试", location="郑州", box=(100, 100, 300, 160)).pdf
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    altered = bytearray(signed)
    altered[len(altered) // 3] ^= 0x20
    bad.write_bytes(bytes(altered))
    assert main(["--db", str(db), "verify", str(good)]) == 0
    assert main(["--db", str(db), "verify", str(bad)]) == 3
    assert "签名后被改动" in capsys.readouterr().out


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    from auditor.documents.base import register_font

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, initialFontName=register_font())
    c.setFont("AuditorSong", 12)
    c.drawString(100, 700, "测试文件")
    c.showPage()
    c.save()
    return buffer.getvalue()


__all__ = ["Decimal"]
