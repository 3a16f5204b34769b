"""The ``auditor`` command: scriptable and stable.

Exit codes: 0 success, 2 bad input (message in Chinese on stderr, database
unchanged), 3 integrity problem, 1 internal error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from .errors import AuditorError, InputError
from .serialize import installment_to_dict, month_to_dict
from .serialize import money_text as _money
from .serialize import number_text as _num

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_INTEGRITY = 0, 1, 2, 3


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ commands

def cmd_init(store, args) -> int:
    print(f"数据库：{store.path or ':memory:'}")
    print(f"合同：{'、'.join(store.contracts.ids())}")
    return EXIT_OK


def cmd_contracts(store, args) -> int:
    from .money import format_yuan

    contracts = store.contracts.list()
    if args.json:
        _print_json([{"id": c.id, "name": c.name, "family": c.family.value, "party_a": c.party_a.name,
                      "party_b": c.party_b.name, "total": _money(c.total),
                      "service_start": c.service_start.isoformat(), "service_end": c.service_end.isoformat()}
                     for c in contracts])
        return EXIT_OK
    for c in contracts:
        print(f"{c.id}\t{c.name}\t{c.party_b.name}\t{format_yuan(c.total)}\t{c.service_start} ~ {c.service_end}")
    return EXIT_OK


def cmd_contract_new(store, args) -> int:
    from .contracts import load_template

    changes = _changes(load_template(args.template), args.set or [])
    contract = store.contracts.create_from_template(args.template, args.new_id, changes)
    print(f"已创建合同 {contract.id}（{contract.name}）")
    return EXIT_OK


def cmd_contract_set(store, args) -> int:
    from .storage.contracts_repo import FinalisedMonthsKeepTheirVersion

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


def _strings(value: Any):
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


def cmd_record(store, args) -> int:
    from .service import month_result, record_file

    contract, entries = record_file(store, Path(args.file))
    result = month_result(store, contract, entries.period)
    print(f"已录入 {contract.id} {entries.period}：{len(entries.measurements)} 项指标"
          + ("" if result.complete else f"；尚缺 {len(result.missing)} 项"))
    return EXIT_OK


def cmd_score(store, args) -> int:
    from .money import format_yuan
    from .service import month_result, parse_period

    contract = store.contracts.get(args.contract)
    result = month_result(store, contract, parse_period(contract, args.period))
    if args.json:
        _print_json(month_to_dict(result, contract.settings.readings(contract.family)))
        return EXIT_OK
    print(f"{contract.name}  {result.period.label()}")
    for item in result.items:
        money = f"  扣 {format_yuan(item.deduction)}" if item.deduction else ""
        points = f"  {_num(item.points)} 分" if item.points is not None else ""
        print(f"  {item.code} {item.indicator.name}：{item.status.label}（{item.detail}）{points}{money}")
    staffing = "、".join(f"{r.role.name} {_num(r.actual) if r.actual is not None else '未录入'}/{r.required}"
                         for r in result.roles)
    print(f"  人员：{staffing}，缺口 {result.staffing_shortfall} 人")
    if result.score is not None:
        print(f"本月得分：{result.score:.2f}")
    print(f"本月扣减：{format_yuan(result.deduction_total)}")
    for warning in result.warnings:
        print(f"注意：{warning}")
    if not result.complete:
        print(f"未录入：{'、'.join(result.missing)}")
    return EXIT_OK


def cmd_payment(store, args) -> int:
    from .money import amount_in_words, format_yuan
    from .service import installment_result

    contract = store.contracts.get(args.contract)
    result = installment_result(store, contract, args.number)
    if args.json:
        _print_json(installment_to_dict(result))
        return EXIT_OK
    inst = result.installment
    print(f"{contract.name}  第{inst.number}期（{inst.percent}%，{inst.due_text}）")
    print(f"  金额：{format_yuan(result.amount)}")
    if result.score is not None:
        print(f"  得分：{result.score:.2f}，支付比例 {_num(result.band_percent)}%，应付 {format_yuan(result.gross)}")
    for d in result.deductions:
        print(f"  扣减 {d.period} {d.label}：{format_yuan(d.amount)}（{d.basis}；{d.clause}）")
    if result.carried_in:
        print(f"  上期结转扣减：{format_yuan(result.carried_in)}")
    print(f"  实付：{format_yuan(result.payable)}（{amount_in_words(result.payable)}）")
    if result.carried_over:
        print(f"  结转下期扣减：{format_yuan(result.carried_over)}")
    if result.bond_claim:
        print(f"  可从履约保证金中扣除：{format_yuan(result.bond_claim)}")
    if result.provisional:
        print(f"  暂估：未完成或未定稿的月份 {'、'.join(str(p) for p in result.unfinalized_months)}")
    for line in result.refusal_conditions + result.warnings:
        print(f"  注意：{line}")
    return EXIT_OK


def cmd_lint(store, args) -> int:
    from .lint import lint_contract, lint_text

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
        _print_json({"subject": subject, "findings": [f.as_dict() for f in findings]})
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


def cmd_finalize(store, args) -> int:
    from .service import finalize_month, parse_period

    contract = store.contracts.get(args.contract)
    finalize_month(store, contract, parse_period(contract, args.period))
    print(f"{contract.id} {args.period} 已定稿")
    return EXIT_OK


def cmd_reopen(store, args) -> int:
    from .service import parse_period

    contract = store.contracts.get(args.contract)
    store.months.reopen(contract.id, parse_period(contract, args.period), args.reason)
    print(f"{contract.id} {args.period} 已重新打开")
    return EXIT_OK


def cmd_import(store, args) -> int:
    import datetime as dt

    from .personnel import import_file
    from .service import parse_period

    contract = store.contracts.get(args.contract)
    received = None
    if args.received:
        try:
            received = dt.date.fromisoformat(args.received)
        except ValueError:
            raise InputError(f"--received “{args.received}”不是有效日期（YYYY-MM-DD）") from None
    summary = import_file(store, contract, parse_period(contract, args.period), args.kind, Path(args.file), received,
                          sheet=args.sheet)
    data = {"contract": contract.id, "period": args.period, "kind": summary.kind, "file": summary.source,
            "rows": summary.rows, "received_on": summary.received_on.isoformat(),
            "headcount": {k: _num(v) for k, v in (summary.headcount or {}).items()} or None,
            "headcount_applied": summary.headcount_applied, "unmapped_columns": list(summary.unmapped)}
    if args.json:
        _print_json(data)
    else:
        print(f"已导入 {summary.source}：{summary.rows} 行（{summary.kind}，{summary.received_on} 收到）")
        if summary.headcount:
            print("月均在岗：" + "、".join(f"{k} {_num(v)}" for k, v in summary.headcount.items())
                  + ("（已填入本月人员配置）" if summary.headcount_applied else "（本月已有录入，未覆盖）"))
    return EXIT_OK


def cmd_reconcile(store, args) -> int:
    import datetime as dt

    from .personnel import reconcile_month
    from .service import parse_period

    contract = store.contracts.get(args.contract)
    today = dt.date.fromisoformat(args.today) if args.today else None
    findings = reconcile_month(store, contract, parse_period(contract, args.period), today)
    if args.json:
        _print_json({"contract": contract.id, "period": args.period, "findings": [f.as_dict() for f in findings]})
        return EXIT_OK
    from .payroll import TYPES

    for f in findings:
        where = f"{f.file} 第 {f.row} 行" if f.row else f.file
        print(f"{TYPES[f.type]}\t{f.name} {f.masked_id}\t{where}\t{f.detail}")
    print(f"共 {len(findings)} 项")
    return EXIT_OK


def cmd_audit(store, args) -> int:
    if args.action == "log":
        rows = store.db.execute("SELECT id, at, who, tbl, row_id, op, external FROM audit_log ORDER BY id DESC LIMIT ?",
                                [args.limit]).fetchall()
        for rid, at, who, tbl, row_id, op, external in reversed(rows):
            print(f"{rid}\t{at}\t{who}\t{op}\t{tbl}#{row_id}" + ("\t程序之外" if external else ""))
        return EXIT_OK
    from .documents.signing import read_certificate

    certificates = [read_certificate(Path(path)) for path in args.certificate or []]
    report = store.verify_audit(deep=True, certificates=certificates)
    if args.json:
        _print_json({"ok": report.ok, "entries": report.entries, "first_broken": report.first_broken,
                     "problems": report.problems})
    else:
        if report.ok:
            print(f"审计日志完整：{report.entries} 条记录，数据与记录一致")
        else:
            print(f"发现 {len(report.problems)} 处问题（审计日志 {report.entries} 条）：")
            for problem in report.problems:
                print(f"  - {problem}")
    return EXIT_OK if report.ok else EXIT_INTEGRITY


def cmd_backup(store, args) -> int:
    from .backup import backup

    manifest = backup(store, Path(args.file))
    print(f"已备份到 {args.file}（数据库与 {len(manifest['files']) - 1} 个证据文件）")
    if manifest["missing"]:
        print(f"注意：{len(manifest['missing'])} 个证据文件缺失或已损坏，未能备份：{'、'.join(manifest['missing'][:5])}"
              + ("等" if len(manifest["missing"]) > 5 else ""), file=sys.stderr)
    return EXIT_OK


def cmd_restore(path: Path, args, key: str | None) -> int:
    """Run without opening the database: restoring is also how a lost or damaged database comes back."""
    from .backup import restore

    if str(path) == ":memory:":
        raise InputError("内存数据库无法恢复")
    kept = restore(path, Path(args.file), path.with_name(path.stem + "-evidence"), key)
    print(f"已从 {args.file} 恢复；" + (f"原数据库及其证据保留为 {kept}" if kept else "此前没有数据库"))
    return EXIT_OK


def cmd_bundle(store, args) -> int:
    from .bundle import export_bundle, import_bundle

    if args.action == "export":
        from .documents.signing import read_identity

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
        _print_json({"signer": report.signer, "certificate_sha256": report.fingerprint, "known": report.known_signer,
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


# ------------------------------------------------------------------ argument types
# Each checks one argument while parsing, before the database is opened; a bad value ends in exit 2
# with a message naming the argument (argparse prefixes it) and the value.

_ERRNO_ZH = {2: "文件不存在", 13: "没有读取权限", 20: "路径中有一段不是文件夹", 21: "这是一个文件夹，不是文件",
             36: "文件名过长", 40: "符号链接循环"}


def _os_reason(exc: OSError) -> str:
    """The reason of an OS error in Chinese (falls back to the system's own words)."""
    return _ERRNO_ZH.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def _shown(text: str) -> str:
    """A value as it can be printed: undecodable bytes and control characters escaped (``\\x00``)."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _plain(text: str, *, multiline: bool = False) -> str:
    """Refuse what no one types on purpose: NUL and other control characters, bytes that are not UTF-8."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise argparse.ArgumentTypeError(f"“{_shown(text)}”含有无法识别的字符（不是 UTF-8 编码）")
    if not _is_plain(text, multiline):
        raise argparse.ArgumentTypeError(f"“{_shown(text)}”含有控制字符")
    return text


def _is_plain(text: str, multiline: bool = False) -> bool:
    allowed = "\t\n\r" if multiline else ""
    return all(ch.isprintable() or ch in allowed for ch in text)


def _text(text: str) -> str:
    """An identifier or name: not empty, plain characters, not a pasted page."""
    if not text.strip():
        raise argparse.ArgumentTypeError("不能为空")
    if len(text) > 200:
        raise argparse.ArgumentTypeError(f"“{_shown(text[:20])}…”过长（{len(text)} 个字符，最多 200 个）")
    return _plain(text).strip()


def _reason(text: str) -> str:
    """Free text (a reason): not empty, line breaks allowed, at most a few paragraphs."""
    if not text.strip():
        raise argparse.ArgumentTypeError("不能为空，请写明理由")
    if len(text) > 2000:
        raise argparse.ArgumentTypeError(f"理由过长（{len(text)} 个字符，最多 2000 个）")
    return _plain(text, multiline=True).strip()


def _period(text: str) -> str:
    """A month such as 2025-10 (full-width digits accepted); the contract's term is checked later."""
    from .calendar import Period, PeriodError

    try:
        return str(Period.parse(_plain(text)))
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _day(text: str) -> str:
    """A date written YYYY-MM-DD (full-width digits accepted) that exists in the calendar."""
    import datetime as dt
    import re
    import unicodedata

    normal = unicodedata.normalize("NFKC", _plain(text)).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", normal)
    if not match:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，应写作 YYYY-MM-DD，例如 2025-10-31")
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”不存在") from None
    if day.year < 1900:
        raise argparse.ArgumentTypeError(f"日期“{text}”不在 1900 至 9999 年之间")
    return day.isoformat()


def _whole(text: str, minimum: int, maximum: int) -> int:
    """A whole number (full-width digits accepted) within bounds, checked before any arithmetic."""
    import unicodedata

    normal = unicodedata.normalize("NFKC", _plain(text)).strip()
    digits = normal.removeprefix("-").removeprefix("+")
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"“{text}”不是整数")
    if len(digits) > len(str(maximum)) or not minimum <= int(normal) <= maximum:
        raise argparse.ArgumentTypeError(f"{normal} 超出范围（应在 {minimum} 至 {maximum} 之间）")
    return int(normal)


