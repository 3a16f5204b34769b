"""Signed documents the operator cannot forge or dispute (issue: signatures).

Every attack is built for real: a look-alike certificate, an incremental metadata update, bytes after
%%EOF, a re-signed copy under a registered number, a changed QR text. Outcomes are the CLI's exit codes:
0 valid (trusted signer, unchanged), 3 altered, 4 untrusted, 2 not a signed PDF.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import io
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor import notices, pki
from auditor.calendar import Period
from auditor.cli import main
from auditor.documents import payload
from auditor.documents import service as docs
from auditor.documents.notice import NoticeRenderer
from auditor.documents.signing import RECEIPT_FIELD, countersign_receipt, sign_pdf
from auditor.errors import InputError, StateError
from auditor.service import finalize_month
from auditor.storage import open_store

from .builders import PASS, inspector, record

OCT = Period(2025, 10)
ISSUED = dt.date(2025, 11, 17)
VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"


@pytest.fixture
def office(tmp_path):
    """The agency's machine: a root, an inspector, a finalised henan month with a failure."""
    store = open_store(tmp_path / "office.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    finalize_month(store, henan, OCT)
    yield store, inspector(store)
    store.close()


def issue_notice(store, identity, day=ISSUED, **options):
    draft = notices.draft(store, store.contracts.get("henan-2025"), OCT, inspection_date=dt.date(2025, 11, 3),
                          place="省12345热线运营中心", inspectors="李全奇",
                          finding_ids=[f.id for f in store.findings.list("henan-2025", OCT)])
    return notices.issue(store, draft.id, day, identity=identity, **options)


def verify(store, pdf: bytes) -> str:
    return docs.verify(store, pdf).outcome


def forged_copy(store, notice, identity_obj, deadline: dt.date) -> bytes:
    """What the operator would make: the same 文号, a later deadline, signed with ``identity_obj``."""
    data = dataclasses.replace(notices.notice_data(notice, notice.number, ISSUED), deadline=deadline)
    renderer = NoticeRenderer(data)
    pdf = renderer.render()
    page, box = renderer.signature_box
    return sign_pdf(pdf, identity_obj, reason=f"签发{notice.number}", location="河南省政务大数据中心", box=box,
                    page=page).pdf


def look_alike(tmp_path) -> pki.Identity:
    """A root named exactly like the agency's and an inspector certificate under it, named like 李全奇."""
    p12, _ = pki.create_root("河南省政务大数据中心", b"forger-root-pass")
    root = pki.load_identity(p12, b"forger-root-pass")
    _, identity = pki.issue_inspector(root, "李全奇", "河南省政务大数据中心", b"forger-pass")
    return identity


# ------------------------------------------------------------------ forgeries

def test_genuine_notice_is_valid_and_matches_the_register(office):
    store, identity = office
    notice, pdf = issue_notice(store, identity)
    result = docs.verify(store, pdf)
    assert result.outcome == "valid" and result.exit_code == 0
    assert result.number == "豫政数整改〔2025〕1号" and result.registered == "match"
    assert result.issuer.signer == "李全奇" and result.issuer.trusted and result.issuer.certification
    assert result.issuer.time_source == "signer_clock"      # no time-stamp server: said so


def test_look_alike_certificate_is_untrusted_never_valid(office, tmp_path):
    store, identity = office
    notice, _ = issue_notice(store, identity)
    forged = forged_copy(store, notice, look_alike(tmp_path), dt.date(2025, 12, 31))
    self_signed = forged_copy(store, notice, pki.load_identity(
        pki.create_self_signed("李全奇", "河南省政务大数据中心", b"forger-pass"), b"forger-pass"),
        dt.date(2025, 12, 31))
    # on the office machine the number is registered, so the copy is also not the original
    assert verify(store, forged) == "altered" and verify(store, self_signed) == "altered"
    # elsewhere (the operator's or another office's machine, trusting only the agency root): untrusted
    elsewhere = open_store(tmp_path / "elsewhere.db")
    elsewhere.trust.add_root(pki.load_certificate(store.trust.agency_root()[1]))
    for pdf in (forged, self_signed):
        result = docs.verify(elsewhere, pdf)
        assert result.outcome == "untrusted" and result.exit_code == 4
        assert not result.issuer.trusted and "信任列表" in result.issuer.trust_problem
    elsewhere.close()


def test_incremental_metadata_update_is_altered(office):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    store, identity = office
    _, pdf = issue_notice(store, identity)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info["/Title"] = generic.TextStringObject("豫政数整改〔2025〕9号")
    info["/Keywords"] = generic.TextStringObject("auditor;kind=notice;number=豫政数整改〔2025〕9号;sha256=0")
    writer.mark_update(info_ref)
    out = io.BytesIO()
    writer.write(out)
    result = docs.verify(store, out.getvalue())
    assert result.outcome == "altered" and result.exit_code == 3
    assert result.number == "豫政数整改〔2025〕1号"        # read from what was signed, never from the update


def test_bytes_appended_after_eof_are_altered(office):
    store, identity = office
    _, pdf = issue_notice(store, identity)
    result = docs.verify(store, pdf + b"\n%% appended by someone\n")
    assert result.outcome == "altered" and "追加" in "".join(result.problems)


def test_resigned_copy_under_a_registered_number_is_not_the_original(office):
    # even signed with the genuine inspector key (an insider, or a stolen key), a different file under a
    # registered number is reported: the register holds the original
    store, identity = office
    notice, _ = issue_notice(store, identity)
    copy = forged_copy(store, notice, identity.load(), dt.date(2025, 12, 31))
    result = docs.verify(store, copy)
    assert result.outcome == "altered" and result.registered == "mismatch"
    assert "与登记的原件不一致" in result.problems


def test_operator_countersignature_is_a_second_valid_signature_and_records_receipt(office, tmp_path):
    store, identity = office
    notice, pdf = issue_notice(store, identity)
    operator_p12 = pki.create_self_signed("武明亮", "河南龙翼信息技术有限公司", b"operator-pass")
    countersigned = countersign_receipt(pdf, operator_p12, b"operator-pass")
    result = docs.verify(store, countersigned)
    assert result.outcome == "valid" and len(result.signatures) == 2
    assert result.registered == "match"
    assert result.receipt is not None and result.receipt.signer == "武明亮" and not result.receipt.trusted
    path = tmp_path / "回执.pdf"
    path.write_bytes(countersigned)
    received = notices.receive_signed(store, notice.number, path)
    assert received.status == "received" and received.received_by.startswith("武明亮（电子签名")
    assert received.received_at == dt.date.today().isoformat()


def test_a_signature_anywhere_but_the_receipt_field_is_altered(office):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from auditor.documents.signing import _pyhanko_signer

    store, identity = office
    _, pdf = issue_notice(store, identity)
    operator = pki.load_identity(pki.create_self_signed("武明亮", "乙方", b"operator-pass"), b"operator-pass")
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Elsewhere"), _pyhanko_signer(operator),
                      new_field_spec=fields.SigFieldSpec("Elsewhere", on_page=0, box=(10, 10, 90, 40))).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    assert verify(store, out.getvalue()) == "altered"


