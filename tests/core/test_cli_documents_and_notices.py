"""The document commands as an inspector uses them: previews, a notice taken through its whole life from the
command line, the register shown and exported, and each misuse refused with nothing changed.

henan-2025 October is finalised with HN-02 at 99 % and HN-03 at 5 % (targets 100 % and ≤ 1 %): two findings,
each ¥64,680.00 (第七条2). A notice's deadline is 7 days after issue (第五条4).
"""
from __future__ import annotations

import json

import pytest

from auditor.calendar import Period
from auditor.cli import main
from auditor.service import finalize_month

from .builders import PASS, inspector, record, with_store
from .hostile import refused

NOTICE = "豫政数整改〔2025〕1号"


@pytest.fixture
def office(tmp_path):
    """A database with October finalised, and the inspector's certificate and passphrase as files."""
    db = tmp_path / "audit.db"
    assert main(["--db", str(db), "init"]) == 0

    def prepare(store):
        henan = store.contracts.get("henan-2025")
        record(store, henan, "2025-10", {"HN-02": {"value": "99"}, "HN-03": {"value": "5"}})
        finalize_month(store, henan, Period(2025, 10))
        return inspector(store)

    identity = with_store(db, prepare)
    (tmp_path / "li.p12").write_bytes(identity.p12)
    (tmp_path / "li.pass").write_bytes(PASS + b"\n")
    return db


def run(db, capsys, *args) -> str:
    capsys.readouterr()
    code = main(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def sign(db) -> list[str]:
    return ["--sign", str(db.parent / "li.p12"), "--passphrase-file", str(db.parent / "li.pass")]


def test_a_notice_from_draft_to_closed_on_the_command_line(office, capsys):
    db = office
    assert run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--findings", "1，2", "--place", "运营中心",
               "--inspectors", "李全奇", "--inspected", "2025-11-03", "--json").startswith("已起草 #1（2 个问题）")
    out = run(db, capsys, "notice", "issue", "1", "--on", "2025-11-17", *sign(db), "--out", db.parent / "n.pdf")
    assert out == f"已签发 {NOTICE}，整改期限 2025-11-24\n"
    assert (db.parent / "n.pdf").read_bytes().startswith(b"%PDF")
    assert run(db, capsys, "notice", "receive", NOTICE, "--by", "武明亮", "--on", "2025-11-18") == \
        f"{NOTICE} 已签收（武明亮，2025-11-18）\n"
    report = db.parent / "整改报告.txt"
    report.write_text("已补充知识库条目并复训", encoding="utf-8")
    assert run(db, capsys, "notice", "rectified", NOTICE, "--report", report, "--on", "2025-11-21") == \
        f"{NOTICE} 乙方已报整改\n"
    assert run(db, capsys, "notice", "close", NOTICE, "--by", "李全奇", "--on", "2025-11-22") == \
        f"{NOTICE} 已核验关闭\n"
    assert run(db, capsys, "notice", "list") == f"1\t{NOTICE}\thenan-2025\t2025-10\t已核验关闭\t2025-11-24\n"
    listed = json.loads(run(db, capsys, "notice", "list", "--contract", "henan-2025", "--json"))
    assert listed == [{"id": 1, "number": NOTICE, "contract": "henan-2025", "period": "2025-10", "status": "closed",
                       "deadline": "2025-11-24"}]
    kept = with_store(db, lambda store: [e.filename for e in store.evidence.list("henan-2025", Period(2025, 10))])
    assert kept == ["整改报告.txt"]


def test_an_overdue_notice_is_escalated_from_the_command_line(office, capsys):
    db = office
    run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇")
    run(db, capsys, "notice", "issue", "1", "--on", "2025-11-17", *sign(db))
    refused(db, ["notice", "escalate", NOTICE, "--reason", "逾期未整改", "--on", "2025-11-24"], capsys,
            names=(NOTICE, "未逾期"))
    assert run(db, capsys, "notice", "escalate", NOTICE, "--reason", "逾期未整改", "--on", "2025-11-25") == \
        f"{NOTICE} 已升级处理\n"


