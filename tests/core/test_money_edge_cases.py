"""Money at its edges (SPEC §4.3): exact reading, fen half-up, ¥ and 大写 by the rules of
中国人民银行《正确填写票据和结算凭证的基本规定》 (a run of zeros reads as one 零; 整 after 元; none after 角)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.money import MoneyError, amount_in_words, fen, format_yuan, to_decimal, words_to_amount

D = Decimal


@pytest.mark.parametrize("value, exact", [
    (D("51649.60"), D("51649.60")),
    (323400, D(323400)),
    (" 6,468,000.00 ", D("6468000.00")),
    ("1，234.5", D("1234.5")),                 # a full-width comma typed with a Chinese input method
])
def test_amounts_are_read_exactly(value, exact):
    assert to_decimal(value) == exact


@pytest.mark.parametrize("value, message", [
    (0.1, "数值 0.1 必须以文本或整数给出，不能是浮点数"),
    (True, "数值 True 必须以文本或整数给出，不能是浮点数"),
    ("一百", "“一百”不是数字"),
    ([100], "“[100]”不是数字"),
    ("NaN", "“NaN”不是有限的数字"),
    ("-Infinity", "“-Infinity”不是有限的数字"),
])
def test_what_is_not_an_amount_is_refused(value, message):
    with pytest.raises(MoneyError) as caught:
        to_decimal(value)
    assert str(caught.value) == message


def test_fen_half_up_on_text_with_separators():
    assert fen("1,234.565") == D("1234.57")
    assert format_yuan(D("-0.005")) == "-¥0.01"


@pytest.mark.parametrize("amount, words", [
    ("-1234.56", "负壹仟贰佰叁拾肆元伍角陆分"),          # a refund or an over-deduction
    ("0.50", "伍角"),                                 # 角 closes it: no 整
    ("1000000000000", "壹万亿元整"),
    ("123456789.01", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分"),
    ("100000000.10", "壹亿元壹角"),
    ("60010", "陆万零壹拾元整"),                         # the zero of 0010 read once, 壹拾 written out
])
def test_amount_in_words_edges(amount, words):
    assert amount_in_words(D(amount)) == words


def test_an_amount_too_large_to_write_is_refused():
    with pytest.raises(MoneyError, match="金额 10000000000000000.00 超出可书写范围"):
        amount_in_words(D("1e16"))


@pytest.mark.parametrize("words, amount", [
    ("人民币壹佰元正", "100"),
    ("(壹佰圆整)", "100"),
    ("一百二十元", "120"),
    ("拾元", "10"),                                   # 拾 alone is ten
    ("壹億零伍萬元整", "100050000"),                    # traditional 億 and 萬
    ("伍角陆分", "0.56"),
])
def test_words_as_written_in_contracts_are_read_back(words, amount):
    assert words_to_amount(words) == D(amount)


@pytest.mark.parametrize("words", ["整", "人民币", "壹佰美元", "壹佰元角"])
def test_words_that_are_not_an_amount_are_refused(words):
    with pytest.raises(MoneyError, match=f"“{words}”不是大写金额"):
        words_to_amount(words)


@pytest.mark.parametrize("words", ["壹佰元伍", "伍角陆"])
def test_a_digit_without_its_unit_is_not_an_amount(words):
    with pytest.raises(MoneyError, match=f"“{words}”不是大写金额"):
        words_to_amount(words)
