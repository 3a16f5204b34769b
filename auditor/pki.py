"""The agency's certificates: a signing root, inspector certificates issued under it, and trust decisions.

A signature proves something only if its certificate chains to a root the verifier chose to trust. The
root is the agency's own (``auditor ca create``: EC P-256, its key kept encrypted with a passphrase of
its own) or one an agency already runs; inspectors get a certificate issued under it (key usage
digitalSignature + nonRepudiation, extended key usage documentSigning and emailProtection — the second
because NSS-based readers such as poppler's ``pdfsig`` check signer certificates for it). A certificate
whose names copy the inspector's, but which no trusted root signed, is never trusted.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization.pkcs12 import PKCS12PrivateKeyTypes

DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36"  # id-kp-documentSigning, RFC 9336


class SigningError(InputError):
    """The identity cannot be used (wrong passphrase, not a PKCS#12 file, not issued for signing…)."""


@dataclass(frozen=True)
class Identity:
    """What signs: the private key, its certificate and the chain above it (as ``cryptography`` objects)."""

    key: PKCS12PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return subject_field(self.certificate, "CN")


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, hex: how a certificate is named in the trust list and the QR code."""
    from cryptography.hazmat.primitives.serialization import Encoding

    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def der(certificate: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return certificate.public_bytes(Encoding.DER)


def subject_field(certificate: x509.Certificate, short: str) -> str:
    from cryptography.x509.oid import NameOID

    oid = {"CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME}[short]
    values = certificate.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def describe(certificate: x509.Certificate) -> str:
    name, org = subject_field(certificate, "CN"), subject_field(certificate, "O")
    return f"{name}（{org}）" if org and org not in name else name


def is_self_signed(certificate: x509.Certificate) -> bool:
    return certificate.issuer == certificate.subject


def split_certificates(blob: bytes | None) -> tuple[x509.Certificate, ...]:
    """Certificates stored back to back (DER, as the trust repository keeps a chain) → tuple."""
    from cryptography import x509

    out: list[x509.Certificate] = []
    rest = blob or b""
    while rest:
        first = rest[1]
        if first < 0x80:
            length = 2 + first
        else:
            count = first & 0x7F
            length = 2 + count + int.from_bytes(rest[2:2 + count], "big")
        out.append(x509.load_der_x509_certificate(rest[:length]))
        rest = rest[length:]
    return tuple(out)


def load_certificate(data: bytes, place: str = "证书") -> x509.Certificate:
    """A certificate from DER or PEM bytes (.cer/.crt/.pem)."""
    from cryptography import x509

    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise InputError(f"{place} 不是有效的 X.509 证书（.cer/.crt，DER 或 PEM）") from None


def _name(common_name: str, organization: str) -> x509.Name:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    if not common_name.strip() or not organization.strip():
        raise InputError("证书须有名称和单位")
    for label, value in (("姓名", common_name), ("单位名称", organization)):
        if len(value.strip().encode("utf-8")) > 64:  # X.509 upper bound (RFC 5280), counted in UTF-8 bytes
            raise InputError(f"{label}“{value.strip()}”过长：证书中最多 64 字节（约 21 个汉字），请用简称")
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization.strip()),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip())])


def _check_passphrase(passphrase: bytes, minimum: int = 6) -> None:
    if len(passphrase) < minimum:
        raise SigningError(f"口令至少 {minimum} 个字符")


def _p12(name: str, key: PKCS12PrivateKeyTypes, certificate: x509.Certificate, chain: Iterable[x509.Certificate],
         passphrase: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    return pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, certificate, list(chain) or None,
                                                 serialization.BestAvailableEncryption(passphrase))


def create_root(organization: str, passphrase: bytes, years: int = 20) -> tuple[bytes, x509.Certificate]:
    """The agency's signing root: (PKCS#12 of key + certificate protected by ``passphrase``, certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    _check_passphrase(passphrase, 8)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name("文书签名根证书", organization)  # the organization is in O: a CN naming it would pass 64 bytes
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256()))
    return _p12(subject_field(certificate, "CN"), key, certificate, (), passphrase), certificate


