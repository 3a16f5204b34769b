"""The operator attacks the signed documents (red team of issue: signatures).

The operator (乙方) loses money by every deduction and wants a notice or score sheet that says something
else — a later deadline, a smaller amount, another 文号 — accepted as genuine. Every file here is built for
real with pyHanko, pypdf or raw bytes and handed to the verifier; each test asserts the SAFE outcome
(``altered``/``untrusted``, exit 3/4, or a refusal). An attack that gets through is kept, asserting the safe
outcome, as ``xfail(strict=True, reason="ATTACK SUCCEEDS: …")``: the suite stays green, the hole stays visible,
and the test turns red the day the hole is closed (then drop the marker).

The document a viewer shows is checked with poppler (``pdftotext``) and pdfium (``pypdfium2``) where an
attack's point is that a viewer and the verifier disagree.
"""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers

from auditor import notices, pki
from auditor.calendar import Period
from auditor.cli import main
from auditor.documents import payload
from auditor.documents import service as docs
from auditor.documents.notice import NoticeRenderer
from auditor.documents.signing import ISSUER_FIELD, RECEIPT_FIELD, _pyhanko_signer
from auditor.errors import InputError
from auditor.service import finalize_month
from auditor.storage import open_store

from .builders import ROOT_PASS, inspector, record

OCT = Period(2025, 10)
ISSUED = dt.date(2025, 11, 17)
A4_HEIGHT = 841.8898
# where the notice's first page says 「请你单位自收到本通知之日起立即整改，于2025年11月24」 (pdftotext -bbox)
DEADLINE_LINE = (105.0, 277.0, 515.0, 298.0)
FAKE_DEADLINE_LINE = "请你单位自收到本通知之日起立即整改，于2025年12月31"
# where the score sheet says 「本月扣减合计：¥64,680.00（陆万肆仟陆佰捌拾元整）」
TOTAL_LINE = (60.0, A4_HEIGHT - 541, 360.0, A4_HEIGHT - 526)
FAKE_TOTAL_LINE = "本月扣减合计：¥6,468.00（陆仟肆佰陆拾捌元整）"
OPERATOR_PASS = b"operator-pass"


# ------------------------------------------------------------------ the genuine documents

@dataclasses.dataclass(frozen=True)
class Genuine:
    folder: Path
    notice: bytes
    number: str
    score: bytes
    qr: str
    root: pki.Identity           # the agency root (key + certificate)
    inspector: pki.Identity
    operator_p12: bytes
    forged_notice: bytes         # the notice re-rendered by the operator with a later deadline, not signed


@pytest.fixture(scope="module")
def genuine(tmp_path_factory) -> Genuine:
    """The agency's machine with one issued notice and one score sheet, built once (the database is copied
    for each test that changes it)."""
    folder = tmp_path_factory.mktemp("office")
    store = open_store(folder / "office.db")
    try:
        henan = store.contracts.get("henan-2025")
        record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
        finalize_month(store, henan, OCT)
        identity = inspector(store)
        draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="省12345热线运营中心",
                              inspectors="李全奇", finding_ids=[f.id for f in store.findings.list("henan-2025", OCT)])
        notice, pdf = notices.issue(store, draft.id, ISSUED, identity=identity)
        score = docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=ISSUED)
        qr = store.register.get(notice.number).qr
        data = dataclasses.replace(notices.notice_data(notice, notice.number, ISSUED), deadline=dt.date(2025, 12, 31),
                                   qr=qr)
        forged = NoticeRenderer(data).render()
        root = pki.load_identity(store.trust.agency_root()[0], ROOT_PASS)
    finally:
        store.close()
    return Genuine(folder, pdf, notice.number, score.pdf, qr, root, identity.load(),
                   pki.create_self_signed("武明亮", "河南龙翼信息技术有限公司", OPERATOR_PASS), forged)


@pytest.fixture
def office(genuine, tmp_path):
    """A private copy of the agency's database (receipts change it)."""
    for path in genuine.folder.iterdir():
        if path.is_file() and path.name.startswith("office.db") and not path.name.endswith("-shm"):
            shutil.copy2(path, tmp_path / path.name)
    store = open_store(tmp_path / "office.db")
    yield store
    store.close()


@pytest.fixture
def elsewhere(genuine, tmp_path):
    """Another machine (another office, a court's expert, the operator itself) trusting only the agency root."""
    store = open_store(tmp_path / "elsewhere.db")
    store.trust.add_root(genuine.root.certificate)
    yield store
    store.close()


def attack_succeeds(reason: str):
    """An attack that gets through today: the test asserts the safe outcome and is expected to fail on that
    assertion (not on an error while building the file)."""
    return pytest.mark.xfail(strict=True, raises=(AssertionError, pytest.fail.Exception),
                             reason=f"ATTACK SUCCEEDS: {reason}")


def outcome(store, pdf: bytes) -> str:
    return docs.verify(store, pdf).outcome


def operator() -> pki.Identity:
    return pki.load_identity(pki.create_self_signed("武明亮", "河南龙翼信息技术有限公司", OPERATOR_PASS), OPERATOR_PASS)


# ------------------------------------------------------------------ how the operator builds its files

def countersign(writer: IncrementalPdfFileWriter, field: str = RECEIPT_FIELD, identity: pki.Identity | None = None,
                new_field: fields.SigFieldSpec | None = None, reserved: int | None = None) -> bytes:
    """The operator's signature on whatever ``writer`` holds: everything pending goes into its revision."""
    meta = signers.PdfSignatureMetadata(field_name=field, reason="签收", subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    out = io.BytesIO()
    signers.PdfSigner(meta, _pyhanko_signer(identity or operator()), new_field_spec=new_field).sign_pdf(
        writer, output=out, bytes_reserved=reserved)
    return out.getvalue()


def receipt_revision(pdf: bytes, edit) -> bytes:
    """``edit(writer)`` and the operator's receipt signature, in one revision."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    edit(writer)
    return countersign(writer)


def unsigned_update(pdf: bytes, edit) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def legit_receipt(pdf: bytes) -> bytes:
    return receipt_revision(pdf, lambda writer: None)


def overlay(text: str, width: float, height: float, size: float) -> bytes:
    """A one-page PDF the size of a line: white background, ``text`` in the documents' own font."""
    from reportlab.pdfgen import canvas

    from auditor.documents.base import FONT, register_font

    register_font()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, size)
    c.drawString(2, 3, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def page_ref(writer, index: int):
    return writer.root["/Pages"]["/Kids"].raw_get(index)


def add_annotation(writer, index: int, annotation: generic.DictionaryObject):
    ref = writer.add_object(annotation)
    page = page_ref(writer, index).get_object()
    if "/Annots" in page:
        page["/Annots"].append(ref)
        if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
            writer.mark_update(page.raw_get("/Annots"))
    else:
        page["/Annots"] = generic.ArrayObject([ref])
    writer.update_container(page)
    return ref


def add_field(writer, ref) -> None:
    if "/AcroForm" not in writer.root:
        writer.root["/AcroForm"] = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        writer.update_root()
    form = writer.root["/AcroForm"]
    form["/Fields"].append(ref)
    if isinstance(writer.root.raw_get("/AcroForm"), generic.IndirectObject):
        writer.update_container(form)
    else:
        writer.update_root()


def hidden_stamp_field(index: int, rect, text: str, size: float):
    """An empty signature field whose widget covers ``rect`` with ``text`` on a white ground.

    pyHanko's diff policy lets new signature fields in after a certification only when invisible, and
    decides "invisible" by multiplying the /Rect entries (``is_annot_visible``); with the four numbers as
    indirect objects the product raises, the area counts as 0 and the field as invisible. Every viewer
    resolves the references and draws the widget. The number objects are hung under the appearance stream so
    that the policy's "appearance dependencies" rule approves them too."""
    def edit(writer):
        form = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(
            overlay(text, rect[2] - rect[0], rect[3] - rect[1], size))), page_ix=0)
        numbers = [writer.add_object(generic.FloatObject(v)) for v in rect]
        form.get_object()["/PieceInfo"] = generic.ArrayObject(numbers)
        field = generic.DictionaryObject({
            pdf_name("/FT"): pdf_name("/Sig"), pdf_name("/T"): generic.TextStringObject("Stamp"),
            pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): generic.ArrayObject(numbers), pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref(writer, index), pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): form})})
        add_field(writer, add_annotation(writer, index, field))
    return edit


