"""Encryption at rest (SQLCipher through sqlcipher3-wheels): unreadable without the key, usable with it."""
import pytest

pytest.importorskip("sqlcipher3")

from auditor.calendar import Period  # noqa: E402
from auditor.cli import main  # noqa: E402
from auditor.errors import InputError  # noqa: E402
from auditor.storage import encrypt_database, is_encrypted, open_store  # noqa: E402

from .builders import record  # noqa: E402

KEY = "一个足够长的口令-2025"


def test_encrypted_database_round_trip(tmp_path):
    path = tmp_path / "secret.db"
    store = open_store(path)
    record(store, store.contracts.get("henan-2025"), "2025-10", {"HN-02": {"value": "99"}})
    store.close()
    encrypt_database(path, KEY)
    assert is_encrypted(path)
    raw = path.read_bytes()
    assert "河南龙翼".encode() not in raw and b"HN-02" not in raw          # nothing readable in the file
    with pytest.raises(InputError, match="若是已加密的数据库，请提供数据库口令"):
        open_store(path)
    with pytest.raises(InputError, match="口令错误"):
        open_store(path, key="wrong passphrase")
    store = open_store(path, key=KEY)
    from auditor.service import month_result

    assert str(month_result(store, store.contracts.get("henan-2025"), Period(2025, 10)).deduction_total) == "64680.00"
    assert store.verify_audit().ok
    store.close()


def test_backup_of_an_encrypted_database_stays_encrypted(tmp_path, capsys):
    path = tmp_path / "secret.db"
    open_store(path).close()
    encrypt_database(path, KEY)
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY, encoding="utf-8")
    backup = tmp_path / "b.zip"
    assert main(["--db", str(path), "--key-file", str(key_file), "backup", str(backup)]) == 0
    import zipfile

    with zipfile.ZipFile(backup) as archive:
        assert not archive.read("auditor.db").startswith(b"SQLite format 3")
    assert main(["--db", str(path), "--key-file", str(key_file), "restore", str(backup)]) == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("another passphrase", encoding="utf-8")
    assert main(["--db", str(path), "--key-file", str(wrong), "contracts"]) == 2
