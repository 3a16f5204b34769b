"""Contracts as data (templates, validation naming the field) and storage guarantees."""
import pytest

from auditor.calendar import Period
from auditor.contracts import load_template, parse_contract, template_ids
from auditor.errors import InputError, StateError, TemplateError
from auditor.storage import open_store
from auditor.storage.migrations import SCHEMA_VERSION, current_version

from .builders import record


def test_both_seed_contracts_ship_as_templates():
    assert template_ids() == ["henan-2025", "luoyang-2025"]
    luoyang = parse_contract(load_template("luoyang-2025"))
    henan = parse_contract(load_template("henan-2025"))
    assert [i.code for i in luoyang.indicators] == [f"LY-{n:02d}" for n in range(1, 25)]
    assert [i.code for i in henan.indicators] == [f"HN-{n:02d}" for n in range(1, 11)]
    assert sum(i.points for i in luoyang.indicators) == 100
    assert henan.required_headcount == 70 and [r.required for r in henan.roles] == [50, 16, 4]
    assert henan.bond.amount == henan.total * henan.bond.percent / 100


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d["indicators"][3].update(target="九十六"), "indicators[3].target"),
    (lambda d: d["indicators"][0].update(comparator="≥"), "indicators[0].comparator"),
    (lambda d: d["installments"][1].update(percent="45"), "installments"),
    (lambda d: d["service"].update(end="2025-02-30"), "service.end"),
    (lambda d: d["party_b"].pop("name"), "party_b"),
    (lambda d: d["indicators"][1].update(code="HN-01"), "indicators[1].code"),
    (lambda d: d["staffing"]["roles"][0].update(required=-1), "staffing.roles[0].required"),
])
def test_broken_template_names_the_field(mutate, field):
    data = load_template("henan-2025")
    mutate(data)
    with pytest.raises(TemplateError) as exc:
        parse_contract(data)
    assert field in str(exc.value)


def test_create_from_template_and_change_fields(store):
    contract = store.contracts.create_from_template(
        "henan-2025", "henan-2026", {"service.start": "2026-09-01", "service.end": "2027-08-31",
                                     "installments[1].first_month": "2026-09", "installments[1].last_month": "2026-11",
                                     "installments[2].first_month": "2026-12", "installments[2].last_month": "2027-05",
                                     "installments[3].first_month": "2027-06", "installments[3].last_month": "2027-08",
                                     "installments[1].due": "2026-12-31", "installments[2].due": "2027-06-10",
                                     "installments[3].due": "2027-09-10", "signed_on": "2026-08-20"})
    assert contract.first_period == Period(2026, 9)
    assert store.contracts.ids() == ["henan-2025", "henan-2026", "luoyang-2025"]


def test_invalid_edit_is_refused_and_nothing_changes(store):
    before = store.content_digest()
    with pytest.raises(TemplateError, match="installments"):
        store.contracts.update("luoyang-2025", {"installments[0].percent": "60"})
    with pytest.raises(InputError):
        store.contracts.update("luoyang-2025", {"no.such.field": 1})
    assert store.content_digest() == before


def test_new_database_is_migrated_and_seeded(tmp_path):
    store = open_store(tmp_path / "a.db")
    assert current_version(store.db) == SCHEMA_VERSION
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = open_store(tmp_path / "a.db")   # reopening does not seed twice
    assert again.contracts.ids() == ["henan-2025", "luoyang-2025"]
    again.close()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="不是本程序可用的数据库"):  # (or an encrypted one given no key)
        open_store(path)


def test_failed_write_rolls_back_the_whole_month(file_store):
    henan = file_store.contracts.get("henan-2025")
    record(file_store, henan, "2025-10")
    before = file_store.content_digest()
    entries = file_store.months.load(henan.id, Period(2025, 10))
    from dataclasses import replace

    from auditor.scoring import Event

    broken = replace(entries.measurements["HN-08"], events=(Event("not a time", None),))
    bad = replace(entries, measurements={**entries.measurements, "HN-08": broken})
    with pytest.raises(AttributeError):
        file_store.months.record(henan, bad)   # fails after the month's rows were deleted
    assert file_store.content_digest() == before


def test_reopening_keeps_the_reason_in_history(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")
    store.months.finalize(henan.id, Period(2025, 10), True)
    with pytest.raises(StateError):
        record(store, henan, "2025-10")
    with pytest.raises(InputError):
        store.months.reopen(henan.id, Period(2025, 10), "  ")
    store.months.reopen(henan.id, Period(2025, 10), "乙方补交数据")
    actions = [(a, r) for _, a, r in store.months.history(henan.id, Period(2025, 10))]
    assert actions == [("record", ""), ("finalize", ""), ("reopen", "乙方补交数据")]


def test_decimals_round_trip_exactly(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-03": {"numerator": "1", "denominator": "3"}})
    stored = store.months.load(henan.id, Period(2025, 10)).measurements["HN-03"]
    assert (str(stored.numerator), str(stored.denominator)) == ("1", "3")
