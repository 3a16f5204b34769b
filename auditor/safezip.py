"""Reading a zip the operator may have crafted (a backup, an audit bundle, a spreadsheet): shared by backup,
bundle and the spreadsheet reader.

Member names are judged, never used as paths: the caller's allow-list decides what may be in the
archive, and whatever is written lands under a name the caller derives itself (evidence under the
hash computed while reading). Sizes are checked in the central directory and then held to while
inflating, member by member and overall, so a header that lies only makes the refusal come later.
Nothing here imports ``zipfile`` at module level: backup.py is loaded on every start. The few writing
steps both share (a member copied in while hashed, an fsync) live here too.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    import zipfile

# Deflate cannot exceed ~1030:1; honest files stay far below MAX_RATIO (a database compresses ~16:1).
MAX_RATIO = 250
RATIO_FLOOR = 16 << 20   # the ratio is only judged past this many bytes: tiny files compress oddly
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """What one kind of archive may hold, whatever its headers say."""

    members: int
    total_bytes: int


def add_file(archive: zipfile.ZipFile, name: str, path: Path) -> str:
    """Copy ``path`` into a zip being written, as member ``name``; the SHA-256 of exactly the bytes written."""
    from .hashing import copy_sha256

    with path.open("rb") as reader, archive.open(name, "w", force_zip64=path.stat().st_size > (1 << 30)) as out:
        return copy_sha256(reader, out)


def shown(name: str) -> str:
    """A member name (or any value from a file) as it can be printed: control characters escaped, cut short."""
    text = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)
    return text if len(text) <= 120 else text[:117] + "…"


def reason(exc: BaseException) -> str:
    text = str(exc)
    return shown(text) if text else type(exc).__name__


def path_problem(name: str) -> str | None:
    """Why ``name`` could escape or confuse a folder if it were ever taken as a path, or None. Callers
    still match names against an allow-list; these reasons only make the message precise."""
    if any(not ch.isprintable() for ch in name):
        return "含有控制字符"
    if "\\" in name:
        return "含有反斜杠"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "是绝对路径"
    if ".." in name.split("/"):
        return "含有“..”"
    if "//" in name:
        return "含有空的路径段"
    return None


def declared_entries(source: Path) -> int | None:
    """The entry count the end-of-directory record declares, read before zipfile builds an object per
    entry in memory (millions of empty entries cost little disk and much memory); None if not found."""
    import struct

    with source.open("rb") as reader:
        size = reader.seek(0, os.SEEK_END)
        start = max(0, size - (22 + 0xFFFF + 20))
        reader.seek(start)
        tail = reader.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return None
        count: int = struct.unpack_from("<H", tail, at + 10)[0]
        if count != 0xFFFF or at < 20 or tail[at - 20:at - 16] != b"PK\x06\x07":
            return count
        reader.seek(struct.unpack_from("<Q", tail, at - 20 + 8)[0])  # the ZIP64 end record
        record = reader.read(56)
        if record[:4] != b"PK\x06\x06":
            return None
        entries: int = struct.unpack_from("<Q", record, 32)[0]
        return entries


def open_archive(source: Path, label: str, noun: str, ours: str, max_members: int) -> zipfile.ZipFile:
    """The zip at ``source``, opened only after the cheap refusals, in the caller's words (``noun``: 备份文件,
    审计包; ``ours``: what it should have been): missing, not a file, more members than ``max_members``
    declared, not a complete zip."""
    import zipfile as zf
    try:
        if not source.is_file():
            raise InputError(f"{noun} {label} {'不存在' if not source.exists() else '不是文件'}")
        declared = declared_entries(source)
        if declared is not None and declared > max_members:
            raise InputError(f"{label}：成员过多（{declared} 个，上限 {max_members}）")
        return zf.ZipFile(source)
    except OSError as exc:
        raise InputError(f"无法读取{noun} {label}：{exc.strerror or exc}") from None
    except (zf.BadZipFile, zf.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(f"{label} 不是{ours}（不是完整的 zip 文件：{reason(exc)}）") from None


def check_members(infos: list[zipfile.ZipInfo], label: str, what: str, name_problem: Callable[[str], str | None],
                  size_limit: Callable[[str], int], limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Refuse, from the central directory alone, what no archive of ours contains; name → ZipInfo.

    ``what`` names the kind of archive in messages (备份, 审计包); ``name_problem`` is the caller's
    allow-list (a reason, or None for a name it accepts)."""
    import zipfile as zf
    if len(infos) > limits.members:
        raise InputError(f"{label}：成员过多（{len(infos)} 个，上限 {limits.members}）")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.orig_filename  # as stored: zipfile cuts names at NUL and turns os.sep into "/"
        printed = shown(name)
        why = name_problem(name)
        if why:
            raise InputError(f"{label}：成员“{printed}”{why}，不是本程序{what}中的文件")
        if name in members:
            raise InputError(f"{label}：成员“{printed}”重复出现")
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise InputError(f"{label}：成员“{printed}”是符号链接")
        if kind not in (0, stat.S_IFREG):
            raise InputError(f"{label}：成员“{printed}”不是普通文件")
        if info.flag_bits & 0x1:
            raise InputError(f"{label}：成员“{printed}”被加密（本程序的{what}不加密成员）")
        if info.compress_type not in (zf.ZIP_STORED, zf.ZIP_DEFLATED):
            raise InputError(f"{label}：成员“{printed}”的压缩方式（{info.compress_type}）不是本程序所用的")
        limit = size_limit(name)
        if info.file_size > limit:
            raise InputError(f"{label}：成员“{printed}”过大（{info.file_size} 字节，上限 {limit}）")
        check_ratio(info.file_size, info.compress_size, label, printed)
        total += info.file_size
        members[name] = info
    if total > limits.total_bytes:
        raise InputError(f"{label}：解压后的总大小（{total} 字节）超过上限 {limits.total_bytes} 字节")
    return members


