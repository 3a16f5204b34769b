"""More of what someone with the files can change outside the program, each found by the audit check:
the operator's imported rows, an evidence file, the head file beside the database, a trusted root."""
from __future__ import annotations

import datetime as dt

import pytest

from auditor import audit
from auditor.calendar import Period

from .builders import record, with_store
from .test_audit import shell
from .test_operator_spreadsheets_and_staffing import roster_csv

OCT = Period(2025, 10)


@pytest.fixture
def db(tmp_path):
    """October recorded, a roster imported, a screenshot kept as evidence for HN-02."""
    from auditor.personnel import import_file

    path = tmp_path / "audit.db"
    shot = tmp_path / "回应率截图.png"
    shot.write_bytes(b"\x89PNG screenshot of the response rate")

    def prepare(store):
        henan = store.contracts.get("henan-2025")
        record(store, henan, "2025-10")
        import_file(store, henan, OCT, "roster", roster_csv(tmp_path / "名单.csv", [("张伟", "一线", "")]),
                    dt.date(2025, 10, 3))
        return store.evidence.add("henan-2025", OCT, "HN-02", shot)

    evidence = with_store(path, prepare)
    assert with_store(path, lambda store: store.verify_audit(deep=True).ok)
    return path, evidence


def problems(db) -> list[str]:
    return with_store(db, lambda store: store.verify_audit(deep=True).problems)


def test_an_imported_row_rewritten_outside_is_found(db):
    path, _ = db
    shell(path, "UPDATE import_rows SET data = replace(data, '张伟', '张三')")
    assert "导入的roster（第 1 次导入）数据行被改动" in problems(path)


def test_an_evidence_file_cut_short_is_found(db):
    path, evidence = db
    stored = path.with_name("audit-evidence") / evidence.sha256[:2] / evidence.sha256
    stored.write_bytes(stored.read_bytes()[:10])
    found = problems(path)
    assert any("回应率截图.png" in p and "的文件被改动：内容与登记时的 SHA-256 不符" in p for p in found), found


def test_a_head_file_that_is_not_text_is_reported(db):
    path, _ = db
    audit.head_file(path).write_bytes(b"\xff\xfe\x00garbage")
    assert any("审计链头文件" in p and "无法读取：已损坏或被改动" in p for p in problems(path))


def test_a_trusted_root_overwritten_outside_trusts_nothing_and_is_reported(db):
    path, _ = db
    from auditor import pki

    def trust(store):
        _, certificate = pki.create_root("河南省政务大数据中心", b"agency-root-pass")
        store.trust.add_root(certificate, "省中心")
    with_store(path, trust)
    shell(path, "UPDATE trust_roots SET certificate = x'00'")
    found = problems(path)
    assert any("在程序之外" in p and "trust_roots" in p for p in found), found
