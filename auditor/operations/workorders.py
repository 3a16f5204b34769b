"""Work-order operations: an export imported, its items computed and filled into the month (issue 16)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..calendar import Period
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..storage import Store
    from ..workorder_service import ImportSummary


def import_file(store: Store, contract_id: str, period: Period, path: Path,
                column_map: Mapping[str, str] | None = None, sheet: str | None = None, exclude_bad: bool = False,
                progress: Callable[[float, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Outcome[ImportSummary]:
    """The export read and checked whole (before the write lock is taken), its items computed, then the
    file (as evidence), orders, results, measurements and findings stored in one transaction."""
    from .. import workorder_service

    contract = store.contracts.get(contract_id)
    summary = workorder_service.import_file(store, contract, period, path, column_map, sheet, exclude_bad, progress,
                                            cancelled)
    return Outcome(summary, Changes.of(Area.ENTRIES, Area.FINDINGS, Area.EVIDENCE, contract=contract_id,
                                       periods=[period]))
