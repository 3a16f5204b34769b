"""Run by test_restore_kill.

``leave-wal DB FILE``: work after the backup (a month and an evidence file), then die without closing, so
the database keeps a -wal as after a crash of the app.
``restore DB ZIP``: ``auditor.backup.restore`` straight on such a database (the CLI would checkpoint the
-wal away when it closes its store), to reach the step that moves the -wal aside.
"""
import os
import sys
from pathlib import Path


def main(action: str, db: str, other: str) -> None:
    if action == "leave-wal":
        from auditor.calendar import Period
        from auditor.opening import open_database
        from tests.core.builders import record

        store = open_database(db)
        store.db.execute("PRAGMA wal_autocheckpoint = 0")
        record(store, store.contracts.get("henan-2025"), "2025-11")
        store.evidence.add("henan-2025", Period(2025, 11), "HN-02", Path(other))
        os._exit(0)
    from auditor.backup import restore

    restore(Path(db), Path(other))


if __name__ == "__main__":
    main(*sys.argv[1:4])
