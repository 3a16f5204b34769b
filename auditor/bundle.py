"""Consolidation for the office: a contract's audit as one signed bundle file, imported on another machine.

A bundle (a zip) holds ``bundle.json`` — the contract's records keyed by natural keys (no local row
ids), the issued documents' register entries — ``signature.json`` (the exporting inspector's certificate,
the chain above it and a signature over ``bundle.json``), the evidence files and the documents' PDFs.

A bundle is a file someone hands us, so import trusts nothing in it:
- it is imported only when its signer's certificate chains to a root this machine trusts (a certificate
  anyone can make, with any name, is refused with the signer named);
- member names are matched against an allow-list and never used as paths: evidence lands under the hash
  computed here while reading;
- tables and columns come from this program (an allow-list per table, checked against the schema), never
  from the file; every value is checked as direct input is (a month's entries through ``parse_entries``,
  numbers through ``auditor.limits``, periods, dates, ID numbers);
- it cannot create what only this office does: months arrive open (the office finalises its own; the
  history says the sender had), issued documents arrive as copies in ``received_documents`` marked with
  their sender, never as this office's notices or register entries, and local number series are never
  touched.
A row that differs from this machine's is a conflict: nothing is imported and every conflict is listed.

Privacy (个人信息保护法 第二十八条、第五十一条): by default ID numbers are replaced by a pseudonym that
shows like a masked ID (``4101*1a2b3c4d*123X``: the tag comes from a key kept on the exporting machine,
so one person stays one person across tables and exports, and two persons whose masked IDs look alike
stay two), and salaries, contributions, transfer amounts and bank accounts are left out; the exporter
asks for them with ``include_ids`` / ``include_pay``.

Crash safety: evidence is staged beside the evidence folder inside the import's transaction, the rows
commit, then the staged files move in. An import interrupted after its commit is finished (and one
interrupted before it is cleared) the next time the database is opened (``finish_interrupted``).
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import limits, safezip
from .calendar import Period, PeriodError
from .errors import InputError
from .hashing import file_sha256
from .safezip import fsync as _fsync
from .safezip import shown
from .storage import Store
from .storage.db import inserted_id, now
from .submissions import KINDS

if TYPE_CHECKING:
    import zipfile

    from cryptography.hazmat.primitives.serialization.pkcs12 import PKCS12PrivateKeyTypes
    from cryptography.x509 import Certificate

    from .model import Contract

# One table row (or document entry) as JSON: checked column by column before anything is written.
Row = dict[str, Any]

log = logging.getLogger(__name__)

FORMAT = "auditor-bundle"
VERSION = 2

# Every place a kill is injected by the tests (AUDITOR_TEST_KILL_AT).
KILL_POINTS = ("bundle-staged", "bundle-written", "bundle-committed", "bundle-placed", "bundle-cleaned")

MAX_MEMBERS = 200_000
MAX_BODY_BYTES = 256 << 20
MAX_SIGNATURE_BYTES = 1 << 20
MAX_DOCUMENT_BYTES = 64 << 20
MAX_EVIDENCE_BYTES = 16 << 30
MAX_TOTAL_BYTES = 64 << 30
MAX_CHAIN = 8

_EVIDENCE = re.compile(r"evidence/([0-9a-f]{64})")
_DOCUMENT = re.compile(r"documents/([0-9a-f]{64})\.pdf")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_STAGING = re.compile(r"[0-9a-f]{12}")
_PSEUDONYM = re.compile(r"(?:[0-9A-Z]{4})?\*[0-9a-f]{8}\*(?:[0-9A-Z]{4})?")
_ID_IN_TEXT = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MONEY_IN_TEXT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?(?=\s*元)")


class BundleConflict(InputError):
    """The bundle disagrees with this machine's data: nothing was imported."""


class _Bad(Exception):
    """A value that fails its check; the reason in Chinese."""


@dataclass
class ImportReport:
    signer: str
    fingerprint: str
    known_signer: bool
    added: dict[str, int] = field(default_factory=dict)
    same: int = 0
    updated: int = 0
    received_final: list[str] = field(default_factory=list)  # months the sender had finalised, arrived open


# ------------------------------------------------------------------ what a bundle may hold

@dataclass(frozen=True)
class _Context:
    """What a value is checked against: the bundle's contract and whether IDs were masked."""

    contract: Contract
    masked_ids: bool
    include_pay: bool = True


Check = Callable[[Any, _Context], Any]


def _text(limit: int = 200, multiline: bool = False) -> Check:
    def check(value: Any, ctx: _Context) -> str:
        if not isinstance(value, str):
            raise _Bad("应为文本")
        if len(value) > limit:
            raise _Bad(f"过长（{len(value)} 个字符，最多 {limit}）")
        allowed = "\n\t" if multiline else ""
        if any(not ch.isprintable() and ch not in allowed for ch in value):
            raise _Bad("含有控制字符")
        return value
    return check


def _nonempty(limit: int = 200) -> Check:
    inner = _text(limit)

    def check(value: Any, ctx: _Context) -> str:
        text: str = inner(value, ctx)
        if not text.strip():
            raise _Bad("不能为空")
        return text
    return check


def _choice(*values: str) -> Check:
    def check(value: Any, ctx: _Context) -> str:
        if not isinstance(value, str) or value not in values:
            raise _Bad(f"“{shown(str(value))}”不是可用的值（{'、'.join(values)}）")
        return value
    return check


def _nullable(inner: Check) -> Check:
    def check(value: Any, ctx: _Context) -> Any:
        return None if value is None else inner(value, ctx)
    return check


def _period(value: Any, ctx: _Context) -> str:
    if not isinstance(value, str):
        raise _Bad("应为月份文本，如 2025-10")
    try:
        period = Period.parse(value)
    except PeriodError as exc:
        raise _Bad(str(exc)) from None
    if str(period) != value:
        raise _Bad(f"“{shown(value)}”应写作 YYYY-MM")
    if not ctx.contract.in_term(period):
        raise _Bad(f"{period} 不在合同 {ctx.contract.id} 的服务期内")
    return value


def _day(value: Any, ctx: _Context) -> str:
    if not isinstance(value, str) or len(value) != 10:
        raise _Bad("应为日期，如 2025-10-09")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"“{shown(value)}”不是有效日期") from None
    if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        raise _Bad(f"日期 {value} 超出范围")
    return value


def _moment(value: Any, ctx: _Context) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad("应为日期时间，如 2025-10-09T14:30")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"“{shown(value)}”不是有效的日期时间") from None
    if not limits.EARLIEST_DATE <= moment.date() <= limits.LATEST_DATE:
        raise _Bad(f"时间 {shown(value)} 超出范围")
    return value


def _integer(limit: limits.Limit) -> Check:
    def check(value: Any, ctx: _Context) -> int:
        if type(value) is not int:
            raise _Bad("应为整数")
        reason = limits.problem(Decimal(value), limit)
        if reason:
            raise _Bad(reason)
        return value
    return check


def _decimal(limit: limits.Limit) -> Check:
    """A number as this program stores it: the text ``str(Decimal)`` writes, within ``limit``."""
    def check(value: Any, ctx: _Context) -> str:
        if not isinstance(value, str) or len(value) > limits.MAX_TEXT:
            raise _Bad("应为数字文本")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise _Bad(f"“{shown(value)}”不是数字") from None
        reason = limits.problem(number, limit)
        if reason:
            raise _Bad(f"{reason}（{shown(value)}）")
        if str(number) != value:
            raise _Bad(f"“{shown(value)}”不是本程序写下的数字形式")
        return value
    return check


