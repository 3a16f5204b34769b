"""The UI's last resort (ui/errors.py): an error no one expected shows a Chinese message, never a traceback,
and its traceback goes to the program's log, where the next one does not overwrite it."""
from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from .helpers import open_window


def text_of(path) -> str:
    for handler in logging.getLogger("ui").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def a_bug_in_the_core(store, path):
    """Stands for a defect: the kind of error the core does not raise on purpose."""
    return {}["contract"]


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, str]] = []
    for name in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *rest: seen.append((title, text)))
    return seen


def test_a_failed_import_says_internal_error_in_chinese_and_logs_the_traceback(qtbot, tmp_path, monkeypatch,
                                                                               log_file, shown):
    window = open_window(qtbot, tmp_path)
    monkeypatch.setattr("auditor.operations.months.record_file", a_bug_in_the_core)
    window.import_entries_file(str(tmp_path / "entries.json"), wait=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)

    title, text = shown[0]
    assert title == "未导入"
    assert text.startswith("内部错误：KeyError")
    assert f"详情已记录在 {log_file}" in text
    assert "Traceback" not in text
    log = text_of(log_file)
    assert "ERROR ui.errors: unexpected KeyError" in log
    assert "Traceback (most recent call last)" in log and "in a_bug_in_the_core" in log  # the worker's frames


def test_two_errors_in_a_row_are_both_kept(qtbot, tmp_path, monkeypatch, log_file, shown):
    window = open_window(qtbot, tmp_path)
    monkeypatch.setattr("auditor.operations.months.record_file", a_bug_in_the_core)
    for _ in range(2):
        window.import_entries_file(str(tmp_path / "entries.json"), wait=True)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert text_of(log_file).count("in a_bug_in_the_core") == 2


def test_an_error_nothing_caught_shows_a_dialog_and_is_logged(qapp, monkeypatch, log_file, shown):
    from ui import errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    errors.install()
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())

    assert shown == [("内部错误", "程序遇到意外错误（ZeroDivisionError），当前操作未完成，已保存的数据不受影响。\n"
                                f"详情已记录在 {log_file}")]
    assert "ZeroDivisionError: division by zero" in text_of(log_file)


def test_bad_input_is_shown_as_the_core_says_it_and_not_logged(qtbot, tmp_path, log_file, shown):
    window = open_window(qtbot, tmp_path)
    (tmp_path / "entries.json").write_text("{", encoding="utf-8")
    window.import_entries_file(str(tmp_path / "entries.json"), wait=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0][0] == "未导入" and "JSON 格式错误" in shown[0][1]
    assert "内部错误" not in shown[0][1]
    assert "ui.errors" not in text_of(log_file)