def test_receipt_without_a_countersignature_is_refused(office, tmp_path):
    store, identity = office
    notice, pdf = issue_notice(store, identity)
    path = tmp_path / "未签.pdf"
    path.write_bytes(pdf)
    with pytest.raises(InputError, match="没有有效的乙方电子签名"):
        notices.receive_signed(store, notice.number, path)
    assert notices.get(store, notice.number).status == "issued"


# ------------------------------------------------------------------ time and numbers

def test_back_dating_is_refused_unless_a_reason_is_recorded_and_printed(office):
    store, identity = office
    issue_notice(store, identity, dt.date(2025, 11, 17))
    before = store.content_digest()
    with pytest.raises(StateError, match="早于已签发的 豫政数整改〔2025〕1号"):
        issue_notice(store, identity, dt.date(2025, 11, 10))
    assert store.db.execute("SELECT last FROM document_counters WHERE kind = 'notice'").fetchone()[0] == 1
    assert store.register.list("notice")[-1].number == "豫政数整改〔2025〕1号"
    assert before != store.content_digest()  # (the refused attempt's draft stays a draft)
    notice, pdf = issue_notice(store, identity, dt.date(2025, 11, 10),
                               backdate_reason="纸质件已于11月10日送达，补登电子件")
    assert notice.number == "豫政数整改〔2025〕2号"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "补发说明" in text and "纸质件已于11月10日送达" in text.replace("\n", "")
    assert store.register.get(notice.number).backdate_reason == "纸质件已于11月10日送达，补登电子件"