@pytest.mark.parametrize("kind, target", [
    ("score-sheet", ["henan-2025", "2025-10"]),
    ("installment", ["henan-2025", "2"]),
    ("payment", ["henan-2025", "2"]),
])
def test_a_preview_is_written_unsigned_and_unregistered(office, capsys, kind, target):
    out_file = office.parent / f"{kind}.pdf"
    out = run(office, capsys, "render", kind, *target, "--out", out_file)
    assert out.startswith(f"已生成 {out_file}（") and out.endswith("KB，预览，未签名、未登记）\n")
    assert out_file.read_bytes().startswith(b"%PDF")
    assert run(office, capsys, "documents", "list") == "共 0 份\n"


def test_a_signed_score_sheet_is_numbered_registered_shown_and_exported(office, capsys):
    db = office
    out = run(db, capsys, "render", "score-sheet", "henan-2025", "2025-10", "--out", db.parent / "s.pdf",
              "--on", "2025-11-05", *sign(db))
    number = out.split("文号 ")[1].split("，")[0]
    assert number == "豫政数考评〔2025〕1号"
    assert out.splitlines() == [f"已生成 {db.parent / 's.pdf'}（{len((db.parent / 's.pdf').read_bytes()) // 1024} KB，"
                                f"文号 {number}，已签名并登记）", "  签名时间为签名人电脑时间（未经可信时间戳）"]
    listed = run(db, capsys, "documents", "list").splitlines()
    assert listed[0].startswith(f"{number}\t") and listed[0].endswith("\t2025-11-05\t已签名")
    assert listed[-1] == "共 1 份"
    shown = dict(line.split("\t", 1) for line in run(db, capsys, "documents", "show", number).splitlines())
    assert (shown["number"], shown["kind"], shown["contract"], shown["issued_on"]) == (
        number, "score-sheet", "henan-2025", "2025-11-05")
    refused(db, ["documents", "export", number, "--out", str(db.parent / "s.pdf" / "sub")], capsys,
            names=("无法创建文件夹",))


def test_a_notice_preview_by_its_number_is_the_signed_file(office, capsys):
    db = office
    run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇")
    run(db, capsys, "notice", "issue", "1", "--on", "2025-11-17", *sign(db), "--out", db.parent / "n.pdf")
    out = run(db, capsys, "render", "notice", NOTICE, "--out", db.parent / "again.pdf")
    assert f"文号 {NOTICE}，已签名并登记" in out
    assert (db.parent / "again.pdf").read_bytes() == (db.parent / "n.pdf").read_bytes()


@pytest.mark.parametrize("args, names", [
    (["render", "score-sheet", "henan-2025", "2025-10", "--out", "{d}/x.pdf", "--on", "2025-11-05"],
     ("--on", "--backdate-reason", "--sign")),
    (["render", "score-sheet", "henan-2025", "--out", "{d}/x.pdf"], ("render score-sheet CONTRACT PERIOD",)),
    (["render", "installment", "henan-2025", "二", "--out", "{d}/x.pdf"], ("render installment CONTRACT N", "期数")),
    (["render", "spot-check", "henan-2025", "--out", "{d}/x.pdf"], ("render spot-check ID",)),
    (["render", "notice", "1", "2", "--out", "{d}/x.pdf"], ("render notice NUMBER|ID",)),
    (["render", "notice", "1", "--out", "{d}/x.pdf", "--sign", "{d}/li.p12", "--passphrase-file", "{d}/li.pass"],
     ("notice issue --sign",)),
    (["render", "score-sheet", "henan-2025", "2025-10", "--out", "{d}/x.pdf", "--sign", "{d}/li.p12"],
     ("--sign", "--passphrase-file")),
    (["render", "score-sheet", "henan-2025", "2025-10", "--out", "{d}/missing/x.pdf"], ("无法写入", "x.pdf")),
    (["notice", "draft", "henan-2025", "2025-10", "--findings", "一,二", "--place", "现场", "--inspectors", "李全奇"],
     ("--findings", "3,5,8")),
    (["notice", "draft", "henan-2025", "2025-10", "--findings", " , ", "--place", "现场", "--inspectors", "李全奇"],
     ("--findings",)),
    (["notice", "receive", "豫政数整改〔2025〕1号"], ("--by", "--signed-receipt")),
    (["notice", "close", "豫政数整改〔2025〕9号", "--by", "李全奇"], ("豫政数整改〔2025〕9号",)),
    (["documents", "show", "豫政数整改〔2025〕9号"], ("豫政数整改〔2025〕9号",)),
])
def test_misuse_of_the_document_commands_is_refused(office, capsys, args, names):
    refused(office, [a.replace("{d}", str(office.parent)) for a in args], capsys, names=names)


