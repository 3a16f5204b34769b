"""Money: ``Decimal`` rounded to the fen (half-up), ¥ formatting and 大写 amounts.

The 大写 form follows 中国人民银行《正确填写票据和结算凭证的基本规定》:
``壹拾`` is written out in full, a run of zeros inside a number reads as one
``零``, ``整`` closes an amount that ends at 元 or 角 is omitted after 角.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


class MoneyError(ValueError):
    """A value that cannot be read as an amount of money."""


def to_decimal(value: object) -> Decimal:
    """Read a number exactly; floats are refused (they are never exact)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"数值 {value!r} 必须以文本或整数给出，不能是浮点数")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"“{value}”不是数字") from None
    else:
        raise MoneyError(f"“{value!r}”不是数字")
    if not result.is_finite():
        raise MoneyError(f"“{value}”不是有限的数字")
    return result


def fen(amount: Decimal | int | str) -> Decimal:
    """Round to the fen, half-up."""
    return to_decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``amount``, rounded to the fen."""
    return fen(amount * percent / Decimal(100))


def format_yuan(amount: Decimal) -> str:
    """``¥1,234.56``; negative amounts as ``-¥1,234.56``."""
    value = fen(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def _section_in_words(section: int) -> str:
    """One group of four digits (0 < section < 10000), zeros folded."""
    out: list[str] = []
    zero_pending = False
    for position in range(3, -1, -1):
        digit = section // 10**position % 10
        if digit == 0:
            if out:
                zero_pending = True
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[position])
    return "".join(out)


def amount_in_words(amount: Decimal | int | str) -> str:
    """Chinese uppercase amount, e.g. 1234.56 → 壹仟贰佰叁拾肆元伍角陆分."""
    value = fen(amount)
    if value < 0:
        return "负" + amount_in_words(-value)
    yuan = int(value)
    cents = int((value - yuan) * 100)
    jiao, fen_ = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    parts: list[str] = []
    if yuan:
        sections = []
        n = yuan
        while n:
            sections.append(n % 10000)
            n //= 10000
        if len(sections) > len(_BIG_UNITS):
            raise MoneyError(f"金额 {value} 超出可书写范围")
        words = ""
        need_zero = False
        for index in range(len(sections) - 1, -1, -1):
            section = sections[index]
            if section == 0:
                need_zero = bool(words)
                continue
            if words and (need_zero or section < 1000):
                words += "零"
            words += _section_in_words(section) + _BIG_UNITS[index]
            need_zero = False
        parts.append(words + "元")
    if jiao:
        parts.append(_DIGITS[jiao] + "角")
    if fen_:
        if yuan and not jiao:
            parts.append("零")
        parts.append(_DIGITS[fen_] + "分")
    elif not jiao or not yuan:
        if not jiao:
            parts.append("整")
    return "".join(parts)


_WORD_DIGITS = {ch: i for i, ch in enumerate(_DIGITS)} | {
    "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "贰": 2, "弍": 2,
}
_WORD_SMALL = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}


def words_to_amount(text: str) -> Decimal:
    """Read a 大写 amount back (used by the contract lint)."""
    cleaned = text.strip().removeprefix("人民币").removeprefix("(").rstrip(")")
    for tail in ("整", "正"):
        cleaned = cleaned.removesuffix(tail)
    if not cleaned:
        raise MoneyError(f"“{text}”不是大写金额")
    cleaned = cleaned.replace("圆", "元")
    if "元" in cleaned:
        integer_text, _, decimal_text = cleaned.partition("元")
    else:
        integer_text, decimal_text = "", cleaned
    total = Decimal(_read_integer_words(integer_text, text)) if integer_text else Decimal(0)
    digit = None
    for ch in decimal_text:
        if ch in _WORD_DIGITS:
            digit = _WORD_DIGITS[ch]
        elif ch == "角" and digit is not None:
            total += Decimal(digit) / 10
            digit = None
        elif ch == "分" and digit is not None:
            total += Decimal(digit) / 100
            digit = None
        else:
            raise MoneyError(f"“{text}”不是大写金额")
    if digit:  # a digit left without 角 or 分 says nothing certain: 壹佰元伍 is not 100 yuan
        raise MoneyError(f"“{text}”不是大写金额")
    return fen(total)


def _read_integer_words(words: str, original: str) -> int:
    total = 0
    section = 0
    digit = 0
    for ch in words:
        if ch in _WORD_DIGITS:
            digit = _WORD_DIGITS[ch]
        elif ch in _WORD_SMALL:
            section += (digit or 1) * _WORD_SMALL[ch]
            digit = 0
        elif ch in ("亿", "億"):
            total = (total + section + digit) * 10**8
            section = digit = 0
        elif ch in ("万", "萬"):
            total += (section + digit) * 10**4
            section = digit = 0
        else:
            raise MoneyError(f"“{original}”不是大写金额")
    return total + section + digit
