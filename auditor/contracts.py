"""Contracts as data: load, validate and convert a contract template.

A template is a JSON document (``resources/contracts/*.json``) checked against
``contract_schema.json`` and then against the rules a schema cannot state
(unique codes, installments adding up to 100 %, windows inside the term…).
Every problem names the field it is in, e.g. ``indicators[3].target``.

The schema check is the slow part (importing jsonschema alone is ~40 ms of every command), so a stored
contract's text that passed it once is remembered outside the database, in the user's state folder
(``contracts-validated.json``): a database may come from anyone, the state folder only from this user.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import limits
from .calendar import Period, WorkCalendar
from .errors import TemplateError
from .model import (
    Band,
    Bond,
    Clause,
    Comparator,
    Contract,
    Family,
    Frequency,
    Indicator,
    Installment,
    Party,
    Role,
    Settings,
    TimeLimit,
)
from .paths import resources_dir, state_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {"string": "文本", "integer": "整数", "number": "数字", "object": "对象",
               "array": "列表", "boolean": "真/假", "null": "空值"}


@lru_cache(maxsize=1)
def _schema_bytes() -> bytes:
    return Path(__file__).with_name("contract_schema.json").read_bytes()


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(_schema_bytes().decode("utf-8")))


# ---------------------------------------------------------------- schema checks remembered on this machine

VALIDATED_FILE = "contracts-validated.json"
VALIDATED_FORMAT = "auditor-contract-validations"
MAX_VALIDATED = 1000           # texts remembered (each edit of a contract is a new text); the oldest go first
_MAX_VALIDATED_BYTES = 1 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")


@lru_cache(maxsize=1)
def _schema_digest() -> str:
    return hashlib.sha256(_schema_bytes()).hexdigest()


def _document_digest(data: Any) -> str | None:
    """SHA-256 of the canonical JSON of ``data`` (keys sorted, ASCII, no spaces); None when it has none."""
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _validated_file() -> Path:
    return state_dir() / VALIDATED_FILE


def _validated_list() -> list[str]:
    """The record's digests, oldest first, if it is this program's record for this schema; else none.

    Anything else — missing, unreadable, too large, not JSON, another format, another schema, one entry
    that is not a digest — counts as an empty record: every contract is then checked again in full."""
    path = _validated_file()
    try:
        if not path.is_file():
            return []
        with path.open("rb") as reader:
            raw = reader.read(_MAX_VALIDATED_BYTES + 1)
        if len(raw) > _MAX_VALIDATED_BYTES:
            return []
        record = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    if not isinstance(record, dict) or record.get("format") != VALIDATED_FORMAT or record.get("version") != 1:
        return []
    documents = record.get("documents")
    if record.get("schema") != _schema_digest() or not isinstance(documents, list):
        return []
    if not all(isinstance(d, str) and _HEX64.fullmatch(d) for d in documents):
        return []
    return documents


def _validated() -> frozenset[str]:
    return frozenset(_validated_list())


def _remember_validated(digest: str) -> None:
    """Add ``digest`` to the record, written whole and replaced at once. Never raises: a record that could
    not be written (or a concurrent writer's entry lost) only means checking that text in full again."""
    documents = [d for d in _validated_list() if d != digest] + [digest]
    record = {"format": VALIDATED_FORMAT, "version": 1, "schema": _schema_digest(),
              "documents": documents[-MAX_VALIDATED:]}
    folder = _validated_file().parent
    with contextlib.suppress(OSError):
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{VALIDATED_FILE}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(record, out, indent=0)
            os.replace(temporary, folder / VALIDATED_FILE)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _path_text(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "（根）"


def _schema_message(error: ValidationError) -> str:
    kind = error.validator
    where = _path_text(error.absolute_path)
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where}: 缺少必填字段“{missing}”"
    if kind == "additionalProperties":
        return f"{where}: 有未知字段（{error.message.split('(')[-1].rstrip(')')}）"
    if kind == "type":
        expected = error.validator_value
        wanted = expected if isinstance(expected, list) else [expected]
        names = "或".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted)
        return f"{where}: 应为{names}，实为 {json.dumps(error.instance, ensure_ascii=False)}"
    if kind == "enum" and isinstance(error.validator_value, list):
        allowed = "、".join(json.dumps(v, ensure_ascii=False) for v in error.validator_value)
        return f"{where}: 取值应为 {allowed} 之一，实为 {json.dumps(error.instance, ensure_ascii=False)}"
    if kind in ("pattern", "anyOf"):
        return f"{where}: 格式不正确：{json.dumps(error.instance, ensure_ascii=False)}"
    if kind in ("minimum", "maximum"):
        bound = "不能小于" if kind == "minimum" else "不能大于"
        return f"{where}: {bound} {error.validator_value}"
    if kind in ("minItems", "minLength"):
        return f"{where}: 不能为空"
    if kind == "const":
        return f"{where}: 应为 {error.validator_value}"
    return f"{where}: {error.message}"


