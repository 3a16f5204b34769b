"""A month nobody entered draws no bar: luoyang's provisional 27 points (the items that need no entry) would
read as a result. A month entered in part is drawn, marked 未完成."""
from __future__ import annotations

from auditor.calendar import Period
from auditor.charts import entered, money_history
from auditor.service import term_results

from .builders import record


def test_unentered_luoyang_months_draw_no_bar(store):
    luoyang = store.contracts.get("luoyang-2025")
    record(store, luoyang, "2025-04")                                  # March and May left empty
    record(store, luoyang, "2025-05", {"LY-01": None})                 # May entered but for LY-01
    months = term_results(store, luoyang, until=Period(2025, 6))
    assert months[Period(2025, 3)].score is not None                   # the engine's provisional figure
    assert not entered(months[Period(2025, 3)]) and entered(months[Period(2025, 5)])
    ax = money_history(luoyang, months).axes[0]
    assert [(bar.get_x() + bar.get_width() / 2, bar.get_height()) for bar in ax.patches] == [
        (1.0, 100.0), (2.0, float(months[Period(2025, 5)].score))]
    assert [t.get_text() for t in ax.texts] == ["未完成"]               # May, provisional
    assert len(ax.get_xticklabels()) == 4                               # every month keeps its place
