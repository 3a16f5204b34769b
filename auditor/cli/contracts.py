"""The contract commands: init, contracts, contract new|set|import|export|templates, lint."""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .args import EXIT_OK, _input_file, _is_plain, _os_reason, _Parser, _path, _plain, _shown, _text
from .files import print_json

if TYPE_CHECKING:
    from ..storage import Store
    from .args import Subparsers


def cmd_init(store: Store, args: argparse.Namespace) -> int:
    print(f"数据库：{store.path or ':memory:'}")
    print(f"合同：{'、'.join(store.contracts.ids())}")
    return EXIT_OK


def cmd_contracts(store: Store, args: argparse.Namespace) -> int:
    from ..money import format_yuan
    from ..serialize import money_text

    contracts = store.contracts.list()
    if args.json:
        print_json([{"id": c.id, "name": c.name, "family": c.family.value, "party_a": c.party_a.name,
                     "party_b": c.party_b.name, "total": money_text(c.total),
                     "service_start": c.service_start.isoformat(), "service_end": c.service_end.isoformat()}
                    for c in contracts])
        return EXIT_OK
    for c in contracts:
        print(f"{c.id}\t{c.name}\t{c.party_b.name}\t{format_yuan(c.total)}\t{c.service_start} ~ {c.service_end}")
    return EXIT_OK


def cmd_contract_new(store: Store, args: argparse.Namespace) -> int:
    from ..contracts import load_template, user_templates_dir
    from ..operations.contracts import create_from_template

    changes = _changes(load_template(args.template, user_templates_dir(store.path)), args.set or [])
    contract = create_from_template(store, args.template, args.new_id, changes).value
    print(f"已创建合同 {contract.id}（{contract.name}）")
    return EXIT_OK


def cmd_contract_import(store: Store, args: argparse.Namespace) -> int:
    from ..contracts import user_templates_dir
    from ..operations.contracts import import_contract

    contract = import_contract(store, Path(args.file), args.id).value
    print(f"已导入合同 {contract.id}（{contract.name}），{len(contract.indicators)} 项考核指标，"
          f"{len(contract.installments)} 期付款")
    user_dir = user_templates_dir(store.path)
    if user_dir is not None:
        print(f"模板已保存在 {user_dir / (contract.id + '.json')}")
    return EXIT_OK


def cmd_contract_export(store: Store, args: argparse.Namespace) -> int:
    from ..contracts import document_text
    from .files import check_writable, write_file

    data = store.contracts.data(args.contract)
    if Path(args.file).exists() and not args.force:
        raise InputError(f"{_shown(args.file)} 已存在；覆盖请加 --force")
    check_writable(args.file)
    write_file(args.file, document_text(data).encode("utf-8"))
    print(f"已导出合同 {args.contract} 到 {_shown(args.file)}")
    return EXIT_OK


def cmd_contract_templates(store: Store, args: argparse.Namespace) -> int:
    from ..contracts import template_ids, user_template_ids, user_templates_dir

    user_dir = user_templates_dir(store.path)
    rows = [(t, "内置") for t in template_ids()] + [(t, "用户") for t in user_template_ids(user_dir)]
    if args.json:
        print_json({"templates": [{"id": t, "kind": "builtin" if k == "内置" else "user"} for t, k in rows],
                    "user_dir": str(user_dir) if user_dir else None})
        return EXIT_OK
    for template_id, kind in rows:
        print(f"{template_id}\t{kind}")
    if user_dir is not None:
        print(f"用户模板目录：{user_dir}")
    return EXIT_OK


def cmd_contract_set(store: Store, args: argparse.Namespace) -> int:
    from ..storage.contracts_repo import FinalisedMonthsKeepTheirVersion

    changes = _changes(store.contracts.data(args.contract), args.assignments)
    before = store.contracts.current_version(args.contract)
    try:
        store.contracts.update(args.contract, changes, open_months_only=args.open_months_only)
    except FinalisedMonthsKeepTheirVersion as exc:  # an explicit choice is required; nothing was stored
        raise InputError(f"{exc}。确认修改只适用于未定稿月份，请加 --open-months-only") from None
    version = store.contracts.current_version(args.contract)
    if version == before:
        print(f"合同 {args.contract} 未改变：所给的值与现行内容相同")
        return EXIT_OK
    print(f"已修改合同 {args.contract}（第 {version} 版）：{'、'.join(changes)}")
    impact = store.contracts.edit_impact(args.contract)
    if impact.finalised:
        print(impact.describe())
    return EXIT_OK


def _changes(data: dict[str, Any], assignments: list[str]) -> dict[str, Any]:
    """Field path → value; a field given twice is a mistake, not "the last one wins"."""
    changes: dict[str, Any] = {}
    for text in assignments:
        try:
            path, value = _parse_assignment(text)
            parts = list(_strings(value))
        except RecursionError:
            raise InputError(f"“{text[:40]}…”嵌套过深") from None
        if path in changes:
            raise InputError(f"字段“{path}”给出了两次")
        if isinstance(value, (int, float)) and isinstance(_field(data, path), str):
            value = text.partition("=")[2].strip()  # total=6500000: the template keeps amounts as text
        for part in parts:
            if not _is_plain(part, multiline=True):
                raise InputError(f"字段“{path}”的值“{_shown(part)}”含有控制字符")
        changes[path] = value
    return changes


