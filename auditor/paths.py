"""Where the shipped resources and the user's data live."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` beside the packages, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_db_path() -> Path:
    """``AUDITOR_DB`` if set, else ``auditor.db`` in the user's data directory."""
    override = os.environ.get("AUDITOR_DB")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("auditor", appauthor=False)) / "auditor.db"


def state_dir() -> Path:
    """``AUDITOR_STATE_DIR`` if set, else the user's config folder: what this user's programs keep about the
    databases they open (anchors, contracts already checked), out of reach of whoever made a database."""
    override = os.environ.get("AUDITOR_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("auditor", appauthor=False))


def restore_journal(db_path: Path) -> Path:
    """The journal a restore writes beside the database it replaces (auditor.backup): while it or its ``.tmp``
    is there, a restore was interrupted and is finished before the database is opened."""
    return db_path.with_name(db_path.name + ".restore-journal")
