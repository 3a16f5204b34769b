"""The commands that keep the data safe, as printed: the audit log, encryption, a backup missing evidence,
and an encrypted backup restored without its passphrase or with another one."""
from __future__ import annotations

import pytest

from auditor.calendar import Period
from auditor.cli import main

from .builders import record, with_store
from .hostile import refused
from .test_audit import shell

KEY = "一个足够长的口令-2025"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "audit.db"
    with_store(path, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10"))
    return path


def run(db, capsys, *args) -> tuple[list[str], str]:
    capsys.readouterr()
    code = main(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out.splitlines(), out.err


def test_the_audit_log_lists_the_newest_entries_oldest_first_and_marks_outside_edits(db, capsys):
    shell(db, "UPDATE months SET late_days = 3 WHERE period = '2025-10'")
    lines, _ = run(db, capsys, "audit", "log", "--limit", "2")
    assert len(lines) == 2
    ids = [int(line.split("\t")[0]) for line in lines]
    assert ids[1] == ids[0] + 1
    _, _, _, op, row, where = lines[-1].split("\t")
    assert (op, row.split("#")[0], where) == ("update", "months", "程序之外")


def test_a_key_file_with_a_nul_is_refused(db, tmp_path, capsys):
    key = tmp_path / "key.txt"
    key.write_bytes(b"passphrase\x00tail")
    refused(db, ["--key-file", str(key), "contracts"], capsys, names=("key.txt", "空字符"))


def test_a_backup_names_the_evidence_it_could_not_take(db, tmp_path, capsys):
    shot = tmp_path / "截图.png"
    shot.write_bytes(b"\x89PNG evidence")
    evidence = with_store(db, lambda store: store.evidence.add("henan-2025", Period(2025, 10), "HN-02", shot))
    (db.with_name("audit-evidence") / evidence.sha256[:2] / evidence.sha256).unlink()
    lines, err = run(db, capsys, "backup", tmp_path / "b.zip")
    assert lines == [f"已备份到 {tmp_path / 'b.zip'}（数据库与 0 个证据文件）"]
    assert err.startswith("注意：1 个证据文件缺失或已损坏，未能备份：") and evidence.sha256 in err


def test_encryption_and_an_encrypted_backup_without_or_with_another_passphrase(db, tmp_path, capsys):
    pytest.importorskip("sqlcipher3")
    key = tmp_path / "key.txt"
    key.write_text(KEY, encoding="utf-8")
    lines, _ = run(db, capsys, "--key-file", key, "encrypt")
    assert lines == [f"{db} 已加密（SQLCipher AES-256）。请妥善保管口令：遗失后数据无法恢复。"]
    refused(db, ["--key-file", str(key), "encrypt"], capsys, names=("audit.db", "已经是加密数据库"))
    run(db, capsys, "--key-file", key, "backup", tmp_path / "secret.zip")
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "init"]) == 0
    refused(other, ["restore", str(tmp_path / "secret.zip")], capsys, names=("secret.zip", "请提供数据库口令"))
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("another passphrase", encoding="utf-8")
    refused(other, ["--key-file", str(wrong), "restore", str(tmp_path / "secret.zip")], capsys,
            names=("secret.zip", "数据库口令与备份中的数据库（auditor.db）不符"))
