"""Resident ID numbers (GB 11643-1999) on the operator's roster: why a number is refused, how it is shown.

11010519491231002X is the standard's own example (北京朝阳, born 1949-12-31): the weighted sum of its first
17 digits is 1×7+1×9+0×10+1×5+0×8+5×4+1×2+9×1+4×6+9×3+1×7+2×9+3×10+1×5+0×8+0×4+2×2 = 167,
167 mod 11 = 2, and position 2 of "10X98765432" is X.
"""
from __future__ import annotations

import datetime as dt

import pytest

from auditor.idcard import birth_date, mask, normalize, problem

GOOD = "11010519491231002X"


@pytest.mark.parametrize("number, reason", [
    (GOOD, None),
    (GOOD[:17], "应为 18 位，实为 17 位"),
    ("1101051949123100AX", "只能由数字和末位 X 组成"),
    ("11010519491231002Y", "只能由数字和末位 X 组成"),
    ("99010519491231002X", "地区码 99 不存在"),
    ("11010519490231002X", "出生日期 19490231 不存在"),
    ("11010518991231002X", "出生日期 1899-12-31 不合理"),
    ("110105194912310021", "校验位应为 X，实为 1"),
])
def test_why_a_number_is_refused(number, reason):
    assert problem(number) == reason


def test_a_birth_date_after_today_is_refused():
    assert problem("11010520250601002X", today=dt.date(2025, 5, 31)) == "出生日期 2025-06-01 不合理"


def test_numbers_typed_with_a_chinese_input_method_are_read_as_ascii():
    assert normalize(" １１０１０５ １９４９１２３１００２ｘ ") == GOOD
    assert normalize(None) == ""


def test_shown_masked_with_the_first_and_last_four():
    assert mask(GOOD) == "1101**********002X"
    assert mask("12345678") == "********"          # too short to show any part of it
    assert birth_date(GOOD) == dt.date(1949, 12, 31)
