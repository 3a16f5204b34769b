"""The check every malformed-input test makes: exit 2, a Chinese message naming the place, nothing changed.

"Nothing changed" is byte-level: the database file, its WAL, the audit head beside it and every file of
the evidence directory hash the same before and after.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.cli import main


def state(db: Path) -> dict[str, str]:
    """SHA-256 of every file that belongs to the database at ``db``: itself, -wal, head, evidence."""
    files: list[Path] = []
    for path in sorted(db.parent.iterdir()):
        if path.is_file() and path.name.startswith(db.name):
            files.append(path)
    evidence = db.with_name(db.stem + "-evidence")
    if evidence.is_dir():
        files += sorted(p for p in evidence.rglob("*") if p.is_file())
    return {str(p.relative_to(db.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if not p.name.endswith("-shm")}


def refused(db: Path, args: list[str], capsys, *, names: str | tuple[str, ...] = ()) -> str:
    """Run ``auditor --db db *args``; assert exit 2, no traceback, every part of ``names`` in the message,
    and the database and evidence byte-identical. Returns the message (stderr)."""
    capsys.readouterr()
    before = state(db)
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    message = out.err
    assert code == 2, f"exit {code} for {args}: {message}{out.out}"
    assert "Traceback" not in message and "内部错误" not in message, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), f"no Chinese message: {message!r}"
    for part in (names,) if isinstance(names, str) else names:
        assert part in message, f"{part!r} not named in: {message}"
    assert state(db) == before, f"{args} changed the database or the evidence"
    return message


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` but the incoming archives (``root/in``), with each file's SHA-256:
    equal trees mean a refused archive wrote nothing anywhere."""
    return {str(p.relative_to(root)): sha(p.read_bytes()) if p.is_file() and not p.is_symlink() else "folder"
            for p in sorted(root.rglob("*")) if "in" not in p.relative_to(root).parts[:1]}


def write_members(archive, members) -> None:
    """(name, data[, mode]) members written as an attacker would: any name, fixed date, optional Unix mode."""
    import zipfile

    for name, data, *mode in members:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        if mode:
            info.external_attr = mode[0] << 16
        archive.writestr(info, data)


READ_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from auditor.errors import InputError
from auditor.imports import read_rows
import python_calamine

def peak():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) // 1024

before = peak()
try:
    read_rows(Path(sys.argv[2]))
    outcome = "read"
except InputError as refusal:
    outcome = str(refusal)
print(peak() - before)
print(outcome)
"""


def read_in_fresh_process(path: Path) -> tuple[int, str]:
    """Read the spreadsheet ``path`` in a process of its own (python-calamine already loaded): (the megabytes
    the process grew by, the refusal's message or "read"). The process must not die (an abort, a panic)."""
    import subprocess
    import sys

    import pytest

    if not Path("/proc/self/status").is_file():
        pytest.skip("the peak of a process is read from /proc")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", READ_CHILD, str(root), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[-500:]}"
    grown, outcome = done.stdout.split("\n", 1)
    return int(grown), outcome.strip()
