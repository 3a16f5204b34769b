"""Tamper evidence a file copy cannot defeat: anchors outside the file, signed heads, evidence and signed
PDFs re-checked, and ID numbers never kept in the clear in the log."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from auditor import anchors, audit, notices, pki
from auditor.calendar import Period
from auditor.cli import main
from auditor.documents.service import score_sheet
from auditor.service import finalize_month
from auditor.staffing import SpotEntry
from auditor.storage import open_store

from .builders import inspector, record, with_store
from .test_audit import shell
from .test_personnel import IDS

OCT = Period(2025, 10)
REPLACED = "数据库被旧副本替换或日志被截断"


def verify(db, deep: bool = True):
    return with_store(db, lambda store: store.verify_audit(deep=deep))


def put_back(copy: Path, db: Path) -> None:
    """What someone with the files does: the older database and its head file copied over the current ones."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, db)
    shutil.copyfile(audit.head_file(copy), audit.head_file(db))


def set_aside(db: Path, folder: Path) -> Path:
    """A plain copy of the database and its head file, as it is now (its WAL folded in first)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    folder.mkdir()
    copy = folder / db.name
    shutil.copyfile(db, copy)
    shutil.copyfile(audit.head_file(db), audit.head_file(copy))
    return copy


@pytest.fixture
def db(tmp_path):
    """A month recorded, finalised, and a notice issued with the inspector's key."""
    path = tmp_path / "audit.db"
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    finalize_month(store, henan, OCT)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store))
    store.close()
    return path


# ------------------------------------------------------------------ the head file

def test_a_deleted_head_file_is_reported(db):
    audit.head_file(db).unlink()
    problems = verify(db).problems
    assert any("audit.db.audit-head" in p and "不见了" in p for p in problems), problems


def test_a_brand_new_database_has_no_head_to_miss(tmp_path):
    path = tmp_path / "new.db"
    open_store(path, seed=False).close()
    audit.head_file(path).unlink(missing_ok=True)
    assert verify(path).ok


# ------------------------------------------------------------------ the anchor outside the file

def test_an_older_copy_put_back_is_reported(db, tmp_path, capsys):
    copy = set_aside(db, tmp_path / "copy")
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")        # work after the copy was taken
    store.close()
    put_back(copy, db)
    assert main(["--db", str(db), "audit", "verify"]) == 3
    out = capsys.readouterr().out
    assert REPLACED in out and str(db) in out


def test_the_start_up_check_reports_it_too(db, tmp_path):
    copy = set_aside(db, tmp_path / "copy")
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")
    store.close()
    put_back(copy, db)
    assert any(REPLACED in p for p in verify(db, deep=False).problems)   # what the app runs when it starts


def test_the_replacement_stays_reported_after_more_work(db, tmp_path):
    copy = set_aside(db, tmp_path / "copy")
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")
    store.close()
    put_back(copy, db)
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-12")        # the next command writes on the old copy
    store.close()
    assert any(REPLACED in p for p in verify(db).problems)


def test_a_truncated_log_with_its_head_file_rewritten_is_reported(db):
    shell(db, "DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 3 FROM audit_log)")
    last = sqlite3.connect(db).execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    audit.head_file(db).write_text(last + "\n", encoding="ascii")
    assert any(REPLACED in p for p in verify(db).problems)


def test_the_anchor_is_kept_in_the_state_dir_only(db):
    state = Path(os.environ[anchors.STATE_ENV])
    data = json.loads((state / "anchors.json").read_text(encoding="utf-8"))
    database_id = with_store(db, lambda store: anchors.database_id(store.db))
    last, head = sqlite3.connect(db).execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert data["databases"][database_id]["count"] == last
    assert data["databases"][database_id]["head"] == head


def test_a_restore_is_not_a_replacement(db, tmp_path):
    backup = tmp_path / "b.zip"
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")
    store.close()
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    report = verify(db)
    assert report.ok, report.problems


def test_an_anchor_file_written_by_someone_else_is_damaged_not_a_crash(db):
    state = Path(os.environ[anchors.STATE_ENV]) / "anchors.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    for entry in data["databases"].values():
        entry["count"] = 10 ** 30                                        # past SQLite's integers
    state.write_text(json.dumps(data), encoding="utf-8")
    problems = verify(db).problems
    assert any("锚点文件" in p and "无法读取" in p for p in problems), problems