def overlay_page(writer, index: int, rect, text: str, size: float) -> None:
    """Override page ``index`` with one that also draws ``text`` over ``rect`` (new content + resources)."""
    page = page_ref(writer, index).get_object()
    form = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(
        overlay(text, rect[2] - rect[0], rect[3] - rect[1], size))), page_ix=0)
    content = writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 1 %.2f %.2f cm /Ov Do Q" % rect[:2]))
    resources = generic.DictionaryObject({k: page["/Resources"].raw_get(k) for k in page["/Resources"]})
    resources["/XObject"] = generic.DictionaryObject({pdf_name("/Ov"): form})
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), content])
    page["/Resources"] = resources
    writer.update_container(page)


def resign_last(data: bytes, identity: pki.Identity | None = None, *, signing_time: dt.datetime | None = None,
                gap_extra: int = 0) -> bytes:
    """Recompute the last signature's /ByteRange and CMS after raw edits behind its /Contents: what an
    operator who edits the bytes of its own revision, then signs them, produces. ``gap_extra`` widens the
    excluded gap past the /Contents string."""
    if signing_time is not None:
        # PAdES has no CMS signingTime: the claimed time is the dictionary's /M, written by the signer's software
        m = list(re.finditer(rb"/M \(D(?:\\072|:)\d{14}Z\)", data))[-1]
        stamp = b"/M (D\\072" + signing_time.strftime("%Y%m%d%H%M%S").encode() + b"Z)"
        assert len(stamp) == m.end() - m.start(), m.group(0)
        data = data[:m.start()] + stamp + data[m.end():]
    at = data.rindex(b"/ByteRange")
    byte_range = re.compile(rb"/ByteRange\s*(\[[^\]]*\]\s*)").match(data, at)
    start = data.rindex(b"/Contents", 0, at)
    s = data.index(b"<", start)
    e = data.index(b">", s) + 1
    old = byte_range.group(1)
    gap_end = e + gap_extra
    ranges = b"[0 %d %d %d]" % (s, gap_end, len(data) - gap_end)
    assert len(ranges) < len(old)
    data = data[:byte_range.start(1)] + ranges.ljust(len(old) - 1) + b"\n" + data[byte_range.end(1):]
    digest = hashlib.sha256(data[:s] + data[gap_end:]).digest()
    cms = asyncio.run(_pyhanko_signer(identity or operator()).async_sign(digest, "sha256", use_pades=True)).dump()
    hexed = cms.hex().encode().ljust(e - s - 2, b"0")
    assert len(hexed) == e - s - 2
    return data[:s + 1] + hexed + data[e - 1:]


def last_xref(data: bytes) -> tuple[int, int]:
    """(start of the last classic xref table, start of its trailer)."""
    start = data.rindex(b"\nxref\n") + 1
    return start, data.index(b"trailer", start)


def move_startxref(tail: bytes, position: int) -> bytes:
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % position, tail)


def duplicate_xref_entry(pdf: bytes) -> bytes:
    """The receipt revision overrides page 1 with an overlay (new content stream and resources), then lists
    the page's object a second time in the same xref table, pointing at an unchanged copy.

    pyHanko keeps the last entry of a table (``XRefSectionData.process_entries`` fills a dict), sees the
    unchanged page, and clears the overlay objects as unreferenced orphans; poppler and pypdf keep the first
    entry and show the overlay."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    number = page_ref(writer, 0).idnum
    overlay_page(writer, 0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5)
    signed = countersign(writer)
    original = re.search(rb"\n%d 0 obj\s*(.*?)endobj" % number, pdf, re.S)
    copy = b"%d 0 obj\n" % number + original.group(1) + b"endobj\n"
    table, trailer = last_xref(signed)
    entries = signed[table:trailer] + b"%d 1\n%010d 00000 n \n" % (number, table)
    return resign_last(signed[:table] + copy + entries + move_startxref(signed[trailer:], table + len(copy)))


def duplicate_xref_entry_nul_header(pdf: bytes) -> bytes:
    """As ``duplicate_xref_entry``, with the overlaid page's header written 「2<NUL>0 obj」: NUL is whitespace in
    PDF (poppler's lexer and pypdf skip it), not in a bytes regular expression's ``\\s``, so a scan for
    object headers that uses one does not see the first copy."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    number = page_ref(writer, 0).idnum
    overlay_page(writer, 0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5)
    signed = countersign(writer)
    header = re.compile(rb"(?<![0-9])%d 0 obj" % number).search(signed, len(pdf))
    signed = signed[:header.start()] + b"%d\x000 obj" % number + signed[header.end():]
    original = re.search(rb"\n%d 0 obj\s*(.*?)endobj" % number, pdf, re.S)
    copy = b"%d 0 obj\n" % number + original.group(1) + b"endobj\n"
    table, trailer = last_xref(signed)
    entries = signed[table:trailer] + b"%d 1\n%010d 00000 n \n" % (number, table)
    return resign_last(signed[:table] + copy + entries + move_startxref(signed[trailer:], table + len(copy)))


def rebuilt_xref(pdf: bytes) -> bytes:
    """A legitimate receipt revision, plus dead objects (an overlaid page 1) that no xref lists, and a
    startxref two bytes off.

    pyHanko's lenient reader (``strict=False``) finds the table ten bytes around (``_attempt_startxref_
    correction``) and never sees the dead objects; poppler and pdfium find no table there, rebuild the xref by
    scanning the file, and the last definition of each object — the dead overlaid page — wins."""
    signed = legit_receipt(pdf)
    scratch = unsigned_update(signed, lambda writer: overlay_page(writer, 0, DEADLINE_LINE, FAKE_DEADLINE_LINE,
                                                                   15.5))
    body = scratch[len(signed):last_xref(scratch)[0]]
    table, _ = last_xref(signed)
    tail = move_startxref(signed[table:], table + len(body) + 2)
    return resign_last(signed[:table] + body + tail)


def poppler_text(pdf: bytes, tmp_path: Path, page: int = 1) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "shown.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True,
                          text=True).stdout


