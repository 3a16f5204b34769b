"""No SQL outside the storage layer: a query written elsewhere is a rule the schema can break unseen.

The storage layer is ``auditor/storage/`` with the tamper evidence it maintains (``auditor/audit.py``,
``auditor/anchors.py``); the import-linter contracts in pyproject.toml keep the layers' direction.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORAGE = {"auditor/audit.py", "auditor/anchors.py"}
SQL_CALLS = {"execute", "executemany", "executescript", "iterdump", "backup"}
# Known debt, kept from growing: the audit bundle still reads and writes its rows itself (issue 11's note).
ALLOWED = {"auditor/bundle.py": 22}


def sql_uses(path: Path) -> list[str]:
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            uses.append(f"{node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                                                     else [])
            if any(n.split(".")[0] in ("sqlite3", "sqlcipher3", "sqlite_utils") for n in names):
                uses.append(f"{node.lineno}: import of an SQLite module")
    return uses


def test_no_sql_outside_storage():
    offenders = {}
    for path in sorted([*ROOT.glob("auditor/**/*.py"), *ROOT.glob("ui/**/*.py")]):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith("auditor/storage/") or name in STORAGE:
            continue
        uses = sql_uses(path)
        if len(uses) > ALLOWED.get(name, 0):
            offenders[name] = uses
    assert not offenders, offenders


def test_the_check_sees_sql(tmp_path):
    """The check itself can fail: a module that queries directly is caught."""
    module = tmp_path / "page.py"
    module.write_text("import sqlite3\n\ndef rows(store):\n    return store.db.execute('SELECT 1').fetchall()\n")
    assert sql_uses(module) == ["1: import of an SQLite module", "4: .execute("]
