"""A stored contract's schema check is remembered on this machine (the user's state folder), never in the
database: a text changed in the file is checked in full, and a record that is not this program's own,
for this schema, is no record at all."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.errors import TemplateError
from auditor.storage import contracts_repo

from .builders import with_store

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "auditor" / "contract_schema.json"
REFUSED = "合同 henan-2025 不符合合同模板格式"


@pytest.fixture(autouse=True)
def _fresh_process():
    """Each test starts as a new process would: nothing parsed in memory yet."""
    contracts_repo._parse_stored.cache_clear()
    yield
    contracts_repo._parse_stored.cache_clear()


def record_file() -> Path:
    return Path(os.environ["AUDITOR_STATE_DIR"]) / "contracts-validated.json"


def digest(data: object) -> str:
    """The record's key for a document: SHA-256 of its canonical JSON (keys sorted, ASCII, no spaces)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
                          .encode("ascii")).hexdigest()


def tamper(path: Path) -> dict[str, object]:
    """A field the schema does not allow, added with plain SQL (the program's repository bypassed)."""
    conn = sqlite3.connect(path)
    try:
        data = json.loads(conn.execute("SELECT data FROM contracts WHERE id = 'henan-2025'").fetchone()[0])
        data["backdoor"] = 1
        with conn:
            conn.execute("UPDATE contracts SET data = ? WHERE id = 'henan-2025'",
                         [json.dumps(data, ensure_ascii=False, sort_keys=True)])
    finally:
        conn.close()
    return data


def test_a_tampered_contract_is_refused_after_the_genuine_one_was_remembered(tmp_path, capsys):
    db = tmp_path / "audit.db"
    assert main(["--db", str(db), "score", "henan-2025", "2025-10"]) == 0
    genuine = with_store(db, lambda store: store.contracts.get("henan-2025").data)
    assert digest(genuine) in json.loads(record_file().read_text("utf-8"))["documents"]
    capsys.readouterr()
    contracts_repo._parse_stored.cache_clear()

    tamper(db)
    assert main(["--db", str(db), "score", "henan-2025", "2025-10"]) == 2
    err = capsys.readouterr().err
    assert REFUSED in err and "有未知字段" in err and "backdoor" in err, err


def test_a_remembered_contract_is_not_checked_against_the_schema_again(tmp_path):
    """What makes ``auditor score`` fast: the second process never loads jsonschema; the first one does."""
    db = tmp_path / "audit.db"
    script = ("import sys; from auditor.storage import open_store; s = open_store(sys.argv[1]); "
              "s.contracts.get('henan-2025'); print('jsonschema' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, check=True,
                           cwd=ROOT, env=dict(os.environ)).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def _record(schema: str, documents: list[object], **fields: object) -> bytes:
    record = {"format": "auditor-contract-validations", "version": 1, "schema": schema, "documents": documents}
    return json.dumps({**record, **fields}).encode("utf-8")


RECORDS = {
    "not JSON": lambda bad: b"\xff\xfe not a record " + bad.encode(),
    "a list": lambda bad: json.dumps([bad]).encode(),
    "another program's": lambda bad: _record(hashlib.sha256(SCHEMA.read_bytes()).hexdigest(), [bad],
                                            format="someone-else"),
    "a later version": lambda bad: _record(hashlib.sha256(SCHEMA.read_bytes()).hexdigest(), [bad], version=2),
    "another schema": lambda bad: _record(hashlib.sha256(b"{}").hexdigest(), [bad]),
    "an entry not a digest": lambda bad: _record(hashlib.sha256(SCHEMA.read_bytes()).hexdigest(),
                                                 [bad, "not-a-digest"]),
    "too large": lambda bad: _record(hashlib.sha256(SCHEMA.read_bytes()).hexdigest(), [bad] * 20_000),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_a_record_that_is_not_ours_means_checking_in_full(tmp_path, kind):
    db = tmp_path / "audit.db"
    with_store(db, lambda store: store.contracts.get("henan-2025"))
    tampered = tamper(db)
    record_file().write_bytes(RECORDS[kind](digest(tampered)))
    contracts_repo._parse_stored.cache_clear()

    with pytest.raises(TemplateError, match=REFUSED) as refused:
        with_store(db, lambda store: store.contracts.get("henan-2025"))
    assert any("backdoor" in p for p in refused.value.problems)


def test_a_record_in_place_of_a_folder_or_unwritable_is_no_obstacle(tmp_path):
    """The state folder's record may be anything the user's account left there: the contract still opens."""
    db = tmp_path / "audit.db"
    record_file().parent.mkdir(parents=True, exist_ok=True)
    record_file().mkdir()
    assert with_store(db, lambda store: store.contracts.get("henan-2025").id) == "henan-2025"