def test_future_issue_date_is_refused(office):
    store, identity = office
    with pytest.raises(InputError, match="晚于今天"):
        issue_notice(store, identity, dt.date.today() + dt.timedelta(days=1))


def test_every_signed_document_gets_its_own_number_in_the_register(office):
    store, identity = office
    first = docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=ISSUED)
    second = docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=ISSUED)
    payment = docs.payment_statement(store, "henan-2025", 2, identity, on=ISSUED)
    assert (first.number, second.number) == ("豫政数考评〔2025〕1号", "豫政数考评〔2025〕2号")
    assert payment.number == "豫政数付款〔2025〕1号"
    listed = {d.number: d for d in store.register.list()}
    assert set(listed) == {first.number, second.number, payment.number}
    assert listed[first.number].signer_fingerprint == identity.load().fingerprint
    assert verify(store, first.pdf) == "valid"
    preview = docs.score_sheet(store, "henan-2025", "2025-10", None, with_charts=False)
    assert preview.number == "" and len(store.register.list()) == 3       # a preview is not registered
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE documents SET number = '豫政数考评〔2025〕9号' WHERE number = ?", [first.number])


def test_signing_with_a_certificate_no_trusted_root_issued_is_refused(office):
    store, _ = office
    self_made = docs.Identity(pki.create_self_signed("李全奇", "河南省政务大数据中心", PASS), PASS)
    with pytest.raises(InputError, match="不能用于签发文书"):
        docs.score_sheet(store, "henan-2025", "2025-10", self_made, with_charts=False, on=ISSUED)
    assert store.register.list() == []


# ------------------------------------------------------------------ the QR code

def test_qr_payload_verifies_and_any_change_fails(office, tmp_path):
    store, identity = office
    notice, _ = issue_notice(store, identity)
    text = store.register.get(notice.number).qr
    fields = payload.parse(text).fields
    assert fields["n"] == notice.number and fields["x"] == "2025-11-24" and fields["d"] == "2025-11-17"
    assert fields["h"] == store.register.get(notice.number).content_sha256
    assert docs.verify_code(store, text).outcome == "valid"
    changed = text.replace("x=2025-11-24", "x=2025-12-31")
    assert docs.verify_code(store, changed).outcome == "altered"
    # on a machine that trusts the agency root, with the inspector's certificate given, without the register
    elsewhere = open_store(tmp_path / "elsewhere.db")
    elsewhere.trust.add_root(pki.load_certificate(store.trust.agency_root()[1]))
    certificate = identity.load().certificate
    assert docs.verify_code(elsewhere, text).outcome == "untrusted"           # no certificate to check with
    assert docs.verify_code(elsewhere, text, [certificate]).outcome == "valid"
    assert docs.verify_code(elsewhere, changed, [certificate]).outcome == "altered"
    elsewhere.close()
    # the documented hash: SHA-256 of the canonical content, recomputable from `documents export`
    document = store.register.get(notice.number)
    assert payload.content_hash(document.content) == fields["h"]


