"""The SQL store: the `Store` port on SQLite (default) or PostgreSQL through SQLAlchemy Core.

Each method is one transaction (the transactions, outbox reads and inserts and locks are in
`sql_base.py`; held deliveries in `sql_holds.py`, dead letters in `sql_dead_letters.py`, retention in
`sql_retention.py`). Concurrent
accepts share a commit (`group_commit.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import cast

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from gateway.settings import Settings
from gateway.store import rows, transitions
from gateway.store.counting import count_unresolved
from gateway.store.database import DEFAULT_LIMITS, ServerLimits, make_engine, migrate, sqlite_url
from gateway.store.driver import DriverInsert, DriverQuery, Transaction
from gateway.store.driver_transaction import DriverTransaction, write_on_driver
from gateway.store.group_commit import GroupCommit
from gateway.store.memory import utc_now
from gateway.store.port import (
    Accepted,
    ApiKey,
    Delivery,
    DisabledEndpoint,
    Event,
    MessageHead,
    NewDelivery,
    NewEvent,
    NewMessage,
    Outcome,
    ReferenceConflict,
    StoredMessage,
    UnresolvedName,
)
from gateway.store.sql_base import LIVE_STATES, OUTBOX_LOCK, delivery_rows
from gateway.store.sql_corrections import SqlCorrections
from gateway.store.sql_dead_letters import SqlDeadLetters
from gateway.store.sql_holds import SqlHolds
from gateway.store.sql_kept import SqlKept
from gateway.store.sql_probe import SqlWriteProbe
from gateway.store.sql_retention import SqlRetention, SqlVacuum
from gateway.store.sql_sessions import SqlSessions
from gateway.store.sql_unresolved import UNRESOLVED_LOCK, SqlUnresolved
from gateway.store.tables import api_keys, deliveries, endpoints, events, messages

__all__ = ["LIVE_STATES", "OUTBOX_LOCK", "UNRESOLVED_LOCK", "SqlStore", "open_store", "store_url"]
# the statement of the write path of accept, built once: SQLAlchemy then finds its compiled form in
# its cache at once instead of building and hashing a new statement per call
_ADD_MESSAGE = DriverInsert(messages, [column.name for column in messages.c])  # on the driver
_KEY = DriverQuery(select(api_keys).where(api_keys.c.key_id == bindparam("key_id")))
_BY_REFERENCE = select(messages.c.message_id, messages.c.digest).where(
    messages.c.sender == bindparam("sender"), messages.c.reference == bindparam("reference")
)


EVENTS_QUERY_IDS = 500
"""Message IDs per query of `message_events` (SQLite binds at most 32,766 parameters)."""


class SqlStore(
    SqlHolds,
    SqlDeadLetters,
    SqlUnresolved,
    SqlCorrections,
    SqlSessions,
    SqlRetention,
    SqlVacuum,
    SqlKept,
    SqlWriteProbe,
):
    """The store on a SQLAlchemy engine; `SqlStore.open(url)` connects and migrates."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(engine, clock)
        # concurrent accepts share a commit (one fsync), and the names they left unresolved are counted
        # once per batch: one read and one write per distinct name, not per document; the transaction is
        # the driver's own (driver_transaction.py)
        self._accepts = GroupCommit(partial(write_on_driver, engine), self._count_accepted)

    @classmethod
    def open(
        cls,
        url: str,
        clock: Callable[[], datetime] = utc_now,
        sqlite_synchronous: str = "full",
        limits: ServerLimits = DEFAULT_LIMITS,
    ) -> SqlStore:
        """Connect to `url` and bring its schema to the newest migration."""
        engine = make_engine(url, sqlite_synchronous, limits)
        migrate(engine)
        return cls(engine, clock)

    def close(self) -> None:
        self.engine.dispose()

    def accept(
        self,
        message: NewMessage,
        deliveries: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName] = (),
    ) -> Accepted:
        for last in (False, True):
            try:
                accepted, _ = self._accepts.write(
                    lambda conn: self._accept(conn, message, deliveries, events, unresolved)
                )
                return accepted
            except IntegrityError:  # the same reference is stored: a repeat, or a conflict
                with self._read() as conn:
                    found = self._by_reference(conn, message.sender, message.reference)
                if found is not None:
                    return _repeat(message, *found)
                if last:
                    raise
                # its row went between the insert and the read (identity retention): received as new
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _accept(
        self,
        conn: DriverTransaction,
        message: NewMessage,
        outbox: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName],
    ) -> tuple[Accepted, Sequence[UnresolvedName]]:
        """The write of one accept, in a transaction that concurrent accepts may share (`GroupCommit`),
        and the names to count with it (`_count_accepted` counts them in the same transaction, once the
        batch is written). A repeat or a conflict is found by the unique (sender, reference) key: the
        insert fails in this write's own savepoint and `accept` reads the first message after the
        commit (no read before every insert: repeats are rare, and each statement costs ~0.1 ms)."""
        _ADD_MESSAGE.one(conn, rows.message_values(message))
        queued = [self._insert_delivery(conn, message.message_id, new, message.harmonized) for new in outbox]
        self._append(conn, message.message_id, [*events, *queued])
        return Accepted(message.message_id, created=True), unresolved

    def _count_accepted(self, conn: DriverTransaction, results: list[object]) -> None:
        """Count, once for a batch of accepts, the unresolved names of those that stored a message."""
        written = cast(list[tuple[Accepted, Sequence[UnresolvedName]]], results)
        names = [name for _, seen in written for name in seen]
        if names:
            self._count_unresolved(conn, names)

    def message(self, message_id: str) -> StoredMessage | None:
        with self._read() as conn:
            row = conn.execute(select(messages).where(messages.c.message_id == message_id)).first()
        return rows.to_message(row._mapping) if row else None

    def message_head(self, message_id: str) -> MessageHead | None:
        query = select(*rows.HEAD_COLUMNS).where(messages.c.message_id == message_id)
        with self._read() as conn:
            row = conn.execute(query).first()
        return rows.to_message_head(row._mapping) if row else None

    def events(self, message_id: str) -> list[Event]:
        query = select(events).where(events.c.message_id == message_id).order_by(events.c.id)
        with self._read() as conn:
            return [rows.to_event(row._mapping) for row in conn.execute(query)]

    def message_events(self, message_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The events of several messages at once (the dead-letter list), in order, by message."""
        found: dict[str, list[Event]] = {message_id: [] for message_id in message_ids}
        unique = list(found)
        with self._read() as conn:
            for start in range(0, len(unique), EVENTS_QUERY_IDS):
                chunk = unique[start : start + EVENTS_QUERY_IDS]
                query = select(events).where(events.c.message_id.in_(chunk)).order_by(events.c.id)
                for row in conn.execute(query):
                    event = rows.to_event(row._mapping)
                    found[str(event.message_id)].append(event)
        return found

    def deliveries(self, message_id: str) -> list[Delivery]:
        query = delivery_rows().where(deliveries.c.message_id == message_id).order_by(deliveries.c.id)
        return self._deliveries(query)

    def delivery(self, delivery_id: int) -> Delivery | None:
        found = self._deliveries(delivery_rows().where(deliveries.c.id == delivery_id))
        return found[0] if found else None

    def pending_ids(self, message_id: str, methods: Sequence[str] = ("push", "file")) -> list[int]:
        c = deliveries.c
        # the methods are filtered here: an IN list of parameters costs more to compile than the few rows
        query = select(c.id, c.method).where(c.message_id == message_id, c.state == "pending").order_by(c.id)
        with self._read() as conn:
            return [int(row.id) for row in conn.execute(query) if row.method in methods]

    def due(self, now: datetime, limit: int, methods: Sequence[str] = ("push", "file")) -> list[Delivery]:
        c = deliveries.c
        query = (
            delivery_rows()
            .where(c.state.in_(LIVE_STATES), c.method.in_(tuple(methods)), c.next_attempt_at <= now)
            .where(or_(c.lease_until.is_(None), c.lease_until <= now))
            .order_by(c.next_attempt_at, c.id)
            .limit(limit)
        )
        return self._deliveries(query)

    def expiring(self, now: datetime, limit: int, methods: Sequence[str] = ("pull",)) -> list[Delivery]:
        c = deliveries.c
        query = (
            delivery_rows()
            .where(c.state.in_(LIVE_STATES), c.method.in_(tuple(methods)), c.expires_at <= now)
            .order_by(c.id)
            .limit(limit)
        )
        return self._deliveries(query)

    def claim(self, delivery_id: int, worker: str, lease_until: datetime, now: datetime) -> Delivery | None:
        c = deliveries.c
        free = or_(c.lease_until.is_(None), c.lease_until <= now)
        with self._write() as conn:
            result = conn.execute(
                update(deliveries)
                .where(c.id == delivery_id, c.state.in_(LIVE_STATES), free)
                .values(lease_owner=worker, lease_until=lease_until)
            )
            if result.rowcount != 1:
                return None
            return self._locked(conn, delivery_id)

    def finish(self, delivery_id: int, worker: str, outcome: Outcome) -> bool:
        with self._write() as conn:
            delivery = self._locked(conn, delivery_id)
            if delivery is None or delivery.lease_owner != worker or delivery.state not in LIVE_STATES:
                return False
            self._settle(conn, delivery, outcome)
            return True

    def inbox(self, recipient: str, after: int, limit: int, now: datetime | None = None) -> list[Delivery]:
        c = deliveries.c
        query = delivery_rows().where(
            c.recipient == recipient, c.method == "pull", c.state.in_(LIVE_STATES), c.id > after
        )
        if now is not None:
            query = query.where(or_(c.expires_at.is_(None), c.expires_at > now))
        return self._deliveries(query.order_by(c.id).limit(limit))

    def acknowledge(self, recipient: str, delivery_id: int, now: datetime | None = None) -> bool:
        c, at = deliveries.c, now or self.clock()
        with self._write() as conn:
            result = conn.execute(
                update(deliveries)
                .where(c.id == delivery_id, c.recipient == recipient, c.method == "pull")
                .where(c.state.in_(LIVE_STATES), or_(c.expires_at.is_(None), c.expires_at > at))
                .values(state="delivered", delivered_at=at)
                .returning(c.message_id)
            ).first()
            if result is None:
                return False
            event = NewEvent("delivery:delivered", recipient, {"delivery_id": delivery_id, "method": "pull"})
            self._append(conn, result.message_id, [event])
            return True

    def delivery_counts(self) -> dict[str, int]:
        query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        with self._read() as conn:
            return {str(state): int(count) for state, count in conn.execute(query)}

    def disable_endpoint(self, recipient: str, reason: str, now: datetime | None = None) -> None:
        at = now or self.clock()
        with self._write() as conn:
            conn.execute(delete(endpoints).where(endpoints.c.recipient == recipient))
            conn.execute(insert(endpoints).values(recipient=recipient, reason=reason, disabled_at=at))
            self._append(conn, None, [NewEvent("endpoint:disabled", recipient, {"reason": reason})], at)

    def endpoint_disabled(self, recipient: str) -> str | None:
        query = select(endpoints.c.reason).where(endpoints.c.recipient == recipient)
        with self._read() as conn:
            return conn.execute(query).scalar_one_or_none()

    def disabled_endpoints(self) -> list[DisabledEndpoint]:
        query = select(endpoints).order_by(endpoints.c.recipient)
        with self._read() as conn:
            return [rows.to_disabled_endpoint(row._mapping) for row in conn.execute(query)]

    def endpoint_events(self, recipient: str) -> list[Event]:
        c = events.c
        query = select(events).where(c.message_id.is_(None), c.recipient == recipient).order_by(c.id)
        with self._read() as conn:
            return [rows.to_event(row._mapping) for row in conn.execute(query)]

    def enable_endpoint(self, recipient: str, now: datetime | None = None) -> bool:
        at = now or self.clock()
        with self._write() as conn:
            removed = conn.execute(
                delete(endpoints).where(endpoints.c.recipient == recipient).returning(endpoints.c.reason)
            ).first()
            if removed is None:
                return False
            self._append(conn, None, [transitions.enabled_event(recipient, removed.reason)], at)
            return True

    def record_unresolved(self, names: Sequence[UnresolvedName]) -> None:
        with self._write() as conn:
            self._count_unresolved(conn, names)

    def add_key(self, key: ApiKey) -> None:
        with self._write() as conn:
            conn.execute(insert(api_keys).values(rows.key_values(key)))

    def key(self, key_id: str) -> ApiKey | None:
        row = _KEY.first(self.engine, {"key_id": key_id})  # every request: on the driver (driver.py)
        return rows.to_key(row) if row else None

    def api_keys(self) -> list[ApiKey]:
        query = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.key_id)
        with self._read() as conn:
            return [rows.to_key(row._mapping) for row in conn.execute(query)]

    def update_key(self, key: ApiKey) -> None:
        with self._write() as conn:
            values = rows.key_values(key)
            conn.execute(update(api_keys).where(api_keys.c.key_id == key.key_id).values(values))

    def _by_reference(self, conn: Connection, sender: str, reference: str) -> tuple[str, str] | None:
        row = conn.execute(_BY_REFERENCE, {"sender": sender, "reference": reference}).first()
        return (row.message_id, row.digest) if row else None

    def _count_unresolved(self, conn: Transaction, names: Sequence[UnresolvedName]) -> None:
        self._advisory_lock(conn, UNRESOLVED_LOCK)
        count_unresolved(conn, names)


def _repeat(message: NewMessage, message_id: str, digest: str) -> Accepted:
    if digest != message.digest:
        raise ReferenceConflict(message.sender, message.reference, message_id)
    return Accepted(message_id, created=False)


def store_url(settings: Settings) -> str:
    """The URL of the store that `settings` name: `database_url`, or a SQLite file in `data_dir`."""
    return settings.database_url or sqlite_url(settings.data_dir / "gateway.sqlite3")


def open_store(settings: Settings, clock: Callable[[], datetime] = utc_now) -> SqlStore:
    """The SQL store of `settings`, its schema brought up to date."""
    limits = ServerLimits(
        settings.postgres_connect_timeout_seconds,
        settings.postgres_lock_timeout_seconds,
        settings.postgres_statement_timeout_seconds,
    )
    return SqlStore.open(store_url(settings), clock, settings.sqlite_synchronous, limits)
