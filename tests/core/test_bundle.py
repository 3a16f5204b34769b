"""Office consolidation: a signed bundle from one laptop imported on another, conflicts reported, never merged.

The office trusts the laptop's agency root (as an office trusts its own agency's inspectors); what the
office receives is the laptop's records checked as direct input, its months open, its notices as copies
received from the laptop, and — unless asked for — no full ID number, bank account or salary.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
import zlib
from pathlib import Path

import pytest

from auditor import idcard, notices, pki
from auditor.bundle import BundleConflict, export_bundle, import_bundle, received_documents, received_pdf
from auditor.calendar import Period
from auditor.cli import main
from auditor.documents import service as docs
from auditor.errors import InputError
from auditor.opening import open_database
from auditor.personnel import import_file, reconcile_month
from auditor.service import finalize_month, month_result
from auditor.staffing import SpotEntry

from .builders import PASS, inspector, record
from .test_personnel import IDS, import_month, write_csv

OCT = Period(2025, 10)
ACCOUNTS = ["6222000011112222", "6222000011113333", "6222000011114444", "6222000011115555"]
# gross, net and transfer amounts of test_personnel.import_month, as stored and as findings print them
PAY = ["5200.00", "4500.00", "2000", "1800", "3000", "2600", "9000", "7600", "4000", "3500", "2500.00"]
SALARIES = [f"d:{v}" for v in PAY] + [f"{float(v):.2f}" for v in PAY]


def build_laptop(folder: Path):
    """Inspector A's laptop: October recorded and finalised, the operator's four files, reconciliation,
    evidence, commitments, a departure approval, a spot check, and an issued notice."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_database(folder / "a.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}, "HN-08": {"events": [
        {"received_at": "2025-10-09 10:00", "done_at": "2025-10-09 12:00"}]}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    import_month(store, folder)
    reconcile_month(store, henan, OCT, dt.date(2025, 11, 20))
    photo = folder / "现场.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    store.evidence.add("henan-2025", OCT, "HN-02", photo)
    store.personnel.add_commitment("henan-2025", IDS[0], "张伟", dt.date(2025, 10, 2))
    store.personnel.approve_departure("henan-2025", IDS[2], dt.date(2025, 10, 10), "豫政数函〔2025〕8号")
    at = dt.datetime(2025, 10, 9, 10, 30)
    check = store.personnel.start_spot_check("henan-2025", at, "运营中心二楼", "李全奇",
                                             [SpotEntry(IDS[0], "张伟", "A001", "frontline", True, "present"),
                                              SpotEntry(IDS[1], "王芳", "A002", "frontline", True, "absent")])
    # an ID typed in a note
    store.personnel.finish_spot_check(check, True, f"一线 在岗 1 缺岗 1（王芳 {IDS[1]} 未到岗）")
    finalize_month(store, henan, OCT)
    identity = inspector(store)
    cited = [f.id for f in store.findings.list("henan-2025", OCT) if f.source == "indicator"]
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇",
                          finding_ids=cited)
    notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
    return store, identity


def trusting(store, path: Path, seed: bool = False):
    """An office database that trusts the laptop's agency root."""
    path.parent.mkdir(parents=True, exist_ok=True)
    office = open_database(path, seed=seed)
    office.trust.add_root(pki.load_certificate(store.trust.agency_root()[1]))
    return office


@pytest.fixture
def laptop(tmp_path):
    store, identity = build_laptop(tmp_path / "laptop")
    yield store, identity.p12
    store.close()


