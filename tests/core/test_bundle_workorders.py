"""A month whose figures were computed from the hotline's work orders travels in an audit bundle: the computed
figures (with numerator and denominator), the 自报数据与工单记录不符 findings and the export file as evidence."""
from __future__ import annotations

from auditor.bundle import export_bundle, import_bundle
from auditor.calendar import Period
from auditor.model import MeasurementKind
from auditor.opening import open_database
from auditor.operations.workorders import import_file
from auditor.service import finalize_month, month_result

from .builders import PASS, inspector, record
from .test_bundle import trusting
from .test_workorders import henan_october
from .workorder_files import write_xlsx

OCT = Period(2025, 10)


def test_a_month_computed_from_work_orders_travels_in_a_bundle(tmp_path):
    laptop = open_database(tmp_path / "laptop" / "a.db")
    henan = laptop.contracts.get("henan-2025")
    record(laptop, henan, "2025-10")  # the operator's report: every item at its target
    import_file(laptop, "henan-2025", OCT, write_xlsx(tmp_path / "工单.xlsx", henan_october()))
    finalize_month(laptop, henan, OCT)
    identity = inspector(laptop)
    path = tmp_path / "a.bundle"
    export_bundle(laptop, "henan-2025", path, identity.p12, PASS)

    office = trusting(laptop, tmp_path / "office" / "office.db")
    import_bundle(office, path)
    arrived = office.months.load("henan-2025", OCT).measurements["HN-02"]
    sent = laptop.months.load("henan-2025", OCT).measurements["HN-02"]
    assert arrived.kind is MeasurementKind.COMPUTED
    assert (arrived.numerator, arrived.denominator) == (sent.numerator, sent.denominator)
    assert month_result(office, henan, OCT).deduction_total == month_result(laptop, henan, OCT).deduction_total
    sources = {(f.source, f.key) for f in office.findings.list("henan-2025", OCT)}
    assert ("workorders", "HN-02") in sources
    [export] = [e for e in office.evidence.list("henan-2025", OCT) if e.filename == "工单.xlsx"]
    assert office.evidence.verify(export)  # the platform's export itself, under its SHA-256
    assert office.verify_audit().ok
    office.close()
    laptop.close()
