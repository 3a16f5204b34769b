"""A third contract of each family, defined only by a data file: imported with `auditor contract import`,
scored, paid and printed — and its documents say its own bands, steps, remedies and clauses, none of
henan's or luoyang's.

tests/data/contracts/points-85-75-65.json (kaifeng-2026, ¥1,200,000.00, 2026-01…06):
  附件一: KF-01 40 points, KF-02 30, KF-03 20, KF-04 10; 评分办法 bands X≥85 100 %, 75≤X<85 90 %,
  65≤X<75 80 %, below 0 %; 第四条1: installment 1 = 60 % = ¥720,000.00 for 2026-01…03; 第九条1: 0.2 % of
  the total a day late = ¥2,400.00 a day; 第六条2 the only remedy; 第九条2 the only termination right.
tests/data/contracts/deductions-other-roles.json (zhoukou-2026, ¥2,400,000.00, 2026-01…06):
  第七条1: 2 % a failed item = ¥48,000.00; 第五条3: roles 坐席人员 20 / 质检人员 3 / 班组长 2, 0.5 % a person
  short = ¥12,000.00; 第七条2: 严重投诉事件 1st 2 %, 2nd cumulative 6 % (a further 4 % = ¥96,000.00);
  第十条2: the 2nd gives the termination right; 第四条1: installment 1 = 50 % = ¥1,200,000.00 for
  2026-01…03; 第三条4: bond 3 % = ¥72,000.00; no third-party remedy.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor import idcard
from auditor.cli import main

from .builders import failing, month_doc, with_store, write_doc

CONTRACTS = Path(__file__).resolve().parents[1] / "data" / "contracts"

# what only henan's or luoyang's documents say
HENAN_ONLY = ("第五条4", "第三方", "第八条3", "第十一条", "一线员工", "运营支撑人员", "¥323,400.00", "第二条5")
LUOYANG_ONLY = ("X≥90", "80≤X<90", "70≤X<80", "X<60", "附件2", "第十二条1", "第五条3（质保金）")


def cli(db: Path, capsys, *args) -> str:
    capsys.readouterr()
    code = main(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def text_of(path: Path) -> str:
    """The PDF's text with every space and line break taken out (the layout wraps lines anywhere)."""
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return "".join(page.extract_text() for page in pages).replace(" ", "").replace("\n", "")


def record(db: Path, tmp_path: Path, capsys, contract_id: str, period: str, overrides=None, **facts) -> None:
    contract = with_store(db, lambda store: store.contracts.get(contract_id))
    doc = month_doc(contract, period, overrides, **facts)
    cli(db, capsys, "record", write_doc(tmp_path, doc, f"{contract_id}-{period}.json"))


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "audit.db"
    cli(path, capsys, "init")
    cli(path, capsys, "contract", "import", CONTRACTS / "points-85-75-65.json")
    cli(path, capsys, "contract", "import", CONTRACTS / "deductions-other-roles.json")
    return path


# ------------------------------------------------------------------ the points contract

@pytest.fixture
def kaifeng(db, tmp_path, capsys):
    """January all passed (100); February KF-02 failed (100 − 30 = 70) and 2 days late; March KF-03 failed
    (100 − 20 = 80). Installment 1: X = (100 + 70 + 80) / 3 = 83.33… → 75 ≤ X < 85 → 90 %."""
    kf = with_store(db, lambda store: store.contracts.get("kaifeng-2026"))
    record(db, tmp_path, capsys, "kaifeng-2026", "2026-01")
    record(db, tmp_path, capsys, "kaifeng-2026", "2026-02", {"KF-02": failing(kf.indicator("KF-02"))}, late_days=2)
    record(db, tmp_path, capsys, "kaifeng-2026", "2026-03", {"KF-03": failing(kf.indicator("KF-03"))})
    for period in ("2026-01", "2026-02", "2026-03"):
        cli(db, capsys, "finalize", "kaifeng-2026", period)
    return db


def test_the_points_contract_scores_and_pays_with_its_own_bands(kaifeng, capsys):
    scores = [json.loads(cli(kaifeng, capsys, "score", "kaifeng-2026", p, "--json"))["score"]
              for p in ("2026-01", "2026-02", "2026-03")]
    assert scores == ["100.00", "70.00", "80.00"]
    payment = json.loads(cli(kaifeng, capsys, "payment", "kaifeng-2026", "1", "--json"))
    assert payment["amount"] == "720000.00"          # 第四条1: 60 % of ¥1,200,000.00
    assert payment["band_percent"] == "90"            # 83.33 is in 75 ≤ X < 85 (luoyang's bands would pay 95 %)
    assert payment["gross"] == "648000.00"            # 720,000.00 × 90 %
    # 第九条1: 2 days × 0.2 % × 1,200,000.00 = 4,800.00 off installment 1: 648,000.00 − 4,800.00
    assert payment["payable"] == "643200.00"


