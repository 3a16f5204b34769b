"""Malformed input to every command: exit 2, a Chinese message naming the place, nothing changed.

Each case is what a careless user types or an attacker passes (through a script calling ``main``,
which can pass what no shell can: NUL, bytes that are not UTF-8).
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from auditor.cli import main
from auditor.storage import open_store

from .builders import month_doc, write_doc
from .hostile import refused, state

F = "{files}"  # replaced by the folder of prepared files


@pytest.fixture
def db(tmp_path, capsys, monkeypatch):
    """A database with henan 2025-10 recorded and finalised, and a folder of odd files beside it."""
    monkeypatch.setenv("AUDITOR_DB", str(tmp_path / "default" / "never.db"))  # --db "" must not fall back here
    path = tmp_path / "audit.db"
    assert main(["--db", str(path), "init"]) == 0
    store = open_store(path)
    henan = store.contracts.get("henan-2025")
    store.close()
    files = tmp_path / "files"
    files.mkdir()
    write_doc(files, month_doc(henan, "2025-10"), "month.json")
    assert main(["--db", str(path), "record", str(files / "month.json")]) == 0
    assert main(["--db", str(path), "finalize", "henan-2025", "2025-10"]) == 0
    (files / "folder").mkdir()
    (files / "binary.bin").write_bytes(b"\xff\xfe\x00garbage\x81")
    (files / "empty.json").write_bytes(b"")
    (files / "array.json").write_text("[]", encoding="utf-8")
    (files / "empty.key").write_bytes(b"  \n")
    (files / "latin1.key").write_bytes("clé secrète".encode("latin-1"))
    (files / "notes.txt").write_text("合同文本", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(files / "fifo.json")  # opening it would wait for a writer forever
    capsys.readouterr()
    return path


def _args(args: list[str], files) -> list[str]:
    return [a.replace(F, str(files)) for a in args]


CASES = [
    # the global options
    pytest.param(["--db", "", "contracts"], ("--db", "不能为空"), id="db-empty"),
    pytest.param(["--db", "a\0b.db", "contracts"], ("--db", "空字符"), id="db-nul"),
    pytest.param(["--db", F + "/folder", "contracts"], ("folder", "文件夹"), id="db-directory"),
    pytest.param(["--db", F + "/notes.txt", "contracts"], ("notes.txt",), id="db-text-file"),
    pytest.param(["--key-file", F + "/missing.key", "contracts"], ("--key-file", "missing.key", "不存在"),
                 id="key-file-missing"),
    pytest.param(["--key-file", F + "/folder", "contracts"], ("--key-file", "文件夹"), id="key-file-directory"),
    pytest.param(["--key-file", F + "/empty.key", "contracts"], ("empty.key", "空"), id="key-file-empty"),
    pytest.param(["--key-file", F + "/latin1.key", "contracts"], ("latin1.key", "UTF-8"), id="key-file-not-utf8"),
    pytest.param(["--key-file", "", "contracts"], ("--key-file", "不能为空"), id="key-file-empty-name"),
    pytest.param(["frobnicate"], ("frobnicate", "可选"), id="unknown-command"),
    pytest.param([], ("缺少参数",), id="no-command"),
    pytest.param(["init", "extra"], ("extra", "无法识别"), id="init-extra-argument"),
    pytest.param(["contracts", "--jsn"], ("--jsn",), id="contracts-unknown-option"),
    # encrypt: the passphrase is checked before anything is opened or created
    pytest.param(["encrypt"], ("--key-file", "AUDITOR_DB_KEY"), id="encrypt-without-key"),
    pytest.param(["--key-file", F + "/notes.txt", "encrypt"], ("8 个字符",), id="encrypt-short-key"),
    # contract new / set
    pytest.param(["contract"], ("缺少参数", "action"), id="contract-no-action"),
    pytest.param(["contract", "new", "henan-2025", ""], ("new_id", "不能为空"), id="new-empty-id"),
    pytest.param(["contract", "new", "henan-2025", "new id"], ("new id", "id"), id="new-id-with-space"),
    pytest.param(["contract", "new", "henan-2025", "x\udcff"], ("new_id", "UTF-8"), id="new-id-not-utf8"),
    pytest.param(["contract", "new", "nowhere", "x-2026"], ("nowhere", "模板"), id="new-unknown-template"),
    pytest.param(["contract", "new", F + "/../files/month", "x-2026"], ("template", "模板"), id="new-template-as-path"),
    pytest.param(["contract", "new", "henan-2025", "x" * 300], ("new_id", "过长"), id="new-id-too-long"),
    pytest.param(["contract", "new", "henan-2025", "henan-2025"], ("henan-2025", "已存在"), id="new-existing-id"),
    pytest.param(["contract", "new", "henan-2025", "x-2026", "--set", "total"], ("total", "字段=值"),
                 id="new-set-without-equals"),
    pytest.param(["contract", "new", "henan-2025", "x-2026", "--set", "name=甲\0乙"], ("--set", "控制字符"),
                 id="new-set-nul"),
    pytest.param(["contract", "set", "henan-2025"], ("缺少参数", "字段=值"), id="set-nothing"),
    pytest.param(["contract", "set", "henan-2025", "=1"], ("=1", "字段=值"), id="set-empty-field"),
    pytest.param(["contract", "set", "henan-2025", "total=abc"], ("total", "abc"), id="set-total-not-a-number"),
    pytest.param(["contract", "set", "henan-2025", "total=NaN"], ("total", "NaN"), id="set-total-nan"),
    pytest.param(["contract", "set", "henan-2025", "name="], ("name", "不能为空"), id="set-name-empty"),
    pytest.param(["contract", "set", "henan-2025", "name=甲\0乙"], ("控制字符",), id="set-name-nul"),
    pytest.param(["contract", "set", "henan-2025", 'name="甲\\u0000乙"'], ("name", "控制字符"),
                 id="set-name-json-escaped-nul"),
    pytest.param(["contract", "set", "henan-2025", "name=\udcff"], ("UTF-8",), id="set-name-not-utf8"),
    pytest.param(["contract", "set", "henan-2025", "name=\u202egnp.exe"], ("控制字符",), id="set-name-bidi-override"),
    pytest.param(["contract", "set", "henan-2025", "indicators=" + "[" * 100_000 + "]" * 100_000], ("嵌套过深",),
                 id="set-json-too-deep"),
    pytest.param(["contract", "set", "henan-2025", "indicators[99].target=1"], ("indicators[99].target",),
                 id="set-unknown-index"),
    pytest.param(["contract", "set", "henan-2025", "id=luoyang-2025"], ("合同编号",), id="set-id"),
    pytest.param(["contract", "set", "henan-2025", "total=1", "total=2"], ("total", "两次"), id="set-field-twice"),
    pytest.param(["contract", "set", "nowhere", "total=1"], ("nowhere",), id="set-unknown-contract"),
    pytest.param(["contract", "set", "henan-2025", "service.end=2025-02-30"], ("service.end", "2025-02-30"),
                 id="set-impossible-date"),
    # record
    pytest.param(["record", F + "/missing.json"], ("missing.json", "不存在"), id="record-missing-file"),
    pytest.param(["record", F + "/folder"], ("folder", "文件夹"), id="record-directory"),
    pytest.param(["record", ""], ("file", "不能为空"), id="record-empty-path"),
    pytest.param(["record", F + "/binary.bin"], ("binary.bin", "UTF-8"), id="record-binary"),
    pytest.param(["record", F + "/empty.json"], ("empty.json", "第 1 行"), id="record-empty-file"),
    pytest.param(["record", F + "/array.json"], ("array.json", "contract"), id="record-json-array"),
    pytest.param(["record", F + "/a\0b.json"], ("file", "空字符"), id="record-nul-in-path"),
    pytest.param(["record", F + "/notes.txt/x.json"], ("x.json", "不是文件夹"), id="record-under-a-file"),
    pytest.param(["record", F + "/" + "长" * 200 + ".json"], ("文件名过长",), id="record-name-too-long"),
    pytest.param(["record", F + "/month.json"], ("已定稿",), id="record-finalised-month"),
    pytest.param(["record", F + "/fifo.json"], ("fifo.json", "不是普通文件"), id="record-fifo",
                 marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    pytest.param(["record", os.devnull], ("不是普通文件",), id="record-device"),
    # score
    pytest.param(["score", "henan-2025", "2025-13"], ("2025-13", "period"), id="score-month-13"),
    pytest.param(["score", "henan-2025", "abc"], ("abc", "YYYY-MM"), id="score-period-text"),
    pytest.param(["score", "henan-2025", ""], ("period", "YYYY-MM"), id="score-period-empty"),
    pytest.param(["score", "henan-2025", "2025-02-30"], ("2025-02-30",), id="score-period-is-a-date"),
    pytest.param(["score", "henan-2025", "2030-01"], ("2030-01", "服务期"), id="score-outside-term"),
    pytest.param(["score", "nowhere", "2025-10"], ("nowhere",), id="score-unknown-contract"),
    pytest.param(["score", "", "2025-10"], ("contract", "不能为空"), id="score-empty-contract"),
    pytest.param(["score", "\udcff", "2025-10"], ("contract", "UTF-8"), id="score-contract-not-utf8"),
    pytest.param(["score", "henan-2025"], ("period",), id="score-missing-period"),
    # payment
    pytest.param(["payment", "henan-2025", "abc"], ("number", "abc", "整数"), id="payment-text"),
    pytest.param(["payment", "henan-2025", "1.5"], ("1.5", "整数"), id="payment-fraction"),
    pytest.param(["payment", "henan-2025", ""], ("number", "整数"), id="payment-empty"),
    pytest.param(["payment", "henan-2025", "0"], ("第 0 期", "共有 4 期"), id="payment-zero"),
    pytest.param(["payment", "henan-2025", "-1"], ("第 -1 期",), id="payment-negative"),
    pytest.param(["payment", "henan-2025", "9" * 30], ("超出范围",), id="payment-huge"),
    # finalize / reopen
    pytest.param(["finalize", "henan-2025", "2025-13"], ("2025-13",), id="finalize-month-13"),
    pytest.param(["finalize", "henan-2025", "2025-11"], ("HN-",), id="finalize-incomplete"),
    pytest.param(["reopen", "henan-2025", "2025-10", "--reason", ""], ("--reason", "理由"), id="reopen-empty-reason"),
    pytest.param(["reopen", "henan-2025", "2025-10", "--reason", "   "], ("--reason", "理由"),
                 id="reopen-blank-reason"),
    pytest.param(["reopen", "henan-2025", "2025-10", "--reason", "补\0交"], ("--reason", "控制字符"),
                 id="reopen-nul-reason"),
    pytest.param(["reopen", "henan-2025", "2025-10"], ("--reason",), id="reopen-without-reason"),
    pytest.param(["reopen", "henan-2025", "2025-10", "--reason", "补" * 5000], ("--reason", "过长"),
                 id="reopen-reason-pasted-page"),
    pytest.param(["reopen", "henan-2025", "2025-11", "--reason", "补交"], ("2025-11", "未定稿"),
                 id="reopen-open-month"),
    # lint
    pytest.param(["lint", F + "/folder"], ("folder", "文件夹"), id="lint-directory"),
    pytest.param(["lint", F + "/missing.txt"], ("missing.txt", "不存在"), id="lint-missing-file"),
    pytest.param(["lint", F + "/binary.bin"], ("binary.bin", "UTF-8"), id="lint-binary"),
    pytest.param(["lint", "nowhere"], ("nowhere",), id="lint-unknown-contract"),
    pytest.param(["lint", ""], ("target", "不能为空"), id="lint-empty"),
    pytest.param(["lint", "/dev/zero"], ("zero", "不是普通文件"), id="lint-endless-device",
                 marks=pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")),
    pytest.param(["--key-file", F + "/fifo.json", "contracts"], ("--key-file", "不是普通文件"), id="key-file-fifo",
                 marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    # reconcile (it stores its findings: a bad date must be refused before)
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", "2025-13-01"], ("--today", "2025-13-01"),
                 id="reconcile-today-month-13"),
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", "2025-02-30"], ("--today", "2025-02-30"),
                 id="reconcile-today-feb-30"),
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", "abc"], ("--today", "YYYY-MM-DD"),
                 id="reconcile-today-text"),
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", ""], ("--today",), id="reconcile-today-empty"),
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", "2025-10-01T08:00"], ("--today",),
                 id="reconcile-today-with-time"),
    pytest.param(["reconcile", "henan-2025", "2025-10", "--today", "0999-01-01"], ("--today", "1900"),
                 id="reconcile-today-year-999"),
    pytest.param(["reconcile", "henan-2025", "2025-13"], ("2025-13",), id="reconcile-month-13"),
    pytest.param(["reconcile", "nowhere", "2025-10"], ("nowhere",), id="reconcile-unknown-contract"),
    # audit
    pytest.param(["audit", "log", "--limit", "-5"], ("--limit", "-5"), id="audit-limit-negative"),
    pytest.param(["audit", "log", "--limit", "0"], ("--limit", "0"), id="audit-limit-zero"),
    pytest.param(["audit", "log", "--limit", "abc"], ("--limit", "abc"), id="audit-limit-text"),
    pytest.param(["audit", "log", "--limit", "9" * 25], ("--limit", "超出范围"), id="audit-limit-huge"),
    pytest.param(["audit", "log", "--limit"], ("--limit",), id="audit-limit-missing"),
    pytest.param(["audit"], ("action",), id="audit-no-action"),
    pytest.param(["audit", "repair"], ("repair",), id="audit-unknown-action"),
]


@pytest.mark.parametrize("args, names", CASES)
def test_malformed_input_is_refused(db, capsys, args, names):
    refused(db, _args(args, db.parent / "files"), capsys, names=names)
    assert not (db.parent / "default").exists(), "fell back to the default database"


def _sqlite_file(path, *statements: str):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


FOREIGN = {
    "another program's tables": ("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                                 "INSERT INTO users (name) VALUES ('张三')"),
    "a Rails schema_migrations": ("CREATE TABLE schema_migrations (version VARCHAR PRIMARY KEY)",
                                  "INSERT INTO schema_migrations VALUES ('20240101000000')",
                                  "CREATE TABLE contracts (id INTEGER PRIMARY KEY, customer TEXT)"),
    "only a view": ("CREATE VIEW answer AS SELECT 42",),
}


@pytest.mark.parametrize("case", sorted(FOREIGN))
@pytest.mark.parametrize("command", [["contracts"], ["init"], ["audit", "verify"]])
def test_another_programs_sqlite_file_is_left_alone(tmp_path, capsys, case, command):
    foreign = _sqlite_file(tmp_path / "crm.sqlite", *FOREIGN[case])
    refused(foreign, command, capsys, names=("crm.sqlite", "其他程序"))  # byte-identical, no tables of ours


@pytest.mark.parametrize("prepare", [
    pytest.param(lambda path: None, id="no file"),
    pytest.param(lambda path: path.write_bytes(b""), id="empty file"),
    pytest.param(lambda path: _sqlite_file(path, "PRAGMA user_version = 7"), id="sqlite without tables"),
])
def test_a_new_or_empty_file_becomes_a_database(tmp_path, capsys, prepare):
    path = tmp_path / "new.db"
    prepare(path)
    assert main(["--db", str(path), "contracts"]) == 0
    assert "henan-2025" in capsys.readouterr().out


def _closed_pipe_run(db, *args):
    """Run the command with stdout a pipe whose reader is already gone (``auditor … | head -0``)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([sys.executable, "-m", "auditor.cli", "--db", str(db), *args], stdout=writer,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120)
    finally:
        os.close(writer)