def load_identity(p12: bytes, passphrase: bytes) -> Identity:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(p12, passphrase)
    except (ValueError, TypeError):
        raise SigningError("无法打开证书：口令错误或文件不是 PKCS#12 证书") from None
    if key is None or certificate is None:
        raise SigningError("PKCS#12 文件中没有私钥和证书")
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey, dsa.DSAPrivateKey,
                            ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)):
        # an X25519 or DH key only agrees on keys: it cannot sign
        raise SigningError(f"PKCS#12 文件中的私钥（{type(key).__name__}）不能用于签名")
    return Identity(key, certificate, tuple(chain or ()))


def _leaf(builder: x509.CertificateBuilder, not_after: dt.datetime) -> x509.CertificateBuilder:
    """A signing certificate's dates and extensions: what pdfsig and pyHanko expect of a document signer."""
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

    now = dt.datetime.now(dt.UTC)
    return (builder.serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ObjectIdentifier(DOCUMENT_SIGNING),
                                                  ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False))


def issue_inspector(root: Identity, name: str, organization: str, passphrase: bytes,
                    years: int = 3) -> tuple[bytes, Identity]:
    """An inspector's key and certificate issued under the agency root, as PKCS#12 (with the root in it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    _check_passphrase(passphrase)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    not_after = min(now + dt.timedelta(days=365 * years), root.certificate.not_valid_after_utc)
    builder = _leaf(x509.CertificateBuilder().subject_name(_name(name, organization))
                    .issuer_name(root.certificate.subject).public_key(key.public_key()), not_after)
    certificate = (builder
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                       root.key.public_key()), critical=False)
                   .sign(root.key, hashes.SHA256()))
    chain = (root.certificate,)
    return _p12(name, key, certificate, chain, passphrase), Identity(key, certificate, chain)


def create_self_signed(name: str, organization: str, passphrase: bytes, years: int = 5) -> bytes:
    """A self-signed identity: what an operator (or an attacker) can make for itself. Never trusted by
    name; kept for the operator's countersignature and for tests that show it is refused."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    _check_passphrase(passphrase)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, organization)
    now = dt.datetime.now(dt.UTC)
    builder = x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
    certificate = _leaf(builder, now + dt.timedelta(days=365 * years)).sign(key, hashes.SHA256())
    return _p12(name, key, certificate, (), passphrase)