def test_qr_signed_by_a_look_alike_is_untrusted(office, tmp_path):
    store, identity = office
    notice, _ = issue_notice(store, identity)
    forger = look_alike(tmp_path)
    text = payload.make({"k": "notice", "n": "豫政数整改〔2025〕7号", "d": "2025-11-17", "x": "2025-12-31",
                         "h": "0" * 64}, forger)
    assert docs.verify_code(store, text, [forger.certificate]).outcome == "untrusted"


@pytest.mark.parametrize("text", ["", "hello", "ADQR1", "ADQR1;k=notice", "ADQR1;k=notice;n=x;d=2025-01-01;h=1;zz=3",
                                  "ADQR1;k=notice;n=x;d=2025-01-01;h=1;s=@@@"])
def test_malformed_qr_text_is_bad_input(tmp_path, capsys, text):
    from .hostile import refused

    db = tmp_path / "q.db"
    assert main(["--db", str(db), "init"]) == 0
    refused(db, ["verify-code", text], capsys, names="二维码" if text.startswith("ADQR1") else "ADQR1")


# ------------------------------------------------------------------ the command, and other verifiers

@pytest.fixture
def cli_office(tmp_path, capsys):
    """A database made through the CLI: root, inspector, a finalised month, an issued notice."""
    db = tmp_path / "cli.db"
    (tmp_path / "root.pass").write_text("agency-root-pass")
    (tmp_path / "li.pass").write_text("inspector-pass")
    run = lambda *args: main(["--db", str(db), *map(str, args)])  # noqa: E731
    assert run("init") == 0
    assert run("ca", "create", "--organization", "河南省政务大数据中心", "--passphrase-file", tmp_path / "root.pass",
               "--out", tmp_path / "agency.cer") == 0
    assert run("identity", "create", "--name", "李全奇", "--organization", "河南省政务大数据中心", "--out",
               tmp_path / "li.p12", "--passphrase-file", tmp_path / "li.pass", "--ca-passphrase-file",
               tmp_path / "root.pass") == 0
    store = open_store(db)
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    finalize_month(store, henan, OCT)
    store.close()
    assert run("notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇",
               "--inspected", "2025-11-03") == 0
    assert run("notice", "issue", "1", "--on", "2025-11-17", "--sign", tmp_path / "li.p12", "--passphrase-file",
               tmp_path / "li.pass", "--out", tmp_path / "notice.pdf") == 0
    capsys.readouterr()
    return db, run


def test_cli_verify_exit_codes_and_json(cli_office, tmp_path, capsys):
    db, run = cli_office
    notice = tmp_path / "notice.pdf"
    assert run("verify", notice, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "valid" and data["number"] == "豫政数整改〔2025〕1号"
    assert data["signatures"][0]["trusted"] and data["signatures"][0]["issuer_chain"]
    assert data["time_note"] == "签名时间为签名人电脑时间（未经可信时间戳）"
    (tmp_path / "appended.pdf").write_bytes(notice.read_bytes() + b"%%EOF\n")
    assert run("verify", tmp_path / "appended.pdf") == 3
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "verify", str(notice)]) == 4        # no trusted root there
    assert "不受信任" in capsys.readouterr().out
    assert main(["--db", str(other), "trust", "add", str(tmp_path / "agency.cer")]) == 0
    assert main(["--db", str(other), "verify", str(notice)]) == 0
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert run("verify", plain) == 2
    capsys.readouterr()
    assert run("documents", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["number"] for d in listed] == ["豫政数整改〔2025〕1号"]
    assert run("documents", "export", "豫政数整改〔2025〕1号", "--out", tmp_path / "export") == 0
    exported = list((tmp_path / "export").glob("*.content.json"))
    import hashlib

    assert hashlib.sha256(exported[0].read_bytes()).hexdigest() == listed[0]["content_sha256"]


