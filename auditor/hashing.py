"""SHA-256 of files and of JSON values: one place, so every stored hash is computed the same way.

The JSON forms are stored formats with data behind them (the audit chain's ``entry_hash`` and row
hashes, ``month_digest``, a document's canonical content): each caller names its own key order and
separators, and changing them would break every hash already stored. What is shared is only what
produces the same bytes: UTF-8, non-ASCII kept as is, values JSON cannot hold written with ``str``.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import IO, Any

CHUNK = 1 << 20  # files are read a megabyte at a time: evidence can be a large video


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, read in chunks."""
    with Path(path).open("rb") as reader:
        return copy_sha256(reader, None)


def copy_sha256(reader: IO[bytes], writer: IO[bytes] | None) -> str:
    """Copy ``reader`` to ``writer`` (if any); the hex SHA-256 of exactly the bytes copied.

    Hashing while copying means the hash names what was written, even if the source changes meanwhile."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: reader.read(CHUNK), b""):
        digest.update(chunk)
        if writer is not None:
            writer.write(chunk)
    return digest.hexdigest()


def json_text(value: Any, *, sort_keys: bool, compact: bool = False) -> str:
    """``value`` as JSON text in one of the program's stored forms (``compact``: no spaces after , and :)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys,
                      separators=(",", ":") if compact else None, default=str)


def json_sha256(value: Any, *, sort_keys: bool, compact: bool = False) -> str:
    """The hex SHA-256 of :func:`json_text` encoded as UTF-8."""
    return hashlib.sha256(json_text(value, sort_keys=sort_keys, compact=compact).encode("utf-8")).hexdigest()
