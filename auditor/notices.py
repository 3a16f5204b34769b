"""Rectification notices (SPEC §8): draft → issued (signed, frozen) → received → rectified → closed;
overdue → escalated. A correction is a new notice that supersedes the old one.

Numbers are ``{issuer short name}整改〔{year}〕{n}号``, sequential per issuer and
year, given at issue (so an abandoned draft leaves no gap) and never reused.
Issuing renders, signs and stores the PDF and freezes the notice in one
transaction; SQLite triggers refuse any later change to what was issued.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .calendar import Period
from .contract_text import consequences
from .documents.notice import NoticeData, NoticeFinding, NoticeRenderer, OrderAnnex
from .errors import InputError, NotFoundError, StateError
from .model import Contract
from .storage import Store
from .storage.notices_repo import STATUS_LABELS, Notice

__all__ = ["STATUS_LABELS", "Notice", "close", "draft", "escalate", "get", "issue", "list_notices", "receive",
           "receive_signed", "rectified", "render_draft", "update_draft"]

if TYPE_CHECKING:
    from .documents.service import Identity
    from .storage.findings_repo import Finding

def get(store: Store, key: int | str) -> Notice:
    """By id (int) or number (str)."""
    return store.notices.get(key)


def list_notices(store: Store, contract_id: str | None = None) -> list[Notice]:
    return store.notices.list(contract_id)


def draft(store: Store, contract: Contract, period: Period, *, inspection_date: dt.date, place: str,
          inspectors: str, finding_ids: Iterable[int] | None = None, supersedes: str | None = None) -> Notice:
    """A draft from the chosen findings (by default every open finding of the month)."""
    findings = (store.findings.list(contract.id, period, status="open") if finding_ids is None
                else [store.findings.get(i) for i in finding_ids])
    if not findings:
        raise InputError(f"{period} 没有可纳入整改通知书的问题")
    if any(f.contract_id != contract.id for f in findings):
        raise InputError("所选问题不属于该合同")
    if not place.strip() or not inspectors.strip():
        raise InputError("须填写检查地点和检查人员")
    old = None
    if supersedes:
        old = get(store, supersedes)
        if old.status in ("draft", "superseded"):
            raise StateError(f"{supersedes} 不是有效的已签发通知书，不能被替代")
    clauses = "、".join(dict.fromkeys(f.clause for f in findings if f.clause))
    annexes, cited = order_annexes(store, contract, findings)
    content = {
        "issuer": contract.party_a.name, "addressee": contract.party_b.name, "contract_name": contract.name,
        "contract_no": contract.contract_no or contract.project_no, "basis_clauses": clauses,
        "period_label": period.label(), "inspection_date": inspection_date.isoformat(), "place": place.strip(),
        "inspectors": inspectors.strip(),
        "findings": [{"title": f.title, "detail": f.detail, "clause": f.clause,
                      **({"annex": cited[f.id]} if f.id in cited else {})} for f in findings],
        "consequences": consequences(contract),  # only the remedies this contract has a clause for
        "deadline_days": contract.settings.notice_deadline_days, "supersedes": old.number if old else "",
        **({"annexes": annexes} if annexes else {}),
    }
    notice_id = store.notices.add_draft(contract.id, period, contract.party_a.short_name, content,
                                        old.id if old else None, [f.id for f in findings])
    return get(store, notice_id)


# what the annex prints of workorders.ANNEX_HEADERS (the CSV keeps all): 所在行 and 月份 stay in the file
PRINTED_COLUMNS = ("工单编号", "受理时间", "起算时间", "完成时间", "时限截止", "超时", "情形")


def order_annexes(store: Store, contract: Contract, findings: list[Finding]
                  ) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """The failing work orders of the findings computed from the records, one annex per item (the item's own
    failure and 「自报数据与工单记录不符」 share it), numbered from 附件2 (附件1 is the 回执); and the annex
    each finding cites. Every order is kept: the content is what the notice is frozen with."""
    from .workorder_service import annex_rows
    from .workorders import ANNEX_HEADERS, LABELS, percent_text

    annexes: list[dict[str, Any]] = []
    numbers: dict[tuple[str, str], int] = {}
    cited: dict[int, int] = {}
    for finding in findings:
        item = (str(finding.period), finding.key)
        if item not in numbers:
            rows = annex_rows(store, finding)
            if not rows:
                continue
            result = next(r for r in store.workorders.results(finding.contract_id, finding.period)
                          if r.code == finding.key)
            indicator = contract.indicator(finding.key)
            at = {h: i for i, h in enumerate(ANNEX_HEADERS)}
            columns = [c for c in PRINTED_COLUMNS if any(row[at[c]] for row in rows)]
            if all(row[at["起算时间"]] in ("", row[at["受理时间"]]) for row in rows) and "起算时间" in columns:
                columns.remove("起算时间")        # the clock starts at 受理 for every order: said once
            rate = result.rate(indicator)
            left_out = "、".join(f"{LABELS[k]} {n} 单" for k, n in result.excluded.items() if n)
            figure = (f"{percent_text(rate)}（{result.numerator}/{result.denominator}"
                      f"{f'，剔除{left_out}' if left_out else ''}）" if rate is not None else "无法计算")
            sources = []
            for month in result.months or (str(finding.period),):
                info = store.workorders.import_info(finding.contract_id, Period.parse(month))
                if info is not None:
                    sources.append(f"{info['source']}（{Period.parse(month).label()}工单记录，"
                                   f"SHA-256 {info['sha256']}）")
            annex = OrderAnnex(indicator.code, f"{indicator.code} {indicator.name} 不达标工单清单",
                               f"经核查你单位{finding.period.label()}工单记录，{indicator.name}为{figure}，合同要求"
                               f"{indicator.target_text}。不符合要求的工单", tuple(ANNEX_HEADERS), tuple(columns),
                               tuple(tuple(r) for r in rows), tuple(sources))
            numbers[item] = len(annexes) + 2
            annexes.append({"code": annex.code, "title": annex.title, "intro": annex.intro,
                            "headers": list(annex.headers), "columns": columns, "rows": [list(r) for r in rows],
                            "sources": sources, "total": len(rows), "csv_sha256": annex.sha256})
        cited[finding.id] = numbers[item]
    return annexes, cited


def update_draft(store: Store, notice_id: int, **changes: Any) -> Notice:
    notice = get(store, notice_id)
    if notice.status != "draft":
        raise StateError(f"{notice.label} 已签发，不能修改；如需更正，请起草一份替代它的新通知书")
    allowed = {"place", "inspectors", "inspection_date", "consequences", "deadline_days", "findings"}
    unknown = set(changes) - allowed
    if unknown:
        raise InputError(f"不能修改：{'、'.join(sorted(unknown))}")
    content = {**notice.content, **changes}
    store.notices.set_draft_content(notice_id, content)
    return get(store, notice_id)


def notice_data(notice: Notice, number: str = "", issue_date: dt.date | None = None,
                signature_png: bytes | None = None) -> NoticeData:
    c = notice.content
    issue_date = issue_date or dt.date.today()
    deadline = issue_date + dt.timedelta(days=int(c["deadline_days"]))
    data = NoticeData(number, c["issuer"], c["addressee"], c["contract_name"], c["contract_no"], c["basis_clauses"],
                      c["period_label"], dt.date.fromisoformat(c["inspection_date"]), c["place"], c["inspectors"],
                      tuple(NoticeFinding(**f) for f in c["findings"]), deadline, c["consequences"], issue_date,
                      supersedes=c.get("supersedes", ""),
                      annexes=tuple(OrderAnnex(a["code"], a["title"], a["intro"], tuple(a["headers"]),
                                               tuple(a["columns"]), tuple(tuple(r) for r in a["rows"]),
                                               tuple(a["sources"])) for a in c.get("annexes", ())))
    return data


def render_draft(store: Store, notice_id: int) -> bytes:
    notice = get(store, notice_id)
    if notice.status != "draft":
        if notice.document_id is None:
            raise NotFoundError(f"{notice.label} 没有登记的文书")
        return store.register.pdf(notice.document_id)
    return NoticeRenderer(notice_data(notice)).render()


def issue(store: Store, notice_id: int, issue_date: dt.date, *, identity: Identity | None = None,
          backdate_reason: str | None = None) -> tuple[Notice, bytes]:
    """Number, render, certify (with the operator's receipt field) and register; the notice is frozen from
    then on. All in one transaction. ``identity``: documents.service.Identity."""
    from dataclasses import replace

    from .documents import service

    notice = get(store, notice_id)
    if notice.status != "draft":
        raise StateError(f"{notice.label} 已签发")
    if identity is None:
        raise InputError("签发整改通知书须用检查人员证书签名（--sign 证书 --passphrase-file 口令文件）")

    def build(number: str, qr: str, reason: str | None) -> NoticeRenderer:
        data = replace(notice_data(notice, number, issue_date), qr=qr, signature_png=identity.signature_png,
                       backdate_reason=reason or "")
        return NoticeRenderer(data)

    def after(document_id: int, number: str, digest: str) -> None:
        deadline = notice_data(notice, number, issue_date).deadline
        content = {**notice.content, "number": number, "issue_date": issue_date.isoformat(),
                   "deadline": deadline.isoformat()}
        store.notices.mark_issued(notice_id, number=number, document_id=document_id, content=content, digest=digest,
                                  deadline=deadline, supersedes=notice.content.get("supersedes") or None)

    deadline = notice_data(notice, "", issue_date).deadline
    content = {**notice.content, "deadline": deadline.isoformat()}
    issued = service.issue(store, "notice", notice.contract_id, f"{notice.contract_id} {notice.period}", content,
                           build, identity, issue_date, qr_fields={"x": deadline.isoformat()},
                           backdate_reason=backdate_reason, receipt=True, after=after)
    return get(store, notice_id), issued.pdf


def document_bytes(store: Store, document_id: int | None) -> bytes:
    if document_id is None:
        raise NotFoundError("没有该文书")
    return store.register.pdf(document_id)


def _transition(store: Store, number: str, allowed: tuple[str, ...], target: str, sets: dict[str, Any]) -> Notice:
    return store.notices.transition(number, allowed, target, sets)


def receive(store: Store, number: str, by: str, on: dt.date) -> Notice:
    if not by.strip():
        raise InputError("须填写签收人")
    return _transition(store, number, ("issued", "escalated"), "received",
                       {"received_by": by.strip(), "received_at": on.isoformat()})


def receive_signed(store: Store, number: str, path: str | Path) -> Notice:
    """Receipt proven by the operator's countersignature in the notice's 回执 field: the file must be the
    registered notice, intact, plus a valid signature in that field. Signer and date come from it; the file
    is kept as evidence."""
    from .documents import service

    notice = get(store, number)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取签收文件 {path}：{exc.strerror}") from None
    result = service.verify(store, data)
    if result.outcome != "valid" or result.number != number or result.registered != "match":
        problem = "；".join(result.problems) or result.summary
        raise InputError(f"{path.name} 不是{number}经核验的签发件（{problem}）")
    receipt = result.receipt
    if receipt is None:
        raise InputError(f"{path.name} 的回执签收栏中没有有效的乙方电子签名")
    # the signing time is the operator's own clock (unless time-stamped): believed only where it is possible
    issued_on = store.register.get(number).issued_on
    signed_on = receipt.signed_at.astimezone().date() if receipt.signed_at else None
    if signed_on is None or (issued_on is not None and signed_on < issued_on):
        raise InputError(f"{path.name} 的签收时间（{signed_on or '无'}）早于通知书签发日期 {issued_on}："
                         "签收签名的时间不可信")
    if signed_on > dt.date.today():
        raise InputError(f"{path.name} 的签收时间 {signed_on} 晚于今天：签收签名的时间不可信")
    evidence = store.evidence.add(notice.contract_id, notice.period, "notice", path)
    who = f"{receipt.signer}（电子签名，证书 {receipt.fingerprint[:16]}，证据 #{evidence.id}）"
    return receive(store, number, who, signed_on)


def rectified(store: Store, number: str, on: dt.date, report_evidence_id: int | None = None) -> Notice:
    return _transition(store, number, ("issued", "received", "escalated"), "rectified",
                       {"rectified_at": on.isoformat(), "report_evidence_id": report_evidence_id})


def close(store: Store, number: str, by: str, on: dt.date) -> Notice:
    if not by.strip():
        raise InputError("须填写核验人")
    with store.db.atomic():  # the notice and its findings close together
        notice = _transition(store, number, ("rectified",), "closed",
                             {"closed_by": by.strip(), "closed_at": on.isoformat()})
        store.notices.set_findings_status(notice.id, "closed")
    return notice


def escalate(store: Store, number: str, reason: str, on: dt.date) -> Notice:
    notice = get(store, number)
    if not notice.overdue(on):
        raise StateError(f"{number} 未逾期，无需升级处理")
    return _transition(store, number, ("issued", "received"), "escalated",
                       {"escalated_at": on.isoformat(), "escalation": reason.strip()})


def overdue(store: Store, today: dt.date, contract_id: str | None = None) -> list[Notice]:
    return [n for n in list_notices(store, contract_id) if n.overdue(today)]

