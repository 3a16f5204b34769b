"""The QR code on every issued document: a compact text, signed with the issuing inspector's key.

Format (docs/qr-code.md), UTF-8, fields separated by ``;``, each ``key=value``, ``s`` last::

    ADQR1;k=notice;n=豫政数整改〔2025〕1号;d=2025-11-17;x=2025-11-24;h=<64 hex>;f=<32 hex>;s=<base64url>

``k`` kind, ``n`` number, ``d`` issue date, ``x`` deadline (notices), ``a`` amount in yuan with two
decimals (score sheets: deductions; installments and payments: payable), ``p`` score (points contracts),
``h`` SHA-256 of the document's canonical content (``auditor documents export``), ``f`` the first 32 hex
digits of the SHA-256 of the signer's certificate (DER), ``s`` the signature over the UTF-8 bytes of
everything before ``;s=``: ECDSA P-256/SHA-256 as raw r‖s (64 bytes), or RSA PKCS#1 v1.5/SHA-256, in
base64url without padding. Anyone with the inspector's certificate can check it; it is worth something
when that certificate chains to the agency's root.
"""
from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..hashing import json_sha256, json_text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.serialization.pkcs12 import PKCS12PrivateKeyTypes
    from cryptography.x509 import Certificate

    from ..pki import Identity

PREFIX = "ADQR1"
ORDER = ("k", "n", "d", "x", "a", "p", "h", "f")
LABELS = {"k": "文书种类", "n": "文号", "d": "签发日期", "x": "整改期限", "a": "金额", "p": "得分", "h": "内容摘要",
          "f": "签名证书"}


def canonical(content: dict[str, Any]) -> str:
    """The canonical text of a document's content: what ``h`` hashes."""
    return json_text(content, sort_keys=True, compact=True)


def content_hash(content: dict[str, Any]) -> str:
    return json_sha256(content, sort_keys=True, compact=True)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    import re

    if not re.fullmatch(r"[A-Za-z0-9_-]{8,1024}", text):
        raise ValueError(text)
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _body(fields: dict[str, str]) -> str:
    for key, value in fields.items():
        if key not in ORDER or any(c in value for c in ";=\n\r"):
            raise ValueError(f"QR field {key}={value!r}")
    return ";".join([PREFIX] + [f"{k}={fields[k]}" for k in ORDER if fields.get(k)])


def make(fields: dict[str, str], identity: Identity | None = None) -> str:
    """The payload; signed when ``identity`` (pki.Identity) is given, else without ``s``."""
    from ..pki import fingerprint

    if identity is None:
        return _body(fields)
    body = _body({**fields, "f": fingerprint(identity.certificate)[:32]})
    return f"{body};s={_b64(_sign(identity.key, body.encode('utf-8')))}"


def _sign(key: PKCS12PrivateKeyTypes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        size = (key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    raise InputError("不支持的签名密钥类型（须为 EC 或 RSA）")


def _check(public_key: object, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            size = (public_key.curve.key_size + 7) // 8
            if len(signature) != 2 * size:
                return False
            der = encode_dss_signature(int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big"))
            public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class Payload:
    fields: dict[str, str]
    body: str
    signature: bytes | None


def parse(text: str) -> Payload:
    """Read a payload typed or scanned; a malformed one is bad input (exit 2)."""
    text = text.strip()
    body, sep, sig = text.rpartition(";s=")
    if not sep:
        body, sig = text, ""
    parts = body.split(";")
    if parts[0] != PREFIX:
        raise InputError(f"不是本程序文书的二维码内容（应以 {PREFIX}; 开头）")
    fields: dict[str, str] = {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if not eq or key not in ORDER or key in fields or not value:
            raise InputError(f"二维码内容格式错误：“{part[:40]}”")
        fields[key] = value
    for required in ("k", "n", "d", "h"):
        if required not in fields:
            raise InputError(f"二维码内容缺少{LABELS[required]}（{required}=）")
    signature = None
    if sig:
        try:
            signature = _unb64(sig)
        except (ValueError, TypeError):
            raise InputError("二维码中的签名不是有效的 base64url 文本") from None
    return Payload(fields, body, signature)


@dataclass(frozen=True)
class CodeCheck:
    outcome: str  # valid | altered | untrusted
    payload: Payload
    signer: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return {"valid": 0, "altered": 3, "untrusted": 4}[self.outcome]

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "exit_code": self.exit_code, "signer": self.signer,
                "problems": self.problems, "fields": self.payload.fields}


def verify(text: str, certificates: Iterable[tuple[Certificate, Sequence[Certificate]]], roots: Sequence[Certificate],
           registered_qr: str | None = None) -> CodeCheck:
    """Check a payload: its signature by a certificate whose fingerprint it names (among ``certificates``:
    (certificate, chain) pairs), that certificate's chain to ``roots``, and the local register."""
    from ..pki import chain_status, describe, fingerprint

    payload = parse(text)
    if payload.signature is None:
        return CodeCheck("untrusted", payload, problems=["二维码未签名，不能证明文书真伪"])
    prefix = payload.fields.get("f", "")
    candidates = [(c, chain) for c, chain in certificates if prefix and fingerprint(c).startswith(prefix)]
    if not candidates:
        return CodeCheck("untrusted", payload, problems=["找不到二维码所指的签名证书（可用 --cert 提供检查人员证书）"])
    for certificate, chain in candidates:
        if _check(certificate.public_key(), payload.signature, payload.body.encode("utf-8")):
            signer = describe(certificate)
            if registered_qr is not None and registered_qr != text.strip():
                return CodeCheck("altered", payload, signer, ["与登记簿中该文号的二维码内容不一致"])
            trusted, problem = chain_status(certificate, chain, roots)
            if not trusted:
                return CodeCheck("untrusted", payload, signer, [problem])
            return CodeCheck("valid", payload, signer)
    return CodeCheck("altered", payload, problems=["二维码内容与签名不符：内容被改动或伪造"])