def test_trust_list_refuses_a_leaf_certificate(cli_office, tmp_path, capsys):
    db, run = cli_office
    store = open_store(db)
    leaf = tmp_path / "leaf.cer"
    certificate = store.db.execute("SELECT certificate FROM inspectors").fetchone()[0]
    leaf.write_bytes(pki.der(pki.load_certificate(certificate)))
    store.close()
    from .hostile import refused

    refused(db, ["trust", "add", str(leaf)], capsys, names="不是根证书")


@pytest.mark.skipif(not shutil.which("pdfsig") or not shutil.which("certutil"), reason="poppler-utils / libnss3-tools")
def test_pdfsig_accepts_a_genuine_notice_with_the_agency_root_trusted(cli_office, tmp_path):
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "agency", "-t", "C,C,C", "-i",
                    str(tmp_path / "agency.cer")], check=True)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "notice.pdf")], capture_output=True,
                         text=True).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    assert "Total document signed" in out


def test_pyhanko_validator_accepts_a_genuine_notice_with_the_agency_root_trusted(cli_office, tmp_path):
    cli = VENV_BIN / "pyhanko"
    if not cli.exists():
        pytest.skip("pyhanko-cli not installed")
    done = subprocess.run([str(cli), "sign", "validate", "--trust", str(tmp_path / "agency.cer"), "--trust-replace",
                           "--pretty-print", str(tmp_path / "notice.pdf")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "The signer's certificate is trusted." in done.stdout
    assert "The signature is judged VALID." in done.stdout


# ------------------------------------------------------------------ RFC 3161 time stamps

class _Tsa:
    """A local RFC 3161 time-stamp server (HTTP on 127.0.0.1), signing with its own root."""

    def __init__(self) -> None:
        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1x509
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import ExtendedKeyUsageOID
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        root_p12, self.root = pki.create_root("测试时间戳机构", b"tsa-root-pass")
        root = pki.load_identity(root_p12, b"tsa-root-pass")
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA is RSA-only
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(x509.Name.from_rfc4514_string("CN=Test TSA,O=Test"))
                .issuer_name(self.root.subject).public_key(key.public_key()).serial_number(7)
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
                .sign(root.key, hashes.SHA256()))
        stamper = DummyTimeStamper(
            asn1x509.Certificate.load(pki.der(cert)),
            keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption())),
            certs_to_embed=[asn1x509.Certificate.load(pki.der(self.root))])
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests += 1
                answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/tsa"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_time_stamp_from_a_configured_server_is_reported_as_trusted_time(office):
    store, identity = office
    tsa = _Tsa()
    try:
        store.trust.set_setting("tsa_url", tsa.url)
        store.trust.add_root(tsa.root, "时间戳机构")
        _, pdf = issue_notice(store, identity)
    finally:
        tsa.close()
    assert tsa.requests >= 1
    result = docs.verify(store, pdf)
    assert result.outcome == "valid" and result.issuer.time_source == "timestamp"
    assert abs((result.issuer.signed_at - dt.datetime.now(dt.UTC)).total_seconds()) < 600


def test_unreachable_time_stamp_server_signs_without_and_says_so(office, tmp_path):
    store, identity = office
    store.trust.set_setting("tsa_url", "http://127.0.0.1:9/tsa")       # discard port: refused at once
    issued = docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=ISSUED)
    assert "时间戳服务器" in issued.note and "电脑时间" in issued.note
    result = docs.verify(store, issued.pdf)
    assert result.outcome == "valid" and result.issuer.time_source == "signer_clock"


def test_receipt_field_is_on_the_receipt_part(office):
    store, identity = office
    _, pdf = issue_notice(store, identity)
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields()
    assert RECEIPT_FIELD in fields and "/V" not in fields[RECEIPT_FIELD]     # empty, for the operator


