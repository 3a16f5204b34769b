"""Builders of month entries for the tests: every due item passes unless overridden."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditor.calendar import Period
from auditor.scoring import is_due

# copies of shared/seeds/, so the tests run from any checkout
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def passing_value(indicator) -> str:
    """A value that meets the indicator's target exactly."""
    return str(indicator.target)


def month_doc(contract, period: str, overrides: dict[str, Any] | None = None, **facts) -> dict[str, Any]:
    """An entries document where every due item passes, then ``overrides`` (code → entry or None)."""
    p = Period.parse(period)
    overrides = overrides or {}
    measurements = []
    for indicator in contract.indicators:
        if indicator.derived or not is_due(contract, indicator, p):
            continue
        entry = overrides.get(indicator.code, {"value": passing_value(indicator)})
        if entry is not None:
            measurements.append({"indicator": indicator.code, **entry})
    doc: dict[str, Any] = {"contract": contract.id, "period": period, "measurements": measurements,
                           "headcount": {r.key: r.required for r in contract.roles}}
    if contract.incident_steps:
        doc["incidents"] = 0
    doc.update(facts)
    return doc


def record(store, contract, period: str, overrides=None, **facts):
    from auditor.entries import parse_entries

    doc = json.loads(json.dumps(month_doc(contract, period, overrides, **facts)), parse_float=Decimal)
    store.months.record(contract, parse_entries(contract, doc))


def write_doc(tmp_path: Path, doc: dict[str, Any], name: str = "entries.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def failing(indicator) -> dict[str, str]:
    """An entry that fails ``indicator``."""
    return {"value": "100" if indicator.comparator.value == "<=" else "0"}


def with_store(path, fn):
    """Open the database file at ``path``, apply ``fn`` to the store, close it, return the result."""
    from auditor.storage import open_store

    store = open_store(path)
    try:
        return fn(store)
    finally:
        store.close()


def digest(path) -> str:
    """SHA-256 of every row of the database at ``path``: equal digests mean nothing changed."""
    return with_store(path, lambda store: store.content_digest())


ROOT_PASS = b"agency-root-passphrase"
PASS = b"correct horse"


def inspector(store, name: str = "李全奇", organization: str = "河南省政务大数据中心", signature_png=None):
    """An inspector identity issued under this store's agency root (created on first use), registered.
    Returns what the user hands over to sign (documents.service.Identity)."""
    from auditor import pki
    from auditor.documents.service import Identity

    root = store.trust.agency_root()
    if root is None:
        p12, certificate = pki.create_root(organization, ROOT_PASS)
        store.trust.add_agency_root(p12, certificate)
        root = store.trust.agency_root()
    p12, identity = pki.issue_inspector(pki.load_identity(root[0], ROOT_PASS), name, organization, PASS)
    store.trust.register_inspector(identity, p12, signature_png)
    return Identity(p12, PASS, signature_png)


def cli(db, capsys, *args) -> list[str]:
    """``auditor --db DB ARGS…`` in process: its output lines (it must succeed)."""
    from auditor.cli import main

    capsys.readouterr()
    code = main(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out.splitlines()
