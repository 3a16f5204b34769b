"""A failed spot check is no dead end: each person 缺岗 and each person at work but not on the roster becomes
a finding of the month (SPEC §5, henan 第六条5), which a notice can cite; the contract's checks are listed;
two roster rows with one ID number stay two people to mark."""
from __future__ import annotations

import datetime as dt

from auditor import notices
from auditor.operations import personnel as ops
from auditor.staffing import SpotEntry

from .test_personnel import IDS, OCT, ROSTER, write_xlsx


def roster(store, tmp_path, rows=ROSTER) -> None:
    ops.import_file(store, "henan-2025", OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", rows), dt.date(2025, 10, 3))


def marked(store, check_id: int, **status: str) -> None:
    for entry in store.personnel.spot_entries(check_id):
        if entry.name in status:
            ops.mark(store, "henan-2025", check_id, SpotEntry(entry.key, entry.name, entry.employee_no, entry.role,
                                                               entry.on_roster, status[entry.name]))


def test_absent_and_unlisted_persons_become_findings_a_notice_can_cite(store, tmp_path):
    roster(store, tmp_path)
    check = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 9, 10, 0), "运营中心二楼", "李全奇").value
    marked(store, check, 张伟="present", 李娜="absent")
    ops.mark(store, "henan-2025", check, SpotEntry("walk-in:赵六:5", "赵六", "", "frontline", False, "present"))
    outcome = ops.finish_spot_check(store, "henan-2025", check)
    assert outcome.value[0] is True
    found = {f.title: f for f in store.findings.list("henan-2025", OCT) if f.source == "spot_check"}
    assert set(found) == {"现场抽查缺岗：李娜", "现场抽查发现名单外人员：赵六"}
    assert found["现场抽查缺岗：李娜"].detail == ("2025-10-09 10:00 现场抽查（运营中心二楼），"
                                           "李娜（工号 B001，运营支撑人员）缺岗，未见经批准的请假")
    assert found["现场抽查缺岗：李娜"].clause == "第六条5、第七条2"
    assert IDS[2] not in found["现场抽查缺岗：李娜"].key                   # the key names the check, not the person
    notice = notices.draft(store, store.contracts.get("henan-2025"), OCT, inspection_date=dt.date(2025, 10, 9),
                           place="运营中心二楼", inspectors="李全奇", finding_ids=[f.id for f in found.values()])
    assert [f["title"] for f in notice.content["findings"]] == sorted(found, key=list(found).index)


def test_a_second_check_in_the_month_keeps_the_first_ones_findings(store, tmp_path):
    roster(store, tmp_path)
    first = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 9, 10, 0), "二楼", "李全奇").value
    marked(store, first, 李娜="absent")
    ops.finish_spot_check(store, "henan-2025", first)
    second = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 14, 15, 0), "二楼", "李全奇").value
    marked(store, second, 张伟="absent")
    ops.finish_spot_check(store, "henan-2025", second)
    titles = sorted(f.title for f in store.findings.list("henan-2025", OCT) if f.source == "spot_check")
    assert titles == ["现场抽查缺岗：张伟", "现场抽查缺岗：李娜"]
    listed = store.personnel.spot_checks("henan-2025")
    assert [c["id"] for c in listed] == [second, first] and all(c["failed"] == 1 for c in listed)


def test_a_passed_check_leaves_no_finding(store, tmp_path):
    roster(store, tmp_path)
    check = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 9, 10, 0), "二楼", "李全奇").value
    marked(store, check, 张伟="present", 王芳="leave")
    assert ops.finish_spot_check(store, "henan-2025", check).value == (False, [])
    assert not [f for f in store.findings.list("henan-2025", OCT) if f.source == "spot_check"]


def test_two_rows_with_one_id_number_are_two_people_to_mark(store, tmp_path):
    rows = ROSTER[:3] + [["张伟", IDS[0], "A009", "一线", "2024-03-01", None, "大专", 0]]   # 张伟 twice, one ID
    roster(store, tmp_path, rows)
    check = ops.start_spot_check(store, "henan-2025", dt.datetime(2025, 10, 9, 10, 0), "二楼", "李全奇").value
    entries = store.personnel.spot_entries(check)
    twins = [e for e in entries if e.name == "张伟"]
    assert len(twins) == 2 and twins[0].key != twins[1].key
    for entry, status in zip(twins, ("present", "absent")):
        ops.mark(store, "henan-2025", check, SpotEntry(entry.key, entry.name, entry.employee_no, entry.role, True,
                                                        status))
    assert [e.status for e in store.personnel.spot_entries(check) if e.name == "张伟"] == ["present", "absent"]