def _sha256(value: Any, ctx: _Context) -> str:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise _Bad(f"“{shown(str(value))}”不是 64 位十六进制校验值")
    return value


def _sha256_or_empty(value: Any, ctx: _Context) -> str:
    return "" if value == "" else _sha256(value, ctx)


def _flag(value: Any, ctx: _Context) -> int:
    if type(value) is not int or value not in (0, 1):
        raise _Bad("应为 0 或 1")
    return value


def _id_number(value: Any, ctx: _Context) -> str:
    """As typed here (normalised, any content the operator's file had), or a pseudonym in a masked bundle."""
    from . import idcard

    if not isinstance(value, str) or len(value) > 40:
        raise _Bad("应为身份证号文本")
    if _PSEUDONYM.fullmatch(value):  # masked here, or received masked and passed on
        return value
    if ctx.masked_ids:
        raise _Bad("审计包声明身份证号已脱敏，此处却不是脱敏形式")
    if not value or idcard.normalize(value) != value or any(not ch.isprintable() for ch in value):
        raise _Bad(f"“{shown(value)}”不是身份证号的写法")
    return value


def _filename(value: Any, ctx: _Context) -> str:
    """A file's original name, shown and used for a copy opened with the system's viewer: one name, no folders."""
    name: str = _nonempty(255)(value, ctx)
    if "/" in name or "\\" in name or name in (".", "..") or ":" in name:
        raise _Bad(f"“{shown(name)}”不是单纯的文件名")
    return name


def _role(value: Any, ctx: _Context) -> str:
    keys = [r.key for r in ctx.contract.roles]
    if not isinstance(value, str) or value not in keys:
        raise _Bad(f"合同 {ctx.contract.id} 没有岗位“{shown(str(value))}”")
    return value


def _duty(value: Any, ctx: _Context) -> str:
    keys = [d.key for d in ctx.contract.confidentiality]
    if not isinstance(value, str) or value not in keys:
        raise _Bad(f"合同 {ctx.contract.id} 没有保密义务“{shown(str(value))}”")
    return value


def _code(value: Any, ctx: _Context) -> str:
    if isinstance(value, str) and (value in ("", "notice") or value in {i.code for i in ctx.contract.indicators}):
        return value
    raise _Bad(f"合同 {ctx.contract.id} 中没有指标“{shown(str(value))}”")


def _indicator(value: Any, ctx: _Context) -> str:
    if isinstance(value, str) and value in {i.code for i in ctx.contract.indicators}:
        return value
    raise _Bad(f"合同 {ctx.contract.id} 中没有指标“{shown(str(value))}”")


FINDING_SOURCES = ("indicator", "staffing", "incident", "late", "reconciliation", "deadline", "confidentiality",
                   "spot_check", "workorders")
NOTICE_STATUSES = ("issued", "received", "rectified", "closed", "escalated", "superseded")
NOTICE_LIFECYCLE = ("deadline", "received_by", "received_at", "rectified_at", "closed_by", "closed_at",
                    "escalated_at", "escalation")


@dataclass(frozen=True)
class _Table:
    key: tuple[str, ...]
    columns: dict[str, Check]
    compared: tuple[str, ...] = ()       # columns a conflict is judged on (default: all)
    sealed: bool = False                 # part of a month's sealed content (refused into a finalised month)


# The only tables and columns a bundle can write, in the order they are written; ``contract_id`` is
# always the bundle's, and local or derived columns (ids, stamps, seals) are never taken from it.
TABLES: dict[str, _Table] = {
    "months": _Table(("period",), {"period": _period, "status": _choice("open", "final"),
                                   "incidents": _nullable(_integer(limits.INCIDENTS)),
                                   "late_days": _integer(limits.DAYS), "finalized_at": _nullable(_moment)},
                     compared=("incidents", "late_days"), sealed=True),
    "measurements": _Table(("period", "code"), {
        "period": _period, "code": _indicator, "kind": _choice("value", "ratio", "events", "exempt", "computed"),
        "value": _nullable(_decimal(limits.COUNT)), "numerator": _nullable(_decimal(limits.COUNT)),
        "denominator": _nullable(_decimal(limits.COUNT)), "reason": _text(2000, True), "note": _text(2000, True)},
        sealed=True),
    "measurement_events": _Table(("period", "code", "seq"), {
        "period": _period, "code": _indicator, "seq": _integer(limits.COUNT), "received_at": _moment,
        "done_at": _nullable(_moment)}, sealed=True),
    "headcounts": _Table(("period", "role"), {"period": _period, "role": _role,
                                              "average": _decimal(limits.HEADCOUNT)}, sealed=True),
    "staffing_changes": _Table(("role", "first_month", "last_month", "reference"), {
        "role": _role, "first_month": _period, "last_month": _period,
        "required": _integer(limits.HEADCOUNT_REQUIRED), "reference": _nonempty(500), "approved_on": _day}),
    "submissions": _Table(("period", "kind", "received_on", "sha256"), {
        "period": _period, "kind": _nonempty(64), "received_on": _day, "source": _text(500),
        "sha256": _sha256_or_empty}),
    "evidence": _Table(("period", "code", "sha256", "filename"), {
        "period": _period, "code": _code, "filename": _filename, "sha256": _sha256,
        "size": _integer(limits.Limit("文件大小", Decimal(MAX_EVIDENCE_BYTES), integer=True))}),
    "findings": _Table(("period", "source", "key"), {
        "period": _period, "source": _choice(*FINDING_SOURCES), "key": _text(200), "title": _nonempty(500),
        "detail": _text(20000, True), "clause": _text(500), "amount": _decimal(limits.MONEY),
        "status": _choice("open", "noticed", "closed")}, compared=("title", "detail", "clause", "amount")),
    "confidentiality_checks": _Table(("period", "duty"), {
        "period": _period, "duty": _duty, "status": _choice("ok", "gap", "na"), "note": _text(2000, True)}),
    "commitments": _Table(("id_number",), {"id_number": _id_number, "name": _nonempty(200), "signed_on": _day}),
    "departure_approvals": _Table(("id_number", "approved_on"), {
        "id_number": _id_number, "approved_on": _day, "reference": _text(500)}),
    "imports": _Table(("period", "kind"), {
        "period": _period, "kind": _choice(*KINDS),
        "source": _nonempty(500), "sha256": _sha256, "received_on": _day, "columns": _text(20000),
        "row_count": _integer(limits.Limit("行数", Decimal(limits.MAX_ROWS), integer=True))},
        compared=("source", "sha256", "received_on", "row_count")),
    "spot_checks": _Table(("started_at", "place"), {
        "started_at": _moment, "place": _nonempty(500), "inspectors": _text(500), "finished_at": _nullable(_moment),
        "failed": _nullable(_flag), "summary": _text(20000, True)}),
}
NESTED = {"imports": "rows", "spot_checks": "marks"}
MARK_COLUMNS: dict[str, Check] = {
    "person_key": _nonempty(300), "name": _text(200), "employee_no": _text(100), "role": _text(100),
    "on_roster": _flag, "status": _choice("present", "leave", "absent", "unmarked"), "at": _moment}