def _number(text: str) -> int:
    """An installment number; which ones exist is the contract's to say (0 and -1 get that message)."""
    return _whole(text, -999, 999)


def _limit(text: str) -> int:
    return _whole(text, 1, 1_000_000)


def _path(text: str) -> str:
    """A path: not empty, no NUL (bytes that are not UTF-8 are fine in file names)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("文件路径不能为空")
    if "\0" in text:
        raise argparse.ArgumentTypeError(f"文件路径“{_shown(text)}”含有空字符")
    return text


MAX_INPUT_BYTES = 64 * 2**20  # an entries file, a contract text, a key file: far below this


def _input_file(text: str) -> str:
    """A regular file to read, of a sane size (a FIFO or /dev/zero would block or never end)."""
    import stat

    path = Path(_path(text))
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise argparse.ArgumentTypeError(f"{_shown(text)} 是一个文件夹，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise argparse.ArgumentTypeError(f"{_shown(text)} 不是普通文件")
        if info.st_size > MAX_INPUT_BYTES:
            raise argparse.ArgumentTypeError(f"{_shown(text)} 过大（{info.st_size // 2**20} MB，"
                                             f"最多 {MAX_INPUT_BYTES // 2**20} MB）")
        with path.open("rb"):
            pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"无法读取 {_shown(text)}：{_os_reason(exc)}") from None
    return text


def _template(text: str) -> str:
    """A built-in template id, never a path (``../`` would read any JSON file as a template)."""
    from .contracts import template_ids

    name = _text(text)
    if name not in template_ids():
        raise argparse.ArgumentTypeError(f"没有名为“{name}”的合同模板；可用模板：{'、'.join(template_ids())}")
    return name


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors are bad input too
        self.print_usage(sys.stderr)
        text = _argparse_zh(message)
        print(f"参数错误{'' if text.startswith('（') else '：'}{text}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"invalid choice: (.*) \(choose from (.*)\)", "{0} 不是可选的值（可选：{1}）"),
    (r"invalid (\S+) value: (.*)", "{1} 不是有效的值"),
    (r"expected one argument", "后面须给出一个值"),
    (r"expected at least one argument", "后面至少须给出一个值"),
    (r"expected at most one argument", "后面最多给出一个值"),
    (r"ambiguous option: (.*) could match (.*)", "选项 {0} 有歧义，可能是：{1}"),
    (r"one of the arguments (.*) is required", "须给出 {0} 之一"),
    (r"not allowed with argument (.*)", "不能与 {0} 同时使用"),
    (r"ignored explicit argument (.*)", "不接受值 {0}"),
)


def _argparse_zh(message: str) -> str:
    """argparse's English usage errors in Chinese; a message our own types wrote is kept as it is."""
    import re

    match = re.fullmatch(r"argument (.+?): (.*)", message, re.S)
    if match:
        return f"（{match.group(1)}）：{_argparse_zh(match.group(2))}"
    for pattern, template in _ARGPARSE_ZH:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return template.format(*match.groups())
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="auditor", description="12345 热线服务合同履约考核（命令行）")
    parser.add_argument("--db", type=_path, help="数据库文件（默认：用户数据目录，或环境变量 AUDITOR_DB）")
    parser.add_argument("--key-file", type=_input_file, help="加密数据库的口令文件（或环境变量 AUDITOR_DB_KEY）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    q = csub.add_parser("set", help="修改合同字段（全部通过校验才保存）")
    q.add_argument("contract", type=_text)
    q.add_argument("assignments", nargs="+", type=_assignment, metavar="字段=值")
    q.add_argument("--open-months-only", action="store_true",
                   help="已有定稿月份时必须给出：修改只适用于未定稿月份，已定稿月份保留定稿时的合同版本")
    q.set_defaults(func=cmd_contract_set)
    p = sub.add_parser("record", help="录入一个月的考核数据（JSON 文件，整月替换）")
    p.add_argument("file", type=_input_file)
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("score", help="某月考核结果")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("payment", help="第 N 期付款核算")
    p.add_argument("contract", type=_text)
    p.add_argument("number", type=_number)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_payment)
    p = sub.add_parser("lint", help="检查合同（编号）或合同文本（文件）的内在矛盾")
    p.add_argument("target", type=_path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lint)
    p = sub.add_parser("import", help="导入乙方报送的表格（全部正确才导入）")
    p.add_argument("contract")
    p.add_argument("period")
    p.add_argument("kind", choices=["roster", "schedule", "payroll", "insurance", "transfers"])
    p.add_argument("file")
    p.add_argument("--received", help="收到日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--sheet", help="工作表名称（默认第一个可见的工作表）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("reconcile", help="核对名单、工资、五险一金与转账记录")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--today", type=_day, help="按此日期判断是否逾期（默认今天）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reconcile)
    from .cli_documents import add_parsers

    add_parsers(sub, _Parser)
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
    p = sub.add_parser("finalize", help="月度定稿")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.set_defaults(func=cmd_finalize)
    p = sub.add_parser("reopen", help="重新打开已定稿的月份（须说明理由）")
    p.add_argument("contract", type=_text)
    p.add_argument("period", type=_period)
    p.add_argument("--reason", required=True, type=_reason)
    p.set_defaults(func=cmd_reopen)
    return parser


def _db_key(args) -> str | None:
    import os

    if args.key_file:
        name = _shown(args.key_file)
        try:
            key = Path(args.key_file).read_bytes().decode("utf-8-sig").strip()
        except OSError as exc:
            raise InputError(f"无法读取口令文件 {name}：{_os_reason(exc)}") from None
        except UnicodeDecodeError:
            raise InputError(f"口令文件 {name} 不是 UTF-8 编码的文本") from None
        if not key:
            raise InputError(f"口令文件 {name} 是空的")
        if "\0" in key:
            raise InputError(f"口令文件 {name} 含有空字符")
        return key
    return os.environ.get("AUDITOR_DB_KEY") or None


def cmd_encrypt(args, key: str | None) -> int:
    from .paths import default_db_path
    from .storage import encrypt_database, is_encrypted, open_store

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (usage errors too: callers get a code, not SystemExit).

    Output cut short by its reader (``auditor audit log | head``) is not an error: exit 0, quietly."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    try:
        code = _run(argv)
        if sys.stdout is not None:  # None when started with stdout closed (`auditor … >&-`)
            sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_OK
    return code


def _stdout_to_devnull() -> None:
    """The reader is gone: what is still buffered goes nowhere instead of failing again at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # usage error (2) or --help (0)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    store = None
    try:
        from .paths import default_db_path
        from .storage import open_store

        key = _db_key(args)
        if args.command == "encrypt":
            return cmd_encrypt(args, key)
        if args.command == "restore":
            return cmd_restore(Path(args.db or default_db_path()), args, key)
        store = open_store(args.db or default_db_path(), key=key)
        return args.func(store, args)
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except AuditorError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        raise
    except Exception as exc:  # noqa: BLE001 — last line of defence: no traceback for the user
        import traceback

        try:
            from platformdirs import user_log_dir

            log = Path(user_log_dir("auditor", appauthor=False)) / "error.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            hint = f"，详情已写入 {log}"
        except OSError:
            hint = ""
        print(f"内部错误：{type(exc).__name__}{hint}", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if store is not None:
            store.close()


if __name__ == "__main__":
    raise SystemExit(main())
