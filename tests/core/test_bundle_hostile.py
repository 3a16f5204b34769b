"""Bundles a hostile sender crafted: each case builds the file it describes from a real bundle, runs
``auditor bundle import`` and checks exit 2, a Chinese message naming the bundle and what is wrong, the
database and evidence byte-identical (``hostile.refused``) and no file created, changed or removed anywhere
under the test's folder (where a path taken from the bundle would land).

Most cases are signed by the trusted laptop itself: trust in a signer does not extend to the file's
paths, tables, columns or values (a laptop can be lost, or an inspector can be the adversary).
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from auditor import notices, pki
from auditor.bundle import export_bundle, import_bundle, received_documents
from auditor.calendar import Period
from auditor.cli import main
from auditor.opening import open_database

from .builders import PASS, ROOT_PASS, inspector
from .hostile import refused, sha, tree, write_members
from .test_bundle import IDS, build_laptop

OCT = Period(2025, 10)
ZEROS = b"\0" * (24 << 20)  # 24 MiB that deflate to ~24 KB
LINK = stat.S_IFLNK | 0o777
OWNED = b"written by the sender"



@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The laptop (its identity) and a good bundle of it."""
    folder = tmp_path_factory.mktemp("laptop")
    store, identity = build_laptop(folder)
    good = folder / "good.bundle"
    export_bundle(store, "henan-2025", good, identity.p12, PASS)
    root = store.trust.agency_root()[1]
    store.close()
    return pki.load_identity(identity.p12, PASS), root, good


@pytest.fixture
def office(source, tmp_path) -> Path:
    """The office's database, two folders below the test's folder, trusting the laptop's agency root."""
    _, root, _ = source
    path = tmp_path / "home" / "data" / "office.db"
    path.parent.mkdir(parents=True)
    store = open_database(path)
    store.trust.add_root(pki.load_certificate(root))
    store.close()
    return path