def _date(value: str | None, field: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{field}: 日期“{value}”不存在")
        return None


def _period(value: str | None, field: str, problems: list[str]) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except ValueError:
        problems.append(f"{field}: 月份“{value}”不存在")
        return None


def _range_problems(data: dict[str, Any]) -> list[str]:
    """Every figure of the contract against its range in ``limits``, before any of them is added or compared.

    The schema has checked types and digits; what it cannot say is that a
    total of 10^28 yuan or a time limit of a million working days is absurd.
    """
    problems: list[str] = []

    def check(value: Any, where: str, limit: limits.Limit) -> None:
        if value is None:
            return
        if isinstance(value, int) and not -10**limits.MAX_TEXT < value < 10**limits.MAX_TEXT:
            problems.append(f"{where}: 超出范围（{limit.describe()}）")
            return
        try:
            limits.parse(str(value), limit)
        except ValueError as exc:
            problems.append(f"{where}: {exc}" if "“" in str(exc) else f"{where}: {limits.shown(value)} {exc}")

    def day(value: Any, where: str) -> None:
        if isinstance(value, str) and not str(limits.EARLIEST_DATE) <= value <= str(limits.LATEST_DATE):
            problems.append(f"{where}: 日期 {value} 超出范围（应在 {limits.EARLIEST_DATE.year} 至 "
                            f"{limits.LATEST_DATE.year} 年之间）")

    check(data["total"], "total", limits.MONEY)
    check(data.get("tax_rate"), "tax_rate", limits.PERCENT)
    day(data.get("signed_on"), "signed_on")
    day(data["service"]["start"], "service.start")
    day(data["service"]["end"], "service.end")
    if data["service"]["start"][:4].isdigit() and data["service"]["end"][:4].isdigit():
        years = int(data["service"]["end"][:4]) - int(data["service"]["start"][:4])
        if years > limits.MAX_TERM_YEARS:
            problems.append(f"service.end: 服务期超出范围（最长 {limits.MAX_TERM_YEARS} 年）")
    if data.get("bond"):
        check(data["bond"]["percent"], "bond.percent", limits.PERCENT)
        check(data["bond"]["amount"], "bond.amount", limits.MONEY)
    staffing = data["staffing"]
    for i, role in enumerate(staffing["roles"]):
        check(role["required"], f"staffing.roles[{i}].required", limits.HEADCOUNT_REQUIRED)
    check(staffing.get("penalty_percent_per_person"), "staffing.penalty_percent_per_person", limits.PERCENT)
    for i, raw in enumerate(data["indicators"]):
        where = f"indicators[{i}]"
        check(raw["target"], f"{where}.target", limits.PERCENT if raw["unit"] == "%" else limits.COUNT)
        check(raw.get("points"), f"{where}.points", limits.SCORE)
        check(raw.get("deduction_percent"), f"{where}.deduction_percent", limits.PERCENT)
        if raw.get("time_limit"):
            unit = raw["time_limit"]["unit"]
            check(raw["time_limit"]["amount"], f"{where}.time_limit.amount",
                  limits.Limit(f"时限（{unit}）", Decimal(limits.TIME_LIMIT_UNITS[unit]), integer=True))
    scoring = data["scoring"]
    for i, band in enumerate(scoring.get("bands", [])):
        check(band["min"], f"scoring.bands[{i}].min", limits.SCORE)
        check(band["percent"], f"scoring.bands[{i}].percent", limits.PERCENT)
    for i, step in enumerate(scoring.get("incident_steps", [])):
        check(step, f"scoring.incident_steps[{i}]", limits.PERCENT)
    for key in ("incident_termination_count", "spot_check_termination_count"):
        check(scoring.get(key), f"scoring.{key}", limits.INCIDENTS)
    if data.get("late_penalty"):
        check(data["late_penalty"]["percent_per_day"], "late_penalty.percent_per_day", limits.PERCENT)
    for i, raw in enumerate(data["installments"]):
        where = f"installments[{i}]"
        check(raw["percent"], f"{where}.percent", limits.PERCENT)
        check(raw.get("due_working_days_after_signing"), f"{where}.due_working_days_after_signing", limits.DAYS)
        day(raw.get("due"), f"{where}.due")
    settings = data["settings"]
    check(settings.get("notice_deadline_days"), "settings.notice_deadline_days", limits.DAYS)
    if settings.get("minimum_wage"):
        check(settings["minimum_wage"]["amount"], "settings.minimum_wage.amount", limits.MONEY)
        day(settings["minimum_wage"].get("effective"), "settings.minimum_wage.effective")
    return problems


def derivation_problems(data: Mapping[str, Any]) -> list[str]:
    """What a contract's ``derivation`` entries get wrong that the schema cannot say, each with its field:
    a timeliness rule without a time limit (neither its own nor the indicator's), a limit out of range,
    a tolerance that is not a sane number of percentage points. (Here, not in workorders.py, so that reading
    a contract does not import the work-order reader.)"""
    problems = []
    for i, raw in enumerate(data.get("indicators", [])):
        derivation = raw.get("derivation")
        if not isinstance(derivation, dict):
            continue
        where = f"indicators[{i}].derivation"
        within = derivation.get("numerator", {}).get("within")
        if isinstance(within, dict):
            limit = within.get("limit") or raw.get("time_limit")
            if not limit:
                problems.append(f"{where}.numerator.within: 缺少时限（limit），指标本身也没有 time_limit")
            elif within.get("limit"):
                unit = limit["unit"]
                try:
                    limits.check(Decimal(limit["amount"]), limits.Limit(
                        f"时限（{unit}）", Decimal(limits.TIME_LIMIT_UNITS[unit]), integer=True))
                except ValueError as exc:
                    problems.append(f"{where}.numerator.within.limit.amount: {exc}")
        if raw.get("unit") != "%":
            problems.append(f"{where}: 只有百分比指标可由工单计算")
    tolerance = data.get("settings", {}).get("reported_tolerance_points")
    if tolerance is not None:
        try:
            limits.parse(str(tolerance), limits.PERCENT)
        except ValueError as exc:
            problems.append(f"settings.reported_tolerance_points: {exc}")
    return problems


def _clause(raw: dict[str, Any]) -> Clause:
    after = raw.get("after_signing")
    return Clause(raw["key"], raw["text"], raw["clause"], raw.get("day_of_month"),
                  TimeLimit(after["amount"], after["unit"]) if after else None)


def _alias_problems(roles: list[dict[str, Any]]) -> list[str]:
    """A roster's role name must lead to one role only: a name or alias shared by two roles is refused, also
    when the two differ only in case (rosters are matched case-blind) or in full- and half-width forms."""
    import unicodedata

    problems: list[str] = []
    owner: dict[str, str] = {}
    for i, raw in enumerate(roles):
        for j, name in enumerate([raw["key"], raw["name"], *raw.get("aliases", [])]):
            where = f"staffing.roles[{i}]" + ("" if j < 2 else f".aliases[{j - 2}]")
            other = owner.setdefault(unicodedata.normalize("NFKC", name).strip().casefold(), raw["key"])
            if other != raw["key"]:
                problems.append(f"{where}: 名称“{name}”已用于岗位“{other}”，导入名单时无法区分")
    return problems


def parse_contract(data: dict[str, Any], source: str = "合同", *, remember: bool = False) -> Contract:
    """Validate ``data`` and build a :class:`Contract`; raise TemplateError naming each bad field.

    ``remember``: ``data`` is what ``json.loads`` made of a text, so its canonical JSON stands for it: the
    schema check is skipped when this machine's record says that text passed it under this schema, and a
    text that passes everything is added to the record. Every other check runs every time."""
    shape = _shape_problems(data)
    if shape:
        raise TemplateError(f"{source} 不符合合同模板格式：", shape)
    digest = _document_digest(data) if remember else None
    known = digest is not None and digest in _validated()
    if not known:
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            raise TemplateError(f"{source} 不符合合同模板格式：", [_schema_message(e) for e in errors])
    contract = _build(data, source)
    if digest is not None and not known:
        _remember_validated(digest)
    return contract


def _build(data: dict[str, Any], source: str) -> Contract:
    """The checks a schema cannot state, then the contract; ``data`` has passed the schema."""
    out_of_range = _range_problems(data)
    if out_of_range:
        raise TemplateError(f"{source} 有超出范围的数值：", out_of_range)
    derivation = derivation_problems(data)
    if derivation:
        raise TemplateError(f"{source} 的工单计算规则（derivation）有误：", derivation)
    problems: list[str] = []
    family = Family(data["family"])
    start = _date(data["service"]["start"], "service.start", problems)
    end = _date(data["service"]["end"], "service.end", problems)
    signed = _date(data.get("signed_on"), "signed_on", problems)
    if start and end and end < start:
        problems.append("service.end: 服务期结束日期早于开始日期")
    if signed and end and signed > end:  # nothing would be due before the signing: every obligation erased
        problems.append(f"signed_on: 签订日期 {signed} 晚于服务期结束日期 {end}")
    if Decimal(data["total"]) == 0:  # every share of it, hence every deduction, would be ¥0.00
        problems.append("total: 合同总价须大于 0")

    prefix = data["code_prefix"]
    indicators: list[Indicator] = []
    seen_codes: set[str] = set()
    for i, raw in enumerate(data["indicators"]):
        where = f"indicators[{i}]"
        code = raw["code"]
        if code in seen_codes:
            problems.append(f"{where}.code: 指标编号 {code} 重复")
        seen_codes.add(code)
        if not code.startswith(prefix + "-"):
            problems.append(f"{where}.code: 指标编号 {code} 应以 {prefix}- 开头")
        points = Decimal(raw["points"]) if "points" in raw else None
        deduction = Decimal(raw["deduction_percent"]) if "deduction_percent" in raw else None
        if family is Family.POINTS and points is None:
            problems.append(f"{where}.points: 计分制合同的指标必须有分值")
        if family is Family.DEDUCTIONS and deduction is None:
            problems.append(f"{where}.deduction_percent: 扣款制合同的指标必须有扣减比例")
        target = Decimal(raw["target"])
        if raw["unit"] == "%" and not Decimal(0) <= target <= Decimal(100):
            problems.append(f"{where}.target: 百分比目标值须在 0 到 100 之间")
        limit = raw.get("time_limit")
        indicators.append(Indicator(
            code=code, name=raw["name"], definition=raw.get("definition", ""),
            comparator=Comparator(raw["comparator"]), target=target, unit=raw["unit"],
            frequency=Frequency(raw["frequency"]), points=points, deduction_percent=deduction,
            notes=raw.get("notes", ""), clause=raw.get("clause", ""),
            time_limit=TimeLimit(limit["amount"], limit["unit"]) if limit else None,
            derived=raw.get("derived"),
        ))
    if family is Family.POINTS:
        total_points = sum((i.points or Decimal(0) for i in indicators), Decimal(0))
        if total_points != 100:
            problems.append(f"indicators: 各指标分值合计应为 100，实为 {total_points}")

    roles: list[Role] = []
    for i, raw in enumerate(data["staffing"]["roles"]):
        if any(r.key == raw["key"] for r in roles):
            problems.append(f"staffing.roles[{i}].key: 岗位“{raw['key']}”重复")
        roles.append(Role(raw["key"], raw["name"], raw["required"], tuple(raw.get("aliases", ()))))
    problems += _alias_problems(data["staffing"]["roles"])

    scoring = data["scoring"]
    bands = tuple(Band(Decimal(b["min"]), Decimal(b["percent"])) for b in scoring.get("bands", []))
    bands_in_order = True
    if family is Family.POINTS:
        if not bands:
            problems.append("scoring.bands: 计分制合同必须有付款分档")
        elif [b.minimum for b in bands] != sorted({b.minimum for b in bands}, reverse=True):
            problems.append("scoring.bands: 分档下限须从高到低排列且不重复")
            bands_in_order = False
        elif bands[-1].minimum != 0:
            problems.append("scoring.bands: 最低一档下限须为 0，否则低分无档可依")
        for i, (higher, lower) in enumerate(zip(bands, bands[1:]), 1):
            if bands_in_order and lower.percent > higher.percent:
                problems.append(f"scoring.bands[{i}].percent: 下限 {lower.minimum} 分的支付比例 {lower.percent}% "
                                f"高于下限 {higher.minimum} 分的 {higher.percent}%：得分低的不能多付")
    steps = [Decimal(s) for s in scoring.get("incident_steps", [])]
    for i, (before, after) in enumerate(zip(steps, steps[1:]), 1):
        if after < before:  # cumulative: a later step below an earlier one would pay the difference back
            problems.append(f"scoring.incident_steps[{i}]: 累计扣减比例 {after}% 低于前一次的 {before}%，"
                            "累计比例须逐次不减")

    installments: list[Installment] = []
    calendar = WorkCalendar()
    for i, raw in enumerate(data["installments"]):
        where = f"installments[{i}]"
        if raw["number"] != i + 1:
            problems.append(f"{where}.number: 期次应为 {i + 1}")
        due = _date(raw.get("due"), f"{where}.due", problems)
        if due is None and raw.get("due_working_days_after_signing") and signed:
            due = calendar.add_workdays(signed, raw["due_working_days_after_signing"])
        first = _period(raw["first_month"], f"{where}.first_month", problems)
        last = _period(raw["last_month"], f"{where}.last_month", problems)
        if (first is None) != (last is None):
            problems.append(f"{where}: first_month 与 last_month 须同时给出或同时为空")
        if first and last and start and end:
            if last < first:
                problems.append(f"{where}.last_month: 早于 first_month")
            if first < Period.of(start) or last > Period.of(end):
                problems.append(f"{where}: 考核月份超出服务期")
            for other in installments:
                if (other.first_month and other.last_month
                        and not (last < other.first_month or first > other.last_month)):
                    problems.append(f"{where}: 考核月份与第{other.number}期重叠")
        installments.append(Installment(raw["number"], Decimal(raw["percent"]), due, raw["due_text"],
                                        first, last, raw["deducts"], raw.get("clause", "")))
    percent_sum = sum((i.percent for i in installments), Decimal(0))
    if percent_sum != 100:
        problems.append(f"installments: 各期付款比例合计应为 100%，实为 {percent_sum}%")

    raw_settings = data["settings"]
    wage = raw_settings.get("minimum_wage", {})
    settings = Settings(
        quarter_alignment=raw_settings.get("quarter_alignment", "service"),
        staffing_basis=raw_settings.get("staffing_basis", "per_role"),
        notice_deadline_days=raw_settings.get("notice_deadline_days", 7),
        minimum_wage=Decimal(wage.get("amount", "2100.00")),
        minimum_wage_source=wage.get("source", ""),
        minimum_wage_effective=_date(wage.get("effective"), "settings.minimum_wage.effective", problems),
        **{key: raw_settings[key] for key in ("band_basis", "annual_items", "personnel_due", "assessment_start")
           if key in raw_settings},
    )
    if problems or start is None or end is None:  # a missing date is among the problems
        raise TemplateError(f"{source} 有不一致之处：", problems)

    bond = data.get("bond")
    late = data.get("late_penalty")
    staffing = data["staffing"]
    return Contract(
        id=data["id"], family=family, name=data["name"],
        contract_no=data.get("contract_no", ""), project_no=data.get("project_no", ""),
        signed_on=signed,
        party_a=Party(**data["party_a"]), party_b=Party(**data["party_b"]),
        total=Decimal(data["total"]), total_in_words=data["total_in_words"],
        tax_rate=Decimal(data["tax_rate"]) if data.get("tax_rate") else None,
        service_start=start, service_end=end,
        service_place=data["service"].get("place", ""),
        bond=Bond(Decimal(bond["percent"]), Decimal(bond["amount"]), bond.get("amount_in_words", ""),
                  bond.get("form", ""), bond.get("clause", ""), bond.get("return_working_days")) if bond else None,
        roles=tuple(roles),
        penalty_percent_per_person=(Decimal(staffing["penalty_percent_per_person"])
                                    if staffing.get("penalty_percent_per_person") else None),
        indicators=tuple(indicators), bands=bands,
        incident_steps=tuple(Decimal(s) for s in scoring.get("incident_steps", [])),
        incident_termination_count=scoring.get("incident_termination_count"),
        spot_check_termination_count=scoring.get("spot_check_termination_count"),
        late_penalty_percent_per_day=Decimal(late["percent_per_day"]) if late else None,
        installments=tuple(installments),
        obligations=tuple(_clause(c) for c in data.get("obligations", [])),
        confidentiality=tuple(_clause(c) for c in data.get("confidentiality", [])),
        settings=settings,
        contract_numbers_in_text=tuple(data.get("contract_numbers_in_text", [])),
        clauses={"scoring": scoring.get("clause", ""), "incident": scoring.get("incident_clause", ""),
                 "spot_check": scoring.get("spot_check_clause", ""), "staffing": staffing.get("clause", ""),
                 "late": (late or {}).get("clause", ""), "service": data["service"].get("clause", "")},
        remedies=tuple(Clause(**c) for c in data.get("remedies", [])),
        termination=tuple(Clause(**c) for c in data.get("termination", [])),
        readings=tuple(Clause(r.get("key", ""), r["text"], r.get("clause", "")) for r in data.get("readings", [])),
        data=copy.deepcopy(data),
    )


def templates_dir() -> Path:
    return resources_dir() / "contracts"


def template_ids() -> list[str]:
    """The built-in templates (shipped in ``resources/contracts``)."""
    return sorted(p.stem for p in templates_dir().glob("*.json"))


def user_templates_dir(db_path: Path | None) -> Path | None:
    """User templates live in the data directory, beside the database (``~/.local/share/auditor/templates``
    for the default one); an in-memory database has none."""
    return Path(db_path).parent / "templates" if db_path is not None else None


def user_template_ids(user_dir: Path | None) -> list[str]:
    if user_dir is None or not user_dir.is_dir():
        return []
    builtin = set(template_ids())
    return sorted(p.stem for p in user_dir.glob("*.json") if _ID_RE.fullmatch(p.stem) and p.stem not in builtin)


def available_templates(user_dir: Path | None) -> list[str]:
    """Built-in templates first, then the user's."""
    return template_ids() + user_template_ids(user_dir)


def load_template(template_id: str, user_dir: Path | None = None) -> dict[str, Any]:
    """The raw template data (validated), ready to be stored or edited: a built-in one, else the user's."""
    path = templates_dir() / f"{template_id}.json"
    if path.is_file():
        try:
            data: dict[str, Any] = json.loads(path.read_text("utf-8"))  # an object: parse_contract checks it
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TemplateError(f"合同模板 {path.name} 不是有效的 JSON：{exc}") from None
        parse_contract(data, source=f"合同模板 {path.name}", remember=True)
        return data
    if template_id in user_template_ids(user_dir):
        assert user_dir is not None
        return read_contract_file(user_dir / f"{template_id}.json", what="合同模板")
    raise TemplateError(f"没有名为“{template_id}”的合同模板；可用模板：{'、'.join(available_templates(user_dir))}")


# ---------------------------------------------------------------- contract files (import, export)

MAX_FILE_BYTES = 2 * 2**20   # the built-in templates are ~20 KB
MAX_DEPTH = 8                # root → indicators → [i] → time_limit → amount is 4
MAX_ITEMS = 1000             # entries of one list or object
MAX_STRING = 4000            # characters of one text (the longest clause text is ~100)
MAX_NUMBER_DIGITS = 40
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")


class _Refused(ValueError):
    """A JSON document refused while it is read (before its shape can be walked)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(f"字段“{limits.shown(key)}”在同一对象中出现两次（以哪一个为准无从判断）")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} 不是合同中允许的数值")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(f"数字“{text[:12]}…”过长（{len(text)} 位）")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"数字“{text[:12]}…”过长（{len(text)} 位）")
    return float(text)  # the schema refuses it by type: a template keeps decimals as text


def _hidden(ch: str) -> bool:
    """Control characters (but line breaks and tabs, which ``contract set`` accepts), lone surrogates, and the
    format characters (direction overrides, zero-width spaces and joiners) that make a printed text read
    otherwise than it is stored: 管理人员 with a U+200B inside prints as 管理人员 but matches no roster
    that says so."""
    import unicodedata

    return unicodedata.category(ch) in ("Cc", "Cs", "Cf") and ch not in "\n\r\t"


def _shape_problems(data: Any) -> list[str]:
    """Depth, sizes and characters, walked without recursion and before the schema: what a crafted file uses
    to exhaust memory, the stack or the page (a 10 MB name, 10,000 nested lists, control characters)."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack and len(problems) < 20:
        node, path = stack.pop()
        where = _path_text(path)
        if len(path) > MAX_DEPTH:
            problems.append(f"{where[:120]}: 嵌套过深（最多 {MAX_DEPTH} 层）")
            continue
        if isinstance(node, str):
            if len(node) > MAX_STRING:
                problems.append(f"{where}: 文本过长（{len(node)} 个字符，最多 {MAX_STRING} 个）")
            elif not node.isprintable() and any(_hidden(ch) for ch in node):  # printable: none of Cc, Cs, Cf
                problems.append(f"{where}: 含有控制字符或无法识别的字符")
        elif isinstance(node, (dict, list)):
            if len(node) > MAX_ITEMS:
                problems.append(f"{where}: 条目过多（{len(node)} 项，最多 {MAX_ITEMS} 项）")
                continue
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, child in items:
                if isinstance(key, str) and (len(key) > 64 or not key.isprintable()):
                    problems.append(f"{where}: 字段名“{limits.shown(key[:20])}”无效")
                    continue
                stack.append((child, (*path, key)))
    return problems


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    """A contract document from the bytes of a file: UTF-8 JSON, one object, no duplicate keys, no NaN, no
    overlong numbers, its shape within bounds. Raises TemplateError naming the file and the JSON path."""
    if len(raw) > MAX_FILE_BYTES:
        raise TemplateError(f"{name} 过大（{len(raw):,} 字节，合同文件最多 {MAX_FILE_BYTES // 2**20} MB）")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{name} 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节）") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_int=_int,
                          parse_float=_float)
    except _Refused as exc:
        raise TemplateError(f"{name} 不能作为合同导入：{exc}") from None
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{name} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    except RecursionError:
        raise TemplateError(f"{name} 不能作为合同导入：（根）: 嵌套过深（最多 {MAX_DEPTH} 层）") from None
    except ValueError as exc:  # e.g. a number too long for int()
        raise TemplateError(f"{name} 不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{name} 不符合合同模板格式：", ["（根）: 应为对象"])
    problems = _shape_problems(data)
    if problems:
        raise TemplateError(f"{name} 不能作为合同导入：", problems)
    return data