def check_ratio(produced: int, compressed: int, label: str, printed: str) -> None:
    if produced > RATIO_FLOOR and produced > MAX_RATIO * max(compressed, 1):
        raise InputError(f"{label}：成员“{printed}”的压缩比异常（超过 {MAX_RATIO}:1），疑为压缩炸弹")


class Reading:
    """Bytes inflated so far and the compressed bytes they came from, across the whole archive."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.produced = 0
        self.compressed = 0


def stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, what: str, reading: Reading,
           sink: Callable[[bytes], object] | None) -> str:
    """Inflate one member with a bounded reader, feeding ``sink``; the SHA-256 of what came out.

    The reader is held to the declared size and to the compression ratio, member by member and
    overall, so a header that lies only makes the refusal come later, never the damage."""
    import zipfile as zf
    import zlib
    printed = shown(info.orig_filename)
    digest = hashlib.sha256()
    produced = 0
    reading.compressed += info.compress_size
    try:
        with archive.open(info) as reader:
            while True:
                chunk = reader.read(CHUNK)
                if not chunk:
                    break
                produced += len(chunk)
                reading.produced += len(chunk)
                if produced > info.file_size or reading.produced > reading.limits.total_bytes:
                    raise InputError(f"{label}：成员“{printed}”解压后超过记录的大小，疑为压缩炸弹")
                check_ratio(produced, info.compress_size, label, printed)
                check_ratio(reading.produced, reading.compressed, label, printed)
                digest.update(chunk)
                if sink is not None:
                    sink(chunk)
    except (zf.BadZipFile, zf.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(f"{label}：成员“{printed}”无法读出，{what}已损坏（{reason(exc)}）") from None
    if produced != info.file_size:
        raise InputError(f"{label}：成员“{printed}”的长度与记录不符，{what}已损坏")
    return digest.hexdigest()


def read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, what: str, reading: Reading) -> bytes:
    """A member whose size the caller has already bounded, in memory."""
    chunks: list[bytes] = []
    stream(archive, info, label, what, reading, chunks.append)
    return b"".join(chunks)


def copy_as_read(archive: zipfile.ZipFile, source: Path, target: Path) -> None:
    """Write to ``target`` an archive holding the members of ``archive`` (opened from ``source``) exactly as
    zipfile reads them: one per name (the one ``open(name)`` gives), each the compressed bytes zipfile finds
    for it, and nothing else — no comment, no second directory or end record, no bytes in between.

    Another reader (calamine's zip crate) may pick another end-of-directory record than zipfile does in the
    operator's file (one hidden in the comment of the other, say), hence other members than the ones checked;
    on this copy there is one reading. The bytes are copied, not inflated again: zipfile and the zip crate
    both hold a member to its declared size and CRC."""
    import struct
    import zipfile as zf

    names = list(dict.fromkeys(archive.namelist()))
    if len(names) > 0xFFFF:
        raise zf.BadZipFile("too many members")
    directory = bytearray()
    with source.open("rb") as reader, target.open("wb") as out:
        for name in names:
            info = archive.getinfo(name)
            if max(info.compress_size, info.file_size, out.tell()) >= 1 << 32:
                raise zf.BadZipFile(f"member {shown(name)} too large")
            reader.seek(info.header_offset)
            header = reader.read(30)
            if len(header) != 30 or header[:4] != b"PK\x03\x04":
                raise zf.BadZipFile(f"no local header for {shown(name)}")
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            reader.seek(info.header_offset + 30 + name_length + extra_length)
            encoded = name.encode("utf-8")
            fields = struct.pack("<HHHHHIIIH", 20, 0x800, info.compress_type, 0, 0x21, info.CRC, info.compress_size,
                                 info.file_size, len(encoded))
            directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                          + struct.pack("<HHHHII", 0, 0, 0, 0, 0, out.tell()) + encoded)
            out.write(b"PK\x03\x04" + fields + struct.pack("<H", 0) + encoded)
            left = info.compress_size
            while left:
                chunk = reader.read(min(left, CHUNK))
                if not chunk:
                    raise zf.BadZipFile(f"member {shown(name)} cut short")
                out.write(chunk)
                left -= len(chunk)
        start = out.tell()
        out.write(directory + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(names), len(names), len(directory),
                                                           start, 0))


def fsync(path: Path) -> None:
    """Flush a file or a folder to disk (folders cannot be opened on Windows: their renames are durable)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def checkpoint(step: str, points: tuple[str, ...]) -> None:
    """Test hook: with AUDITOR_TEST_KILL_AT=<step> the process dies here, as in a power cut. ``points``
    lists the caller's steps, so a misspelt step fails loudly instead of never firing."""
    target = os.environ.get("AUDITOR_TEST_KILL_AT")
    if target is None:
        return
    if step not in points:
        raise AssertionError(f"unlisted kill point {step}")
    if target == step:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
