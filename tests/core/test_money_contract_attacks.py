"""The operator (乙方) attacking the money and contract entry points: a contract file handed over "from the
office", the payment record, 甲方's approvals and the calendar.

Each attack is the hostile input as a real file or command. It is refused with exit 2, a Chinese message
naming the place and nothing changed (``hostile.refused``), or its effect is shown where an auditor looks.

Figures used (by hand, from the clause the test names):
* zhoukou-2026 (tests/data/contracts/deductions-other-roles.json): total ¥2,400,000.00; incident steps 2% then
  6% cumulative (第七条2): a file with steps 6% then 2% would make the second incident deduct 2 − 6 = −4%, i.e.
  pay ¥96,000.00 back.
* kaifeng-2026 (points-85-75-65.json): bands 85 → 100%, 75 → 90%, 65 → 80%, 0 → 0%.
* henan-2025: 1% of ¥6,468,000.00 = ¥64,680.00 (HN-02 第十一条 表第2项; 第七条2 per missing person);
  installment #2 (Sep–Nov) 40% = ¥2,587,200.00. 2025-10-10 is a Friday, 2025-10-11 a Saturday worked in lieu
  of 国庆 (国办发明电〔2024〕12号): HN-02's 1 working day from Thursday 10-09 ends with Friday 10-10.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from auditor import idcard
from auditor.calendar import Period

from .builders import cli as run
from .builders import record, with_store
from .hostile import refused, sha
from .test_audit import SQLITE3, shell

CONTRACTS = Path(__file__).resolve().parents[1] / "data" / "contracts"
POINTS = CONTRACTS / "points-85-75-65.json"
DEDUCTIONS = CONTRACTS / "deductions-other-roles.json"


def run_json(db, capsys, *args) -> dict:
    return json.loads("\n".join(run(db, capsys, *args, "--json")))


def folder(root: Path) -> dict[str, str]:
    """Every file under ``root`` (the database's folder and the templates beside it) with its SHA-256."""
    return {str(p.relative_to(root)): sha(p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()}


def crafted(tmp_path: Path, base: Path, change) -> Path:
    data = json.loads(base.read_text("utf-8"))
    change(data)
    path = tmp_path / "incoming" / "合同.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def roles(data) -> list[dict]:
    return data["staffing"]["roles"]


# ------------------------------------------------------------------ a contract file from "the office"

CONTRACT_ATTACKS = [
    pytest.param(DEDUCTIONS, lambda d: d["scoring"].update(incident_steps=["6", "2"]),
                 ("scoring.incident_steps[1]", "逐次不减"), id="incident-steps-that-pay-back"),
    pytest.param(POINTS, lambda d: d["scoring"].update(bands=[
        {"min": "85", "percent": "80"}, {"min": "75", "percent": "90"}, {"min": "65", "percent": "100"},
        {"min": "0", "percent": "100"}]), ("scoring.bands[1].percent", "得分低的不能多付"),
        id="bands-that-pay-more-for-less"),
    pytest.param(DEDUCTIONS, lambda d: (d.update(total="0.00"), d.update(bond=None)), ("total", "大于 0"),
                 id="zero-total-deducts-nothing"),
    pytest.param(DEDUCTIONS, lambda d: d.update(total="-2400000.00"), ("total", "格式不正确"), id="negative-total"),
    pytest.param(DEDUCTIONS, lambda d: d.update(total="2400000.001"), ("total", "格式不正确"),
                 id="total-below-the-fen"),
    pytest.param(DEDUCTIONS, lambda d: (d["installments"][0].update(percent="-50"),
                                        d["installments"][1].update(percent="150")),
                 ("installments[0].percent", "负数"), id="negative-installment-adding-up-to-100"),
    pytest.param(DEDUCTIONS, lambda d: d.update(tax_rate="6.000000000000000000001"), ("tax_rate", "小数位数过多"),
                 id="rate-of-absurd-precision"),
    pytest.param(DEDUCTIONS, lambda d: d["indicators"].append(dict(d["indicators"][0], name="坐席接通率（复核）")),
                 ("indicators[3].code", "重复"), id="duplicate-indicator-code"),
    pytest.param(DEDUCTIONS, lambda d: (roles(d)[0]["aliases"].append("CSR"), roles(d)[2]["aliases"].append("csr")),
                 ("staffing.roles[2].aliases[2]", "无法区分"), id="alias-shared-but-for-case"),
    pytest.param(DEDUCTIONS, lambda d: (roles(d)[0]["aliases"].append("CSR"),
                                        roles(d)[2]["aliases"].append("ＣＳＲ")),
                 ("staffing.roles[2].aliases[2]", "无法区分"), id="alias-shared-but-for-width"),
    pytest.param(DEDUCTIONS, lambda d: roles(d)[2]["aliases"].append("坐席\u200b人员"),
                 ("staffing.roles[2].aliases[2]", "控制字符"), id="alias-with-a-zero-width-space"),
    pytest.param(DEDUCTIONS, lambda d: roles(d)[1].update(name="质检\u2060人员"),
                 ("staffing.roles[1].name", "控制字符"), id="role-name-with-a-word-joiner"),
    pytest.param(DEDUCTIONS, lambda d: d.update(signed_on="2026-07-01"), ("signed_on", "晚于服务期结束日期"),
                 id="signed-after-the-term-so-nothing-was-due"),
    pytest.param(DEDUCTIONS, lambda d: d.update(id="henan-2025"), ("henan-2025", "内置模板"), id="shadows-a-builtin"),
    pytest.param(DEDUCTIONS, lambda d: d.update(id="../../escape"), ("id", "格式不正确"), id="id-that-climbs-out"),
    pytest.param(DEDUCTIONS, lambda d: d.update(id="zk/../../../tmp/x"), ("id", "格式不正确"), id="id-with-slashes"),
]


@pytest.mark.parametrize("base, change, names", CONTRACT_ATTACKS)
def test_a_crafted_contract_file_is_refused_and_nothing_is_written(db, capsys, tmp_path, base, change, names):
    path = crafted(tmp_path, base, change)
    before = folder(tmp_path)
    refused(db, ["contract", "import", str(path)], capsys, names=names)
    assert folder(tmp_path) == before, "a refused contract wrote a file (a template, or outside the data folder)"


@pytest.mark.parametrize("new_id, name", [("../../escape", "id"), ("..", "id"), ("a/b", "id"), ("ZHOUKOU", "id"),
                                          ("zk\x00x", "--id"), ("henan-2025", "内置模板")])
def test_an_id_given_on_the_command_line_cannot_climb_out_of_the_templates_folder(db, capsys, tmp_path, new_id, name):
    before = folder(tmp_path)
    refused(db, ["contract", "import", str(DEDUCTIONS), "--id", new_id], capsys, names=(name,))
    assert folder(tmp_path) == before


def test_flat_bands_and_equal_steps_are_still_accepted(db, capsys, tmp_path):
    # equal neighbouring percents and equal steps are not a gain for anyone: a flat 100% band, steps 2%, 2%
    path = crafted(tmp_path, DEDUCTIONS, lambda d: d["scoring"].update(incident_steps=["2", "2"]))
    assert run(db, capsys, "contract", "import", path)[0].startswith("已导入合同 zhoukou-2026")
    path = crafted(tmp_path, POINTS, lambda d: d["scoring"].update(bands=[
        {"min": "85", "percent": "100"}, {"min": "75", "percent": "100"}, {"min": "0", "percent": "0"}]))
    assert run(db, capsys, "contract", "import", path)[0].startswith("已导入合同 kaifeng-2026")


def test_a_user_template_named_like_a_builtin_is_never_used(db, capsys):
    # a file dropped into the data folder as henan-2025.json, paying more: `contract new henan-2025` copies the
    # built-in one, and the file is not offered as a template
    data = json.loads(DEDUCTIONS.read_text("utf-8"))
    data["id"] = "henan-2025"
    (db.parent / "templates").mkdir()
    (db.parent / "templates" / "henan-2025.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    listed = run_json(db, capsys, "contract", "templates")["templates"]
    assert [t for t in listed if t["id"] == "henan-2025"] == [{"id": "henan-2025", "kind": "builtin"}]
    run(db, capsys, "contract", "new", "henan-2025", "henan-copy")
    exported = db.parent / "copy.json"
    run(db, capsys, "contract", "export", "henan-copy", exported)
    assert json.loads(exported.read_text("utf-8"))["total"] == "6468000.00"


def test_readings_that_claim_another_rule_are_printed_after_the_rule_the_numbers_make(db, capsys, tmp_path):
    # the file's own reading says every score is paid in full; the sheet states the bands from the numbers first
    from auditor.contract_text import readings

    lie = "任何得分均全额支付"
    path = crafted(tmp_path, POINTS, lambda d: d.update(readings=[{"key": "bands", "text": lie, "clause": "附件一"}]))
    run(db, capsys, "contract", "import", path)
    lines = with_store(db, lambda store: readings(store.contracts.get("kaifeng-2026")))
    band_line = next(i for i, line in enumerate(lines) if "85" in line and "100%" in line and "80%" in line)
    claim = next(i for i, line in enumerate(lines) if lie in line)
    assert band_line < claim and "附件一" in lines[claim]


def test_a_rate_of_twenty_places_is_kept_as_written_and_its_money_rounded_to_the_fen(db, capsys, tmp_path):
    # ZK-01 deducts 0.99999999999999999999% of ¥2,400,000.00 = ¥23,999.9999999999999999976 → ¥24,000.00
    rate = "0.99999999999999999999"
    path = crafted(tmp_path, DEDUCTIONS, lambda d: d["indicators"][0].update(deduction_percent=rate))
    run(db, capsys, "contract", "import", path)
    result = run_json(db, capsys, "score", "zhoukou-2026", "2026-01")
    zk01 = next(d for d in result["deductions"] if d["code"] == "ZK-01")
    assert zk01["amount"] == "24000.00"


# ------------------------------------------------------------------ payment record

PAY = ["payment", "record", "henan-2025", "1", "--paid-on", "2025-12-08"]


@pytest.mark.parametrize("amount", [
    pytest.param("1.2936E+06", id="exponent-as-a-narrow-column-shows-it"),
    pytest.param("1e3", id="exponent"),
    pytest.param("1_293_600", id="underscores"),
    pytest.param("١٢٩٣٦٠٠", id="arabic-indic-digits"),
    pytest.param("1,2,9,3,6,0,0", id="misplaced-separators"),
    pytest.param(".5", id="no-yuan-digit"),
    pytest.param("+1293600", id="plus-sign"),
    pytest.param("NaN", id="nan"),
    pytest.param("Infinity", id="infinity"),
    pytest.param("9" * 5000, id="five-thousand-digits"),
    pytest.param("1000000000001", id="beyond-any-contract"),
    pytest.param("1293600.001", id="below-the-fen"),
    pytest.param("-0", id="minus-zero"),
    pytest.param("-1,293,600.00", id="negative"),
])
def test_an_amount_not_written_as_money_is_refused(db, capsys, amount):
    refused(db, [*PAY, "--amount", amount], capsys, names=("--amount",))


def test_full_width_digits_are_read_as_the_same_amount(db, capsys):
    out = run(db, capsys, *PAY, "--amount", "￥１，２９３，６００．００")
    assert out == ["已登记 henan-2025 第1期付款：2025-12-08 实付 ¥1,293,600.00；本期数字自此冻结"]


def voucher_kinds(tmp_path: Path) -> dict[str, Path]:
    kinds = tmp_path / "vouchers"
    kinds.mkdir()
    (kinds / "文件夹.pdf").mkdir()
    os.mkfifo(kinds / "管道.pdf")
    with (kinds / "巨大.pdf").open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: 65 MB said, nothing written
    (kinds / "指向管道.pdf").symlink_to(kinds / "管道.pdf")
    (kinds / "指向设备.pdf").symlink_to("/dev/zero")
    (kinds / "悬空.pdf").symlink_to(kinds / "不存在.pdf")
    return {p.name: p for p in kinds.iterdir()}


@pytest.mark.parametrize("name", ["文件夹.pdf", "管道.pdf", "巨大.pdf", "指向管道.pdf", "指向设备.pdf", "悬空.pdf"])
def test_a_voucher_that_is_not_a_plain_file_is_refused_before_it_is_read(db, capsys, tmp_path, name):
    voucher = voucher_kinds(tmp_path)[name]
    refused(db, [*PAY, "--amount", "1293600", "--voucher", str(voucher)], capsys, names=(name, "--voucher"))


def test_a_voucher_that_links_to_a_file_keeps_the_content_it_points_to(db, capsys, tmp_path):
    # the link is followed like any file the user names; what is kept (and hashed) is the content read
    target = tmp_path / "银行回单.pdf"
    target.write_bytes(b"%PDF-1.4 bank receipt 1293600.00")
    link = tmp_path / "凭证.pdf"
    link.symlink_to(target)
    run(db, capsys, *PAY, "--amount", "1293600", "--voucher", link)
    kept = with_store(db, lambda store: store.evidence.list("henan-2025", Period(2025, 12), "payment-1"))
    assert [(e.filename, e.sha256) for e in kept] == [("凭证.pdf", sha(target.read_bytes()))]


def test_installments_are_recorded_in_order_and_in_date_order(db, capsys):
    refused(db, ["payment", "record", "henan-2025", "2", "--paid-on", "2025-12-31", "--amount", "1"], capsys,
            names=("第 1 期尚未登记付款",))
    run(db, capsys, *PAY, "--amount", "1293600")
    refused(db, ["payment", "record", "henan-2025", "2", "--paid-on", "2025-12-07", "--amount", "1"], capsys,
            names=("2025-12-07", "早于第 1 期的付款日期"))
    refused(db, ["payment", "record", "henan-2025", "1", "--paid-on", "2025-12-09", "--amount", "1"], capsys,
            names=("已于 2025-12-08 登记付款",))


@pytest.mark.skipif(not SQLITE3, reason="the sqlite3 shell is needed to edit the file as an outsider would")
def test_a_paid_installment_altered_with_the_sqlite3_shell_is_stopped_or_found(db, capsys):
    run(db, capsys, *PAY, "--amount", "1293600")
    for statement in ("UPDATE payments SET amount = '0.00'", "DELETE FROM payments",
                      "UPDATE payments SET frozen = replace(frozen, '1293600.00', '1.00')"):
        with pytest.raises(subprocess.CalledProcessError):
            shell(db, statement)  # the triggers abort it
    assert with_store(db, lambda store: store.verify_audit().ok)
    shell(db, "DROP TRIGGER payments_frozen; UPDATE payments SET amount = '0.00'")
    assert any("在程序之外修改了付款登记" in p for p in with_store(db, lambda store: store.verify_audit().problems))


@pytest.mark.skipif(not SQLITE3, reason="the sqlite3 shell is needed to edit the file as an outsider would")
def test_a_payment_deleted_with_every_trigger_dropped_is_found(db, capsys):
    run(db, capsys, *PAY, "--amount", "1293600")
    shell(db, "DROP TRIGGER payments_frozen; DROP TRIGGER payments_kept; DROP TRIGGER audit_payments_insert; "
              "DROP TRIGGER audit_payments_update; DROP TRIGGER audit_payments_delete; DELETE FROM payments")
    problems = with_store(db, lambda store: store.verify_audit().problems)
    assert "付款登记（payments 第 1 行）已不存在，但审计日志中没有删除记录" in problems


# ------------------------------------------------------------------ approvals

def test_an_approval_over_a_range_with_a_finalised_month_is_refused(db, capsys):
    # management 3 of 4 in October deducts ¥64,680.00 (第七条2); October finalised: a back-dated approval
    # for September–November may not erase it
    def final(store):
        from auditor.operations.months import finalize

        henan = store.contracts.get("henan-2025")
        record(store, henan, "2025-10", headcount={"frontline": 50, "support": 16, "management": 3})
        finalize(store, "henan-2025", Period(2025, 10))
    with_store(db, final)
    refused(db, ["staffing", "approve", "henan-2025", "管理人员", "2025-09", "2025-11", "--required", "3",
                 "--on", "2025-08-01", "--reference", "补签函"], capsys, names=("2025-10 已定稿",))
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "64680.00"


def test_an_approval_after_the_payment_is_an_adjustment_on_the_next_installment(db, capsys):
    # #2 (Sep–Nov) paid with October's ¥64,680.00 deducted; the approval then recorded gives it back on #3,
    # named and dated, never by changing what #2 said when it was paid
    with_store(db, lambda store: [record(store, store.contracts.get("henan-2025"), p, headcount=(
        {"frontline": 50, "support": 16, "management": 3} if p == "2025-10" else None))
        for p in ("2025-09", "2025-10", "2025-11")])
    run(db, capsys, *PAY, "--amount", "1293600")
    assert run_json(db, capsys, "payment", "henan-2025", "2")["payable"] == "2522520.00"  # 2,587,200 − 64,680
    run(db, capsys, "payment", "record", "henan-2025", "2", "--paid-on", "2025-12-31", "--amount", "2522520")
    run(db, capsys, "staffing", "approve", "henan-2025", "管理人员", "2025-10", "--required", "3",
        "--on", "2025-09-28", "--reference", "豫政数函〔2025〕12号")
    second = run_json(db, capsys, "payment", "henan-2025", "2")
    assert second["payable"] == "2522520.00"
    third = run(db, capsys, "payment", "henan-2025", "3")
    assert any("-¥64,680.00" in line and "第2期已于 2025-12-31 付款" in line and "不再成立" in line for line in third)


IDS = [p + idcard.check_digit(p) for p in (f"41010519900101{n:03d}" for n in range(11, 14))]


def test_a_departure_approved_by_a_name_two_people_share_is_refused(db, capsys):
    # two 王芳 on October's roster, both leaving: the name alone cannot say whose departure 甲方 agreed to
    roster = db.parent / "名单.csv"
    roster.write_text("\n".join(",".join(r) for r in [
        ["姓名", "身份证号", "工号", "岗位类别", "入职日期", "离职日期"],
        ["王芳", IDS[0], "A001", "一线", "2024-03-01", "2025-10-16"],
        ["王芳", IDS[1], "A002", "一线", "2024-03-01", "2025-10-20"],
        ["刘洋", IDS[2], "M001", "管理人员", "2024-03-01", ""]]), encoding="utf-8")
    run(db, capsys, "import", "henan-2025", "2025-10", "roster", roster, "--received", "2025-10-03")
    reconcile = ["reconcile", "henan-2025", "2025-10", "--today", "2025-11-20"]
    assert [line.split("\t")[1] for line in run(db, capsys, *reconcile) if line.startswith("人员离职未经甲方同意")] == [
        f"王芳 {idcard.mask(IDS[0])}", f"王芳 {idcard.mask(IDS[1])}"]
    refused(db, ["departure", "approve", "henan-2025", "王芳", "--on", "2025-10-10", "--reference", "人事函1号"],
            capsys, names=("2 人", "王芳", "身份证号", idcard.mask(IDS[0]), idcard.mask(IDS[1])))
    out = run(db, capsys, "departure", "approve", "henan-2025", IDS[1], "--on", "2025-10-10",
              "--reference", "人事函1号")
    assert out[0].startswith(f"已登记 henan-2025 {idcard.mask(IDS[1])}")
    # the other 王芳's departure is still a finding
    assert [line.split("\t")[1] for line in run(db, capsys, *reconcile) if line.startswith("人员离职未经甲方同意")] == [
        f"王芳 {idcard.mask(IDS[0])}"]


# ------------------------------------------------------------------ the calendar

LATE_ANSWER = {"HN-02": {"events": [{"received_at": "2025-10-09 10:00", "done_at": "2025-10-11 12:00"}]}}


def october_with_a_late_answer(db, *, finalised: bool) -> None:
    def prepare(store):
        from auditor.operations.months import finalize

        record(store, store.contracts.get("henan-2025"), "2025-10", LATE_ANSWER)
        if finalised:
            finalize(store, "henan-2025", Period(2025, 10))
    with_store(db, prepare)


def test_a_holiday_entered_after_finalising_cannot_turn_a_late_answer_into_an_on_time_one(db, capsys):
    # answered Saturday 10-11 at noon, due by the end of Friday 10-10: HN-02 fails, ¥64,680.00. Calling Friday a
    # holiday afterwards would move the time limit to Saturday and erase the deduction of a signed month.
    october_with_a_late_answer(db, finalised=True)
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "64680.00"
    refused(db, ["calendar", "set", "2025-10-10", "--holiday", "--notice", "国办发明电〔2025〕99号"], capsys,
            names=("henan-2025 2025-10", "已定稿", "2025-10-10", "重新打开"))
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "64680.00"
    assert run(db, capsys, "calendar", "list", "2025") == ["2025 年：已内置国务院节假日安排"]
    # a day that moves no signed figure is entered as before
    assert run(db, capsys, "calendar", "set", "2025-12-31", "--holiday", "--notice", "豫政办明电〔2025〕1号")[0] == \
        "2025-12-31 记为放假日（豫政办明电〔2025〕1号）"


def test_a_holiday_entered_for_an_open_month_is_listed_and_in_the_audit_log(db, capsys):
    # before the month is finalised the entry is allowed, and an auditor sees it: the month's figure moves,
    # the day is listed with its notice and the audit log holds the insert
    october_with_a_late_answer(db, finalised=False)
    run(db, capsys, "calendar", "set", "2025-10-10", "--holiday", "--notice", "国办发明电〔2025〕99号")
    assert run_json(db, capsys, "score", "henan-2025", "2025-10")["deduction_total"] == "0.00"
    assert run(db, capsys, "calendar", "list", "2025")[1:] == ["  2025-10-10 周五  放假  国办发明电〔2025〕99号"]
    log = run(db, capsys, "audit", "log")
    assert any("\tinsert\tcalendar_overrides#" in line for line in log), log
