"""The notice's life as operations: draft, edit, issue (numbered, signed, frozen), receive, rectified,
close, escalate. Each is one transaction; the rules themselves are in :mod:`auditor.notices`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar import Period
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..documents.service import Identity
    from ..notices import Notice
    from ..storage import Store


def _changed(notice: Notice, *areas: Area) -> Changes:
    return Changes.of(Area.NOTICES, *areas, contract=notice.contract_id, periods=[notice.period])


def draft(store: Store, contract_id: str, period: Period, *, inspection_date: dt.date, place: str, inspectors: str,
          finding_ids: Iterable[int] | None = None, supersedes: str | None = None) -> Outcome[Notice]:
    from .. import notices

    with store.db.atomic():
        notice = notices.draft(store, store.contracts.get(contract_id), period, inspection_date=inspection_date,
                               place=place, inspectors=inspectors, finding_ids=finding_ids, supersedes=supersedes)
    return Outcome(notice, _changed(notice))


def update_draft(store: Store, notice_id: int, **changes: Any) -> Outcome[Notice]:
    from .. import notices

    with store.db.atomic():
        notice = notices.update_draft(store, notice_id, **changes)
    return Outcome(notice, _changed(notice))


def issue(store: Store, notice_id: int, on: dt.date, *, identity: Identity | None,
          backdate_reason: str | None = None) -> Outcome[tuple[Notice, bytes]]:
    """Numbered, rendered, signed, registered and frozen; its findings become 'noticed'."""
    from .. import notices

    with store.db.atomic():
        notice, pdf = notices.issue(store, notice_id, on, identity=identity, backdate_reason=backdate_reason)
    return Outcome((notice, pdf), _changed(notice, Area.DOCUMENTS, Area.FINDINGS))


def receive(store: Store, number: str, by: str, on: dt.date) -> Outcome[Notice]:
    from .. import notices

    with store.db.atomic():
        notice = notices.receive(store, number, by, on)
    return Outcome(notice, _changed(notice))


def receive_signed(store: Store, number: str, path: Path) -> Outcome[Notice]:
    """Receipt proven by the operator's countersigned copy (kept as evidence with the receipt)."""
    from .. import notices

    with store.db.atomic():
        notice = notices.receive_signed(store, number, path)
    return Outcome(notice, _changed(notice, Area.EVIDENCE))


def rectified(store: Store, number: str, on: dt.date, report: Path | None = None) -> Outcome[Notice]:
    """The operator reports the rectification; its 整改报告 (optional) is kept as evidence, in the same
    transaction: a refused transition leaves no orphan evidence behind."""
    from .. import notices

    with store.db.atomic():
        evidence = None
        if report is not None:
            current = notices.get(store, number)
            evidence = store.evidence.add(current.contract_id, current.period, "notice", report).id
        notice = notices.rectified(store, number, on, evidence)
    return Outcome(notice, _changed(notice, Area.EVIDENCE) if report else _changed(notice))


def close(store: Store, number: str, by: str, on: dt.date) -> Outcome[Notice]:
    from .. import notices

    notice = notices.close(store, number, by, on)
    return Outcome(notice, _changed(notice, Area.FINDINGS))


def escalate(store: Store, number: str, reason: str, on: dt.date) -> Outcome[Notice]:
    from .. import notices

    with store.db.atomic():
        notice = notices.escalate(store, number, reason, on)
    return Outcome(notice, _changed(notice))
