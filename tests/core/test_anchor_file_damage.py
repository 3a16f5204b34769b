"""The anchors file lies in the user's folder, where anything may be written: every way it can be other than
what this program wrote is reported by the audit check as unreadable (never a crash), and the next change
keeps the damaged file aside and starts a new one."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from auditor import anchors
from auditor.storage import open_store

from .builders import record, with_store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "audit.db"
    with_store(path, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10"))
    return path


def state() -> Path:
    return Path(os.environ[anchors.STATE_ENV]) / "anchors.json"


def written(change) -> None:
    data = json.loads(state().read_text(encoding="utf-8"))
    change(data)
    state().write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


DAMAGE = {
    "not UTF-8": lambda: state().write_bytes(b'{"format": "\xff\xfe"}'),
    "another program's format": lambda: written(lambda d: d.update(format="something-else")),
    "a version from the future": lambda: written(lambda d: d.update(version=2)),
    "a JSON array": lambda: state().write_text("[]", encoding="utf-8"),
    "databases as a list": lambda: written(lambda d: d.update(databases=[])),
    "a path naming a number": lambda: written(lambda d: d.update(paths={"/x/audit.db": 7})),
    "events not lists": lambda: written(lambda d: d.update(events={"abc": {"kind": "restore"}})),
    "a note that is text": lambda: written(lambda d: d.update(notes=["已检查"])),
    "a head that is not a hash": lambda: written(
        lambda d: [e.update(head="x" * 64) for e in d["databases"].values()]),
    "larger than any anchors file": lambda: os.truncate(state(), 64 * 2**20 + 1),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_anchors_file_is_reported_then_kept_aside(db, damage):
    DAMAGE[damage]()
    problems = with_store(db, lambda store: store.verify_audit(deep=False).problems)
    assert any("锚点文件" in p and "无法读取" in p for p in problems), problems
    store = open_store(db)
    record(store, store.contracts.get("henan-2025"), "2025-11")         # the next change anchors anew
    store.close()
    assert len(list(state().parent.glob("anchors.json.damaged-*"))) == 1
    assert json.loads(state().read_text(encoding="utf-8"))["format"] == anchors.FORMAT
