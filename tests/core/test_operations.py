"""The operations layer: each user action one transaction that says what it changed."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from auditor import notices
from auditor.calendar import Period
from auditor.cli import main
from auditor.operations import Area, Changes
from auditor.operations import months as month_ops
from auditor.operations import notices as notice_ops
from auditor.storage import open_store

from .builders import inspector, record
from .hostile import refused, state

OCT = Period(2025, 10)


@pytest.fixture
def issued(tmp_path):
    """henan October finalised with HN-02 at 99 % (a finding), and its notice issued on 2025-11-17."""
    path = tmp_path / "auditor.db"
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    month_ops.finalize(store, henan.id, OCT)
    draft = notice_ops.draft(store, henan.id, OCT, inspection_date=dt.date(2025, 11, 3), place="省12345热线运营中心",
                             inspectors="李全奇").value
    notice, _ = notice_ops.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store)).value
    store.close()
    return path, notice.number


def test_finalising_says_which_month_and_what_changed(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    outcome = month_ops.finalize(store, henan.id, OCT)
    assert outcome.changes.months == {("henan-2025", OCT)}
    assert outcome.changes.touches(Area.FINDINGS, contract="henan-2025")
    assert not outcome.changes.touches(Area.NOTICES)
    assert not outcome.changes.touches(Area.ENTRIES, contract="luoyang-2025")
    assert outcome.value.deduction_total > 0


def test_a_rectification_refused_keeps_no_orphan_report(tmp_path, issued, capsys):
    """The report is stored with the transition in one transaction: before, a refused 已整改 (here: the
    notice is not yet received but closed already) left the operator's report behind as evidence."""
    path, number = issued
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    assert main(["--db", str(path), "notice", "rectified", number, "--on", "2025-11-20"]) == 0
    assert main(["--db", str(path), "notice", "close", number, "--by", "李全奇", "--on", "2025-11-21"]) == 0
    refused(path, ["notice", "rectified", number, "--on", "2025-11-22", "--report", str(report)], capsys,
            names=(number, "已核验关闭"))


def test_the_report_is_kept_with_the_rectification(tmp_path, issued):
    path, number = issued
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    before = state(path)
    assert main(["--db", str(path), "notice", "rectified", number, "--on", "2025-11-20", "--report", str(report)]) == 0
    assert state(path) != before
    store = open_store(path)
    try:
        assert notices.get(store, number).status == "rectified"
        assert [(e.code, e.filename) for e in store.evidence.list("henan-2025", OCT)] == [("notice", "整改报告.pdf")]
    finally:
        store.close()


def overrides(store) -> set[str]:
    return {day for (day,) in store.db.execute("SELECT day FROM calendar_overrides")}


def test_a_worker_connection_has_transactions_of_its_own(tmp_path):
    """The app runs an operation on a worker with its own connection: the window's connection neither sees
    the worker's uncommitted rows nor has its own writes swept into (and rolled back with) the worker's."""
    store = open_store(tmp_path / "auditor.db")
    worker = store.sibling()
    inside, release = threading.Event(), threading.Event()

    def failing_import() -> None:
        with pytest.raises(RuntimeError), worker.db.atomic():
            worker.set_calendar_day(dt.date(2025, 10, 11), True, "worker")
            inside.set()
            release.wait(5)
            raise RuntimeError("the import fails after writing")

    thread = threading.Thread(target=failing_import)
    thread.start()
    assert inside.wait(5)
    assert "2025-10-11" not in overrides(store)  # not committed: not visible here
    release.set()
    thread.join()
    month_ops.set_calendar_day(store, dt.date(2025, 10, 12), False, "window")
    assert overrides(store) == {"2025-10-12"}
    worker.close()
    store.close()


def test_changes_combine_and_everything_touches_every_view():
    a = Changes.of(Area.ENTRIES, contract="henan-2025", periods=[OCT])
    b = Changes.of(Area.NOTICES, contract="luoyang-2025")
    both = a | b
    assert both.touches(Area.NOTICES, contract="luoyang-2025")
    assert both.contracts == {"henan-2025", "luoyang-2025"}
    assert Changes.everything().touches(Area.PAYMENTS, contract="any")
    assert not Changes()