@pytest.mark.parametrize("args", [["contracts"], ["contracts", "--json"], ["audit", "log", "--limit", "5000"],
                                  ["score", "henan-2025", "2025-10"]])
def test_output_cut_short_by_its_reader_is_not_an_error(db, args):
    before = state(db)
    result = _closed_pipe_run(db, *args)
    assert (result.returncode, result.stderr) == (0, "")
    assert state(db) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_output_closed_before_start_is_not_an_error(db):
    before = state(db)
    result = subprocess.run([sys.executable, "-m", "auditor.cli", "--db", str(db), "contracts"],
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120,
                            preexec_fn=lambda: os.close(1))  # `auditor contracts >&-`
    assert (result.returncode, result.stderr) == (0, "")
    assert state(db) == before


def test_a_usage_error_is_a_return_code_for_callers_of_main(db, capsys):
    assert main(["--db", str(db), "score", "henan-2025"]) == 2
    assert main(["--db", str(db), "--help"]) == 0
    assert "usage" in capsys.readouterr().out


def test_an_amount_typed_as_a_number_is_kept_as_written(db, capsys):
    # the template keeps amounts as text ("6468000.00"); total=6500000.50 must not become a float or be refused
    assert main(["--db", str(db), "contract", "set", "henan-2025", "total=6500000.50", "--open-months-only"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "contracts", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["id"]: c["total"] for c in data}["henan-2025"] == "6500000.50"
