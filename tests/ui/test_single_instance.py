"""One window per database: a second start on the same file brings the first forward and quits."""
from __future__ import annotations

import socket
import sys

import pytest
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QWidget

from ui import app
from ui.app import SingleInstance, server_name


@pytest.fixture
def first(tmp_path):
    instances: list[SingleInstance] = []

    def make(path) -> SingleInstance:
        instance = SingleInstance(path)
        instances.append(instance)
        return instance

    yield make
    for instance in instances:
        instance.release()


def test_a_second_start_on_the_same_database_brings_the_first_forward(qtbot, tmp_path, first):
    db = tmp_path / "audit.db"
    running = first(db)
    assert running.acquire()
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    running.activated.connect(lambda: app.bring_to_front(window))
    with qtbot.waitSignal(running.activated, timeout=5000):
        assert not first(tmp_path / "." / "audit.db").acquire()   # the same file, written differently
    assert not window.isMinimized() and window.isVisible()


def test_another_database_starts_its_own_window(qtbot, tmp_path, first):
    assert first(tmp_path / "a.db").acquire()
    assert first(tmp_path / "b.db").acquire()
    assert server_name(tmp_path / "a.db") != server_name(tmp_path / "b.db")


def test_after_the_first_quits_the_next_start_is_the_first(qtbot, tmp_path, first):
    db = tmp_path / "audit.db"
    running = first(db)
    assert running.acquire()
    running.release()
    assert first(db).acquire()


@pytest.mark.skipif(sys.platform == "win32", reason="a crashed instance leaves a socket file only on Unix")
def test_a_crashed_instance_does_not_lock_the_database_out(qtbot, tmp_path, first):
    db = tmp_path / "audit.db"
    probe = QLocalServer()
    assert probe.listen(server_name(db))
    socket_file = probe.fullServerName()
    probe.close()
    stale = socket.socket(socket.AF_UNIX)             # what a killed instance leaves: a socket nobody answers
    stale.bind(socket_file)
    stale.close()
    assert first(db).acquire()


def test_the_app_quits_at_once_when_its_database_is_open_elsewhere(qtbot, tmp_path, first):
    db = tmp_path / "audit.db"
    running = first(db)
    assert running.acquire()
    with qtbot.waitSignal(running.activated, timeout=5000):
        assert app.main(["auditor-app", "--db", str(db)]) == 0
    assert not db.exists()   # it returned before opening (or creating) the database
