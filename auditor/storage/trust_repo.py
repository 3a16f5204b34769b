"""The agency root, the trust list, certificates met so far, and plain settings."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from ..errors import InputError, NotFoundError
from .db import Store, inserted_id, now

if TYPE_CHECKING:
    from cryptography.x509 import Certificate

    from ..pki import Identity


@dataclass(frozen=True, slots=True)
class TrustedRoot:
    fingerprint: str
    subject: str
    certificate: bytes
    note: str
    added_at: str


class Inspector(TypedDict):
    """An inspector identity registered on this machine (its key inside the passphrase-protected PKCS#12)."""

    id: int
    name: str
    organization: str
    p12: bytes | None             # nullable columns: rows from before migration 7 lack the certificate
    fingerprint: str | None
    signature_png: bytes | None
    certificate: bytes | None


class TrustRepo:
    def __init__(self, store: Store) -> None:
        self.db = store.db

    # the roots this machine trusts
    def roots(self) -> list[TrustedRoot]:
        return [TrustedRoot(*r) for r in self.db.execute(
            "SELECT fingerprint, subject, certificate, note, added_at FROM trust_roots ORDER BY added_at, fingerprint")]

    def root_certificates(self) -> list[Certificate]:
        from ..pki import load_certificate

        return [load_certificate(bytes(r.certificate)) for r in self.roots()]

    def add_root(self, certificate: Certificate, note: str = "") -> TrustedRoot:
        """Trust ``certificate`` (a cryptography object) as a root; adding it twice changes nothing."""
        from cryptography import x509

        from ..pki import der, describe, fingerprint

        try:
            constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
            is_ca = constraints.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca:
            raise InputError(f"{describe(certificate)} 不是根证书（CA），不能加入信任列表；"
                             "请加入签发它的机构根证书")
        digest = fingerprint(certificate)
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO trust_roots (fingerprint, subject, certificate, note, added_at) "
                            "VALUES (?,?,?,?,?)", [digest, describe(certificate), der(certificate), note, now()])
        return self.root(digest)

    def root(self, prefix: str) -> TrustedRoot:
        """By fingerprint or an unambiguous prefix of it (at least 8 hex digits)."""
        prefix = prefix.strip().lower().replace(":", "")
        if len(prefix) < 8:
            raise InputError("指纹至少给出 8 位")
        rows = self.db.execute("SELECT fingerprint, subject, certificate, note, added_at FROM trust_roots "
                               "WHERE fingerprint LIKE ? || '%'", [prefix]).fetchall()
        if len(rows) != 1:
            raise NotFoundError(f"信任列表中{'没有' if not rows else '有多个'}指纹以 {prefix} 开头的证书")
        return TrustedRoot(*rows[0])

    def remove_root(self, prefix: str) -> TrustedRoot:
        root = self.root(prefix)
        with self.db.atomic():
            self.db.execute("DELETE FROM trust_roots WHERE fingerprint = ?", [root.fingerprint])
        return root

    # the agency's own signing root (its key encrypted with its own passphrase)
    def add_agency_root(self, p12: bytes, certificate: Certificate) -> None:
        from ..pki import der, describe, fingerprint

        with self.db.atomic():
            self.db.execute("INSERT INTO agency_roots (fingerprint, subject, certificate, p12, created_at) "
                            "VALUES (?,?,?,?,?)", [fingerprint(certificate), describe(certificate), der(certificate),
                                                   p12, now()])
            self.add_root(certificate, "本机创建的机构根证书")

    def agency_root(self) -> tuple[bytes, bytes] | None:
        """(PKCS#12, certificate DER) of the newest agency root created here, or None."""
        row = self.db.execute("SELECT p12, certificate FROM agency_roots ORDER BY created_at DESC, rowid DESC "
                              "LIMIT 1").fetchone()
        return (bytes(row[0]), bytes(row[1])) if row else None

    # certificates met so far: inspectors issued or imported here, signers of verified documents
    def remember(self, certificate: Certificate, chain: Iterable[Certificate] = ()) -> None:
        from ..pki import der, describe, fingerprint

        digest = fingerprint(certificate)
        if self.db.execute("SELECT 1 FROM certificates WHERE fingerprint = ?", [digest]).fetchone():
            return
        with self.db.atomic():
            self.db.execute("INSERT INTO certificates (fingerprint, subject, certificate, chain, seen_at) "
                            "VALUES (?,?,?,?,?)", [digest, describe(certificate), der(certificate),
                                                   b"".join(der(c) for c in chain) or None, now()])

    def current_inspector(self) -> Inspector | None:
        """The newest inspector identity registered on this machine (the app signs with it)."""
        row = self.db.execute("SELECT id, name, organization, p12, fingerprint, signature_png, certificate "
                              "FROM inspectors ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        rid, name, organization, p12, fingerprint, signature_png, certificate = row
        return Inspector(id=rid, name=name, organization=organization, p12=p12, fingerprint=fingerprint,
                         signature_png=signature_png, certificate=certificate)

    def chain_of(self, fingerprint: str) -> tuple[Certificate, ...]:
        """The chain met with a certificate (as remembered), as cryptography objects; () if none."""
        from ..pki import split_certificates

        known = self.certificates_by_prefix(fingerprint)
        return split_certificates(known[0][1]) if known else ()

    def certificates_by_prefix(self, prefix: str) -> list[tuple[bytes, bytes | None]]:
        return [(bytes(c), bytes(ch) if ch else None) for c, ch in self.db.execute(
            "SELECT certificate, chain FROM certificates WHERE fingerprint LIKE ? || '%'", [prefix.lower()])]

    # settings
    def setting(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            if value:
                self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
            else:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])

    def register_inspector(self, identity: Identity, p12: bytes, signature_png: bytes | None = None) -> int:
        """An inspector's identity on this machine (the app signs with it after asking the passphrase)."""
        from ..pki import der, subject_field

        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO inspectors (name, organization, p12, fingerprint, certificate, signature_png, created_at) "
                "VALUES (?,?,?,?,?,?,?)", [identity.name, subject_field(identity.certificate, "O"), p12,
                                           identity.fingerprint, der(identity.certificate), signature_png, now()])
            self.remember(identity.certificate, identity.chain)
        return inserted_id(cursor)