def pdfium_text(pdf: bytes, page: int = 0) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].get_textpage().get_text_range()
    finally:
        document.close()


def receive(store, number: str, pdf: bytes, tmp_path: Path):
    path = tmp_path / "回执.pdf"
    path.write_bytes(pdf)
    return notices.receive_signed(store, number, path)


# ------------------------------------------------------------------ baseline

def test_the_legitimate_receipt_is_valid_and_received(genuine, office, tmp_path):
    # what every attack below starts from and must not be confused with
    pdf = legit_receipt(genuine.notice)
    result = docs.verify(office, pdf)
    assert result.outcome == "valid" and result.registered == "match" and result.receipt.signer == "武明亮"
    assert receive(office, genuine.number, pdf, tmp_path).status == "received"


# ------------------------------------------------------------------ what gets through: a covering stamp

SUCCEEDS_HIDDEN_FIELD = ("a new signature field whose /Rect holds indirect numbers is 'invisible' to "
                         "pyHanko's SigFieldCreationRule (is_annot_visible multiplies the entries, TypeError → area 0) "
                         "and allowed after certification; viewers draw its appearance over the deadline")


def test_hidden_stamp_field_really_shows_a_later_deadline(genuine, tmp_path):
    pdf = receipt_revision(genuine.notice, hidden_stamp_field(0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5))
    assert "于2025年12月31" in poppler_text(pdf, tmp_path)               # what the reader of the file sees


# Got through before the layout check (SUCCEEDS_HIDDEN_FIELD); refused now.
def test_hidden_stamp_field_over_the_deadline_is_altered(genuine, office, tmp_path):
    pdf = receipt_revision(genuine.notice, hidden_stamp_field(0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5))
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    office.close()
    assert main(["--db", str(tmp_path / "office.db"), "verify", str(path)]) == 3


# Got through before the layout check (SUCCEEDS_HIDDEN_FIELD); refused now.
def test_hidden_stamp_field_is_altered_elsewhere(genuine, elsewhere):
    pdf = receipt_revision(genuine.notice, hidden_stamp_field(0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5))
    assert outcome(elsewhere, pdf) == "altered"


# Got through before the layout check (SUCCEEDS_HIDDEN_FIELD), and was filed as the receipt; refused now.
def test_hidden_stamp_field_is_refused_as_a_receipt(genuine, office, tmp_path):
    pdf = receipt_revision(genuine.notice, hidden_stamp_field(0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5))
    with pytest.raises(InputError):
        receive(office, genuine.number, pdf, tmp_path)


