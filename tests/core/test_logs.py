"""The program's log (auditor/logs.py): one line per change worth recording, no personal data, a file that
rotates instead of growing or being overwritten."""
from __future__ import annotations

import datetime as dt
import logging

from auditor import logs
from auditor.calendar import Period
from auditor.personnel import import_file
from auditor.service import finalize_month

from .builders import record
from .test_personnel import IDS, ROSTER, write_xlsx

OCT = Period(2025, 10)




def text_of(path) -> str:
    for handler in logging.getLogger("auditor").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_configure_writes_where_the_variable_says(log_file, tmp_path):
    assert log_file == tmp_path / "logs" / "auditor.log"
    assert logs.current_file() == log_file


def test_a_roster_import_is_one_line_with_counts_and_no_id_number(store, tmp_path, log_file):
    henan = store.contracts.get("henan-2025")
    import_file(store, henan, OCT, "roster", write_xlsx(tmp_path / "名单.xlsx", ROSTER), dt.date(2025, 10, 8))

    text = text_of(log_file)
    lines = [line for line in text.splitlines() if "imported roster" in line]
    assert len(lines) == 1
    assert "henan-2025 2025-10: 5 rows" in lines[0] and "received 2025-10-08" in lines[0]
    for number in IDS:  # neither whole nor masked: an import line names no person at all
        assert number not in text and number[-4:] + " " not in text
    assert "张伟" not in text


def test_finalising_is_logged_with_the_contract_version(store, log_file):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10")
    finalize_month(store, henan, OCT)
    assert "finalised henan-2025 2025-10 under contract version 1: complete" in text_of(log_file)


def test_an_id_number_in_an_error_message_is_masked_in_the_file(log_file):
    try:
        raise ValueError(f"身份证号{IDS[0]}无法处理")
    except ValueError:
        logging.getLogger("auditor.test").exception("unexpected")
    text = text_of(log_file)
    assert "Traceback" in text and "ValueError" in text
    assert IDS[0] not in text
    assert f"身份证号{IDS[0][:4]}**********{IDS[0][-4:]}无法处理" in text


def test_the_log_rotates_and_keeps_five_older_files(log_file):
    line = "x" * 2000
    for _ in range(int(logs.MAX_BYTES * (logs.BACKUPS + 2) / len(line))):
        logging.getLogger("auditor.test").info(line)
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == ["auditor.log"] + [f"auditor.log.{n}" for n in range(1, logs.BACKUPS + 1)]
    assert all(p.stat().st_size <= logs.MAX_BYTES for p in log_file.parent.iterdir())


def test_nothing_is_written_before_configure(tmp_path, monkeypatch):
    logs.stop()
    monkeypatch.setenv(logs.ENV, str(tmp_path / "never"))
    logging.getLogger("auditor.test").warning("no file")
    assert not (tmp_path / "never").exists()


def test_an_unexpected_cli_error_is_logged_not_shown(tmp_path, capsys, monkeypatch):
    from auditor import logs
    from auditor.cli import main

    db = tmp_path / "e.db"
    assert main(["--db", str(db), "init"]) == 0

    def broken(store, args):
        raise KeyError("a bug")

    from auditor.cli import months

    monkeypatch.setattr(months, "cmd_score", broken)
    capsys.readouterr()
    assert main(["--db", str(db), "score", "henan-2025", "2025-10"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("内部错误：KeyError") and "Traceback" not in err
    log = logs.current_file()
    assert log is not None and "KeyError: 'a bug'" in log.read_text(encoding="utf-8")
