"""The operator against the start-up gate (ui/app.py open_window, ui/verification.py): no statement that
changes the user's database runs before the audit check's result is in — not while the window opens, not from
the first-start welcome and its demo, not from a second start bringing the window forward. Every connection
to the database file is traced, the workers' included."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from auditor import audit
from auditor.storage import db as storage_db
from auditor.storage import open_store
from tests.core.builders import record, with_store
from ui.app import SingleInstance, bring_to_front, open_window

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


@pytest.fixture
def traced(monkeypatch, tmp_path):
    """(path, log): every statement run on a connection to the database at ``path``, with whether the
    start-up gate was closed at that moment."""
    path = tmp_path / "start.db"
    log: list[tuple[str, bool]] = []
    original = storage_db._connect

    def connect(target: str, key: str | None):
        connection = original(target, key)
        if target == str(path):
            connection.set_trace_callback(lambda sql: log.append((sql, audit.write_gate() is not None)))
        return connection

    monkeypatch.setattr(storage_db, "_connect", connect)
    return path, log


def early_writes(log: list[tuple[str, bool]]) -> list[str]:
    return [sql for sql, gated in log if gated and sql.lstrip().upper().startswith(WRITES)]


def settings(tmp_path, **values) -> QSettings:
    kept = QSettings(str(tmp_path / "start.ini"), QSettings.Format.IniFormat)
    for key, value in values.items():
        kept.setValue(key.replace("__", "/"), value)
    return kept


def test_nothing_is_written_while_an_edited_database_opens(qtbot, tmp_path, traced, monkeypatch):
    """A database edited outside (as one handed over might be): the window opens, a write is asked for at
    once from the window and one from a worker; both wait, and nothing was written before the warning."""
    from auditor.storage.db import Store

    path, log = traced

    def prepare(store):
        record(store, store.contracts.get("henan-2025"), "2025-10")
        assert audit.verify_full(store.db, store.path).ok

    with_store(path, prepare)
    subprocess.run([shutil.which("sqlite3"), str(path), "DROP TRIGGER audit_measurements_update; "
                    "UPDATE measurements SET value = '1' WHERE code = 'HN-04'"], check=True)
    order: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: order.append("warned"))
    window = open_window(open_store(path), settings(tmp_path, last_contract="henan-2025",
                                                     last_month__henan_2025="2025-10"))
    qtbot.addWidget(window)
    worker_store: Store = window.store.sibling()
    import threading

    worker = threading.Thread(target=lambda: (record(worker_store, worker_store.contracts.get("henan-2025"),
                                                     "2025-12"), order.append("worker wrote")))
    worker.start()
    record(window.store, window.store.contracts.get("henan-2025"), "2025-11")
    order.append("window wrote")
    worker.join(30)
    worker_store.close()
    qtbot.waitUntil(lambda: window.built and window.audit_check.done, timeout=20000)
    assert order[0] == "warned" and sorted(order[1:]) == ["window wrote", "worker wrote"]
    assert early_writes(log) == []
    assert any(sql.startswith("INSERT") for sql, _ in log)       # the trace saw the writes that came after
    window.close()


def test_the_welcome_and_its_demo_write_nothing_before_the_result(qtbot, tmp_path, traced, monkeypatch):
    """An empty database: the welcome shows as soon as the window is ready, before the full check has
    answered; choosing the demo builds another database and writes nothing to this one."""
    from ui import first_start

    path, log = traced
    with_store(path, lambda store: None)
    chosen: list[str] = []

    def choose(dialog):
        chosen.append("demo")
        dialog.choice = "demo"
        return 0

    monkeypatch.setattr(first_start.WelcomeDialog, "exec", choose)
    launched: list = []
    build_demo = first_start.open_demo
    monkeypatch.setattr(first_start, "open_demo",   # the demo's own window is a process of its own: not started
                        lambda window, **_: build_demo(window, start=lambda demo: launched.append(demo) or True))
    window = open_window(open_store(path), settings(tmp_path))
    qtbot.addWidget(window)
    window.ready.connect(lambda: QTimer.singleShot(0, lambda: first_start.offer(window)))   # as ui.app.main does
    qtbot.waitUntil(lambda: window.built and window.audit_check.done and bool(launched), timeout=60000)
    assert chosen == ["demo"] and launched[0] != path
    assert early_writes(log) == []
    window.close()


def test_a_second_start_bringing_the_window_forward_writes_nothing(qtbot, tmp_path, traced):
    path, log = traced
    with_store(path, lambda store: record(store, store.contracts.get("henan-2025"), "2025-10"))
    first = SingleInstance(path)
    assert first.acquire()
    window = open_window(open_store(path), settings(tmp_path))
    qtbot.addWidget(window)
    first.activated.connect(lambda: bring_to_front(window))
    activations: list[bool] = []
    first.activated.connect(lambda: activations.append(True))
    assert not SingleInstance(path).acquire()              # the second start: told the first, and quits
    qtbot.waitUntil(lambda: bool(activations), timeout=10000)
    qtbot.waitUntil(lambda: window.built and window.audit_check.done, timeout=20000)
    assert early_writes(log) == []
    first.release()
    window.close()
