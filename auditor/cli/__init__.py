"""The ``auditor`` command: scriptable and stable.

One module per command group (contracts, months, personnel, documents, trust, maintenance), each with its
``cmd_*`` functions and an ``add_parsers(sub)``; this module assembles the parser and runs one command.
Nothing else in ``auditor`` imports this package (an import-linter contract): it is the top of the core.

Exit codes: 0 success, 2 bad input (message in Chinese on stderr, database
unchanged), 3 integrity problem, 4 a verified document's signer not trusted, 1 internal error.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import AuditorError, InputError
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

COMMAND_GROUPS = ("contracts", "months", "payments", "personnel", "approvals", "calendar_days", "documents", "trust",
                  "maintenance", "workorders")
# The group that registers each command. A command line naming one gets that group's parsers only, the same
# ones it would get among all (all 29 cost ~15 ms of every command); a test keeps this equal to the groups.
COMMANDS = {
    "init": "contracts", "contracts": "contracts", "contract": "contracts", "lint": "contracts",
    "record": "months", "score": "months", "finalize": "months", "reopen": "months",
    "payment": "payments",
    "import": "personnel", "reconcile": "personnel",
    "staffing": "approvals", "departure": "approvals",
    "calendar": "calendar_days",
    "render": "documents", "notice": "documents", "verify": "documents", "verify-code": "documents",
    "documents": "documents",
    "ca": "trust", "identity": "trust", "trust": "trust", "config": "trust",
    "audit": "maintenance", "encrypt": "maintenance", "bundle": "maintenance", "backup": "maintenance",
    "restore": "maintenance",
    "workorders": "workorders",
}
_OPTIONS_WITH_VALUE = ("--db", "--key-file")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``command``, of its group's commands only."""
    parser = _Parser(prog="auditor", description="12345 热线服务合同履约考核（命令行）")
    parser.add_argument("--db", type=_path, help="数据库文件（默认：用户数据目录，或环境变量 AUDITOR_DB）")
    parser.add_argument("--key-file", type=_input_file, help="加密数据库的口令文件（或环境变量 AUDITOR_DB_KEY）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="{" + ",".join(COMMANDS) + "}")  # in the usage line, whichever were built
    for group in (COMMANDS[command],) if command in COMMANDS else COMMAND_GROUPS:
        importlib.import_module(f"{__name__}.{group}").add_parsers(sub)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command a line names, read past the options before it as argparse reads them (``--db P``,
    ``--db=P``, ``--d P``); None when that is not certain (help, ``--``, an unknown option, no command):
    then every command's parser is built and argparse says what is wrong, as always."""
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
        option = word.split("=", 1)[0]
        matches = [o for o in (*_OPTIONS_WITH_VALUE, "--help") if len(option) > 2 and o.startswith(option)]
        if len(matches) != 1 or matches[0] == "--help":
            return None
        if "=" not in word and next(words, None) is None:
            return None
    return None


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
        args = build_parser(command_of(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    except SystemExit as exc:  # usage error (2) or --help (0)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    store = None
    from .. import logs

    logs.configure()
    try:
        from ..opening import open_database
        from ..paths import default_db_path

        key = _db_key(args)
        if args.command in ("encrypt", "restore"):
            from . import maintenance

            if args.command == "encrypt":
                return maintenance.cmd_encrypt(args, key)
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
