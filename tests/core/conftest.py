"""Fixtures for the core: a real SQLite store (in memory, or a file)."""
from __future__ import annotations

import pytest

from auditor.storage import open_store


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path):
    s = open_store(tmp_path / "auditor.db")
    yield s
    s.close()


@pytest.fixture
def db(tmp_path):
    """A database made by ``auditor init`` (a test file may define its own ``db``)."""
    from auditor.cli import main

    path = tmp_path / "audit.db"
    assert main(["--db", str(path), "init"]) == 0
    return path
