"""示例数据: built through the operations, a finished month for each shipped contract — entries, roster,
spot check, findings — in a database that says it is a demo."""
from __future__ import annotations

import datetime as dt

from auditor.calendar import Period
from auditor.operations import demo
from auditor.service import month_result

TODAY = dt.date(2025, 12, 3)


def test_a_finished_month_for_each_contract(store):
    assert not demo.is_demo(store)
    made = demo.build(store, TODAY).value
    assert demo.is_demo(store) and store.trust.setting("demo").startswith("示例数据")
    assert len(made) == len(store.contracts.list())
    for contract in store.contracts.list():
        period = demo.demo_month(contract, TODAY)
        assert store.months.status(contract.id, period) == "final"
        result = month_result(store, contract, period)
        assert result.complete
        failed = [i.code for i in result.items if i.status.value == "fail" and not i.indicator.derived]
        assert len(failed) == 1                                         # one item short of its target
        assert store.personnel.dataset(contract.id, period, "roster") is not None
        [check] = store.personnel.spot_checks(contract.id)
        assert check["failed"] == 1                                     # one person absent
        sources = {f.source for f in store.findings.list(contract.id, period)}
        assert {"indicator", "spot_check"} <= sources
    henan = store.contracts.get("henan-2025")
    assert demo.demo_month(henan, TODAY) == Period(2025, 11)
    assert month_result(store, henan, Period(2025, 11)).staffing_shortfall == 1


def test_the_made_up_people_have_valid_id_numbers_of_no_real_place(store):
    from auditor import idcard
    from auditor.staffing import people

    demo.build(store, TODAY)
    roster = store.personnel.dataset("henan-2025", Period(2025, 11), "roster")
    persons = people(roster.records)
    assert len(persons) == 69                                            # 70 required, one short
    assert all(idcard.problem(p.id_number, TODAY) is None and p.id_number.startswith("410199") for p in persons)
    assert len({p.id_number for p in persons}) == len(persons)
