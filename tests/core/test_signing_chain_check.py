"""Whether a signer's certificate chains to a trusted root: cryptography's own verifier answers the plain case
(a genuine inspector under the agency root) and pyhanko-certvalidator every other; each answer is the one
pyhanko-certvalidator alone gives, for the genuine certificate and for every forged or misused one."""
from __future__ import annotations

import datetime as dt

import pytest

from auditor import pki

from .test_signature_attacks import (
    genuine,  # noqa: F401 — the fixture
    look_alike_intermediate,
    minted_by_inspector,
    twin_identity,
    under_root,
)

MAKERS = {
    "genuine": lambda g: g.inspector,
    "look-alike-intermediate": look_alike_intermediate,
    "minted-by-an-inspector": minted_by_inspector,
    "minted-by-a-ca-flagged-inspector": lambda g: minted_by_inspector(g, ca=True),
    "twin-same-names-and-ski": twin_identity,
    "expired": lambda g: under_root(g, days=(-400, -1)),
    "not-yet-valid": lambda g: under_root(g, days=(10, 400)),
    "root-as-leaf": lambda g: g.root,
    "under-the-root-as-a-ca": lambda g: under_root(g, ca=True),    # the agency's mistake: still its signer
}


def pyhanko_alone(monkeypatch, identity, roots):
    with monkeypatch.context() as patch:
        patch.setattr(pki, "_plain_path", lambda *args: None)
        return pki.trusted_path(identity.certificate, identity.chain, roots)


@pytest.mark.parametrize("name", list(MAKERS))
def test_the_answer_is_pyhanko_certvalidators(genuine, monkeypatch, name):  # noqa: F811
    identity = MAKERS[name](genuine)
    roots = [genuine.root.certificate]
    path, problem = pki.trusted_path(identity.certificate, identity.chain, roots)
    expected_path, expected_problem = pyhanko_alone(monkeypatch, identity, roots)
    assert (path, problem) == (expected_path, expected_problem)
    assert (path is not None) == (name in ("genuine", "under-the-root-as-a-ca")), problem


def test_the_genuine_inspector_is_answered_without_pyhanko(genuine):  # noqa: F811
    inspector = genuine.inspector
    plain = pki._plain_path(inspector.certificate, list(inspector.chain), [genuine.root.certificate], None)
    assert plain == [pki.fingerprint(inspector.certificate), pki.fingerprint(genuine.root.certificate)]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * 30)          # past every certificate's dates
    assert pki._plain_path(inspector.certificate, list(inspector.chain), [genuine.root.certificate], later) is None
