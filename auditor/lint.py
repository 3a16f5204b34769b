"""Contract lint (SPEC §10): internal inconsistencies an inspector should know about.

Two entry points: :func:`lint_text` reads a contract's (OCR'd) text;
:func:`lint_contract` checks a stored contract's data.  Findings are facts to
show, not errors that stop anything.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .calendar import months_between
from .model import Contract
from .money import MoneyError, amount_in_words, fen, format_yuan, percent_of, words_to_amount

_CN_NUM = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True, slots=True)
class LintFinding:
    code: str
    severity: str  # error | warning | info
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "where": self.where}


def _line_of(text: str, index: int) -> str:
    return f"第 {text.count(chr(10), 0, index) + 1} 行"


def _figure(text: str) -> Decimal:
    return fen(Decimal(text.replace(",", "").replace("，", "")))


def _cn_int(text: str) -> int | None:
    """十二 → 12, 二十一 → 21 (article numbers)."""
    if not text:
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_NUM.get(tens, 1) if tens else 1) * 10 + (_CN_NUM.get(ones, 0) if ones else 0)
    return _CN_NUM.get(text)


_FIGURE_RE = re.compile(r"[¥￥]\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*元?")
_WORDS_RE = re.compile(r"大写\s*[:：]?\s*([零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]+)")
_DATE_RE = re.compile(r"(\d{4})\s*年\s*(第\s*)?(\d{1,2})?\s*月\s*(?:(\d{1,2})\s*日|(日))?")
_DOT_DATE_RE = re.compile(r"(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?![\d.])")
_BLANK_RE = re.compile(r"(在|于|后|内|前|起)\s*个\s*(工作日|日历天|自然日|月|小时)")
_NUMBER_RE = re.compile(r"\b([A-Z]{2}\d{4}(?:-[A-Z0-9]+)+)\b")
_ARTICLE_RE = re.compile(r"^[#*\s]*第([一二三四五六七八九十]+)条", re.M)
_ITEM_RE = re.compile(r"^[\s\-#*]*(\d{1,2})\s*[.、](?!\d)", re.M)
_BAND_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:≤|<=|\\leq)\s*X\s*(?:≤|<=|\\leq)\s*(\d+(?:\.\d+)?)")
_BAND_LOW_RE = re.compile(r"X\s*(?:<|\\lt)\s*(\d+(?:\.\d+)?)")
_SIGNED_RE = re.compile(r"(?:签约日期|签订日期)\s*[:：]?\s*(\d{4})\s*(?:年|\.)\s*(\d{1,2})\s*(?:月|\.)\s*(\d{1,2})")
_SERVICE_RE = re.compile(r"(?:服务期限?|服务期为一年)[^0-9]{0,12}(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*至\s*"
                         r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_BOND_PCT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*的履约保证金")
_BOND_AMT_RE = re.compile(r"履约保证金金额为[^¥￥]{0,8}[¥￥]\s*([0-9][0-9,]*(?:\.[0-9]+)?)")
_HEADCOUNT_RE = re.compile(r"(\d+)\s*人[，,、]?\s*(?:其中|含)[，,：:\s]*((?:[^。；;]*?\d+\s*人[、，,]?\s*){2,})")
_REPEAT_RE = re.compile(r"([\u4e00-\u9fff]{2})\1")


def lint_text(text: str) -> list[LintFinding]:
    """Inconsistencies inside a contract's text."""
    findings: list[LintFinding] = []
    findings += _check_amount_words(text)
    total = _stated_total(text)
    findings += _check_bond(text, total)
    findings += _check_dates(text)
    findings += _check_signing(text)
    for match in _BLANK_RE.finditer(text):
        findings.append(LintFinding("blank_number", "error",
                                    f"数字缺失：“{match.group(0)}”中“个{match.group(2)}”前没有数字",
                                    _line_of(text, match.start())))
    findings += _check_contract_numbers(text)
    findings += _check_numbering(text)
    findings += _check_bands(text)
    findings += _check_headcount(text)
    for match in _REPEAT_RE.finditer(text):
        findings.append(LintFinding("repeated_word", "info", f"疑似重复用字：“{match.group(0)}”",
                                    _line_of(text, match.start())))
    return sorted(findings, key=lambda f: (int(re.sub(r"\D", "", f.where) or 0), f.code))


def _stated_total(text: str) -> Decimal | None:
    match = re.search(r"(?:总金额|价款总额|总价)[^¥￥。]{0,20}[¥￥]\s*([0-9][0-9,]*(?:\.[0-9]+)?)", text)
    return _figure(match.group(1)) if match else None


def _check_amount_words(text: str) -> list[LintFinding]:
    findings = []
    for match in _WORDS_RE.finditer(text):
        figures = list(_FIGURE_RE.finditer(text, max(0, match.start() - 120), match.start()))
        if not figures:
            continue
        figure = _figure(figures[-1].group(1))
        where = _line_of(text, match.start())
        try:
            written = words_to_amount(match.group(1))
        except MoneyError:
            findings.append(LintFinding("amount_words", "error", f"大写金额“{match.group(1)}”无法识别", where))
            continue
        if written != figure:
            findings.append(LintFinding("amount_words", "error",
                                        f"大写金额“{match.group(1)}”（{format_yuan(written)}）"
                                        f"与小写 {format_yuan(figure)} 不一致",
                                        where))
    return findings


