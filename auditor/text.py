"""Text as operators type it: full-width forms (Chinese input methods) read as the ASCII they stand for.

One rule, derived rather than typed out: the full-width form of an ASCII character sits 0xFEE0 above it
(U+FF01–U+FF5E). Each reader names the characters it accepts, because a wider table would change what
it stores: an ID number is kept as normalised here and hashed into the audit log and into bundles, so
its characters must never change meaning. ``unicodedata.normalize("NFKC")`` is not used: it also turns
①, ² and ½ into digits, which no reader accepts today.
"""
from __future__ import annotations

from functools import cache

DIGITS = "0123456789"
NUMBER_CHARS = DIGITS + ".-+%,:/"  # numbers, percentages, dates and times
ID_CHARS = DIGITS + "X"            # resident ID numbers, after upper-casing

_OFFSET = 0xFEE0


@cache
def _table(chars: str) -> dict[int, int]:
    if any(not "!" <= ch <= "~" for ch in chars):
        raise ValueError(f"no full-width form: {chars!r}")
    return {ord(ch) + _OFFSET: ord(ch) for ch in chars}


def halfwidth(text: str, chars: str = NUMBER_CHARS) -> str:
    """``text`` with the full-width form of each character in ``chars`` replaced by that character."""
    return text.translate(_table(chars))
