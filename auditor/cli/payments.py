"""The payment commands: ``payment CONTRACT N`` (the installment's figures) and
``payment record CONTRACT N --paid-on DATE --amount X [--voucher F]`` (a payment as it happens)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..errors import InputError
from .args import EXIT_OK, _day, _input_file, _number, _text
from .files import print_json

if TYPE_CHECKING:
    from ..scoring import InstallmentResult
    from ..storage import Store
    from .args import Subparsers

T = TypeVar("T")


def print_installment(name: str, result: InstallmentResult) -> None:
    """An installment for a person: its figures, each deduction with its clause, then its notes."""
    from ..money import amount_in_words, format_yuan
    from ..serialize import installment_notes, number_text, remainder_rows

    inst = result.installment
    print(f"{name}  第{inst.number}期（{number_text(inst.percent)}%，{inst.due_text}）")
    print(f"  金额：{format_yuan(result.amount)}")
    if result.score is not None:
        print(f"  得分：{result.score_text}，支付比例 {number_text(result.band_percent)}%，"
              f"应付 {format_yuan(result.gross)}")
    for d in result.deductions:
        print(f"  扣减 {d.period} {d.label}：{format_yuan(d.amount)}（{d.basis}；{d.clause}）")
    if result.carried_in:
        print(f"  上期结转扣减：{format_yuan(result.carried_in)}")
    print(f"  实付：{format_yuan(result.payable)}（{amount_in_words(result.payable)}）")
    for label, value in remainder_rows(result):
        print(f"  {label}：{value}")
    for line in installment_notes(result):
        print(f"  {line}")


def cmd_payment(store: Store, args: argparse.Namespace) -> int:
    words = args.words
    if len(words) == 3 and words[0] == "record":
        return _record(store, args, words[1], words[2])
    if len(words) != 2:
        raise InputError("用法：auditor payment CONTRACT N [--json]，或 auditor payment record CONTRACT N "
                         "--paid-on YYYY-MM-DD --amount 金额 [--voucher 文件]")
    if args.paid_on or args.amount or args.voucher:
        raise InputError("--paid-on、--amount、--voucher 只用于登记付款：auditor payment record CONTRACT N …")
    from ..serialize import installment_to_dict
    from ..service import installment_result

    contract = store.contracts.get(_word(_text, words[0], "contract"))
    result = installment_result(store, contract, _word(_number, words[1], "number"))
    if args.json:
        print_json(installment_to_dict(result))
        return EXIT_OK
    print_installment(contract.name, result)
    return EXIT_OK


def _record(store: Store, args: argparse.Namespace, contract_text: str, number_text: str) -> int:
    import datetime as dt
    from pathlib import Path

    from ..money import format_yuan
    from ..operations.payments import parse_amount, record_payment
    from ..serialize import installment_to_dict

    contract_id, number = _word(_text, contract_text, "contract"), _word(_number, number_text, "number")
    if not args.paid_on or args.amount is None:
        raise InputError("登记付款须给出 --paid-on（付款日期）和 --amount（实付金额）")
    voucher = Path(_word(_input_file, args.voucher, "--voucher")) if args.voucher else None
    outcome = record_payment(store, contract_id, number, dt.date.fromisoformat(args.paid_on),
                             parse_amount(args.amount), voucher)
    result = outcome.value
    if args.json:
        print_json(installment_to_dict(result))
        return EXIT_OK
    assert result.paid is not None
    print(f"已登记 {contract_id} 第{number}期付款：{result.paid.paid_on} 实付 {format_yuan(result.paid.amount)}；"
          "本期数字自此冻结")
    if result.paid.amount != result.payable:
        print(f"  注意：核算实付为 {format_yuan(result.payable)}，差额列入下一未付期次的调整")
    return EXIT_OK


def _word(check: Callable[[str], T], text: str, name: str) -> T:
    """A positional word checked as its own argument would be (the words are parsed after the subcommand)."""
    try:
        return check(text)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"参数 {name}：{exc}") from None


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser("payment", help="第 N 期付款核算；payment record 登记实际付款",
                       usage="auditor payment CONTRACT N [--json] | "
                             "auditor payment record CONTRACT N --paid-on DATE --amount X [--voucher F]")
    p.add_argument("words", nargs="+", metavar="ARG")
    p.add_argument("--json", action="store_true")
    p.add_argument("--paid-on", type=_day, help="付款日期 YYYY-MM-DD")
    p.add_argument("--amount", type=_text, help="实付金额（元，例如 1293600.00）")
    p.add_argument("--voucher", help="付款凭证文件（作为证据保存）")
    p.set_defaults(func=cmd_payment)
