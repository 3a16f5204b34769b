"""The document commands of ``auditor``: render, notice, verify, verify-code, documents.

Verification exit codes: 0 intact and signed by a trusted signer; 3 altered; 4 intact but the signer is
not trusted; 2 not a signed PDF (or a malformed QR text).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import EXIT_OK, _day, _input_file, _Parser, _path, _reason, _text
from .files import check_writable, print_json, read_file, read_passphrase, write_file

if TYPE_CHECKING:
    from ..documents.service import Identity
    from ..documents.signing import Verification
    from ..storage import Store
    from .args import Subparsers


def _identity(args: argparse.Namespace) -> Identity | None:
    from ..documents.service import Identity

    if not getattr(args, "sign", None):
        return None
    if not args.passphrase_file:
        raise InputError("--sign 须同时给出 --passphrase-file")
    png = read_file(args.signature_image, "签名图片") if getattr(args, "signature_image", None) else None
    return Identity(read_file(args.sign, "证书文件"), read_passphrase(args.passphrase_file), png)


def _on(args: argparse.Namespace) -> dt.date | None:
    return dt.date.fromisoformat(args.on) if getattr(args, "on", None) else None


def cmd_render(store: Store, args: argparse.Namespace) -> int:
    from ..documents import service as docs
    from ..operations import documents as issuing

    identity = _identity(args)
    target, kind = args.target, args.kind
    options = {"on": _on(args), "backdate_reason": args.backdate_reason}
    if identity is None and (args.on or args.backdate_reason):
        raise InputError("--on 与 --backdate-reason 只用于签发（--sign）")
    check_writable(args.out)
    if kind == "score-sheet":
        if len(target) != 2:
            raise InputError("用法：render score-sheet CONTRACT PERIOD --out FILE.pdf")
        issued = issuing.score_sheet(store, target[0], target[1], identity, **options).value
    elif kind in ("installment", "payment"):
        if len(target) != 2 or not target[1].isdigit():
            raise InputError(f"用法：render {kind} CONTRACT N --out FILE.pdf（N 为期数）")
        render = issuing.installment_sheet if kind == "installment" else issuing.payment_statement
        issued = render(store, target[0], int(target[1]), identity, **options).value
    elif kind == "checklist":
        if len(target) != 2:
            raise InputError("用法：render checklist CONTRACT PERIOD --out FILE.pdf（空白现场检查表）")
        if identity is not None:
            raise InputError("空白现场检查表是带到现场填写的表格，不签名、不登记")
        issued = issuing.checklist(store, target[0], target[1]).value
    elif kind == "notice":
        if len(target) != 1:
            raise InputError("用法：render notice NUMBER|ID --out FILE.pdf")
        if identity is not None:
            raise InputError("整改通知书在签发时签名（notice issue --sign），已签发的文书不能再次签名")
        key = int(target[0]) if target[0].isdigit() else target[0]
        from .. import notices

        notice = notices.get(store, key)
        issued = docs.Issued(docs.notice_pdf(store, key), notice.number or "")
    else:
        if len(target) != 1 or not target[0].isdigit():
            raise InputError("用法：render spot-check ID --out FILE.pdf")
        issued = issuing.spot_check_record(store, int(target[0]), identity, **options).value
    write_file(args.out, issued.pdf)
    state = f"文号 {issued.number}，已签名并登记" if issued.number else "预览，未签名、未登记"
    print(f"已生成 {args.out}（{len(issued.pdf) // 1024} KB，{state}）")
    if issued.note:
        print(f"  {issued.note}")
    return EXIT_OK


def cmd_notice(store: Store, args: argparse.Namespace) -> int:
    from .. import notices
    from ..operations import notices as ops
    from ..service import parse_period

    action = args.action
    if action == "draft":
        contract = store.contracts.get(args.contract)
        ids = _ids(args.findings) if args.findings else None
        notice = ops.draft(store, contract.id, parse_period(contract, args.period),
                           inspection_date=dt.date.fromisoformat(args.inspected) if args.inspected
                           else dt.date.today(), place=args.place, inspectors=args.inspectors,
                           finding_ids=ids, supersedes=args.supersedes).value
        print(f"已起草 #{notice.id}（{len(notice.content['findings'])} 个问题）")
        if args.json:
            print_json({"id": notice.id, "status": notice.status})
    elif action == "issue":
        identity = _identity(args)
        if args.out:
            check_writable(args.out)
        notice, pdf = ops.issue(store, args.id, _on(args) or dt.date.today(), identity=identity,
                                backdate_reason=args.backdate_reason).value
        if args.out:
            write_file(args.out, pdf)
        print(f"已签发 {notice.number}，整改期限 {notice.deadline}")
        if args.json:
            print_json({"id": notice.id, "number": notice.number, "deadline": str(notice.deadline),
                        "content_sha256": notice.content_sha256})
    elif action == "receive":
        if args.signed_receipt:
            notice = ops.receive_signed(store, args.number, Path(args.signed_receipt)).value
        else:
            if not args.by:
                raise InputError("须给出签收人（--by）或乙方电子签收的文件（--signed-receipt）")
            notice = ops.receive(store, args.number, args.by, _on(args) or dt.date.today()).value
        print(f"{notice.number} 已签收（{notice.received_by}，{notice.received_at}）")
    elif action == "rectified":
        notice = ops.rectified(store, args.number, _on(args) or dt.date.today(),
                               Path(args.report) if args.report else None).value
        print(f"{notice.number} 乙方已报整改")
    elif action == "close":
        notice = ops.close(store, args.number, args.by, _on(args) or dt.date.today()).value
        print(f"{notice.number} 已核验关闭")
    elif action == "escalate":
        notice = ops.escalate(store, args.number, args.reason, _on(args) or dt.date.today()).value
        print(f"{notice.number} 已升级处理")
    else:
        rows = notices.list_notices(store, args.contract)
        if args.json:
            print_json([{"id": n.id, "number": n.number, "contract": n.contract_id, "period": str(n.period),
                         "status": n.status, "deadline": str(n.deadline) if n.deadline else None} for n in rows])
            return EXIT_OK
        for n in rows:
            print(f"{n.id}\t{n.label}\t{n.contract_id}\t{n.period}\t{notices.STATUS_LABELS[n.status]}\t"
                  f"{n.deadline or ''}")
    return EXIT_OK


def _ids(text: str) -> list[int]:
    parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() and len(p) < 10 for p in parts):
        raise InputError(f"--findings “{text}”应为逗号分隔的问题编号，例如 3,5,8")
    return [int(p) for p in parts]


def print_verification(name: str, result: Verification) -> None:
    from ..documents.signing import CLOCK_NOTE

    print(f"{name}：{result.summary}")
    for problem in result.problems:
        print(f"  - {problem}")
    if result.number:
        registered = {"match": "与本机登记的原件一致", "mismatch": "与本机登记的原件不一致",
                       "not_registered": "本机登记簿中没有该文号"}[result.registered]
        print(f"  文号：{result.number}（{registered}）")
    for n, sig in enumerate(result.signatures):
        role = "签发" if n == 0 else ("乙方签收" if sig.field == "OperatorReceipt" else "其他签名")
        trust = "受信任" if sig.trusted else f"不受信任：{sig.trust_problem}"
        chain = f"，签发机构：{'、'.join(sig.chain)}" if sig.chain else ""
        print(f"  {role}：{sig.signer}（{sig.organization}），证书 {sig.fingerprint[:16]}…，{trust}{chain}")
        when = f"{sig.signed_at:%Y-%m-%d %H:%M:%S}" if sig.signed_at else "—"
        source = "可信时间戳" if sig.time_source == "timestamp" else CLOCK_NOTE
        print(f"    签名时间：{when}（{source}）{'　签名完好' if sig.intact else '　签名无效'}")
    if len(result.revisions) > 1:
        print("  修订：" + " → ".join(result.revisions))


def cmd_verify(store: Store, args: argparse.Namespace) -> int:
    from ..documents.service import verify

    result = verify(store, read_file(args.file, "文件"))
    if args.json:
        print_json({"file": Path(args.file).name, **result.as_dict()})
    else:
        print_verification(Path(args.file).name, result)
    if result.outcome == "unsigned" and not args.json:
        print("错误：该文件不是签名的 PDF", file=sys.stderr)
    return result.exit_code


def cmd_verify_code(store: Store, args: argparse.Namespace) -> int:
    from ..documents.payload import LABELS
    from ..documents.service import verify_code
    from ..pki import load_certificate

    text = args.text if args.text != "-" else sys.stdin.read()
    extra = [load_certificate(read_file(path, "证书文件"), path) for path in args.cert or []]
    check = verify_code(store, text, extra)
    if args.json:
        print_json(check.as_dict())
    else:
        summary = {"valid": "二维码有效：内容由受信任的检查人员签名，未被改动",
                   "altered": "二维码内容被改动或伪造", "untrusted": "无法证明二维码真伪"}[check.outcome]
        print(summary)
        for problem in check.problems:
            print(f"  - {problem}")
        for key, value in check.payload.fields.items():
            print(f"  {LABELS[key]}：{value}")
        if check.signer:
            print(f"  签名人：{check.signer}")
    return check.exit_code


def cmd_documents(store: Store, args: argparse.Namespace) -> int:
    from ..documents.payload import canonical
    from ..documents.service import KINDS

    if args.action == "list":
        rows = store.register.list(args.kind, args.contract)
        if args.json:
            print_json([{"number": d.number, "kind": d.kind, "contract": d.contract_id, "subject": d.subject,
                         "issued_on": str(d.issued_on) if d.issued_on else None, "signed": d.signed,
                         "signer_certificate_sha256": d.signer_fingerprint, "content_sha256": d.content_sha256,
                         "pdf_sha256": d.sha256} for d in rows])
            return EXIT_OK
        for d in rows:
            print(f"{d.number}\t{KINDS.get(d.kind, (d.kind,))[0]}\t{d.subject or d.contract_id}\t{d.issued_on or ''}\t"
                  f"{'已签名' if d.signed else '未签名'}")
        print(f"共 {len(rows)} 份")
        return EXIT_OK
    document = store.register.get(args.number)
    if args.action == "show":
        data = {"number": document.number, "kind": document.kind, "contract": document.contract_id,
                "subject": document.subject, "issued_on": str(document.issued_on) if document.issued_on else None,
                "backdate_reason": document.backdate_reason, "signer_certificate_sha256": document.signer_fingerprint,
                "content_sha256": document.content_sha256, "pdf_sha256": document.sha256, "qr": document.qr}
        if args.json:
            print_json(data)
        else:
            for key, value in data.items():
                print(f"{key}\t{value if value is not None else ''}")
        return EXIT_OK
    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法创建文件夹 {folder}：{exc.strerror}") from None
    safe = "".join(ch if ch.isalnum() else "_" for ch in document.number)
    write_file(str(folder / f"{safe}.pdf"), store.register.pdf(document.id))
    write_file(str(folder / f"{safe}.content.json"), canonical(document.content).encode("utf-8"))
    print(f"已导出 {document.number} 到 {folder}（PDF 与内容 JSON；内容 SHA-256 {document.content_sha256}）")
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("render", help="生成文书 PDF（--sign 时编号、签名并登记）："
                                      "score-sheet|installment|notice|spot-check|payment|checklist")
    p.add_argument("kind", choices=["score-sheet", "installment", "notice", "spot-check", "payment", "checklist"])
    p.add_argument("target", nargs="+", type=_text)
    p.add_argument("--out", required=True, type=_path)
    _issue_options(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("notice", help="整改通知书：draft|issue|receive|rectified|close|escalate|list")
    nsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = nsub.add_parser("draft")
    q.add_argument("contract", type=_text)
    q.add_argument("period", type=_text)
    q.add_argument("--findings", type=_text, help="问题编号，逗号分隔（默认：该月全部未处理问题）")
    q.add_argument("--place", required=True, type=_text)
    q.add_argument("--inspectors", required=True, type=_text)
    q.add_argument("--inspected", type=_day, help="检查日期 YYYY-MM-DD（默认今天）")
    q.add_argument("--supersedes", type=_text, help="被替代的通知书文号")
    q.add_argument("--json", action="store_true")
    q = nsub.add_parser("issue")
    q.add_argument("id", type=_notice_id)
    _issue_options(q)
    q.add_argument("--out", type=_path)
    q.add_argument("--json", action="store_true")
    q = nsub.add_parser("receive")
    q.add_argument("number", type=_text)
    q.add_argument("--by", type=_text)
    q.add_argument("--signed-receipt", type=_input_file, help="乙方在回执签收栏电子签名后的 PDF")
    q.add_argument("--on", type=_day)
    q = nsub.add_parser("close")
    q.add_argument("number", type=_text)
    q.add_argument("--by", required=True, type=_text)
    q.add_argument("--on", type=_day)
    q = nsub.add_parser("rectified")
    q.add_argument("number", type=_text)
    q.add_argument("--report", type=_input_file, help="乙方整改报告文件")
    q.add_argument("--on", type=_day)
    q = nsub.add_parser("escalate")
    q.add_argument("number", type=_text)
    q.add_argument("--reason", required=True, type=_reason)
    q.add_argument("--on", type=_day)
    q = nsub.add_parser("list")
    q.add_argument("--contract", type=_text)
    q.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_notice)

    p = sub.add_parser("verify", help="核验 PDF 签名：0 有效且签名人受信任，3 被改动，4 签名人不受信任，2 未签名")
    p.add_argument("file", type=_input_file)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("verify-code", help="核验文书二维码内容（扫描或输入；- 表示从标准输入读）")
    p.add_argument("text")
    p.add_argument("--cert", action="append", type=_input_file, help="检查人员证书（.cer），可多次给出")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify_code)

    p = sub.add_parser("documents", help="文书登记簿：list|show|export")
    dsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = dsub.add_parser("list")
    q.add_argument("--kind", choices=["notice", "score-sheet", "installment", "spot-check", "payment"])
    q.add_argument("--contract", type=_text)
    q.add_argument("--json", action="store_true")
    q = dsub.add_parser("show")
    q.add_argument("number", type=_text)
    q.add_argument("--json", action="store_true")
    q = dsub.add_parser("export")
    q.add_argument("number", type=_text)
    q.add_argument("--out", required=True, type=_path, help="导出到的文件夹")
    p.set_defaults(func=cmd_documents)


def _issue_options(q: argparse.ArgumentParser, backdate: bool = True) -> None:
    q.add_argument("--sign", metavar="P12", type=_input_file, help="检查人员证书（PKCS#12）")
    q.add_argument("--passphrase-file", type=_input_file)
    q.add_argument("--signature-image", type=_input_file, help="手写签名图片（PNG）")
    if backdate:
        q.add_argument("--on", type=_day, help="签发日期 YYYY-MM-DD（默认今天）")
        q.add_argument("--backdate-reason", type=_reason, help="签发日期早于同序列前一文书时的理由（印在文书上）")


def _notice_id(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) > 9:
        raise argparse.ArgumentTypeError(f"“{text}”不是草稿编号（notice list 中的数字编号）")
    return int(text)
