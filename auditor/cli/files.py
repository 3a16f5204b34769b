"""What the commands hand back: JSON on standard output, and the files named on the command line, read
whole or written whole (a partial file first, renamed into place)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def read_file(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取{what} {path}：{exc.strerror}") from None


def read_passphrase(path: str, what: str = "口令文件") -> bytes:
    return read_file(path, what).strip()


def check_writable(path: str) -> None:
    """Refuse an output path that cannot be written *before* anything is issued, numbered or stored: a
    document whose file could not be written must not have used its number."""
    import tempfile

    target = Path(path)
    if target.is_dir():
        raise InputError(f"无法写入 {path}：这是一个文件夹")
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent if str(target.parent) else ".", prefix=".auditor-",
                                         suffix=".probe"):
            pass
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror}") from None


def write_file(path: str, data: bytes) -> None:
    target = Path(path)
    try:
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror}") from None
