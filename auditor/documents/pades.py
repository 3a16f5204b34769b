"""A certifying PAdES signature added to a PDF this program made, without pyHanko.

pyHanko takes 0.25 s to import (its HTTP client, validation and layout machinery) and tens of milliseconds
to sign, for what is, on a PDF reportlab has just written, one incremental update: the signature field and
its widget (the stamp, copied from a one-page PDF reportlab drew in the same fonts), the catalog with the
form and the DocMDP permission (P=2: filling forms and signing only), and a CAdES-detached CMS signature
(content type, message digest, ESS signing-certificate-v2 and algorithm protection signed, optionally a
RFC 3161 time stamp on the signature), written as DER here and signed with ``cryptography`` (EC or RSA
keys). The result is what pyHanko would write, and pyHanko's validator and poppler's ``pdfsig`` check it
(tests do, and read the CMS back with asn1crypto).

Only reportlab's own layout is read here: one classic cross-reference table, a flat page tree, no form or
annotation yet. Anything else raises ``NotOurs`` and the caller signs with pyHanko instead.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..pki import Identity

TIMESTAMP_BYTES = 12288  # room for a time-stamp token with the authority's chain
_REF = re.compile(rb"(?<![0-9.])(\d+) 0 R(?![A-Za-z0-9])")


class NotOurs(Exception):
    """The PDF is not laid out as reportlab writes it, or the key is of a kind signed by pyHanko."""


class _Pdf:
    """The objects of a PDF written by reportlab: offsets from its one cross-reference table."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
        if found is None:
            raise NotOurs("no startxref")
        self.xref = int(found.group(1))
        table = re.match(rb"xref\r?\n0 (\d+)\r?\n", data[self.xref:self.xref + 32])
        if table is None:
            raise NotOurs("not one classic cross-reference table")
        self.size = int(table.group(1))
        start = self.xref + table.end()
        self.offsets: dict[int, int] = {}
        for n in range(self.size):
            entry = data[start + 20 * n:start + 20 * n + 20]
            if entry[17:18] == b"n":
                self.offsets[n] = int(entry[:10])
        trailer_at = start + 20 * self.size
        if not data.startswith(b"trailer", trailer_at):
            raise NotOurs("the cross-reference table has more than one section")
        self.trailer = data[trailer_at:data.index(b"startxref", trailer_at)]
        if self.size != self._int(self.trailer, b"/Size"):
            raise NotOurs("trailer /Size")
        self.root = self._ref(self.trailer, b"/Root")
        ident = re.search(rb"/ID\s*\[\s*(<[0-9a-fA-F]*>)\s*(<[0-9a-fA-F]*>)\s*\]", self.trailer)
        self.ids = (ident.group(1), ident.group(2)) if ident else None
        info = re.search(rb"/Info (\d+) 0 R", self.trailer)
        self.info = int(info.group(1)) if info else None

    @staticmethod
    def _int(text: bytes, key: bytes) -> int:
        found = re.search(re.escape(key) + rb"\s+(\d+)(?![0-9])", text)
        if found is None:
            raise NotOurs(f"no {key.decode()}")
        return int(found.group(1))

    @staticmethod
    def _ref(text: bytes, key: bytes) -> int:
        found = re.search(re.escape(key) + rb"\s+(\d+) 0 R", text)
        if found is None:
            raise NotOurs(f"no {key.decode()}")
        return int(found.group(1))

    def object(self, number: int) -> tuple[bytes, bytes | None]:
        """The object's dictionary text (``<< … >>``) and its stream's bytes, if it has one."""
        offset = self.offsets.get(number)
        if offset is None:
            raise NotOurs(f"object {number} missing")
        header = re.match(rb"%d 0 obj\s*" % number, self.data[offset:offset + 24])
        if header is None:
            raise NotOurs(f"object {number} not where the table says")
        begin = offset + header.end()
        if not self.data.startswith(b"<<", begin):
            raise NotOurs(f"object {number} is not a dictionary")
        end_object = self.data.find(b"endobj", begin)
        stream_at = self.data.find(b"stream", begin, end_object if end_object >= 0 else None)
        if stream_at < 0:
            return self.data[begin:end_object].rstrip(), None
        text = self.data[begin:stream_at].rstrip()
        body = stream_at + len(b"stream")
        body += 2 if self.data.startswith(b"\r\n", body) else 1
        length = self._int(text, b"/Length")
        return text, self.data[body:body + length]

    def pages(self) -> list[int]:
        catalog, _ = self.object(self.root)
        tree, _ = self.object(self._ref(catalog, b"/Pages"))
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", tree)
        if kids is None:
            raise NotOurs("no /Kids")
        numbers = [int(n) for n in _REF.findall(kids.group(1))]
        for number in numbers:
            text, _ = self.object(number)
            if not re.search(rb"/Type\s*/Page(?![A-Za-z])", text):
                raise NotOurs("a nested page tree")
        return numbers