def score_sheet_attack(score: bytes) -> bytes:
    """A score sheet has no receipt field: the operator adds an invisible one, signs it, and in the same
    revision hides the deduction total under a stamp field saying a tenth of it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(score))
    hidden_stamp_field(0, TOTAL_LINE, FAKE_TOTAL_LINE, 12)(writer)
    return countersign(writer, new_field=fields.SigFieldSpec(RECEIPT_FIELD))


def test_hidden_stamp_field_really_shows_a_smaller_deduction(genuine, tmp_path):
    assert "¥6,468.00" in poppler_text(score_sheet_attack(genuine.score), tmp_path)


# Got through before the layout check (SUCCEEDS_HIDDEN_FIELD on a score sheet: ¥64,680.00 shown as ¥6,468.00).
def test_hidden_stamp_field_over_a_score_sheet_total_is_altered(genuine, office):
    assert outcome(office, score_sheet_attack(genuine.score)) == "altered"


# ------------------------------------------------------------------ what gets through: parser differentials

def test_duplicate_xref_entry_shows_the_overlay_in_poppler(genuine, tmp_path):
    pdf = duplicate_xref_entry(genuine.notice)
    assert "于2025年12月31" in poppler_text(pdf, tmp_path)
    from pypdf import PdfReader

    assert "12月31" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()   # pypdf also keeps the first entry


# Got through before the fix: an object listed twice in the receipt revision's xref table: pyHanko keeps the last entry
# (unchanged page), poppler/pypdf the first (page with an overlay); the overlay objects pass as orphans
def test_duplicate_xref_entry_is_altered(genuine, office):
    assert outcome(office, duplicate_xref_entry(genuine.notice)) == "altered"


def test_duplicate_xref_entry_with_a_nul_in_the_header_shows_the_overlay_in_poppler(genuine, tmp_path):
    assert "于2025年12月31" in poppler_text(duplicate_xref_entry_nul_header(genuine.notice), tmp_path)


# Got through before the fix: as the duplicate xref entry, with the overlaid page's header written '2\\x000 obj' (NUL is
# PDF whitespace): also gets past a header scan that splits on the regex \\s
def test_duplicate_xref_entry_with_a_nul_in_the_header_is_altered(genuine, office):
    assert outcome(office, duplicate_xref_entry_nul_header(genuine.notice)) == "altered"


def test_rebuilt_xref_shows_the_overlay_in_poppler_and_pdfium(genuine, tmp_path):
    pdf = rebuilt_xref(genuine.notice)
    assert "于2025年12月31" in poppler_text(pdf, tmp_path)
    assert "12月31" in pdfium_text(pdf)                                     # Chrome's and Foxit's engine


# Got through before the fix: startxref 2 bytes off: pyHanko (strict=False) corrects it and ignores unlisted objects;
# poppler and pdfium rebuild the xref and show the last (dead, overlaid) page object
def test_rebuilt_xref_is_altered(genuine, office):
    assert outcome(office, rebuilt_xref(genuine.notice)) == "altered"


# Got through before the fix: receive_signed files a receipt whose bytes show poppler/pdfium a different deadline
# (broken startxref, dead objects)
def test_rebuilt_xref_is_refused_as_a_receipt(genuine, office, tmp_path):
    with pytest.raises(InputError):
        receive(office, genuine.number, rebuilt_xref(genuine.notice), tmp_path)


# ------------------------------------------------------------------ incremental updates that are caught

def override(writer, ref, obj) -> None:
    """Give the existing object ``ref`` a new value in this revision (object number re-used)."""
    writer.objects[(ref.generation, ref.idnum)] = obj


def field_ref(writer, name: str):
    form = writer.root["/AcroForm"]["/Fields"]
    return next(form.raw_get(i) for i in range(len(form)) if form[i].get("/T") == name)


def annotation(subtype: str, **entries) -> generic.DictionaryObject:
    values = {pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name(subtype),
              pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in DEADLINE_LINE])}
    values.update({pdf_name(f"/{k}"): v for k, v in entries.items()})
    return generic.DictionaryObject(values)


def free_text(writer):
    add_annotation(writer, 0, annotation("/FreeText", Contents=generic.TextStringObject("于2025年12月31"),
                                         DA=generic.TextStringObject("/Helv 12 Tf 0 g")))


def stamp(writer):
    form = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(overlay(FAKE_DEADLINE_LINE, 410, 21, 15.5))),
                                         page_ix=0)
    add_annotation(writer, 0, annotation("/Stamp", AP=generic.DictionaryObject({pdf_name("/N"): form})))


def link(writer):
    action = generic.DictionaryObject({pdf_name("/S"): pdf_name("/URI"),
                                       pdf_name("/URI"): generic.TextStringObject("http://example.org/延期通知")})
    add_annotation(writer, 0, annotation("/Link", A=action))


def javascript(code: str) -> generic.DictionaryObject:
    return generic.DictionaryObject({pdf_name("/S"): pdf_name("/JavaScript"),
                                     pdf_name("/JS"): generic.TextStringObject(code)})


def open_action(writer):
    writer.root["/OpenAction"] = writer.add_object(javascript('app.alert("整改期限已延长至2025年12月31日")'))
    writer.update_root()


def names_javascript(writer):
    tree = generic.DictionaryObject({pdf_name("/Names"): generic.ArrayObject([
        generic.TextStringObject("x"), writer.add_object(javascript("this.getField('x')"))])})
    writer.root["/Names"] = generic.DictionaryObject({pdf_name("/JavaScript"): writer.add_object(tree)})
    writer.update_root()


def receipt_actions(writer):
    ref = field_ref(writer, RECEIPT_FIELD)
    ref.get_object()["/AA"] = generic.DictionaryObject({pdf_name("/PO"): javascript('app.alert("期限已延长")')})
    writer.mark_update(ref)


def new_page(writer):
    from pyhanko.pdf_utils.writer import PageObject

    content = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (2025-12-31) Tj ET"))
    writer.insert_page(PageObject(contents=content, media_box=(0, 0, 595, 842)))


def page_content(writer):
    page = page_ref(writer, 0).get_object()
    ref = page.raw_get("/Contents")
    white_box = b"\nq 1 1 1 rg 105 277 410 21 re f Q"                # over the deadline line
    override(writer, ref, generic.StreamObject(stream_data=ref.get_object().data + white_box))


def page_overlay(writer):
    overlay_page(writer, 0, DEADLINE_LINE, FAKE_DEADLINE_LINE, 15.5)


def issuer_appearance(writer):
    ref = field_ref(writer, ISSUER_FIELD)
    box = generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 1, 1)])
    blank = writer.add_object(generic.StreamObject({pdf_name("/Type"): pdf_name("/XObject"),
                                                    pdf_name("/Subtype"): pdf_name("/Form"), pdf_name("/BBox"): box},
                                                   stream_data=b""))
    ref.get_object()["/AP"] = generic.DictionaryObject({pdf_name("/N"): blank})
    writer.mark_update(ref)


def issuer_hidden(writer):
    ref = field_ref(writer, ISSUER_FIELD)
    ref.get_object()["/F"] = generic.NumberObject(2)          # hidden: the inspector's stamp disappears
    writer.mark_update(ref)


def issuer_stamp_in_place(writer):
    # shadow "replace": the receipt shows the issuer's stamp stream, which is then rewritten in place
    issuer = field_ref(writer, ISSUER_FIELD).get_object()
    stream_ref = issuer["/AP"].raw_get("/N")
    receipt = field_ref(writer, RECEIPT_FIELD)
    receipt.get_object()["/AP"] = generic.DictionaryObject({pdf_name("/N"): stream_ref})
    writer.mark_update(receipt)
    old = stream_ref.get_object()
    override(writer, stream_ref.reference, generic.StreamObject({k: old.raw_get(k) for k in old if k != "/Length"},
                                                                stream_data=b"q Q"))


def issuer_widget_removed(writer):
    # hide the inspector's stamp: its widget leaves the page's /Annots
    issuer = field_ref(writer, ISSUER_FIELD)
    page = issuer.get_object()["/P"]
    annots = page["/Annots"]
    kept = generic.ArrayObject([annots.raw_get(i) for i in range(len(annots))
                                if annots.raw_get(i).reference != issuer.reference])
    if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
        override(writer, page.raw_get("/Annots").reference, kept)
    else:
        page["/Annots"] = kept
        writer.update_container(page)


def issuer_value_replaced(writer):
    # the issuer's field given a fresh copy of its own signature dictionary
    issuer = field_ref(writer, ISSUER_FIELD)
    value = issuer.get_object()["/V"]
    issuer.get_object()["/V"] = writer.add_object(generic.DictionaryObject({k: value.raw_get(k) for k in value}))
    writer.mark_update(issuer)


def title_in_receipt(writer):
    info = writer.trailer.raw_get("/Info")
    info.get_object()["/Title"] = generic.TextStringObject("豫政数整改〔2025〕9号")
    writer.mark_update(info)


@pytest.mark.parametrize("edit", [free_text, stamp, link, open_action, names_javascript, receipt_actions, new_page,
                                  page_content, page_overlay, issuer_appearance, issuer_hidden, issuer_stamp_in_place,
                                  issuer_widget_removed, issuer_value_replaced, title_in_receipt],
                         ids=lambda f: f.__name__)
def test_changes_inside_the_receipt_revision_are_altered(genuine, office, edit):
    pdf = receipt_revision(genuine.notice, edit)
    result = docs.verify(office, pdf)
    assert result.outcome == "altered" and result.exit_code == 3, (edit.__name__, result.problems)
    assert result.number == genuine.number                       # read from the signed revision, whatever was added


@pytest.mark.parametrize("edit", [free_text, stamp, page_overlay, title_in_receipt], ids=lambda f: f.__name__)
def test_changes_in_an_unsigned_revision_after_the_receipt_are_altered(genuine, office, tmp_path, edit):
    pdf = unsigned_update(legit_receipt(genuine.notice), edit)
    assert outcome(office, pdf) == "altered"
    with pytest.raises(InputError, match="不是.*经核验的签发件"):
        receive(office, genuine.number, pdf, tmp_path)
    assert notices.get(office, genuine.number).status == "issued"


@pytest.mark.parametrize("edit", [free_text, title_in_receipt, lambda writer: writer.update_root()],
                         ids=["annotation", "title", "identical-catalog"])
def test_an_unsigned_revision_between_the_signatures_is_altered(genuine, office, edit):
    pdf = legit_receipt(unsigned_update(genuine.notice, edit))
    result = docs.verify(office, pdf)
    assert result.outcome == "altered" and "未签名的修订" in "".join(result.problems)


def raw_receipt_edit(pdf: bytes, objects: bytes, entries: bytes) -> bytes:
    """Insert ``objects`` (raw) before the receipt revision's xref, append ``entries`` (with ``{at}`` as the
    offset of the inserted bytes) to its table, and re-sign."""
    signed = legit_receipt(pdf)
    table, trailer = last_xref(signed)
    listed = signed[table:trailer] + entries.replace(b"{at}", b"%010d" % table)
    return resign_last(signed[:table] + objects + listed + move_startxref(signed[trailer:], table + len(objects)))


def test_an_object_number_re_used_with_a_higher_generation_is_altered(genuine, office, tmp_path):
    # 「15 1 obj」 next to the page's 「15 0 R」: an orphan for pyHanko, the page content for poppler
    number = PdfFileReader(io.BytesIO(genuine.notice)).root["/Pages"]["/Kids"][0].raw_get("/Contents").idnum
    content = PdfFileReader(io.BytesIO(genuine.notice)).get_object(generic.Reference(number, 0)).data
    white = content + b"\nq 1 1 1 rg 105 277 410 21 re f Q\n"
    obj = b"%d 1 obj\n<< /Length %d >>\nstream\n" % (number, len(white)) + white + b"\nendstream\nendobj\n"
    assert outcome(office, raw_receipt_edit(genuine.notice, obj, b"%d 1\n{at} 00001 n \n" % number)) == "altered"


def test_an_object_freed_in_the_receipt_revision_is_altered(genuine, office):
    number = PdfFileReader(io.BytesIO(genuine.notice)).root["/Pages"]["/Kids"][0].raw_get("/Contents").idnum
    assert outcome(office, raw_receipt_edit(genuine.notice, b"", b"%d 1\n0000000000 00001 f \n" % number)) == "altered"


def test_a_table_entry_pointing_at_a_second_copy_of_the_page_is_altered_when_pyhanko_sees_it(genuine, office):
    # the duplicate-entry attack with the order reversed: pyHanko keeps the last entry, here the overlaid page
    writer = IncrementalPdfFileWriter(io.BytesIO(genuine.notice))
    number = page_ref(writer, 0).idnum
    signed = countersign(writer)
    scratch = unsigned_update(signed, page_overlay)
    body = scratch[len(signed):last_xref(scratch)[0]]
    page_at = body.index(b"%d 0 obj" % number)
    table, trailer = last_xref(signed)
    listed = signed[table:trailer] + b"".join(
        b"%s 1\n%010d 00000 n \n" % (m.group(1), table + m.start()) for m in re.finditer(rb"(\d+) 0 obj", body))
    assert page_at >= 0
    pdf = resign_last(signed[:table] + body + listed + move_startxref(signed[trailer:], table + len(body)))
    assert outcome(office, pdf) == "altered"


# ------------------------------------------------------------------ signature dictionaries and their order

def signature_values(pdf: bytes, index: int) -> tuple[bytes, list[int]]:
    """(raw /Contents, /ByteRange) of the ``index``-th signature in file order."""
    sig = sorted(PdfFileReader(io.BytesIO(pdf)).embedded_signatures, key=lambda s: s.signed_revision)[index]
    return bytes(sig.sig_object.raw_get("/Contents")), [int(x) for x in sig.sig_object["/ByteRange"]]


def write_last_signature(pdf: bytes, contents: bytes, byte_range: list[int]) -> bytes:
    """Put ``contents`` (padded) and ``byte_range`` (same width) in the last signature dictionary, unsigned."""
    at = pdf.rindex(b"/ByteRange")
    field = re.compile(rb"/ByteRange\s*(\[[^\]]*\]\s*)").match(pdf, at)
    text = ("[" + " ".join(map(str, byte_range)) + "]").encode()
    assert len(text) < len(field.group(1))
    pdf = pdf[:field.start(1)] + text.ljust(len(field.group(1)) - 1) + b"\n" + pdf[field.end(1):]
    s = pdf.index(b"<", pdf.rindex(b"/Contents", 0, at))
    e = pdf.index(b">", s)
    from asn1crypto import cms

    hexed = cms.ContentInfo.load(contents, strict=False).dump().hex().encode()
    assert len(hexed) <= e - s - 1
    return pdf[:s + 1] + hexed.ljust(e - s - 1, b"0") + pdf[e:]


def test_a_receipt_gap_wider_than_its_contents_is_altered(genuine, office):
    # the excluded gap also swallows the /ByteRange itself: bytes there could say anything
    pdf = resign_last(legit_receipt(genuine.notice), gap_extra=40)
    result = docs.verify(office, pdf)
    assert result.outcome == "altered", result.problems


def test_the_issuers_signature_replayed_in_the_receipt_field_is_altered(genuine, office):
    # a second signature "by 李全奇": the issuer's CMS and byte range copied into the operator's field
    signed = countersign(IncrementalPdfFileWriter(io.BytesIO(genuine.notice)), reserved=4096)
    contents, byte_range = signature_values(signed, 0)
    pdf = write_last_signature(signed, contents, byte_range)
    result = docs.verify(office, pdf)
    assert result.outcome == "altered", result.problems


def test_a_receipt_that_does_not_verify_is_altered_and_refused(genuine, office, tmp_path):
    signed = legit_receipt(genuine.notice)
    at = signed.rindex(b"/ID [")
    digit = signed[at + 7:at + 8]
    pdf = signed[:at + 7] + (b"0" if digit != b"0" else b"1") + signed[at + 8:]     # one byte the receipt covers
    result = docs.verify(office, pdf)
    assert result.outcome == "altered" and "后续签名（OperatorReceipt）无效" in result.problems
    with pytest.raises(InputError):
        receive(office, genuine.number, pdf, tmp_path)


def look_alike_inspector() -> pki.Identity:
    """李全奇 of 河南省政务大数据中心 under a root the forger made with the agency's exact name."""
    p12, _ = pki.create_root("河南省政务大数据中心", b"forger-root-pass")
    root = pki.load_identity(p12, b"forger-root-pass")
    return pki.issue_inspector(root, "李全奇", "河南省政务大数据中心", b"forger-pass")[1]


