"""Every value of an audit bundle is checked as direct input, whoever signed it: one value of each kind a
bundle carries, made wrong in a bundle the trusted laptop signed, is refused naming its table and column
(``hostile.refused``: exit 2, Chinese, database and evidence unchanged, nothing written anywhere)."""
from __future__ import annotations

import pytest

from . import test_bundle_hostile
from .hostile import refused
from .test_bundle_hostile import build, changed, row, tree

office, source = test_bundle_hostile.office, test_bundle_hostile.source  # its fixtures, offered to pytest here too

CASES = {
    # text
    "a note that is a number": (lambda b: row(b, "measurements", note=5), ("measurements", "note", "应为文本")),
    "a clause too long": (lambda b: row(b, "findings", clause="条" * 501),
                          ("findings", "clause", "过长（501 个字符，最多 500）")),
    "a title with an escape sequence": (lambda b: row(b, "findings", title="未报送\x1b[31m"),
                                        ("findings", "title", "控制字符")),
    "a blank place": (lambda b: row(b, "spot_checks", place="   "), ("spot_checks", "place", "不能为空")),
    "a month status of another program": (lambda b: row(b, "months", status="draft"),
                                          ("months", "status", "“draft”不是可用的值（open、final）")),
    # months, days, times
    "a month as a number": (lambda b: row(b, "headcounts", period=202510), ("headcounts", "period", "应为月份文本")),
    "a month written loosely": (lambda b: row(b, "headcounts", period=" 2025-10 "), ("headcounts", "YYYY-MM")),
    "a day that does not exist": (lambda b: row(b, "departure_approvals", approved_on="2025-10-32"),
                                  ("departure_approvals", "approved_on", "“2025-10-32”不是有效日期")),
    "a day as a number": (lambda b: row(b, "commitments", signed_on=20251002),
                          ("commitments", "signed_on", "应为日期")),
    "a day before 1900": (lambda b: row(b, "submissions", received_on="1899-12-31"),
                          ("submissions", "received_on", "超出范围")),
    "a time as a number": (lambda b: row(b, "measurement_events", done_at=1760000000),
                           ("measurement_events", "done_at", "应为日期时间")),
    "an hour 25": (lambda b: row(b, "measurement_events", received_at="2025-10-09T25:00:00"),
                   ("measurement_events", "received_at", "不是有效的日期时间")),
    # numbers
    "a count as text": (lambda b: row(b, "months", late_days="0"), ("months", "late_days", "应为整数")),
    "a count as true": (lambda b: row(b, "months", late_days=True), ("months", "late_days", "应为整数")),
    "a headcount as a float": (lambda b: row(b, "headcounts", average=48.5), ("headcounts", "average", "应为数字文本")),
    "a headcount that is not a number": (lambda b: row(b, "headcounts", average="四十八"),
                                         ("headcounts", "average", "不是数字")),
    "a number in another spelling": (lambda b: row(b, "headcounts", average="4.85E+1"),
                                     ("headcounts", "average", "不是本程序写下的数字形式")),
    "a flag of 2": (lambda b: row(b, "spot_checks", failed=2), ("spot_checks", "failed", "应为 0 或 1")),
    "a checksum that is not one": (lambda b: row(b, "submissions", sha256="abc"),
                                   ("submissions", "sha256", "不是 64 位十六进制校验值")),
    # the contract's own keys
    "a role the contract lacks": (lambda b: row(b, "headcounts", role="cleaner"),
                                  ("headcounts", "role", "没有岗位“cleaner”")),
    "an indicator the contract lacks": (lambda b: row(b, "measurements", code="HN-99"),
                                        ("measurements", "code", "没有指标“HN-99”")),
    "evidence for an indicator the contract lacks": (lambda b: row(b, "evidence", code="LY-01"),
                                                     ("evidence", "code", "没有指标“LY-01”")),
    "a duty the contract lacks": (lambda b: b["tables"]["confidentiality_checks"].append(
        {"period": "2025-10", "duty": "no_usb", "status": "ok", "note": ""}),
        ("confidentiality_checks", "duty", "没有保密义务“no_usb”")),
    "an ID number as a number": (lambda b: row(b, "commitments", id_number=410105199001010011),
                                 ("commitments", "id_number", "应为身份证号文本")),
    # how the rows hang together
    "a staffing change ending before it starts": (lambda b: b["tables"]["staffing_changes"].append(
        {"role": "frontline", "first_month": "2025-11", "last_month": "2025-10", "required": 45,
         "reference": "豫政数函〔2025〕9号", "approved_on": "2025-10-20"}), ("staffing_changes", "起止颠倒")),
    "a value given for a ratio": (lambda b: row(b, "measurements", kind="ratio"),
                                  ("measurements", "HN-02", "类别 ratio 与所给的值不符")),
    # documents
    "a document year of 1800": (lambda b: b["documents"][0].update(year=1800), ("documents 第 1 项", "year")),
    "a document number 0": (lambda b: b["documents"][0].update(seq=0), ("documents 第 1 项", "seq")),
    "a document field too many": (lambda b: b["documents"][0].update(author="x"), ("documents 第 1 项", "字段应为")),
    "a lifecycle that is a list": (lambda b: b["documents"][0].update(lifecycle=[]),
                                   ("documents 第 1 项", "lifecycle", "办理记录")),
    "findings that are not triples": (lambda b: b["documents"][0].update(findings=[["2025-10", "indicator"]]),
                                      ("documents 第 1 项", "findings", "[月份, 来源, 键]")),
    "a document whose PDF is not there": (lambda b: b["documents"][0].update(sha256="0" * 64),
                                          ("documents 第 1 项", "没有它的 PDF")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_wrong_value_in_a_signed_bundle_is_refused(source, office, tmp_path, capsys, case):
    laptop, _, good = source
    change, named = CASES[case]
    (tmp_path / "in").mkdir()
    body, members = changed(good, change)
    bad = build(tmp_path / "in" / "case.bundle", body, members, laptop)
    before = tree(tmp_path)
    refused(office, ["bundle", "import", str(bad)], capsys, names=("case.bundle", *named))
    assert tree(tmp_path) == before
