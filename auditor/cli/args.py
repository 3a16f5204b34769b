"""What the user typed: the exit codes, the argument types and the parser that reads them.

Each type checks one argument while parsing, before the database is opened; a bad value ends in exit 2
with a message naming the argument (argparse prefixes it) and the value. argparse's own English usage
errors are put into Chinese here too.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

# 0 success, 1 internal error, 2 bad input (database unchanged), 3 integrity problem (an altered audit log or
# document), 4 a document intact but its signer not trusted
EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_INTEGRITY, EXIT_UNTRUSTED = 0, 1, 2, 3, 4


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
    from ..calendar import Period, PeriodError

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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors are bad input too
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


if TYPE_CHECKING:
    # what each command group adds its commands to (generic only in the type stubs)
    Subparsers = argparse._SubParsersAction[_Parser]
