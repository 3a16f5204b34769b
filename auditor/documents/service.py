"""Issuing documents: numbered in the register, rendered, signed and stored in one transaction.

The CLI and the app share it. Without an identity a document is a preview: rendered with 「预览」 in place
of a number and no QR code, and not registered. With one, the document gets the next number of its
series (``{issuer}{word}〔{year}〕{n}号``, per kind, issuer and year), a QR code signed with the inspector's
key, a certifying PAdES signature, and a row in the register that triggers keep immutable.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import InputError, StateError
from ..storage import Store

if TYPE_CHECKING:
    from cryptography.x509 import Certificate

    from .. import pki
    from ..calendar import Period
    from ..charts import Chart
    from ..model import Contract
    from ..scoring import InstallmentResult, MonthResult
    from .payload import CodeCheck
    from .signing import Verification

# kind → (name, word in the number)
KINDS: dict[str, tuple[str, str]] = {
    "notice": ("整改通知书", "整改"),
    "score-sheet": ("考核评分表", "考评"),
    "installment": ("分期考核评分表", "期评"),
    "spot-check": ("现场抽查记录", "抽查"),
    "payment": ("付款核算单", "付款"),
}
PREVIEW = "预览（未登记）"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    """What the user hands over to sign: the PKCS#12 file, its passphrase, a handwritten signature image."""

    p12: bytes
    passphrase: bytes
    signature_png: bytes | None = None

    def load(self) -> pki.Identity:
        from ..pki import load_identity

        return load_identity(self.p12, self.passphrase)


@dataclass(frozen=True)
class Issued:
    pdf: bytes
    number: str = ""
    note: str = ""


class Renderer(Protocol):
    """What issuing needs of a document: its PDF and where on which page the signature stamp goes."""

    @property
    def signature_box(self) -> tuple[int, tuple[float, float, float, float]]: ...

    def render(self) -> bytes: ...


# build(number, QR text, back-dating reason) → the document's renderer
Build = Callable[[str, str, str | None], Renderer]


def signing_identity(store: Store, identity: Identity) -> pki.Identity:
    """The identity, refused when its certificate does not chain to a root this machine trusts: a document
    signed with it could not be verified by anyone, and would look like a forgery."""
    from ..pki import SigningError, chain_status

    loaded = identity.load()
    trusted, problem = chain_status(loaded.certificate, loaded.chain, store.trust.root_certificates())
    if not trusted:
        raise SigningError(f"该证书不能用于签发文书：{problem}。请使用机构根证书签发的检查人员证书"
                           "（auditor ca create / identity create），"
                           "或先把签发它的机构根证书加入信任列表（auditor trust add）")
    return loaded


def check_issue_date(store: Store, kind: str, issuer: str, on: dt.date, backdate_reason: str | None,
                     today: dt.date | None = None) -> str | None:
    """Issue dates follow the numbers: a date before the series' latest is refused unless a reason is
    given (then recorded and printed); a date in the future is refused."""
    today = today or dt.date.today()
    if on > today:
        raise InputError(f"签发日期 {on} 晚于今天（{today}），不能预签")
    last = store.register.last_issued(kind, issuer)
    reason = (backdate_reason or "").strip() or None
    if last is not None and on < last[0]:
        if reason is None:
            raise StateError(f"签发日期 {on} 早于已签发的 {last[1]}（{last[0]}）：文号按日期顺序编排，"
                             "补发须说明理由（--backdate-reason）")
        return reason
    return None