def contents(bundle: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(bundle) as archive:
        return json.loads(archive.read("bundle.json")), {n: archive.read(n) for n in archive.namelist()
                                                         if n not in ("bundle.json", "signature.json")}


def signature(payload: bytes, identity) -> bytes:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = lambda c: c.public_bytes(serialization.Encoding.PEM).decode()  # noqa: E731
    return json.dumps({"certificate": pem(identity.certificate), "chain": [pem(c) for c in identity.chain],
                       "signature": base64.b64encode(identity.key.sign(payload, ec.ECDSA(hashes.SHA256()))).decode(),
                       "algorithm": "sha256"}).encode()


def build(path: Path, body: dict | bytes, members, identity, *, signed: bytes | None = None,
          with_signature: bool = True) -> Path:
    """A zip whose bundle.json is ``body`` signed by ``identity`` (or ``signed`` as signature.json), then
    ``members`` as given: names written verbatim, a third item the Unix mode."""
    payload = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are the point of one case
        archive.writestr("bundle.json", payload)
        if with_signature:
            archive.writestr("signature.json", signed if signed is not None else signature(payload, identity))
        write_members(archive, members)
    return path


def changed(good: Path, change) -> tuple[dict, list]:
    """The good bundle's body after ``change(body)``, with its members."""
    body, members = contents(good)
    change(body)
    return body, list(members.items())


def plus(good: Path, name: str, data: bytes, *mode: int, listed: bool = True, digest: str | None = None):
    """The good bundle plus one member ``name`` (listed in ``files`` with ``digest`` or its own hash)."""
    body, members = contents(good)
    if listed:
        body["files"][name] = digest or sha(data)
    return body, [*members.items(), (name, data, *mode)]


def swapped(good: Path, name: str) -> tuple[dict, list]:
    """The good bundle with one byte of member ``name`` changed (same name, same size, listed hash)."""
    body, members = contents(good)
    data = bytearray(members[name])
    data[-1] ^= 1
    members[name] = bytes(data)
    return body, list(members.items())


def row(body: dict, table: str, **values) -> None:
    body["tables"][table][0].update(values)


def nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def payroll_row(body: dict) -> list:
    return next(i for i in body["tables"]["imports"] if i["kind"] == "payroll")["rows"][0]


def other_agency():
    """A genuine inspector certificate, under an agency root this office does not trust."""
    p12, _ = pki.create_root("另一个机构", ROOT_PASS)
    _, identity = pki.issue_inspector(pki.load_identity(p12, ROOT_PASS), "李全奇", "河南省政务大数据中心", PASS)
    return identity


def self_signed():
    return pki.load_identity(pki.create_self_signed("李全奇", "河南省政务大数据中心", PASS), PASS)


def escaping_sha() -> str:
    """The old exploit: an evidence "hash" that is a relative path of 64 characters, two folders up."""
    return ("../../" + "x" * 64)[:64]


def cases(good: Path, laptop) -> dict:
    """name → ((body, members), identity or None for the laptop's, the parts the message must name)."""
    evidence_name = next(n for n in contents(good)[1] if n.startswith("evidence/"))
    injected = "detail) SELECT group_concat(id_number) FROM commitments --"
    return {
        # who signed
        "self_signed_look_alike": (contents_of(good), self_signed(), ("李全奇（河南省政务大数据中心）", "自签名")),
        "other_agency": (contents_of(good), other_agency(), ("李全奇（河南省政务大数据中心）", "信任列表")),
        # what the archive holds
        "zip_slip": (plus(good, "evidence/../../x", OWNED), None, "evidence/../../x"),
        "absolute": (plus(good, "/etc/x", OWNED), None, "/etc/x"),
        "drive": (plus(good, "C:\\x", OWNED), None, "C:\\x"),
        "backslashes": (plus(good, "evidence\\..\\..\\x", OWNED), None, "反斜杠"),
        "sha_as_path_member": (plus(good, "evidence/" + escaping_sha(), OWNED, digest=escaping_sha()), None, ".."),
        "directory_member": (plus(good, "evidence/", b"", listed=False), None, "evidence/"),
        "duplicate": (plus(good, evidence_name, contents(good)[1][evidence_name], listed=False), None, "重复"),
        "symlink": (plus(good, f"evidence/{sha(b'/etc/passwd')}", b"/etc/passwd", LINK), None, "符号链接"),
        "bomb": (plus(good, f"evidence/{sha(ZEROS)}", ZEROS), None, "压缩比"),
        "unknown_member": (plus(good, "notes.txt", OWNED), None, "notes.txt"),
        "not_listed": (plus(good, f"evidence/{sha(OWNED)}", OWNED, listed=False), None, "不在文件清单中"),
        "orphan_file": (plus(good, f"evidence/{sha(OWNED)}", OWNED), None, "不属于任何记录"),
        "tampered_evidence": (swapped(good, evidence_name), None, ("evidence/", "校验值不符")),
        "tampered_document": (swapped(good, next(n for n in contents(good)[1] if n.startswith("documents/"))), None,
                              ("documents/", "校验值不符")),
        # which tables and columns
        "sha_as_path_field": (changed(good, lambda b: row(b, "evidence", sha256=escaping_sha())), None,
                              ("evidence", "sha256")),
        "unknown_table": (changed(good, lambda b: b["tables"].update(trust_roots=[{"fingerprint": "0" * 64}])), None,
                          "trust_roots"),
        "register_table": (changed(good, lambda b: b["tables"].update(documents=[{"number": "豫政数整改〔2025〕9号"}])),
                           None, "documents"),
        "injected_column": (changed(good, lambda b: row(b, "findings", **{injected: "x"})), None,
                            ("findings", "SELECT group_concat")),
        "contract_id_column": (changed(good, lambda b: row(b, "commitments", contract_id="luoyang-2025")), None,
                               ("commitments", "contract_id")),
        "missing_column": (changed(good, lambda b: b["tables"]["findings"][0].pop("amount")), None,
                           ("findings", "amount")),
        # which values
        "huge_number": (changed(good, lambda b: row(b, "measurements", value="1e999999999")), None, "measurements"),
        "bad_period": (changed(good, lambda b: row(b, "findings", period="2025-13")), None,
                       ("findings", "2025-13")),
        "outside_the_term": (changed(good, lambda b: row(b, "evidence", period="2030-01")), None,
                             ("evidence", "服务期")),
        "negative_incidents": (changed(good, lambda b: row(b, "months", incidents=-1)), None,
                               ("months", "incidents")),
        "full_id_in_a_masked_bundle": (changed(good, lambda b: row(b, "commitments", id_number=IDS[0])), None,
                                       ("commitments", "脱敏")),
        "full_id_in_import_rows": (changed(good, lambda b: b["tables"]["imports"][0]["rows"][0].__setitem__(
            1, json.dumps({**json.loads(b["tables"]["imports"][0]["rows"][0][1]), "id_number": IDS[0]}))), None,
            ("imports", "脱敏")),
        "full_id_in_free_text": (changed(good, lambda b: row(b, "findings", detail=f"见 {IDS[0]}")), None,
                                 ("findings", "完整的身份证号")),
        "pay_in_a_masked_bundle": (changed(good, lambda b: payroll_row(b).__setitem__(
            1, json.dumps({**json.loads(payroll_row(b)[1]), "gross": "d:5200.00"}))), None, ("imports", "gross")),
        "unknown_field_in_import_rows": (changed(good, lambda b: b["tables"]["imports"][0]["rows"][0].__setitem__(
            1, json.dumps({**json.loads(b["tables"]["imports"][0]["rows"][0][1]), "bank": "6222"}))), None,
            ("imports", "bank")),
        "filename_with_folders": (changed(good, lambda b: row(b, "evidence", filename="../../evil.sh")), None,
                                  ("evidence", "文件名")),
        "finding_status": (changed(good, lambda b: row(b, "findings", status="approved")), None,
                           ("findings", "approved")),
        "event_in_year_9999": (changed(good, lambda b: row(b, "measurement_events",
                                                           received_at="9999-12-31T10:00:00")),
                               None, "超出范围"),
        "mark_status": (changed(good, lambda b: b["tables"]["spot_checks"][0]["marks"][0].update(status="hidden")),
                        None, ("spot_checks", "hidden")),
        "document_kind": (changed(good, lambda b: b["documents"][0].update(kind="contract")), None,
                          ("documents", "contract")),
        "deeply_nested": (changed(good, lambda b: row(b, "findings", detail=nested(900))), None,
                          ("findings", "detail")),
        "old_version": (changed(good, lambda b: b.update(version=1)), None, "第 2 版"),
    }


def contents_of(good: Path) -> tuple[dict, list]:
    body, members = contents(good)
    return body, list(members.items())


CASES = ["self_signed_look_alike", "other_agency", "zip_slip", "absolute", "drive", "backslashes",
         "sha_as_path_member", "directory_member", "duplicate", "symlink", "bomb", "unknown_member", "not_listed",
         "orphan_file", "tampered_evidence", "tampered_document", "sha_as_path_field", "unknown_table",
         "register_table", "injected_column",
         "contract_id_column", "missing_column", "huge_number", "bad_period", "outside_the_term", "negative_incidents",
         "full_id_in_a_masked_bundle", "full_id_in_import_rows", "full_id_in_free_text", "pay_in_a_masked_bundle",
         "unknown_field_in_import_rows",
         "filename_with_folders", "finding_status", "event_in_year_9999", "mark_status", "document_kind",
         "deeply_nested", "old_version"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_bundle_is_refused_and_nothing_is_written(source, office, tmp_path, capsys, case):
    laptop, _, good = source
    (body, members), identity, named = cases(good, laptop)[case]
    (tmp_path / "in").mkdir()
    bad = build(tmp_path / "in" / f"{case}.bundle", body, members, identity or laptop)
    before = tree(tmp_path)
    refused(office, ["bundle", "import", str(bad)], capsys, names=(bad.name, *((named,) if isinstance(named, str)
                                                                                 else named)))
    assert tree(tmp_path) == before


@pytest.mark.parametrize("content, named", [(b"", "不是本程序导出的审计包"),
                                            (b"PK\x03\x04 nope", "不是本程序导出的审计包"),
                                            ("truncated", "审计包")])
def test_a_file_that_is_not_a_bundle(source, office, tmp_path, capsys, content, named):
    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "bad.bundle"
    bad.write_bytes(source[2].read_bytes()[:source[2].stat().st_size // 2] if content == "truncated" else content)
    refused(office, ["bundle", "import", str(bad)], capsys, names=(bad.name, named))


def test_a_bundle_without_its_signature(source, office, tmp_path, capsys):
    laptop, _, good = source
    (tmp_path / "in").mkdir()
    body, members = contents_of(good)
    bad = build(tmp_path / "in" / "unsigned.bundle", body, members, laptop, with_signature=False)
    refused(office, ["bundle", "import", str(bad)], capsys, names=(bad.name, "signature.json"))


def test_a_signature_over_other_bytes(source, office, tmp_path, capsys):
    laptop, _, good = source
    (tmp_path / "in").mkdir()
    body, members = contents_of(good)
    bad = build(tmp_path / "in" / "altered.bundle", {**body, "exported_at": "2099-01-01T00:00:00"}, members, laptop,
                signed=signature(json.dumps(body, ensure_ascii=False, sort_keys=True).encode(), laptop))
    refused(office, ["bundle", "import", str(bad)], capsys, names=(bad.name, "签名无效"))


def test_planted_final_months_and_notices_arrive_as_received_copies(source, office, tmp_path, capsys):
    """The old exploit pushed the office's notice counter with a notice numbered 999 and planted a
    finalised month: now the month is open with its history saying so, the notice is a received copy,
    and the office's own next notice is its number 1."""
    laptop, _, good = source
    body, members = contents_of(good)
    doc = body["documents"][0]
    doc.update(seq=999, number="豫政数整改〔2025〕999号")
    (tmp_path / "in").mkdir()
    bad = build(tmp_path / "in" / "planted.bundle", body, members, laptop)
    assert main(["--db", str(office), "bundle", "import", str(bad)]) == 0
    assert "请审核后自行定稿" in capsys.readouterr().out
    store = open_database(office)
    try:
        assert store.months.status("henan-2025", OCT) == "open"
        assert store.db.execute("SELECT COUNT(*) FROM document_counters").fetchone()[0] == 0
        assert [d.number for d in received_documents(store, "henan-2025")] == ["豫政数整改〔2025〕999号"]
        henan = store.contracts.get("henan-2025")
        from auditor.service import finalize_month

        finalize_month(store, henan, OCT)                          # the office reviews and finalises its own
        draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="王五")
        issued, _ = notices.issue(store, draft.id, dt.date(2025, 11, 20), identity=inspector(store, "王五"))
        assert issued.number == "豫政数整改〔2025〕1号"
        assert store.verify_audit().ok
    finally:
        store.close()


def test_limits_on_the_number_of_members(source, office, tmp_path, capsys, monkeypatch):
    import auditor.bundle as bundle

    laptop, _, good = source
    (tmp_path / "in").mkdir()
    many = build(tmp_path / "in" / "many.bundle", *contents_of(good), laptop)
    monkeypatch.setattr(bundle, "MAX_MEMBERS", 2)
    refused(office, ["bundle", "import", str(many)], capsys, names=(many.name, "成员过多"))


def test_the_imported_evidence_lives_under_its_computed_hash_only(source, office, tmp_path):
    """The control: the good bundle imports, and writes nothing but the database and hash-named evidence."""
    _, _, good = source
    store = open_database(office)
    try:
        import_bundle(store, good)
    finally:
        store.close()
    evidence = office.with_name("office-evidence")
    files = [p for p in evidence.rglob("*") if p.is_file()]
    assert files and all(p.name == sha(p.read_bytes()) and p.parent.name == p.name[:2] for p in files)
    assert {p.name for p in (tmp_path / "home").iterdir()} == {"data"}
    assert not any(".incoming-" in p.name for p in office.parent.iterdir())
