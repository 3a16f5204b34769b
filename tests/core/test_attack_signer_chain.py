"""The operator against the signer's chain check: the fast path (cryptography's verifier) must never trust a
certificate pyhanko-certvalidator refuses. An agency that runs its own hierarchy may restrict a subordinate CA
by name or by policy; cryptography's verifier passes over a non-critical directory-name constraint and every
certificate policy, so a certificate the subordinate issued outside its restriction (an operator's staff
member, here) was trusted by the fast path. Each certificate is built for real; the PDF is signed for real."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from auditor import pki
from auditor.documents.signing import sign_pdf, verify_pdf

NOW = dt.datetime.now(dt.UTC)
AGENCY, OPERATOR = "河南省政务大数据中心", "河南龙翼信息技术有限公司"


def name(common: str, organization: str = AGENCY) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def usage(ca: bool, *, signs: bool = True, commits: bool = True, enciphers: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=signs and not ca, content_commitment=commits and not ca,
                         key_encipherment=enciphers, data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                         crl_sign=ca, encipher_only=False, decipher_only=False)


def certificate(subject: x509.Name, key, issuer: x509.Name, issuer_key, *, ca: bool, path_length: int | None = None,
                key_usage: x509.KeyUsage | None = None, extra=()) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(NOW - dt.timedelta(days=1))
               .not_valid_after(NOW + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
               .add_extension(key_usage or usage(ca), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if issuer_key is not key:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ObjectIdentifier(pki.DOCUMENT_SIGNING),
                                                               ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    for extension, critical in extra:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(issuer_key, hashes.SHA256())


def key():
    return ec.generate_private_key(ec.SECP256R1())


ROOT_KEY = key()
ROOT = certificate(name("文书签名根证书"), ROOT_KEY, name("文书签名根证书"), ROOT_KEY, ca=True)

OUTSIDE_OPERATOR = x509.NameConstraints(permitted_subtrees=None, excluded_subtrees=[x509.DirectoryName(
    x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"), x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                                                                 OPERATOR)]))])
ONLY_AGENCY = x509.NameConstraints(excluded_subtrees=None, permitted_subtrees=[x509.DirectoryName(
    x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"), x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                                                                 AGENCY)]))])
EXPLICIT_POLICY = x509.PolicyConstraints(require_explicit_policy=0, inhibit_policy_mapping=None)
DOCUMENT_POLICY = x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier("1.2.156.112562.1"), None)])
OTHER_POLICY = x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier("1.2.156.999.1"), None)])

# the subordinate CA's restriction, and the certificate it issued outside it (subject, leaf extensions)
RESTRICTED = {
    "excluded-operator-non-critical": ([(OUTSIDE_OPERATOR, False)], name("武明亮", OPERATOR), ()),
    "permitted-agency-non-critical": ([(ONLY_AGENCY, False)], name("武明亮", OPERATOR), ()),
    "explicit-policy-non-critical": ([(EXPLICIT_POLICY, False)], name("李全奇"), ()),
    "explicit-policy-other-policy": ([(DOCUMENT_POLICY, False), (EXPLICIT_POLICY, False)], name("李全奇"),
                                     [(OTHER_POLICY, False)]),
}


def under_subordinate(restriction, subject, leaf_extra) -> pki.Identity:
    middle_key, leaf_key = key(), key()
    middle = certificate(name("签名子CA"), middle_key, ROOT.subject, ROOT_KEY, ca=True, extra=restriction)
    leaf = certificate(subject, leaf_key, middle.subject, middle_key, ca=False, extra=leaf_extra)
    return pki.Identity(leaf_key, leaf, (middle, ROOT))


def pyhanko_alone(monkeypatch, identity: pki.Identity):
    with monkeypatch.context() as patch:
        patch.setattr(pki, "_plain_path", lambda *args: None)
        return pki.trusted_path(identity.certificate, identity.chain, [ROOT])


def test_a_plain_subordinate_is_answered_by_the_fast_path_and_trusted():
    identity = under_subordinate((), name("李全奇"), ())
    assert pki._plain_path(identity.certificate, list(identity.chain), [ROOT], None) is not None
    assert pki.chain_status(identity.certificate, identity.chain, [ROOT]) == (True, "")


@pytest.mark.parametrize("case", list(RESTRICTED))
def test_a_certificate_issued_outside_a_subordinates_restriction_is_untrusted(monkeypatch, case):
    identity = under_subordinate(*RESTRICTED[case])
    assert pyhanko_alone(monkeypatch, identity)[0] is None              # the restriction is real
    path, problem = pki.trusted_path(identity.certificate, identity.chain, [ROOT])
    assert path is None and problem == pyhanko_alone(monkeypatch, identity)[1]


# the leaf's own misuse: a key that may not sign, an extension a verifier must understand
MISUSED = {
    "encipherment-only": {"key_usage": usage(False, signs=False, commits=False, enciphers=True)},
    "non-repudiation-only": {"key_usage": usage(False, signs=False)},
    "unknown-critical-extension": {"extra": [(x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.5"),
                                                                          b"\x05\x00"), True)]},
}


@pytest.mark.parametrize("case", list(MISUSED))
def test_a_leaf_misused_under_the_root_is_untrusted(monkeypatch, case):
    leaf_key = key()
    leaf = certificate(name("李全奇"), leaf_key, ROOT.subject, ROOT_KEY, ca=False, **MISUSED[case])
    identity = pki.Identity(leaf_key, leaf, (ROOT,))
    path, problem = pki.trusted_path(leaf, identity.chain, [ROOT])
    assert path is None and (path, problem) == pyhanko_alone(monkeypatch, identity)


def plain_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "deduction 64680.00")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_signed_outside_the_subordinates_restriction_is_untrusted():
    identity = under_subordinate(*RESTRICTED["excluded-operator-non-critical"])
    signed = sign_pdf(plain_pdf(), identity, reason="签发", location="郑州", box=(20, 20, 200, 70), page=0).pdf
    result = verify_pdf(signed, [ROOT])
    assert result.outcome == "untrusted" and result.exit_code == 4, result.problems
    assert not result.issuer.trusted and result.issuer.signer == "武明亮"
