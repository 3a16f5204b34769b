"""Rectification notices (SPEC §8): each step the lifecycle does not allow is refused in Chinese and changes
nothing. draft → issued (signed, frozen) → received → rectified → closed; overdue → escalated; a correction
supersedes. henan-2025 October is recorded with HN-02 at 99 % (target 100 %), so it has findings.
"""
from __future__ import annotations

import datetime as dt

import pytest

from auditor import notices
from auditor.calendar import Period
from auditor.errors import InputError, NotFoundError, StateError
from auditor.service import finalize_month

from .builders import inspector, record

OCT = Period(2025, 10)
ISSUED_ON = dt.date(2025, 11, 17)


@pytest.fixture
def henan(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}})
    finalize_month(store, henan, OCT)
    return henan


def draft(store, henan, **kwargs):
    """A draft of October's findings (all of them: once one notice is issued they are no longer open)."""
    args = {"inspection_date": dt.date(2025, 11, 3), "place": "省12345热线运营中心", "inspectors": "李全奇",
            "finding_ids": [f.id for f in store.findings.list("henan-2025", OCT)]} | kwargs
    return notices.draft(store, henan, OCT, **args)


@pytest.fixture
def issued(store, henan):
    notice, pdf = notices.issue(store, draft(store, henan).id, ISSUED_ON, identity=inspector(store))
    return notice, pdf


def rows(store) -> list[tuple]:
    return store.db.execute("SELECT * FROM notices ORDER BY id").fetchall()


