"""A SQLite store whose disk fills: SQLite's own "database or disk is full" (SQLITE_FULL) from
``PRAGMA max_page_count``, set on every connection of the store's pool at each checkout, so that the
limit moves under a running gateway: lowered, the disk is full; raised, the space is back (no restart,
no new connection)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from gateway.store.sql import SqlStore

UNLIMITED = 1_073_741_823


class Disk:
    """The space the gateway's SQLite file may take, in pages, applied at every pool checkout."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.pages = UNLIMITED
        event.listen(store.engine, "checkout", self._apply)

    def _apply(self, driver: Any, _record: object, _proxy: object) -> None:
        driver.execute(f"PRAGMA max_page_count = {self.pages}").close()

    def used(self) -> int:
        return self.pragma("page_count")

    def pragma(self, name: str) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.exec_driver_sql(f"PRAGMA {name}").scalar_one())

    def fill(self, headroom: int) -> None:
        """Leave `headroom` pages free."""
        self.pages = self.used() + headroom

    def free(self) -> None:
        self.pages = UNLIMITED
