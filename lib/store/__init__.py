"""The store: bulletins kept in SQLite (default) or PostgreSQL, and read back as frames.

Nothing else in the code base writes SQL. Use `Store.open()`; see store.py for the API.
"""

from lib.store.engine import resolve_url
from lib.store.records import BulletinInfo, ImportResult, ImportStatus, Original
from lib.store.store import Store

__all__ = ["BulletinInfo", "ImportResult", "ImportStatus", "Original", "Store", "resolve_url"]