def test_the_points_contracts_score_sheet_prints_its_own_readings(kaifeng, capsys, tmp_path):
    sheet = tmp_path / "score.pdf"
    cli(kaifeng, capsys, "render", "score-sheet", "kaifeng-2026", "2026-02", "--out", sheet)
    text = text_of(sheet)
    for expected in ("本表采用的约定解读",
                     "分档采用左闭右开区间：X≥85付100%；75≤X<85付90%；65≤X<75付80%；X<65不付（附件一评分办法）",
                     "逾期提供服务每日按合同总金额0.2%计违约金", "（第九条1）",
                     "甲方可解除合同的情形：乙方逾期提供服务累计超过10日（第九条2）",
                     "评分办法各档按左闭右开区间处理（85分属于第一档）", "人员缺口按总人数计算（要求20人）"):
        assert expected in text, expected
    for foreign in HENAN_ONLY + LUOYANG_ONLY:
        assert foreign not in text, foreign
    # no annual indicators and no personnel-file obligation in this contract: no reading about either
    assert "年度指标" not in text and "工资发放转账记录" not in text


def test_the_points_contracts_installment_sheet_and_payment_statement(kaifeng, capsys, tmp_path):
    installment, statement = tmp_path / "installment.pdf", tmp_path / "payment.pdf"
    cli(kaifeng, capsys, "render", "installment", "kaifeng-2026", "1", "--out", installment)
    cli(kaifeng, capsys, "render", "payment", "kaifeng-2026", "1", "--out", statement)
    sheet = text_of(installment)
    assert "83.33" in sheet and "90%" in sheet and "X≥85付100%" in sheet
    paid = text_of(statement)
    assert "¥643,200.00" in paid and "第九条1" in paid and "第四条1" in paid
    for foreign in HENAN_ONLY + LUOYANG_ONLY:
        assert foreign not in sheet + paid, foreign


def test_the_points_contracts_notice_promises_only_its_own_remedy(kaifeng, capsys, tmp_path):
    cli(kaifeng, capsys, "notice", "draft", "kaifeng-2026", "2026-02", "--place", "开封市示范区热线大厅",
        "--inspectors", "张检查")
    notice_id = json.loads(cli(kaifeng, capsys, "notice", "list", "--contract", "kaifeng-2026", "--json"))[0]["id"]
    pdf = tmp_path / "notice.pdf"
    cli(kaifeng, capsys, "render", "notice", notice_id, "--out", pdf)
    text = text_of(pdf)
    assert "逾期未整改或整改不到位的，我单位将依据合同约定按评分结果核减相应期次的服务费（第六条2）。" in text
    for foreign in HENAN_ONLY + LUOYANG_ONLY:
        assert foreign not in text, foreign


# ------------------------------------------------------------------ the deductions contract

IDS = [p + idcard.check_digit(p) for p in (f"41160219900101{n:03d}" for n in range(1, 40))]