def test_office_receives_everything(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    office = trusting(store, tmp_path / "office" / "office.db")
    report = import_bundle(office, path)
    assert report.signer == "李全奇（河南省政务大数据中心）" and not report.known_signer
    assert report.received_final == ["2025-10"]
    henan = office.contracts.get("henan-2025")
    assert month_result(office, henan, OCT).deduction_total == month_result(store, henan, OCT).deduction_total
    # the month arrives open, saying who had finalised it; the office finalises its own
    assert office.months.status("henan-2025", OCT) == "open"
    assert office.months.history("henan-2025", OCT)[-1][1:] == (
        "received", "收自 李全奇（河南省政务大数据中心） 的审计包（对方已定稿）")
    # the notice is a copy received from the laptop, never this office's notice or register entry
    assert office.db.execute("SELECT COUNT(*) FROM notices").fetchone()[0] == 0
    assert office.register.list() == []
    assert office.db.execute("SELECT COUNT(*) FROM document_counters").fetchone()[0] == 0
    [copy] = received_documents(office, "henan-2025")
    assert (copy.kind, copy.number, copy.status, copy.sender) == (
        "notice", "豫政数整改〔2025〕1号", "issued", "李全奇（河南省政务大数据中心）")
    assert docs.verify(office, received_pdf(office, copy.id)).outcome == "valid"
    [evidence] = office.evidence.list("henan-2025", OCT)
    assert office.evidence.verify(evidence)
    roster = office.personnel.dataset("henan-2025", OCT, "roster").records
    assert idcard.mask(roster[0]["id_number"]) == idcard.mask(IDS[0])    # shown as a masked ID, never the ID
    assert roster[0]["id_number"] != IDS[0]
    assert office.verify_audit().ok
    again = import_bundle(office, path)                                        # importing twice adds nothing
    assert again.added == {} and again.same > 10
    office.close()


def test_conflicts_are_reported_and_nothing_is_imported(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    other = trusting(store, tmp_path / "b" / "b.db", seed=True)                # inspector B recorded October too
    record(other, other.contracts.get("henan-2025"), "2025-10", {"HN-02": {"value": "98"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    before = other.content_digest()
    with pytest.raises(BundleConflict) as exc:
        import_bundle(other, path)
    assert any("measurements" in p and "HN-02" in p for p in exc.value.problems)
    assert other.content_digest() == before
    other.close()


def test_a_month_the_office_finalised_takes_no_new_entries(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    office = trusting(store, tmp_path / "office" / "office.db", seed=True)
    henan = office.contracts.get("henan-2025")
    record(office, henan, "2025-10", {"HN-02": {"value": "99"}},      # HN-08 as a rate, not the laptop's log
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(office, henan, OCT)
    before = office.content_digest()
    with pytest.raises(BundleConflict, match="冲突") as exc:
        import_bundle(office, path)
    assert any("measurement_events" in p and "已定稿" in p for p in exc.value.problems)
    assert office.content_digest() == before
    office.close()


def test_tampered_bundle_is_refused(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    body = json.loads(members["bundle.json"])
    body["tables"]["measurements"][0]["value"] = "100"
    members["bundle.json"] = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    bad = tmp_path / "bad.bundle"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    office = trusting(store, tmp_path / "office" / "office.db")
    with pytest.raises(InputError, match="签名无效"):
        import_bundle(office, bad)
    office.close()


def test_exporting_with_a_certificate_no_trusted_root_issued_is_refused(laptop, tmp_path):
    store, _ = laptop
    forged = pki.create_self_signed("李全奇", "河南省政务大数据中心", PASS)
    with pytest.raises(InputError, match="自签名"):
        export_bundle(store, "henan-2025", tmp_path / "x.bundle", forged, PASS)
    assert not (tmp_path / "x.bundle").exists()


def members(path: Path) -> dict[str, bytes]:
    """Every member as it comes out of the zip, PDFs with their compressed streams inflated too."""
    out = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".pdf"):
                for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
                    try:
                        data += zlib.decompress(stream)
                    except zlib.error:
                        pass
            out[name] = data
    return out


def test_masked_bundle_holds_no_full_id_bank_number_or_salary(laptop, tmp_path):
    """个人信息保护法 第二十八条、第五十一条: the default export carries neither ID numbers (rosters, payroll,
    commitments, approvals, spot checks, findings) nor bank accounts nor pay."""
    store, p12 = laptop
    path = tmp_path / "masked.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    everything = b"".join(members(path).values()).decode("utf-8", "replace")
    assert all(i not in everything for i in IDS)
    assert all(a not in everything for a in ACCOUNTS)
    assert all(s not in everything for s in SALARIES), [s for s in SALARIES if s in everything]
    body = json.loads(members(path)["bundle.json"])
    assert body["tables"]["commitments"][0]["id_number"].startswith(IDS[0][:4] + "*")
    assert all(m["person_key"].startswith("4101*") for m in body["tables"]["spot_checks"][0]["marks"])
    # the reconciliation findings say what was wrong, without the amounts
    details = [f["detail"] for f in body["tables"]["findings"] if f["source"] == "reconciliation"]
    assert any("转账记录中没有" in d and "***" in d for d in details)


def test_ids_and_pay_included_only_on_request(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "full.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS, include_ids=True)
    text = members(path)["bundle.json"].decode()
    assert IDS[0] in text and ACCOUNTS[0] not in text and "d:4500.00" not in text
    export_bundle(store, "henan-2025", path, p12, PASS, include_ids=True, include_pay=True)
    text = members(path)["bundle.json"].decode()
    assert IDS[0] in text and ACCOUNTS[0] in text and "d:4500.00" in text
    office = trusting(store, tmp_path / "office" / "office.db")
    import_bundle(office, path)
    henan = office.contracts.get("henan-2025")
    # with everything included the office reconciles the month to the same findings as the laptop
    ours = reconcile_month(office, henan, OCT, dt.date(2025, 11, 20))
    theirs = reconcile_month(store, henan, OCT, dt.date(2025, 11, 20))
    assert [f.as_dict() for f in ours] == [f.as_dict() for f in theirs]
    office.close()


def test_masked_ids_keep_two_persons_apart_and_one_person_together(tmp_path):
    """Within one city the first and last four characters often coincide: the pseudonyms still differ."""
    twins = [p + idcard.check_digit(p) for p in ("41010519900101001", "41010519851231001")]
    twins = [t for t in twins]
    store = open_database(tmp_path / "a.db")
    henan = store.contracts.get("henan-2025")
    rows = [["姓名", "身份证号", "岗位类别"], ["甲", twins[0], "一线"], ["乙", twins[1], "一线"]]
    import_file(store, henan, OCT, "roster", write_csv(tmp_path / "r.csv", rows), dt.date(2025, 10, 8))
    for number, name in zip(twins, "甲乙"):
        store.personnel.add_commitment("henan-2025", number, name, dt.date(2025, 10, 2))
    identity = inspector(store)
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, identity.p12, PASS)
    body = json.loads(members(path)["bundle.json"])
    roster = [json.loads(d)["id_number"] for _, d in body["tables"]["imports"][0]["rows"]]
    signed = [c["id_number"] for c in body["tables"]["commitments"]]
    assert len(set(roster)) == 2 and sorted(roster) == sorted(signed)
    assert {idcard.mask(r) for r in roster} == {idcard.mask(t) for t in twins}
    office = trusting(store, tmp_path / "office" / "office.db")
    assert import_bundle(office, path).added["commitments"] == 2
    office.close()
    store.close()


def test_reconciling_masked_data_is_refused_not_misread(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    office = trusting(store, tmp_path / "office" / "office.db")
    import_bundle(office, path)
    before = office.content_digest()
    with pytest.raises(InputError, match="脱敏"):
        reconcile_month(office, office.contracts.get("henan-2025"), OCT, dt.date(2025, 11, 20))
    assert office.content_digest() == before
    office.close()


def test_cli_export_and_import(laptop, tmp_path, capsys):
    store, p12 = laptop
    (tmp_path / "a.p12").write_bytes(p12)
    (tmp_path / "pass.txt").write_bytes(PASS)
    path = tmp_path / "a.bundle"
    assert main(["--db", str(store.path), "bundle", "export", "henan-2025", "--out", str(path),
                 "--sign", str(tmp_path / "a.p12"), "--passphrase-file", str(tmp_path / "pass.txt")]) == 0
    out = capsys.readouterr().out
    assert "身份证号" in out and "工资" in out                                 # says what was left out
    office = trusting(store, tmp_path / "office" / "office.db")
    office.close()
    assert main(["--db", str(tmp_path / "office" / "office.db"), "bundle", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["signer"] == "李全奇（河南省政务大数据中心）" and report["received_final"] == ["2025-10"]
    assert report["added"]["received_documents"] == 1
