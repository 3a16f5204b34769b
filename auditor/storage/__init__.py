"""SQLite storage through sqlite-utils: one file, versioned migrations, atomic writes."""
from .db import Store, encrypt_database, is_encrypted, open_store

__all__ = ["Store", "open_store", "encrypt_database", "is_encrypted"]