@pytest.mark.skipif(not shutil.which("zbarimg") or not shutil.which("pdftoppm"), reason="zbar-tools / poppler-utils")
def test_the_printed_qr_code_scans_and_verifies(office, tmp_path):
    # paper that verifies itself: render the page as a printer would (200 dpi), scan the code, check it
    store, identity = office
    notice, pdf = issue_notice(store, identity)
    (tmp_path / "n.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(tmp_path / "n.pdf"), str(tmp_path / "page")], check=True)
    scanned = [subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout.strip()
               for page in sorted(tmp_path.glob("page*.png"))]
    [text] = [t for t in scanned if t]
    assert text == store.register.get(notice.number).qr
    assert docs.verify_code(store, text).outcome == "valid"


@pytest.mark.parametrize("content, named", [
    (b"", "不是签名的 PDF"), (b"MZ\x90\x00 an executable", "不是签名的 PDF"), (b"%PDF-1.7\n", "不是签名的 PDF"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "不是签名的 PDF"),
    ("签名.pdf".encode() * 100, "不是签名的 PDF"),
])
def test_a_file_that_is_not_a_signed_pdf_is_bad_input(tmp_path, capsys, content, named):
    from .hostile import refused

    db = tmp_path / "v.db"
    assert main(["--db", str(db), "init"]) == 0
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    refused(db, ["verify", str(path)], capsys, names=named)


def test_a_truncated_signed_notice_is_never_valid(office):
    store, identity = office
    _, pdf = issue_notice(store, identity)
    signature_at = pdf.index(b"/ByteRange")
    for cut in (signature_at + 20, (signature_at + len(pdf)) // 2, len(pdf) - 40, len(pdf) - 1):
        assert verify(store, pdf[:cut]) == "altered", cut
    # cut before the signature: what is left is an unsigned fragment (exit 2), never "valid"
    assert verify(store, pdf[:signature_at - 1000]) == "unsigned"


def test_a_registered_spot_check_keeps_no_full_id_number(office):
    from auditor.staffing import SpotEntry

    store, identity = office
    check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10), "二楼", "李全奇", [])
    store.personnel.mark(check, SpotEntry("410105199001010038", "张伟", "A001", "frontline", True, "present"))
    issued = docs.spot_check_record(store, check, identity, on=dt.date(2025, 10, 9))
    document = store.register.get(issued.number)
    assert "410105199001010038" not in payload.canonical(document.content)
    assert document.content["entries"][0]["person"] == "4101**********0038"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl builds the PKCS#12 (cryptography refuses to)")
def test_an_identity_whose_key_cannot_sign_is_refused_by_name(tmp_path, capsys):
    """An X25519 key only agrees on keys; a PKCS#12 holding one is refused when loaded, in words."""
    def openssl(*args):
        subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True, cwd=tmp_path)

    openssl("genpkey", "-algorithm", "X25519", "-out", "x.pem")
    openssl("pkey", "-in", "x.pem", "-pubout", "-out", "x.pub")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
            "-out", "ca.pem", "-subj", "/CN=ca", "-days", "30")
    openssl("x509", "-new", "-subj", "/CN=李全奇/O=河南省政务大数据中心", "-force_pubkey", "x.pub", "-CA", "ca.pem",
            "-CAkey", "ca.key", "-days", "30", "-out", "x.crt")
    openssl("pkcs12", "-export", "-inkey", "x.pem", "-in", "x.crt", "-passout", "pass:inspector-pass", "-out", "x.p12")
    with pytest.raises(pki.SigningError, match="X25519PrivateKey.*不能用于签名"):
        pki.load_identity((tmp_path / "x.p12").read_bytes(), b"inspector-pass")
    (tmp_path / "li.pass").write_text("inspector-pass")
    db = tmp_path / "office.db"
    assert main(["--db", str(db), "identity", "import", str(tmp_path / "x.p12"),
                 "--passphrase-file", str(tmp_path / "li.pass")]) == 2
    assert "不能用于签名" in capsys.readouterr().err
