"""Payments as they happen: recording that an installment was paid freezes its figures (issue 12).

From then on the installment shows what it said when it was paid; a change in its window later on (a
month reopened, an item corrected, an approval recorded) is an adjustment on the next unpaid installment,
dated and explained, and so is a difference between what was paid and what the installment said.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import stat
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .. import limits
from ..calendar import Period
from ..errors import InputError, StateError
from ..scoring import InstallmentResult
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..storage import Store

log = logging.getLogger(__name__)


_AMOUNT = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?")


def parse_amount(text: str, where: str = "--amount") -> Decimal:
    """An amount paid, in yuan: ``1293600``, ``1,293,600.00``, ``¥1,293,600.00`` (full-width accepted); to the fen.

    Only digits as money is written: ``1.2936E+06`` is what a narrow spreadsheet column shows of 1,293,600 (or
    of 1,293,649.99), and Decimal would also read ``1_000``, ``1,2,3`` or Arabic-Indic digits."""
    plain = unicodedata.normalize("NFKC", str(text)).strip().removeprefix("¥").removeprefix("￥")
    plain = plain.removesuffix("元").strip()
    if plain.startswith("-") and _AMOUNT.fullmatch(plain[1:]):
        raise InputError(f"{where}：金额不能为负数（{limits.shown(text)}）")
    if not _AMOUNT.fullmatch(plain):
        raise InputError(f"{where}：“{limits.shown(text)}”不是数字金额（应写作 1293600.00 或 1,293,600.00）")
    plain = plain.replace(",", "")
    try:
        amount = limits.parse(plain, limits.MONEY)
    except ValueError as exc:
        raise InputError(f"{where}：{exc}") from None
    if amount < 0:
        raise InputError(f"{where}：金额不能为负数（{limits.shown(text)}）")
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError(f"{where}：金额最多到分（两位小数），实为 {limits.shown(text)}")
    return amount.quantize(Decimal("0.01"))


MAX_VOUCHER_BYTES = 64 * 2**20  # a scan or a bank's PDF: far below this


def _check_voucher(path: Path) -> None:
    """A regular file of sane size (a FIFO would hang the copy, a huge file fill the disk), or InputError."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"无法读取付款凭证 {path.name}：{exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"付款凭证 {path.name} 不是普通文件")
    if info.st_size > MAX_VOUCHER_BYTES:
        raise InputError(f"付款凭证 {path.name} 过大（{info.st_size // 2**20} MB，最多 64 MB）")


def record_payment(store: Store, contract_id: str, number: int, paid_on: dt.date, amount: Decimal,
                   voucher: Path | None = None, today: dt.date | None = None) -> Outcome[InstallmentResult]:
    """Record that installment ``number`` was paid ``amount`` on ``paid_on``; its figures as they stand now are
    frozen with it. Installments are paid in order, once each; the voucher is kept as evidence."""
    from ..service import installment_results

    today = today or dt.date.today()
    if voucher is not None:
        _check_voucher(voucher)
    with store.db.atomic():
        contract = store.contracts.get(contract_id)
        results = installment_results(store, contract)
        if not 1 <= number <= len(results):
            raise InputError(f"合同 {contract.id} 共有 {len(results)} 期付款，没有第 {number} 期")
        payments = store.payments.load(contract.id)
        if number in payments:
            paid = payments[number]
            raise StateError(f"{contract.id} 第 {number} 期已于 {paid.paid_on} 登记付款，付款记录不能修改或重复登记")
        unpaid = [n for n in range(1, number) if n not in payments]
        if unpaid:
            raise StateError(f"第 {unpaid[0]} 期尚未登记付款：各期须按顺序登记")
        if paid_on > today:
            raise InputError(f"付款日期 {paid_on} 晚于今天（{today}）")
        if contract.signed_on is not None and paid_on < contract.signed_on:
            raise InputError(f"付款日期 {paid_on} 早于合同签订日（{contract.signed_on}）")
        previous = payments.get(number - 1)
        if previous is not None and paid_on < previous.paid_on:
            raise InputError(f"付款日期 {paid_on} 早于第 {number - 1} 期的付款日期（{previous.paid_on}）")
        reason = limits.problem(amount, limits.MONEY) or (None if amount == amount.quantize(Decimal("0.01"))
                                                          else "金额最多到分（两位小数）")
        if reason:
            raise InputError(f"实付金额 {limits.shown(amount)}：{reason}")
        voucher_id = None
        if voucher is not None:
            voucher_id = store.evidence.add(contract.id, Period.of(paid_on), f"payment-{number}", voucher).id
        frozen = results[number - 1]
        store.payments.record(frozen, paid_on, amount, voucher_id)
        result = installment_results(store, contract)[number - 1]
    log.info("recorded the payment of %s installment %d: %s on %s%s", contract.id, number, amount, paid_on,
             " (provisional figures frozen)" if frozen.provisional else "")
    areas = (Area.PAYMENTS, Area.EVIDENCE) if voucher is not None else (Area.PAYMENTS,)
    return Outcome(result, Changes.of(*areas, contract=contract.id))