@pytest.mark.parametrize("command", [["notice", "issue", "1"], ["render", "score-sheet", "henan-2025", "2025-10"]])
def test_an_unwritable_out_file_issues_nothing(office, capsys, command):
    db = office
    run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇")
    refused(db, [*command, "--on", "2025-11-17", *sign(db), "--out", str(db.parent / "no" / "n.pdf")],
            capsys, names=("无法写入",))


def test_verification_told_in_words_and_the_printed_code_checked(office, capsys):
    db = office
    run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇")
    run(db, capsys, "notice", "issue", "1", "--on", "2025-11-17", *sign(db), "--out", db.parent / "n.pdf")
    told = run(db, capsys, "verify", db.parent / "n.pdf").splitlines()
    assert told[:2] == ["n.pdf：签名有效，文件未被改动，签名人受信任", f"  文号：{NOTICE}（与本机登记的原件一致）"]
    assert told[2].startswith("  签发：李全奇（河南省政务大数据中心），证书 ") and "，受信任，签发机构：" in told[2]
    assert told[3].endswith("（签名时间为签名人电脑时间（未经可信时间戳））　签名完好")
    code = json.loads(run(db, capsys, "documents", "show", NOTICE, "--json"))["qr"]
    scanned = run(db, capsys, "verify-code", code).splitlines()
    assert scanned[0] == "二维码有效：内容由受信任的检查人员签名，未被改动"
    assert {"  文号：" + NOTICE, "  签发日期：2025-11-17", "  整改期限：2025-11-24",
            "  签名人：李全奇（河南省政务大数据中心）"} <= set(scanned)
    capsys.readouterr()
    assert main(["--db", str(db), "verify-code", code.replace("x=2025-11-24", "x=2025-12-24")]) == 3   # altered
    assert capsys.readouterr().out.splitlines()[:2] == ["二维码内容被改动或伪造",
                                                        "  - 二维码内容与签名不符：内容被改动或伪造"]


def test_a_printed_code_without_its_signature_or_with_a_cut_one_proves_nothing(office, capsys):
    db = office
    run(db, capsys, "notice", "draft", "henan-2025", "2025-10", "--place", "运营中心", "--inspectors", "李全奇")
    run(db, capsys, "notice", "issue", "1", "--on", "2025-11-17", *sign(db))
    code = json.loads(run(db, capsys, "documents", "show", NOTICE, "--json"))["qr"]
    unsigned = code.split(";s=")[0]
    capsys.readouterr()
    assert main(["--db", str(db), "verify-code", unsigned]) == 4
    assert capsys.readouterr().out.splitlines()[:2] == ["无法证明二维码真伪", "  - 二维码未签名，不能证明文书真伪"]
    cut = code[:-8]                                     # the signature shortened: not one the key could make
    assert main(["--db", str(db), "verify-code", cut]) == 3
    assert capsys.readouterr().out.splitlines()[0] == "二维码内容被改动或伪造"
