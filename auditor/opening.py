"""Opening the database the way the program does: finish what a kill interrupted, then open.

Storage opens a database file; this module, above storage, first finishes an interrupted restore (and
refuses to create an empty database where one evidently existed), and afterwards finishes (or clears) an
audit bundle's import that a kill interrupted. The CLI and the app open through here.
"""
from __future__ import annotations

import glob
import os
from pathlib import Path

from .paths import restore_journal
from .storage import Store, open_store


def open_database(path: str | Path = ":memory:", seed: bool = True, key: str | None = None) -> Store:
    if str(path) == ":memory:":
        return open_store(path, seed=seed, key=key)
    if _restore_pending(Path(path)):
        from .backup import before_open

        before_open(Path(path))  # finish an interrupted restore; never silently replace a lost database
    store = open_store(path, seed=seed, key=key)
    evidence = store.evidence_dir
    if any(evidence.parent.glob(f"{glob.escape(evidence.name)}.incoming-*")):
        from .bundle import finish_interrupted

        finish_interrupted(store)  # an audit bundle's import a kill interrupted: finished, or its staging cleared
    return store


def _restore_pending(db_path: Path) -> bool:
    """Whether :func:`auditor.backup.before_open` has anything to do: a restore's journal (or its ``.tmp``) is
    there, or the database is not. Else the backup module is not even imported (5 ms of every command)."""
    journal = restore_journal(db_path)
    return not db_path.exists() or os.path.lexists(journal) or os.path.lexists(f"{journal}.tmp")
