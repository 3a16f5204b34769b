"""Cryptographic PDF signatures (PAdES baseline B through pyHanko) and offline verification.

The inspector's identity is an EC P-256 key with a self-signed certificate in a
PKCS#12 file protected by a passphrase they choose (or one their agency
issued). A signature is "intact" when the signed bytes are unchanged and cover
the whole file; a self-signed certificate is reported as such (not trusted
unless its fingerprint is in the app's list of known inspectors). Any file
changed after signing is reported as altered — including when the PDF
library raises instead of returning a status.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..paths import resources_dir


class SigningError(InputError):
    """The identity cannot be used (wrong passphrase, not a PKCS#12 file…)."""


@dataclass(frozen=True)
class Verification:
    signed: bool
    intact: bool
    signer: str = ""
    organization: str = ""
    signed_at: dt.datetime | None = None
    fingerprint: str = ""
    number: str = ""
    content_sha256: str = ""
    trusted: bool = False
    problem: str = ""
    details: list[str] = field(default_factory=list)

    @property
    def altered(self) -> bool:
        return self.signed and not self.intact

    def as_dict(self) -> dict:
        return {"signed": self.signed, "intact": self.intact, "altered": self.altered, "signer": self.signer,
                "organization": self.organization,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "certificate_sha256": self.fingerprint, "trusted": self.trusted, "number": self.number,
                "content_sha256": self.content_sha256, "problem": self.problem}


def create_identity(name: str, organization: str, passphrase: bytes, years: int = 5) -> bytes:
    """A new EC P-256 key and self-signed certificate, as PKCS#12 bytes protected by ``passphrase``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    if len(passphrase) < 6:
        raise SigningError("签名口令至少 6 个字符")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase))


def _signer(p12: bytes, passphrase: bytes):
    from pyhanko.sign import signers

    try:
        return signers.SimpleSigner.load_pkcs12_data(p12, other_certs=(), passphrase=passphrase)
    except (ValueError, TypeError):
        raise SigningError("无法打开签名证书：口令错误或文件不是 PKCS#12 证书") from None


def certificate_fingerprint(p12: bytes, passphrase: bytes) -> str:
    return _signer(p12, passphrase).signing_cert.sha256.hex()


def sign_pdf(pdf: bytes, p12: bytes, passphrase: bytes, *, reason: str, location: str,
             box: tuple[float, float, float, float], page: int = -1) -> bytes:
    """Sign with a visible stamp in ``box`` (x1, y1, x2, y2 in points) on ``page`` (-1: last)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = _signer(p12, passphrase)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    pages = int(writer.root["/Pages"]["/Count"])
    font = GlyphAccumulatorFactory(str(resources_dir() / "fonts" / "AuditorSong-Regular.ttf"), font_size=8)
    style = TextStampStyle(
        stamp_text="电子签名：%(signer)s\n时间：%(ts)s\n事由：%(reason)s",
        text_box_style=TextBoxStyle(font=font), timestamp_format="%Y-%m-%d %H:%M:%S", border_width=1)
    signer_name = signer.signing_cert.subject.native.get("common_name", "")
    meta = signers.PdfSignatureMetadata(field_name="AuditorSignature", reason=reason, location=location,
                                        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=fields.SigFieldSpec(
        sig_field_name="AuditorSignature", on_page=page if page >= 0 else pages - 1, box=box))
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params={"signer": signer_name, "reason": reason})
    return out.getvalue()


def verify_pdf(data: bytes, known_fingerprints: set[str] | None = None) -> Verification:
    """Whether ``data`` is signed and unchanged since; never raises for a damaged or altered file."""
    number = content = ""
    try:
        from pypdf import PdfReader

        info = PdfReader(io.BytesIO(data)).metadata or {}
        for part in str(info.get("/Keywords", "")).split(";"):
            if part.startswith("number="):
                number = part[7:]
            elif part.startswith("sha256="):
                content = part[7:]
    except Exception:  # noqa: BLE001 — unreadable metadata is reported through the signature check below
        pass
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return Verification(False, False, number=number, content_sha256=content, problem="文件未签名")
        details = []
        intact_all = True
        first = None
        for sig in signatures:
            cert = sig.signer_cert
            context = ValidationContext(trust_roots=[cert], allow_fetching=False)
            status = validate_pdf_signature(sig, context)
            ok = bool(status.intact and status.valid)
            covers = status.coverage is not None and status.coverage.name in ("ENTIRE_FILE", "ENTIRE_REVISION")
            later = status.modification_level is not None and status.modification_level.name not in (
                "NONE", "LTA_UPDATES")
            if status.coverage is not None and status.coverage.name == "ENTIRE_REVISION" and later:
                ok = False
                details.append("签名后文件被追加修改")
            intact_all = intact_all and ok and covers
            details.append(status.summary())
            first = first or (sig, status)
        sig, status = first
        subject = sig.signer_cert.subject.native
        fingerprint = sig.signer_cert.sha256.hex()
        return Verification(True, intact_all, subject.get("common_name", ""), subject.get("organization_name", ""),
                            status.signer_reported_dt, fingerprint, number, content,
                            fingerprint in (known_fingerprints or set()),
                            "" if intact_all else "签名后文件已被改动", details)
    except Exception as exc:  # noqa: BLE001 — some tampering makes validation raise: that is "altered"
        return Verification(True, False, number=number, content_sha256=content,
                            problem=f"签名无法验证，文件已损坏或被改动（{type(exc).__name__}）")


def read_identity(path: Path, passphrase_file: Path) -> tuple[bytes, bytes]:
    try:
        return path.read_bytes(), passphrase_file.read_bytes().strip()
    except OSError as exc:
        raise SigningError(f"无法读取签名证书或口令文件：{exc.strerror}（{exc.filename}）") from None
