"""The SQL store's retention: messages whose every delivery has ended, emptied in batches.

One batch is one write transaction: its messages' events and deliveries are deleted and each message
row keeps only what identifies it (`transitions.emptied`), or nothing changes. On PostgreSQL a batch
takes a transaction advisory lock without waiting (another process pruning now: this one does
nothing) and locks the batch's deliveries before checking them again, so that an operator's resend of
a dead letter is either seen (the message is kept) or waits and finds the delivery gone. On SQLite a
write transaction is already alone (``BEGIN IMMEDIATE``). Identity retention (`forget`) deletes the
rows of pruned messages received before a longer cutoff, in batches under the same rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, delete, func, select, text, update

from gateway.store.port import ENDED_STATES, Pruned
from gateway.store.sql_base import SqlBase
from gateway.store.tables import deliveries, events, messages

PRUNE_LOCK = 4_201_003


def waiting() -> ColumnElement[bool]:
    """Whether a message has a delivery (a non-delivery notice included) in a state other than
    ENDED_STATES: retention may not empty it (`prunable`), and it is what retention keeps
    (`sql_kept`)."""
    d = deliveries.c
    return select(d.id).where(d.message_id == messages.c.message_id, d.state.not_in(ENDED_STATES)).exists()


def prunable(before: datetime) -> Select[Any]:
    """The IDs of the messages retention may empty: received before `before`, not emptied yet, not
    `waiting`; oldest first."""
    m = messages.c
    return (
        select(m.message_id)
        .where(m.received_at < before, m.pruned_at.is_(None), ~waiting())
        .order_by(m.received_at, m.message_id)
    )


def forgettable(before: datetime) -> Select[Any]:
    """The IDs of the pruned messages received before `before`, oldest first (the partial index of
    migration 0009 holds them in this order)."""
    m = messages.c
    return (
        select(m.message_id).where(m.pruned_at.is_not(None), m.received_at < before).order_by(m.received_at)
    )


class SqlRetention(SqlBase):
    """`prune` and `forget`: retention on the SQL store; `vacuum` below."""

    def forget(self, before: datetime, limit: int | None, dry_run: bool = False) -> int:
        if dry_run:
            with self._read() as conn:
                return int(
                    conn.execute(
                        select(func.count()).select_from(forgettable(before).subquery())
                    ).scalar_one()
                )
        with self._write() as conn:
            if not self._alone(conn):
                return 0
            ids = [str(row[0]) for row in conn.execute(forgettable(before).limit(limit))]
            if ids:  # a pruned message has no deliveries or events left, and nothing writes to its row
                conn.execute(
                    delete(messages).where(messages.c.message_id.in_(ids), messages.c.pruned_at.is_not(None))
                )
            return len(ids)

    def prune(self, before: datetime, now: datetime, limit: int | None, dry_run: bool = False) -> Pruned:
        if dry_run:  # counted in place: every prunable message at once, nothing written, no lock
            with self._read() as conn:
                return _measure(conn, messages.c.message_id.in_(prunable(before)))
        with self._write() as conn:
            ids = self._batch(conn, before, limit) if self._alone(conn) else []
            if not ids:
                return Pruned()
            found = _measure(conn, messages.c.message_id.in_(ids))
            _empty(conn, ids, now)
            return found

    def _batch(self, conn: Connection, before: datetime, limit: int | None) -> list[str]:
        """The IDs of the next batch; on PostgreSQL their deliveries locked, then checked again (a
        resend committed meanwhile took a dead letter back to pending)."""
        ids = [str(row[0]) for row in conn.execute(prunable(before).limit(limit))]
        if ids and self._postgres:
            conn.execute(select(deliveries.c.id).where(deliveries.c.message_id.in_(ids)).with_for_update())
            query = prunable(before).where(messages.c.message_id.in_(ids))
            ids = [str(row[0]) for row in conn.execute(query)]
        return ids

    def _alone(self, conn: Connection) -> bool:
        """Whether this transaction is the only one pruning (PostgreSQL: it took PRUNE_LOCK)."""
        if not self._postgres:
            return True
        return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:n)"), {"n": PRUNE_LOCK}).scalar())


def _measure(conn: Connection, chosen: ColumnElement[bool]) -> Pruned:
    """How many messages `chosen` picks, and their deliveries, events and bytes."""
    m, d, e = messages.c, deliveries.c, events.c
    size = func.coalesce(func.sum(func.length(m.original) + func.coalesce(func.length(m.harmonized), 0)), 0)
    count, kept = conn.execute(select(func.count(), size).where(chosen)).one()
    ids = select(m.message_id).where(chosen).scalar_subquery()
    outbox, payloads = conn.execute(
        select(func.count(), func.coalesce(func.sum(func.length(d.payload)), 0)).where(d.message_id.in_(ids))
    ).one()
    logged = conn.execute(select(func.count()).where(e.message_id.in_(ids))).scalar_one()
    return Pruned(int(count), int(outbox), int(logged), int(kept) + int(payloads))


def _empty(conn: Connection, ids: list[str], now: datetime) -> None:
    """Delete the events and deliveries of messages `ids` and empty their rows, in `conn`'s transaction."""
    conn.execute(delete(events).where(events.c.message_id.in_(ids)))
    conn.execute(delete(deliveries).where(deliveries.c.message_id.in_(ids)))
    conn.execute(
        update(messages)
        .where(messages.c.message_id.in_(ids))
        .values(original=b"", harmonized=None, issues="[]", status="pruned", pruned_at=now)
    )


class SqlVacuum(SqlBase):
    """`vacuum`: give the space of pruned rows back, outside any transaction."""

    def vacuum(self) -> None:
        """SQLite: rewrite the file without its free pages (``VACUUM``: the whole file is copied, writers
        wait meanwhile) and empty the WAL. PostgreSQL: ``VACUUM`` the pruned tables (their space is
        reused; autovacuum does the same in its own time)."""
        raw = self.engine.raw_connection()
        try:
            if self._postgres:
                raw.driver_connection.autocommit = True  # type: ignore[union-attr]  # psycopg's own
            cursor = raw.cursor()
            for statement in VACUUM[self.engine.dialect.name]:
                cursor.execute(statement)
            cursor.close()
        finally:
            if self._postgres:
                raw.driver_connection.autocommit = False  # type: ignore[union-attr]
            raw.close()


VACUUM = {
    "sqlite": ("VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"),
    "postgresql": ("VACUUM (ANALYZE) messages, deliveries, events",),
}