def _strings(value: Any) -> Iterator[str]:
    """Every text inside a JSON value (``"\\u0000"`` decodes to a control character)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _field(data: Any, path: str) -> Any:
    """The current value at ``a.b[2].c``, or None when there is none."""
    import re

    for token in (t for t in re.split(r"\.|\[(\d+)\]", path) if t):
        try:
            data = data[int(token)] if isinstance(data, list) else data[token]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return data


def _assignment(text: str) -> str:
    """FIELD=VALUE, checked while parsing; the value is read later (JSON, or else the text itself)."""
    path, sep, _ = _plain(text, multiline=True).partition("=")
    if not sep or not path.strip():
        raise argparse.ArgumentTypeError(f"“{text}”应写作 字段=值，例如 service.end=2026-08-31")
    return text


def _parse_assignment(text: str) -> tuple[str, Any]:
    path, sep, value = text.partition("=")
    if not sep or not path.strip():
        raise InputError(f"“{text}”应写作 字段=值，例如 service.end=2026-08-31")
    try:
        return path.strip(), json.loads(value)
    except ValueError:  # not JSON, or an integer too long for int(): kept as text, checked by the contract's ranges
        return path.strip(), value


def _template(text: str) -> str:
    """A template id (built-in, or a user template in the data directory), never a path: ``../`` would read
    any JSON file as a template. Whether it exists is checked once the database, and so the data directory,
    is known."""
    import re

    from ..contracts import template_ids

    name = _text(text)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,63}", name):
        raise argparse.ArgumentTypeError(f"没有名为“{_shown(name)}”的合同模板；"
                                         f"可用的内置模板：{'、'.join(template_ids())}"
                                         "（模板以编号给出，不是文件路径）")
    return name


def cmd_lint(store: Store, args: argparse.Namespace) -> int:
    from ..lint import lint_contract, lint_text

    path = Path(args.target)
    if path.exists() or _looks_like_path(args.target):
        try:
            text = Path(_input_file(args.target)).read_bytes().decode("utf-8-sig")
        except argparse.ArgumentTypeError as exc:
            raise InputError(str(exc)) from None
        except OSError as exc:
            raise InputError(f"无法读取 {_shown(args.target)}：{_os_reason(exc)}") from None
        except UnicodeDecodeError:
            raise InputError(f"{_shown(path.name)}: 不是 UTF-8 编码的文本") from None
        findings = lint_text(text)
        subject = _shown(path.name)
    else:
        findings = lint_contract(store.contracts.get(args.target))
        subject = args.target
    if args.json:
        print_json({"subject": subject, "findings": [f.as_dict() for f in findings]})
        return EXIT_OK
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    for f in findings:
        print(f"{labels[f.severity]}\t{f.where}\t{f.message}")
    print(f"{subject}：{len(findings)} 处")
    return EXIT_OK


def _looks_like_path(target: str) -> bool:
    """Contract ids are lower-case letters, digits and hyphens: a separator or a suffix means a file."""
    import os

    return any(sep and sep in target for sep in (os.sep, os.altsep)) or Path(target).suffix != ""


def add_parsers(sub: Subparsers) -> None:
    sub.add_parser("init", help="创建数据库并载入内置合同").set_defaults(func=cmd_init)
    p = sub.add_parser("contracts", help="列出合同")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_contracts)
    p = sub.add_parser("contract", help="新建或修改合同")
    csub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    q = csub.add_parser("new", help="从模板新建合同")
    q.add_argument("template", type=_template)
    q.add_argument("new_id", type=_text)
    q.add_argument("--set", action="append", type=_assignment, metavar="字段=值")
    q.set_defaults(func=cmd_contract_new)
    q = csub.add_parser("import", help="从合同文件（JSON）导入合同，并保存为数据目录中的用户模板")
    q.add_argument("file", type=_input_file)
    q.add_argument("--id", type=_text, help="以另一个合同编号导入")
    q.set_defaults(func=cmd_contract_import)
    q = csub.add_parser("export", help="把合同导出为合同文件（JSON），可再导入")
    q.add_argument("contract", type=_text)
    q.add_argument("file", type=_path)
    q.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    q.set_defaults(func=cmd_contract_export)
    q = csub.add_parser("templates", help="列出内置模板和用户模板")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_contract_templates)
    q = csub.add_parser("set", help="修改合同字段（全部通过校验才保存）")
    q.add_argument("contract", type=_text)
    q.add_argument("assignments", nargs="+", type=_assignment, metavar="字段=值")
    q.add_argument("--open-months-only", action="store_true",
                   help="已有定稿月份时必须给出：修改只适用于未定稿月份，已定稿月份保留定稿时的合同版本")
    q.set_defaults(func=cmd_contract_set)
    p = sub.add_parser("lint", help="检查合同（编号）或合同文本（文件）的内在矛盾")
    p.add_argument("target", type=_path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lint)
