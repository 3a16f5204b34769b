"""Finalised months keep the contract version they were assessed under; open months follow the edits."""
import io
import json
import sqlite3
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from auditor.calendar import Period
from auditor.cli import main
from auditor.documents import service as docs
from auditor.service import finalize_month, installment_result, month_result
from auditor.storage import open_store
from auditor.storage.contracts_repo import FinalisedMonthsKeepTheirVersion
from auditor.storage.migrations import migrate

from .builders import digest, record, with_store

SEP, OCT, NOV = Period(2025, 9), Period(2025, 10), Period(2025, 11)
HN02_FAILS = {"HN-02": {"value": "99.5"}}   # 网络工单回应率 99.5 % against ≥ 100 % (第十一条 表第2项)


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")


def henan_with_october_final(store):
    """Sep passes, Oct fails HN-02; both finalised under version 1 (total ¥6,468,000.00)."""
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-09")
    record(store, henan, "2025-10", HN02_FAILS)
    finalize_month(store, henan, SEP)
    finalize_month(store, henan, OCT)
    return henan


def test_an_edit_of_the_total_leaves_a_finalised_month_as_signed(store):
    henan_with_october_final(store)
    # 第十一条: 1 % of 6,468,000.00 = 64,680.00 for HN-02 in October
    assert month_result(store, store.contracts.get("henan-2025"), OCT).deduction_total == Decimal("64680.00")

    edited = store.contracts.update("henan-2025", {"total": "7000000.00"}, open_months_only=True)
    record(store, edited, "2025-11", HN02_FAILS)

    october, november = month_result(store, edited, OCT), month_result(store, edited, NOV)
    assert october.deduction_total == Decimal("64680.00")        # still 1 % of the total it was assessed under
    assert november.deduction_total == Decimal("70000.00")       # open: 1 % of 7,000,000.00
    assert store.months.finalised_versions("henan-2025") == {SEP: 1, OCT: 1}
    sheet = text_of(docs.score_sheet(store, "henan-2025", "2025-10", with_charts=False).pdf)
    assert "¥64,680.00" in sheet and "¥70,000.00" not in sheet
    assert "合同总价：¥6,468,000.00" in sheet                     # the sheet states the version's total


def test_an_installment_takes_its_terms_from_the_version_of_its_last_finalised_month(store):
    henan_with_october_final(store)
    edited = store.contracts.update("henan-2025", {"total": "7000000.00"}, open_months_only=True)
    record(store, edited, "2025-11", HN02_FAILS)
    # 第二条2 #2 (Sep–Nov, 40 %): last finalised month Oct, version 1 → 40 % × 6,468,000.00 = 2,587,200.00;
    # deductions Oct 64,680.00 (v1) + Nov 70,000.00 (open, v2) = 134,680.00 → pays 2,452,520.00
    second = installment_result(store, edited, 2)
    assert (second.amount, second.deduction_total, second.payable) == (
        Decimal("2587200.00"), Decimal("134680.00"), Decimal("2452520.00"))
    assert second.provisional

    finalize_month(store, edited, NOV)
    # now Nov (version 2) is the last finalised month: 40 % × 7,000,000.00 = 2,800,000.00 − 134,680.00
    second = installment_result(store, edited, 2)
    assert (second.amount, second.deduction_total, second.payable) == (
        Decimal("2800000.00"), Decimal("134680.00"), Decimal("2665320.00"))
    assert not second.provisional


def test_a_changed_target_does_not_reach_a_finalised_month(store):
    henan_with_october_final(store)
    # HN-02's target lowered from 100 % to 99 %: 99.5 % now passes, but only in open months
    edited = store.contracts.update("henan-2025", {"indicators[1].target": "99"}, open_months_only=True)
    record(store, edited, "2025-11", HN02_FAILS)
    october, november = month_result(store, edited, OCT), month_result(store, edited, NOV)
    assert october.item("HN-02").status.value == "fail" and october.deduction_total == Decimal("64680.00")
    assert october.item("HN-02").indicator.target == 100
    assert november.item("HN-02").status.value == "pass" and november.deduction_total == Decimal("0.00")


def test_reopening_and_finalising_again_moves_the_month_to_the_current_version(store):
    henan_with_october_final(store)
    edited = store.contracts.update("henan-2025", {"total": "7000000.00"}, open_months_only=True)
    store.months.reopen("henan-2025", OCT, "甲方核定合同总价变更，按新价重新考核")
    assert month_result(store, edited, OCT).deduction_total == Decimal("70000.00")   # open: current version
    finalize_month(store, edited, OCT)
    assert store.months.finalised_versions("henan-2025") == {SEP: 1, OCT: 2}
    assert month_result(store, edited, OCT).deduction_total == Decimal("70000.00")   # 1 % of 7,000,000.00


def test_without_the_choice_nothing_is_stored_and_the_kept_months_are_named(file_store):
    henan_with_october_final(file_store)
    before = file_store.content_digest()
    with pytest.raises(FinalisedMonthsKeepTheirVersion) as raised:
        file_store.contracts.update("henan-2025", {"total": "7000000.00"})
    assert "2025-09（第 1 版）、2025-10（第 1 版）" in str(raised.value)
    assert file_store.content_digest() == before
    assert file_store.contracts.get("henan-2025").total == Decimal("6468000.00")