def _with(dictionary: bytes, entries: bytes) -> bytes:
    """``dictionary`` (``<< … >>``) with ``entries`` added before its closing ``>>``."""
    end = dictionary.rstrip().rfind(b">>")
    return dictionary[:end] + entries + b"\n" + dictionary[end:]


def _string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte order mark, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _number(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")


def _rect(box: tuple[float, float, float, float]) -> bytes:
    return b"[" + b" ".join(_number(v) for v in box) + b"]"


@dataclass
class _Writer:
    """New objects of the update, numbered from the original's /Size."""

    next_number: int
    objects: dict[int, bytes]

    def add(self, body: bytes, number: int | None = None) -> int:
        if number is None:
            number = self.next_number
            self.next_number += 1
        self.objects[number] = body
        return number

    def reserve(self) -> int:
        self.next_number += 1
        return self.next_number - 1


def _copy_page_as_form(source: bytes, writer: _Writer, box: tuple[float, float, float, float]) -> int:
    """The one page of ``source`` (reportlab's) as a form XObject of the update: its content stream, its
    resources and every object they refer to, renumbered. Its number."""
    pdf = _Pdf(source)
    page, _ = pdf.object(pdf.pages()[0])
    contents = re.search(rb"/Contents (\d+) 0 R", page)
    resources = re.search(rb"/Resources\s*(<<.*?>>)\s*/Rotate", page, re.S)
    if contents is None or resources is None:
        raise NotOurs("stamp page layout")
    numbers: dict[int, int] = {}

    def renumber(text: bytes) -> bytes:
        return _REF.sub(lambda m: b"%d 0 R" % visit(int(m.group(1))), text)

    def visit(number: int) -> int:
        if number not in numbers:
            numbers[number] = writer.reserve()
            text, stream = pdf.object(number)
            body = renumber(text)
            writer.add(body if stream is None else body + b"\nstream\n" + stream + b"\nendstream", numbers[number])
        return numbers[number]

    text, stream = pdf.object(int(contents.group(1)))
    if stream is None or _REF.search(text):
        raise NotOurs("stamp content stream")
    width, height = box[2] - box[0], box[3] - box[1]
    form = _with(text, b"/Type /XObject /Subtype /Form /BBox [0 0 " + _number(width) + b" " + _number(height)
                 + b"] /Resources " + renumber(resources.group(1)))
    return writer.add(form + b"\nstream\n" + stream + b"\nendstream")


# DER, for the few structures a CMS signature needs (asn1crypto's import alone took 15 ms of a signing command)

def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


def _sequence(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _set(*parts: bytes) -> bytes:
    return _tlv(0x31, b"".join(sorted(parts)))  # DER orders a SET OF by its members' encodings


def _oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return _tlv(0x06, bytes(body))


def _integer(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


def _elements(der: bytes) -> list[bytes]:
    """The encoded elements inside the constructed value ``der`` (its own tag and length skipped)."""
    def header(at: int) -> tuple[int, int]:  # (where the content starts, its length)
        size = der[at + 1]
        if size < 0x80:
            return at + 2, size
        count = size & 0x7F
        return at + 2 + count, int.from_bytes(der[at + 2:at + 2 + count], "big")

    start, size = header(0)
    found, at = [], start
    while at < start + size:
        content, length = header(at)
        found.append(der[at:content + length])
        at = content + length
    return found


SHA256, DATA = _sequence(_oid("2.16.840.1.101.3.4.2.1")), _oid("1.2.840.113549.1.7.1")
ECDSA_SHA256 = _sequence(_oid("1.2.840.10045.4.3.2"))
RSA_SHA256 = _sequence(_oid("1.2.840.113549.1.1.11"), b"\x05\x00")


def _cms(identity: Identity, digest: bytes, timestamp: Callable[[bytes], bytes] | None) -> bytes:
    """CAdES-detached SignedData (RFC 5652, ETSI EN 319 122) over ``digest``, the SHA-256 of the signed byte
    ranges: content type, message digest, ESS signing-certificate-v2 and CMS algorithm protection signed;
    the issuer as written in the certificate; a time-stamp token on the signature when ``timestamp``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    from ..pki import der

    key = identity.key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm = ECDSA_SHA256
    elif isinstance(key, rsa.RSAPrivateKey):
        algorithm = RSA_SHA256
    else:
        raise NotOurs(type(key).__name__)
    certificate = der(identity.certificate)
    tbs = _elements(_elements(certificate)[0])
    issuer = tbs[3] if tbs[0][0] == 0xA0 else tbs[2]  # after [0] version, serial number, signature algorithm
    issuer_serial = _sequence(issuer, _integer(identity.certificate.serial_number))
    essential = _sequence(_sequence(_sequence(
        SHA256, _tlv(0x04, hashlib.sha256(certificate).digest()),
        _sequence(_sequence(_tlv(0xA4, issuer)), _integer(identity.certificate.serial_number)))))
    protection = _sequence(SHA256, _tlv(0xA1, b"".join(_elements(algorithm))))  # [1] IMPLICIT AlgorithmIdentifier
    attributes = [
        _sequence(_oid("1.2.840.113549.1.9.3"), _set(DATA)),
        _sequence(_oid("1.2.840.113549.1.9.4"), _set(_tlv(0x04, digest))),
        _sequence(_oid("1.2.840.113549.1.9.16.2.47"), _set(essential)),
        _sequence(_oid("1.2.840.113549.1.9.52"), _set(protection)),
    ]
    signed = _set(*attributes)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(signed, ec.ECDSA(hashes.SHA256()))
    else:
        signature = key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    unsigned = b""
    if timestamp is not None:  # [1] IMPLICIT SET OF Attribute: the signature-time-stamp-token
        unsigned = _tlv(0xA1, _sequence(_oid("1.2.840.113549.1.9.16.2.14"), _set(timestamp(signature))))
    signer = _sequence(_integer(1), issuer_serial, SHA256, b"\xa0" + signed[1:], algorithm,
                       _tlv(0x04, signature), unsigned)
    certificates = _tlv(0xA0, certificate + b"".join(der(c) for c in identity.chain))
    signed_data = _sequence(_integer(1), _set(SHA256), _sequence(DATA), certificates, _set(signer))
    return _sequence(_oid("1.2.840.113549.1.7.2"), _tlv(0xA0, signed_data))


def _extensions(elliptic: bool) -> bytes:
    """What the catalog declares, as pyHanko does: PAdES signatures (the ESIC extension to PDF 1.7) and, for an
    ECDSA signature, PDF 2.0 with ISO/TS 32002."""
    esic = b"/ESIC << /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 1 >>"
    if not elliptic:
        return b" /Version /1.7 /Extensions << " + esic + b" >>"
    return (b" /Version /2.0 /Extensions << " + esic + b" /ISO_ [<< /Type /DeveloperExtensions /BaseVersion /2.0"
            b" /ExtensionLevel 32002 /URL (https://www.iso.org/standard/45875.html) /ExtensionRevision (:2022) >>]"
            b" >>")


def _pdf_date(moment: dt.datetime) -> bytes:
    utc = moment.astimezone(dt.UTC)
    return b"(D:" + utc.strftime("%Y%m%d%H%M%S").encode("ascii") + b"Z)"


def certify(pdf: bytes, identity: Identity, *, field: str, reason: str, location: str, name: str,
            moment: dt.datetime, page: int, box: tuple[float, float, float, float], stamp: bytes,
            receipt: tuple[str, int, tuple[float, float, float, float]] | None = None,
            timestamp: Callable[[bytes], bytes] | None = None) -> bytes:
    """``pdf`` certified by ``identity``: the visible signature ``field`` on ``page`` (0-based, -1: the last)
    in ``box`` drawn as the one page of ``stamp``; ``receipt`` (name, page, box) adds an empty signature field
    for the operator. ``timestamp(signature) → TimeStampToken DER`` adds a time stamp. Raises NotOurs for a
    PDF or key this does not handle."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if not isinstance(identity.key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise NotOurs(type(identity.key).__name__)
    original = _Pdf(pdf)
    pages = original.pages()
    catalog, _ = original.object(original.root)
    if re.search(rb"/(AcroForm|Perms|Annots|Version|Extensions)\b", catalog):
        raise NotOurs("the catalog already has a form or permissions")
    on_page = pages[page if page >= 0 else len(pages) - 1]
    receipt_page = pages[receipt[1] if receipt[1] >= 0 else len(pages) - 1] if receipt is not None else on_page
    page_objects = {number: original.object(number) for number in {on_page, receipt_page}}
    if any(stream is not None or b"/Annots" in text for text, stream in page_objects.values()):
        raise NotOurs("a page with annotations")
    writer = _Writer(original.size, {})
    signature = writer.reserve()
    field_number = writer.reserve()
    appearance = _copy_page_as_form(stamp, writer, box)
    annotations: dict[int, list[int]] = {on_page: [field_number]}
    fields = [field_number]
    writer.add(b"<<\n/FT /Sig /T " + _string(field) + b" /Type /Annot /Subtype /Widget /F 132 /Rect " + _rect(box)
               + b" /P %d 0 R /AP << /N %d 0 R >> /V %d 0 R\n>>" % (on_page, appearance, signature), field_number)
    if receipt is not None:
        label, _, receipt_box = receipt
        width, height = receipt_box[2] - receipt_box[0], receipt_box[3] - receipt_box[1]
        empty = writer.add(b"<< /Type /XObject /Subtype /Form /BBox [0 0 " + _number(width) + b" " + _number(height)
                           + b"] /Resources << >> /Length 0 >>\nstream\n\nendstream")
        receipt_field = writer.add(
            b"<<\n/FT /Sig /T " + _string(label) + b" /Type /Annot /Subtype /Widget /F 132 /Rect "
            + _rect(receipt_box) + b" /P %d 0 R /AP << /N %d 0 R >>\n>>" % (receipt_page, empty))
        annotations.setdefault(receipt_page, []).insert(0, receipt_field)
        fields.insert(0, receipt_field)
    for number, widgets in annotations.items():
        writer.add(_with(page_objects[number][0], b"/Annots [" + b" ".join(b"%d 0 R" % w for w in widgets) + b"]"),
                   number)
    writer.add(_with(catalog, b"/AcroForm << /Fields [" + b" ".join(b"%d 0 R" % f for f in fields)
                     + b"] /SigFlags 3 >> /Perms << /DocMDP %d 0 R >>" % signature
                     + _extensions(isinstance(identity.key, ec.EllipticCurvePrivateKey))), original.root)
    # the hole left for the signature: half as large again as a trial one, as pyHanko reserves it
    trial = len(_cms(identity, bytes(32), None))
    room = trial + trial // 2 + (TIMESTAMP_BYTES if timestamp is not None else 0)
    placeholder = b"/ByteRange [0 0 0 0]" + b" " * 32
    writer.add(b"<<\n/Contents <" + b"0" * (2 * room) + b">\n" + placeholder
               + b"\n/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
               + b"\n/M " + _pdf_date(moment) + b" /Name " + _string(name)
               + b" /Location " + _string(location) + b" /Reason " + _string(reason)
               + b"\n/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams"
               + b" /V /1.2 /P 2 >> >>]\n>>", signature)

    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(writer.objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + writer.objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    numbers = sorted(offsets)
    run_start = 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            out += b"%d %d\n" % (numbers[run_start], i - run_start)
            out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in numbers[run_start:i])
            run_start = i
    ids = b" /ID [" + original.ids[0] + original.ids[1] + b"]" if original.ids else b""
    info = b" /Info %d 0 R" % original.info if original.info is not None else b""
    out += (b"trailer\n<< /Size %d /Root %d 0 R" % (writer.next_number, original.root) + info + ids
            + b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (original.xref, xref))

    sig_at = offsets[signature]
    hole_start = out.index(b"/Contents <", sig_at) + len(b"/Contents ")
    hole_end = out.index(b">", hole_start) + 1
    ranges = b"/ByteRange [0 %d %d %d]" % (hole_start, hole_end, len(out) - hole_end)
    at = out.index(placeholder, sig_at)
    out[at:at + len(placeholder)] = ranges.ljust(len(placeholder))
    digest = hashlib.sha256(bytes(out[:hole_start]) + bytes(out[hole_end:])).digest()
    cms = _cms(identity, digest, timestamp)
    if len(cms) > room:
        raise NotOurs("signature larger than its room")
    out[hole_start + 1:hole_start + 1 + 2 * len(cms)] = cms.hex().upper().encode("ascii")
    return bytes(out)
