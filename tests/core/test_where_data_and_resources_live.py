"""Where the program finds its shipped resources and the user's database."""
from __future__ import annotations

import sys

import pytest

from auditor.paths import default_db_path, resources_dir


def test_resources_come_from_the_checkout_or_from_inside_the_bundle(monkeypatch, tmp_path):
    assert (resources_dir() / "contracts" / "henan-2025.json").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)     # a PyInstaller bundle unpacked here
    assert resources_dir() == tmp_path / "resources"


def test_auditor_db_names_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("AUDITOR_DB", str(tmp_path / "office.db"))
    assert default_db_path() == tmp_path / "office.db"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux data folder")
def test_otherwise_it_is_auditor_db_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("AUDITOR_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "auditor" / "auditor.db"
