"""The app's cache assesses again only the months from the one that changed (issue 15): the figures are the
ones a full assessment gives, incidents carried over from the months kept."""
from __future__ import annotations

from auditor.calendar import Period
from auditor.service import term_results

from .builders import failing, record


def test_months_from_the_changed_one_on_equal_a_full_assessment(store):
    henan = store.contracts.get("henan-2025")
    for month in ("2025-09", "2025-10", "2025-11", "2025-12"):
        record(store, henan, month, incidents=1 if month == "2025-09" else 0)
    known = term_results(store, henan)
    # November changes: an item fails and a second incident (the first was in September) costs 5 %
    record(store, henan, "2025-11", {"HN-02": failing(henan.indicator("HN-02"))}, incidents=1)
    since = term_results(store, henan, known=known, since=Period(2025, 11))
    full = term_results(store, henan)
    assert since == full
    assert since[Period(2025, 11)].incidents_to_date == 2
    assert since[Period(2025, 10)] is known[Period(2025, 10)]  # kept, not assessed again
    assert since[Period(2025, 11)] != known[Period(2025, 11)]


def test_a_cache_missing_an_earlier_month_is_not_trusted(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-09", incidents=1)
    known = term_results(store, henan)
    del known[Period(2025, 9)]
    assert term_results(store, henan, known=known, since=Period(2025, 10)) == term_results(store, henan)


def test_one_month_counts_the_earlier_incidents_without_assessing_those_months(store):
    """``auditor score`` of one month: the same figures as the whole term gives it (the second incident of the
    term costs 5 %, SPEC's incident steps), the months before it only counted."""
    from auditor.service import month_result

    henan = store.contracts.get("henan-2025")
    for month, incidents in (("2025-09", 1), ("2025-10", 0), ("2025-11", 1), ("2025-12", 2)):
        record(store, henan, month, incidents=incidents)
    full = term_results(store, henan)
    for period in full:
        assert month_result(store, henan, period) == full[period]
    assert month_result(store, henan, Period(2025, 12)).incidents_to_date == 4