@pytest.mark.parametrize("name", ["AuditorSignature2", "AuditorSignature "])
def test_a_second_signature_named_like_the_issuer_is_altered(genuine, office, name):
    writer = IncrementalPdfFileWriter(io.BytesIO(genuine.notice))
    pdf = countersign(writer, name, look_alike_inspector(), new_field=fields.SigFieldSpec(name))
    result = docs.verify(office, pdf)
    assert result.outcome == "altered" and result.issuer.signer == "李全奇" and result.issuer.trusted


def test_a_second_field_with_the_issuers_exact_name_is_altered(genuine, office):
    # renamed in the raw bytes of the operator's revision, then re-signed: two fields called AuditorSignature
    writer = IncrementalPdfFileWriter(io.BytesIO(genuine.notice))
    signed = countersign(writer, "AuditorSignaturX", look_alike_inspector(),
                         new_field=fields.SigFieldSpec("AuditorSignaturX"))
    head, tail = signed[:len(genuine.notice)], signed[len(genuine.notice):]
    pdf = resign_last(head + tail.replace(b"(AuditorSignaturX)", b"(AuditorSignature)"), look_alike_inspector())
    assert b"(AuditorSignature)" in pdf[len(genuine.notice):]
    assert outcome(office, pdf) == "altered"


