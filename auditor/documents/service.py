"""Render (and optionally sign) each kind of document from what is stored; the CLI and the app share it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..errors import InputError
from ..storage import Store


@dataclass(frozen=True)
class Identity:
    p12: bytes
    passphrase: bytes
    signature_png: bytes | None = None


KINDS = ("score-sheet", "installment", "notice", "spot-check", "payment")


def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _sign(pdf: bytes, renderer, identity: Identity | None, reason: str, location: str) -> bytes:
    if identity is None:
        return pdf
    from .signing import sign_pdf

    page, box = renderer.signature_box
    return sign_pdf(pdf, identity.p12, identity.passphrase, reason=reason, location=location, box=box, page=page)


def _charts(contract, months, codes):
    from .. import charts

    drawers = [lambda ax, code=code: charts.indicator_trend(contract, months, code, ax=ax) for code in codes]
    drawers += [lambda ax: charts.money_history(contract, months, ax=ax),
                lambda ax: charts.headcount_chart(contract, months, ax=ax)]
    return drawers


def score_sheet(store: Store, contract_id: str, period_text: str, identity: Identity | None = None,
                with_charts: bool = True) -> bytes:
    from ..cli import month_to_dict
    from ..model import Status
    from ..service import parse_period, term_results
    from .reports import ScoreSheet

    contract = store.contracts.get(contract_id)
    period = parse_period(contract, period_text)
    months = term_results(store, contract, until=period)
    month = months[period]
    number = f"考核评分表 {contract.id} {period}"
    failing = [i.code for i in month.items if i.status is Status.FAIL and not i.indicator.derived][:2]
    renderer = ScoreSheet(contract, [month], None, number, _digest(month_to_dict(month)),
                          _charts(contract, months, failing) if with_charts else [],
                          identity.signature_png if identity else None)
    return _sign(renderer.render(), renderer, identity, f"签署{number}", contract.party_a.name)


def installment_sheet(store: Store, contract_id: str, number: int, identity: Identity | None = None,
                      with_charts: bool = True) -> bytes:
    from ..cli import installment_to_dict
    from ..service import installment_results, term_results
    from .reports import ScoreSheet

    contract = store.contracts.get(contract_id)
    months = term_results(store, contract)
    results = installment_results(store, contract, months)
    if not 1 <= number <= len(results):
        raise InputError(f"合同 {contract.id} 共有 {len(results)} 期付款，没有第 {number} 期")
    result = results[number - 1]
    if not result.months:
        raise InputError(f"第 {number} 期不按考核结果付款，没有考核评分表")
    doc_number = f"考核评分表 {contract.id} 第{number}期"
    renderer = ScoreSheet(contract, [months[p] for p in result.months], result, doc_number,
                          _digest(installment_to_dict(result)),
                          _charts(contract, {p: months[p] for p in result.months}, []) if with_charts else [],
                          identity.signature_png if identity else None)
    return _sign(renderer.render(), renderer, identity, f"签署{doc_number}", contract.party_a.name)


def payment_statement(store: Store, contract_id: str, number: int, identity: Identity | None = None) -> bytes:
    from ..cli import installment_to_dict
    from ..service import installment_result
    from .reports import PaymentStatement

    contract = store.contracts.get(contract_id)
    result = installment_result(store, contract, number)
    doc_number = f"付款核算单 {contract.id} 第{number}期"
    renderer = PaymentStatement(contract, result, doc_number, _digest(installment_to_dict(result)),
                                identity.signature_png if identity else None)
    return _sign(renderer.render(), renderer, identity, f"签署{doc_number}", contract.party_a.name)


def spot_check_record(store: Store, check_id: int, identity: Identity | None = None) -> bytes:
    from .reports import SpotCheckRecord

    check = store.personnel.spot_check(check_id)
    contract = store.contracts.get(check["contract_id"])
    entries = store.personnel.spot_entries(check_id)
    doc_number = f"现场抽查记录 {contract.id} #{check_id}"
    renderer = SpotCheckRecord(contract, check, entries, doc_number,
                               _digest({"check": check, "entries": [e.__repr__() for e in entries]}),
                               identity.signature_png if identity else None)
    return _sign(renderer.render(), renderer, identity, f"签署{doc_number}", contract.party_a.name)


def notice_pdf(store: Store, key: int | str) -> bytes:
    """An issued notice's stored PDF (never re-rendered), or a draft's preview."""
    from .. import notices

    notice = notices.get(store, key)
    if notice.status == "draft":
        return notices.render_draft(store, notice.id)
    return notices.document_bytes(store, notice.document_id)


def known_fingerprints(store: Store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT fingerprint FROM inspectors WHERE fingerprint IS NOT NULL")}

