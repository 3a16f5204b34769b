"""Office consolidation: a signed bundle from one laptop imported on another, conflicts reported, never merged."""
import datetime as dt
import json
import zipfile

import pytest

from auditor import notices
from auditor.bundle import BundleConflict, export_bundle, import_bundle
from auditor.calendar import Period
from auditor import pki
from auditor.documents import service as docs
from auditor.errors import InputError
from auditor.personnel import import_file
from auditor.service import finalize_month, month_result
from auditor.storage import open_store

from .builders import inspector, record
from .test_personnel import IDS, ROSTER, write_xlsx

OCT = Period(2025, 10)
from .builders import PASS  # noqa: E402


@pytest.fixture
def laptop(tmp_path):
    """Inspector A's laptop: a month recorded and finalised, a roster, evidence, an issued notice."""
    store = open_store(tmp_path / "a.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    import_file(store, henan, OCT, "roster", write_xlsx(tmp_path / "r.xlsx", ROSTER), dt.date(2025, 10, 8))
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    store.evidence.add("henan-2025", OCT, "HN-02", photo)
    finalize_month(store, henan, OCT)
    identity = inspector(store)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
    yield store, identity.p12
    store.close()


def test_office_receives_everything(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    office = open_store(tmp_path / "office.db", seed=False)
    report = import_bundle(office, path)
    assert report.signer == "李全奇（河南省政务大数据中心）" and not report.known_signer
    henan = office.contracts.get("henan-2025")
    assert month_result(office, henan, OCT).deduction_total == month_result(store, henan, OCT).deduction_total
    notice = notices.get(office, "豫政数整改〔2025〕1号")
    office.trust.add_root(pki.load_certificate(store.trust.agency_root()[1]))
    assert docs.verify(office, notices.document_bytes(office, notice.document_id)).outcome == "valid"
    [evidence] = office.evidence.list("henan-2025", OCT)
    assert office.evidence.verify(evidence)
    roster = office.personnel.dataset("henan-2025", OCT, "roster").records
    assert roster[0]["id_number"] == IDS[0][:4] + "*" * 10 + IDS[0][-4:]      # masked by default
    assert office.verify_audit().ok
    again = import_bundle(office, path)                                        # importing twice adds nothing
    assert again.added == {} and again.same > 10
    office.close()


def test_conflicts_are_reported_and_nothing_is_imported(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "a.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS)
    other = open_store(tmp_path / "b.db")                                      # inspector B recorded October too
    record(other, other.contracts.get("henan-2025"), "2025-10", {"HN-02": {"value": "98"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    before = other.content_digest()
    with pytest.raises(BundleConflict) as exc:
        import_bundle(other, path)
    assert any("measurements" in p and "HN-02" in p for p in exc.value.problems)
    assert other.content_digest() == before
    other.close()


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
    office = open_store(tmp_path / "office.db")
    with pytest.raises(InputError, match="签名无效"):
        import_bundle(office, bad)
    office.close()


def test_ids_included_only_on_request(laptop, tmp_path):
    store, p12 = laptop
    path = tmp_path / "full.bundle"
    export_bundle(store, "henan-2025", path, p12, PASS, include_ids=True)
    with zipfile.ZipFile(path) as archive:
        assert IDS[0] in archive.read("bundle.json").decode()