def _check_bond(text: str, total: Decimal | None) -> list[LintFinding]:
    pct, amount = _BOND_PCT_RE.search(text), _BOND_AMT_RE.search(text)
    if not (pct and amount and total):
        return []
    expected = percent_of(total, Decimal(pct.group(1)))
    stated = _figure(amount.group(1))
    if expected == stated:
        return []
    return [LintFinding("bond_percent", "error",
                        f"履约保证金 {format_yuan(stated)} ≠ 合同总价 {format_yuan(total)} × {pct.group(1)}% "
                        f"= {format_yuan(expected)}",
                        _line_of(text, amount.start()))]


def _all_dates(text: str) -> Iterator[tuple[re.Match[str], str, str | None, str | None, bool, bool]]:
    for m in _DATE_RE.finditer(text):
        yield m, m.group(1), m.group(3), m.group(4), bool(m.group(2)), m.group(5) is not None or m.group(4) is None
    for m in _DOT_DATE_RE.finditer(text):
        yield m, m.group(1), m.group(2), m.group(3), False, False


def _check_dates(text: str) -> list[LintFinding]:
    findings = []
    years = [int(y) for _, y, *_ in _all_dates(text)]
    usual = sorted(years)[len(years) // 2] if years else None
    for match, year, month, day, ordinal, day_blank in _all_dates(text):
        where = _line_of(text, match.start())
        shown = match.group(0).strip()
        if month is None:
            if "日" in shown or ordinal:
                findings.append(LintFinding("impossible_date", "error", f"日期“{shown}”缺少月份", where))
            continue
        y, mo = int(year), int(month)
        if usual and abs(y - usual) >= 5:
            findings.append(LintFinding("unlikely_year", "warning",
                                        f"日期“{shown}”的年份 {y} 与合同其他日期（{usual} 年前后）"
                                        f"相差 {abs(y - usual)} 年", where))
        if ordinal or not 1 <= mo <= 12:
            findings.append(LintFinding("impossible_date", "error", f"日期“{shown}”不存在：没有第 {mo} 月", where))
            continue
        if day is not None:
            try:
                dt.date(y, mo, int(day))
            except ValueError:
                findings.append(LintFinding("impossible_date", "error", f"日期“{shown}”不存在", where))
                continue
        elif day_blank and match.group(5) is not None:
            findings.append(LintFinding("blank_date", "warning", f"日期“{shown}”未填写日", where))
    return findings


def _check_signing(text: str) -> list[LintFinding]:
    service = _SERVICE_RE.search(text)
    if not service:
        return []
    g = [int(x) for x in service.groups()]
    try:
        start = dt.date(g[0], g[1], g[2])
    except ValueError:
        return []
    findings = []
    seen = set()
    for match in _SIGNED_RE.finditer(text):
        try:
            signed = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        if signed > start and signed not in seen:
            seen.add(signed)
            findings.append(LintFinding(
                "signed_after_start", "warning",
                f"签订日期 {signed} 晚于服务期开始日期 {start}（{(signed - start).days} 天）："
                "此前的服务和义务缺少书面依据",
                _line_of(text, match.start())))
    return findings


def _check_contract_numbers(text: str) -> list[LintFinding]:
    found: dict[str, int] = {}
    for match in _NUMBER_RE.finditer(text):
        found.setdefault(match.group(1), match.start())
    full = [n for n in found if not any(o != n and o.startswith(n + "-") for o in found)]
    findings = []
    for number in found:
        if number not in full:
            findings.append(LintFinding("contract_number_truncated", "info", f"合同编号不完整：“{number}”",
                                        _line_of(text, found[number])))
    if len(full) > 1:
        listing = "、".join(f"{n}（{_line_of(text, found[n])}）" for n in full)
        findings.append(LintFinding("contract_number_mismatch", "error", f"合同编号前后不一致：{listing}",
                                    _line_of(text, found[full[1]])))
    return findings


def _check_numbering(text: str) -> list[LintFinding]:
    findings = []
    articles = list(_ARTICLE_RE.finditer(text))
    previous = None
    for index, match in enumerate(articles):
        number = _cn_int(match.group(1))
        if number is None:
            continue
        if previous is not None and number not in (previous + 1, 1) and number > previous + 1:
            findings.append(LintFinding("numbering_gap", "warning",
                                        f"条款编号不连续：第{previous}条之后是第{number}条",
                                        _line_of(text, match.start())))
        previous = number
        end = articles[index + 1].start() if index + 1 < len(articles) else len(text)
        items = [(int(m.group(1)), m.start()) for m in _ITEM_RE.finditer(text, match.end(), end)]
        expected = 1
        for value, position in items:
            if value == expected:
                expected += 1
            elif value > expected and expected > 1:
                missing = "、".join(str(n) for n in range(expected, value))
                findings.append(LintFinding("numbering_gap", "warning",
                                            f"第{match.group(1)}条中款项编号跳过了 {missing}"
                                            f"（{expected - 1} 之后是 {value}）",
                                            _line_of(text, position)))
                expected = value + 1
    return findings


def _check_bands(text: str) -> list[LintFinding]:
    findings = []
    for line_match in re.finditer(r"[^\n]*X[^\n]*", text):
        line = line_match.group(0)
        ranges = sorted((Decimal(a), Decimal(b)) for a, b in _BAND_RE.findall(line))
        if len(ranges) < 2:
            continue
        lows = [Decimal(x) for x in _BAND_LOW_RE.findall(line)]
        bounds = ([(Decimal("-Infinity"), lows[0])] if lows else []) + ranges
        for (_, high), (low, _) in zip(bounds, bounds[1:]):
            if low > high:
                findings.append(LintFinding(
                    "band_gap", "warning",
                    f"考核分档不连续：{high} < X < {low} 的得分（如 {high + (low - high) / 2}）不属于任何一档；"
                    "本程序按左闭右开区间处理", _line_of(text, line_match.start())))
    return findings


def _check_headcount(text: str) -> list[LintFinding]:
    findings = []
    for match in _HEADCOUNT_RE.finditer(text):
        parts = [int(n) for n in re.findall(r"(\d+)\s*人", match.group(2))]
        if parts and sum(parts) != int(match.group(1)):
            findings.append(LintFinding("headcount_sum", "error",
                                        f"人员构成合计 {sum(parts)} 人与总数 {match.group(1)} 人不符",
                                        _line_of(text, match.start())))
    return findings


def lint_contract(contract: Contract) -> list[LintFinding]:
    """Inconsistencies a stored contract's data holds."""
    findings: list[LintFinding] = []

    def add(code: str, severity: str, message: str, where: str) -> None:
        findings.append(LintFinding(code, severity, message, where))

    try:
        written = words_to_amount(contract.total_in_words)
        if written != contract.total:
            add("amount_words", "error", f"大写金额“{contract.total_in_words}”（{format_yuan(written)}）"
                f"与合同总价 {format_yuan(contract.total)} 不一致，应为“{amount_in_words(contract.total)}”",
                "total_in_words")
    except MoneyError:
        add("amount_words", "error", f"大写金额“{contract.total_in_words}”无法识别", "total_in_words")
    if contract.bond:
        expected = percent_of(contract.total, contract.bond.percent)
        if expected != contract.bond.amount:
            add("bond_percent", "error", f"履约保证金 {format_yuan(contract.bond.amount)} ≠ 合同总价 × "
                f"{contract.bond.percent}% = {format_yuan(expected)}", "bond.amount")
        if contract.bond.amount_in_words:
            try:
                if words_to_amount(contract.bond.amount_in_words) != contract.bond.amount:
                    add("amount_words", "error", f"履约保证金大写“{contract.bond.amount_in_words}”与 "
                        f"{format_yuan(contract.bond.amount)} 不一致", "bond.amount_in_words")
            except MoneyError:
                add("amount_words", "error", f"履约保证金大写“{contract.bond.amount_in_words}”无法识别",
                    "bond.amount_in_words")
    numbers = [n for n in dict.fromkeys(contract.contract_numbers_in_text) if n]
    if contract.contract_no and any(n != contract.contract_no for n in numbers):
        others = "、".join(n for n in numbers if n != contract.contract_no)
        add("contract_number_mismatch", "warning",
            f"合同文本中出现与合同编号 {contract.contract_no} 不同的编号：{others}", "contract_numbers_in_text")
    if contract.signed_on and contract.signed_on > contract.service_start:
        add("signed_after_start", "warning", f"签订日期 {contract.signed_on} 晚于服务期开始日期 "
            f"{contract.service_start}（{(contract.signed_on - contract.service_start).days} 天）", "signed_on")
    covered = set()
    for inst in contract.installments:
        if inst.first_month and inst.last_month:
            covered.update(months_between(inst.first_month, inst.last_month))
        if inst.due and inst.last_month and inst.due < inst.last_month.last_day:
            add("installment_due", "warning", f"第{inst.number}期付款日 {inst.due} 早于其考核期结束"
                f"（{inst.last_month}）", f"installments[{inst.number - 1}].due")
    uncovered = [str(p) for p in months_between(contract.first_period, contract.last_period) if p not in covered]
    if uncovered:
        add("installment_window", "warning", f"以下月份不属于任何一期付款的考核期，其扣款无从扣除："
            f"{'、'.join(uncovered)}", "installments")
    if contract.roles and contract.data.get("staffing", {}).get("requirement_text"):
        stated = re.search(r"(\d+)\s*人", contract.data["staffing"]["requirement_text"])
        if stated and len(contract.roles) > 1 and int(stated.group(1)) != contract.required_headcount:
            add("headcount_sum", "error", f"各岗位人数合计 {contract.required_headcount} 与要求 "
                f"{stated.group(1)} 人不符", "staffing.roles")
    return findings
