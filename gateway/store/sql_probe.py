"""`probe_write`: whether the SQL store can write now, by writing (and deleting) a row that needs room.

A read answers when the disk is full or the SQLite file read-only; only a write learns that the store
cannot write. The probe inserts `WRITE_PROBE_BYTES` into the `write_probe` table and deletes them in
one transaction that commits: SQLite has to find the pages for them (SQLITE_FULL when it cannot) and
write them to its write-ahead log at the commit, PostgreSQL to its WAL and the table's storage; the
table holds nothing afterwards (SQLite keeps the freed pages for the next probe or document).
"""

from __future__ import annotations

from sqlalchemy import delete, insert

from gateway.store.sql_base import SqlBase
from gateway.store.tables import write_probe

WRITE_PROBE_BYTES = 1024 * 1024
"""What a probe writes: room for the rows of a large document (its original, harmonized message and
shares; a typical one takes 20-40 KB), so that a store that takes the probe takes the next documents
too, rather than saying ready while a post in two is refused. It costs a write of 1 MiB (and its fsync)
per probe, and probes run only while writes are failing."""


class SqlWriteProbe(SqlBase):
    """`probe_write`: one committed write transaction that leaves nothing behind."""

    def probe_write(self) -> None:
        """Raise what the database raises when it cannot write `WRITE_PROBE_BYTES` now."""
        with self._write() as conn:
            conn.execute(insert(write_probe).values(id=1, filler=bytes(WRITE_PROBE_BYTES)))
            conn.execute(delete(write_probe))
