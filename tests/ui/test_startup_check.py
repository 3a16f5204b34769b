"""The app's start path (ui/app.py open_window): the window's frame painted first; then a quick audit check
whose problems are shown before the pages are built; the full check on a worker after it; and no write before
the user has its result, even one asked for before the pages are built (issue 15)."""
from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QComboBox, QMessageBox

from auditor import anchors, audit
from auditor.storage import open_store
from tests.core.builders import record, with_store
from ui.app import open_window


def prepared(tmp_path):
    """henan 2025-10 recorded, and once checked in full on this machine (the checkpoint)."""
    path = tmp_path / "start.db"

    def prepare(store):
        record(store, store.contracts.get("henan-2025"), "2025-10")
        assert audit.verify_full(store.db, store.path).ok

    with_store(path, prepare)
    return path


def start(qtbot, tmp_path, path):
    settings = QSettings(str(tmp_path / "start.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_contract", "henan-2025")
    settings.setValue("last_month/henan-2025", "2025-10")
    window = open_window(open_store(path), settings)
    qtbot.addWidget(window)
    return window


def test_an_old_row_edited_outside_is_shown_before_the_first_write(qtbot, tmp_path, monkeypatch):
    path = prepared(tmp_path)
    subprocess.run([shutil.which("sqlite3"), str(path), "DROP TRIGGER audit_measurements_update; "
                    "UPDATE measurements SET value = '1' WHERE code = 'HN-04'"], check=True)
    order: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: (warnings.append(a[2]), order.append("warned")))
    window = start(qtbot, tmp_path, path)
    assert not warnings  # the quick check reads only what changed since the checkpoint: this edit left no trace
    record(window.store, window.store.contracts.get("henan-2025"), "2025-11")  # at once, the full check still running
    order.append("written")
    assert order == ["warned", "written"]
    assert "measurements 第" in warnings[0] and "与审计日志记录的内容不同" in warnings[0]
    assert window.audit_check.done
    window.close()


def test_an_intact_history_is_said_in_the_status_bar_and_kept_as_the_checkpoint(qtbot, tmp_path, monkeypatch):
    path = prepared(tmp_path)
    with_store(path, lambda store: record(store, store.contracts.get("henan-2025"), "2025-11"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest_fail(a[2]))
    window = start(qtbot, tmp_path, path)
    qtbot.waitUntil(lambda: window.built and window.audit_check.done, timeout=20000)
    assert "审计日志完整" in window.statusBar().currentMessage()
    assert anchors.checkpoint(window.store.db, window.store.path).count == anchors.last_entry(window.store.db)[0]
    assert audit.write_gate() is None
    window.close()


def test_a_pending_outside_edit_is_shown_before_the_pages(qtbot, tmp_path, monkeypatch):
    path = prepared(tmp_path)
    subprocess.run([shutil.which("sqlite3"), str(path), "UPDATE measurements SET value = '1' WHERE code = 'HN-04'"],
                   check=True)
    warnings: list[tuple[str, bool]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append((a[2], window.built)))
    window = start(qtbot, tmp_path, path)
    assert not window.built and not warnings  # the frame first: painted before anything is read
    qtbot.waitUntil(lambda: window.built, timeout=20000)
    assert warnings and "在程序之外修改了指标录入" in warnings[0][0]
    assert warnings[0][1] is False  # shown while the pages were not yet there to click
    qtbot.waitUntil(lambda: window.audit_check.done, timeout=20000)
    window.close()


def test_the_frame_is_painted_before_the_pages_are_built(qtbot, tmp_path):
    path = prepared(tmp_path)
    painted: list[bool] = []
    window = start(qtbot, tmp_path, path)

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(window.built)
            return False

    watch = Watch(window)
    window.installEventFilter(watch)
    qtbot.waitUntil(lambda: window.built, timeout=20000)
    assert painted == [False]
    assert window.period() is not None and str(window.period()) == "2025-10"  # then the month left open last time
    box, probe = window.month_box, QComboBox()  # filled after it was shown: as wide as its months need
    for index in range(box.count()):
        probe.addItem(box.itemIcon(index), box.itemText(index))
    qtbot.waitUntil(lambda: box.width() >= probe.sizeHint().width(), timeout=5000)
    qtbot.waitUntil(lambda: window.audit_check.done, timeout=20000)
    window.close()


def pytest_fail(text: str) -> None:
    raise AssertionError(f"unexpected warning: {text}")


def test_an_operation_on_a_worker_waits_for_the_result_too(qtbot, tmp_path, monkeypatch):
    """An entries file imported at once (ui.ops.run_op: a worker with its own connection): the warning comes
    first, then the month is written."""
    import sqlite3

    from tests.core.builders import month_doc, write_doc

    path = prepared(tmp_path)
    subprocess.run([shutil.which("sqlite3"), str(path), "DROP TRIGGER audit_measurements_update; "
                    "UPDATE measurements SET value = '1' WHERE code = 'HN-04'"], check=True)

    def november_rows() -> int:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT count(*) FROM measurements WHERE period = '2025-11'").fetchone()[0]

    seen: list[int] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: seen.append(november_rows()))
    window = start(qtbot, tmp_path, path)
    qtbot.waitUntil(lambda: window.built, timeout=20000)  # the window opened: the full check still running
    henan = window.store.contracts.get("henan-2025")
    window.import_entries_file(str(write_doc(tmp_path, month_doc(henan, "2025-11"))))
    qtbot.waitUntil(lambda: november_rows() > 0, timeout=20000)
    assert seen == [0]  # warned while nothing of November was written yet
    window.close()
