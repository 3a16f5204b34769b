"""Documents issued: numbered in the register, signed with the inspector's identity, immutable. Without an
identity the same calls give an unsigned preview and change nothing."""
from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

from . import NOTHING, Area, Changes, Outcome

if TYPE_CHECKING:
    from ..documents.service import Identity, Issued
    from ..storage import Store


def _writing(store: Store, identity: Identity | None) -> contextlib.AbstractContextManager[Any]:
    """Issuing writes (one transaction); a preview only reads and must not hold the write lock while it renders."""
    return store.db.atomic() if identity is not None else contextlib.nullcontext()


def _outcome(issued: Issued, contract_id: str) -> Outcome[Issued]:
    return Outcome(issued, Changes.of(Area.DOCUMENTS, contract=contract_id) if issued.number else NOTHING)


def score_sheet(store: Store, contract_id: str, period_text: str, identity: Identity | None = None, *,
                on: dt.date | None = None, backdate_reason: str | None = None) -> Outcome[Issued]:
    from ..documents import service

    with _writing(store, identity):
        issued = service.score_sheet(store, contract_id, period_text, identity, on=on, backdate_reason=backdate_reason)
    return _outcome(issued, contract_id)


def installment_sheet(store: Store, contract_id: str, number: int, identity: Identity | None = None, *,
                      on: dt.date | None = None, backdate_reason: str | None = None) -> Outcome[Issued]:
    from ..documents import service

    with _writing(store, identity):
        issued = service.installment_sheet(store, contract_id, number, identity, on=on,
                                           backdate_reason=backdate_reason)
    return _outcome(issued, contract_id)


def payment_statement(store: Store, contract_id: str, number: int, identity: Identity | None = None, *,
                      on: dt.date | None = None, backdate_reason: str | None = None) -> Outcome[Issued]:
    from ..documents import service

    with _writing(store, identity):
        issued = service.payment_statement(store, contract_id, number, identity, on=on,
                                           backdate_reason=backdate_reason)
    return _outcome(issued, contract_id)


def spot_check_record(store: Store, check_id: int, identity: Identity | None = None, *,
                      on: dt.date | None = None, backdate_reason: str | None = None) -> Outcome[Issued]:
    from ..documents import service

    with _writing(store, identity):
        issued = service.spot_check_record(store, check_id, identity, on=on, backdate_reason=backdate_reason)
        contract_id = store.personnel.spot_check(check_id)["contract_id"]
    return _outcome(issued, contract_id)


def checklist(store: Store, contract_id: str, period_text: str, identity: Identity | None = None, *,
              on: dt.date | None = None) -> Outcome[Issued]:
    """The blank 现场检查表: a form to fill in on site, read only (never signed or registered)."""
    from ..documents import service

    return Outcome(service.blank_checklist(store, contract_id, period_text))
