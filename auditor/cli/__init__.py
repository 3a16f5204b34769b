"""The ``auditor`` command: scriptable and stable.

One module per command group (contracts, months, personnel, documents, trust, maintenance), each with its
``cmd_*`` functions and an ``add_parsers(sub)``; this module assembles the parser and runs one command.
Nothing else in ``auditor`` imports this package (an import-linter contract): it is the top of the core.

Exit codes: 0 success, 2 bad input (message in Chinese on stderr, database
unchanged), 3 integrity problem, 4 a verified document's signer not trusted, 1 internal error.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import AuditorError, InputError
from . import (
    approvals,
    calendar_days,
    contracts,
    documents,
    maintenance,
    months,
    payments,
    personnel,
    trust,
    workorders,
)
from .args import (
    EXIT_INPUT,
    EXIT_INTEGRITY,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNTRUSTED,
    _input_file,
    _os_reason,
    _Parser,
    _path,
    _shown,
)

__all__ = ["EXIT_INPUT", "EXIT_INTEGRITY", "EXIT_INTERNAL", "EXIT_OK", "EXIT_UNTRUSTED", "build_parser", "main"]

COMMAND_GROUPS = (contracts, months, payments, personnel, approvals, calendar_days, documents, trust, maintenance,
                  workorders)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="auditor", description="12345 热线服务合同履约考核（命令行）")
    parser.add_argument("--db", type=_path, help="数据库文件（默认：用户数据目录，或环境变量 AUDITOR_DB）")
    parser.add_argument("--key-file", type=_input_file, help="加密数据库的口令文件（或环境变量 AUDITOR_DB_KEY）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for group in COMMAND_GROUPS:
        group.add_parsers(sub)
    return parser


def _db_key(args: argparse.Namespace) -> str | None:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (usage errors too: callers get a code, not SystemExit).

    Output cut short by its reader (``auditor audit log | head``) is not an error: exit 0, quietly."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None, or not a text file, when redirected oddly
        try:
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
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
    from .. import logs

    logs.configure()
    try:
        from ..opening import open_database
        from ..paths import default_db_path

        key = _db_key(args)
        if args.command == "encrypt":
            return maintenance.cmd_encrypt(args, key)
        if args.command == "restore":
            return maintenance.cmd_restore(Path(args.db or default_db_path()), args, key)
        store = open_database(args.db or default_db_path(), key=key)
        code: int = args.func(store, args)
        return code
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except AuditorError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        raise
    except Exception as exc:  # noqa: BLE001 — last line of defence: no traceback for the user
        import logging

        logging.getLogger(__name__).exception("unexpected %s", type(exc).__name__)
        where = logs.current_file()
        print(f"内部错误：{type(exc).__name__}" + (f"，详情已写入 {where}" if where else ""), file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if store is not None:
            store.close()
