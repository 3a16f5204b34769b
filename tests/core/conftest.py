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