def read_contract_file(path: Path, what: str = "合同文件") -> dict[str, Any]:
    """A contract file, read whole (never more than the limit) and validated; the data, ready to store."""
    import stat

    name = f"{what} {Path(path).name}"
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(f"{name} 不是普通文件")
        if info.st_size > MAX_FILE_BYTES:
            raise TemplateError(f"{name} 过大（{info.st_size:,} 字节，合同文件最多 {MAX_FILE_BYTES // 2**20} MB）")
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"无法读取{name}：{exc.strerror}") from None
    data = parse_document(raw, name)
    parse_contract(data, source=name)
    return data


def document_text(data: Mapping[str, Any]) -> str:
    """A contract as a file: indented UTF-8 JSON that ``auditor contract import`` reads back unchanged."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_user_template(data: Mapping[str, Any], user_dir: Path) -> Path | None:
    """Keep an imported contract as a user template (``contract new`` copies it). Returns the file written,
    or None when the same template is already there; a different one under the same id is refused."""
    target = user_dir / f"{data['id']}.json"
    text = document_text(data)
    if target.is_file():
        try:
            if json.loads(target.read_text("utf-8")) == json.loads(text):
                return None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            pass
        raise TemplateError(f"数据目录中已有另一份名为“{data['id']}”的合同模板（{target}）；"
                            "请用 --id 另取一个合同编号导入")
    try:
        user_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(text, "utf-8")
        partial.replace(target)
    except OSError as exc:
        raise TemplateError(f"无法在数据目录保存合同模板 {target}：{exc.strerror}") from None
    return target


def set_field(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the field at ``path`` (``a.b[2].c``) set; validate it with parse_contract."""
    result = copy.deepcopy(data)
    tokens = [t for t in re.split(r"\.|\[(\d+)\]", path) if t]
    if not tokens:
        raise TemplateError(f"字段路径“{path}”为空")
    node: Any = result
    try:
        for token in tokens[:-1]:
            node = node[int(token) if token.isdigit() else token]
        last = tokens[-1]
        if isinstance(node, list):
            node[int(last)] = value
        elif isinstance(node, dict):
            node[last] = value
        else:
            raise TypeError
    except (KeyError, IndexError, TypeError, ValueError):
        raise TemplateError(f"合同中没有字段“{path}”") from None
    return result