def test_every_edit_is_a_version_with_when_who_and_what(store):
    store.contracts.update("henan-2025", {"total": "7000000.00", "indicators[1].target": "99"})
    store.contracts.update("henan-2025", {"total": "7000000.00"})       # the same value: no new version
    versions = store.contracts.versions("henan-2025")
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].summary == "由模板 henan-2025 创建"
    assert versions[1].summary == "indicators[1].target: 100 → 99；total: 6468000.00 → 7000000.00"
    assert versions[1].who and versions[1].at
    assert store.contracts.at_version("henan-2025", 1).total == Decimal("6468000.00")
    assert store.contracts.at_version("henan-2025", 2).total == Decimal("7000000.00")


def test_a_version_cannot_be_changed_or_deleted(store):
    with pytest.raises(sqlite3.DatabaseError, match="history"):
        store.db.execute("UPDATE contract_versions SET data = '{}' WHERE contract_id = 'henan-2025'")
    with pytest.raises(sqlite3.DatabaseError, match="history"):
        store.db.execute("DELETE FROM contract_versions WHERE contract_id = 'henan-2025'")


def test_luoyang_bands_of_an_installment_follow_its_last_finalised_month(store):
    # 附件2: LY-01 (5 points) fails every month → 95 each; #1 (Mar–Jun, 50 % = 5,164,960.00)
    luoyang = store.contracts.get("luoyang-2025")
    for month in ("2025-03", "2025-04", "2025-05", "2025-06"):
        record(store, luoyang, month, {"LY-01": {"value": "97"}})
        finalize_month(store, luoyang, Period.parse(month))
    # the top band raised from 90 to 96 points: X = 95.00 would now pay 95 %
    edited = store.contracts.update("luoyang-2025", {"scoring.bands[0].min": "96"}, open_months_only=True)
    first = installment_result(store, edited, 1)
    assert (first.score, first.band_percent, first.payable) == (Decimal("95.00"), Decimal("100"), Decimal("5164960.00"))
    store.months.reopen("luoyang-2025", Period(2025, 6), "补录话务数据")
    finalize_month(store, edited, Period(2025, 6))
    # June is now finalised under version 2: 95.00 < 96 → 95 % × 5,164,960.00 = 4,906,712.00
    first = installment_result(store, edited, 1)
    assert (first.band_percent, first.payable) == (Decimal("95"), Decimal("4906712.00"))


def test_cli_requires_the_choice_and_says_how_many_months_keep_the_old_version(tmp_path, capsys):
    db = tmp_path / "cli.db"
    with_store(db, henan_with_october_final)
    before = digest(db)
    assert main(["--db", str(db), "contract", "set", "henan-2025", "total=7000000.00"]) == 2
    err = capsys.readouterr().err
    assert "已定稿的 2 个月份保留定稿时的合同版本" in err and "--open-months-only" in err
    assert digest(db) == before
    assert main(["--db", str(db), "contract", "set", "henan-2025", "total=7000000.00", "--reassess-finalised"]) == 2
    capsys.readouterr()
    assert digest(db) == before

    assert main(["--db", str(db), "contract", "set", "henan-2025", "total=7000000.00", "--open-months-only"]) == 0
    out = capsys.readouterr().out
    assert "第 2 版" in out and "已定稿的 2 个月份保留定稿时的合同版本：2025-09（第 1 版）、2025-10（第 1 版）" in out
    assert main(["--db", str(db), "score", "henan-2025", "2025-10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deduction_total"] == "64680.00"
    assert main(["--db", str(db), "payment", "henan-2025", "2", "--json"]) == 0
    # #2 terms from version 1 (Oct): 2,587,200.00 − 64,680.00; November is not entered, so its 9 due items and
    # HN-06 deduct as failed, provisionally, under the current version: 10 × 1% of 7,000,000.00 = 700,000.00
    assert json.loads(capsys.readouterr().out)["payable"] == "1822520.00"


def test_an_older_database_gets_version_1_and_its_finalised_months_point_at_it(tmp_path):
    from auditor import audit

    from .test_migrations import fill

    path = tmp_path / "v7.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db, target=7)
    with db.atomic():
        fill(db, 7)      # October as version 7 wrote it, then finalised the way it finalised
        db.execute("UPDATE months SET status = 'final', finalized_at = '2025-11-05T10:00:00', sealed_sha256 = ? "
                   "WHERE contract_id = 'henan-2025' AND period = '2025-10'",
                   [audit.month_digest(db, "henan-2025", "2025-10")])
        audit.seal(db)
    conn.close()

    store = open_store(path)
    try:
        assert [v.number for v in store.contracts.versions("henan-2025")] == [1]
        assert store.months.finalised_versions("henan-2025") == {OCT: 1}
        assert store.verify_audit().ok, store.verify_audit().problems
        edited = store.contracts.update("henan-2025", {"total": "7000000.00"}, open_months_only=True)
        # 第十一条 HN-02 1 % + 第七条2 three persons short 3 % of 6,468,000.00 = 258,720.00, as finalised
        assert month_result(store, edited, OCT).deduction_total == Decimal("258720.00")
        assert store.verify_audit().ok
    finally:
        store.close()