def inject_certificate(pdf: bytes, certificate) -> bytes:
    """Add ``certificate`` to the issuer's CMS certificate set, in the /Contents slack. The set is not signed,
    and /Contents is the one part of the file outside the byte range."""
    from asn1crypto import cms
    from asn1crypto import x509 as asn1x509

    contents, byte_range = signature_values(pdf, 0)
    info = cms.ContentInfo.load(contents, strict=False)
    signed_data = info["content"]
    bag = [asn1x509.Certificate.load(pki.der(certificate))] + [c.chosen for c in signed_data["certificates"]]
    signed_data["certificates"] = cms.CertificateSet([cms.CertificateChoices({"certificate": c}) for c in bag])
    new = cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump(force=True)
    at, size = byte_range[1] + 1, byte_range[2] - byte_range[1] - 2     # inside <…>
    hexed = new.hex().encode()
    assert len(hexed) <= size
    return pdf[:at] + hexed.ljust(size, b"0") + pdf[at + size:]


def twin_certificate(genuine: Genuine, key=None):
    """The inspector's certificate copied field by field — subject, issuer name, serial, key identifiers —
    with another key (``key``'s), signed by the forger."""
    real = genuine.inspector.certificate
    key = key or ec.generate_private_key(ec.SECP256R1())
    builder = (x509.CertificateBuilder().subject_name(real.subject).issuer_name(real.issuer)
               .public_key(key.public_key()).serial_number(real.serial_number).not_valid_before(real.not_valid_before_utc)
               .not_valid_after(real.not_valid_after_utc))
    for extension in real.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    return builder.sign(key, hashes.SHA256())


def test_an_injected_twin_certificate_never_makes_the_file_valid_at_the_office(genuine, office):
    # which of the two matching certificates pyHanko picks varies; the twin fails the signed ESS
    # signing-certificate attribute, the genuine one leaves a file that is not the registered original
    pdf = inject_certificate(genuine.notice, twin_certificate(genuine))
    assert outcome(office, pdf) == "altered"


# Got through before the fix: a certificate added to the issuer's CMS set after signing (outside the byte
# range) left the file 'valid' where the number is not registered; certificates off the validated path now alter it.
def test_an_injected_certificate_is_altered_elsewhere(genuine, elsewhere):
    fake_root = pki.create_root("河南省政务大数据中心", b"forger-root-pass")[1]
    pdf = inject_certificate(genuine.notice, fake_root)
    result = docs.verify(elsewhere, pdf)
    assert result.issuer.fingerprint == pki.fingerprint(genuine.inspector.certificate)
    assert result.outcome == "altered"


def test_the_receipt_value_pointing_at_the_issuers_signature_is_altered(genuine, office):
    # the receipt field "signed" by re-using the issuer's signature dictionary (an object of the signed revision)
    def edit(writer):
        issuer = field_ref(writer, ISSUER_FIELD).get_object()
        receipt = field_ref(writer, RECEIPT_FIELD)
        receipt.get_object()["/V"] = issuer.raw_get("/V")
        writer.mark_update(receipt)
        writer.update_root()                          # a revision of its own, then nothing else signed
    pdf = unsigned_update(genuine.notice, edit)
    result = docs.verify(office, pdf)
    assert result.outcome == "altered", result.problems


# ------------------------------------------------------------------ metadata the policy lets through

