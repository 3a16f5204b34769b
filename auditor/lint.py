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
    findings += _check_headcount_wording(text)
    findings += _check_installment_floor(text)
    findings += _check_readiness(text)
    findings += _check_bond_return(text)
    findings += _check_targets(text)
    findings += _check_signature_dates(text)
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


def _clause_at(text: str, index: int) -> str:
    """The article and item holding ``index``, e.g. 第一条4 (or 第一条, or "" before the first article)."""
    articles = [m for m in _ARTICLE_RE.finditer(text, 0, index)]
    if not articles:
        return ""
    article = articles[-1]
    items = list(_ITEM_RE.finditer(text, article.end(), index))
    return f"第{article.group(1)}条" + (items[-1].group(1) if items else "")


def _where(text: str, index: int) -> str:
    clause = _clause_at(text, index)
    return f"{clause}，{_line_of(text, index)}" if clause else _line_of(text, index)


_AT_LEAST = r"(?:不少于|不低于|至少|不得少于)"
_MIN_PEOPLE_RE = re.compile(_AT_LEAST + r"\s*(\d+)\s*人")
_FIXED_PEOPLE_RE = re.compile(r"(?:人员数量|人员为|团队人数为?|人员总数为?)\s*(\d+)\s*人")


def _check_headcount_wording(text: str) -> list[LintFinding]:
    """henan 第一条2 「不少于70人」 vs 第六条5 and 第七条2 「70人」: a floor or a fixed team?"""
    fixed: dict[int, list[int]] = {}
    for match in _FIXED_PEOPLE_RE.finditer(text):
        fixed.setdefault(int(match.group(1)), []).append(match.start())
    findings = []
    for match in _MIN_PEOPLE_RE.finditer(text):
        number = int(match.group(1))
        if number in fixed:
            others = "、".join(dict.fromkeys(_clause_at(text, i) or _line_of(text, i) for i in fixed[number]))
            findings.append(LintFinding(
                "headcount_wording", "warning",
                f"{_clause_at(text, match.start()) or '此处'}写“不少于{number}人”，{others}写“{number}人”："
                f"人数是下限还是定额不一致", _where(text, match.start())))
    return findings


_FLOOR_PERCENT_RE = re.compile(_AT_LEAST + r"[^%。；;，,]{0,12}?(\d+(?:\.\d+)?)\s*%")


def _check_installment_floor(text: str) -> list[LintFinding]:
    """henan 第二条2: installment 2 「不低于…40%」 while the others are fixed shares."""
    findings = []
    for match in _FLOOR_PERCENT_RE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        paragraph = text[start:end if end >= 0 else len(text)]
        if "支付" not in paragraph or len(re.findall(r"\d+(?:\.\d+)?\s*%", paragraph)) < 2:
            continue
        findings.append(LintFinding(
            "installment_floor", "warning",
            f"{_clause_at(text, match.start()) or '付款条款'}：付款比例“{match.group(0).strip()}”是下限，"
            "同款其余各期为定额：多付时其余各期的金额随之不定", _where(text, match.start())))
    return findings


_READY_RE = re.compile(r"自?合同签订(?:之日起|后)\s*(\d+)\s*(日历天|个工作日|工作日|日|天)内[^。]*?(?:到位|就绪|具备)")


def _signed_and_term(text: str) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    signed = None
    for match in _SIGNED_RE.finditer(text):
        try:
            signed = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            break
        except ValueError:
            continue
    start = end = None
    service = _SERVICE_RE.search(text)
    if service:
        g = [int(x) for x in service.groups()]
        try:
            start, end = dt.date(g[0], g[1], g[2]), dt.date(g[3], g[4], g[5])
        except ValueError:
            pass
    return signed, start, end


def _after(day: dt.date, amount: int, working: bool) -> dt.date | None:
    from .calendar import CalendarError, WorkCalendar

    if not working:
        return day + dt.timedelta(days=amount)
    try:
        return WorkCalendar().add_workdays(day, amount)
    except CalendarError:  # a year the holiday notices do not cover yet: nothing is guessed
        return None


def _check_readiness(text: str) -> list[LintFinding]:
    """henan 第一条4: ready 15 days after signing (2025-11-17) — after the service began (2025-09-01)."""
    signed, start, _ = _signed_and_term(text)
    findings = []
    for match in _READY_RE.finditer(text):
        if signed is None or start is None:
            break
        days, unit = int(match.group(1)), match.group(2)
        due = _after(signed, days, "工作日" in unit)
        if due is not None and due > start:
            findings.append(LintFinding(
                "readiness_after_start", "warning",
                f"{_clause_at(text, match.start()) or '此处'}：到位期限为签订（{signed}）后{days}{unit}内，"
                f"即 {due} 前，"
                f"晚于服务期开始日期 {start}：服务期最初 {(due - start).days} 天没有到位要求",
                _where(text, match.start())))
    return findings


