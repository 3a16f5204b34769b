"""The operations layer: every user action is one function here (Anki's ``CollectionOp`` idea).

An operation validates its input (raising the named errors of :mod:`auditor.errors`, which become exit 2
in the CLI and a dialog in the app), runs as ONE writer transaction (``BEGIN IMMEDIATE``: the reads
it validates against and the writes it makes see no other writer in between), and returns an
:class:`Outcome`: its value and the :class:`Changes` it made. The CLI prints the value; the app runs
the operation on a worker with its own connection and refreshes only the views the changes touch.

Reads (scores, lists, figures) are not operations: callers use the services and repositories directly.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

from ..calendar import Period

T = TypeVar("T")


class Area(Enum):
    """What kind of data an operation changed: each view knows which of these it shows."""

    CONTRACTS = "contracts"        # the list of contracts, a contract's terms or versions
    ENTRIES = "entries"            # measurements and month facts, month status (open / final)
    PERSONNEL = "personnel"        # imported personnel files, approvals, spot checks, confidentiality
    FINDINGS = "findings"
    NOTICES = "notices"
    DOCUMENTS = "documents"        # the register of issued documents
    PAYMENTS = "payments"          # recorded payments of installments
    TRUST = "trust"                # agency roots, trusted certificates, the inspector's identity
    CALENDAR = "calendar"          # working-day overrides (every deadline and score may move)
    EVIDENCE = "evidence"
    EVERYTHING = "everything"      # a restore or a bundle import: reload all


@dataclass(frozen=True)
class Changes:
    """What an operation changed: the areas, and where known the contracts and months."""

    areas: frozenset[Area] = frozenset()
    contracts: frozenset[str] = frozenset()
    months: frozenset[tuple[str, Period]] = frozenset()

    @classmethod
    def of(cls, *areas: Area, contract: str | None = None, periods: Iterable[Period] = ()) -> Changes:
        months = frozenset((contract, p) for p in periods) if contract else frozenset()
        return cls(frozenset(areas), frozenset({contract}) if contract else frozenset(), months)

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset({Area.EVERYTHING}))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas, self.contracts | other.contracts, self.months | other.months)

    def touches(self, *areas: Area, contract: str | None = None) -> bool:
        """Whether a view showing ``areas`` (of ``contract``, when given) must refresh."""
        if Area.EVERYTHING in self.areas:
            return True
        if not self.areas.intersection(areas):
            return False
        return contract is None or not self.contracts or contract in self.contracts

    def __bool__(self) -> bool:
        return bool(self.areas)


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """An operation's result: what the caller shows, and what changed."""

    value: T
    changes: Changes = field(default=NOTHING)
