"""PAdES signatures (pyHanko) and verification that says what is true.

Signing *certifies* the document (DocMDP: only filling forms and signing allowed afterwards), may add an
empty signature field for the operator's receipt, and adds an RFC 3161 time stamp (PAdES B-T) when a
time-stamp server is configured and answers. Without one, the signing time is the signer's own clock,
and verification says so.

Verification never trusts a name. Its outcomes, as the CLI's exit codes:

- 0 ``valid``: the issuing signature is intact, its certificate chains to a root this machine trusts, and
  nothing changed after it except permitted later signatures (the operator's receipt);
- 3 ``altered``: anything changed after signing (content, metadata, appended bytes, a new revision that
  is not a permitted signature), a later signature that does not verify, or a file that no longer matches
  the registered original;
- 4 ``untrusted``: intact, but the signer's certificate does not chain to a trusted root;
- 2 ``unsigned``: not a PDF, or a PDF without any signature.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import InputError
from ..pki import SigningError

if TYPE_CHECKING:
    from cryptography.x509 import Certificate
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.sign.timestamps.api import TimeStamper
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
    from pyhanko.sign.validation.status import PdfSignatureStatus
    from pyhanko.stamp import StaticStampStyle

    from ..pki import Identity

log = logging.getLogger(__name__)

__all__ = ["SigningError", "Verification", "SignatureReport", "sign_pdf", "verify_pdf", "read_identity"]

ISSUER_FIELD = "AuditorSignature"
RECEIPT_FIELD = "OperatorReceipt"
CLOCK_NOTE = "签名时间为签名人电脑时间（未经可信时间戳）"
OUTCOMES = {"valid": (0, "签名有效，文件未被改动，签名人受信任"),
            "altered": (3, "文件在签名后被改动，签名无效"),
            "untrusted": (4, "文件未被改动，但签名人证书不受信任"),
            "unsigned": (2, "文件未签名或无法读取")}


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    organization: str
    chain: list[str]
    fingerprint: str
    intact: bool
    trusted: bool
    trust_problem: str
    signed_at: dt.datetime | None
    time_source: str  # "timestamp" or "signer_clock"
    revision: int
    certification: bool
    unrelated_certificates: list[str] = dataclasses.field(default_factory=list)  # `field` is a field's name here

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "signer": self.signer, "organization": self.organization,
                "issuer_chain": self.chain, "certificate_sha256": self.fingerprint, "intact": self.intact,
                "trusted": self.trusted, "trust_problem": self.trust_problem,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "time_source": self.time_source, "revision": self.revision, "certification": self.certification}


@dataclass(frozen=True)
class Verification:
    outcome: str
    problems: list[str] = field(default_factory=list)
    signatures: list[SignatureReport] = field(default_factory=list)
    number: str = ""
    kind: str = ""
    content_sha256: str = ""
    revisions: list[str] = field(default_factory=list)
    registered: str = "not_registered"  # "match" | "mismatch" | "not_registered"
    signed_bytes: bytes = field(default=b"", repr=False)
    # the issuer's (certificate, chain), or () when there is no signature
    certificates: tuple[()] | tuple[Certificate, tuple[Certificate, ...]] = field(default=(), repr=False)

    @property
    def exit_code(self) -> int:
        return OUTCOMES[self.outcome][0]

    @property
    def summary(self) -> str:
        return OUTCOMES[self.outcome][1]

    @property
    def issuer(self) -> SignatureReport | None:
        return self.signatures[0] if self.signatures else None

    @property
    def receipt(self) -> SignatureReport | None:
        return next((s for s in self.signatures[1:] if s.field == RECEIPT_FIELD and s.intact), None)

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "exit_code": self.exit_code, "summary": self.summary,
                "problems": self.problems, "number": self.number, "kind": self.kind,
                "content_sha256": self.content_sha256, "registered": self.registered, "revisions": self.revisions,
                "signatures": [s.as_dict() for s in self.signatures],
                "time_note": "" if self.issuer is None or self.issuer.time_source == "timestamp" else CLOCK_NOTE}


# ------------------------------------------------------------------ signing

def _stamp_pdf(text: str, width: float, height: float) -> bytes:
    """The visible stamp as a one-page PDF, drawn by reportlab with the font it has already loaded (a few ms):
    pyHanko's own text stamp would parse and subset the 10 MB font again."""
    from .base import FONT, draw_label, song_canvas

    buffer = io.BytesIO()
    c = song_canvas(buffer, (width, height))
    c.setStrokeColorRGB(0.1, 0.1, 0.1)
    c.setLineWidth(1)
    c.rect(0.5, 0.5, width - 1, height - 1)
    lines = text.split("\n")
    size = min(8.0, (height - 6) / (len(lines) * 1.25))
    c.setFont(FONT, size)
    for n, line in enumerate(lines):
        draw_label(c, line, 5, height - 4 - size - n * size * 1.25, size, where="签名图章")  # a rare name: no box
    c.showPage()
    c.save()
    return buffer.getvalue()