_RETURN_RE = re.compile(r"服务期满[^。]{0,20}?(\d+)\s*个?(工作日|日历天|日|天)内[^。]{0,30}?(?:退还|返还)")
_PAY_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日前")


def _check_bond_return(text: str) -> list[LintFinding]:
    """henan 第二条5: the bond back 7 working days after the term (2026-09-09), before the last installment
    (2026-09-10): deductions of the last installment beyond its amount find no bond left."""
    _, _, end = _signed_and_term(text)
    match = _RETURN_RE.search(text)
    if end is None or match is None:
        return []
    last = None
    for line in (ln for ln in text.splitlines() if "支付" in ln):
        for m in _PAY_DATE_RE.finditer(line):
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            last = day if last is None or day > last else last
    back = _after(end, int(match.group(1)), "工作日" in match.group(2))
    if last is None or back is None or back > last:
        return []
    return [LintFinding(
        "bond_returned_early", "warning",
        f"{_clause_at(text, match.start()) or '此处'}：履约保证金于服务期满（{end}）后{match.group(1)}"
        f"{match.group(2)}内、即 {back} 前退还，不晚于末期付款日 {last}：末期的扣减超出应付款时已无保证金可扣",
        _where(text, match.start()))]


_COMPARATOR_WORDS = ("≥", "≤", ">", "<", "＞", "＜", "=", "不少于", "不低于", "不超过", "不高于", "不大于", "不小于",
                     "以上", "以下", "以内", "至少", "至多", "小于", "大于", "低于", "高于", "少于", "多于")


def _needs_comparator(written: str) -> bool:
    """A target written without ≥/≤ (「2次」, 「95%」); 100% and 0 cannot be read two ways."""
    if any(word in written for word in _COMPARATOR_WORDS):
        return False
    number = re.search(r"\d+(?:\.\d+)?", written)
    if number is None:
        return False
    value = Decimal(number.group(0))
    return not (value == 0 or (value == 100 and "%" in written))


def _check_targets(text: str) -> list[LintFinding]:
    """Indicator tables: the requirement column of each numbered row (luoyang 附件2 「2次」, 「95%」)."""
    findings = []
    column = None
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = [c.strip() for c in line.split("\t")]
        header = next((i for i, c in enumerate(cells) if c in ("指标要求", "指标值", "考核标准", "目标值")), None)
        if header is not None:
            column = header
        elif column is not None and len(cells) > column and cells[0].isdigit() and _needs_comparator(cells[column]):
            findings.append(LintFinding(
                "target_without_comparator", "warning",
                f"指标表第{cells[0]}项“{cells[1]}”要求写作“{cells[column]}”，未写比较方向（≥ 或 ≤）",
                _line_of(text, offset)))
        offset += len(line)
    return findings


_SIGN_LINE_RE = re.compile(r"^[^。，,；;\n]{0,12}(?:授权代表|法定代表人)[^。，,；;\n]{0,12}[:：]\s*$")
_PARTY_LINE_RE = re.compile(r"^\s*(?:名称\s*[:：]\s*)?(甲方|乙方)\s*(?:[:：(（]|$)", re.M)
_SIGN_DATE_RE = re.compile(r"(?:时间|日期)\s*[:：]?\s*(.*)")