DOCUMENT_FIELDS: dict[str, Check] = {
    "kind": _choice("notice", "score-sheet", "installment", "spot-check", "payment"), "number": _nonempty(200),
    "issuer": _nullable(_text(200)),
    "year": _nullable(_integer(limits.Limit("年份", Decimal(2100), Decimal(1900), True))),
    "seq": _nullable(_integer(limits.Limit("序号", Decimal(10) ** 6, Decimal(1), True))), "subject": _text(500),
    "issued_on": _nullable(_day), "signer_fingerprint": _nullable(_sha256), "sha256": _sha256,
    "period": _nullable(_period), "status": _nullable(_choice(*NOTICE_STATUSES))}
BODY_KEYS = {"format", "version", "exported_at", "contract_id", "contract", "include_ids", "include_pay", "tables",
             "documents", "files"}

# import rows: the fields of each kind (imports.FIELDS), what masking removes, and how each is written
PAY_FIELDS = ("gross", "net", "pension", "medical", "unemployment", "injury", "housing", "amount", "account")
_ROW_TEXT = ("name", "employee_no", "education", "shift", "account", "role")
_ROW_MONEY = ("gross", "net", "pension", "medical", "unemployment", "injury", "housing", "amount")


# ------------------------------------------------------------------ export

def _pseudonym_key(store: Store) -> bytes:
    """This machine's key for ID pseudonyms, made on first use; never leaves the machine but in a backup."""
    key = store.trust.setting("bundle_pseudonym_key")
    if not key:
        key = secrets.token_hex(32)
        store.trust.set_setting("bundle_pseudonym_key", key)
    return bytes.fromhex(key)


def _is_id(text: str) -> bool:
    """A full, valid resident ID number (the check digit makes a stray 18-digit number unlikely to pass)."""
    from . import idcard

    return idcard.problem(text.upper()) is None


class _Masker:
    """What a masked export replaces: ID numbers by pseudonyms, pay by nothing, stray numbers in free text."""

    def __init__(self, store: Store, include_ids: bool, include_pay: bool) -> None:
        self.ids = not include_ids
        self.pay = not include_pay
        self.key = _pseudonym_key(store) if self.ids else b""

    def id_number(self, value: str | None) -> str | None:
        if not self.ids or not value:
            return value
        return self._pseudonym(value)

    def _pseudonym(self, value: str) -> str:
        tag = hmac.new(self.key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:8]
        if len(value) > 8:
            return f"{value[:4]}*{tag}*{value[-4:]}"
        return f"*{tag}*"

    def text(self, value: str) -> str:
        """Free text: a full ID number typed into a note, a file name or a cell is replaced too."""
        if not self.ids:
            return value
        return _ID_IN_TEXT.sub(lambda m: self._pseudonym(m.group(0).upper()) if _is_id(m.group(0)) else m.group(0),
                               value)

    def money(self, value: str) -> str:
        """A reconciliation finding's amounts (应发、实发、转账 … 元) are pay."""
        return _MONEY_IN_TEXT.sub("***", value) if self.pay else value

    def scrub(self, value: Any, key: str = "") -> Any:
        """Every string of a structure through ``text`` (hashes and fingerprints are not text)."""
        if isinstance(value, str):
            return value if key in ("sha256", "signer_fingerprint") else self.text(value)
        if isinstance(value, list):
            return [self.scrub(v, key) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v, k) for k, v in value.items()}
        return value

    def record(self, data: str) -> str:
        record = json.loads(data)
        masked = []
        if self.ids and record.get("id_number"):
            record["id_number"] = self.id_number(record["id_number"])
            masked.append("id_number")
        if self.pay:
            for name in PAY_FIELDS:
                if record.get(name) is not None:
                    record[name] = None
                    masked.append(name)
        if masked:
            record["_masked"] = masked
        return json.dumps(record, ensure_ascii=False)


def _schema_columns(store: Store, table: str) -> set[str]:
    return {row[1] for row in store.db.execute(f"PRAGMA table_info({table})")}


def _columns(store: Store, table: str) -> list[str]:
    """The allow-listed columns of ``table``, each checked against the schema (a program error otherwise)."""
    present = _schema_columns(store, table)
    missing = [c for c in TABLES[table].columns if c not in present]
    if missing:
        raise AssertionError(f"{table} has no column {missing}")
    return list(TABLES[table].columns)


