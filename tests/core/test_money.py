"""SPEC §4.3: Decimal to the fen, half-up; ¥ formatting; 大写."""
from decimal import Decimal

import pytest

from auditor.money import MoneyError, amount_in_words, fen, format_yuan, percent_of, to_decimal, words_to_amount


@pytest.mark.parametrize("amount, words", [
    ("10329920", "壹仟零叁拾贰万玖仟玖佰贰拾元整"),     # luoyang 第三条, as written in the contract
    ("6468000.00", "陆佰肆拾陆万捌仟元整"),            # henan 第二条1
    ("323400.00", "叁拾贰万叁仟肆佰元整"),             # henan 第二条5 (bond)
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("10.50", "壹拾元伍角"),
    ("1.05", "壹元零伍分"),
    ("0.06", "陆分"),
    ("100500", "壹拾万零伍佰元整"),
    ("100000001", "壹亿零壹元整"),
    ("51649.60", "伍万壹仟陆佰肆拾玖元陆角"),
    ("0", "零元整"),
])
def test_amount_in_words_round_trips(amount, words):
    assert amount_in_words(Decimal(amount)) == words
    assert words_to_amount(words) == Decimal(amount).quantize(Decimal("0.01"))


def test_rounding_is_half_up_to_the_fen():
    assert fen(Decimal("0.125")) == Decimal("0.13")
    assert fen(Decimal("0.145")) == Decimal("0.15")   # half-even would give 0.14
    assert fen(Decimal("-0.125")) == Decimal("-0.13")
    assert percent_of(Decimal("10329920"), Decimal("0.5")) == Decimal("51649.60")  # luoyang 第十二条1 per day


def test_format_yuan():
    assert format_yuan(Decimal("1234567.895")) == "¥1,234,567.90"
    assert format_yuan(Decimal("-64680")) == "-¥64,680.00"


def test_floats_are_refused():
    with pytest.raises(MoneyError):
        to_decimal(0.1)
    with pytest.raises(MoneyError):
        words_to_amount("一些钱")