def roster(path: Path) -> Path:
    """The operator's own role names: 18 「话务坐席」 all January, 1 「话务员」 who left on 2026-01-16 (16 of 31
    days), 3 「质检员」, 2 「值班长」: agents 18 + 16/31 = 18.52, quality 3, lead 2."""
    rows = [(f"坐席{n:02d}", "话务坐席", "") for n in range(18)] + [("坐席离职", "话务员", "2026-01-16")]
    rows += [(f"质检{n}", "质检员", "") for n in range(3)] + [(f"组长{n}", "值班长", "") for n in range(2)]
    lines = ["姓名,身份证号,工号,岗位类别,入职日期,离职日期"]
    lines += [f"{name},{IDS[n]},Z{n:03d},{role},2025-06-01,{leave}" for n, (name, role, leave) in enumerate(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def zhoukou(db, tmp_path, capsys):
    zk = with_store(db, lambda store: store.contracts.get("zhoukou-2026"))
    record(db, tmp_path, capsys, "zhoukou-2026", "2026-01", {"ZK-01": failing(zk.indicator("ZK-01"))},
           headcount=None)
    imported = json.loads(cli(db, capsys, "import", "zhoukou-2026", "2026-01", "roster", roster(tmp_path / "名单.csv"),
                              "--received", "2026-02-05", "--json"))
    assert imported["headcount"] == {"agent": "18.52", "quality": "3", "lead": "2"}
    assert imported["headcount_applied"] is True
    record(db, tmp_path, capsys, "zhoukou-2026", "2026-02", incidents=1)
    record(db, tmp_path, capsys, "zhoukou-2026", "2026-03", incidents=1)
    for period in ("2026-01", "2026-02", "2026-03"):
        cli(db, capsys, "finalize", "zhoukou-2026", period)
    return db


def test_the_deductions_contract_scores_and_pays_with_its_own_roles_and_rates(zhoukou, capsys):
    january = json.loads(cli(zhoukou, capsys, "score", "zhoukou-2026", "2026-01", "--json"))
    # 第七条1 ZK-01 failed: 2 % = 48,000.00; 第五条3 坐席人员 ceil(20 − 18.52) = 2 short × 0.5 % = 24,000.00
    assert [(d["amount"], d["clause"]) for d in january["deductions"]] == [("48000.00", "第七条1 表第1项"),
                                                                           ("24000.00", "第五条3")]
    assert [(r["name"], r["shortfall"]) for r in january["staffing"]["roles"]] == [
        ("坐席人员", 2), ("质检人员", 0), ("班组长", 0)]
    february = json.loads(cli(zhoukou, capsys, "score", "zhoukou-2026", "2026-02", "--json"))
    assert february["deduction_total"] == "48000.00"      # 第七条2: the 1st 严重投诉事件, 2 %
    march = json.loads(cli(zhoukou, capsys, "score", "zhoukou-2026", "2026-03", "--json"))
    assert march["deduction_total"] == "96000.00"         # the 2nd: 6 % − 2 % = 4 %
    assert any("第十条2" in w and "解除合同" in w for w in march["warnings"])
    # the contract's own name for the events (its ZK-03), never henan's 严重舆论事件
    assert "严重投诉事件 1 次（服务期累计 2 次）" in march["deductions"][0]["basis"]
    assert any(w.startswith("严重投诉事件累计 2 次") for w in march["warnings"])
    assert "严重舆论事件" not in json.dumps([january, february, march], ensure_ascii=False)
    assert not any("第八条" in w for w in march["warnings"])
    payment = json.loads(cli(zhoukou, capsys, "payment", "zhoukou-2026", "1", "--json"))
    # 1,200,000.00 − (72,000.00 + 48,000.00 + 96,000.00)
    assert (payment["amount"], payment["payable"]) == ("1200000.00", "984000.00")


def test_the_deductions_contracts_documents_say_its_own_rules(zhoukou, capsys, tmp_path):
    sheet, statement = tmp_path / "score.pdf", tmp_path / "payment.pdf"
    cli(zhoukou, capsys, "render", "score-sheet", "zhoukou-2026", "2026-03", "--out", sheet)
    cli(zhoukou, capsys, "render", "payment", "zhoukou-2026", "1", "--out", statement)
    text = text_of(sheet)
    for expected in ("人员缺口按各岗位分别计算后相加（坐席人员/质检人员/班组长）",
                     "每月每缺1人扣减合同总金额0.5%（第五条3）",
                     "严重投诉事件按服务期累计：第1次扣合同总金额2%，第2次累计扣6%（再扣4%），第3次及以后不再加扣",
                     "累计2次，甲方可依第十条2解除合同", "履约保证金¥72,000.00（合同总价的3%", "（第三条4）",
                     "考核指标在其考核期不达标的，每项扣减合同总金额的2%（第七条1）"):
        assert expected in text, expected
    paid = text_of(statement)
    assert "¥984,000.00" in paid and "第五条3" in paid and "第七条2" in paid
    assert "严重投诉事件" in paid and "严重舆论事件" not in text + paid
    for foreign in HENAN_ONLY + LUOYANG_ONLY:
        assert foreign not in text + paid, foreign


def test_the_deductions_contracts_notice_has_no_third_party_remedy(zhoukou, capsys, tmp_path):
    cli(zhoukou, capsys, "notice", "draft", "zhoukou-2026", "2026-01", "--place", "周口市12345热线中心",
        "--inspectors", "李检查")
    notice_id = json.loads(cli(zhoukou, capsys, "notice", "list", "--contract", "zhoukou-2026", "--json"))[0]["id"]
    pdf = tmp_path / "notice.pdf"
    cli(zhoukou, capsys, "render", "notice", notice_id, "--out", pdf)
    text = text_of(pdf)
    assert "我单位将依据合同约定从当期服务费中扣减相应金额（第七条1）。" in text
    for foreign in HENAN_ONLY + LUOYANG_ONLY:
        assert foreign not in text, foreign
