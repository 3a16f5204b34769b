"""This program's PDFs are certified by documents.pades, without pyHanko; a PDF it does not handle (laid out
otherwise than reportlab writes it) is signed by pyHanko — each checked by pyHanko's validator and, where
poppler is installed, by ``pdfsig`` with the agency root trusted. (Issuing takes EC and RSA keys only: the QR
code is signed with the same key.)"""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from auditor import pki
from auditor.calendar import Period
from auditor.documents import pades
from auditor.documents import service as docs
from auditor.documents.signing import sign_pdf

from .builders import inspector, record

OCT = Period(2025, 10)
ISSUED = dt.date(2025, 11, 17)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def henan(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    return henan


def other_root(store, make_key):
    """An agency root and an inspector under it with keys of another kind (an agency's own CA may be RSA)."""
    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "河南省政务大数据中心"),
                          x509.NameAttribute(NameOID.COMMON_NAME, common)])

    now = dt.datetime.now(dt.UTC)
    root_key, leaf_key = make_key(), make_key()
    root = (x509.CertificateBuilder().subject_name(name("文书签名根证书")).issuer_name(name("文书签名根证书"))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(root_key, hashes.SHA256()))
    leaf = pki._leaf(x509.CertificateBuilder().subject_name(name("王芳")).issuer_name(root.subject)
                     .public_key(leaf_key.public_key()), now + dt.timedelta(days=365)).sign(root_key, hashes.SHA256())
    store.trust.add_root(root, "机构根证书")
    return docs.Identity(pki._p12("王芳", leaf_key, leaf, [root], b"secret-pass"), b"secret-pass"), root


def pdfsig_valid(tmp_path, pdf: bytes, root) -> None:
    if not shutil.which("pdfsig") or not shutil.which("certutil"):
        return
    from cryptography.hazmat.primitives.serialization import Encoding

    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    (tmp_path / "root.pem").write_bytes(root.public_bytes(Encoding.PEM))
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "C,C,C", "-i",
                    str(tmp_path / "root.pem")], check=True, capture_output=True)
    (tmp_path / "signed.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "signed.pdf")], capture_output=True,
                         text=True).stdout
    assert "Signature is Valid" in out and "Certificate is Trusted" in out, out


def test_an_rsa_agency_signs_without_pyhanko_and_verifies(store, henan, tmp_path):
    identity, root = other_root(store, lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
    pdf = docs.score_sheet(store, "henan-2025", "2025-10", identity, with_charts=False, on=ISSUED).pdf
    result = docs.verify(store, pdf)
    assert result.outcome == "valid" and result.issuer.signer == "王芳" and result.issuer.certification
    pdfsig_valid(tmp_path, pdf, root)


def plain_pdf(link: bool = False) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    if link:
        canvas.linkURL("https://example.cn", (0, 0, 10, 10))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_laid_out_otherwise_is_signed_by_pyhanko_and_verifies(store):
    """A page that already carries an annotation (a link here) is left to pyHanko, which merges them."""
    identity = docs.signing_identity(store, inspector(store))
    with pytest.raises(pades.NotOurs):
        pades.certify(plain_pdf(link=True), identity, field="x", reason="", location="", name="",
                      moment=dt.datetime.now(), page=0, box=(0, 0, 100, 40), stamp=b"")
    signed = sign_pdf(plain_pdf(link=True), identity, reason="签发", location="郑州", box=(20, 20, 200, 70),
                      page=0).pdf
    assert docs.verify(store, signed).outcome == "valid"


def test_issuing_a_signed_score_sheet_imports_neither_pyhanko_nor_matplotlib(tmp_path):
    """The whole `render … --sign` process: pyHanko's import alone took 0.25 s, matplotlib's 0.3 s,
    pyhanko-certvalidator's (with asyncio) 50 ms, reportlab's unused HarfBuzz binding 12 ms."""
    script = f"""
import datetime as dt, sys
sys.path.insert(0, {str(ROOT)!r})
from auditor.storage import open_store
from auditor.documents import service as docs
from tests.core.builders import inspector, record
store = open_store({str(tmp_path / "a.db")!r})
henan = store.contracts.get("henan-2025")
record(store, henan, "2025-10", {{"HN-02": {{"value": "99"}}}}, headcount={{"frontline": "48.5", "support": 16,
       "management": 3}})
pdf = docs.score_sheet(store, "henan-2025", "2025-10", inspector(store), on=dt.date(2025, 11, 3)).pdf
assert pdf.startswith(b"%PDF")
heavy = {{"pyhanko", "pyhanko_certvalidator", "matplotlib", "numpy", "aiohttp", "uharfbuzz"}}
print(sorted({{m.split(".")[0] for m, module in sys.modules.items() if module is not None}} & heavy))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_the_cms_says_what_asn1crypto_reads_in_it(store, kind):
    """The CMS is written by hand (DER): read back with asn1crypto, each field is the identity's, and the
    signature verifies over the signed attributes."""
    import hashlib

    from asn1crypto import cms
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    if kind == "ec":
        identity = docs.signing_identity(store, inspector(store))
    else:
        loaded, _ = other_root(store, lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
        identity = loaded.load()
    digest = hashlib.sha256(b"the signed byte ranges").digest()
    info = cms.ContentInfo.load(pades._cms(identity, digest, None))
    assert info["content_type"].native == "signed_data"
    data = info["content"]
    assert data["encap_content_info"]["content_type"].native == "data" and not data["encap_content_info"]["content"]
    assert [c.dump() for c in data["certificates"]] == [pki.der(c) for c in (identity.certificate, *identity.chain)]
    [signer] = data["signer_infos"]
    certificate = data["certificates"][0].chosen
    assert signer["sid"].chosen["issuer"] == certificate.issuer
    assert signer["sid"].chosen["serial_number"].native == identity.certificate.serial_number
    attributes = {a["type"].native: a["values"][0] for a in signer["signed_attrs"]}
    assert attributes["content_type"].native == "data" and attributes["message_digest"].native == digest
    essential = attributes["signing_certificate_v2"]["certs"][0]
    assert essential["cert_hash"].native == hashlib.sha256(pki.der(identity.certificate)).digest()
    assert essential["issuer_serial"]["issuer"][0].chosen == certificate.issuer
    protection = attributes["cms_algorithm_protection"]
    assert protection["digest_algorithm"]["algorithm"].native == "sha256"
    assert protection["signature_algorithm"]["algorithm"].native == signer["signature_algorithm"]["algorithm"].native
    signed = b"\x31" + signer["signed_attrs"].dump()[1:]
    public = identity.certificate.public_key()
    if kind == "ec":
        assert signer["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"
        public.verify(signer["signature"].native, signed, ec.ECDSA(hashes.SHA256()))
    else:
        assert signer["signature_algorithm"]["algorithm"].native == "sha256_rsa"
        public.verify(signer["signature"].native, signed, padding.PKCS1v15(), hashes.SHA256())