def issue(store: Store, kind: str, contract_id: str, subject: str, content: dict[str, Any],
          build: Build, identity: Identity, on: dt.date, *,
          qr_fields: dict[str, str] | None = None, backdate_reason: str | None = None,
          receipt: bool = False, after: Callable[[int, str, str], None] | None = None) -> Issued:
    """Register, render, sign and store one document, all or nothing.

    ``build(number, qr_text, backdate_reason)`` returns a renderer (``render()``, ``signature_box``, for
    notices ``receipt_box``); ``after(document_id, number, content_sha256)`` runs inside the transaction."""
    from .. import anchors, pki
    from . import payload
    from .signing import sign_pdf

    contract = store.contracts.get(contract_id)
    issuer = contract.party_a.short_name
    signer = signing_identity(store, identity)
    tsa_url = store.trust.setting("tsa_url")
    with store.db.atomic():
        reason = check_issue_date(store, kind, issuer, on, backdate_reason)
        seq = store.register.take_number(kind, issuer, on.year)
        number = f"{issuer}{KINDS[kind][1]}〔{on.year}〕{seq}号"
        content = {**content, "kind": kind, "number": number, "issue_date": on.isoformat(),
                   "backdate_reason": reason or ""}
        digest = payload.content_hash(content)
        qr = payload.make({**(qr_fields or {}), "k": kind, "n": number, "d": on.isoformat(), "h": digest}, signer)
        renderer = build(number, qr, reason)
        pdf = renderer.render()
        page, box = renderer.signature_box
        signed = sign_pdf(pdf, signer, reason=f"签发{number}", location=contract.party_a.name, box=box, page=page,
                          receipt=getattr(renderer, "receipt_box", None) if receipt else None, tsa_url=tsa_url)
        document_id = store.register.add(
            kind=kind, number=number, contract_id=contract_id, subject=subject, issuer=issuer, year=on.year, seq=seq,
            issued_on=on, content=content, content_sha256=digest, pdf=signed.pdf,
            signer_fingerprint=pki.fingerprint(signer.certificate), backdate_reason=reason, qr=qr)
        anchors.sign_head(store, signer, "document", document_id)  # the chain as it stands, signed by the inspector
        store.trust.remember(signer.certificate, signer.chain)
        if after is not None:
            after(document_id, number, digest)
    log.info("issued %s %s for %s dated %s%s, signed by %s…, content sha256 %s…", KINDS[kind][0], number,
             contract_id, on, " (back-dated, reason recorded)" if reason else "",
             pki.fingerprint(signer.certificate)[:16], digest[:12])
    return Issued(signed.pdf, number, signed.note)


def _charts(contract: Contract, months: Mapping[Period, MonthResult], codes: Sequence[str]) -> list[Chart]:
    from .. import charts

    return [*(charts.trend_data(contract, months, code) for code in codes), charts.money_data(contract, months),
            charts.headcount_data(contract, months)]


def _issue_or_preview(store: Store, kind: str, contract: Contract, subject: str, content: dict[str, Any], make: Build,
                      identity: Identity | None, on: dt.date | None, backdate_reason: str | None,
                      qr_fields: dict[str, str]) -> Issued:
    if identity is None:
        return Issued(make(PREVIEW, "", None).render())
    return issue(store, kind, contract.id, subject, content, make, identity, on or dt.date.today(),
                 qr_fields=qr_fields, backdate_reason=backdate_reason)


def score_sheet(store: Store, contract_id: str, period_text: str, identity: Identity | None = None,
                with_charts: bool = True, on: dt.date | None = None, backdate_reason: str | None = None) -> Issued:
    from ..model import Status
    from ..serialize import month_to_dict
    from ..service import assessed_under, parse_period, term_results
    from .fonts import prefetch
    from .reports import ScoreSheet

    prefetch()
    contract = store.contracts.get(contract_id)
    period = parse_period(contract, period_text)
    months = term_results(store, contract, until=period)
    month = months[period]
    content = month_to_dict(month)
    failing = [i.code for i in month.items if i.status is Status.FAIL and not i.indicator.derived][:2]
    under = assessed_under(store, contract, period)  # a finalised month: the version it was assessed under

    def make(number: str, qr: str, reason: str | None) -> ScoreSheet:
        return ScoreSheet(under, [month], None, number, qr, _charts(contract, months, failing) if with_charts else [],
                          identity.signature_png if identity else None, note=reason)

    fields = {"a": content["deduction_total"] or "", "p": content["score"] or ""}
    return _issue_or_preview(store, "score-sheet", contract, f"{contract.id} {period}", content, make, identity, on,
                             backdate_reason, fields)


def _installment(store: Store, contract: Contract, number: int) -> tuple[dict[Period, MonthResult], InstallmentResult]:
    from ..service import installment_results, term_results

    months = term_results(store, contract)
    results = installment_results(store, contract, months)
    if not 1 <= number <= len(results):
        raise InputError(f"合同 {contract.id} 共有 {len(results)} 期付款，没有第 {number} 期")
    return months, results[number - 1]


def installment_sheet(store: Store, contract_id: str, number: int, identity: Identity | None = None,
                      with_charts: bool = True, on: dt.date | None = None,
                      backdate_reason: str | None = None) -> Issued:
    from ..serialize import installment_to_dict
    from .fonts import prefetch
    from .reports import ScoreSheet

    prefetch()
    contract = store.contracts.get(contract_id)
    months, result = _installment(store, contract, number)
    if not result.months:
        raise InputError(f"第 {number} 期不按考核结果付款，没有考核评分表")
    content = installment_to_dict(result)

    def make(doc_number: str, qr: str, reason: str | None) -> ScoreSheet:
        return ScoreSheet(contract, [months[p] for p in result.months], result, doc_number, qr,
                          _charts(contract, {p: months[p] for p in result.months}, []) if with_charts else [],
                          identity.signature_png if identity else None, note=reason)

    fields = {"a": content["payable"] or "", "p": content["score"] or ""}
    return _issue_or_preview(store, "installment", contract, f"{contract.id} 第{number}期", content, make, identity,
                             on, backdate_reason, fields)


