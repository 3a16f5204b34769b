from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit chain's anchors live in the user's config folder: never the real one under test. Module-scoped
# fixtures use this session-wide folder; each test gets its own below.
os.environ["AUDITOR_STATE_DIR"] = tempfile.mkdtemp(prefix="auditor-state-")
# The log (auditor/logs.py) too: a test that configures it, or a CLI it runs, writes here, never to the user's.
os.environ["AUDITOR_LOG_DIR"] = tempfile.mkdtemp(prefix="auditor-log-")


@pytest.fixture(autouse=True)
def _own_state_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("AUDITOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """The log configured into this test's folder, as the CLI and the app do it, and detached afterwards."""
    from auditor import logs

    monkeypatch.setenv(logs.ENV, str(tmp_path / "logs"))
    path = logs.configure()
    yield path
    logs.stop()
