"""The certificate and trust commands: ca, identity, trust, config."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import EXIT_OK, _input_file, _Parser, _path, _text
from .files import print_json, read_file, read_passphrase, write_file

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_ca(store: Store, args: argparse.Namespace) -> int:
    from ..pki import create_root, describe, fingerprint, load_certificate

    if args.action == "create":
        p12, certificate = create_root(args.organization, read_passphrase(args.passphrase_file))
        store.trust.add_agency_root(p12, certificate)
        print(f"已创建机构根证书：{describe(certificate)}，SHA-256 指纹 {fingerprint(certificate)}")
        print("根证书私钥已用口令加密保存在数据库中；请用 auditor ca export 导出 .cer 交给乙方和其他办公室。")
        if args.out:
            from ..pki import der

            write_file(args.out, der(certificate))
            print(f"根证书已导出到 {args.out}")
        return EXIT_OK
    root = store.trust.agency_root()
    if root is None:
        raise InputError("本机没有机构根证书：先运行 auditor ca create")
    certificate = load_certificate(root[1])
    write_file(args.out, root[1])
    print(f"已导出 {describe(certificate)} 到 {args.out}（SHA-256 指纹 {fingerprint(certificate)}）")
    return EXIT_OK


def cmd_identity(store: Store, args: argparse.Namespace) -> int:
    from ..pki import describe, issue_inspector, load_identity

    passphrase = read_passphrase(args.passphrase_file)
    if args.action == "create":
        root = store.trust.agency_root()
        if root is None:
            raise InputError("本机没有机构根证书，不能签发检查人员证书：先运行 auditor ca create，"
                             "或导入机构签发的证书（auditor identity import）")
        if not args.ca_passphrase_file:
            raise InputError("签发检查人员证书须给出机构根证书的口令（--ca-passphrase-file）")
        ca = load_identity(root[0], read_passphrase(args.ca_passphrase_file, "根证书口令文件"))
        p12, identity = issue_inspector(ca, args.name, args.organization, passphrase)
        write_file(args.out, p12)
    else:
        p12 = read_file(args.file, "证书文件")
        identity = load_identity(p12, passphrase)
    png = read_file(args.signature_image, "签名图片") if args.signature_image else None
    from ..documents.service import Identity, signing_identity

    signing_identity(store, Identity(p12, passphrase))  # refuses a certificate no trusted root issued
    store.trust.register_inspector(identity, p12, png)
    print(f"已登记检查人员证书：{describe(identity.certificate)}，SHA-256 指纹 {identity.fingerprint[:16]}…"
          + (f"，已保存到 {args.out}" if args.action == "create" else ""))
    return EXIT_OK


def cmd_trust(store: Store, args: argparse.Namespace) -> int:
    from ..pki import load_certificate

    if args.action == "add":
        root = store.trust.add_root(load_certificate(read_file(args.file, "证书文件"), args.file), args.note or "")
        print(f"已信任：{root.subject}（SHA-256 {root.fingerprint}）")
    elif args.action == "remove":
        root = store.trust.remove_root(args.fingerprint)
        print(f"已移出信任列表：{root.subject}（SHA-256 {root.fingerprint}）")
    else:
        roots = store.trust.roots()
        if args.json:
            print_json([{"fingerprint": r.fingerprint, "subject": r.subject, "note": r.note,
                         "added_at": r.added_at} for r in roots])
            return EXIT_OK
        for r in roots:
            print(f"{r.fingerprint}\t{r.subject}\t{r.note}\t{r.added_at}")
        print(f"共 {len(roots)} 个受信任的根证书" if roots else "信任列表为空：签名的文书都将显示为“签名人不受信任”")
    return EXIT_OK


SETTINGS = {"tsa_url": "RFC 3161 时间戳服务器地址（http://…），空值表示不用"}


def cmd_config(store: Store, args: argparse.Namespace) -> int:
    if args.key not in SETTINGS:
        raise InputError(f"没有设置项“{args.key}”（可用：{'、'.join(SETTINGS)}）")
    if args.action == "set":
        value = (args.value or "").strip()
        if args.key == "tsa_url" and value and not value.startswith(("http://", "https://")):
            raise InputError(f"tsa_url “{value}”须以 http:// 或 https:// 开头")
        store.trust.set_setting(args.key, value)
        print(f"{args.key} = {value or '（未设置）'}")
    else:
        print(store.trust.setting(args.key))
    return EXIT_OK


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("ca", help="机构根证书：create|export")
    csub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = csub.add_parser("create")
    q.add_argument("--organization", required=True, type=_text)
    q.add_argument("--passphrase-file", required=True, type=_input_file, help="根证书口令（至少 8 个字符）")
    q.add_argument("--out", type=_path, help="同时导出根证书 .cer")
    q = csub.add_parser("export")
    q.add_argument("--out", required=True, type=_path)
    p.set_defaults(func=cmd_ca)

    p = sub.add_parser("identity", help="检查人员证书：create（由机构根证书签发）| import（机构签发的 .p12）")
    isub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = isub.add_parser("create")
    q.add_argument("--name", required=True, type=_text)
    q.add_argument("--organization", required=True, type=_text)
    q.add_argument("--out", required=True, type=_path)
    q.add_argument("--passphrase-file", required=True, type=_input_file)
    q.add_argument("--ca-passphrase-file", type=_input_file, help="机构根证书的口令文件")
    q.add_argument("--signature-image", type=_input_file)
    q = isub.add_parser("import")
    q.add_argument("file", type=_input_file)
    q.add_argument("--passphrase-file", required=True, type=_input_file)
    q.add_argument("--signature-image", type=_input_file)
    p.set_defaults(func=cmd_identity)

    p = sub.add_parser("trust", help="信任列表：add|list|remove（只有列表中的根证书签发的签名才算受信任）")
    tsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = tsub.add_parser("add")
    q.add_argument("file", type=_input_file)
    q.add_argument("--note", type=_text)
    q = tsub.add_parser("remove")
    q.add_argument("fingerprint", type=_text)
    q = tsub.add_parser("list")
    q.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_trust)

    p = sub.add_parser("config", help="设置：get|set KEY [VALUE]（tsa_url）")
    gsub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = gsub.add_parser("get")
    q.add_argument("key")
    q = gsub.add_parser("set")
    q.add_argument("key")
    q.add_argument("value", nargs="?", default="")
    p.set_defaults(func=cmd_config)