XMP = ('<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
       '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/'
       'elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Keywords="豫政数整改〔2025〕9号"><dc:title>'
       '<rdf:Alt><rdf:li xml:lang="x-default">豫政数整改〔2025〕9号</rdf:li></rdf:Alt></dc:title></rdf:Description>'
       '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
# the same properties under prefixes of the writer's choosing: XML namespaces, not prefixes, name them
XMP_OTHER_PREFIXES = (XMP.replace("xmlns:dc=", "xmlns:e=").replace("dc:title", "e:title")
                      .replace("xmlns:pdf=", "xmlns:q=").replace("pdf:Keywords", "q:Keywords"))


def receipt_with_xmp(pdf: bytes, xmp: str) -> bytes:
    """A legitimate receipt whose XMP stream (rewritten by the signing tool in that revision anyway) is then
    replaced, in the raw bytes at the same length, by ``xmp``, and re-signed."""
    signed = legit_receipt(pdf)
    packet = re.compile(rb"<\?xpacket begin.*?<\?xpacket end=\"[rw]\"\?>", re.S)
    old = list(packet.finditer(signed, len(pdf)))[-1]
    body, end = xmp.encode("utf-8").split(b"<?xpacket end")
    padding = old.end() - old.start() - len(body) - len(end) - len(b"<?xpacket end")
    new = body + b"\n" * padding + b"<?xpacket end" + end
    assert len(new) == old.end() - old.start()
    return resign_last(signed[:old.start()] + new + signed[old.end():])


def info_other_keys(writer):
    info = writer.trailer.raw_get("/Info")
    info.get_object()["/Creator"] = generic.TextStringObject("整改期限已延至2025年12月31日")
    info.get_object()["/Deadline"] = generic.TextStringObject("2025-12-31")
    writer.mark_update(info)


def receipt_with_need_appearances(pdf: bytes) -> bytes:
    """/AcroForm /NeedAppearances true in the receipt revision (asks viewers to redraw field appearances).
    pyHanko's signer drops the key when it signs, so it goes in the raw bytes of the form dictionary, then the
    revision is re-signed."""
    placeholder = "x" * 20

    def edit(writer):
        form = writer.root["/AcroForm"]
        form["/DA"] = generic.TextStringObject(placeholder)
        if isinstance(writer.root.raw_get("/AcroForm"), generic.IndirectObject):
            writer.update_container(form)
        else:
            writer.update_root()

    signed = receipt_revision(pdf, edit)
    at = signed.index(b"/DA (%s)" % placeholder.encode(), len(pdf))
    size = len(b"/DA (%s)" % placeholder.encode())
    return resign_last(signed[:at] + b"/NeedAppearances true".ljust(size) + signed[at + size:])


# Got through before the fix: (low impact) the receipt revision may replace the XMP metadata (pyHanko's
# MetadataUpdateRule only checks well-formed XML); only /Info is compared, so an XMP dc:title/pdf:Keywords with another
# 文号 stays 'valid' (Acrobat's document properties show XMP)
def test_xmp_title_with_another_number_is_altered(genuine, office):
    pdf = receipt_with_xmp(genuine.notice, XMP)
    assert "豫政数整改〔2025〕9号".encode() in PdfFileReader(io.BytesIO(pdf)).root["/Metadata"].data
    assert outcome(office, pdf) == "altered"


# Got through before the fix: (low impact) as the XMP title, written with other namespace prefixes (e:title,
# q:Keywords): a check that looks for the text 'dc:title' misses it
def test_xmp_title_under_another_prefix_is_altered(genuine, office):
    pdf = receipt_with_xmp(genuine.notice, XMP_OTHER_PREFIXES)
    assert b"<e:title>" in PdfFileReader(io.BytesIO(pdf)).root["/Metadata"].data
    assert outcome(office, pdf) == "altered"


# Got through before the fix: (low impact) /Info keys other than Title, Subject, Keywords, Author (Creator, custom keys)
# may be changed in the receipt revision: DocInfoRule allows any /Info update
def test_other_info_keys_changed_are_altered(genuine, office):
    assert outcome(office, receipt_revision(genuine.notice, info_other_keys)) == "altered"


# Got through before the fix: (low impact today: no text fields) /AcroForm /NeedAppearances may be set in the receipt
# revision (exempt in pyHanko's FormUpdatingRule)
def test_need_appearances_set_after_signing_is_altered(genuine, office):
    pdf = receipt_with_need_appearances(genuine.notice)
    assert PdfFileReader(io.BytesIO(pdf)).root["/AcroForm"]["/NeedAppearances"]
    assert outcome(office, pdf) == "altered"


# ------------------------------------------------------------------ receipts

def test_a_countersigned_score_sheet_is_not_a_receipt_for_the_notice(genuine, office, tmp_path):
    pdf = countersign(IncrementalPdfFileWriter(io.BytesIO(genuine.score)), new_field=fields.SigFieldSpec(RECEIPT_FIELD))
    with pytest.raises(InputError, match="不是豫政数整改〔2025〕1号经核验的签发件"):
        receive(office, genuine.number, pdf, tmp_path)
    assert notices.get(office, genuine.number).status == "issued"


def dated_receipt(pdf: bytes, when: dt.datetime) -> bytes:
    """The operator's receipt with the signing time its own clock says."""
    return resign_last(legit_receipt(pdf), signing_time=when)


def test_the_receipt_date_comes_from_the_operators_clock(genuine, office, tmp_path):
    when = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)
    received = receive(office, genuine.number, dated_receipt(genuine.notice, when), tmp_path)
    assert received.received_at == "2025-11-20"


# Got through before the fix: receive_signed records the operator's own clock as the receipt date, unchecked: a receipt
# 'signed' before the notice was issued is filed
def test_a_receipt_dated_before_the_notice_was_issued_is_refused(genuine, office, tmp_path):
    when = dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(InputError):
        receive(office, genuine.number, dated_receipt(genuine.notice, when), tmp_path)


# Got through before the fix: receive_signed records the operator's own clock as the receipt date, unchecked: a receipt
# dated weeks in the future ('we only received it after the deadline') is filed with that date
def test_a_receipt_dated_in_the_future_is_refused(genuine, office, tmp_path):
    when = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    with pytest.raises(InputError):
        receive(office, genuine.number, dated_receipt(genuine.notice, when), tmp_path)


# ------------------------------------------------------------------ certificates