def _stamp_style(stamp: bytes, width: float, height: float) -> StaticStampStyle:
    """The stamp PDF as pyHanko's static appearance (when pyHanko signs)."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class Stamp(ImportedPdfPage):
        def render(self) -> bytes:
            import binascii
            import uuid

            from pyhanko.pdf_utils.layout import BoxConstraints

            xobject = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(stamp)), page_ix=0)
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobject
            self.box = BoxConstraints(width=width, height=height)
            return name + b" Do"

    background = Stamp("stamp.pdf")  # type: ignore[no-untyped-call]  # pyHanko's constructor is unannotated
    return StaticStampStyle(background=background, border_width=0, background_opacity=1.0)


def _pyhanko_signer(identity: Identity) -> SimpleSigner:
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from ..pki import der

    key = keys.PrivateKeyInfo.load(identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(
        signing_cert=x509.Certificate.load(der(identity.certificate)), signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([x509.Certificate.load(der(c)) for c in identity.chain]))


def _tsa_request(url: str, body: bytes) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/timestamp-query"})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 — configured URL
        return bytes(response.read())


def _timestamp_token(url: str) -> Callable[[bytes], bytes]:
    """RFC 3161 over HTTP with the standard library: signature value → the authority's TimeStampToken (DER),
    refused unless granted for this very signature (its imprint and our nonce)."""
    def token(signature: bytes) -> bytes:
        import hashlib
        import secrets

        from asn1crypto import tsp

        imprint = hashlib.sha256(signature).digest()
        nonce = secrets.randbits(63)
        request = tsp.TimeStampReq({"version": 1, "message_imprint": {
            "hash_algorithm": {"algorithm": "sha256"}, "hashed_message": imprint}, "nonce": nonce, "cert_req": True})
        response = tsp.TimeStampResp.load(_tsa_request(url, request.dump()))
        if response["status"]["status"].native not in ("granted", "granted_with_mods"):
            raise SigningError("时间戳服务器拒绝了请求")
        info = response["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        if info["message_imprint"]["hashed_message"].native != imprint or info["nonce"].native != nonce:
            raise SigningError("时间戳服务器的回复不是对本次签名的")
        return bytes(response["time_stamp_token"].dump())

    return token


class _UrllibTimeStamper:
    """The same for pyHanko, when it signs."""

    @staticmethod
    def create(url: str) -> TimeStamper:
        from asn1crypto import tsp
        from pyhanko.sign.timestamps.api import TimeStamper

        class Stamper(TimeStamper):
            async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
                return tsp.TimeStampResp.load(_tsa_request(url, req.dump()))

        return Stamper()  # type: ignore[no-untyped-call]  # pyHanko's TimeStamper() is unannotated


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    timestamped: bool
    note: str = ""


def _field_box(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """pyHanko annotates a field's box as whole numbers, but writes the points it is given as they are."""
    return cast("tuple[int, int, int, int]", box)


