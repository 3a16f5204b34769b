"""SQLite storage through sqlite-utils: one file, versioned migrations, atomic writes."""
from .db import Store, open_store

__all__ = ["Store", "open_store"]
