"""What defines a database file's schema, and the check that a file is this program's database."""
from __future__ import annotations

import functools
import sqlite3

from .migrations import BOOKKEEPING, version_of


def schema_of(conn: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    """Every table, index, trigger and view with its SQL (whitespace folded).

    The table recording the applied steps is left out (with its indexes, not its triggers): its name and
    shape changed in schema 10 (sqlite-utils' migrations), and the version is read from it separately."""
    return {(kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        if not (kind in ("table", "index") and table in BOOKKEEPING)}


@functools.cache
def expected_schema(version: int) -> frozenset[tuple[str, str, str, str]]:
    """The schema this program builds at ``version``, from its own migrations."""
    from .db import Database
    from .migrations import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(Database(conn), target=version)
        return frozenset(schema_of(conn))
    finally:
        conn.close()


def inspect(conn: sqlite3.Connection) -> tuple[bool, set[tuple[str, str, str, str]], int | None]:
    """(passes ``integrity_check``, its schema, its version) of an opened database file."""
    ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return ok, schema_of(conn), version_of(conn)
