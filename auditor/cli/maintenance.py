"""The commands that keep the data safe and move it: audit, encrypt, bundle, backup, restore.

encrypt and restore run before the database is opened (``auditor.cli`` calls them with its path and key).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import EXIT_INTEGRITY, EXIT_OK, _input_file, _limit, _Parser, _path, _text
from .files import print_json

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_audit(store: Store, args: argparse.Namespace) -> int:
    if args.action == "log":
        from ..audit import recent

        for rid, at, who, tbl, row_id, op, external in recent(store.db, args.limit):
            print(f"{rid}\t{at}\t{who}\t{op}\t{tbl}#{row_id}" + ("\t程序之外" if external else ""))
        return EXIT_OK
    from ..documents.signing import read_certificate

    certificates = [read_certificate(Path(path)) for path in args.certificate or []]
    report = store.verify_audit(deep=True, certificates=certificates)
    if args.json:
        print_json({"ok": report.ok, "entries": report.entries, "first_broken": report.first_broken,
                    "problems": report.problems})
    else:
        if report.ok:
            print(f"审计日志完整：{report.entries} 条记录，数据与记录一致")
        else:
            print(f"发现 {len(report.problems)} 处问题（审计日志 {report.entries} 条）：")
            for problem in report.problems:
                print(f"  - {problem}")
    return EXIT_OK if report.ok else EXIT_INTEGRITY


def cmd_encrypt(args: argparse.Namespace, key: str | None) -> int:
    from ..paths import default_db_path
    from ..storage import encrypt_database, is_encrypted, open_store

    if not key:
        raise InputError("请用 --key-file 或 AUDITOR_DB_KEY 给出新的数据库口令")
    if len(key) < 8:  # checked before anything is created or opened
        raise InputError("数据库口令至少 8 个字符")
    path = Path(args.db or default_db_path())
    if is_encrypted(path):
        raise InputError(f"{path.name} 已经是加密数据库")
    open_store(path).close()  # a plain, valid, up-to-date database first
    encrypt_database(path, key)
    print(f"{path} 已加密（SQLCipher AES-256）。请妥善保管口令：遗失后数据无法恢复。")
    return EXIT_OK


def cmd_bundle(store: Store, args: argparse.Namespace) -> int:
    from ..bundle import export_bundle, import_bundle

    if args.action == "export":
        from ..documents.signing import read_identity

        p12, passphrase = read_identity(Path(args.sign), Path(args.passphrase_file))
        summary = export_bundle(store, args.contract, Path(args.out), p12, passphrase, args.include_ids,
                                args.include_pay)
        left_out = [what for what, included in (("身份证号已脱敏", args.include_ids),
                                                ("工资、社保金额与银行账号未导出", args.include_pay)) if not included]
        print(f"已导出 {args.out}：{summary['rows']} 条记录、{summary['documents']} 份文书、{summary['files']} 个文件"
              + (f"（{'；'.join(left_out)}）" if left_out else "（含完整身份证号与工资、账号：请妥善保管）"))
        if summary["missing"]:
            print(f"注意：{len(summary['missing'])} 个证据文件缺失或已损坏，未导出：{'、'.join(summary['missing'][:5])}"
                  + ("等" if len(summary["missing"]) > 5 else ""), file=sys.stderr)
        return EXIT_OK
    report = import_bundle(store, Path(args.file))
    if args.json:
        print_json({"signer": report.signer, "certificate_sha256": report.fingerprint, "known": report.known_signer,
                    "added": report.added, "same": report.same, "updated": report.updated,
                    "received_final": report.received_final})
    else:
        who = "本机已登记的检查人员" if report.known_signer else "由本机信任的机构签发"
        print(f"签名有效：{report.signer}（{who}）")
        print(f"新增：{sum(report.added.values())} 条；已有且相同：{report.same} 条"
              + (f"；通知书办理进展更新：{report.updated} 份" if report.updated else ""))
        if report.received_final:
            print(f"对方已定稿的 {'、'.join(report.received_final)} 在本机为未定稿，请审核后自行定稿")
    return EXIT_OK


def cmd_backup(store: Store, args: argparse.Namespace) -> int:
    from ..backup import backup

    manifest = backup(store, Path(args.file))
    print(f"已备份到 {args.file}（数据库与 {len(manifest['files']) - 1} 个证据文件）")
    if manifest["missing"]:
        print(f"注意：{len(manifest['missing'])} 个证据文件缺失或已损坏，未能备份：{'、'.join(manifest['missing'][:5])}"
              + ("等" if len(manifest["missing"]) > 5 else ""), file=sys.stderr)
    return EXIT_OK


def cmd_restore(path: Path, args: argparse.Namespace, key: str | None) -> int:
    """Run without opening the database: restoring is also how a lost or damaged database comes back."""
    from ..backup import restore

    if str(path) == ":memory:":
        raise InputError("内存数据库无法恢复")
    kept = restore(path, Path(args.file), path.with_name(path.stem + "-evidence"), key)
    print(f"已从 {args.file} 恢复；" + (f"原数据库及其证据保留为 {kept}" if kept else "此前没有数据库"))
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("audit", help="审计日志：verify（被改动时退出码为 3）| log")
    asub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = asub.add_parser("verify")
    q.add_argument("--json", action="store_true")
    q.add_argument("--certificate", action="append", type=_input_file,
                   help="检查人员证书或机构根证书（.cer）：签名链头须由它签名，可多次给出")
    q = asub.add_parser("log")
    q.add_argument("--limit", type=_limit, default=50)
    p.set_defaults(func=cmd_audit)
    sub.add_parser("encrypt", help="加密数据库（口令由 --key-file 或 AUDITOR_DB_KEY 给出）")
    p = sub.add_parser("bundle", help="审计包：export（签名导出一个合同的全部记录）| import（冲突时不导入）")
    bsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = bsub.add_parser("export")
    q.add_argument("contract", type=_text)
    q.add_argument("--out", required=True, type=_path)
    q.add_argument("--sign", required=True, metavar="P12", type=_input_file)
    q.add_argument("--passphrase-file", required=True, type=_input_file)
    q.add_argument("--include-ids", action="store_true", help="包含完整身份证号（默认以假名脱敏）")
    q.add_argument("--include-pay", action="store_true", help="包含工资、社保金额与银行账号（默认不导出）")
    q = bsub.add_parser("import")
    q.add_argument("file", type=_path)
    q.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bundle)
    p = sub.add_parser("backup", help="备份数据库与证据文件")
    p.add_argument("file")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份恢复（原数据库会保留）")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