def sign_pdf(pdf: bytes, identity: Identity, *, reason: str, location: str, box: tuple[float, float, float, float],
             page: int = -1, receipt: tuple[int, tuple[float, float, float, float]] | None = None,
             tsa_url: str = "") -> Signed:
    """Certify ``pdf`` with a visible stamp in ``box`` on ``page`` (-1: last); ``receipt`` adds an empty
    signature field there for the operator. With ``tsa_url`` a time stamp is added when the server answers.

    This program's own PDFs with an EC or RSA key are signed by documents.pades (no pyHanko in the process);
    anything else by pyHanko, to the same result."""
    from ..pki import check_signing_certificate

    check_signing_certificate(identity.certificate)
    moment = dt.datetime.now().astimezone()
    stamp_text = f"电子签名：{identity.name}\n时间：{moment:%Y-%m-%d %H:%M:%S}\n事由：{reason}"
    stamp = _stamp_pdf(stamp_text, box[2] - box[0], box[3] - box[1])

    def attempt(timestamped: bool) -> bytes:
        from . import pades

        try:
            return pades.certify(pdf, identity, field=ISSUER_FIELD, reason=reason, location=location,
                                 name=identity.name, moment=moment, page=page, box=box, stamp=stamp,
                                 receipt=(RECEIPT_FIELD, *receipt) if receipt is not None else None,
                                 timestamp=_timestamp_token(tsa_url) if timestamped else None)
        except pades.NotOurs as exc:
            log.info("signed by pyHanko (%s)", exc)
            return _pyhanko_sign(pdf, identity, reason=reason, location=location, box=box, page=page,
                                 receipt=receipt, stamp=stamp,
                                 timestamper=_UrllibTimeStamper.create(tsa_url) if timestamped else None)

    if tsa_url:
        try:
            return Signed(attempt(True), True)
        except Exception as exc:  # noqa: BLE001 — an unreachable or broken TSA: sign without, and say so
            note = f"时间戳服务器 {tsa_url} 不可用（{type(exc).__name__}），{CLOCK_NOTE}"
            return Signed(attempt(False), False, note)
    return Signed(attempt(False), False, CLOCK_NOTE)