def test_a_damaged_anchor_file_is_reported_and_kept(db):
    state = Path(os.environ[anchors.STATE_ENV])
    (state / "anchors.json").write_text("{not json", encoding="utf-8")
    assert any("锚点文件" in p for p in verify(db).problems)
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")        # a new file is started, the old one kept
    store.close()
    assert list(state.glob("anchors.json.damaged-*"))
    assert any("锚点文件" in p for p in verify(db).problems)


# ------------------------------------------------------------------ signed heads

def rewrite_consistently(db: Path) -> None:
    """What someone without the inspector's key can do: change a row (and the finalised month's seal), then
    recompute every row hash and the whole chain, and write the head file and the anchor to match. Only a
    signature made before can tell."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("UPDATE measurements SET value = '100' WHERE code = 'HN-02' AND period = '2025-10'")
    conn.execute("UPDATE months SET sealed_sha256 = ? WHERE contract_id = 'henan-2025' AND period = '2025-10'",
                 [audit.month_digest(conn, "henan-2025", "2025-10")])
    conn.execute("DELETE FROM audit_pending")
    for tbl, row_id, eid in conn.execute("SELECT tbl, row_id, MAX(id) FROM audit_log GROUP BY tbl, row_id").fetchall():
        cursor = conn.execute(f"SELECT * FROM {tbl} WHERE rowid = ?", [row_id])
        row = cursor.fetchone()
        if row is not None:
            conn.execute("UPDATE audit_log SET row_hash = ? WHERE id = ?",
                         [audit._hash_row([d[0] for d in cursor.description], row), eid])
    prev = audit.GENESIS
    for entry in conn.execute("SELECT id, at, who, tbl, row_id, op, old, new, row_hash, external FROM audit_log "
                              "ORDER BY id").fetchall():
        digest = audit.entry_hash(prev, *entry[1:])
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, entry[0]])
        prev = digest
    conn.execute("COMMIT")
    count, head = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    audit.head_file(db).write_text(head + "\n", encoding="ascii")
    state = Path(os.environ[anchors.STATE_ENV]) / "anchors.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    for entry in data["databases"].values():
        entry.update(count=count, head=head)
    data["events"] = {}
    state.write_text(json.dumps(data), encoding="utf-8")


def test_issuing_a_signed_document_stores_a_signed_head(db):
    rows = sqlite3.connect(db).execute("SELECT entry, head, document_id FROM signed_heads").fetchall()
    assert len(rows) == 1
    entry, head, document_id = rows[0]
    assert sqlite3.connect(db).execute("SELECT hash FROM audit_log WHERE id = ?", [entry]).fetchone()[0] == head
    assert document_id is not None
    assert verify(db).ok


def test_a_consistent_rewrite_is_caught_by_the_signed_head(db):
    rewrite_consistently(db)
    problems = verify(db).problems
    assert problems and all("签名" in p for p in problems), problems
    assert any("链头" in p and "不在审计日志中" in p for p in problems), problems


def test_deleting_the_signed_head_as_well_is_caught_by_the_register(db):
    shell(db, "DROP TRIGGER signed_heads_kept; DROP TRIGGER audit_signed_heads_delete; DELETE FROM signed_heads")
    rewrite_consistently(db)
    problems = verify(db).problems
    assert any("豫政数整改〔2025〕1号" in p and "链头" in p for p in problems), problems


def test_a_signed_head_forged_with_a_self_made_key_is_untrusted(db):
    forger = pki.load_identity(pki.create_self_signed("李全奇", "河南省政务大数据中心", b"forger-pass"), b"forger-pass")
    database_id, entry, head, signed_at, purpose, document_id = sqlite3.connect(db).execute(
        "SELECT database_id, entry, head, signed_at, purpose, document_id FROM signed_heads").fetchone()
    signature = anchors.sign_payload(forger.key, anchors.head_payload(database_id, entry, head, signed_at, purpose,
                                                                      document_id))
    shell(db, "DROP TRIGGER signed_heads_frozen; DROP TRIGGER audit_signed_heads_update; "
          f"UPDATE signed_heads SET certificate = x'{pki.der(forger.certificate).hex()}', chain = NULL, "
          f"signature = x'{signature.hex()}'")
    problems = verify(db).problems
    assert any("签名链头" in p and "不受信任" in p for p in problems), problems


def test_the_inspectors_certificate_checks_the_signed_heads(db, tmp_path, capsys):
    certificate = sqlite3.connect(db).execute("SELECT certificate FROM inspectors").fetchone()[0]
    (tmp_path / "inspector.cer").write_bytes(certificate)
    assert main(["--db", str(db), "audit", "verify", "--certificate", str(tmp_path / "inspector.cer")]) == 0
    other = pki.load_identity(pki.create_self_signed("王五", "别处", b"other-pass"), b"other-pass")
    (tmp_path / "other.cer").write_bytes(pki.der(other.certificate))
    capsys.readouterr()
    assert main(["--db", str(db), "audit", "verify", "--certificate", str(tmp_path / "other.cer")]) == 3
    assert "所给证书" in capsys.readouterr().out


# ------------------------------------------------------------------ evidence and signed PDFs

@pytest.fixture
def with_evidence(db, tmp_path):
    source = tmp_path / "话单.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    evidence = with_store(db, lambda store: store.evidence.add("henan-2025", Period(2025, 11), "HN-02", source))
    stored = db.with_name(db.stem + "-evidence") / evidence.sha256[:2] / evidence.sha256
    return db, stored


def test_an_edited_evidence_file_is_found(with_evidence):
    db, stored = with_evidence
    stored.write_text("a,b\n1,3\n", encoding="utf-8")
    problems = verify(db).problems
    assert any("话单.csv" in p and "HN-02" in p and "被改动" in p for p in problems), problems


def test_a_deleted_evidence_file_is_found(with_evidence):
    db, stored = with_evidence
    stored.unlink()
    problems = verify(db).problems
    assert any("话单.csv" in p and "HN-02" in p and "不见了" in p for p in problems), problems


def test_a_stored_signed_pdf_changed_with_its_hash_is_found(db, tmp_path):
    pdf = sqlite3.connect(db).execute("SELECT pdf FROM documents").fetchone()[0]
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(pdf + b"%%EOF\n")
    shell(db, "DROP TRIGGER documents_frozen; DROP TRIGGER audit_documents_update; "
          f"UPDATE documents SET pdf = readfile('{altered}'), "
          f"sha256 = '{hashlib.sha256(altered.read_bytes()).hexdigest()}'")
    problems = verify(db).problems
    assert any("豫政数整改〔2025〕1号" in p and "签名" in p and "改动" in p for p in problems), problems


def test_a_signed_score_sheet_verifies(db):
    def issue(store):
        record(store, store.contracts.get("henan-2025"), "2025-11")
        score_sheet(store, "henan-2025", "2025-11", inspector(store, "王芳"), with_charts=False)
        return store.verify_audit(deep=True)

    report = with_store(db, issue)
    assert report.ok, report.problems


# ------------------------------------------------------------------ ID numbers in the log

def test_the_log_keeps_no_full_id_number(tmp_path):
    path = tmp_path / "ids.db"
    store = open_store(path)
    store.personnel.add_commitment("henan-2025", IDS[0], "张伟", dt.date(2025, 9, 1))
    store.personnel.add_commitment("henan-2025", IDS[3][:17], "李娜", dt.date(2025, 9, 1))   # mistyped: 17 digits
    store.personnel.approve_departure("henan-2025", IDS[1], dt.date(2025, 10, 1), "豫政数〔2025〕9号")
    store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10), "运营中心二楼", "李全奇",
                                     [SpotEntry(IDS[2], "王芳", "A002", "frontline", True, "present")])
    with store.db.atomic():
        store.db.execute("DELETE FROM commitments")
    reference = audit.id_reference(store.db, IDS[0])
    store.close()
    text = "\n".join(f"{old} {new}" for old, new in sqlite3.connect(path).execute("SELECT old, new FROM audit_log"))
    for number in (IDS[0], IDS[1], IDS[2], IDS[3][:17]):
        assert number not in text
    assert text.count(reference) == 2                                   # added, then deleted: one person
    assert reference.startswith(IDS[0][:4] + "*" * 10 + IDS[0][-4:] + "#")
    assert verify(path).ok


def test_an_id_number_changed_outside_is_still_found(tmp_path):
    path = tmp_path / "ids.db"
    with_store(path, lambda store: store.personnel.add_commitment("henan-2025", IDS[0], "张伟", dt.date(2025, 9, 1)))
    shell(path, f"DROP TRIGGER audit_commitments_update; UPDATE commitments SET id_number = '{IDS[2]}'")
    problems = verify(path).problems
    assert any("commitments" in p and "在程序之外被修改" in p for p in problems), problems
