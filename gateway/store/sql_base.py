"""What the SQL store's modules share: transactions, outbox reads and inserts, events, advisory locks.

`SqlStore` (gateway/store/sql.py) is this base with the held deliveries (`sql_holds.py`) and the dead
letters (`sql_dead_letters.py`) mixed in; each method is one transaction. Write transactions on SQLite
start with ``BEGIN IMMEDIATE`` (writers queue); on PostgreSQL rows are locked with ``FOR UPDATE`` and
outbox inserts take a transaction advisory lock, so delivery IDs become visible in the order they were
given: the inbox cursor never skips a delivery that commits late.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, insert, select, text, update

from gateway.store import rows, transitions
from gateway.store.driver import DriverInsert, Transaction
from gateway.store.driver_transaction import DriverTransaction
from gateway.store.memory import utc_now
from gateway.store.port import Delivery, NewDelivery, NewEvent, Outcome
from gateway.store.tables import deliveries, events, messages

OUTBOX_LOCK = 4_201_001
LIVE_STATES = transitions.LIVE_STATES
# statements built once: SQLAlchemy then finds their compiled form in its cache at once instead of
# building and hashing a new statement per call
INSERT_DELIVERY = insert(deliveries).returning(deliveries.c.id)
# the accept path's inserts go straight to the driver (gateway/store/driver.py: ~45 µs less a statement)
ADD_DELIVERY = DriverInsert(deliveries, [c.name for c in deliveries.c if c.name != "id"], returning="id")
ADD_EVENTS = DriverInsert(events, [c.name for c in events.c if c.name != "id"])
_PAYLOAD = func.coalesce(deliveries.c.payload, messages.c.harmonized).label("payload")
"""A delivery's payload: its own, or (NULL) the harmonized message it carries unchanged (migration 0002)."""


def delivery_rows() -> Select[Any]:
    """Outbox rows as `Delivery` reads them: every column, the payload joined from the message when the
    row does not hold its own."""
    columns = [column for column in deliveries.c if column.name != "payload"]
    return select(*columns, _PAYLOAD).select_from(deliveries.join(messages))


class SqlBase:
    """A SQLAlchemy engine and the steps every part of the SQL store takes inside its transactions."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine, self.clock = engine, clock
        self._postgres = engine.dialect.name == "postgresql"

    def _settle(self, conn: Connection, delivery: Delivery, outcome: Outcome) -> None:
        """`delivery` (locked) ends its attempt, or its hold, with `outcome`: its new state and events and,
        when it ends undelivered, the sender's notice, in the caller's transaction."""
        done = transitions.finished(delivery, outcome)
        conn.execute(update(deliveries).where(deliveries.c.id == delivery.id).values(changes(done)))
        self._append(conn, delivery.message_id, transitions.outcome_events(delivery, outcome))
        if transitions.tells_sender(delivery, outcome):
            sender = conn.execute(
                select(messages.c.sender).where(messages.c.message_id == delivery.message_id)
            ).scalar_one()
            notice = transitions.non_delivery_notice(delivery, sender, outcome)
            self._add_delivery(conn, delivery.message_id, notice)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(sqlite_begin="DEFERRED") as conn, conn.begin():
            yield conn

    def _deliveries(self, query: Select[Any]) -> list[Delivery]:
        with self._read() as conn:
            return [rows.to_delivery(row._mapping) for row in conn.execute(query)]

    def _locked(self, conn: Connection, delivery_id: int) -> Delivery | None:
        query = delivery_rows().where(deliveries.c.id == delivery_id).with_for_update(of=deliveries)
        row = conn.execute(query).first()
        return rows.to_delivery(row._mapping) if row else None

    def _add_delivery(self, conn: Connection, message_id: str, new: NewDelivery) -> None:
        self._append(conn, message_id, [self._insert_delivery(conn, message_id, new)])

    def _insert_delivery(
        self, conn: Transaction, message_id: str, new: NewDelivery, harmonized: bytes | None = None
    ) -> NewEvent:
        """Insert one outbox row; its delivery:queued event, for the caller to append. A payload equal to
        the message's `harmonized` bytes is not stored again: NULL, read back as the message's."""
        self._advisory_lock(conn, OUTBOX_LOCK)
        values = rows.delivery_values(message_id, new)
        stored = values | {"payload": None} if rows.same_bytes(new.payload, harmonized) else values
        delivery_id = int(ADD_DELIVERY.one(conn, stored))
        delivery = rows.to_delivery(values | {"id": delivery_id, "last_error": None, "delivered_at": None})
        return transitions.queued_event(delivery)

    def _append(
        self, conn: Transaction, message_id: str | None, new: Sequence[NewEvent], at: datetime | None = None
    ) -> None:
        if not new:
            return
        stamp = at or self.clock()
        ADD_EVENTS.many(
            conn,
            [
                {"message_id": message_id, "name": e.name, "recipient": e.recipient, "at": stamp,
                 "detail": json.dumps(dict(e.detail), ensure_ascii=False)}
                for e in new
            ],
        )  # fmt: skip

    def _append_each(self, conn: Connection, events: Sequence[tuple[str, NewEvent]], at: datetime) -> None:
        """Append events of several messages in one statement: (message ID, event) pairs."""
        if events:
            ADD_EVENTS.many(
                conn,
                [
                    {"message_id": message_id, "name": e.name, "recipient": e.recipient, "at": at,
                     "detail": json.dumps(dict(e.detail), ensure_ascii=False)}
                    for message_id, e in events
                ],
            )  # fmt: skip

    def _advisory_lock(self, conn: Transaction, number: int) -> None:
        if not self._postgres:
            return
        if isinstance(conn, DriverTransaction):
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (number,))
        else:
            conn.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": number})


def changes(delivery: Delivery) -> dict[str, object]:
    names = (
        "state",
        "attempts",
        "last_error",
        "delivered_at",
        "next_attempt_at",
        "lease_owner",
        "lease_until",
    )
    return {name: getattr(delivery, name) for name in names}