def export_bundle(store: Store, contract_id: str, target: Path, p12: bytes, passphrase: bytes,
                  include_ids: bool = False, include_pay: bool = False) -> dict[str, Any]:
    """Write the contract's audit to ``target``, signed by the inspector; returns a summary (rows, documents,
    files, and ``missing``: evidence whose file is gone or changed here, left out with its row)."""
    from . import pki
    from .documents.service import Identity, signing_identity

    contract = store.contracts.get(contract_id)
    signer = signing_identity(store, Identity(p12, passphrase))  # refused unless it chains to a trusted root
    pki.check_signing_certificate(signer.certificate)
    masker = _Masker(store, include_ids, include_pay)
    tables: dict[str, list[Row]] = {}
    evidence: dict[str, Path] = {}
    missing: list[str] = []
    for table in TABLES:
        columns = _columns(store, table)
        nested = NESTED.get(table)
        rows = []
        for row_id, *values in store.db.execute(
                f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE contract_id = ? ORDER BY rowid", [contract_id]):
            row = dict(zip(columns, values))
            if table == "findings" and row["source"] == "reconciliation":
                row["title"], row["detail"] = masker.money(row["title"]), masker.money(row["detail"])
            if "id_number" in row:
                row["id_number"] = masker.id_number(row["id_number"])
            if table == "evidence":
                path = store.evidence.path_of(row["sha256"])
                if not (_HEX64.fullmatch(row["sha256"]) and path.is_file() and file_sha256(path) == row["sha256"]):
                    missing.append(f"{row['period']} {row['code']} {shown(row['filename'])}")
                    continue
                evidence[row["sha256"]] = path
            if nested == "rows":
                row["rows"] = [[n, masker.record(d)] for n, d in store.db.execute(
                    "SELECT row_no, data FROM import_rows WHERE import_id = ? ORDER BY row_no", [row_id])]
            elif nested == "marks":
                marks = []
                for mark in store.db.execute(f"SELECT {', '.join(MARK_COLUMNS)} FROM spot_marks "
                                             "WHERE spot_check_id = ? ORDER BY id", [row_id]):
                    mark = dict(zip(MARK_COLUMNS, mark))
                    if "#" not in mark["person_key"]:  # a person's key is the ID number, or name#employee_no
                        mark["person_key"] = masker.id_number(mark["person_key"])
                    marks.append(mark)
                row["marks"] = marks
            rows.append(row)
        tables[table] = rows
    documents, pdfs = _export_documents(store, contract_id)
    tables, documents = masker.scrub(tables), masker.scrub(documents)
    files = {f"evidence/{sha}": sha for sha in evidence} | {f"documents/{sha}.pdf": sha for sha in pdfs}
    body = {"format": FORMAT, "version": VERSION, "exported_at": now(), "contract_id": contract_id,
            "contract": dict(contract.data), "include_ids": include_ids, "include_pay": include_pay,
            "tables": tables, "documents": documents, "files": files}
    payload = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    signed = {"certificate": _pem(signer.certificate), "chain": [_pem(c) for c in signer.chain],
              "signature": base64.b64encode(_sign(signer.key, payload)).decode("ascii"), "algorithm": "sha256"}
    _write(target, payload, json.dumps(signed).encode("ascii"), evidence, pdfs)
    summary = {"rows": sum(len(v) for v in tables.values()), "documents": len(documents), "files": len(files),
               "missing": missing}
    log.info("exported the audit bundle of %s to %s: %d rows, %d documents, %d files, %d missing; full IDs %s, "
             "pay %s", contract_id, Path(target).name, summary["rows"], len(documents), len(files), len(missing),
             "included" if include_ids else "masked", "included" if include_pay else "left out")
    return summary


def _export_documents(store: Store, contract_id: str) -> tuple[list[Row], dict[str, bytes]]:
    """The register's entries for the contract (without their content: the PDF is the document), with the
    notices' state and the findings they cite."""
    documents, pdfs = [], {}
    for doc_id, kind, number, issuer, year, seq, subject, issued_on, signer, pdf in store.db.execute(
            "SELECT id, kind, number, issuer, year, seq, subject, issued_on, signer_fingerprint, pdf FROM documents "
            "WHERE contract_id = ? ORDER BY id", [contract_id]):
        pdf = bytes(pdf)
        sha = hashlib.sha256(pdf).hexdigest()
        pdfs[sha] = pdf
        entry: dict[str, Any] = {"kind": kind, "number": number, "issuer": issuer, "year": year, "seq": seq,
                                 "subject": subject or "", "issued_on": issued_on,
                                 "signer_fingerprint": signer, "sha256": sha, "period": None, "status": None,
                                 "lifecycle": {}, "findings": []}
        notice = store.db.execute(f"SELECT id, period, status, {', '.join(NOTICE_LIFECYCLE)} FROM notices "
                                  "WHERE document_id = ?", [doc_id]).fetchone()
        if notice is not None:
            entry["period"], entry["status"] = notice[1], notice[2]
            entry["lifecycle"] = {k: v for k, v in zip(NOTICE_LIFECYCLE, notice[3:])}
            entry["findings"] = [list(r) for r in store.db.execute(
                "SELECT f.period, f.source, f.key FROM notice_findings nf JOIN findings f ON f.id = nf.finding_id "
                "WHERE nf.notice_id = ? ORDER BY nf.position", [notice[0]])]
        documents.append(entry)
    return documents, pdfs


def _pem(certificate: Certificate) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    return certificate.public_bytes(Encoding.PEM).decode("ascii")


def _sign(key: PKCS12PrivateKeyTypes, payload: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    from .pki import SigningError

    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(payload, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, rsa.RSAPrivateKey):  # an agency's RSA certificate
        return key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
    raise SigningError("该证书的密钥类型不能用于签名审计包（须为 EC 或 RSA）")


def _write(target: Path, payload: bytes, signature: bytes, evidence: dict[str, Path], pdfs: dict[str, bytes]) -> None:
    """The zip, written beside ``target`` and put in place whole."""
    import zipfile as zf
    target = Path(target)
    if target.is_dir():
        raise InputError(f"审计包路径 {target} 是一个文件夹")
    partial = target.with_name(target.name + ".partial")
    try:
        with zf.ZipFile(partial, "w", compression=zf.ZIP_DEFLATED) as archive:
            archive.writestr("bundle.json", payload)
            archive.writestr("signature.json", signature)
            for sha, path in evidence.items():
                if safezip.add_file(archive, f"evidence/{sha}", path) != sha:
                    raise InputError(f"证据文件 {path} 在导出过程中被改动，请重新导出")
            for sha, pdf in pdfs.items():
                archive.writestr(f"documents/{sha}.pdf", pdf)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(f"无法写入审计包 {target}：{exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------ reading and checking a bundle

def _member_problem(name: str) -> str | None:
    problem = safezip.path_problem(name)
    if problem:
        return problem
    if name in ("bundle.json", "signature.json") or _EVIDENCE.fullmatch(name) or _DOCUMENT.fullmatch(name):
        return None
    return "不符合审计包的文件命名（bundle.json、signature.json、evidence/64 位校验值、documents/64 位校验值.pdf）"


def _member_limit(name: str) -> int:
    if name == "bundle.json":
        return MAX_BODY_BYTES
    if name == "signature.json":
        return MAX_SIGNATURE_BYTES
    return MAX_DOCUMENT_BYTES if name.startswith("documents/") else MAX_EVIDENCE_BYTES


def _limits() -> safezip.Limits:
    return safezip.Limits(MAX_MEMBERS, MAX_TOTAL_BYTES)


@dataclass
class _Opened:
    label: str
    archive: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    reading: safezip.Reading
    body: dict[str, Any]
    certificate: Certificate
    chain: list[Certificate]
    signer: str
    fingerprint: str


def _json(data: bytes, label: str, member: str) -> Any:
    def constant(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(data.decode("utf-8"), parse_constant=constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"{label} 不是本程序导出的审计包（{member} 不是有效的 JSON）") from None


def _open(store: Store, source: Path) -> _Opened:
    """The archive checked member by member, its signature verified and its signer trusted; the body."""
    import zipfile as zf
    label = shown(source.name)
    archive = safezip.open_archive(source, label, "审计包", "本程序导出的审计包", MAX_MEMBERS)
    try:
        try:
            infos = archive.infolist()
        except (zf.BadZipFile, ValueError) as exc:
            raise InputError(f"{label} 不是本程序导出的审计包（{safezip.reason(exc)}）") from None
        members = safezip.check_members(infos, label, "审计包", _member_problem, _member_limit, _limits())
        for name in ("bundle.json", "signature.json"):
            if name not in members:
                raise InputError(f"{label} 不是本程序导出的审计包（缺少 {name}）")
        reading = safezip.Reading(_limits())
        payload = safezip.read_small(archive, members["bundle.json"], label, "审计包", reading)
        signed = _json(safezip.read_small(archive, members["signature.json"], label, "审计包", reading), label,
                       "signature.json")
        certificate, chain = _verify_signature(signed, payload, label)
        signer, fingerprint = _trusted(store, certificate, chain, label)
        body = _json(payload, label, "bundle.json")
        _check_body_shape(body, label, members)
        return _Opened(label, archive, members, reading, body, certificate, chain, signer, fingerprint)
    except BaseException:
        archive.close()
        raise


def _verify_signature(signed: Any, payload: bytes, label: str) -> tuple[Certificate, list[Certificate]]:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    from . import pki

    invalid = f"{label} 的签名无效：审计包在导出后被改动，或不是完整的文件"
    if (not isinstance(signed, dict) or set(signed) != {"certificate", "chain", "signature", "algorithm"}
            or signed["algorithm"] != "sha256" or not isinstance(signed["certificate"], str)
            or not isinstance(signed["signature"], str) or not isinstance(signed["chain"], list)
            or len(signed["chain"]) > MAX_CHAIN or not all(isinstance(c, str) for c in signed["chain"])):
        raise InputError(f"{label} 不是本程序导出的审计包（signature.json 的格式不对）")
    certificate = pki.load_certificate(signed["certificate"].encode("ascii", "replace"), f"{label} 的签名证书")
    chain = [pki.load_certificate(c.encode("ascii", "replace"), f"{label} 的证书链") for c in signed["chain"]]
    try:
        signature = base64.b64decode(signed["signature"], validate=True)
        public = certificate.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, payload, padding.PKCS1v15(), hashes.SHA256())
        else:
            raise InputError(f"{label} 的签名证书的密钥类型不受支持（须为 EC 或 RSA）")
    except (InvalidSignature, ValueError, TypeError):
        raise InputError(invalid) from None
    return certificate, chain


def _trusted(store: Store, certificate: Certificate, chain: list[Certificate], label: str) -> tuple[str, str]:
    from . import pki

    signer = shown(pki.describe(certificate))  # the sender wrote these names: printed, cut short
    trusted, problem = pki.chain_status(certificate, chain, store.trust.root_certificates())
    if not trusted:
        raise InputError(f"{label} 的签名人 {signer} 不受本机信任：{problem}；未导入任何内容。"
                         "若确认该签名人可信，请先把签发其证书的机构根证书加入本机信任列表（auditor trust add）")
    return signer, pki.fingerprint(certificate)


def _check_body_shape(body: Any, label: str, members: dict[str, zipfile.ZipInfo]) -> None:
    """The top level, the format and version, and the files list against the members."""
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise InputError(f"{label} 不是本程序导出的审计包（bundle.json 的格式不对）")
    if body.get("version") != VERSION:
        raise InputError(f"{label} 的格式版本为 {shown(str(body.get('version')))}，本程序只能导入第 {VERSION} 版"
                         "（早先的审计包不含签名人的证书链，请对方用新版程序重新导出）")
    unknown = sorted(set(body) - BODY_KEYS)
    lacking = sorted(BODY_KEYS - set(body))
    if unknown or lacking:
        raise InputError(f"{label}：bundle.json " + (f"有未知的字段 {'、'.join(shown(str(k)) for k in unknown)}"
                                                     if unknown else f"缺少字段 {'、'.join(lacking)}"))
    if type(body["include_ids"]) is not bool or type(body["include_pay"]) is not bool:
        raise InputError(f"{label}：bundle.json 中 include_ids / include_pay 应为 true 或 false")
    if not isinstance(body["tables"], dict) or not isinstance(body["documents"], list) \
            or not isinstance(body["files"], dict) or not isinstance(body["contract"], dict):
        raise InputError(f"{label}：bundle.json 的 tables、documents、files 或 contract 类型不对")
    for name, sha in body["files"].items():
        match = _EVIDENCE.fullmatch(name) or _DOCUMENT.fullmatch(name)
        if match is None or safezip.path_problem(name):
            raise InputError(f"{label}：文件清单中的“{shown(name)}”不是审计包中的文件")
        if sha != match.group(1):
            raise InputError(f"{label}：文件清单中“{shown(name)}”的校验值与文件名不符")
        if name not in members:
            raise InputError(f"{label} 不完整：缺少 {shown(name)}")
    for name in members:
        if name not in ("bundle.json", "signature.json") and name not in body["files"]:
            raise InputError(f"{label}：成员“{shown(name)}”不在文件清单中")


@dataclass
class _Plan:
    """What the bundle adds, once every value is checked and nothing conflicts."""

    contract: dict[str, Any] | None = None
    rows: list[tuple[str, Row]] = field(default_factory=list)
    documents: list[Row] = field(default_factory=list)
    document_updates: list[Row] = field(default_factory=list)
    same: int = 0
    final: dict[str, bool] = field(default_factory=dict)  # period → the sender had finalised it


def _check_tables(opened: _Opened, contract: Contract) -> dict[str, list[Row]]:
    """Every row of every table checked as direct input is; InputError listing what is wrong."""
    label, body = opened.label, opened.body
    ctx = _Context(contract, masked_ids=not body["include_ids"], include_pay=body["include_pay"])
    problems: list[str] = []
    unknown = [name for name in body["tables"] if name not in TABLES]
    if unknown:
        raise InputError(f"{label}：审计包中有本程序不导入的表“{shown(str(unknown[0]))}”；未导入任何内容"
                         f"（可导入的表：{'、'.join(TABLES)}）")
    if ctx.masked_ids:
        where = _full_id(body["tables"], "") or _full_id(body["documents"], "documents")
        if where:
            raise InputError(f"{label} 声明身份证号已脱敏，{where} 中却有完整的身份证号；未导入任何内容")
    checked: dict[str, list[Row]] = {}
    for table, spec in TABLES.items():
        rows = body["tables"].get(table, [])
        if not isinstance(rows, list):
            raise InputError(f"{label}：表 {table} 应为行的列表")
        allowed = set(spec.columns) | ({NESTED[table]} if table in NESTED else set())
        out = []
        for index, row in enumerate(rows, start=1):
            place = f"{table} 第 {index} 行"
            if not isinstance(row, dict):
                problems.append(f"{place}：应为对象")
                continue
            extra = [c for c in row if c not in allowed]
            if extra:
                raise InputError(f"{label}：{place}有本程序不导入的列“{shown(str(extra[0]))}”；未导入任何内容"
                                 f"（{table} 可导入的列：{'、'.join(spec.columns)}）")
            lacking = [c for c in allowed if c not in row]
            if lacking:
                problems.append(f"{place}：缺少列 {'、'.join(lacking)}")
                continue
            clean = _check_row(row, spec.columns, ctx, place, problems)
            if clean is None:
                continue
            if table in NESTED:
                clean[NESTED[table]] = _check_nested(table, row[NESTED[table]], clean, ctx, place, problems)
            out.append(clean)
        checked[table] = out
        if len(problems) > 200:
            break
    _check_keys(checked, problems)
    if not problems:
        _check_months(checked, contract, problems)
        _check_staffing(checked, problems)
    if problems:
        shown_problems = problems[:200] + ([f"……另有 {len(problems) - 200} 处"] if len(problems) > 200 else [])
        raise InputError(f"{label} 中有 {len(problems)} 处数据不合格，未导入任何内容：", shown_problems)
    return checked


def _full_id(value: Any, place: str) -> str | None:
    """Where in a structure a full, valid ID number is written (the first place found), or None. Walked
    with a stack: a structure nested a thousand deep is not a reason to fail."""
    stack = [(value, place)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if any(_is_id(m.group(0)) for m in _ID_IN_TEXT.finditer(item)):
                return where
        elif isinstance(item, list):
            stack.extend((v, f"{where} 第 {n} 项") for n, v in reversed(list(enumerate(item, start=1))))
        elif isinstance(item, dict):
            stack.extend((v, f"{where}{'.' if where else ''}{k}") for k, v in reversed(list(item.items())))
    return None


def _check_row(row: Row, columns: dict[str, Check], ctx: _Context, place: str, problems: list[str]) -> Row | None:
    clean = {}
    count = len(problems)
    for column, check in columns.items():
        try:
            clean[column] = check(row[column], ctx)
        except _Bad as exc:
            problems.append(f"{place}（{column}）：{exc}")
    return clean if len(problems) == count else None


def _check_nested(table: str, value: Any, row: Row, ctx: _Context, place: str,
                  problems: list[str]) -> list[Any]:
    if not isinstance(value, list) or len(value) > limits.MAX_ROWS:
        problems.append(f"{place}（{NESTED[table]}）：应为列表，且不超过 {limits.MAX_ROWS} 项")
        return []
    if table == "spot_checks":
        marks, keys = [], set()
        for n, mark in enumerate(value, start=1):
            where = f"{place}的第 {n} 条抽查记录"
            if not isinstance(mark, dict) or set(mark) != set(MARK_COLUMNS):
                problems.append(f"{where}：列应为 {'、'.join(MARK_COLUMNS)}")
                continue
            clean = _check_row(mark, MARK_COLUMNS, ctx, where, problems)
            if clean is None:
                continue
            if "#" not in clean["person_key"]:
                try:
                    _id_number(clean["person_key"], ctx)
                except _Bad as exc:
                    problems.append(f"{where}（person_key）：{exc}")
                    continue
            if clean["person_key"] in keys:
                problems.append(f"{where}：同一人重复出现")
                continue
            keys.add(clean["person_key"])
            marks.append(clean)
        return marks
    return _check_import_rows(value, row, ctx, place, problems)


def _check_import_rows(value: list[Any], row: Row, ctx: _Context, place: str,
                       problems: list[str]) -> list[list[Any]]:
    """The rows of an operator's file as this program stored them when it read the file."""
    from .imports import FIELDS

    required, optional = FIELDS[row["kind"]]
    fields = set(required) | set(optional)
    roles = {r.key for r in ctx.contract.roles}
    out, numbers = [], set()
    count = len(problems)
    try:
        columns = json.loads(row["columns"])
    except (ValueError, RecursionError):
        columns = None
    if not isinstance(columns, dict) or not set(columns) <= fields or \
            not all(isinstance(v, str) and len(v) <= 200 for v in columns.values()):
        problems.append(f"{place}（columns）：应为本程序记录的表头对应关系")
    if len(value) != row["row_count"]:
        problems.append(f"{place}：row_count 为 {row['row_count']}，实有 {len(value)} 行")
    for n, item in enumerate(value, start=1):
        where = f"{place}的第 {n} 条数据行"
        if len(problems) - count > 50:
            break
        if not (isinstance(item, list) and len(item) == 2 and type(item[0]) is int and isinstance(item[1], str)):
            problems.append(f"{where}：应为 [行号, 数据]")
            continue
        number, data = item
        try:
            record = json.loads(data, parse_constant=lambda name: float("nan"))
        except (ValueError, RecursionError):
            problems.append(f"{where}：数据不是有效的 JSON")
            continue
        if (not isinstance(record, dict) or record.get("_row") != number or number in numbers
                or not 1 <= number <= 10 ** 7):
            problems.append(f"{where}：行号与数据不符或重复")
            continue
        numbers.add(number)
        reason = _record_problem(record, fields, roles, ctx)
        if reason:
            problems.append(f"{where}：{reason}")
            continue
        out.append([number, json.dumps(record, ensure_ascii=False)])
    return out


def _record_problem(record: Row, fields: set[str], roles: set[str], ctx: _Context) -> str | None:
    for name, value in record.items():
        if name == "_row":
            continue
        if name == "_masked":
            if not isinstance(value, list) or not set(value) <= fields or not all(isinstance(v, str) for v in value):
                return "_masked 应为字段名的列表"
            continue
        if name not in fields:
            return f"有本程序不导入的字段“{shown(str(name))}”"
        if value is None:
            continue
        if name in PAY_FIELDS and not ctx.include_pay:
            return f"审计包声明未含工资与账号，{name} 却有值"
        try:
            if name == "id_number":
                _id_number(value, ctx)
            elif name in _ROW_TEXT:
                _text(200)(value, ctx)
                if name == "role" and value not in roles:
                    raise _Bad(f"合同 {ctx.contract.id} 没有岗位“{shown(value)}”")
            elif name in ("hire_date", "leave_date", "date"):
                if not isinstance(value, str) or not value.startswith("date:"):
                    raise _Bad("应为日期")
                _day(value[5:], ctx)
            elif name in ("start", "end"):
                if not isinstance(value, str) or not re.fullmatch(r"time:([01][0-9]|2[0-3]):[0-5][0-9]", value):
                    raise _Bad("应为时间")
            else:
                limit = limits.YEARS if name == "experience_years" else limits.MONEY
                if not isinstance(value, str) or not value.startswith("d:"):
                    raise _Bad("应为数字")
                _decimal(limit)(value[2:], ctx)
        except _Bad as exc:
            return f"{name}：{exc}"
    return None


def _check_keys(checked: dict[str, list[Row]], problems: list[str]) -> None:
    for table, rows in checked.items():
        seen = set()
        for row in rows:
            key = tuple(row[c] for c in TABLES[table].key)
            if key in seen:
                problems.append(f"{table}（{'、'.join(map(str, key))}）：同一行出现了两次")
            seen.add(key)


def _check_months(checked: dict[str, list[Row]], contract: Contract, problems: list[str]) -> None:
    """Each month's entries as ``auditor record`` would read them (every rule of direct input applies)."""
    from .entries import parse_entries

    periods = {r["period"] for r in checked["months"]}
    for table in ("measurements", "measurement_events", "headcounts"):
        for row in checked[table]:
            if row["period"] not in periods:
                problems.append(f"{table}（{row['period']}）：审计包中没有该月份")
                return
    for period in sorted(periods):
        month = next(r for r in checked["months"] if r["period"] == period)
        events: dict[str, list[Row]] = {}
        for e in sorted((e for e in checked["measurement_events"] if e["period"] == period), key=lambda e: e["seq"]):
            events.setdefault(e["code"], []).append(e)
        measurements = []
        for m in (m for m in checked["measurements"] if m["period"] == period):
            entry: dict[str, Any] = {"indicator": m["code"]}
            kind = m["kind"]
            given = {k for k in ("value", "numerator", "denominator") if m[k] is not None}
            expected = {"value": {"value"}, "ratio": {"numerator", "denominator"},
                        "computed": {"numerator", "denominator"}}.get(kind, set())
            mine = events.pop(m["code"], [])
            if given != expected or (kind == "events") != bool(mine) or (m["reason"] and kind != "exempt"):
                problems.append(f"measurements（{period}、{m['code']}）：类别 {kind} 与所给的值不符")
                continue
            if kind == "value":
                entry["value"] = m["value"]
            elif kind in ("ratio", "computed"):  # a figure computed from work orders is checked as the ratio it is
                entry["numerator"], entry["denominator"] = m["numerator"], m["denominator"]
            elif kind == "exempt":
                entry["exempt"], entry["reason"] = True, m["reason"]
            else:
                if [e["seq"] for e in mine] != list(range(len(mine))):
                    problems.append(f"measurement_events（{period}、{m['code']}）：序号应从 0 起连续")
                    continue
                entry["events"] = [{"received_at": e["received_at"], "done_at": e["done_at"]} for e in mine]
            if m["note"]:
                entry["note"] = m["note"]
            measurements.append(entry)
        for code in events:
            problems.append(f"measurement_events（{period}、{code}）：没有对应的 measurements 行")
        headcount = {h["role"]: h["average"] for h in checked["headcounts"] if h["period"] == period} or None
        doc = {"period": period, "measurements": measurements, "headcount": headcount,
               "incidents": month["incidents"], "late_days": month["late_days"]}
        try:
            parse_entries(contract, doc, source=f"{period} 的考核数据（months、measurements 等表）")
        except InputError as exc:
            problems.append(str(exc))


def _check_staffing(checked: dict[str, list[Row]], problems: list[str]) -> None:
    for row in checked["staffing_changes"]:
        if row["last_month"] < row["first_month"]:
            problems.append(f"staffing_changes（{row['role']}、{row['first_month']}～{row['last_month']}）：起止颠倒")


def _check_documents(opened: _Opened, contract: Contract) -> list[Row]:
    ctx = _Context(contract, masked_ids=not opened.body["include_ids"])
    problems: list[str] = []
    out, seen = [], set()
    for index, doc in enumerate(opened.body["documents"], start=1):
        place = f"documents 第 {index} 项"
        allowed = set(DOCUMENT_FIELDS) | {"lifecycle", "findings"}
        if not isinstance(doc, dict) or set(doc) != allowed:
            problems.append(f"{place}：字段应为 {'、'.join(sorted(allowed))}")
            continue
        clean = _check_row(doc, DOCUMENT_FIELDS, ctx, place, problems)
        if clean is None:
            continue
        lifecycle = doc["lifecycle"]
        if not isinstance(lifecycle, dict) or not set(lifecycle) <= set(NOTICE_LIFECYCLE) or \
                any(v is not None and (not isinstance(v, str) or len(v) > 2000) for v in lifecycle.values()):
            problems.append(f"{place}（lifecycle）：应为通知书的办理记录")
            continue
        findings = doc["findings"]
        if not isinstance(findings, list) or len(findings) > 1000 or not all(
                isinstance(f, list) and len(f) == 3 and all(isinstance(x, str) and len(x) <= 200 for x in f)
                for f in findings):
            problems.append(f"{place}（findings）：应为 [月份, 来源, 键] 的列表")
            continue
        if f"documents/{clean['sha256']}.pdf" not in opened.body["files"]:
            problems.append(f"{place}：审计包中没有它的 PDF")
            continue
        if clean["sha256"] in seen:
            problems.append(f"{place}：同一文书出现了两次")
            continue
        seen.add(clean["sha256"])
        out.append({**clean, "lifecycle": lifecycle, "findings": findings})
    if problems:
        raise InputError(f"{opened.label} 中有 {len(problems)} 处文书记录不合格，未导入任何内容：", problems[:200])
    return out


def _check_files(opened: _Opened, checked: dict[str, list[Row]], documents: list[Row]) -> None:
    """Every file is someone's: an evidence row of its size, or a document."""
    used = {f"documents/{d['sha256']}.pdf" for d in documents}
    for row in checked["evidence"]:
        name = f"evidence/{row['sha256']}"
        if name not in opened.body["files"]:
            raise InputError(f"{opened.label}：证据“{shown(row['filename'])}”的文件不在审计包中")
        if opened.members[name].file_size != row["size"]:
            raise InputError(f"{opened.label}：证据“{shown(row['filename'])}”的大小与记录不符")
        used.add(name)
    for name in opened.body["files"]:
        if name not in used:
            raise InputError(f"{opened.label}：文件“{shown(name)}”不属于任何记录")


# ------------------------------------------------------------------ comparing with this machine

def _key_text(table: str, row: Row) -> str:
    return "、".join(str(row[c]) for c in TABLES[table].key)


def _plan(store: Store, opened: _Opened, contract: Contract, checked: dict[str, list[Row]],
          documents: list[Row]) -> _Plan:
    body, contract_id = opened.body, opened.body["contract_id"]
    plan = _Plan()
    conflicts: list[str] = []
    if store.contracts.exists(contract_id):
        if dict(store.contracts.get(contract_id).data) != body["contract"]:
            conflicts.append(f"合同 {contract_id} 的内容与本机不同")
    else:
        plan.contract = body["contract"]
    local_final = {p for (p,) in store.db.execute(
        "SELECT period FROM months WHERE contract_id = ? AND status = 'final'", [contract_id])}
    for table, spec in TABLES.items():
        columns = _columns(store, table)
        compared = spec.compared or tuple(spec.columns)
        where = " AND ".join(f"{c} IS ?" for c in spec.key)
        for row in checked[table]:
            local = store.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE contract_id = ? AND {where}",
                                     [contract_id, *(row[c] for c in spec.key)]).fetchone()
            if local is None:
                if spec.sealed and row.get("period") in local_final:
                    conflicts.append(f"{table}（{_key_text(table, row)}）：本机的 {row['period']} 已定稿，"
                                     "审计包中有本机没有的记录")
                plan.rows.append((table, row))
                if table == "months":
                    plan.final[row["period"]] = row["status"] == "final"
                continue
            ours = dict(zip(columns, local))
            differing = [c for c in compared if ours[c] != row[c]]
            if differing:
                conflicts.append(f"{table}（{_key_text(table, row)}）：{'、'.join(differing)} 与本机不同")
            else:
                plan.same += 1
    for doc in documents:
        local = store.db.execute("SELECT status, lifecycle FROM received_documents WHERE sha256 = ?",
                                 [doc["sha256"]]).fetchone()
        if local is None:
            clash = store.db.execute("SELECT sender FROM received_documents WHERE kind = ? AND number = ? "
                                     "AND issuer IS ?", [doc["kind"], doc["number"], doc["issuer"]]).fetchone()
            if clash:
                conflicts.append(f"文书 {doc['number']}：本机已从 {clash[0]} 收到同号而内容不同的一份")
            else:
                plan.documents.append(doc)
        elif (local[0], json.loads(local[1])) != (doc["status"], doc["lifecycle"]):
            plan.document_updates.append(doc)
        else:
            plan.same += 1
    if conflicts:
        raise BundleConflict(f"{opened.label} 与本机数据有 {len(conflicts)} 处冲突，未导入任何内容：", conflicts)
    return plan


# ------------------------------------------------------------------ import

def import_bundle(store: Store, source: Path) -> ImportReport:
    """Check the bundle whole, compare it with this machine, and add what is new in one transaction."""
    finish_interrupted(store)
    opened = _open(store, Path(source))
    with opened.archive:
        body = opened.body
        from .contracts import parse_contract

        contract_id = body["contract_id"]
        if not isinstance(contract_id, str) or body["contract"].get("id") != contract_id:
            raise InputError(f"{opened.label}：bundle.json 中的合同编号与合同内容不符")
        contract = parse_contract(body["contract"], source=f"{opened.label} 中的合同")
        checked = _check_tables(opened, contract)
        documents = _check_documents(opened, contract)
        _check_files(opened, checked, documents)
        known = store.db.execute("SELECT 1 FROM inspectors WHERE fingerprint = ?",
                                 [opened.fingerprint]).fetchone() is not None
        report = ImportReport(opened.signer, opened.fingerprint, known)
        plan = _plan(store, opened, contract, checked, documents)
        report.same = plan.same
        if plan.contract is None and not plan.rows and not plan.documents and not plan.document_updates:
            log.info("imported the audit bundle %s of %s: nothing new (%d rows already here)", opened.label,
                     contract_id, report.same)
            return report
        _write_plan(store, opened, plan, report)
    log.info("imported the audit bundle %s of %s, signed by %s… (%s signer): added %s, %d updated, %d already "
             "here; months arrived open: %s", opened.label, contract_id, opened.fingerprint[:16],
             "known" if known else "new", dict(sorted(report.added.items())) or "nothing", report.updated,
             report.same, ", ".join(report.received_final) or "none")
    return report


def _write_plan(store: Store, opened: _Opened, plan: _Plan, report: ImportReport) -> None:
    staging = store.evidence_dir.with_name(f"{store.evidence_dir.name}.incoming-{secrets.token_hex(6)}")
    staged: list[str] = []
    try:
        with store.db.atomic():  # the write lock is held from before the staging until the rows commit
            staged = _stage_evidence(store, opened, plan, staging)
            safezip.checkpoint("bundle-staged", KILL_POINTS)
            _insert(store, opened, plan, report)
            safezip.checkpoint("bundle-written", KILL_POINTS)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    safezip.checkpoint("bundle-committed", KILL_POINTS)
    if staged:
        _place(store, staging, staged)
        safezip.checkpoint("bundle-placed", KILL_POINTS)
    shutil.rmtree(staging, ignore_errors=True)
    safezip.checkpoint("bundle-cleaned", KILL_POINTS)


def _stage_evidence(store: Store, opened: _Opened, plan: _Plan, staging: Path) -> list[str]:
    """The new evidence files, unpacked beside the evidence folder under the hash computed while reading."""
    wanted = sorted({row["sha256"] for table, row in plan.rows if table == "evidence"
                     if not store.evidence.path_of(row["sha256"]).is_file()})
    if not wanted:
        return []
    staging.mkdir(parents=True)
    for sha in wanted:
        partial = staging / "incoming.partial"
        with partial.open("wb") as out:
            computed = safezip.stream(opened.archive, opened.members[f"evidence/{sha}"], opened.label, "审计包",
                                      opened.reading, out.write)
            out.flush()
            os.fsync(out.fileno())
        if computed != sha:
            raise InputError(f"{opened.label} 中 evidence/{sha} 的校验值不符：文件被改动")
        os.replace(partial, staging / computed)  # named by the hash computed here, never by the member's name
    _fsync(staging)
    return wanted


def _insert(store: Store, opened: _Opened, plan: _Plan, report: ImportReport) -> None:
    db, contract_id, stamp = store.db, opened.body["contract_id"], now()
    if plan.contract is not None:
        store.contracts._insert(plan.contract, contract_id)
        report.added["contract"] = 1
    for table, row in plan.rows:
        columns = _columns(store, table)
        values = {c: row[c] for c in columns}
        if table == "months":  # the office finalises its own months
            values["status"], values["finalized_at"] = "open", None
        present = _schema_columns(store, table)
        stamps = [c for c in ("updated_at", "created_at", "imported_at", "added_at") if c in present]
        names = ["contract_id", *values, *stamps]
        cursor = db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                            [contract_id, *values.values(), *[stamp] * len(stamps)])
        new_id = inserted_id(cursor)
        if table == "months":
            state = "对方已定稿" if plan.final[row["period"]] else "对方未定稿"
            db.execute("INSERT INTO month_history (contract_id, period, at, action, reason) VALUES (?, ?, ?, ?, ?)",
                       [contract_id, row["period"], stamp, "received", f"收自 {opened.signer} 的审计包（{state}）"])
            if plan.final[row["period"]]:
                report.received_final.append(row["period"])
        elif table == "imports":
            from .audit import rows_digest

            db.conn.executemany("INSERT INTO import_rows (import_id, row_no, data) VALUES (?, ?, ?)",
                                [(new_id, n, d) for n, d in row["rows"]])
            db.execute("UPDATE imports SET rows_sha256 = ? WHERE id = ?", [rows_digest(db, new_id), new_id])
        elif table == "spot_checks":
            db.conn.executemany(f"INSERT INTO spot_marks (spot_check_id, {', '.join(MARK_COLUMNS)}) "
                                f"VALUES (?, {', '.join('?' * len(MARK_COLUMNS))})",
                                [(new_id, *m.values()) for m in row["marks"]])
        report.added[table] = report.added.get(table, 0) + 1
    for doc in plan.documents:
        pdf = safezip.read_small(opened.archive, opened.members[f"documents/{doc['sha256']}.pdf"], opened.label,
                                 "审计包", opened.reading)
        if hashlib.sha256(pdf).hexdigest() != doc["sha256"]:
            raise InputError(f"{opened.label} 中 documents/{doc['sha256']}.pdf 的校验值不符：文件被改动")
        db.execute("INSERT INTO received_documents (contract_id, kind, number, issuer, year, seq, subject, issued_on, "
                   "period, status, lifecycle, findings, signer_fingerprint, sha256, pdf, sender, sender_fingerprint, "
                   "received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   [contract_id, doc["kind"], doc["number"], doc["issuer"], doc["year"], doc["seq"], doc["subject"],
                    doc["issued_on"], doc["period"], doc["status"],
                    json.dumps(doc["lifecycle"], ensure_ascii=False, sort_keys=True),
                    json.dumps(doc["findings"], ensure_ascii=False), doc["signer_fingerprint"], doc["sha256"], pdf,
                    opened.signer, opened.fingerprint, stamp])
        report.added["received_documents"] = report.added.get("received_documents", 0) + 1
    for doc in plan.document_updates:  # the sender's notice moved on (received, rectified, closed…)
        db.execute("UPDATE received_documents SET status = ?, lifecycle = ?, received_at = ? WHERE sha256 = ?",
                   [doc["status"], json.dumps(doc["lifecycle"], ensure_ascii=False, sort_keys=True), stamp,
                    doc["sha256"]])
        report.updated += 1
    store.trust.remember(opened.certificate, opened.chain)


def _place(store: Store, staging: Path, names: list[str]) -> None:
    """Move staged files that a committed row refers to into the evidence folder; drop the others."""
    for name in names:
        staged = staging / name
        if not staged.is_file() or staged.is_symlink():
            continue
        target = store.evidence.path_of(name)
        referenced = store.db.execute("SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1", [name]).fetchone()
        if referenced and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(staged, target)
            except FileNotFoundError:  # another process finishing the same import moved it first
                pass
            _fsync(target.parent)
        else:
            staged.unlink(missing_ok=True)


def finish_interrupted(store: Store) -> None:
    """Finish an import a kill interrupted after its commit (its staged evidence moves in), or clear one
    interrupted before (its staging is dropped). Under the write lock, so a running import is never
    mistaken for an interrupted one: it holds the lock from before it stages until its rows commit."""
    folder = store.evidence_dir
    prefix = folder.name + ".incoming-"
    try:
        leftovers = [p for p in folder.parent.iterdir()
                     if p.name.startswith(prefix) and _STAGING.fullmatch(p.name[len(prefix):])
                     and p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    if not leftovers:
        return
    with store.db.atomic():
        for staging in leftovers:
            names = []
            for entry in staging.iterdir():
                if _HEX64.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink() \
                        and file_sha256(entry) == entry.name:
                    names.append(entry.name)
            _place(store, staging, names)
            shutil.rmtree(staging, ignore_errors=True)


# ------------------------------------------------------------------ received copies

@dataclass(frozen=True)
class ReceivedDocument:
    id: int
    kind: str
    number: str
    subject: str
    period: str | None
    status: str | None
    issued_on: str | None
    sender: str
    sha256: str


def received_documents(store: Store, contract_id: str) -> list[ReceivedDocument]:
    """Documents other offices issued, as received in bundles (never this office's register)."""
    return [ReceivedDocument(*row) for row in store.db.execute(
        "SELECT id, kind, number, subject, period, status, issued_on, sender, sha256 FROM received_documents "
        "WHERE contract_id = ? ORDER BY issued_on, id", [contract_id])]


def received_pdf(store: Store, document_id: int) -> bytes:
    row = store.db.execute("SELECT pdf FROM received_documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        from .errors import NotFoundError

        raise NotFoundError(f"没有编号为 {document_id} 的收到文书")
    return bytes(row[0])
