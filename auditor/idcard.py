"""Resident ID numbers (GB 11643-1999): check digit, birth date, masking.

ID numbers are sensitive personal information (个人信息保护法 第二十八条): they
are shown masked everywhere unless the user reveals one on purpose.
"""
from __future__ import annotations

import datetime as dt

from .text import ID_CHARS, halfwidth

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
              53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}


def normalize(text: object) -> str:
    """As stored and hashed into the audit log: full-width digits and X read as ASCII, nothing else changed."""
    return halfwidth(str(text or "").strip().upper().replace(" ", ""), ID_CHARS)


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def problem(number: str, today: dt.date | None = None) -> str | None:
    """Why ``number`` is not a valid ID number, or None."""
    if len(number) != 18:
        return f"应为 18 位，实为 {len(number)} 位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "只能由数字和末位 X 组成"
    if int(number[:2]) not in _PROVINCES:
        return f"地区码 {number[:2]} 不存在"
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"出生日期 {number[6:14]} 不存在"
    if birth.year < 1900 or birth > (today or dt.date.today()):
        return f"出生日期 {birth} 不合理"
    if check_digit(number[:17]) != number[17]:
        return f"校验位应为 {check_digit(number[:17])}，实为 {number[17]}"
    return None


def mask(number: str) -> str:
    """4101**********123X — the first 4 and last 4 characters."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def birth_date(number: str) -> dt.date:
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