def check_signing_certificate(certificate: x509.Certificate) -> None:
    """Refuse, at signing time, a certificate that verifiers would reject for its use or dates."""
    from cryptography import x509

    now = dt.datetime.now(dt.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SigningError(f"证书有效期为 {certificate.not_valid_before_utc:%Y-%m-%d} 至 "
                           f"{certificate.not_valid_after_utc:%Y-%m-%d}，今天不能用它签名")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise SigningError("该证书不允许用于签名（密钥用途）")


def chain_status(certificate: x509.Certificate, intermediates: Iterable[x509.Certificate],
                 roots: Sequence[x509.Certificate], moment: dt.datetime | None = None) -> tuple[bool, str]:
    """(trusted, problem): whether ``certificate`` chains to one of ``roots`` (cryptography objects) with
    signing key usage. Offline: no revocation fetching."""
    path, problem = trusted_path(certificate, intermediates, roots, moment)
    return path is not None, problem


_PLAIN_CRITICAL = {"2.5.29.15", "2.5.29.19", "2.5.29.37"}  # key usage, basic constraints, extended key usage
# what an intermediate may carry in the plain case (with SKI, AKI, CRL distribution points, authority information
# access): cryptography's verifier passes over a non-critical name constraint on directory names and every
# certificate policy, which pyhanko-certvalidator enforces
_PLAIN_INTERMEDIATE = _PLAIN_CRITICAL | {"2.5.29.14", "2.5.29.35", "2.5.29.31", "1.3.6.1.5.5.7.1.1"}


def _plain_path(certificate: x509.Certificate, intermediates: Sequence[x509.Certificate],
                roots: Sequence[x509.Certificate], moment: dt.datetime | None) -> list[str] | None:
    """The path when ``cryptography``'s own verifier (RFC 5280, in Rust, well under a millisecond) finds the
    plain case: a leaf that is no CA, whose key may sign, with no other critical extension, under a root
    whose path length allows it, through intermediates with no name constraint or policy. None otherwise —
    then pyhanko-certvalidator decides, with its reasons, as it always did (importing it and asyncio costs a
    signing command 50 ms)."""
    from cryptography import x509
    from cryptography.x509 import verification

    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return None
    except ValueError:  # a malformed extension
        return None
    if constraints.ca or not usage.digital_signature or any(
            e.critical and e.oid.dotted_string not in _PLAIN_CRITICAL for e in certificate.extensions):
        return None
    when = (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    builder = (verification.PolicyBuilder().store(verification.Store(list(roots))).time(when)
               .extension_policies(ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
                                   ee_policy=verification.ExtensionPolicy.permit_all()))
    try:
        chain = builder.build_client_verifier().verify(certificate, list(intermediates)).chain
    except (verification.VerificationError, ValueError):
        return None
    try:
        limit = chain[-1].extensions.get_extension_for_class(x509.BasicConstraints).value.path_length
    except x509.ExtensionNotFound:
        return None
    if limit is not None and len(chain) - 2 > limit:
        return None
    try:
        if any(e.oid.dotted_string not in _PLAIN_INTERMEDIATE for c in chain[1:-1] for e in c.extensions):
            return None
    except ValueError:
        return None
    return [fingerprint(c) for c in chain]


def trusted_path(certificate: x509.Certificate, intermediates: Iterable[x509.Certificate],
                 roots: Sequence[x509.Certificate], moment: dt.datetime | None = None) -> tuple[list[str] | None, str]:
    """The validated path from ``certificate`` up to its trusted root, as SHA-256 fingerprints (leaf first),
    or None and the reason it is not trusted."""
    if not roots:
        return None, "本机信任列表为空"
    if is_self_signed(certificate) and fingerprint(certificate) not in {fingerprint(r) for r in roots}:
        return None, "自签名证书，不在信任列表中（任何人都能以任意名称制作）"
    intermediates = list(intermediates)
    plain = _plain_path(certificate, intermediates, roots, moment)
    if plain is not None:
        return plain, ""
    import asyncio

    from asn1crypto import x509 as asn1x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    load = asn1x509.Certificate.load
    context = ValidationContext(trust_roots=[load(der(r)) for r in roots], allow_fetching=False,
                                moment=moment, revocation_mode="soft-fail")
    validator = CertificateValidator(load(der(certificate)), [load(der(c)) for c in intermediates], context)
    try:
        path = asyncio.run(validator.async_validate_usage({"digital_signature"}))
    except PathBuildingError:
        return None, "证书不是由信任列表中的根证书签发的"
    except PathValidationError:
        return None, "证书链验证失败：证书并非由信任列表中的根证书签发（名称相同也不算），或已过期、用途不符"
    except Exception as exc:  # noqa: BLE001 — a malformed certificate is "not trusted", with the reason
        return None, f"证书无法按信任列表验证（{type(exc).__name__}）"
    # a trust anchor's own path length constraint is not applied by the validator (RFC 5280 leaves anchors'
    # constraints to the relying party): apply it, so a certificate mis-issued with CA=true mints nothing
    anchor = path.trust_anchor.authority.certificate if hasattr(path.trust_anchor.authority, "certificate") else None
    if anchor is not None:
        constraint = anchor.basic_constraints_value
        limit = constraint["path_len_constraint"].native if constraint is not None else None
        if limit is not None and path.pkix_len - 1 > limit:
            return None, "证书链超出根证书允许的层级（根证书只允许直接签发检查人员证书）"
    return [c.sha256.hex() for c in reversed(list(path))], ""
