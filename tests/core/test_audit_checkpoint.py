"""Start-up checks only what changed since the last full check (issue 15): the check before the first paint
costs what changed, and an old row edited outside the program is still reported before the first write."""
from __future__ import annotations

import json
import threading

import pytest

from auditor import anchors, audit
from auditor.calendar import Period
from auditor.storage import open_store

from .builders import record, with_store
from .test_audit import shell

OCT, NOV = Period(2025, 10), Period(2025, 11)


@pytest.fixture
def db(tmp_path):
    """October recorded, then a full check on this machine: its end is the checkpoint."""
    path = tmp_path / "audit.db"

    def prepare(store):
        record(store, store.contracts.get("henan-2025"), "2025-10")
        report = audit.verify_full(store.db, store.path)
        assert report.ok, report.problems
        return anchors.last_entry(store.db)

    count, head = with_store(path, prepare)
    assert with_store(path, lambda store: anchors.checkpoint(store.db, store.path)) == audit.Checkpoint(count, head)
    return path


def since(path) -> audit.AuditReport:
    """What the app checks before its first paint."""
    return with_store(path, lambda store: audit.verify_since(store.db, store.path,
                                                             anchors.checkpoint(store.db, store.path)))


def test_start_up_walks_only_the_entries_sealed_since_the_full_check(db):
    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-11"))
    walked = since(db)
    assert walked.ok, walked.problems
    full = with_store(db, lambda store: audit.verify(store.db, store.path))
    assert walked.entries == full.entries  # every entry counted, the older ones through the checkpoint


def test_an_old_row_edited_with_the_triggers_dropped_is_reported_before_the_first_write(db):
    """The edit leaves no trace the quick check reads; the full check finds it, and a write made meanwhile
    waits until its result is in and has been shown."""
    shell(db, "DROP TRIGGER audit_measurements_update; "
              "UPDATE measurements SET value = '1' WHERE code = 'HN-04' AND period = '2025-10'")
    store = open_store(db)
    try:
        shown: list[str] = []
        order: list[str] = []
        result_seen = threading.Event()

        def check() -> None:  # the app's worker: a connection of its own
            own = store.sibling()
            try:
                report = audit.verify_full(own.db, own.path)
            finally:
                own.close()
            shown.extend(report.problems)
            order.append("result shown")
            result_seen.set()

        audit.set_write_gate(result_seen.wait)
        worker = threading.Thread(target=check)
        try:
            worker.start()
            record(store, store.contracts.get("henan-2025"), "2025-11")
            order.append("written")
        finally:
            audit.set_write_gate(None)
            worker.join()
    finally:
        store.close()
    assert order == ["result shown", "written"]
    assert any("measurements 第" in p and "与审计日志记录的内容不同" in p for p in shown), shown


def test_a_row_edited_outside_through_the_triggers_is_reported_at_start_up(db):
    shell(db, "UPDATE measurements SET value = '1' WHERE code = 'HN-04' AND period = '2025-10'")
    found = since(db).problems  # opening sealed the trigger's entry as made outside the program
    assert any("在程序之外修改了指标录入（measurements 第" in p for p in found), found


def test_an_entry_sealed_after_the_checkpoint_and_then_rewritten_is_found_at_start_up(db):
    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-11"))
    shell(db, "UPDATE audit_log SET who = 'someone' WHERE id = (SELECT max(id) FROM audit_log)")
    found = since(db).problems
    assert any("链条断裂" in p for p in found), found


def test_a_rewritten_history_before_the_checkpoint_is_found_at_start_up(db):
    """The chain no longer passes through the head the full check saw."""
    count = with_store(db, lambda store: anchors.last_entry(store.db)[0])
    shell(db, f"UPDATE audit_log SET hash = '{'0' * 64}' WHERE id = {count}")
    found = since(db).problems
    assert any(f"审计日志第 {count} 条已不是上次完整核验" in p for p in found), found


def test_a_checkpoint_moved_by_hand_is_reported_or_only_shortens_the_quick_check(db, tmp_path):
    """Moved to a head the chain never had: reported. Moved forward to the real end: start-up checks less,
    the full check (before any write) still reads everything."""
    state = anchors.state_file()
    data = json.loads(state.read_text(encoding="utf-8"))
    (database_id, point), = data["checkpoints"].items()
    point["head"] = "f" * 64
    state.write_text(json.dumps(data), encoding="utf-8")
    assert any("已不是上次完整核验" in p for p in since(db).problems)

    shell(db, "DROP TRIGGER audit_headcounts_update; UPDATE headcounts SET average = '1'")
    count, head = with_store(db, lambda store: anchors.last_entry(store.db))
    point.update(count=count, head=head)
    state.write_text(json.dumps(data), encoding="utf-8")
    assert since(db).ok
    full = with_store(db, lambda store: audit.verify_full(store.db, store.path))
    assert any("headcounts 第" in p for p in full.problems), full.problems


def test_a_malformed_checkpoint_makes_the_state_file_damaged(db):
    state = anchors.state_file()
    data = json.loads(state.read_text(encoding="utf-8"))
    for point in data["checkpoints"].values():
        point["count"] = "many"
    state.write_text(json.dumps(data), encoding="utf-8")
    assert any("审计锚点文件" in p and "无法读取" in p for p in since(db).problems)


def test_without_a_checkpoint_start_up_leaves_the_chain_to_the_full_check(tmp_path):
    """A database new to this machine: nothing walked before the first paint (its cost would grow with the
    history); the full check, which every write waits for, finds the rewritten entry."""
    path = tmp_path / "new.db"
    with_store(path, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10"))
    shell(path, "UPDATE audit_log SET who = 'someone' WHERE id = 3")
    assert with_store(path, lambda store: anchors.checkpoint(store.db, store.path)) is None
    assert since(path).ok
    full = with_store(path, lambda store: audit.verify_full(store.db, store.path)).problems
    assert any("审计日志第 3 条之处链条断裂" in p for p in full), full
    assert with_store(path, lambda store: anchors.checkpoint(store.db, store.path)) is None  # a broken chain: none kept


def test_an_outside_edit_before_the_checkpoint_is_still_reported_at_every_start(db):
    """Reported for ever: the full check keeps the checkpoint (the chain is intact) with the count of such
    entries, and start-up lists them again."""
    shell(db, "UPDATE measurements SET value = '1' WHERE code = 'HN-04' AND period = '2025-10'")
    full = with_store(db, lambda store: audit.verify_full(store.db, store.path))
    assert not full.ok and full.first_broken is None
    point = with_store(db, lambda store: anchors.checkpoint(store.db, store.path))
    assert point is not None and point.external == 1
    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-11"))
    assert any("在程序之外修改了指标录入" in p for p in since(db).problems)