def _pyhanko_sign(pdf: bytes, identity: Identity, *, reason: str, location: str,
                  box: tuple[float, float, float, float], page: int,
                  receipt: tuple[int, tuple[float, float, float, float]] | None, stamp: bytes,
                  timestamper: TimeStamper | None) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    pages = int(writer.root["/Pages"]["/Count"])
    if receipt is not None:
        fields.append_signature_field(writer, fields.SigFieldSpec(RECEIPT_FIELD, on_page=receipt[0],
                                                                  box=_field_box(receipt[1])))
    style = _stamp_style(stamp, box[2] - box[0], box[3] - box[1])
    meta = signers.PdfSignatureMetadata(
        field_name=ISSUER_FIELD, reason=reason, location=location, name=identity.name,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", certify=True,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS)
    pdf_signer = signers.PdfSigner(meta, _pyhanko_signer(identity), timestamper=timestamper, stamp_style=style,
                                   new_field_spec=fields.SigFieldSpec(
                                       ISSUER_FIELD, on_page=page if page >= 0 else pages - 1,
                                       box=_field_box(box)))
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def countersign_receipt(pdf: bytes, p12: bytes, passphrase: bytes, *, name: str = "") -> bytes:
    """The operator's signature in the receipt field (what its own PDF reader would do)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from ..pki import load_identity

    identity = load_identity(p12, passphrase)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=RECEIPT_FIELD, reason="签收", name=name or identity.name,
                                        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    out = io.BytesIO()
    signers.PdfSigner(meta, _pyhanko_signer(identity)).sign_pdf(writer, output=out)
    return out.getvalue()


# ------------------------------------------------------------------ verification

def _keywords(info: Mapping[str, object] | None) -> dict[str, str]:
    values = {}
    for part in str(info.get("/Keywords", "") if info else "").split(";"):
        key, _, value = part.partition("=")
        if value:
            values[key.strip()] = value.strip()
    return values


def _info(data: bytes) -> dict[str, str]:
    """The document information of the PDF ``data`` (a signed revision is a PDF of its own), less what any
    signing tool updates when it countersigns."""
    from pypdf import PdfReader

    try:
        info: Mapping[str, object] = PdfReader(io.BytesIO(data), strict=False).metadata or {}
        return {k: str(v) for k, v in info.items() if k not in ("/ModDate", "/Producer")}  # a signing tool sets these
    except Exception:  # noqa: BLE001 — unreadable metadata compares unequal, hence "altered"
        return {"unreadable": "1"}


def _signature_report(sig: EmbeddedPdfSignature, status: PdfSignatureStatus,
                      roots: Sequence[Certificate]) -> SignatureReport:
    from ..pki import describe, fingerprint, load_certificate, trusted_path

    cert = load_certificate(sig.signer_cert.dump())
    others = [load_certificate(c.dump()) for c in (sig.other_embedded_certs or [])]
    path, problem = trusted_path(cert, others, roots)
    timestamp = status.timestamp_validity
    signed_at: dt.datetime | None
    if timestamp is not None and timestamp.intact and timestamp.valid and timestamp.trusted:  # TSA under our roots
        signed_at, source = timestamp.timestamp, "timestamp"
    else:
        signed_at, source = status.signer_reported_dt, "signer_clock"
    known = {fingerprint(c): c for c in [*others, *roots]}
    if path is not None:  # what was validated, not whatever the (unsigned) certificate set holds
        chain = [describe(known[f]) for f in path[1:] if f in known]
        unrelated = sorted({fingerprint(c) for c in others} - set(path))
    else:
        chain = [describe(c) for c in others if c.subject != cert.subject]
        unrelated = []
    subject = sig.signer_cert.subject.native
    return SignatureReport(sig.field_name, subject.get("common_name", ""), subject.get("organization_name", ""),
                           chain, sig.signer_cert.sha256.hex(), bool(status.intact and status.valid),
                           path is not None, problem, signed_at, source, sig.signed_revision,
                           sig.docmdp_level is not None, unrelated)


_WS = rb"[\x00\t\n\x0c\r ]"  # PDF white space (NUL included: 7.2.3)
_OBJECT_HEADER = re.compile(rb"(?<![0-9])(\d{1,10})" + _WS + rb"+(\d{1,5})" + _WS + rb"+obj(?![A-Za-z0-9])")
_XREF_LINE = re.compile(rb"(\d{1,10})" + _WS + rb"+(\d{1,10})" + _WS + rb"*[\r\n]")


def _table_numbers(data: bytes, start: int) -> list[int] | None:
    """The object numbers a classic cross-reference table at ``start`` (after "xref") lists, in order, as a
    reader that keeps duplicates sees them; None when the table cannot be read that way."""
    numbers: list[int] = []
    position = start
    while True:
        while data[position:position + 1] in (b" ", b"\r", b"\n", b"\t", b"\x00", b"\x0c"):
            position += 1
        if data.startswith(b"trailer", position):
            return numbers
        header = _XREF_LINE.match(data, position)
        if header is None:
            return None
        first, count = int(header.group(1)), int(header.group(2))
        position = header.end()
        for n in range(count):
            entry = data[position:position + 20]
            if len(entry) < 18 or entry[17:18] not in (b"n", b"f"):
                return None
            if entry[17:18] == b"n":
                numbers.append(first + n)
            position += 20


def _structure_problems(reader: PdfFileReader, data: bytes, signed_revision: int) -> list[str]:
    """What a later revision may not do, judged on the bytes as any viewer would read them.

    pyHanko's difference analysis reads the file its own way; viewers that read it another way (poppler and
    pdfium rebuild a broken cross-reference table by scanning; pypdf and poppler keep the first of two
    entries for one object) could then show what pyHanko never saw. So every revision after the issuer's
    signature must be unambiguous: its startxref exact, each object it defines written exactly once inside
    it, listed in its table at the offset where it stands, and nothing written there that its table does
    not list. And it may add no page, annotation or form field: the only thing the operator may add is its
    signature in the existing receipt field."""
    from pyhanko.pdf_utils.xref import ObjStreamRef

    problems: list[str] = []
    xrefs = reader.xrefs
    previous_end = xrefs.get_xref_container_info(signed_revision).end_location
    for revision in range(signed_revision + 1, xrefs.total_revisions):
        info = xrefs.get_xref_container_info(revision)
        label = f"第 {revision + 1} 版"
        declared = info.declared_startxref
        exact = (data[declared:declared + 4] == b"xref" and not data[declared + 4:info.start_location].strip()
                 if info.xref_section_type.name == "STANDARD" else declared == info.start_location)
        if not exact:
            problems.append(f"{label}的交叉引用位置被改动（阅读器会重建出另一份文件）")
            continue
        body = data[previous_end:declared]
        written: dict[tuple[int, int], list[int]] = {}
        for match in _OBJECT_HEADER.finditer(body):
            written.setdefault((int(match.group(1)), int(match.group(2))), []).append(previous_end + match.start())
        listed = {}
        for ref in xrefs.explicit_refs_in_revision(revision):
            where = xrefs.get_historical_ref(ref, revision)
            if isinstance(where, ObjStreamRef):
                continue
            listed[(ref.idnum, ref.generation)] = where
        if info.xref_section_type.name == "STANDARD":
            numbers = _table_numbers(data, declared + 4)
            if numbers is None or len(numbers) != len(set(numbers)):
                problems.append(f"{label}的交叉引用表中同一对象出现两次或无法读取（不同阅读器会显示不同内容）")
        if any(len(offsets) > 1 for offsets in written.values()):
            problems.append(f"{label}中同一对象被写了两次（不同阅读器会显示不同内容）")
        if set(written) - set(listed):
            problems.append(f"{label}中有交叉引用表未列出的对象（阅读器重建时会显示它们）")
        for key, offset in listed.items():
            if key not in written or offset not in written[key]:
                problems.append(f"{label}的交叉引用表指向本版之外或错误的位置（对象 {key[0]}）")
                break
        previous_end = info.end_location

    def layout(revision: int) -> tuple[list[list[int]], list[int], bool]:
        resolver = reader.get_historical_resolver(revision)
        root = resolver.root
        pages: list[list[int]] = []

        def walk(node: Any) -> None:  # PDF objects as pyHanko reads them
            node = node.get_object()
            if node.get("/Type") == "/Pages" or "/Kids" in node:
                for kid in node["/Kids"]:
                    walk(kid)
            else:
                listed = node.get("/Annots")
                annots = listed.get_object() if listed is not None else None
                pages.append([] if annots is None else [a.idnum if hasattr(a, "idnum") else -1 for a in
                                                        (annots.raw_get(i) for i in range(len(annots)))])

        walk(root.raw_get("/Pages"))
        form = root.get("/AcroForm")
        form = form.get_object() if form is not None else {}
        fields = form.get("/Fields") if form else None
        field_refs = [] if fields is None else [fields.get_object().raw_get(i).idnum
                                               for i in range(len(fields.get_object()))]
        need = bool(form.get("/NeedAppearances", False)) if form else False
        return pages, field_refs, need

    before, after = layout(signed_revision), layout(xrefs.total_revisions - 1)
    if before[0] != after[0]:
        problems.append("签名后页面或页面上的批注被增删（例如覆盖在原文上的图章或文字框）")
    if before[1] != after[1]:
        problems.append("签名后表单域被增删（只允许在回执签收栏签名）")
    if after[2] and not before[2]:
        problems.append("签名后要求阅读器重新生成表单外观（/NeedAppearances）")
    return problems


# what a signing tool may refresh in the XMP packet when it countersigns; everything else must stay
_XMP_VOLATILE = {("http://ns.adobe.com/xap/1.0/", "ModifyDate"), ("http://ns.adobe.com/xap/1.0/", "MetadataDate"),
                 ("http://ns.adobe.com/xap/1.0/", "CreatorTool"), ("http://ns.adobe.com/pdf/1.3/", "Producer"),
                 ("http://ns.adobe.com/xap/1.0/mm/", "InstanceID")}


def _xmp_properties(packet: bytes) -> list[tuple[str, str, str]] | None:
    """The XMP properties by namespace URI (never by prefix), as sorted (namespace, name, value); None for a
    packet that cannot be read safely (entities and DTDs are refused: no expansion bombs)."""
    import xml.etree.ElementTree as ET

    if not packet.strip():
        return []
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet or len(packet) > 1 << 20:
        return None
    try:
        root = ET.fromstring(packet.strip().lstrip(b"\xef\xbb\xbf"))
    except ET.ParseError:
        return None
    found = []
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.startswith("{"):
                uri, _, name = key[1:].partition("}")
                found.append((uri, name, value))
        text = (element.text or "").strip()
        if element.tag.startswith("{") and len(element) == 0 and text:
            uri, _, name = element.tag[1:].partition("}")
            found.append((uri, name, text))
    return sorted(p for p in found if (p[0], p[1]) not in _XMP_VOLATILE
                  and p[0] != "http://www.w3.org/1999/02/22-rdf-syntax-ns#" and p[0] != "adobe:ns:meta/")


def _xmp_problems(reader: PdfFileReader, signed_revision: int) -> list[str]:
    """An XMP packet added or rewritten later may change only what signing tools refresh (dates, tool)."""
    def packet(revision: int) -> bytes:
        stream = reader.get_historical_resolver(revision).root.get("/Metadata")
        return stream.get_object().data if stream is not None else b""

    before, after = packet(signed_revision), packet(reader.xrefs.total_revisions - 1)
    if before == after:
        return []
    old, new = _xmp_properties(before), _xmp_properties(after)
    if new is None or (old is not None and old != new):
        return ["签名后 XMP 元数据被修改（标题、关键词等）"]
    return []


def _signed_trace(data: bytes) -> bool:
    """Whether ``data`` shows any mark of a signature: one flipped byte can spoil only one of them."""
    return any(mark in data for mark in (b"/ByteRange", b"/Adobe.PPKLite", b"/ETSI.CAdES.detached"))


def verify_pdf(data: bytes, roots: Iterable[Certificate] = (),
               registered: Callable[[str], bytes | None] | None = None) -> Verification:
    """Check ``data`` against the trusted ``roots`` (cryptography certificates) and, when ``registered``
    knows its number (number → the registered PDF), against the registered original. Never raises."""
    if not data.startswith(b"%PDF-"):
        if _signed_trace(data):
            return Verification("altered", ["文件头被改动：签名的 PDF 已损坏或被改动"])
        return Verification("unsigned", ["不是 PDF 文件"])
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # expected failures are reported, not logged
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        return _verify(data, list(roots), registered or (lambda number: None))
    except Exception as exc:  # noqa: BLE001 — some tampering makes the PDF library raise: that is "altered"
        if _signed_trace(data):
            return Verification("altered", [f"签名无法验证，文件已损坏或被改动（{type(exc).__name__}）"])
        return Verification("unsigned", [f"无法读取 PDF（{type(exc).__name__}）"])


def _verify(data: bytes, roots: list[Certificate], registered: Callable[[str], bytes | None]) -> Verification:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
    if not signatures:
        if _signed_trace(data):  # it was signed: the signature was removed or the file damaged around it
            return Verification("altered", ["文件中有签名痕迹，但签名已被移除或损坏"])
        return Verification("unsigned", ["文件未签名"])
    # pyHanko checks the cryptography and what changed; trust is reported by chain_status, with its reason
    from asn1crypto import x509 as asn1x509

    from ..pki import der

    context = ValidationContext(trust_roots=[asn1x509.Certificate.load(der(r)) for r in roots], allow_fetching=False)
    statuses = [validate_pdf_signature(sig, context) for sig in signatures]
    reports = [_signature_report(sig, status, roots) for sig, status in zip(signatures, statuses)]
    problems: list[str] = []
    first, first_status = signatures[0], statuses[0]
    byte_range = [int(x) for x in first.sig_object["/ByteRange"]]
    signed_end = byte_range[2] + byte_range[3]
    signed_bytes = data[:signed_end]
    info_signed = _info(signed_bytes)
    keywords = _keywords(info_signed)
    number, kind, content = keywords.get("number", ""), keywords.get("kind", ""), keywords.get("sha256", "")

    revisions = ["原始文档"] + ["" for _ in range(reader.xrefs.total_revisions - 1)]
    for sig in signatures:
        if sig.signed_revision < len(revisions):
            revisions[sig.signed_revision] = f"签名：{sig.field_name}"
    for index, label in enumerate(revisions):
        if not label:
            revisions[index] = "未签名的修改"
            if index > first.signed_revision:
                problems.append(f"签名后追加了一个未签名的修订（第 {index + 1} 版）：元数据、批注或内容被修改")
    if not reports[0].intact:
        problems.append("签发人的签名与文件内容不符：文件在签名后被改动")
    if reports[0].unrelated_certificates:  # the certificate set is outside the byte range: added afterwards
        problems.append("签发人的签名中夹带了证书链以外的证书（签名后被加入）")
    last_status = statuses[-1]
    if last_status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append("签名之后文件末尾被追加了内容")
    level = first_status.modification_level
    if level is not None and level not in (ModificationLevel.NONE, ModificationLevel.FORM_FILLING) \
            or first_status.docmdp_ok is False:
        problems.append("签名后文件被修改（超出签名人允许的签收签名范围）")
    for sig, report in zip(signatures[1:], reports[1:]):
        if not report.intact:
            problems.append(f"后续签名（{sig.field_name}）无效")
        elif sig.field_name != RECEIPT_FIELD:
            problems.append(f"后续签名不在回执签收栏中（{sig.field_name}）")
    if _info(data) != info_signed:
        problems.append("签名后文件的元数据（标题、文号等）被修改")
    if reader.xrefs.total_revisions - 1 > first.signed_revision:
        problems += _structure_problems(reader, data, first.signed_revision)
        problems += _xmp_problems(reader, first.signed_revision)
    register_state = "not_registered"
    original = registered(number) if number else None
    if original is not None:
        register_state = "match" if original == signed_bytes else "mismatch"
        if register_state == "mismatch":
            problems.append("与登记的原件不一致")
    if problems:
        outcome = "altered"
    elif not reports[0].trusted:
        outcome = "untrusted"
    else:
        outcome = "valid"
    from ..pki import load_certificate

    issuer_certificates = (load_certificate(first.signer_cert.dump()),
                           tuple(load_certificate(c.dump()) for c in (first.other_embedded_certs or [])))
    return Verification(outcome, problems, reports, number, kind, content, revisions, register_state, signed_bytes,
                        issuer_certificates)


def read_identity(path: Path, passphrase_file: Path) -> tuple[bytes, bytes]:
    try:
        return path.read_bytes(), passphrase_file.read_bytes().strip()
    except OSError as exc:
        raise SigningError(f"无法读取证书或口令文件：{exc.strerror}（{exc.filename}）") from None


def read_certificate(path: Path) -> Certificate:
    from ..pki import load_certificate

    try:
        return load_certificate(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"无法读取证书文件 {path}：{exc.strerror}") from None
