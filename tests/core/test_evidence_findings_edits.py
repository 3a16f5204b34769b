"""Evidence store, findings from a finalised month, undo as data, pasted event logs."""
import datetime as dt
from decimal import Decimal

import pytest

from auditor.calendar import Period
from auditor.edits import FactEdit, MeasurementEdit, current_fact, current_measurement
from auditor.entries import parse_event_text, parse_measurement
from auditor.errors import InputError
from auditor.model import MeasurementKind
from auditor.scoring import Measurement
from auditor.service import finalize_month, month_result

from .builders import record

OCT = Period(2025, 10)


def test_evidence_is_stored_once_under_its_hash(file_store, tmp_path):
    source = tmp_path / "接通率截图.png"
    source.write_bytes(b"\x89PNG fake screenshot")
    first = file_store.evidence.add("henan-2025", OCT, "HN-01", source)
    second = file_store.evidence.add("henan-2025", OCT, "HN-02", source)
    import hashlib

    assert first.sha256 == second.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert len(list(file_store.evidence_dir.rglob("*"))) == 2          # one folder, one file
    assert [e.filename for e in file_store.evidence.list("henan-2025", OCT)] == ["接通率截图.png"] * 2
    assert file_store.evidence.verify(first)
    file_store.evidence.path_of(first.sha256).write_bytes(b"altered")
    assert not file_store.evidence.verify(first)


def test_missing_evidence_file_is_refused(store, tmp_path):
    with pytest.raises(InputError, match="找不到"):
        store.evidence.add("henan-2025", OCT, "HN-01", tmp_path / "nothing.pdf")


def test_finalising_stores_the_findings(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    findings = {f.key: f for f in store.findings.list("henan-2025", OCT)}
    assert set(findings) == {"HN-02", "staffing"}
    assert findings["HN-02"].amount == Decimal("64680.00")
    assert findings["HN-02"].clause == "第十一条 表第2项"
    assert findings["staffing"].amount == Decimal("194040.00")      # 第七条2: 3 persons × 1%
    # reopened and corrected: the finding goes away at the next finalisation
    store.months.reopen("henan-2025", OCT, "补录正确数据")
    record(store, henan, "2025-10", headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    assert [f.key for f in store.findings.list("henan-2025", OCT)] == ["staffing"]


def test_an_edit_undoes_and_redoes(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")
    before = current_measurement(store, "henan-2025", OCT, "HN-02")
    edit = MeasurementEdit("henan-2025", OCT, "HN-02", before,
                           Measurement("HN-02", MeasurementKind.VALUE, Decimal("90")))
    edit.apply(store)
    assert month_result(store, henan, OCT).deduction_total == Decimal("64680.00")
    edit.inverse().apply(store)
    assert current_measurement(store, "henan-2025", OCT, "HN-02") == before
    assert month_result(store, henan, OCT).deduction_total == Decimal("0.00")
    facts = FactEdit("henan-2025", OCT, "incidents", current_fact(store, "henan-2025", OCT, "incidents"), 1)
    facts.apply(store)
    assert month_result(store, henan, OCT).deduction_total == Decimal("64680.00")
    facts.inverse().apply(store)
    assert current_fact(store, "henan-2025", OCT, "incidents") == 0


def test_pasted_event_rows_feed_the_time_limit(store):
    henan = store.contracts.get("henan-2025")
    pasted = ("受理时间\t回应时间\n"
              "2025/10/9 9:05\t2025/10/10 8:00\n"
              "2025/10/10 17:00\t2025/10/13 9:00\n"
              "2025/10/11 10:00\t\n")
    rows = parse_event_text(pasted)
    assert rows[0] == {"received_at": "2025-10-09 09:05", "done_at": "2025-10-10 08:00"}
    assert rows[2]["done_at"] is None
    problems: list[str] = []
    m = parse_measurement(henan, OCT, {"indicator": "HN-02", "events": rows}, "HN-02", problems)
    assert not problems
    record(store, henan, "2025-10", {"HN-02": {"events": rows}})
    item = month_result(store, henan, OCT).item("HN-02")
    # 1 working day: the 1st is on time; the 2nd is late (make-up Saturday 10-11 was the day); the 3rd never done
    assert item.detail.startswith("1/3")
    assert m.events[1].received_at == dt.datetime(2025, 10, 10, 17, 0)