def _written_date(text: str) -> dt.date | None:
    match = re.search(r"(\d{4})\s*(?:年|\.|-)\s*(\d{1,2})\s*(?:月|\.|-)\s*(\d{1,2})", text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _check_signature_dates(text: str) -> list[LintFinding]:
    """Every signature block (授权代表 / 法定代表人 签字) should carry the date it was signed."""
    findings = []
    lines = text.splitlines()
    starts = [m.start() for m in re.finditer(r"^", text, re.M)]
    for number, line in enumerate(lines):
        if not _SIGN_LINE_RE.match(line):
            continue
        party = next((m.group(1) for ln in reversed(lines[max(0, number - 16):number])
                      if (m := _PARTY_LINE_RE.match(ln))), "")
        block = []
        for following in lines[number + 1:number + 12]:
            if (_PARTY_LINE_RE.match(following) or following.strip().startswith("附件")
                    or _SIGN_LINE_RE.match(following)):
                break
            block.append(following)
        dates = [m.group(1).strip() for ln in block if (m := _SIGN_DATE_RE.search(ln))]
        who = f"{party}签字栏" if party else "签字栏"
        if not dates:
            findings.append(LintFinding("signature_undated", "warning", f"{who}没有签署日期",
                                        _line_of(text, starts[number])))
        elif _written_date(dates[0]) is None:
            findings.append(LintFinding("signature_undated", "warning",
                                        f"{who}的签署日期“{dates[0]}”不是有效日期", _line_of(text, starts[number])))
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
    findings += _data_wording(contract)
    findings += _data_dates(contract)
    return findings


def _data_wording(contract: Contract) -> list[LintFinding]:
    """What the contract's clauses say as written (``as_written``, ``percent_text``, ``target_as_written``,
    ``signature_blocks``) against the figures the program uses."""
    findings: list[LintFinding] = []
    data = contract.data
    floors: dict[int, list[str]] = {}
    fixed: dict[int, list[str]] = {}
    for statement in data.get("staffing", {}).get("as_written", []):
        for match in re.finditer(r"(" + _AT_LEAST + r"|月均不少于)?\s*(\d+)\s*人", statement["text"]):
            (floors if match.group(1) else fixed).setdefault(int(match.group(2)), []).append(statement["clause"])
            break  # the team's size is the first number of people a statement names
    for number, clauses in floors.items():
        if number in fixed:
            findings.append(LintFinding(
                "headcount_wording", "warning",
                f"{'、'.join(clauses)}写“不少于{number}人”，{'、'.join(dict.fromkeys(fixed[number]))}写“{number}人”："
                f"人数是下限还是定额不一致；本程序按各岗位定额（合计 {contract.required_headcount} 人）考核",
                "staffing.as_written"))
    for index, raw in enumerate(data.get("installments", [])):
        written = raw.get("percent_text", "")
        if re.search(_AT_LEAST, written):
            others = [i["number"] for i in data["installments"] if i is not raw]
            findings.append(LintFinding(
                "installment_floor", "warning",
                f"第{raw['number']}期付款比例写作“{written}”（{raw.get('clause', '')}），是下限，第"
                f"{'、'.join(map(str, others))}期为定额：本程序按 {raw['percent']}% 核算，多付时其余各期的金额随之不定",
                f"installments[{index}].percent_text"))
    for index, raw in enumerate(data.get("indicators", [])):
        written = raw.get("target_as_written")
        if written and _needs_comparator(written):
            indicator = contract.indicators[index]
            findings.append(LintFinding(
                "target_without_comparator", "warning",
                f"{indicator.code} {indicator.name}：合同写“{written}”，未写比较方向（{indicator.clause}）；"
                f"本程序按 {indicator.target_text} 考核", f"indicators[{index}].target_as_written"))
    for index, block in enumerate(data.get("signature_blocks", [])):
        where = f"{block['page']} {block['party']}签字栏".strip()
        if not block["date_text"].strip():
            findings.append(LintFinding("signature_undated", "warning", f"{where}没有签署日期",
                                        f"signature_blocks[{index}].date_text"))
        elif _written_date(block["date_text"]) is None:
            findings.append(LintFinding("signature_undated", "warning",
                                        f"{where}的签署日期“{block['date_text']}”不是有效日期",
                                        f"signature_blocks[{index}].date_text"))
    return findings


def _data_dates(contract: Contract) -> list[LintFinding]:
    """Deadlines the contract's dates put in the wrong order: readiness after the service began (henan
    第一条4), the bond back before the last installment is paid (henan 第二条5)."""
    findings: list[LintFinding] = []
    readiness = contract.obligation("readiness")
    if readiness and readiness.after_signing and contract.signed_on:
        limit = readiness.after_signing
        due = _after(contract.signed_on, limit.amount, limit.unit == "working_days")
        if due is not None and due > contract.service_start:
            index = next(i for i, o in enumerate(contract.obligations) if o.key == "readiness")
            findings.append(LintFinding(
                "readiness_after_start", "warning",
                f"{readiness.clause}：到位期限为签订（{contract.signed_on}）后{limit.label}内，即 {due} 前，晚于服务期"
                f"开始日期 {contract.service_start}：服务期最初 {(due - contract.service_start).days} 天没有到位要求",
                f"obligations[{index}].after_signing"))
    bond = contract.bond
    last = contract.installments[-1]
    if bond and bond.return_working_days is not None and last.due:
        back = _after(contract.service_end, bond.return_working_days, True)
        if back is not None and back <= last.due:
            findings.append(LintFinding(
                "bond_returned_early", "warning",
                f"{bond.clause}：履约保证金于服务期满（{contract.service_end}）后 {bond.return_working_days} "
                f"个工作日内、即 {back} 前退还，不晚于第{last.number}期（末期）付款日 {last.due}："
                "末期的扣减超出应付款时已无保证金可扣",
                "bond.return_working_days"))
    return findings