def test_a_month_without_open_findings_has_nothing_to_notify(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-11")
    finalize_month(store, henan, Period(2025, 11))
    with pytest.raises(InputError, match="^2025-11 没有可纳入整改通知书的问题$"):
        notices.draft(store, henan, Period(2025, 11), inspection_date=dt.date(2025, 12, 3), place="现场",
                      inspectors="李全奇")
    assert rows(store) == []


def test_a_draft_needs_a_place_and_inspectors_and_its_own_contracts_findings(store, henan):
    with pytest.raises(InputError, match="^须填写检查地点和检查人员$"):
        draft(store, henan, place="  ")
    with pytest.raises(InputError, match="^须填写检查地点和检查人员$"):
        draft(store, henan, inspectors="")
    luoyang = store.contracts.get("luoyang-2025")
    record(store, luoyang, "2025-05", {"LY-07": {"value": "1.5"}})
    finalize_month(store, luoyang, Period(2025, 5))
    foreign = [f.id for f in store.findings.list("luoyang-2025", Period(2025, 5))]
    with pytest.raises(InputError, match="^所选问题不属于该合同$"):
        draft(store, henan, finding_ids=foreign)
    assert rows(store) == []


def test_unknown_notices_are_named(store):
    with pytest.raises(NotFoundError, match="^没有编号为“7”的整改通知书$"):
        notices.get(store, 7)
    with pytest.raises(NotFoundError, match="^没有文号为“豫政数整改〔2025〕9号”的整改通知书$"):
        notices.get(store, "豫政数整改〔2025〕9号")
    with pytest.raises(NotFoundError, match="^没有该文书$"):
        notices.document_bytes(store, None)


def test_a_draft_accepts_only_the_fields_a_draft_has(store, henan):
    notice = draft(store, henan)
    with pytest.raises(InputError, match="^不能修改：issuer、number$"):
        notices.update_draft(store, notice.id, number="豫政数整改〔2025〕1号", issuer="别的单位")
    assert notices.get(store, notice.id) == notice
    changed = notices.update_draft(store, notice.id, deadline_days=10)
    assert changed.content["deadline_days"] == 10


def test_issuing_needs_the_inspectors_certificate_and_leaves_the_draft_unnumbered(store, henan):
    notice = draft(store, henan)
    with pytest.raises(InputError, match="^签发整改通知书须用检查人员证书签名"):
        notices.issue(store, notice.id, ISSUED_ON)
    assert notices.get(store, notice.id) == notice
    assert notice.status == "draft" and notice.number is None


def test_an_issued_notice_is_issued_once_and_its_preview_is_the_signed_file(store, issued):
    notice, pdf = issued
    with pytest.raises(StateError, match=f"^{notice.number} 已签发$"):
        notices.issue(store, notice.id, ISSUED_ON, identity=inspector(store, "王行宇"))
    assert notices.render_draft(store, notice.id) == pdf
    assert notices.document_bytes(store, notice.document_id) == pdf


def test_only_an_issued_notice_can_be_superseded(store, henan, issued):
    notice, _ = issued
    correction = draft(store, henan, supersedes=notice.number)
    notices.issue(store, correction.id, dt.date(2025, 11, 18), identity=inspector(store))
    assert notices.get(store, notice.number).status == "superseded"
    before = rows(store)
    with pytest.raises(StateError, match=f"^{notice.number} 不是有效的已签发通知书，不能被替代$"):
        draft(store, henan, supersedes=notice.number)
    with pytest.raises(StateError, match=f"^{notice.number} 当前状态为“已被替代”，不能改为“已签收”$"):
        notices.receive(store, notice.number, "武明亮", dt.date(2025, 11, 19))
    assert rows(store) == before


def test_receiving_and_closing_need_a_name_and_closing_needs_a_rectification(store, issued):
    notice, _ = issued
    before = rows(store)
    with pytest.raises(InputError, match="^须填写签收人$"):
        notices.receive(store, notice.number, " ", dt.date(2025, 11, 18))
    with pytest.raises(InputError, match="^须填写核验人$"):
        notices.close(store, notice.number, "", dt.date(2025, 11, 18))
    with pytest.raises(StateError, match="当前状态为“已签发”，不能改为“已核验关闭”"):
        notices.close(store, notice.number, "李全奇", dt.date(2025, 11, 18))
    assert rows(store) == before


def test_escalation_only_once_the_deadline_has_passed(store, issued):
    notice, _ = issued
    assert notice.deadline == dt.date(2025, 11, 24)                # 第五条4: 7 days after issue
    with pytest.raises(StateError, match=f"^{notice.number} 未逾期，无需升级处理$"):
        notices.escalate(store, notice.number, "逾期", dt.date(2025, 11, 24))   # the last day is not late
    assert notices.overdue(store, dt.date(2025, 11, 24)) == []
    assert notices.escalate(store, notice.number, "逾期", dt.date(2025, 11, 25)).status == "escalated"


def test_a_closed_notice_moves_no_further(store, issued):
    notice, _ = issued
    notices.rectified(store, notice.number, dt.date(2025, 11, 20))
    notices.close(store, notice.number, "李全奇", dt.date(2025, 11, 21))
    before = rows(store)
    for step in (lambda: notices.receive(store, notice.number, "武明亮", dt.date(2025, 11, 22)),
                 lambda: notices.rectified(store, notice.number, dt.date(2025, 11, 22)),
                 lambda: notices.escalate(store, notice.number, "逾期", dt.date(2025, 12, 1))):
        with pytest.raises(StateError):
            step()
    assert rows(store) == before
    assert notices.get(store, notice.number).closed_at == "2025-11-21"


def test_a_receipt_file_that_cannot_be_read_or_is_not_the_issued_notice(store, henan, issued, tmp_path):
    notice, _ = issued
    before = rows(store)
    with pytest.raises(InputError, match="^无法读取签收文件 .*missing.pdf"):
        notices.receive_signed(store, notice.number, tmp_path / "missing.pdf")
    preview = tmp_path / "preview.pdf"
    preview.write_bytes(notices.render_draft(store, draft(store, henan).id))    # an unsigned draft
    with pytest.raises(InputError, match=f"^preview.pdf 不是{notice.number}经核验的签发件"):
        notices.receive_signed(store, notice.number, preview)
    assert notices.get(store, notice.number).status == "issued"
    assert rows(store)[:len(before)] == before