def payment_statement(store: Store, contract_id: str, number: int, identity: Identity | None = None,
                      on: dt.date | None = None, backdate_reason: str | None = None) -> Issued:
    from ..serialize import installment_to_dict
    from .reports import PaymentStatement

    contract = store.contracts.get(contract_id)
    _, result = _installment(store, contract, number)
    content = installment_to_dict(result)

    def make(doc_number: str, qr: str, reason: str | None) -> PaymentStatement:
        return PaymentStatement(contract, result, doc_number, qr, identity.signature_png if identity else None,
                                note=reason)

    return _issue_or_preview(store, "payment", contract, f"{contract.id} 第{number}期", content, make, identity, on,
                             backdate_reason, {"a": content["payable"] or ""})


def spot_check_record(store: Store, check_id: int, identity: Identity | None = None, on: dt.date | None = None,
                      backdate_reason: str | None = None) -> Issued:
    from .reports import SpotCheckRecord

    check = store.personnel.spot_check(check_id)
    contract = store.contracts.get(check["contract_id"])
    entries = store.personnel.spot_entries(check_id)
    # what the register keeps (and `documents export` hands out): never a full ID number
    from ..idcard import mask

    content = {"check": check, "entries": [
        {"person": mask(e.key) if e.key[:17].isdigit() else e.key, "name": e.name, "employee_no": e.employee_no,
         "role": e.role, "on_roster": e.on_roster, "status": e.status} for e in entries]}

    def make(doc_number: str, qr: str, reason: str | None) -> SpotCheckRecord:
        return SpotCheckRecord(contract, check, entries, doc_number, qr, identity.signature_png if identity else None,
                               note=reason)

    return _issue_or_preview(store, "spot-check", contract, f"{contract.id} 抽查#{check_id}", content, make, identity,
                             on, backdate_reason, {})


def blank_checklist(store: Store, contract_id: str, period_text: str) -> Issued:
    """现场检查表 for a contract and month: a form, never registered. The roster to tick is the month's,
    or the latest one before it (the month's own is submitted after the month)."""
    from ..calendar import Period
    from ..scoring import is_due
    from ..service import parse_period
    from ..staffing import Person, people
    from .checklist import BlankChecklist, ChecklistData

    contract = store.contracts.get(contract_id)
    period = parse_period(contract, period_text)
    indicators = tuple(i for i in contract.indicators if not i.derived and is_due(contract, i, period))
    roster_period: Period | None = None
    persons: tuple[Person, ...] = ()
    for back in range(0, 13):
        month = Period.from_index(period.index - back)
        dataset = store.personnel.dataset(contract.id, month, "roster")
        if dataset is not None:
            roster_period = month
            persons = tuple(p for p in people(dataset.records)
                            if p.leave_date is None or p.leave_date >= period.first_day)
            break
    return Issued(BlankChecklist(ChecklistData(contract, period, indicators, persons, roster_period)).render())


def notice_pdf(store: Store, key: int | str) -> bytes:
    """An issued notice's stored PDF (never re-rendered), or a draft's preview."""
    from .. import notices

    notice = notices.get(store, key)
    if notice.status == "draft" or notice.document_id is None:
        return notices.render_draft(store, notice.id)  # names an issued notice whose document is missing
    return store.register.pdf(notice.document_id)


def verify(store: Store, data: bytes) -> Verification:
    """Verify a PDF against this machine's trust list and register. A valid signer's certificate is
    remembered, so that a printed QR code signed by them can be checked later without the PDF."""
    from .signing import verify_pdf

    def registered(number: str) -> bytes | None:
        document = store.register.find(number)
        return store.register.pdf(document.id) if document is not None else None

    result = verify_pdf(data, store.trust.root_certificates(), registered)
    if result.outcome == "valid" and result.certificates:
        store.trust.remember(*result.certificates)
    return result


def verify_code(store: Store, text: str, extra_certificates: Iterable[Certificate] = ()) -> CodeCheck:
    from ..pki import load_certificate, split_certificates
    from . import payload

    parsed = payload.parse(text)
    certificates: list[tuple[Certificate, Sequence[Certificate]]] = [
        (load_certificate(c), split_certificates(chain)) for c, chain in
                    store.trust.certificates_by_prefix(parsed.fields.get("f", "")[:32] or "-")]
    certificates += [(c, ()) for c in extra_certificates]
    registered = store.register.find(parsed.fields["n"])
    return payload.verify(text, certificates, store.trust.root_certificates(),
                          registered.qr if registered is not None and registered.qr else None)