def certificate(common_name: str, public_key, issuer: x509.Name, signing_key, *, ca: bool = False,
                path_length: int | None = None, days: tuple[int, int] = (-1, 365), ski: bytes | None = None,
                aki_key=None, organization: str = "河南省政务大数据中心"):
    now = dt.datetime.now(dt.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                         x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
               .serial_number(x509.random_serial_number()).not_valid_before(now + dt.timedelta(days=days[0]))
               .not_valid_after(now + dt.timedelta(days=days[1]))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                                            crl_sign=ca, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.ExtendedKeyUsage([ObjectIdentifier(pki.DOCUMENT_SIGNING),
                                                     ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
               .add_extension(x509.SubjectKeyIdentifier(ski) if ski else
                              x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))
    if aki_key is not None:
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_key), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def certify(pdf: bytes, identity: pki.Identity) -> bytes:
    """Certify like the office does, with pyHanko directly (no check of the certificate's dates or use)."""
    meta = signers.PdfSignatureMetadata(field_name=ISSUER_FIELD, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", certify=True,
                                        docmdp_permissions=fields.MDPPerm.FILL_FORMS)
    out = io.BytesIO()
    spec = fields.SigFieldSpec(ISSUER_FIELD, on_page=0, box=(380, 40, 560, 90))
    signers.PdfSigner(meta, _pyhanko_signer(identity), new_field_spec=spec).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    return out.getvalue()


def under_root(genuine: Genuine, **options) -> pki.Identity:
    """An inspector certificate the agency root really signed, with ``options`` (the agency's mistake, or an
    insider's certificate out of its dates)."""
    key = ec.generate_private_key(ec.SECP256R1())
    root = genuine.root
    cert = certificate("李全奇", key.public_key(), root.certificate.subject, root.key, aki_key=root.key.public_key(),
                       **options)
    return pki.Identity(key, cert, (root.certificate,))


def look_alike_intermediate(genuine: Genuine) -> pki.Identity:
    """A CA named exactly like the agency root, with its subject key identifier, claiming the root as issuer;
    the inspector's look-alike under it."""
    root = genuine.root.certificate
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    fake_key = ec.generate_private_key(ec.SECP256R1())
    fake = certificate(pki.subject_field(root, "CN"), fake_key.public_key(), root.subject, fake_key, ca=True,
                       path_length=0, ski=ski)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate("李全奇", key.public_key(), root.subject, fake_key, aki_key=genuine.root.key.public_key())
    return pki.Identity(key, leaf, (fake,))


def minted_by_inspector(genuine: Genuine, ca: bool = False) -> pki.Identity:
    """An inspector's key minting 「王检查」 (an insider making a colleague); with ``ca`` the inspector
    certificate was mis-issued with CA=true."""
    middle = under_root(genuine, ca=ca)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate("王检查", key.public_key(), middle.certificate.subject, middle.key,
                       aki_key=middle.key.public_key())
    return pki.Identity(key, leaf, (middle.certificate, genuine.root.certificate))


def twin_identity(genuine: Genuine) -> pki.Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    return pki.Identity(key, twin_certificate(genuine, key), (genuine.root.certificate,))


@pytest.mark.parametrize("make", [
    look_alike_intermediate, minted_by_inspector, twin_identity,
    lambda genuine: under_root(genuine, days=(-400, -1)),           # expired yesterday
    lambda genuine: under_root(genuine, days=(10, 400)),            # valid from next week
    lambda genuine: genuine.root,                                   # the root key itself, as the signer
], ids=["look-alike-intermediate", "minted-by-an-inspector", "twin-same-names-and-ski", "expired", "not-yet-valid",
        "root-as-leaf"])
def test_a_forged_or_misused_certificate_is_never_valid(genuine, office, elsewhere, make):
    pdf = certify(genuine.forged_notice, make(genuine))
    result = docs.verify(elsewhere, pdf)
    assert result.outcome == "untrusted" and result.exit_code == 4, result.issuer.trust_problem
    assert not result.issuer.trusted and result.number == genuine.number
    assert docs.verify(office, pdf).outcome == "altered"            # and at the office: not the registered file


# Got through before the fix: (needs a certificate the agency root mis-issued with CA=true) the root's
# pathLenConstraint=0 is not enforced: chain_status builds plain trust roots, and pyhanko-certvalidator derives no
# qualifiers from a root certificate unless CertTrustAnchor(..., derive_default_quals_from_cert=True)
def test_a_certificate_minted_by_a_ca_flagged_inspector_is_untrusted(genuine, elsewhere):
    pdf = certify(genuine.forged_notice, minted_by_inspector(genuine, ca=True))
    assert outcome(elsewhere, pdf) == "untrusted"


def test_a_leaf_or_the_operators_own_certificate_cannot_become_a_trust_root(genuine, office):
    own = pki.load_identity(genuine.operator_p12, OPERATOR_PASS).certificate
    for leaf in (genuine.inspector.certificate, own):
        with pytest.raises(InputError, match="不是根证书"):
            office.trust.add_root(leaf)
    assert [r.fingerprint for r in office.trust.roots()] == [pki.fingerprint(genuine.root.certificate)]


# ------------------------------------------------------------------ the QR code

@pytest.mark.parametrize("change", [
    lambda t: t.replace(";x=", ";x=2025-12-31;x="),                 # a second deadline before the signed one
    lambda t: t.replace(";h=", ";x=2025-12-31;h="),                 # ... or after it
    lambda t: t + ";x=2025-12-31",                                   # a field after the signature
    lambda t: t + ";s=AAAAAAAAAAAAAAAA",                            # a second signature
    lambda t: t.replace(";h=", ";;h="),                             # an empty field
    lambda t: t.replace(";x=", "; x="),                             # a key with a space
    lambda t: "\ufeff" + t,                                         # a byte-order mark
    lambda t: t.replace("ADQR1", "adqr1"),
], ids=["duplicate-x-before", "duplicate-x-after", "field-after-s", "second-s", "empty-field", "spaced-key", "bom",
        "lowercase-prefix"])
def test_a_qr_text_with_tricks_in_its_layout_is_bad_input(genuine, office, change):
    text = change(genuine.qr)
    assert text != genuine.qr
    with pytest.raises(InputError):
        docs.verify_code(office, text)


@pytest.mark.parametrize("change", [
    lambda t: t.replace("2025〕1号", "２０２５〕１号"),                  # full-width digits
    lambda t: t.replace("〔2025〕", "［2025］"),                        # look-alike brackets
    lambda t: t.replace("〔2025〕", "[2025]"),
    lambda t: t.replace("x=2025-11-24", "x=2025-11-24 "),
    lambda t: t.replace("x=2025-11-24", "x=2025-12-31"),
    lambda t: re.sub(";x=[^;]*", "", t),                            # the deadline left out
    lambda t: t.replace(";h=", ";a=6468.00;h="),                    # an amount added
], ids=["full-width-digits", "full-width-brackets", "ascii-brackets", "trailing-space", "deadline", "no-deadline",
        "amount-added"])
def test_a_qr_text_with_another_value_is_altered(genuine, office, elsewhere, change):
    text = change(genuine.qr)
    assert text != genuine.qr
    assert docs.verify_code(office, text).outcome == "altered"
    assert docs.verify_code(elsewhere, text, [genuine.inspector.certificate]).outcome == "altered"


def test_a_malleated_qr_signature_changes_nothing_it_says(genuine, office, elsewhere):
    # ECDSA (r, s) and (r, n − s) both verify: another text, the same signed fields — never another value
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    body, _, sig = genuine.qr.rpartition(";s=")
    raw = payload._unb64(sig)
    twin = f"{body};s={payload._b64(raw[:32] + (order - int.from_bytes(raw[32:], 'big')).to_bytes(32, 'big'))}"
    assert twin != genuine.qr
    assert docs.verify_code(office, twin).outcome == "altered"      # not the registered text
    check = docs.verify_code(elsewhere, twin, [genuine.inspector.certificate])
    assert check.outcome == "valid" and check.payload.fields == payload.parse(genuine.qr).fields


def test_a_forger_whose_fingerprint_shares_the_named_prefix_is_untrusted(genuine, office):
    # f names 128 bits of the certificate's SHA-256: a certificate of the forger's with the inspector's 32-digit
    # prefix is a second preimage (2^128 hashes), out of reach. A shorter f is accepted by the parser, which lets
    # us stage the collision for real: both certificates are candidates, and the one whose key verifies — the
    # forger's — is checked against the trust list
    genuine_prefix = pki.fingerprint(genuine.inspector.certificate)[:1]
    while True:
        forger = look_alike_inspector()
        if forger.fingerprint.startswith(genuine_prefix):
            break
    body = payload._body({"k": "notice", "n": genuine.number, "d": "2025-11-17", "x": "2025-12-31",
                          "h": "0" * 64, "f": genuine_prefix})
    text = f"{body};s={payload._b64(payload._sign(forger.key, body.encode('utf-8')))}"
    check = docs.verify_code(office, text, [forger.certificate])
    assert check.outcome == "altered" or check.outcome == "untrusted"
    assert check.outcome != "valid"
    unregistered = text.replace(genuine.number, "豫政数整改〔2025〕7号")    # no register to compare with
    body = unregistered.rpartition(";s=")[0]
    text = f"{body};s={payload._b64(payload._sign(forger.key, body.encode('utf-8')))}"
    assert docs.verify_code(office, text, [forger.certificate]).outcome == "untrusted"


def test_a_genuine_qr_on_a_forged_pdf_proves_only_what_it_says(genuine, elsewhere):
    # the operator prints the real QR on its own notice with a later deadline: the PDF is untrusted, and the
    # QR, valid, says the real deadline — the reader compares the two
    pdf = certify(genuine.forged_notice, look_alike_inspector())
    assert outcome(elsewhere, pdf) == "untrusted"
    check = docs.verify_code(elsewhere, genuine.qr, [genuine.inspector.certificate])
    assert check.outcome == "valid" and check.payload.fields["x"] == "2025-11-24"
